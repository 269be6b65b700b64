"""Live fetch against fake APIs built from the mirror: the same content gives identical
canonical tables through either path; a rerun costs no calls; the budget is never
exceeded; fields come from data/fields.yml."""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import CI_PARAMS, invoke
from tests.integration.conftest import live_cli, one_snapshot, snapshots_under
from tests.integration.live_fakes import FakeApis

pytestmark = pytest.mark.slow
QUERIED = {"AU", "CN", "JP", "KR", "SG", "TW", "US"}  # params/ci.yml: countries, poles, region
YEARS = range(2018, 2023)


def mirror_subset(mirror: Path, target: Path) -> Path:
    """The mirror with the OpenAlex table cut to what the CI edition asks the API for:
    its years, and pairs touching one of its countries."""
    shutil.copytree(mirror, target, ignore=shutil.ignore_patterns("samples"))
    pairs = target / "openalex" / "country_pairs_1990_2023.csv"
    with open(mirror / "openalex" / pairs.name, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle)
                if int(r["year"]) in YEARS and (r["country_a"] in QUERIED or r["country_b"] in QUERIED)]
    with open(pairs, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["year", "country_a", "country_b", "works"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.fixture(scope="module")
def live_and_mirror(tmp_path_factory, mirror, mirror_data):
    """Two work folders validated from the same content: one fetched from the (subset)
    mirror, one fetched live (by the command line, pointed at the fake APIs); NCSES, which
    has no API, from the mirror in both. The mirror fetches and validations run in-process."""
    base = tmp_path_factory.mktemp("live-vs-mirror")
    subset = mirror_subset(mirror, base / "mirror")
    by_mirror, by_api = base / "by-mirror", base / "by-api"
    assert invoke("fetch", "--params", str(CI_PARAMS), "--workdir", str(by_mirror), "--mirror", str(subset)).returncode == 0
    assert invoke("fetch", "--params", str(CI_PARAMS), "--workdir", str(by_api), "--mirror", str(subset),
                  "--source", "ncses").returncode == 0
    with FakeApis(mirror_data) as fake:
        started = time.monotonic()
        first = live_cli(fake, "fetch", "--live", "--params", str(CI_PARAMS), "--workdir", str(by_api))
        seconds = time.monotonic() - started
        calls_first = len(fake.requests)
        again = live_cli(fake, "fetch", "--live", "--params", str(CI_PARAMS), "--workdir", str(by_api))
        calls_again = len(fake.requests) - calls_first
    for work in (by_mirror, by_api):
        assert invoke("validate", "--params", str(CI_PARAMS), "--workdir", str(work)).returncode == 0
    return {"mirror": by_mirror, "api": by_api, "first": first, "again": again, "calls_first": calls_first,
            "calls_again": calls_again, "seconds": seconds}


@pytest.mark.parametrize("table", ["pairs", "country_output", "rd_indicators"])
def test_live_and_mirror_snapshots_give_identical_tables(live_and_mirror, table):
    assert live_and_mirror["first"].returncode == 0, live_and_mirror["first"].stderr
    path = f"_build/ci/data/{table}.parquet"
    live, mirrored = live_and_mirror["api"] / path, live_and_mirror["mirror"] / path
    pd.testing.assert_frame_equal(pd.read_parquet(live), pd.read_parquet(mirrored))
    assert live.read_bytes() == mirrored.read_bytes()
    assert not pd.read_parquet(live).empty


def test_live_snapshots_record_origin_and_queries_without_secrets(live_and_mirror):
    for source in ["openalex", "worldbank", "oecd"]:
        snapshot = one_snapshot(live_and_mirror["api"], source)
        assert snapshot["origin"].startswith("live:http://127.0.0.1:")
        assert snapshot["live"]["queries"] and all(q["status"] == 200 for q in snapshot["live"]["queries"])
        assert not [q for q in snapshot["live"]["queries"] if "api_key" in q["url"] or "mailto" in q["url"]]
    openalex = one_snapshot(live_and_mirror["api"], "openalex")
    assert openalex["live"]["countries"] == sorted(QUERIED) and openalex["live"]["years"] == [2018, 2022]
    # Large countries have over 200 partners: their queries page on with the cursor.
    assert [q for q in openalex["live"]["queries"] if "countries:US," in q["url"] and "cursor=*" not in q["url"]]


def test_rerun_costs_no_calls(live_and_mirror):
    again = live_and_mirror["again"]
    assert again.returncode == 0, again.stderr
    assert live_and_mirror["calls_again"] == 0
    assert live_and_mirror["calls_first"] > 35  # 35 queries, most of them two or three pages
    assert again.stdout.count("unchanged") == 3 and "(0 HTTP requests" in again.stdout
    print(f"live fetch of the CI edition: {live_and_mirror['calls_first']} calls in "
          f"{live_and_mirror['seconds']:.1f}s; rerun: {live_and_mirror['calls_again']} calls")


def test_refresh_asks_again(fake, tiny_params, tmp_path):
    args = ("fetch", "--live", "--source", "oecd", "--params", str(tiny_params), "--workdir", str(tmp_path / "w"))
    assert live_cli(fake, *args).returncode == 0
    assert live_cli(fake, *args).returncode == 0
    assert len(fake.seen("/oecd/")) == 1
    assert live_cli(fake, *args, "--refresh").returncode == 0
    assert len(fake.seen("/oecd/")) == 2


def test_budget_below_the_plan_stops_before_any_call(fake, tiny_params, tmp_path):
    result = live_cli(fake, "fetch", "--live", "--params", str(tiny_params), "--workdir", str(tmp_path / "w"),
                      "--budget", "3")
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "needs at least 6 HTTP requests (oecd 1, openalex 4, worldbank 1)" in message
    assert "call budget of 3" in message and result.stderr.count("error:") == 1
    assert fake.requests == [] and snapshots_under(tmp_path / "w") == []


def test_budget_reached_while_paging_stops_at_the_budget_and_a_rerun_resumes(fake, tiny_params, tmp_path):
    work = tmp_path / "w"
    args = ("fetch", "--live", "--source", "openalex", "--params", str(tiny_params), "--workdir", str(work))
    result = live_cli(fake, *args, "--budget", "5")
    assert result.returncode == 2
    assert "call budget of 5 HTTP requests used up before this request" in " ".join(result.stderr.split())
    assert len(fake.requests) == 5 and snapshots_under(work) == []
    resumed = live_cli(fake, *args, BRIEFING_CALL_BUDGET="100")
    assert resumed.returncode == 0, resumed.stderr
    total = len(one_snapshot(work, "openalex")["live"]["queries"])
    assert len(fake.requests) == total  # the five cached answers were not asked again
    assert f"({total - 5} HTTP requests, 5 answers from cache)" in " ".join(resumed.stdout.split())


def test_fields_from_fields_yml_become_filters_and_a_field_column(fake, tiny_params, tmp_path):
    params = tiny_params.read_text() + "fields: [all, quantum_computing]\n"
    tiny_params.write_text(params)
    work = tmp_path / "w"
    result = live_cli(fake, "fetch", "--live", "--source", "openalex", "--params", str(tiny_params),
                      "--workdir", str(work))
    assert result.returncode == 0, result.stderr
    assert [s for s in fake.seen("primary_topic.id:T10682")]
    (pairs_csv,) = (work / "data" / "raw" / "openalex").glob("live-*/country_pairs_2020_2020.csv")
    table = pd.read_csv(pairs_csv, keep_default_na=False)
    jp_kr = table[(table.country_a == "JP") & (table.country_b == "KR")].set_index("field")["works"]
    assert jp_kr["quantum_computing"] == jp_kr["all"] // 7  # the fake keeps 1/7 under a field filter


def test_unknown_field_names_fields_yml(fake, tiny_params, tmp_path):
    tiny_params.write_text(tiny_params.read_text() + "fields: [all, alchemy]\n")
    result = live_cli(fake, "fetch", "--live", "--params", str(tiny_params), "--workdir", str(tmp_path / "w"))
    assert result.returncode == 2
    assert "unknown field 'alchemy'; fields.yml defines" in " ".join(result.stderr.split())
    assert fake.requests == []


@pytest.mark.parametrize(("args", "expected"), [
    (["--live", "--mirror", "x"], "choose one"),
    (["--records"], "add --live"),
    (["--live", "--records", "--field", "semiconductors"], "needs --field"),
    (["--live", "--field", "semiconductors"], "only with --records"),
    (["--live", "--source", "ncses"], "cannot be fetched live"),
])
def test_bad_live_options_exit_2(fake, tiny_params, tmp_path, args, expected):
    result = live_cli(fake, "fetch", "--params", str(tiny_params), "--workdir", str(tmp_path / "w"), *args)
    assert result.returncode == 2 and expected in " ".join(result.stderr.split())
    assert fake.requests == []
