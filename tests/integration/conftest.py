"""Fixtures for the live-fetch tests: fake APIs on loopback built from the mirror."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, run_cli
from tests.integration.live_fakes import FakeApis, MirrorData, load_mirror

# Fast but real: no rate-limit wait worth the name, 10 ms backoff, short timeouts.
FAST = {"BRIEFING_RATE_LIMIT": "1000", "BRIEFING_BACKOFF": "0.01", "BRIEFING_HTTP_TIMEOUT": "5",
        "OPENALEX_API_KEY": "", "BRIEFING_CONTACT_EMAIL": ""}


@pytest.fixture(scope="session")
def mirror_data(mirror) -> MirrorData:
    return load_mirror(mirror)


@pytest.fixture
def fake(mirror_data):
    with FakeApis(mirror_data) as apis:
        yield apis


def live_cli(fake: FakeApis, *args: str, **env: str):
    """The CLI in a subprocess, pointed at the fake APIs with the fast policy (`env` overrides)."""
    return run_cli(*args, env={**FAST, **fake.env(), **env})


@pytest.fixture
def tiny_params(tmp_path) -> Path:
    """One year, four countries (JP, KR, US, CN): four OpenAlex queries of two or three pages."""
    data = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    data.update(edition="tiny", window={"start": 2020, "end": 2020}, countries=["JP"],
                region={"name": "Japan and Korea", "countries": ["JP", "KR"]})
    path = tmp_path / "tiny.yml"
    path.write_text(yaml.safe_dump(data))
    return path


def snapshots_under(work: Path) -> list[Path]:
    raw = work / "data" / "raw"
    return sorted(raw.rglob("snapshot.yml")) if raw.exists() else []


def one_snapshot(work: Path, source: str) -> dict:
    (path,) = sorted((work / "data" / "raw" / source).glob("live-*/snapshot.yml"))
    return yaml.safe_load(path.read_text())
