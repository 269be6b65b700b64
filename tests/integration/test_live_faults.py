"""Injected faults against a real loopback server: each one is retried and the fetch
completes correctly, or it stops with one clear message (exit 2) and no snapshot."""

from __future__ import annotations

import pytest

from tests.conftest import MIRROR, run_cli
from tests.integration.conftest import live_cli, one_snapshot, snapshots_under
from tests.integration.live_fakes import OECD_FILE

pytestmark = pytest.mark.slow


def fetch(fake, params, work, *sources, **env):
    args = ["fetch", "--live", "--params", str(params), "--workdir", str(work)]
    for source in sources:
        args += ["--source", source]
    return live_cli(fake, *args, **env)


def attempts_of(snapshot: dict, *parts: str) -> list[int]:
    """Requests sent for each logged URL containing every one of `parts`."""
    return [q["attempts"] for q in snapshot["live"]["queries"] if all(p in q["url"] for p in parts)]


def test_429_waits_as_long_as_retry_after_says(fake, tiny_params, tmp_path):
    fake.inject("/oecd/data", "429", value=1)
    result = fetch(fake, tiny_params, tmp_path / "w", "oecd")
    assert result.returncode == 0, result.stderr
    first, second = fake.seen("/oecd/data")
    # Backoff is 10 ms here: only honouring Retry-After explains a gap of a second.
    assert second.at - first.at >= 1.0
    assert attempts_of(one_snapshot(tmp_path / "w", "oecd"), "/oecd/data") == [2]
    (snap,) = (tmp_path / "w" / "data" / "raw" / "oecd").glob("live-*")
    assert (snap / OECD_FILE).read_bytes() == (MIRROR / "oecd" / OECD_FILE).read_bytes()


def test_500_then_success_on_a_later_page(fake, tiny_params, tmp_path):
    fake.inject("page=2", "500")
    result = fetch(fake, tiny_params, tmp_path / "w", "worldbank")
    assert result.returncode == 0, result.stderr
    pages = [s.query["page"] for s in fake.seen("/worldbank/")]
    assert pages.count("2") == 2 and pages.count("1") == 1
    snapshot = one_snapshot(tmp_path / "w", "worldbank")
    assert attempts_of(snapshot, "page=2") == [2]
    assert len(snapshot["live"]["queries"]) == len(set(pages))


@pytest.mark.parametrize("kind", ["reset", "truncate", "cut"])
def test_reset_or_cut_off_answer_is_asked_again(fake, tiny_params, tmp_path, kind):
    """reset: connection closed with RST; truncate: body shorter than its Content-Length;
    cut: half a JSON body with an honest Content-Length (only parsing can tell)."""
    fake.inject("authorships.countries:JP,", kind)
    result = fetch(fake, tiny_params, tmp_path / "w", "openalex")
    assert result.returncode == 0, result.stderr
    jp_first_page = [s for s in fake.seen("authorships.countries:JP,") if s.query["cursor"] == "*"]
    assert len(jp_first_page) == 2
    assert attempts_of(one_snapshot(tmp_path / "w", "openalex"), "countries:JP,", "cursor=*") == [2]


def test_slow_answer_times_out_and_is_asked_again(fake, tiny_params, tmp_path):
    fake.inject("/oecd/data", "slow", value=2.0)
    result = fetch(fake, tiny_params, tmp_path / "w", "oecd", BRIEFING_HTTP_TIMEOUT="0.5")
    assert result.returncode == 0, result.stderr
    first, second = fake.seen("/oecd/data")
    assert second.at - first.at >= 0.5
    assert attempts_of(one_snapshot(tmp_path / "w", "oecd"), "/oecd/data") == [2]


@pytest.mark.parametrize(("kind", "times", "calls", "expected"), [
    ("500", 99, 3, "gave up after 3 attempts; last: HTTP 500"),
    ("404", 1, 1, "HTTP 404 Not Found"),
])
def test_permanent_failure_stops_with_one_message_and_no_snapshot(fake, tiny_params, tmp_path, mirror,
                                                                    kind, times, calls, expected):
    work = tmp_path / "w"
    assert run_cli("fetch", "--params", str(tiny_params), "--workdir", str(work), "--mirror", str(mirror)).returncode == 0
    before = {p: p.read_text() for p in (work / "data" / "raw").glob("*/current")}
    fake.inject("/worldbank/country/all/indicator/GB.XPD.RSDV.GD.ZS?format=json&per_page=1000&page=2", kind, times)
    result = fetch(fake, tiny_params, work, BRIEFING_HTTP_ATTEMPTS="3")
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert result.stderr.count("error:") == 1 and expected in message and "page=2" in message
    assert len([s for s in fake.seen("/worldbank/") if s.query["page"] == "2"]) == calls
    # OECD and OpenAlex were fetched before World Bank failed: neither became a snapshot.
    assert not [p for p in snapshots_under(work) if "/live-" in p.as_posix()]
    assert {p: p.read_text() for p in (work / "data" / "raw").glob("*/current")} == before
    # Their complete answers are cached: the rerun resumes instead of starting over.
    assert any((work / "data" / "cache" / "http").iterdir())
