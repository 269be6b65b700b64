"""A fingerprint of the package's own code, so caches notice a changed function
even when the version number has not moved."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from briefing import __version__
from briefing.infra.workspace import PACKAGE_DIR


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".lua", ".html", ".css", ".js", ".typ"} \
                and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"
