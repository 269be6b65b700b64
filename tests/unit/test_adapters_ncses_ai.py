"""The NCSES AI adapters (SPBS-92 matrix, SPBS-91 totals) and domestic-only counts
(SPBS-33/99) on tiny native files written inline: what they keep, what they refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import schemas
from briefing.errors import InputError
from briefing.sources import ncses, ncses_ai, ncses_articles

HEAD = "table_id,row_id,region_country_or_economy,japan,south_korea,united_states\n"
ROWS = ["10060,r001,Japan,0,7,30\n", "10060,r002,South Korea,7,0,41\n", "10060,r003,United States,30,41,0\n"]
TOTALS = ("table_id,row_id,rank,region_country_or_economy,region,number_of_papers_whole_,"
          "number_of_papers_fractional_,papers_involving_multiple_institutions_whole_,"
          "papers_involving_only_domestic_institutions_whole_,papers_involving_international_institutions_whole_\n"
          "10059,r001,0,World,World,957932,957932.0,489522,799697,153630\n"
          "10059,r002,1,Japan,Asia,53226,46775.6,32378,41244,11712\n"
          "10059,r003,2,\"Congo, Republic of the\",Africa,1,0.2,1,0,1\n"
          "10059,r004,3,Unassigned,na,5971,2096.7,5971,0,1366\n")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def matrix(tmp_path: Path, rows: list[str], head: str = HEAD) -> Path:
    return write(tmp_path, ncses_ai.MATRIX_FILE, head + "".join(rows))


def test_matrix_keeps_each_pair_once_with_the_period_from_the_file_name(tmp_path):
    table = ncses_ai.pair_matrix(matrix(tmp_path, ROWS), ncses.country_codes)
    assert table[["country_a", "country_b", "works"]].values.tolist() == [["JP", "KR", 7], ["JP", "US", 30],
                                                                          ["KR", "US", 41]]
    assert set(table["year_start"]) == {2003} and set(table["year_end"]) == {2022}
    assert set(table["field"]) == {"artificial_intelligence"}
    schemas.check("period_pairs", table, "test")


@pytest.mark.parametrize(("rows", "where", "rule"), [
    ([ROWS[0], "10060,r002,South Korea,8,0,41\n", ROWS[2]], "line 2, column 'south_korea'", "matrix must be symmetric"),
    ([ROWS[0].replace(",0,7", ",2,7"), ROWS[1], ROWS[2]], "line 2, column 'column'", "the diagonal must be 0"),
    ([ROWS[0], ROWS[1].replace("South Korea", "Atlantis"), ROWS[2]], "line 3, column 'region_country_or_economy'",
     "unknown country name"),
    ([ROWS[0], ROWS[1].replace(",41", ",many"), ROWS[2]], "line 3, column 'united_states'", "not an integer"),
    ([ROWS[0], ROWS[1], ROWS[2], "10060,r004,World,1,1,1\n"], "line 5, column 'region_country_or_economy'",
     "a row of the matrix must be one economy"),
])
def test_matrix_rejects_with_line_and_column(tmp_path, rows, where, rule):
    with pytest.raises(InputError, match=rule) as caught:
        ncses_ai.pair_matrix(matrix(tmp_path, rows), ncses.country_codes)
    assert f"{ncses_ai.MATRIX_FILE}, {where}" in str(caught.value)


def test_matrix_header_names_map_by_snake_case_or_fail_naming_the_column(tmp_path):
    with pytest.raises(InputError, match="line 1, column 'atlantis'.*unknown country name in the header"):
        ncses_ai.pair_matrix(matrix(tmp_path, ROWS, HEAD.replace("united_states", "atlantis")), ncses.country_codes)
    with pytest.raises(InputError, match=r"matrix must be square: rows without a column \['US'\]"):
        ncses_ai.pair_matrix(matrix(tmp_path, ROWS, HEAD.replace("united_states", "germany")), ncses.country_codes)
    with_czechia = HEAD.replace("united_states", "czechia")
    rows = [ROWS[0], ROWS[1], "10060,r003,Czechia,30,41,0\n"]
    table = ncses_ai.pair_matrix(matrix(tmp_path, rows, with_czechia), ncses.country_codes)
    assert ["CZ", "JP", 30] in table[["country_a", "country_b", "works"]].values.tolist()
    # A column that spells no row's name is read back from snake case.
    rows = [ROWS[0], ROWS[1], ROWS[2].replace("United States", "United States of America")]
    table = ncses_ai.pair_matrix(matrix(tmp_path, rows), ncses.country_codes)
    assert ["KR", "US", 41] in table[["country_a", "country_b", "works"]].values.tolist()


def test_period_of_needs_the_years_in_the_file_name(tmp_path):
    assert ncses_ai.period_of(Path("x_1990_2000.csv")) == (1990, 2000)
    with pytest.raises(InputError, match="file name must end in"):
        ncses_ai.period_of(Path("matrix.csv"))
    assert ncses_ai.snake("Bosnia and Herzegovina") == "bosnia_and_herzegovina"


def test_totals_keep_economies_with_all_three_counts(tmp_path):
    table = ncses_ai.totals(write(tmp_path, ncses_ai.TOTALS_FILE, TOTALS), ncses.country_codes)
    assert table[["country", "works_total", "works_international", "works_domestic"]].values.tolist() == [
        ["CG", 1, 1, 0], ["JP", 53226, 11712, 41244]]
    schemas.check("period_output", table, "test")


def test_totals_reject_bad_counts_and_duplicates(tmp_path):
    bad = TOTALS.replace("53226,46775.6", "lots,46775.6")
    with pytest.raises(InputError, match="line 3, column 'number_of_papers_whole_': not an integer"):
        ncses_ai.totals(write(tmp_path, ncses_ai.TOTALS_FILE, bad), ncses.country_codes)
    twice = TOTALS + "10059,r005,4,Japan,Asia,1,1.0,1,1,0\n"
    with pytest.raises(InputError, match="line 6: duplicate key"):
        ncses_ai.totals(write(tmp_path, ncses_ai.TOTALS_FILE, twice), ncses.country_codes)


def test_schema_refuses_parts_above_the_total(tmp_path):
    table = ncses_ai.totals(write(tmp_path, ncses_ai.TOTALS_FILE, TOTALS), ncses.country_codes)
    table.loc[table["country"] == "JP", "works_domestic"] = 50000
    with pytest.raises(InputError, match="works_international \\+ works_domestic must not exceed works_total"):
        schemas.check("period_output", table, "test")


def test_country_output_reads_domestic_only_articles(tmp_path):
    text = ("field,country,attribute,year,articles\n"
            "All S&E fields,Japan,Total articles,2022,129404\n"
            "All S&E fields,Japan,Total articles > With international institutions,2022,41128\n"
            "All S&E fields,Japan,Total articles > With domestic institutions only,2022,87053\n"
            "All S&E fields,Japan,Total articles > With multiple institutions,2022,90000\n")
    table = ncses_articles.country_output(write(tmp_path, "out.csv", text), ncses.country_codes)
    assert table[["country", "works_total", "works_international", "works_domestic"]].values.tolist() == [
        ["JP", 129404, 41128, 87053]]
    schemas.check("country_output", table, "test")
