"""The data download of a published version (`briefing-<edition>-v<N>-data.zip`), from the CI
edition's build: it opens, holds every figure's and table's CSV exactly as published, numbers
only (one value a cell, no thousands separators, % or $ signs: checked against the raw mirror
files), the published findings.json, the build's claims.json, a codebook describing every
column of every CSV (unit, source, finding id patterns that match the findings read from it),
a datapackage.json that `frictionless` validates and whose hashes are the files' own, and its
bytes do not depend on when it was made."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile

import pytest
from frictionless import Package

from briefing.report.data_zip import ZipContent, data_zip_name, section_outputs, write_data_zip
from briefing.report.site import version_dir
from tests.decoupling_raw import openalex_pair

FOLDER = "briefing-ci-v1-data"
# Columns of prose quoted from documents (a fact's statement, an event's title, a place in a
# document, a table row's description): text, which may name numbers as the documents do.
PROSE = {"statement", "title", "short", "locator", "figure"}
FORMATTED = re.compile(r"%|\$|₩|¥| / |\bbn\b|\d,\d{3}|^[+\u2212]\d|\d(st|nd|rd|th)\b")


@pytest.fixture(scope="module")
def published(ci_build):
    return version_dir(ci_build.site, "ci", 1)


@pytest.fixture(scope="module")
def archive(published):
    with zipfile.ZipFile(published / data_zip_name("ci", 1)) as opened:
        assert opened.testzip() is None
        yield {info.filename: opened.read(info) for info in opened.infolist()}


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_zip_holds_every_figure_and_table_csv_as_published(archive, published, ci_build):
    folder = FOLDER
    csvs = sorted(published.glob("figures/*.csv"))
    assert len(csvs) >= 15 and any(p.name.startswith("fig-") for p in csvs) and any(p.name.startswith("tbl-") for p in csvs)
    for path in csvs:
        assert archive[f"{folder}/figures/{path.name}"] == path.read_bytes(), path.name
    assert archive[f"{folder}/findings.json"] == (published / "findings.json").read_bytes()
    assert archive[f"{folder}/claims.json"] == (ci_build.build("ci") / "claims.json").read_bytes()
    readme = archive[f"{folder}/README.txt"].decode("utf-8")
    assert "Edition ci, version 1" in readme and "claims.json" in readme and "datapackage.json" in readme


def test_the_codebook_describes_every_column_of_every_csv(archive, published):
    rows = list(csv.DictReader(io.StringIO(archive["briefing-ci-v1-data/codebook.csv"].decode("utf-8"))))
    described = {(r["file"], r["column"]) for r in rows}
    for path in published.glob("figures/*.csv"):
        header = next(csv.reader(path.open(encoding="utf-8")))
        assert {(f"figures/{path.name}", c) for c in header} <= described, path.name
    assert all(r["unit"] for r in rows)
    units = {(r["file"], r["column"]): r["unit"] for r in rows}
    assert units[("figures/fig-dec-shares.csv", "share_pct")] == "%"
    assert units[("figures/fig-dec-shares.csv", "country")] == "ISO 3166-1 alpha-2 code"
    assert units[("figures/fig-dec-shares.csv", "year")] == "calendar year"
    assert any("OpenAlex" in r["source"] for r in rows if r["file"] == "figures/fig-dec-shares.csv")


def test_finding_id_patterns_match_the_findings_of_their_figure(archive, published):
    rows = list(csv.DictReader(io.StringIO(archive["briefing-ci-v1-data/codebook.csv"].decode("utf-8"))))
    findings = json.loads((published / "findings.json").read_text(encoding="utf-8"))["findings"]
    patterns = {r["file"]: r["finding_ids"] for r in rows}
    assert "exposure.share_pct.{country}.{pole}.{year}" in patterns["figures/fig-dec-shares.csv"]
    checked = 0
    for finding in findings:
        if not finding.get("figure"):
            continue
        listed = patterns[f"figures/{finding['figure']}.csv"].split("; ")
        regexes = [re.escape(p).replace(r"\{", "{").replace(r"\}", "}") for p in listed]
        regexes = [re.sub(r"\{[^}]*\}", r"[^.]+", p) + "$" for p in regexes]
        assert any(re.match(rx, finding["id"]) for rx in regexes), (finding["id"], listed)
        checked += 1
    assert checked >= 50


def test_every_csv_holds_numbers_one_value_a_cell(archive):
    tables = {n: csv_rows(data) for n, data in archive.items() if n.startswith(f"{FOLDER}/figures/")}
    assert len(tables) >= 25
    for name, rows in tables.items():
        for row in rows:
            for column, cell in row.items():
                if column not in PROSE:
                    assert not FORMATTED.search(cell), (name, column, cell)
    # Numbers where the name says a number: shares, counts, money, ranks, years, losses.
    numeric = re.compile(r"(^|_)(pct|pp|works|papers|rank|ratio|affinity|year|usd_ppp_m\w*)(_|$)|^(start|end)$")
    checked = 0
    for rows in tables.values():
        for column in rows[0] if rows else []:
            if numeric.search(column):
                for row in rows:
                    if row[column] != "":
                        float(row[column])  # a number, as Python reads it
                        checked += 1
    assert checked >= 1000


def test_table_csvs_give_the_raw_numbers(archive, mirror):
    """A GERD level and a pair's works, as the mirror's OECD and OpenAlex files give them."""
    gerd = {r["country"]: r for r in csv_rows(archive[f"{FOLDER}/figures/tbl-gerd-growth.csv"])}
    with open(mirror / "oecd" / "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv", encoding="utf-8") as f:
        raw = {int(r["TIME_PERIOD"]): float(r["OBS_VALUE"]) for r in csv.DictReader(f)
               if r["REF_AREA"] == "JPN" and r["PRICE_BASE"] == "Q"}
    japan = gerd["JP"]
    assert float(japan["gerd_usd_ppp_m_const2015_start"]) == raw[int(japan["year_start"])]
    assert float(japan["gerd_usd_ppp_m_const2015_end"]) == raw[int(japan["year_end"])]
    assert float(japan["growth_pct"]) == pytest.approx(100 * (raw[int(japan["year_end"])] /
                                                              raw[int(japan["year_start"])] - 1), rel=1e-12)
    pairs = {r["pair"]: r for r in csv_rows(archive[f"{FOLDER}/figures/tbl-pair-growth.csv"])}
    focus = pairs["JP-KR"]
    assert (focus["year_start"], focus["year_end"]) == ("2018", "2022")
    assert int(focus["works_start"]) == openalex_pair(mirror, 2018, "JP", "KR")
    assert int(focus["works_end"]) == openalex_pair(mirror, 2022, "JP", "KR")
    scenario = csv_rows(archive[f"{FOLDER}/figures/tbl-dec-scenario.csv"])
    assert {"intl_loss_pct", "output_loss_pct", "cut_pct"} <= set(scenario[0])  # two numbers, not "a / b"
    counts = csv_rows(archive[f"{FOLDER}/figures/tbl-pair-ncses-counts.csv"])
    assert {r["year"]: int(r["works"]) for r in counts}["2022"] == openalex_pair(mirror, 2022, "JP", "KR")


def test_the_data_package_validates_and_its_hashes_are_the_files(archive, tmp_path):
    for name, data in archive.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    descriptor = json.loads(archive[f"{FOLDER}/datapackage.json"])
    files = {n.removeprefix(f"{FOLDER}/"): d for n, d in archive.items()}
    described = {r["path"]: r for r in descriptor["resources"]}
    assert set(described) == set(files) - {"README.txt", "datapackage.json"}
    for path, resource in described.items():
        assert resource["hash"] == "sha256:" + hashlib.sha256(files[path]).hexdigest(), path
        assert resource["bytes"] == len(files[path])
        if path.endswith(".csv"):
            header = next(csv.reader(io.StringIO(files[path].decode("utf-8"))))
            assert [f["name"] for f in resource["schema"]["fields"]] == header, path
            assert all(f["unit"] and f["description"] and f["type"] for f in resource["schema"]["fields"]), path
    shares = {f["name"]: f for f in described["figures/tbl-pair-growth.csv"]["schema"]["fields"]}
    assert (shares["works_start"]["type"], shares["works_start"]["unit"]) == ("integer", "count")
    assert shares["growth_pct"]["type"] == "number"
    assert [s["path"] for s in described["figures/tbl-pair-growth.csv"]["sources"]] == ["https://openalex.org"]
    assert {lic["title"] for lic in descriptor["licenses"]} >= {"CC0 1.0", "CC BY 4.0"}
    report = Package(str(tmp_path / FOLDER / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:5]
    # The hashes are checked: a changed byte fails validation.
    changed = tmp_path / FOLDER / "figures" / "tbl-pair-growth.csv"
    changed.write_bytes(changed.read_bytes().replace(b"JP-KR", b"JP-KP", 1))
    assert not Package(str(tmp_path / FOLDER / "datapackage.json")).validate().valid


def test_claims_name_their_place_and_what_they_read(archive, ci_build):
    claims = json.loads(archive[f"{FOLDER}/claims.json"])["claims"]
    findings = json.loads(archive[f"{FOLDER}/findings.json"])["findings"]
    ids = {f["id"] for f in findings}
    assert claims
    for claim in claims:
        source = (ci_build.root / claim["origin"]).read_text(encoding="utf-8").splitlines()
        assert claim["origin"].startswith("chapters/") and claim["chapter"]
        assert claim["text"].split()[0] in source[claim["line"] - 1], claim
        assert not claim["section"] or any(line.lstrip("#").strip().startswith(claim["section"])
                                           for line in source[:claim["line"]] if line.startswith("#"))
        if claim["status"] == "holds" and claim["when"]:
            # An id, or the series of ids it begins (growth('pair.works.JP-KR') reads pair.works.JP-KR.<year>).
            assert all(any(f == i or f.startswith(f"{i}.") for f in ids) for i in claim["finding_ids"] if "*" not in i)
    assert any(c["parameters"] == ["focus_pair", "poles"] for c in claims)


def test_the_same_inputs_give_the_same_bytes(published, ci_build, tmp_path):
    build = ci_build.build("ci")
    findings = (published / "findings.json").read_text(encoding="utf-8")
    content = ZipContent(findings, json.loads(findings)["findings"], (build / "claims.json").read_text(encoding="utf-8"),
                         json.loads((build / "data" / "sources.json").read_text(encoding="utf-8")), "readme\n", "t")
    made = []
    for name in ("a", "b"):
        target = tmp_path / name / data_zip_name("ci", 1)
        target.parent.mkdir()
        write_data_zip(target, build / "book" / "figures", section_outputs(build), content)
        made.append(target.read_bytes())
    assert made[0] == made[1]
    with zipfile.ZipFile(io.BytesIO(made[0])) as opened:
        assert {info.date_time for info in opened.infolist()} == {(1980, 1, 1, 0, 0, 0)}
