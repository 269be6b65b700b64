"""An indicator added by YAML alone: a WDI bulk CSV of another indicator code and an SDMX-CSV of
another dataflow, made for the test in the publishers' exact layouts, a registry entry each, and
an edition that asks for them. The build's funding chapter shows them (ranking and trend), its
findings equal the values read from the files independently, `briefing sources` reports their
coverage, and the live clients fetch them from the fake APIs as they fetch the shipped ones."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import REPO, copy_project, run_cli
from tests.integration import indicator_files as made
from tests.integration.conftest import FAST
from tests.integration.live_fakes import FakeApis, load_mirror

pytestmark = pytest.mark.slow
ASKED = ["gerd_pct_gdp", "journal_articles", "gerd_funded_abroad_usd_ppp_m"]


@pytest.fixture(scope="module")
def added(tmp_path_factory, mirror) -> dict:
    """A copy of the project with the two registry entries, a mirror with the two files, and
    the CI edition asking for them, built end to end."""
    root = tmp_path_factory.mktemp("added")
    files = made.mirror_with(root / "mirror", made.wdi_file(root), made.sdmx_file(root))
    project = copy_project(root / "project")
    made.add_to_registry(project, {"journal_articles": made.JOURNALS, "gerd_funded_abroad_usd_ppp_m": made.ABROAD},
                         {made.SOF: made.SOF_FLOW})
    params = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    params["edition"] = "added"
    params["sections"]["funding"]["indicators"] = ASKED
    (project / "params" / "added.yml").write_text(yaml.safe_dump(params, sort_keys=False))
    work = root / "work"
    result = run_cli("build", "--params", "params/added.yml", "--workdir", str(work), "--mirror", str(files),
                     cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"project": project, "mirror": files, "work": work, "edition": params}


def test_the_funding_chapter_shows_the_added_indicators(added):
    book = added["work"] / "_build" / "added" / "book"
    text = (book / "funding.qmd").read_text(encoding="utf-8")
    for slug, label in [("journal-articles", "Scientific and technical journal articles"),
                        ("gerd-funded-abroad-usd-ppp-m", "R&D expenditure funded from abroad, current PPP dollars")]:
        assert f"## {label} {{#sec-funding-{slug}}}" in text
        for view in ("ranking", "trend"):
            assert f"{{#fig-{slug}-{view} fig-alt=" in text
            assert (book / "figures" / f"fig-{slug}-{view}.svg").is_file()
    # Only what the edition asked for: no constant-dollar views this time.
    assert "fig-gerd-usd-ppp-m-const2015-trend" not in text
    assert "Not ranked: Taiwan (no source in this build gives it)." in text
    assert "Source: World Bank WDI, indicator IP.JRN.ARTC.SC." in text
    assert "Source: OECD, Gross domestic expenditure on R&D by sector of performance and source of funds " \
           "(DSD\\_RDS\\_GERD\\@DF\\_GERD\\_SOF)." in text
    html = (added["work"] / "_site" / "added" / "v1" / "funding.html").read_text(encoding="utf-8")
    assert "Scientific and technical journal articles" in html and "fig-journal-articles-ranking" in html


def test_findings_equal_the_files_read_independently(added):
    edition = added["edition"]
    countries, start, end = edition["countries"], edition["window"]["start"], edition["window"]["end"]
    findings = json.loads((added["work"] / "_build" / "added" / "findings" / "funding.json").read_text())
    got = {f["id"]: f for f in findings["findings"]}
    journals = made.expected_journals(added["mirror"] / "worldbank" / made.WDI_FILE, countries, start, end)
    abroad = made.expected_abroad(added["mirror"] / "oecd" / made.SOF_FILE, countries, start, end)
    assert journals and abroad
    assert {k: v["value"] for k, v in got.items() if k.startswith("funding.journal_articles.")} == journals
    assert {k: v["value"] for k, v in got.items() if k.startswith("funding.gerd_funded_abroad_usd_ppp_m.")} == abroad
    assert {got[k]["unit"] for k in journals} == {"articles"} and {got[k]["source"] for k in abroad} == {"oecd"}
    # The OECD's break flag survives into a caveat (the United States, 2015-2016 in the real file, is
    # outside the CI window; Japan's 2018 break is inside it).
    assert any(c["kind"] == "source_break" for c in got["funding.gerd_funded_abroad_usd_ppp_m.JP.2018"]["caveats"])


def test_sources_lists_the_added_indicators_with_their_coverage(added):
    result = run_cli("sources", "--params", "params/added.yml", "--workdir", str(added["work"]), "--json",
                     cwd=added["project"])
    assert result.returncode == 0, result.stderr
    listing = {item["id"]: item for item in json.loads(result.stdout)["indicators"]}
    journals = listing["journal_articles"]
    assert journals["drawn"] and journals["sources"][0]["state"] == "ok"
    assert journals["sources"][0]["years"] == {"JP": [2000, 2023], "KR": [2000, 2023], "US": [2000, 2023],
                                               "CN": [2000, 2023], "TW": None}
    assert listing["researchers_per_million"]["sources"][0]["state"] == "no file"
    assert not listing["gerd_usd_ppp_m"]["drawn"]


def test_live_clients_fetch_the_added_indicators(added, tmp_path):
    with FakeApis(load_mirror(added["mirror"])) as fake:
        env = {**FAST, **fake.env()}
        args = ["fetch", "--live", "--source", "worldbank", "--source", "oecd", "--params", "params/added.yml",
                "--workdir", str(tmp_path / "w")]
        result = run_cli(*args, cwd=added["project"], env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        assert [s.path for s in fake.seen("/oecd/")] == [f"/oecd/data/{made.SOF}/.A.G._T.ROW._T._Z._Z._Z.USD_PPP.V"]
        codes = sorted({s.path.rsplit("/", 1)[-1] for s in fake.seen("/worldbank/")})
        assert codes == ["GB.XPD.RSDV.GD.ZS", "IP.JRN.ARTC.SC"]
    live = {p.name for p in (tmp_path / "w" / "data" / "raw").glob("*/live-*/*.csv")}
    assert live == {"API_GB.XPD.RSDV.GD.ZS_DS2_api_v2.csv", "API_IP.JRN.ARTC.SC_DS2_api_v2.csv", made.SOF_FILE}
