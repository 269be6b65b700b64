"""Reading API answers and writing native files: tiny answers written inline."""

from __future__ import annotations

import json

import pytest

from briefing import schemas
from briefing.errors import InputError
from briefing.live import oecd, openalex, worldbank
from briefing.live.fetch import parse_years
from briefing.live.http import BadAnswer
from briefing.live.openalex import PairQuery
from briefing.live.works import parse_works_page
from briefing.sources import openalex as openalex_adapter
from briefing.sources import worldbank as worldbank_adapter


def group_page(groups, next_cursor="abc"):
    return json.dumps({"meta": {"count": 9, "per_page": 200, "next_cursor": next_cursor, "groups_count": len(groups)},
                       "group_by": [{"key": k, "key_display_name": n, "count": c} for k, n, c in groups]})


def test_group_page_keys_are_country_ids_or_codes():
    page = openalex.parse_group_page(group_page([("https://openalex.org/countries/JP", "Japan", 9), ("kr", "Korea", 2)]))
    assert page.groups == [("JP", "Japan", 9), ("KR", "Korea", 2)] and page.next_cursor == "abc"
    assert openalex.parse_group_page(group_page([], next_cursor=None)).next_cursor is None


@pytest.mark.parametrize(("body", "reason", "retry"), [
    ('{"meta": {"count": 1', "not complete JSON", True),
    ('{"meta": {"count": 1}, "group_by": []}', "no meta.next_cursor", False),
    ('{"meta": {"next_cursor": null}}', "no group_by list", False),
    (group_page([("https://openalex.org/countries/JPN", "Japan", 9)]), "is not a country", False),
    (group_page([("JP", "Japan", -1)]), "no count >= 0", False),
])
def test_bad_group_pages(body, reason, retry):
    with pytest.raises(BadAnswer, match=reason) as caught:
        openalex.parse_group_page(body)
    assert caught.value.retry is retry


def test_pair_rows_diagonal_and_one_value_per_pair():
    results = {
        PairQuery("all", 2020, "JP"): {"JP": ("Japan", 100), "KR": ("Korea", 7), "US": ("United States", 30)},
        PairQuery("all", 2020, "KR"): {"KR": ("Korea", 50), "JP": ("Japan", 8)},  # another moment, another count
    }
    assert openalex.pair_rows(results) == [("all", 2020, "JP", "JP", 100), ("all", 2020, "JP", "KR", 7),
                                           ("all", 2020, "JP", "US", 30), ("all", 2020, "KR", "KR", 50)]


def test_pair_csv_with_field_column_reads_through_the_adapter(tmp_path):
    rows = [("all", 2020, "JP", "JP", 100), ("all", 2020, "JP", "KR", 7), ("quantum_computing", 2020, "JP", "JP", 4)]
    files = [openalex.write_pairs(rows, tmp_path / "country_pairs_2020_2020.csv"),
             openalex.write_names({"JP": "Japan", "KR": "Korea; Republic of"}, tmp_path / openalex_adapter.NAMES_FILE)]
    tables = openalex_adapter.read({f.name: f for f in files})
    assert tables["pairs"][["field", "country_a", "country_b", "works"]].values.tolist() == [["all", "JP", "KR", 7]]
    assert sorted(tables["country_output"]["field"]) == ["all", "quantum_computing"]
    for name, frame in tables.items():
        schemas.check(name, frame, "test")


def test_adapter_wants_exactly_one_pairs_file(tmp_path):
    names = tmp_path / openalex_adapter.NAMES_FILE
    names.write_text("code;name\nJP;Japan\n")
    with pytest.raises(InputError, match=r"expected one country_pairs_\*.csv file, found none"):
        openalex_adapter.read({names.name: names})


def wdi_answer(rows, pages=1, total=None):
    return json.dumps([{"page": 1, "pages": pages, "per_page": 1000, "total": len(rows) if total is None else total,
                        "lastupdated": "2026-07-13"}, rows])


def wdi_row(iso3, name, year, value):
    return {"indicator": {"id": "GB.XPD.RSDV.GD.ZS", "value": "Research and development expenditure (% of GDP)"},
            "country": {"id": iso3[:2], "value": name}, "countryiso3code": iso3, "date": year, "value": value}


def test_wdi_answer_to_bulk_csv_to_table(tmp_path):
    page = worldbank.parse_page(wdi_answer([wdi_row("JPN", "Japan", "2020", 3.27), wdi_row("JPN", "Japan", "2019", 3),
                                            wdi_row("WLD", "World", "2020", None), wdi_row("", "Not classified", "2020", 1.0)]))
    path = worldbank.write_bulk_csv(page.rows, page.last_updated, tmp_path / worldbank.file_name("GB.XPD.RSDV.GD.ZS"))
    table = worldbank_adapter.read({path.name: path})["rd_indicators"]
    assert table[["country", "year", "value"]].sort_values("year").values.tolist() == [["JP", 2019, 3.0],
                                                                                       ["JP", 2020, 3.27]]


@pytest.mark.parametrize(("body", "reason"), [
    ('[{"message": [{"id": "120", "key": "Invalid value"}]}]', "World Bank API error"),
    ('{"page": 1}', r"\[meta, observations\]"),
    (wdi_answer([{"date": "2020"}]), "does not follow the API v2 schema"),
    (wdi_answer([wdi_row("JPN", "Japan", "2020Q1", 1.0)]), "is not a year"),
    (wdi_answer([wdi_row("JPN", "Japan", "2020", "3.2")]), "does not follow the API v2 schema"),
])
def test_bad_wdi_answers(body, reason):
    with pytest.raises(BadAnswer, match=reason):
        worldbank.parse_page(body)


SDMX = ",".join(["STRUCTURE"] + oecd.COLUMNS) + "\n" + ",".join(["DATAFLOW"] + ["x"] * len(oecd.COLUMNS))


def test_sdmx_csv_checks():
    assert oecd.check_csv(SDMX) == SDMX  # no final newline, as the Data Explorer writes it
    with pytest.raises(BadAnswer, match="narrower than the header") as cut:
        oecd.check_csv(SDMX[:-10])
    assert cut.value.retry
    with pytest.raises(BadAnswer, match="header lacks") as wrong:
        oecd.check_csv("a,b\n1,2\n")
    assert not wrong.value.retry


def test_works_page_checks_ids_and_selected_fields():
    good = {"id": "https://openalex.org/W1", "publication_year": 2020, "authorships": []}
    page = parse_works_page(json.dumps({"meta": {"count": 1, "next_cursor": None}, "results": [good]}))
    assert page.results == [good] and page.next_cursor is None
    with pytest.raises(BadAnswer, match="select ignored"):
        parse_works_page(json.dumps({"meta": {"count": 1, "next_cursor": None},
                                     "results": [{"id": "https://openalex.org/W1"}]}))


@pytest.mark.parametrize(("text", "years"), [("2019-2021", (2019, 2021)), ("2020", (2020, 2020))])
def test_parse_years(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["2021-2019", "19-21", "2019-2020-2021", "last year"])
def test_bad_years(text):
    with pytest.raises(InputError, match="--years"):
        parse_years(text)
