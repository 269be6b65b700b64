"""`fetch --live --records`: cursor paging with select into JSONL.gz works, cached, budgeted."""

from __future__ import annotations

import gzip
import json

import pytest
import yaml

from briefing.live.works import SELECT
from tests.integration.conftest import live_cli, snapshots_under

pytestmark = pytest.mark.slow


def records(fake, params, work, *extra, **env):
    return live_cli(fake, "fetch", "--live", "--records", "--field", "quantum_computing", "--years", "2020-2021",
                    "--params", str(params), "--workdir", str(work), *extra, **env)


def test_records_page_with_cursor_and_select_into_jsonl_gz(fake, tiny_params, tmp_path):
    work = tmp_path / "w"
    result = records(fake, tiny_params, work)
    assert result.returncode == 0, result.stderr
    seen = fake.seen("/openalex/works")
    assert len(seen) == 4  # 250 works: pages of 100, 100, 50, then the empty page that ends the cursor
    assert all(s.query["select"] == SELECT and s.query["per_page"] == "100" for s in seen)
    assert seen[0].query["filter"] == "publication_year:2020-2021,primary_topic.id:T10682"
    (snap,) = (work / "data" / "raw" / "openalex_works").glob("live-*")
    with gzip.open(snap / "works_quantum_computing_2020_2021.jsonl.gz", "rt", encoding="utf-8") as handle:
        works = [json.loads(line) for line in handle]
    assert len(works) == 250 and len({w["id"] for w in works}) == 250
    assert all(set(w) <= set(SELECT.split(",")) and "abstract_inverted_index" not in w for w in works)
    assert {w["publication_year"] for w in works} == {2020, 2021}
    assert works[0]["authorships"][0]["countries"] and "is_corresponding" in works[0]["authorships"][0]
    meta = yaml.safe_load((snap / "snapshot.yml").read_text())
    assert meta["live"]["works"] == 250 and meta["live"]["field"] == "quantum_computing"
    again = records(fake, tiny_params, work)
    assert again.returncode == 0 and len(fake.seen("/openalex/works")) == 4
    assert f"unchanged {snap.name} (0 HTTP requests" in again.stdout


def test_records_that_would_exceed_the_budget_stop_after_the_first_page(fake, tiny_params, tmp_path):
    result = records(fake, tiny_params, tmp_path / "w", "--budget", "2")
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "250 works take 3 pages of 100; the call budget leaves 1 requests" in message
    assert len(fake.requests) == 1 and snapshots_under(tmp_path / "w") == []


def test_records_of_an_unknown_field(fake, tiny_params, tmp_path):
    result = live_cli(fake, "fetch", "--live", "--records", "--field", "alchemy", "--years", "2020",
                      "--params", str(tiny_params), "--workdir", str(tmp_path / "w"))
    assert result.returncode == 2 and "--field: unknown field 'alchemy'" in " ".join(result.stderr.split())
    assert fake.requests == []
