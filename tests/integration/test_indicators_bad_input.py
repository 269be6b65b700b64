"""Bad input about indicators, case by case, against a work folder that already holds a
published site: exit status 2, one message naming the key or file and the rule broken, and
the work folder byte-identical (nothing half written)."""

from __future__ import annotations

import shutil

import pytest
import yaml

from tests.conftest import REPO, copy_project
from tests.integration import indicator_files as made
from tests.integration.test_bad_input import build, ci_sections, params_with, published, refused, work_files

pytestmark = pytest.mark.slow
__all__ = ["published"]  # the fixture: a copy of the CI build's work folder

TOE = "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv"


def test_unknown_indicator_in_params(tmp_path, published, mirror):
    params = params_with(tmp_path, sections=ci_sections(funding={"indicators": ["gerd_pct_gdp", "rnd_spend"]}))
    before = work_files(published)
    message = refused(build(published, params, mirror))
    assert "params key 'sections.funding.indicators': unknown indicator 'rnd_spend'; data/indicators.yml knows: " \
           "gbard_usd_ppp_m, gerd_funded_by_business_pct" in message
    assert work_files(published) == before


def test_registry_entry_whose_file_is_missing_from_the_mirror(tmp_path, published, mirror):
    params = params_with(tmp_path, sections=ci_sections(funding={"indicators": ["researchers_per_million"]}))
    before = work_files(published)
    message = refused(build(published, params, mirror))
    assert "data/indicators.yml: key 'indicators.researchers_per_million.sources.0': source file missing from " \
           f"the mirror ({mirror}): no worldbank/API_SP.POP.SCIE.RD.P6_DS2_*.csv (WDI SP.POP.SCIE.RD.P6)" in message
    assert work_files(published) == before


@pytest.mark.parametrize(("make", "expected"), [
    # A WDI bulk file whose indicator code matches no registry entry.
    (made.wdi_file, f"{made.WDI_FILE}, line 6, column 'Indicator Code': indicator code matches no worldbank entry "
                    "of data/indicators.yml (known: GB.XPD.RSDV.GD.ZS, SP.POP.SCIE.RD.P6)"),
    # An OECD SDMX-CSV of a dataflow the registry does not know.
    (made.sdmx_file, f"{made.SOF_FILE}, line 2, column 'STRUCTURE_ID': dataflow matches no oecd entry of "
                     "data/indicators.yml"),
])
def test_publisher_file_the_registry_does_not_know(tmp_path, published, make, expected):
    stray = made.mirror_with(tmp_path / "mirror", make(tmp_path))
    before = work_files(published)
    message = refused(build(published, mirror=stray))
    assert expected in message
    assert work_files(published) == before


@pytest.mark.parametrize(("column", "expected"), [
    ("TYPE_RD", "lacks column TYPE_RD, a dimension or attribute that data/indicators.yml "
                "indicators.gerd_usd_ppp_m selects on (dataflow OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0)"),
    ("BASE_PER", "lacks column BASE_PER, a dimension or attribute that data/indicators.yml "
                 "indicators.gerd_usd_ppp_m_const2015 selects on"),
])
def test_oecd_file_lacking_a_dimension_the_entry_selects_on(tmp_path, published, column, expected):
    bad = made.mirror_with(tmp_path / "mirror")
    path = bad / "oecd" / TOE
    rows = [line.split(",") for line in (made.OECD_REAL).read_text(encoding="utf-8").split("\n")]
    at = rows[0].index(column)  # the code column and its label column after it
    path.unlink()
    path.write_text("\n".join(",".join(r[:at] + r[at + 2:]) for r in rows), encoding="utf-8")
    before = work_files(published)
    message = refused(build(published, mirror=bad))
    assert f"{TOE}: {expected}" in message
    assert work_files(published) == before


def test_bad_registry_in_the_project_names_its_key(tmp_path, published, mirror):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "indicators.yml"
    data = yaml.safe_load(path.read_text())
    data["indicators"]["gerd_pct_gdp"]["sources"][0]["worldbank"] = "not a code"
    path.write_text(yaml.safe_dump(data))
    before = work_files(published)
    message = refused(build(published, project / "params" / "ci.yml", mirror, cwd=project))
    assert f"{path}: key 'indicators.gerd_pct_gdp.sources.0.worldbank': String should match pattern" in message
    assert work_files(published) == before


def test_two_bulk_files_of_one_indicator(tmp_path, published):
    twice = made.mirror_with(tmp_path / "mirror")
    second = twice / "worldbank" / "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_999.csv"
    shutil.copyfile(made.WDI_REAL, second)
    before = work_files(published)
    message = refused(build(published, mirror=twice))
    assert "a second bulk file of GB.XPD.RSDV.GD.ZS" in message
    assert work_files(published) == before


def test_registry_listing_needs_valid_params(tmp_path, published):
    from tests.conftest import run_cli

    params = params_with(tmp_path, sections=ci_sections(funding={"indicators": "gerd_pct_gdp"}))
    result = run_cli("sources", "--params", str(params), "--workdir", str(published), cwd=REPO)
    assert "sections.funding.indicators" in refused(result)
