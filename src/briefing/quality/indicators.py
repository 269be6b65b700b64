"""Caveats on a registry indicator's figures (`briefing.metrics.indicators.IndicatorView`): the
source's own status flags (B break in series, P provisional, E estimated), latest figures of
different years set side by side in a ranking, and countries left out for lack of a figure.

Each caveat comes with the ids of the findings it touches (funding.<indicator>.<CC>.<year>),
for `Section.caveat`; the same caveats are said in a sentence beside the figures
(`briefing.prose.indicators.caveat_sentences`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from briefing import words
from briefing.metrics.indicators import IndicatorView
from briefing.quality import Caveat

# Status flags as SDMX codes them (OECD OBS_STATUS, SDMX code list CL_OBS_STATUS: B break in series,
# P provisional, E estimated, D definition differs; NCSES preliminary years are P too).
FLAGS = {"B": "source_break", "P": "provisional", "E": "estimate", "D": "definition_differs"}


@dataclass(frozen=True)
class Flagged:
    caveat: Caveat
    finding_ids: list[str]


def flag_codes(status: pd.Series) -> pd.Series:
    """'B+D' -> {'B', 'D'}: the codes of each row's status."""
    return status.fillna("").map(lambda s: set(filter(None, s.split("+"))))


def the_names(codes: list[str]) -> str:
    """'the United States, Japan and China': names as they read inside a sentence."""
    return words.join_and([words.the(c) for c in codes])


def flag_text(flag: str, source: str, country: str, short: str, years: list[int]) -> str:
    """One sentence: who flags what, for which years."""
    what = f"{words.possessive(country)} {short}"
    if flag == "B":
        return (f"{source} marks a break in {what} series in {words.years(years)}: figures before and after "
                f"are not strictly comparable.")
    if flag == "D":
        return (f"{source} marks {what} {'figure' if len(years) == 1 else 'figures'} for {words.years(years)} as "
                f"following a definition that differs from the international standard (the Frascati Manual's), "
                f"so they compare with other countries' only roughly; the series itself is consistent.")
    figures = "figure" if len(years) == 1 else "figures"
    marked = "provisional" if flag == "P" else "estimated"
    return f"{source} marks {what} {figures} for {words.years(years)} as {marked}."


def status_caveats(view: IndicatorView, names: dict[str, str]) -> list[Flagged]:
    """One caveat per country and flag its source sets on figures in the window."""
    found = []
    codes = flag_codes(view.panel["status"])
    for flag, kind in FLAGS.items():
        rows = view.panel[codes.map(lambda c, f=flag: f in c)]
        for (country, source), group in rows.groupby(["country", "source"], sort=False):
            years = sorted(int(y) for y in group["year"])
            text = flag_text(flag, names.get(source, source), country, view.indicator.short, years)
            item = (f"{names.get(source, source)} figures of {words.possessive(country)} {view.indicator.short} for "
                    f"{words.years(years)}")
            caveat = Caveat(kind, f"{view.id}.{country}", text, source, tuple(years), item=item)
            found.append(Flagged(caveat, view.finding_ids(group)))
    return found


def unequal_years_caveat(view: IndicatorView) -> Flagged | None:
    """The ranking sets latest figures of different years side by side."""
    years = view.ranking.groupby("year", sort=False)["country"].apply(list).sort_index(ascending=False)
    if len(years) < 2:
        return None
    parts = [f"{y} for {the_names(codes)}" for y, codes in years.items()]
    text = f"The latest {view.indicator.short} figures are of different years: {'; '.join(parts)}."
    caveat = Caveat("unequal_periods", view.id, text, years=tuple(int(y) for y in sorted(years.index)))
    return Flagged(caveat, view.finding_ids(view.ranking))


def left_out_caveat(view: IndicatorView) -> Flagged | None:
    """Countries of the edition the ranking leaves out, each with the reason."""
    if view.not_ranked.empty:
        return None
    text = f"Not ranked on {view.indicator.short}: {not_ranked_reasons(view)}."
    return Flagged(Caveat("left_out", view.id, text), view.finding_ids(view.ranking))


def not_ranked_reasons(view: IndicatorView) -> str:
    """'India (no source in this build gives it) and Singapore (latest figure 2012, before 2015)'."""
    reasons = []
    for row in view.not_ranked.itertuples():
        why = ("no source in this build gives it" if pd.isna(row.latest_year)
               else f"latest figure {row.latest_year}, before {view.start}" if row.latest_year < view.start
               else f"figures only after {view.end}")
        reasons.append(f"{words.the(row.country)} ({why})")
    return words.join_and(reasons)


def indicator_caveats(view: IndicatorView, names: dict[str, str]) -> list[Flagged]:
    """Every caveat on the indicator's figures, each with the findings it touches."""
    found = status_caveats(view, names)
    found += [f for f in (unequal_years_caveat(view), left_out_caveat(view)) if f is not None]
    return found


def growth_caveats(growth: pd.DataFrame, source: str) -> list[Flagged]:
    """The caveats on spending growth: unequal spans (see `growth_periods_caveat`)."""
    found = growth_periods_caveat(growth, source)
    return [found] if found else []


def growth_periods_caveat(growth: pd.DataFrame, source: str) -> Flagged | None:
    """Growth measured over different spans (`metrics.funding.gerd_growth`): compared a year."""
    spans = growth[["year_start", "year_end"]].drop_duplicates()
    if len(spans) < 2:
        return None
    ends = growth.groupby("year_end", sort=False)["country"].apply(list).sort_index(ascending=False)
    parts = [f"{y} for {the_names(codes)}" for y, codes in ends.items()]
    starts = sorted(set(growth["year_start"]))
    text = (f"R&D spending growth is measured from {words.join_and([str(s) for s in starts])} to each country's "
            f"latest year ({'; '.join(parts)}), so countries are compared by growth a year.")
    ids = [f"funding.{m}.{r.country}.{r.year_start}-{r.year_end}" for r in growth.itertuples()
           for m in ("gerd_const_growth_pct", "gerd_const_cagr_pct")]
    years = tuple(sorted({int(y) for y in [*growth["year_start"], *growth["year_end"]]}))
    return Flagged(Caveat("unequal_periods", "gerd_usd_ppp_m_const2015", text, source, years), ids)
