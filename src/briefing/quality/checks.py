"""The quality checks each section runs, in one call a section: the breaks in the series it
states, the provisional years of its source, and the comparisons it makes. Returns flags
(`quality.flags.Flag`) for `quality.flags.attach` and for the prose."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.decoupling import pole_pair_ids
from briefing.metrics.pairs import pair_history, totals_history
from briefing.metrics.partnership import pair_id, pair_name
from briefing.quality import flags as qf
from briefing.quality.breaks import breaks
from briefing.quality.comparisons import left_out, unequal_periods
from briefing.quality.provisional import provisional_caveat
from briefing.quality.ranks import rank_fall


def series_flags(pairs: pd.DataFrame, output: pd.DataFrame, focus: str, extra_pairs: list[str], countries: list[str],
                 region: list[str], poles: list[str], start: int, end: int, source: str, source_name: str,
                 name) -> list[qf.Flag]:
    """Breaks in the international totals of the edition's countries, region and poles, and in
    the works of each of their pairs with a pole, the focus pair and `extra_pairs`; each judged
    against the same panels (the edition's countries and their pairs with the poles), so every
    section of an edition states a break in the same words. `name`: pair id -> name."""
    codes = list(dict.fromkeys([*countries, *region, *poles]))
    panel_pairs = list(dict.fromkeys([*pole_pair_ids(codes, poles), focus]))
    pair_ids = list(dict.fromkeys([*panel_pairs, *extra_pairs]))
    pair_panel = pair_history(pairs, panel_pairs)
    pair_breaks = breaks(pair_history(pairs, pair_ids), "pair", "works", start, end, pair_panel)
    total_breaks = breaks(totals_history(output, codes), "country", "works", start, end)
    return [*qf.break_flags(total_breaks, qf.total_whats(codes), source, source_name, tuple(poles)),
            *qf.break_flags(pair_breaks, qf.pair_whats(pair_ids, name), source, source_name, tuple(poles))]


def provisional_flags(catalogue: dict, source: str, data: pd.DataFrame, start: int, end: int) -> list[qf.Flag]:
    """Every finding of `source` in a year of the window that `data` (its rows, with `year`)
    holds and that the source had not finished indexing when its counts were taken."""
    years = sorted({int(y) for y in data["year"] if start <= int(y) <= end})
    caveat = provisional_caveat(source, catalogue["datasets"][source], years)
    return qf.given(caveat, (r".",), years=caveat.years if caveat else ())


def ranking_flags(ranks: pd.DataFrame, region: list[str], region_name: str, focus: str, name, source: str,
                  source_name: str) -> list[qf.Flag]:
    """A rank fall driven by other pairs, and the region countries left out of the ranking."""
    present = set(ranks["country_a"]) | set(ranks["country_b"])
    absent = left_out(region, present, f"the ranking of {region_name} country pairs",
                      f"{source_name} has no co-authored works between {{it}} and another of the region's countries in the window", source)
    return [*qf.rank_flag(rank_fall(ranks, focus), name, source, source_name),
            *qf.given(absent, (r"^pair\.rank\.", r"^partnership\.region_pairs_ranked\."))]


def growth_flags(growth: pd.DataFrame, name, source: str) -> list[qf.Flag]:
    """Growth figures of pairs over unequal periods (a pair without works in some years)."""
    caveat = unequal_periods(growth, "pair", "the growth figures of the pairs", name, source)
    return qf.given(caveat, (r"^partnership\.growth_pct\.",))


def missing_flags(wanted: list[str], present, what: str, why: str, source: str, patterns: tuple[str, ...]
                  ) -> list[qf.Flag]:
    """The countries of `wanted` left out of `what` (absent from `present`), on the findings of `patterns`."""
    return qf.given(left_out(list(dict.fromkeys(wanted)), present, what, why, source), patterns)


def pair_trend_flags(pairs: pd.DataFrame, output: pd.DataFrame, growth: pd.DataFrame, focus: str, compared: list[str],
                     countries: list[str], region: list[str], poles: list[str], start: int, end: int, source: str,
                     source_name: str) -> list[qf.Flag]:
    """What the partnership's trend states: growth over unequal periods, and the breaks in the
    series of the focus pair, its comparison pairs and the edition's countries."""
    return [*growth_flags(growth, pair_name, source),
            *series_flags(pairs, output, focus, compared, countries, region, poles, start, end, source, source_name,
                          pair_name)]


def decoupling_flags(catalogue: dict, pairs: pd.DataFrame, output: pd.DataFrame, period_output: pd.DataFrame,
                     countries: list[str], region: list[str], focus: list[str], poles: list[str], start: int, end: int,
                     source: str, period_source: str, names: dict[str, str]) -> list[qf.Flag]:
    """The decoupling section's flags before it draws anything: the provisional years of its two
    sources, and the breaks in the series of the edition's countries, region, poles and focus pair."""
    return [*provisional_flags(catalogue, source, pairs, start, end),
            *provisional_flags(catalogue, period_source, period_output, start, end),
            *series_flags(pairs, output, pair_id(*focus), [], countries, region, poles, start, end, source,
                          names[source], pair_name)]


def shares_missing_flags(wanted: list[str], shares: pd.DataFrame, source: str, source_name: str) -> list[qf.Flag]:
    """The countries without shares with the poles: no total of international works in the window."""
    return missing_flags(wanted, shares["country"], "the shares with each pole",
                         f"{source_name} has no total of {{its}} internationally co-authored works in the window", source,
                         (r"^exposure\.share_pct\.",))


def rates_missing_flags(wanted: list[str], rates: pd.DataFrame, source: str, source_name: str) -> list[qf.Flag]:
    """The countries without an international co-authorship rate: no article totals in the source."""
    return missing_flags(wanted, rates["country"], "the international co-authorship rate",
                         f"{source_name} publishes no article totals for {{it}} in the window", source, (r"^output\.intl_rate_pct\.",))
