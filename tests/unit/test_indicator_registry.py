"""The indicator registry (data/indicators.yml): what it ships, what it refuses (naming the
key), and what an edition asks of it (indicators, sources, files, live queries)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from briefing.config import Edition, load_edition
from briefing.errors import InputError
from briefing.sources import indicators
from tests.conftest import CI_PARAMS, REPO

SHIPPED = indicators.load(REPO / "data" / "indicators.yml")
TOE = "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0"
MSTI = "OECD.STI.STP,DSD_MSTI@DF_MSTI,1.3"
NOTEBOOKS = REPO / "notebooks"


def write_registry(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "indicators.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def shipped_data() -> dict:
    return yaml.safe_load((REPO / "data" / "indicators.yml").read_text(encoding="utf-8"))


def edition(**funding) -> Edition:
    base = load_edition(CI_PARAMS)
    return base.model_copy(update={"sections": {**base.sections, "funding": {**base.sections["funding"], **funding}}})


def test_ships_the_indicators_readers_ask_for_with_existing_ids():
    for ind_id in ["gerd_pct_gdp", "researchers_per_million", "gerd_usd_ppp_m", "gerd_usd_ppp_m_const2015",
                   "gerd_funded_by_business_pct", "gerd_funded_by_government_pct", "gbard_usd_ppp_m"]:
        assert ind_id in SHIPPED.indicators
    assert SHIPPED.wdi_codes() == {"GB.XPD.RSDV.GD.ZS": "gerd_pct_gdp", "SP.POP.SCIE.RD.P6": "researchers_per_million"}
    assert [ref.source for ref in SHIPPED.indicators["gerd_pct_gdp"].sources] == ["worldbank", "ncses", "oecd"]
    assert SHIPPED.ncses_rows("SRD-1")["GERD-to-GDP ratio (%)"] == "gerd_pct_gdp"


def test_values_are_shown_in_the_readers_unit():
    assert SHIPPED.indicators["gerd_usd_ppp_m"].format(172060.0) == "$172.1 bn"
    assert SHIPPED.indicators["gerd_pct_gdp"].format(3.4125) == "3.41%"
    assert SHIPPED.indicators["researchers_per_million"].format(5637.4) == "5,637"


def test_the_sdmx_key_lists_every_series_of_a_dataflow_in_dimension_order():
    assert indicators.sdmx_key(SHIPPED, TOE) == ".A.G._T._Z._T._Z._Z._Z.USD_PPP.V+Q"
    assert indicators.sdmx_key(SHIPPED, MSTI) == ".A.G+T_RS+G_FB+G_FG.PT_B1GQ+10P3EMP+PT_GERD._Z._Z"


@pytest.mark.parametrize(("change", "key", "rule"), [
    (lambda d: d["indicators"]["gerd_pct_gdp"].update(colour="red"), "indicators.gerd_pct_gdp.colour", "unknown key"),
    (lambda d: d["indicators"]["gerd_pct_gdp"].pop("unit"), "indicators.gerd_pct_gdp.unit", "required key is missing"),
    (lambda d: d["indicators"]["gerd_pct_gdp"]["sources"][0].update(worldbank="gb xpd"),
     "indicators.gerd_pct_gdp.sources.0.worldbank", "should match pattern"),
    (lambda d: d["indicators"]["gerd_pct_gdp"]["sources"][0].update(ncses={"table": "SRD-1", "row": "x"}),
     "indicators.gerd_pct_gdp.sources.0", "a source is one of worldbank, oecd or ncses"),
    (lambda d: d["indicators"]["gerd_pct_gdp"]["sources"][2]["oecd"]["select"].pop("FREQ"),
     "(top level)", "indicators.gerd_pct_gdp.sources.2: select must give a value for every dimension but REF_AREA"),
    (lambda d: d["dataflows"].pop(MSTI), "(top level)", "is not listed under 'dataflows'"),
    (lambda d: d["indicators"]["researchers_per_million"]["sources"].append({"worldbank": "GB.XPD.RSDV.GD.ZS"}),
     "(top level)", "the same series is already the source of 'gerd_pct_gdp'"),
    (lambda d: d["indicators"].update({"R&D": d["indicators"]["gerd_pct_gdp"]}), "indicators",
     "must be lowercase letters, digits and _"),
])
def test_bad_registry_names_key_and_rule(tmp_path, change, key, rule):
    data = shipped_data()
    change(data)
    path = write_registry(tmp_path, data)
    with pytest.raises(InputError) as caught:
        indicators.load(path)
    assert f"{path}: key '{key}'" in str(caught.value) and rule in str(caught.value)


def test_unreadable_registry(tmp_path):
    path = tmp_path / "indicators.yml"
    path.write_text("indicators: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        indicators.load(path)
    with pytest.raises(InputError, match="indicator registry not found"):
        indicators.load(tmp_path / "nothing.yml")


def test_edition_indicators_default_to_the_declared_ones_and_unknown_ids_name_the_params_key():
    assert indicators.requested(edition(), NOTEBOOKS, SHIPPED) == ["gerd_pct_gdp", "gerd_usd_ppp_m_const2015"]
    assert indicators.requested(edition(indicators=["researchers_per_million"]), NOTEBOOKS, SHIPPED) == [
        "researchers_per_million"]
    with pytest.raises(InputError, match=re.escape("params key 'sections.funding.indicators': unknown indicator "
                                                   "'r_and_d_spend'; data/indicators.yml knows: gbard_usd_ppp_m")):
        indicators.requested(edition(indicators=["gerd_pct_gdp", "r_and_d_spend"]), NOTEBOOKS, SHIPPED)
    with pytest.raises(InputError, match="names an indicator twice"):
        indicators.requested(edition(indicators=["gerd_pct_gdp", "gerd_pct_gdp"]), NOTEBOOKS, SHIPPED)


def test_edition_sources_narrow_and_order_the_registrys():
    overrides = indicators.source_overrides(["ncses", "worldbank"], "oecd")
    assert [r.source for r in indicators.chosen_sources(SHIPPED, "gerd_pct_gdp", overrides)] == ["ncses", "worldbank"]
    assert [r.source for r in indicators.chosen_sources(SHIPPED, "gbard_usd_ppp_m", overrides)] == ["oecd", "ncses"]
    with pytest.raises(InputError, match="gives gerd_usd_ppp_m_const2015 from \\['ncses', 'oecd'\\] only"):
        indicators.chosen_sources(SHIPPED, "gerd_usd_ppp_m_const2015", indicators.source_overrides([], "worldbank"))


def test_a_source_file_the_edition_needs_must_be_there():
    overrides = indicators.source_overrides(["worldbank", "ncses"], "oecd")
    have = {"worldbank": ["API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv"], "oecd": [f"{TOE}.csv"]}
    indicators.check_files(SHIPPED, Path("data/indicators.yml"), ["gerd_pct_gdp", "gerd_usd_ppp_m_const2015"],
                           overrides, have, "the mirror")
    with pytest.raises(InputError) as caught:
        indicators.check_files(SHIPPED, Path("data/indicators.yml"), ["researchers_per_million"], overrides, have,
                               "the mirror")
    assert str(caught.value).startswith("data/indicators.yml: key 'indicators.researchers_per_million.sources.0': "
                                        "source file missing from the mirror: no worldbank/API_SP.POP.SCIE.RD.P6_DS2_")
    # A source not being fetched is not checked.
    indicators.check_files(SHIPPED, Path("x"), ["researchers_per_million"], overrides, {"oecd": []}, "the mirror")


def test_live_plan_asks_for_the_editions_series_only():
    plan = indicators.live_plan(REPO, edition())
    assert plan.wdi_codes == ("GB.XPD.RSDV.GD.ZS",)
    assert plan.oecd_queries == ((TOE, ".A.G._T._Z._T._Z._Z._Z.USD_PPP.V+Q"),)
    plan = indicators.live_plan(REPO, edition(indicators=["researchers_per_million", "gerd_funded_by_business_pct"]))
    assert plan.wdi_codes == ("SP.POP.SCIE.RD.P6",)
    assert [flow for flow, _ in plan.oecd_queries] == [MSTI]
