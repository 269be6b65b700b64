"""Rank changes driven by other pairs: a pair can fall in a ranking while its own
co-authored works grow, because other pairs grew faster. Stating "the partnership fell
from 7th to 15th" without that would read as decline; the check says what moved."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from briefing.quality import thresholds as t


@dataclass(frozen=True)
class RankFall:
    """The focus pair's fall in rank between two years, and the pairs that overtook it."""

    pair: str
    year_start: int
    year_end: int
    rank_start: int
    rank_end: int
    growth_pct: float  # the focus pair's own change in works
    overtakers: tuple[str, ...]  # pair ids, most works first in the latest year
    overtakers_growth_pct: float  # median change of the overtakers' works
    common_country: str | None  # a country in most of the overtaking pairs, if any
    common_count: int


def rank_fall(ranks: pd.DataFrame, focus: str) -> RankFall | None:
    """Why the focus pair's rank fell over the window (`ranks`: region_ranks, every pair and
    year), when it fell by `RANK_MIN_DROP` or more while its own works did not fall; else None."""
    mine = ranks[ranks["pair"] == focus].sort_values("year")
    if len(mine) < 2:
        return None
    first, last = mine.iloc[0], mine.iloc[-1]
    if last["rank"] - first["rank"] < t.RANK_MIN_DROP or last["works"] < first["works"]:
        return None
    y0, y1 = int(first["year"]), int(last["year"])
    start = ranks[ranks["year"] == y0].set_index("pair")
    end = ranks[ranks["year"] == y1].set_index("pair")
    behind_then = set(start.index[start["rank"] > first["rank"]]) | (set(end.index) - set(start.index))
    ahead_now = end[end["rank"] < last["rank"]].sort_values(["rank"])
    overtakers = [p for p in ahead_now.index if p in behind_then]
    if not overtakers:
        return None
    growth = [100 * (end.loc[p, "works"] / start.loc[p, "works"] - 1) for p in overtakers if p in start.index]
    members = pd.Series([c for p in overtakers for c in p.split("-")]).value_counts()
    common = members.index[0] if members.iloc[0] > len(overtakers) / 2 else None
    return RankFall(focus, y0, y1, int(first["rank"]), int(last["rank"]),
                    100 * (last["works"] / first["works"] - 1), tuple(overtakers),
                    float(pd.Series(growth).median()) if growth else float("nan"),
                    common, int(members.iloc[0]) if common else 0)
