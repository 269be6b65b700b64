"""Record readers: the rules each OpenAlex work must follow, finding the broken line
or Parquet row, and the real Scopus export."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from briefing.engine.aggregate import work_countries
from briefing.engine.inputs import find_records, first_problem, record_problem
from briefing.engine.scopus import country_of, read_scopus
from briefing.errors import InputError
from tests.engine_helpers import authorship, work, write_jsonl

SCOPUS = "samples/scopus_export_58rec.csv"


@pytest.mark.parametrize(("change", "rule"), [
    ({"id": None}, "missing required field id"),
    ({"publication_year": None}, "missing required field publication_year"),
    ({"publication_year": "2020"}, "publication_year is not an integer"),
    ({"publication_year": 1066}, "publication_year outside 1900-2100"),
    ({"authorships": None}, "missing required field authorships"),
    ({"authorships": [authorship("ZZ")]}, "unknown country code 'ZZ'"),
    ({"authorships": [authorship("JP", institutions=["XX"])]}, "unknown country code 'XX'"),
])
def test_record_rules(change, rule):
    assert rule in record_problem({**work(1, authorship("JP")), **change})


def test_a_good_record_breaks_no_rule():
    assert record_problem(work(1, authorship("JP"), authorship("TW", "XK"), authorship())) is None


def test_first_problem_names_the_line(tmp_path):
    path = write_jsonl(tmp_path / "w.jsonl.gz", [work(1, authorship("JP")), work(2, authorship("QQ"))])
    assert first_problem(path) == (f"{path}, line 2", "unknown country code 'QQ' in authorships[0] "
                                                      "(not ISO 3166-1 alpha-2)")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "W1", "publication_year": 2020, "authorships": []}\n{"id": "W2",\n')
    where, rule = first_problem(broken)
    assert where == f"{broken}, line 2" and rule.startswith("not valid JSON")


def test_first_problem_names_the_parquet_row(tmp_path):
    path = tmp_path / "w.parquet"
    pq.write_table(pa.Table.from_pylist([work(1, authorship("JP")), {**work(2, authorship("JP")), "id": None}]), path)
    assert first_problem(path) == (f"{path}, row 2", "missing required field id")


def test_parquet_works_read_like_json(tmp_path):
    works = [work(1, authorship("JP", corresponding=True), authorship("KR")), work(2, authorship("US"))]
    pq.write_table(pa.Table.from_pylist(works), tmp_path / "w.parquet")
    write_jsonl(tmp_path / "w.jsonl.gz", works)
    frames = [work_countries([tmp_path / name]) for name in ("w.parquet", "w.jsonl.gz")]
    assert frames[0].equals(frames[1])
    assert frames[0][["work_id", "country", "is_corresponding"]].values.tolist() == [
        ["https://openalex.org/W1", "JP", True], ["https://openalex.org/W1", "KR", False],
        ["https://openalex.org/W2", "US", False]]


def test_find_records_rejects_what_it_cannot_read(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        find_records([tmp_path / "missing.gz"])
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="not a record file"):
        find_records([tmp_path / "notes.txt"])
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(InputError, match="file is empty"):
        find_records([tmp_path / "empty.jsonl"])


def test_scopus_export_real_sample(mirror, tmp_path):
    assert read_scopus(mirror / SCOPUS).num_rows == 58
    rows = work_countries([mirror / SCOPUS])
    namd = rows[rows["work_id"] == "2-s2.0-27344436659"]  # Phillips et al. 2005, NAMD: Illinois and Nancy
    assert namd[["country", "is_corresponding"]].values.tolist() == [["FR", False], ["US", True]]
    assert set(rows["source"]) == {"scopus"}
    assert set(rows["field"]) == {"unclassified"}
    works = rows.groupby("work_id")["is_corresponding"].any()
    assert len(works) == 49  # 9 records list no affiliation (conference reviews, books, editorials)
    assert works.sum() == 45  # 13 records have no correspondence address


def test_scopus_country_names_and_the_glued_separator():
    assert country_of("Department of X, Cairo UniversityEgypt") == "EG"
    assert country_of("Beckman Institute, , Urbana, IL 61801, United States") == "US"
    assert country_of("National Institute of Informatics, Tokyo, Japan") == "JP"
    assert country_of("Somewhere, Atlantis") is None


def test_scopus_bad_year_names_line(tmp_path, mirror):
    text = (mirror / SCOPUS).read_text(encoding="utf-8-sig").replace(",2005,", ",20O5,", 1)
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv, line 2, column 'Year': not a year \(got '20O5'\)"):
        read_scopus(path)
