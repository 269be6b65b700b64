"""schemas: each canonical table's key is unique (pandera's Config.unique), and a
failure becomes one message naming the table, the rule and the offending row."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing import schemas
from briefing.errors import InputError
from briefing.tables import KEYS


def pairs(*rows) -> pd.DataFrame:
    return pd.DataFrame([{"source": "openalex", "field": "all", "year": y, "country_a": a, "country_b": b,
                          "works": w} for y, a, b, w in rows])


def test_every_model_declares_its_table_key():
    for name, model in schemas.MODELS.items():
        assert model.to_schema().unique == KEYS[name], name


@pytest.mark.parametrize("index", [None, [0, 0, 1]])
def test_duplicate_key_names_the_key(index):
    frame = pairs((2020, "JP", "KR", 5), (2021, "JP", "KR", 6), (2020, "JP", "KR", 7))
    if index is not None:
        frame.index = index  # a concatenation's repeated index
    with pytest.raises(InputError) as caught:
        schemas.check("pairs", frame, "test.csv")
    assert str(caught.value) == ("test.csv -> table 'pairs': duplicate key "
                                 "(source=openalex, field=all, year=2020, country_a=JP, country_b=KR)")


def test_same_pair_in_two_years_is_no_duplicate():
    valid = schemas.check("pairs", pairs((2020, "JP", "KR", 5), (2021, "JP", "KR", 6)), "test")
    assert len(valid) == 2


@pytest.mark.parametrize(("rows", "rule"), [
    (((2020, "KR", "JP", 5),), "country_a must sort before country_b"),
    (((2020, "JP", "KR", -1),), "column 'works' breaks rule: greater_than_or_equal_to(0)"),
    (((2020, "JP", "QQ", 1),), "column 'country_b' breaks rule: allowed values"),
])
def test_rules_name_column_and_row(rows, rule):
    with pytest.raises(InputError) as caught:
        schemas.check("pairs", pairs(*rows), "test")
    assert rule in str(caught.value) and "row 0" in str(caught.value)


def test_unexpected_column_is_named():
    with pytest.raises(InputError, match=r"unexpected column\(s\) \['extra'\]"):
        schemas.check("pairs", pairs((2020, "JP", "KR", 5)).assign(extra=1), "test")
