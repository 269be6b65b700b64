"""data/curated/country_names.csv: each country's name in its own script, every row citing
the Unicode CLDR file it comes from, and the partner table that shows them."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing import countries, schemas
from briefing.errors import InputError
from briefing.prose.citations import own_names_note
from briefing.prose.partnership_checks import cross_partners_table
from briefing.sources.curated import read_country_names
from tests.conftest import REPO

NAMES_CSV = REPO / "data" / "curated" / "country_names.csv"


@pytest.fixture(scope="module")
def names() -> pd.DataFrame:
    return schemas.check("country_names", read_country_names(NAMES_CSV, {}), str(NAMES_CSV))


def test_east_asian_countries_have_their_own_names_with_a_cldr_citation(names):
    own = dict(zip(names["code"], names["native_name"], strict=True))
    assert {"JP": "日本", "KR": "대한민국", "CN": "中国", "TW": "台灣"}.items() <= own.items()
    assert all(names["source"].str.match(r"^Unicode CLDR \d+, common/main/\w+\.xml$"))
    assert all(names["locator"] == [f"localeDisplayNames/territories/territory[@type='{c}']" for c in names["code"]])
    assert all(names["name"] == names["code"].map(countries.name))


def test_a_bad_row_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "country_names.csv"
    bad.write_text(NAMES_CSV.read_text(encoding="utf-8").replace("\nJP,Japan,", "\nJX,Japan,"), encoding="utf-8")
    with pytest.raises(InputError, match=r"line 4, column 'code'.*not an ISO 3166-1"):
        read_country_names(bad, {})


def test_partner_table_names_the_country_in_its_own_script(names):
    partners = pd.DataFrame({"country": ["JP", "JP", "SG"], "year": [2022, 2022, 2022],
                             "partner": ["US", "CN", "CN"], "rank": [1.0, 2.0, 1.0], "rank_cross": [1.0, 2.0, 1.0]})
    table = cross_partners_table(partners, 2, "openalex", "ncses", names)
    assert list(table["Country"]) == ["Japan (日本)", "", "Singapore"]
    assert own_names_note(names, ["JP", "KR"]) == " Names in their own script: Unicode CLDR 47."
    assert own_names_note(names, ["SG"]) == ""
