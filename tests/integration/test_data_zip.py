"""The data download of a published version (`briefing-<edition>-v<N>-data.zip`), from the CI
edition's build: it opens, holds every figure's and table's CSV exactly as published, the
published findings.json, a codebook describing every column of every CSV (unit, source,
finding id patterns that match the findings read from it), and its bytes do not depend on
when it was made."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest

from briefing.report.data_zip import data_zip_name, section_outputs, write_data_zip
from briefing.report.site import version_dir


@pytest.fixture(scope="module")
def published(ci_build):
    return version_dir(ci_build.site, "ci", 1)


@pytest.fixture(scope="module")
def archive(published):
    with zipfile.ZipFile(published / data_zip_name("ci", 1)) as opened:
        assert opened.testzip() is None
        yield {info.filename: opened.read(info) for info in opened.infolist()}


def test_the_zip_holds_every_figure_and_table_csv_as_published(archive, published):
    folder = "briefing-ci-v1-data"
    csvs = sorted(published.glob("figures/*.csv"))
    assert len(csvs) >= 15 and any(p.name.startswith("fig-") for p in csvs) and any(p.name.startswith("tbl-") for p in csvs)
    for path in csvs:
        assert archive[f"{folder}/figures/{path.name}"] == path.read_bytes(), path.name
    assert archive[f"{folder}/findings.json"] == (published / "findings.json").read_bytes()
    assert "Edition ci, version 1" in archive[f"{folder}/README.txt"].decode("utf-8")


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


def test_the_same_inputs_give_the_same_bytes(published, ci_build, tmp_path):
    build = ci_build.build("ci")
    findings = (published / "findings.json").read_text(encoding="utf-8")
    made = []
    for name in ("a", "b"):
        target = tmp_path / name / data_zip_name("ci", 1)
        target.parent.mkdir()
        write_data_zip(target, build / "book" / "figures", findings, json.loads(findings)["findings"],
                       section_outputs(build), "readme\n")
        made.append(target.read_bytes())
    assert made[0] == made[1]
    with zipfile.ZipFile(io.BytesIO(made[0])) as opened:
        assert {info.date_time for info in opened.infolist()} == {(1980, 1, 1, 0, 0, 0)}
