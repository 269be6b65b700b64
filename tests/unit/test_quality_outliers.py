"""Outlier years on tiny pair tables: several pairs of one country jumping far outside their own
history in one year are a probable source change; one pair alone, a steady year, a small pair
or a change shared by too few pairs is not; the caveat names the pairs and touches their findings."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from briefing.quality import KINDS, PRIORITY
from briefing.quality import thresholds as t
from briefing.quality.outliers import outlier_changes, source_change_caveats, source_change_flags

YEARS = range(2008, 2024)


def series(a: str, b: str, start: float, growth: float = 0.05, jumps: dict[int, float] | None = None) -> list[tuple]:
    """A pair growing by `growth` a year (with a small alternating wobble), times `jumps` from those years on."""
    rows, level = [], start
    for i, year in enumerate(YEARS):
        level *= 1 + growth + (0.01 if i % 2 else -0.01)
        factor = 1.0
        for at, times in (jumps or {}).items():
            factor *= times if year >= at else 1.0
        rows.append((year, a, b, round(level * factor)))
    return rows


def table(*parts: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([r for part in parts for r in part], columns=["year", "country_a", "country_b", "works"])


def japan(jump: float = 1.6, pairs=("FR", "CH", "ES")) -> pd.DataFrame:
    return table(*[series(c, "JP", 3000, jumps={2023: jump}) for c in ("CH", "ES", "FR") if c in pairs],
                 *[series("JP", c, 3000) for c in ("KR", "US", "NO") if c not in pairs],
                 series("CN", "US", 60000))


def test_three_pairs_of_one_country_jumping_the_same_year_are_a_probable_source_change():
    (caveat,) = source_change_caveats(japan(), ["JP", "US"], 2015, 2023, "openalex", "OpenAlex")
    assert caveat.kind == "source_change" and caveat.subject == "CH-JP+ES-JP+FR-JP" and caveat.years == (2023,)
    assert caveat.text.startswith("Japan's co-authored works in OpenAlex with ") and "all jumped in 2023" in caveat.text
    assert "France (" in caveat.text and "+70%" in caveat.text  # the jump (x1.6) on a year's growth (x1.06)
    found = outlier_changes(japan(), ["JP"], 2015, 2023)
    assert set(found["pair"]) == {"CH-JP", "ES-JP", "FR-JP"} and (found["z"] >= t.OUTLIER_Z).all()


def test_the_editions_own_partners_are_named_with_their_figures_the_others_after_them():
    (caveat,) = source_change_caveats(japan(), ["JP"], 2015, 2023, "openalex", "OpenAlex", known=("JP", "FR"))
    assert caveat.text.startswith("Japan's co-authored works in OpenAlex with France (")
    assert "jumped in 2023, as did its works with " in caveat.text and "all jumped" not in caveat.text
    assert "Switzerland (" not in caveat.text and "Switzerland" in caveat.text and "Spain" in caveat.text
    assert caveat.brief.startswith("Japan's works with France and 2 other partners jumped together in 2023")
    # Flipped: none of the partners is the edition's own: every one is named with its figures.
    (plain,) = source_change_caveats(japan(), ["JP"], 2015, 2023, "openalex", "OpenAlex", known=("JP", "KR"))
    assert "all jumped in 2023" in plain.text and "Switzerland (" in plain.text


def test_what_is_not_flagged():
    assert source_change_caveats(japan(pairs=("FR", "CH")), ["JP"], 2015, 2023, "openalex", "OpenAlex") == []
    assert source_change_caveats(japan(jump=1.04), ["JP"], 2015, 2023, "openalex", "OpenAlex") == []  # within noise
    small = table(*[series(c, "JP", 100, jumps={2023: 1.6}) for c in ("CH", "ES", "FR")])  # under OUTLIER_MIN_WORKS
    assert source_change_caveats(small, ["JP"], 2015, 2023, "openalex", "OpenAlex") == []
    outside = source_change_caveats(japan(), ["JP"], 2015, 2022, "openalex", "OpenAlex")  # 2023 past the window
    assert outside == []


def test_the_flag_touches_the_pairs_findings_in_that_year_and_the_kind_is_known():
    assert "source_change" in KINDS and "source_change" in PRIORITY
    (flag,) = source_change_flags(japan(), ["JP"], 2015, 2023, "openalex", "OpenAlex")
    touched = [SimpleNamespace(id=i, source="openalex", unit="works", value=1)
               for i in ("pair.works.FR-JP.2023", "pair.works.FR-JP.2022", "pair.works.JP-KR.2023",
                         "share.intl_pct.JP.FR.2023")]
    assert [f.touches(x) for x, f in zip(touched, [flag] * 4, strict=True)] == [True, False, False, True]
