"""Every adapter on the real mirror files; values checked against the raw files read
independently with the csv module (no project code)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from briefing import schemas
from briefing.sources.adapters import read_files


def rows(path: Path, skip: int = 0, **kwargs) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for _ in range(skip):
            next(handle)
        return list(csv.DictReader(handle, **kwargs))


@pytest.fixture(scope="module")
def tables(mirror):
    out = {}
    for source in ["openalex", "worldbank", "oecd", "ncses"]:
        files = sorted(p for p in (mirror / source).iterdir() if p.suffix in (".csv", ".md"))
        out[source] = read_files(source, files)
        for name, frame in out[source].items():
            schemas.check(name, frame, source)
    return out


def value(frame, **where):
    mask = True
    for key, wanted in where.items():
        mask = mask & (frame[key] == wanted)
    hit = frame[mask]
    assert len(hit) == 1, f"{len(hit)} rows for {where}"
    return hit.iloc[0]


def test_openalex_pairs_and_diagonal(tables, mirror):
    raw = rows(mirror / "openalex" / "country_pairs_1990_2023.csv")
    expected = {(r["year"], r["country_a"], r["country_b"]): int(r["works"]) for r in raw}
    pairs, output = tables["openalex"]["pairs"], tables["openalex"]["country_output"]
    assert len(pairs) + len(output) == len(raw)
    assert value(pairs, year=2023, country_a="JP", country_b="KR")["works"] == expected[("2023", "JP", "KR")]
    assert value(pairs, year=2019, country_a="CN", country_b="US")["works"] == expected[("2019", "CN", "US")]
    assert value(output, year=2023, country="KR")["works_international"] == expected[("2023", "KR", "KR")]
    assert ("2023", "NA", "NA") in expected and not output[output["country"] == "NA"].empty


def test_worldbank_values(tables, mirror):
    raw = rows(mirror / "worldbank" / "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv", skip=4)
    by_code = {r["Country Code"]: r for r in raw}
    table = tables["worldbank"]["rd_indicators"]
    for iso3, iso2, year in [("KOR", "KR", "2023"), ("JPN", "JP", "2018"), ("CHN", "CN", "2015")]:
        assert value(table, country=iso2, year=int(year))["value"] == float(by_code[iso3][year])
    assert "WLD" in by_code and not table["country"].isin(["WL", "EA"]).any()
    countries_with_data = {r["Country Code"] for r in raw if any(r[str(y)] for y in range(1960, 2026))}
    assert table["country"].nunique() < len(countries_with_data)  # aggregates dropped


def test_oecd_values_and_status(tables, mirror):
    raw = rows(mirror / "oecd" / "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv")
    table = tables["oecd"]["rd_indicators"]
    assert len(table) == len(raw)
    for r in raw:
        if r["REF_AREA"] == "TWN" and r["TIME_PERIOD"] == "2021" and r["PRICE_BASE"] == "Q":
            hit = value(table, country="TW", year=2021, indicator="gerd_usd_ppp_m_const2015")
            assert hit["value"] == float(r["OBS_VALUE"])
            assert hit["status"].split("+")[0] == r["OBS_STATUS"] or hit["status"] == r["OBS_STATUS"]


def test_ncses_pairs_output_and_rd(tables, mirror):
    folder = mirror / "ncses"
    pairs_raw = rows(folder / "sei2024_intl_coauthored_pairs_2003_2022.csv")
    jp_kr = next(r for r in pairs_raw if r["year"] == "2022" and r["country"] == "Japan" and r["partner"] == "South Korea")
    assert value(tables["ncses"]["pairs"], year=2022, country_a="JP", country_b="KR")["works"] == int(jp_kr["articles"])
    out_raw = rows(folder / "sei2024_articles_by_coauthorship_2003_2022.csv")
    total = next(r for r in out_raw if r["field"] == "Artificial intelligence" and r["country"] == "South Korea"
                 and r["attribute"] == "Total articles" and r["year"] == "2020")
    hit = value(tables["ncses"]["country_output"], field="artificial_intelligence", country="KR", year=2020)
    assert hit["works_total"] == int(total["articles"])
    gbard_raw = rows(folder / "sei2022_gbard_by_objective_2000_2010_2019.csv")
    korea = [r for r in gbard_raw if r["row_id"] == "r021_2"][0]  # South Korea, 2019 group, GBARD row
    rd = tables["ncses"]["rd_indicators"]
    assert value(rd, country="KR", year=2019, indicator="gbard_usd_ppp_m")["value"] == float(korea["value"])
    taiwan = next(r for r in rows(folder / "sei2024_gerd_gdp_1990_2021.csv")
                  if r["country"] == "Taiwan" and r["measure"] == "GERD-to-GDP ratio (%)" and r["period"] == "2021a")
    assert value(rd, country="TW", year=2021, indicator="gerd_pct_gdp")["value"] == float(taiwan["value"])
