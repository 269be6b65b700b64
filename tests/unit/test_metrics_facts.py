"""The one lookup of cited facts: order kept, id parts split, an unknown id is bad input."""

import pandas as pd
import pytest

from briefing.errors import InputError
from briefing.metrics.facts import cite

FACTS = pd.DataFrame({"id": ["seed.ni_share.KR.US.2023", "seed.gerd.JP.2018", "seed.rank.JP-KR.2019"],
                      "value": [30.0, 3.2, 4.0]})


def test_cite_keeps_the_order_asked_and_splits_the_id():
    got = cite(FACTS, ["seed.rank.JP-KR.2019", "seed.ni_share.KR.US.2023"])
    assert got["id"].tolist() == ["seed.rank.JP-KR.2019", "seed.ni_share.KR.US.2023"]
    assert got["measure"].tolist() == ["rank", "ni_share"]
    assert got["keys"].tolist() == [["JP-KR"], ["KR", "US"]]
    assert got["value"].tolist() == [4.0, 30.0]


def test_an_unknown_id_names_itself_and_who_asked():
    with pytest.raises(InputError, match=r"seed_budget_facts: fact id 'seed\.nope\.JP\.2020' is not in "
                                         r"data/curated/facts\.csv \(nor 1 more\)") as caught:
        cite(FACTS, ["seed.gerd.JP.2018", "seed.nope.JP.2020", "seed.other.KR.2020"], "seed_budget_facts")
    assert caught.value.exit_code == 2


def test_no_ids_is_an_empty_table():
    assert cite(FACTS, []).empty
