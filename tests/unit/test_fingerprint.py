"""The code fingerprint that build caches key on covers the whole package, not one folder."""

from __future__ import annotations

from briefing.infra.workspace import PACKAGE_DIR
from tests.conftest import REPO


def test_fingerprint_covers_every_package_of_the_code():
    assert PACKAGE_DIR == REPO / "src" / "briefing"
    assert (PACKAGE_DIR / "metrics" / "context.py").is_file() and (PACKAGE_DIR / "render" / "filters").is_dir()
