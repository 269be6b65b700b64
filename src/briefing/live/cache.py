"""The on-disk response cache (a rerun costs no calls) and the query log (what was
asked, how often, and whether the network or the cache answered).

Both are keyed by the public URL, which never holds the API key or the contact
e-mail: those are added to the request only as it is sent."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing.infra.fileio import write_text_atomic


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Cached:
    url: str
    body: str
    retrieved_at: str


class HttpCache:
    """One JSON file per answered URL: `<folder>/<sha256 of the public URL>.json`.

    Only complete, checked answers are stored, so a failed or cut-off answer is
    asked again next time."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, url: str) -> Path:
        return self.folder / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def read(self, url: str) -> Cached | None:
        path = self.path(url)
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged entry is asked again, not trusted
        if data.get("url") != url:
            return None
        return Cached(url=url, body=data["body"], retrieved_at=data["retrieved_at"])

    def write(self, url: str, body: str) -> Cached:
        entry = Cached(url=url, body=body, retrieved_at=utc_now())
        write_text_atomic(self.path(url), json.dumps(asdict(entry), ensure_ascii=False))
        return entry


@dataclass(frozen=True)
class Query:
    url: str
    status: int
    attempts: int  # HTTP requests sent for this URL (0 when the cache answered)
    from_cache: bool
    bytes: int
    sha256: str
    retrieved_at: str


class QueryLog:
    """Every URL a run asked for, in order; written into the snapshot's snapshot.yml."""

    def __init__(self) -> None:
        self.queries: list[Query] = []

    def add(self, cached: Cached, attempts: int, from_cache: bool) -> None:
        data = cached.body.encode("utf-8")
        self.queries.append(Query(url=cached.url, status=200, attempts=attempts, from_cache=from_cache,
                                  bytes=len(data), sha256=hashlib.sha256(data).hexdigest(),
                                  retrieved_at=cached.retrieved_at))

    def since(self, start: int) -> list[dict]:
        return [asdict(q) for q in self.queries[start:]]

    def calls(self, start: int = 0) -> int:
        """HTTP requests sent since entry `start` (cache hits cost none)."""
        return sum(q.attempts for q in self.queries[start:])
