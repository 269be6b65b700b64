"""Hand-checked counts from tiny work records (DuckDB engine, full and fractional,
all and corresponding attribution)."""

from __future__ import annotations

import pytest

from tests.engine_helpers import authorship, run, select, work


def totals(tables, counting="full", attribution="all") -> dict[str, tuple[float, float]]:
    rows = select(tables["country_output"], counting, attribution)
    return {r.country: (r.works_total, r.works_international) for r in rows.itertuples()}


def pair_works(tables, counting="full", attribution="all") -> dict[tuple[str, str], float]:
    rows = select(tables["pairs"], counting, attribution)
    return {(r.country_a, r.country_b): r.works for r in rows.itertuples()}


def test_three_country_work_gives_three_ordered_pairs(tmp_path):
    tables = run(tmp_path, [work(1, authorship("US"), authorship("JP"), authorship("CN"))])
    assert pair_works(tables) == {("CN", "JP"): 1, ("CN", "US"): 1, ("JP", "US"): 1}
    assert (tables["pairs"]["country_a"] < tables["pairs"]["country_b"]).all()
    fractional = pair_works(tables, "fractional")
    assert fractional == pytest.approx({k: 1 / 3 for k in fractional})
    assert sum(fractional.values()) == pytest.approx(1.0)


def test_fractional_shares_of_each_work_sum_to_one(tmp_path):
    works = [work(1, authorship("US"), authorship("JP"), authorship("CN")),
             work(2, authorship("US", "GB"), authorship("US")),
             work(3, authorship("KR"))]
    tables = run(tmp_path, works)
    fractional = totals(tables, "fractional")
    assert sum(total for total, _ in fractional.values()) == pytest.approx(3.0)
    assert fractional["US"][0] == pytest.approx(1 / 3 + 1 / 2)
    assert fractional["KR"] == (1.0, 0.0)
    assert totals(tables)["US"] == (2, 2)


def test_domestic_work_is_not_international(tmp_path):
    tables = run(tmp_path, [work(1, authorship("JP"), authorship("JP", institutions=["JP", "JP"]))])
    assert totals(tables) == {"JP": (1, 0)}
    assert tables["pairs"].empty


def test_several_institutions_in_one_country_count_once(tmp_path):
    tables = run(tmp_path, [work(1, authorship("KR", institutions=["KR", "KR"]), authorship("KR"), authorship("JP"))])
    assert totals(tables) == {"JP": (1, 1), "KR": (1, 1)}
    assert pair_works(tables) == {("JP", "KR"): 1}
    assert pair_works(tables, "fractional") == {("JP", "KR"): 1.0}


def test_corresponding_attribution_counts_the_corresponding_country_only(tmp_path):
    works = [work(1, authorship("CN", corresponding=True), authorship("US"), authorship("JP")),
             work(2, authorship("US", corresponding=True), authorship("US")),
             work(3, authorship("KR", corresponding=None), authorship("CN", corresponding=None))]
    tables = run(tmp_path, works)
    assert totals(tables, "full", "corresponding") == {"CN": (1, 1), "US": (1, 0)}
    partners = select(tables["partners"], "full", "corresponding")
    assert {(r.country, r.partner): r.works for r in partners.itertuples()} == {("CN", "JP"): 1, ("CN", "US"): 1}
    fractional = select(tables["partners"], "fractional", "corresponding")
    assert fractional["works"].sum() == pytest.approx(1.0)  # CN's one work, split over its two partners
    assert pair_works(tables, "full", "corresponding") == {("CN", "JP"): 1, ("CN", "US"): 1}
    assert tables["result"].works_with_corresponding == 2


def test_two_corresponding_countries_share_the_work(tmp_path):
    tables = run(tmp_path, [work(1, authorship("US", "CN", corresponding=True), authorship("JP"))])
    assert totals(tables, "fractional", "corresponding") == {"CN": (0.5, 0.5), "US": (0.5, 0.5)}
    corresponding = pair_works(tables, "fractional", "corresponding")
    assert corresponding == pytest.approx({("CN", "JP"): 0.25, ("CN", "US"): 0.5, ("JP", "US"): 0.25})
    assert sum(corresponding.values()) == pytest.approx(1.0)


def test_missing_countries_are_skipped_and_institution_codes_used(tmp_path):
    works = [work(1, authorship(), authorship(institutions=[None])),  # no country at all
             work(2, authorship(institutions=["DE"]), authorship("FR", institutions=[])),  # countries list empty
             work(3)]  # no authorships
    tables = run(tmp_path, works)
    assert totals(tables) == {"DE": (1, 1), "FR": (1, 1)}
    assert tables["result"].works == 3
    assert tables["result"].works_with_country == 1


def test_fields_years_and_unclassified(tmp_path):
    works = [work(1, authorship("JP"), year=2019), work(2, authorship("JP"), year=2021, field=None),
             work(3, authorship("JP"), year=2021, field="Physics and Astronomy",
                  subfield="Atomic and Molecular Physics, and Optics")]
    rows = select(run(tmp_path / "a", works)["country_output"])
    assert sorted(zip(rows["field"], rows["year"], strict=True)) == [
        ("computer_science", 2019), ("physics_and_astronomy", 2021), ("unclassified", 2021)]
    rows = select(run(tmp_path / "b", works, field_level="subfield")["country_output"])
    assert "atomic_and_molecular_physics_and_optics" in set(rows["field"])
    rows = select(run(tmp_path / "c", works, field="Quantum computing")["country_output"])
    assert set(rows["field"]) == {"quantum_computing"}
