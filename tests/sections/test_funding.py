"""The funding notebook executed with params/ci.yml: it ran, recorded its parameters,
and its findings equal values computed here straight from the raw files."""

from __future__ import annotations

import csv
import json

import pytest

from briefing.config import load_edition
from tests.conftest import CI_PARAMS, findings_of

EDITION = load_edition(CI_PARAMS)
ISO3 = {"JP": "JPN", "KR": "KOR", "US": "USA", "CN": "CHN", "TW": "TWN"}


@pytest.fixture(scope="module")
def findings(ci_build):
    return findings_of(ci_build.build("ci"), "funding")


def test_notebook_ran_with_injected_parameters(ci_build):
    notebook = json.loads((ci_build.build("ci") / "notebooks" / "funding.ipynb").read_text())
    injected = [c for c in notebook["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1
    source = "".join(injected[0]["source"])
    assert "window_start = 2018" in source and "window_end = 2022" in source
    assert 'countries = ["JP", "KR", "US", "CN", "TW"]' in source
    errors = [o for c in notebook["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_every_finding_has_the_contract_fields(findings):
    for item in findings.values():
        assert set(item) >= {"id", "label", "value", "unit", "source"}
        assert item["label"] and item["unit"] and item["source"]


def test_intensity_findings_equal_wdi_and_ncses_for_taiwan(findings, mirror):
    with open(mirror / "worldbank" / "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv", encoding="utf-8-sig") as f:
        lines = f.readlines()[4:]
    wdi = {r["Country Code"]: r for r in csv.DictReader(lines)}
    expected = {}
    for code in EDITION.countries:
        if code == "TW":
            continue
        for year in range(EDITION.window.start, EDITION.window.end + 1):
            cell = wdi[ISO3[code]][str(year)]
            if cell:
                expected[f"funding.gerd_pct_gdp.{code}.{year}"] = float(cell)
    with open(mirror / "ncses" / "sei2024_gerd_gdp_1990_2021.csv", encoding="utf-8") as f:
        taiwan = next(r for r in csv.DictReader(f) if r["country"] == "Taiwan"
                      and r["measure"] == "GERD-to-GDP ratio (%)" and r["period"] == "2021a")
    expected["funding.gerd_pct_gdp.TW.2021"] = float(taiwan["value"])
    got = {k: v["value"] for k, v in findings.items() if k.startswith("funding.gerd_pct_gdp.")}
    assert got == expected
    assert findings["funding.gerd_pct_gdp.TW.2021"]["source"] == "ncses"
    assert findings["funding.gerd_pct_gdp.KR.2022"]["source"] == "worldbank"


def test_growth_findings_equal_oecd_constant_prices(findings, mirror):
    """Growth over Japan's first and latest year in the window, as OECD gives them."""
    with open(mirror / "oecd" / "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv", encoding="utf-8") as f:
        raw = [r for r in csv.DictReader(f) if r["REF_AREA"] == "JPN" and r["PRICE_BASE"] == "Q"]
    by_year = {int(r["TIME_PERIOD"]): float(r["OBS_VALUE"]) for r in raw}
    years = [y for y in sorted(by_year) if EDITION.window.start <= y <= EDITION.window.end]
    first, last = years[0], years[-1]
    growth = 100 * (by_year[last] / by_year[first] - 1)
    assert findings[f"funding.gerd_const_growth_pct.JP.{first}-{last}"]["value"] == pytest.approx(growth, rel=1e-9)
    assert findings[f"funding.gerd_usd_ppp_m_const2015.JP.{last}"]["value"] == by_year[last]


def test_gbard_findings_equal_rd18(findings, mirror):
    with open(mirror / "ncses" / "sei2022_gbard_by_objective_2000_2010_2019.csv", encoding="utf-8") as f:
        raw = {r["row_id"]: r for r in csv.DictReader(f)}
    # RD-18 groups: Japan 2019 is r018, South Korea 2019 is r021; row _2 is GBARD, _3 defence share.
    assert findings["funding.gbard_usd_ppp_m.JP.2019"]["value"] == float(raw["r018_2"]["value"])
    assert findings["funding.gbard_usd_ppp_m.KR.2019"]["value"] == float(raw["r021_2"]["value"])
    defence = findings["funding.gbard_share_pct.KR.gbard_defense_pct.2019"]["value"]
    assert defence == float(raw["r021_3"]["value"])


def test_seed_revision_is_today_minus_published(findings, mirror):
    with open(mirror / "worldbank" / "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv", encoding="utf-8-sig") as f:
        korea = next(r for r in csv.DictReader(f.readlines()[4:]) if r["Country Code"] == "KOR")
    assert findings["funding.seed_revision_pp.KR.2018"]["value"] == pytest.approx(float(korea["2018"]) - 4.53)


def test_every_chapter_embed_resolved_with_alt_text(ci_build):
    book = ci_build.build("ci") / "book"
    text = (book / "funding.qmd").read_text()
    assert "{{< embed" not in text
    # Two views for each of the two default indicators, the growth chart, the GBARD chart.
    assert text.count('fig-alt="') == 6 and 'fig-alt=""' not in text
    for name in ["fig-gerd-intensity.svg", "fig-gerd-pct-gdp-ranking.svg", "fig-gerd-usd-ppp-m-const2015-trend.csv",
                 "fig-gerd-usd-ppp-m-const2015-ranking.vl.json", "fig-gerd-growth.csv", "fig-gbard-objectives.vl.json"]:
        assert (book / "figures" / name).is_file()
    # The indicators' sections come in the order the edition names them, each with its two views.
    order = [text.index(anchor) for anchor in ["{#sec-funding-gerd-pct-gdp}", "{#fig-gerd-pct-gdp-ranking",
                                               "{#fig-gerd-intensity", "{#sec-funding-gerd-usd-ppp-m-const2015}",
                                               "{#fig-gerd-usd-ppp-m-const2015-ranking",
                                               "{#fig-gerd-usd-ppp-m-const2015-trend", "{#sec-funding-growth}"]]
    assert order == sorted(order)


def test_every_ranking_names_the_year_of_each_value(ci_build):
    figures = ci_build.figures("ci")
    with open(figures / "fig-gerd-pct-gdp-ranking.csv", encoding="utf-8") as f:
        ranking = list(csv.DictReader(f))
    assert [r["country"] for r in ranking] == ["KR", "TW", "US", "JP", "CN"]
    assert {r["country"]: r["year"] for r in ranking}["TW"] == "2021"
    svg = (figures / "fig-gerd-pct-gdp-ranking.svg").read_text(encoding="utf-8")
    assert "3.77% (2021)" in svg and "4.85% (2022)" in svg


def test_constant_dollar_findings_equal_oecd_for_every_year(findings, mirror):
    with open(mirror / "oecd" / "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv", encoding="utf-8") as f:
        raw = [r for r in csv.DictReader(f) if r["PRICE_BASE"] == "Q" and r["REF_AREA"] in ISO3.values()
               and EDITION.window.start <= int(r["TIME_PERIOD"]) <= EDITION.window.end]
    alpha2 = {v: k for k, v in ISO3.items()}
    expected = {f"funding.gerd_usd_ppp_m_const2015.{alpha2[r['REF_AREA']]}.{r['TIME_PERIOD']}": float(r["OBS_VALUE"])
                for r in raw}
    got = {k: v["value"] for k, v in findings.items() if k.startswith("funding.gerd_usd_ppp_m_const2015.")}
    assert got == expected
    # The OECD's break flag for Japan in 2018 is a caveat on that finding.
    (brk,) = [c for c in findings["funding.gerd_usd_ppp_m_const2015.JP.2018"]["caveats"] if c["kind"] == "source_break"]
    assert brk["source"] == "oecd" and brk["years"] == [2018]


def test_unequal_latest_years_are_a_caveat_on_the_ranked_findings(findings):
    caveats = findings["funding.gerd_pct_gdp.TW.2021"]["caveats"]
    (unequal,) = [c for c in caveats if c["kind"] == "unequal_periods"]
    assert unequal["text"] == ("The latest R&D intensity figures are of different years: 2022 for South Korea, the "
                               "United States, Japan and China; 2021 for Taiwan.")
    assert any(c["kind"] == "unequal_periods" for c in findings["funding.gerd_pct_gdp.KR.2022"]["caveats"])
