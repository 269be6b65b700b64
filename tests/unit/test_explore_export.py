"""What a version exports for its explorer, on tiny frames: the column format read back here
with struct and json from its documented layout (report/columns.py), the meta file's flags,
affinity and regions, and one clear error for each input it cannot export."""

from __future__ import annotations

import json
import struct

import pandas as pd
import pytest

from briefing.config import load_edition
from briefing.errors import InputError
from briefing.findings.ids import slug as region_slug
from briefing.report.columns import encode_table
from briefing.report.explore_data import affinity_entry, explore_files, regions, source_flags
from tests.conftest import CI_PARAMS, REPO
from tests.tiny_book import write_pair_tables

FORMATS = {"uint8": "B", "uint16": "H", "uint32": "I", "int32": "i", "float64": "d"}


def decode(data: bytes) -> tuple[dict, dict[str, list]]:
    """The header and every column's values (None where missing), from the layout alone."""
    assert data[:8] == b"BRFCOL1\n"
    (length,) = struct.unpack_from("<I", data, 8)
    header = json.loads(data[12:12 + length].decode("utf-8"))
    assert (12 + length) % 8 == 0
    rows, columns = header["rows"], {}
    for column in header["columns"]:
        if "constant" in column:
            columns[column["name"]] = [column["constant"]] * rows
            continue
        assert column["offset"] % 8 == 0 and column["offset"] >= 12 + length
        values = list(struct.unpack_from(f"<{rows}{FORMATS[column['type']]}", data, column["offset"]))
        assert struct.calcsize(f"<{rows}{FORMATS[column['type']]}") == column["length"]
        if "dictionary" in column:
            values = [column["dictionary"][v] for v in values]
        if "valid" in column:
            valid = data[column["valid"]["offset"]:column["valid"]["offset"] + rows]
            values = [v if ok else None for v, ok in zip(values, valid, strict=True)]
        columns[column["name"]] = values
    return header, columns


FRAME = pd.DataFrame({
    "source": ["openalex"] * 4, "country": ["KR", "JP", "NA", "KR"], "year": [1990, 2023, 2000, 2001],
    "works": [0, 84_025, 70_000, 3], "big": [0, 2**31, 5, 6], "signed": [-5, 0, 7, 2**20],
    "total": pd.array([None, 12, None, 300], dtype="Int64"), "share": [0.5, 12.25, float("nan"), 1e-9],
})


def test_a_table_reads_back_from_the_documented_layout():
    data = encode_table(FRAME, "demo")
    header, columns = decode(data)
    assert header["table"] == "demo" and header["rows"] == 4 and header["format"] == "briefing-columns"
    assert [c["name"] for c in header["columns"]] == list(FRAME.columns)
    types = {c["name"]: c.get("type") for c in header["columns"]}
    assert types == {"source": None, "country": "uint8", "year": "uint16", "works": "uint32", "big": "uint32",
                     "signed": "int32", "total": "uint16", "share": "float64"}
    assert columns["source"] == ["openalex"] * 4 and columns["country"] == ["KR", "JP", "NA", "KR"]
    assert columns["year"] == [1990, 2023, 2000, 2001] and columns["works"] == [0, 84_025, 70_000, 3]
    assert columns["big"] == [0, 2**31, 5, 6] and columns["signed"] == [-5, 0, 7, 2**20]
    assert columns["total"] == [None, 12, None, 300]
    assert columns["share"][:2] == [0.5, 12.25] and columns["share"][2] is None and columns["share"][3] == 1e-9


def test_same_frame_same_bytes_and_a_dictionary_in_sorted_order():
    assert encode_table(FRAME, "demo") == encode_table(FRAME.copy(), "demo")
    header, _ = decode(encode_table(FRAME, "demo"))
    country = next(c for c in header["columns"] if c["name"] == "country")
    assert country["dictionary"] == ["JP", "KR", "NA"]


def test_an_empty_table_still_has_its_columns():
    header, columns = decode(encode_table(FRAME.iloc[0:0], "empty"))
    assert header["rows"] == 0 and set(columns) == set(FRAME.columns)


@pytest.mark.parametrize(("frame", "rule"), [
    (pd.DataFrame({"country": ["JP", None]}), "demo.country: a text column of the explorer's tables may not have missing values"),
    (pd.DataFrame({"when": pd.to_datetime(["2020-01-01", "2021-01-01"])}), "demo.when: column type"),
])
def test_a_column_the_format_cannot_hold_is_one_clear_error(frame, rule):
    with pytest.raises(InputError) as error:
        encode_table(frame, "demo")
    assert str(error.value).startswith(rule)


@pytest.mark.parametrize(("name", "slug"), [("Asia-Pacific", "asia-pacific"), ("Latin America & the Caribbean",
                                                                                "latin-america-the-caribbean"),
                                            ("  EU 27 ", "eu-27"), ("<script>", "script")])
def test_a_region_name_becomes_its_slug(name, slug):
    assert region_slug(name) == slug


@pytest.mark.parametrize(("finding_id", "expected"), [
    ("pair.affinity.JP-KR.2023", ("JP", "KR", False, 2023)),
    ("pair.affinity.asia-pacific.JP-KR.2023", ("JP", "KR", False, 2023)),
    ("pair.affinity.KR.JP.2021", ("KR", "JP", True, 2021)),
    ("pair.affinity.JP-KR", None), ("pair.affinity.japan.2023", None),
])
def test_affinity_findings_are_read_from_their_ids_wherever_the_pair_stands(finding_id, expected):
    entry = affinity_entry({"id": finding_id, "value": 1.5})
    assert (None if entry is None else (entry["country"], entry["partner"], entry["directed"], entry["year"])) == expected


def test_source_flags_are_each_caveat_of_the_source_once_with_the_band_label():
    provisional = {"kind": "provisional", "source": "openalex", "subject": "openalex", "years": [2023],
                   "brief": "2023 is provisional.", "text": "Long."}
    shift = {"kind": "level_shift", "source": "openalex", "subject": "KR", "years": [2020], "brief": "KR jumps.",
             "text": "Longer."}
    pair = {"kind": "level_shift", "source": "openalex", "subject": "CN-HK", "years": [2022], "text": "CN-HK jumps."}
    other = {"kind": "provisional", "source": "ncses", "subject": "ncses", "years": [2022], "text": "NCSES."}
    findings = [{"id": "a", "caveats": [provisional, shift]}, {"id": "b", "caveats": [provisional, pair, other]},
                {"id": "c"}]
    flags = source_flags(findings, "openalex")
    assert [(f["kind"], f["subject"], f["years"], f["drawn"]) for f in flags] == [
        ("level_shift", "CN-HK", [2022], True), ("level_shift", "KR", [2020], True),
        ("provisional", "openalex", [2023], True)]
    assert [f["label"] for f in flags] == ["Break in the China–Hong Kong series", "Break in South Korea's series", ""]
    assert flags[0]["brief"] == "CN-HK jumps."  # the text where a caveat has no brief


def test_the_editions_region_comes_first_and_a_named_one_it_shadows_keeps_a_key():
    edition = load_edition(CI_PARAMS)  # Asia-Pacific: six countries, not the named region's fourteen
    listed = regions(edition, REPO / "data" / "regions.yml")
    assert listed[0] == {"key": "asia-pacific", "name": "Asia-Pacific", "countries": edition.region.countries,
                         "edition": True, "source": "This edition's region (the parameters of edition ci)."}
    keys = [r["key"] for r in listed]
    assert "asia-pacific-named" in keys and "europe" in keys and len(keys) == len(set(keys))
    europe = next(r for r in listed if r["key"] == "europe")
    assert "NO" in europe["countries"]  # Norway, not a YAML false


def test_the_files_of_a_tiny_build(tmp_path):
    (tmp_path / "data").mkdir()
    write_pair_tables(tmp_path / "data")
    edition = load_edition(CI_PARAMS)
    findings = [{"id": "pair.affinity.JP-KR.2022", "value": 2.5, "caveats": []}]
    files = explore_files(tmp_path, edition, 3, findings, REPO / "data" / "regions.yml")
    assert sorted(files) == ["country_output.bcol", "meta.json", "pairs.bcol"]
    _, pairs = decode(files["pairs.bcol"])
    assert list(zip(pairs["country_a"], pairs["country_b"], pairs["year"], pairs["works"], strict=True)) == [
        ("CN", "JP", 2022, 30), ("JP", "KR", 2021, 10), ("JP", "KR", 2022, 12)]
    _, output = decode(files["country_output.bcol"])
    assert output["works_international"] == [300, 100, 110, 60] and output["works_total"] == [None] * 4
    meta = json.loads(files["meta.json"])
    assert (meta["edition"], meta["version"]) == ("ci", 3)
    assert meta["sources"] == [{"id": "openalex", "name": "OpenAlex", "counting": "full", "licence": "", "field": "all",
                                "years": [2021, 2022], "flags": []}]
    assert meta["countries"] == {"CN": "China", "JP": "Japan", "KR": "South Korea"}
    assert meta["affinity"] == [{"id": "pair.affinity.JP-KR.2022", "country": "JP", "partner": "KR",
                                 "directed": False, "year": 2022, "value": 2.5}]
    assert files == explore_files(tmp_path, edition, 3, findings, REPO / "data" / "regions.yml")


@pytest.mark.parametrize(("damage", "where", "rule"), [
    ("no pairs", "pairs.parquet", "missing: the explorer needs the validated tables"),
    ("other source", "pairs.parquet", "holds no rows of the edition's source 'openalex'"),
    ("bad regions", "regions.yml", "must hold a 'regions' mapping"),
])
def test_what_the_explorer_cannot_export_is_one_clear_error(tmp_path, damage, where, rule):
    data = tmp_path / "build" / "data"
    data.mkdir(parents=True)
    write_pair_tables(data)
    regions_file = tmp_path / "regions.yml"
    regions_file.write_text((REPO / "data" / "regions.yml").read_text(encoding="utf-8"), encoding="utf-8")
    if damage == "no pairs":
        (data / "pairs.parquet").unlink()
    if damage == "other source":
        pairs = pd.read_parquet(data / "pairs.parquet")
        pairs.assign(source="ncses").to_parquet(data / "pairs.parquet", index=False)
    if damage == "bad regions":
        regions_file.write_text("europe: [DE, FR]\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        explore_files(tmp_path / "build", load_edition(CI_PARAMS), 1, [], regions_file)
    assert error.value.where.endswith(where) and error.value.rule.startswith(rule)
