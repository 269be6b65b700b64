"""The NCSES AI tables (SPBS-91, SPBS-92) and domestic-only counts (SPBS-33/99) on the
real mirror files; values checked against the raw files read with the csv module."""

from __future__ import annotations

import csv
import re

import pytest

from briefing import schemas
from briefing.sources.adapters import read_files
from tests.conftest import run_cli

MATRIX = "sei2024_ai_intl_coauthored_matrix_2003_2022.csv"
TOTALS = "sei2024_ai_articles_by_country_2003_2022.csv"
OUTPUT = "sei2024_articles_by_coauthorship_2003_2022.csv"
NAMES = {"CN": "China", "US": "United States", "JP": "Japan", "KR": "South Korea", "TW": "Taiwan",
         "DE": "Germany", "AU": "Australia", "SG": "Singapore"}


def raw(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def tables(mirror):
    files = sorted(p for p in (mirror / "ncses").iterdir() if p.suffix in (".csv", ".md"))
    out = read_files("ncses", files)
    for name, frame in out.items():
        schemas.check(name, frame, "ncses")
    return out


def one(frame, **where):
    hit = frame
    for key, wanted in where.items():
        hit = hit[hit[key] == wanted]
    assert len(hit) == 1, where
    return hit.iloc[0]


def test_period_pairs_equal_the_matrix(tables, mirror):
    rows = raw(mirror / "ncses" / MATRIX)
    matrix = {r["region_country_or_economy"]: r for r in rows}
    pairs = tables["period_pairs"]
    assert len(pairs) == len(rows) * (len(rows) - 1) // 2  # every unordered pair once
    assert set(pairs["year_start"]) == {2003} and set(pairs["year_end"]) == {2022}
    for a, b in [("CN", "US"), ("JP", "KR"), ("KR", "TW"), ("DE", "US"), ("AU", "CN")]:
        lo, hi = sorted((a, b))
        column = re.sub(r"[^a-z]+", "_", NAMES[b].lower())
        assert one(pairs, country_a=lo, country_b=hi)["works"] == int(matrix[NAMES[a]][column])


def test_period_output_equals_spbs91(tables, mirror):
    rows = {r["region_country_or_economy"]: r for r in raw(mirror / "ncses" / TOTALS)}
    output = tables["period_output"]
    assert not output["country"].isin(["WO", "UN"]).any() and len(output) == len(rows) - 5
    for code in ["CN", "US", "JP", "KR", "TW"]:
        row, got = rows[NAMES[code]], one(output, country=code)
        assert got["works_total"] == int(row["number_of_papers_whole_"])
        assert got["works_international"] == int(row["papers_involving_international_institutions_whole_"])
        assert got["works_domestic"] == int(row["papers_involving_only_domestic_institutions_whole_"])


def test_country_output_domestic_only_equals_spbs33(tables, mirror):
    rows = raw(mirror / "ncses" / OUTPUT)
    for field, key in [("All S&E fields", "all"), ("Artificial intelligence", "artificial_intelligence")]:
        expected = next(r for r in rows if r["field"] == field and r["country"] == "South Korea" and r["year"] == "2022"
                        and r["attribute"] == "Total articles > With domestic institutions only")
        got = one(tables["country_output"], field=key, country="KR", year=2022)
        assert got["works_domestic"] == int(expected["articles"])


@pytest.mark.slow
def test_asymmetric_matrix_stops_fetch_naming_line_and_column(tmp_path, mirror):
    bad = tmp_path / "mirror"
    for source in ("openalex", "worldbank", "oecd", "ncses"):
        (bad / source).mkdir(parents=True)
        for path in (mirror / source).iterdir():
            (bad / source / path.name).write_bytes(path.read_bytes())
    lines = (bad / "ncses" / MATRIX).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("Algeria,0,0,15,", "Algeria,0,0,16,", 1)  # Algeria-Australia: 16 vs 15
    (bad / "ncses" / MATRIX).write_text("".join(lines), encoding="utf-8")
    result = run_cli("fetch", "--params", "params/ci.yml", "--workdir", str(tmp_path / "work"), "--mirror", str(bad),
                     "--source", "ncses")
    assert result.returncode == 2, result.stdout + result.stderr
    message = " ".join(result.stderr.split())
    assert f"{MATRIX}, line 2, column 'australia'" in message and "matrix must be symmetric" in message
