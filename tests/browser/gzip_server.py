"""A static server that compresses every answer with gzip, as GitHub Pages and nginx do for
the files they compress, and logs what each request cost on the wire: for measuring what a
page transfers (tests/browser/test_explore.py, bench/explore.py)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import mimetypes
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

LEVEL = 1  # nginx's default gzip_comp_level: the largest answers a compressing host sends


@dataclass
class Sent:
    path: str
    raw: int  # the file's bytes
    wire: int  # the body as sent (gzip)


@dataclass
class Served:
    url: str
    log: list[Sent] = field(default_factory=list)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    log: list[Sent]
    level: int = LEVEL

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        path = Path(self.translate_path(self.path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        data = path.read_bytes()
        body = gzip.compress(data, compresslevel=self.level, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.log.append(Sent(unquote(urlsplit(self.path).path), len(data), len(body)))

    def log_message(self, *args) -> None:  # no line per request on stderr
        pass


@contextlib.contextmanager
def serve_gzip(folder: Path, level: int = LEVEL) -> Iterator[Served]:
    """`folder` on 127.0.0.1 (a free port), every file gzip-compressed at `level`, while the block runs."""
    served = Served("")
    handler = functools.partial(type("Handler", (GzipHandler,), {"log": served.log, "level": level}),
                                directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield served
    finally:
        httpd.shutdown()
        httpd.server_close()
