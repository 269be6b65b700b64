"""Any registry indicator (data/indicators.yml) for an edition's countries and window: the
series each country takes whole from its first source with data, the latest-year ranking
with the year of each value, and who is not ranked and why."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from briefing.metrics.series import in_window
from briefing.sources.indicators import Indicator, Registry, chosen_sources

# Published labels kept from before the registry: the intensity chart's anchor is cited.
TREND_LABELS = {"gerd_pct_gdp": "fig-gerd-intensity"}
PANEL_COLUMNS = ["source", "country", "year", "value", "status"]


@dataclass(frozen=True)
class IndicatorView:
    """One indicator drawn for an edition: its registry entry, the sources tried (in order),
    the series in the window (`panel`), the latest value per country ranked (`ranking`), the
    countries not ranked with the latest year any source gives them, if any (`not_ranked`)."""

    id: str
    indicator: Indicator
    sources: tuple[str, ...]
    countries: tuple[str, ...]
    start: int
    end: int
    panel: pd.DataFrame
    ranking: pd.DataFrame
    not_ranked: pd.DataFrame
    citations: dict[str, str]  # by source: what of it the figures cite (indicator code, dataflow, table)

    @property
    def slug(self) -> str:
        return self.id.replace("_", "-")

    @property
    def ranking_label(self) -> str:
        return f"fig-{self.slug}-ranking"

    @property
    def trend_label(self) -> str:
        return TREND_LABELS.get(self.id, f"fig-{self.slug}-trend")

    def findings_frame(self) -> pd.DataFrame:
        """The panel with what its findings' ids and labels name (family `funding.indicator` of
        notebooks/funding.meta.yml): the indicator's id and label."""
        return self.panel.assign(indicator=self.id, indicator_label=self.indicator.finding_label)

    def finding_ids(self, frame: pd.DataFrame) -> list[str]:
        """The ids of the findings of `frame`'s rows, as `funding.meta.yml` declares them
        (`funding.{indicator}.{country}.{year}`; a test checks the two agree)."""
        return [f"funding.{self.id}.{c}.{y}" for c, y in zip(frame["country"], frame["year"], strict=True)]


def indicator_panel(rd: pd.DataFrame, ind_id: str, sources: list[str], countries: list[str],
                    start: int, end: int) -> pd.DataFrame:
    """The indicator in the window: each country's series comes whole from the first source in
    `sources` that has any value for it there (no splicing of sources); countries in edition order."""
    rows = in_window(rd[(rd["indicator"] == ind_id) & rd["country"].isin(countries)], start, end)
    chosen, remaining = [], list(countries)
    for source in sources:
        series = rows[(rows["source"] == source) & rows["country"].isin(remaining)]
        chosen.append(series[PANEL_COLUMNS])
        remaining = [c for c in remaining if c not in set(series["country"])]
    panel = pd.concat(chosen, ignore_index=True) if chosen else pd.DataFrame(columns=PANEL_COLUMNS)
    order = {c: i for i, c in enumerate(countries)}
    return panel.sort_values(["country", "year"], key=lambda s: s.map(order) if s.name == "country" else s,
                             kind="stable").reset_index(drop=True)


def latest_ranking(panel: pd.DataFrame) -> pd.DataFrame:
    """Each country's latest value in the panel, largest first, with its year, source, status
    and rank (1 = largest; ties share the best rank; equal values sort by country code)."""
    latest = panel.sort_values(["country", "year"]).groupby("country", sort=False).tail(1)
    ranked = latest.sort_values(["value", "country"], ascending=[False, True], kind="stable")
    ranked = ranked.assign(rank=ranked["value"].rank(method="min", ascending=False).astype("int64"))
    return ranked.reset_index(drop=True)


def not_ranked(rd: pd.DataFrame, ind_id: str, sources: list[str], countries: list[str],
               panel: pd.DataFrame) -> pd.DataFrame:
    """The countries without a value in the window: country, and `latest_year`, the latest year
    any of `sources` gives them (outside the window), or missing when no source covers them."""
    missing = [c for c in countries if c not in set(panel["country"])]
    rows = rd[(rd["indicator"] == ind_id) & rd["source"].isin(sources) & rd["country"].isin(missing)]
    latest = rows.groupby("country")["year"].max()
    return pd.DataFrame({"country": missing,
                         "latest_year": pd.array([latest.get(c) for c in missing], dtype="Int64")})


def indicator_view(rd: pd.DataFrame, registry: Registry, ind_id: str, countries: list[str], start: int,
                   end: int, overrides: dict[str, list[str]]) -> IndicatorView:
    """Everything the section shows of one indicator, from the validated `rd_indicators`."""
    indicator = registry.get(ind_id, f"sections.funding.indicators ({ind_id})")
    refs = chosen_sources(registry, ind_id, overrides)
    sources = [ref.source for ref in refs]
    panel = indicator_panel(rd, ind_id, sources, countries, start, end)
    return IndicatorView(ind_id, indicator, tuple(sources), tuple(countries), start, end, panel,
                         latest_ranking(panel), not_ranked(rd, ind_id, sources, countries, panel),
                         {ref.source: registry.citation(ref) for ref in refs})


def indicator_views(rd: pd.DataFrame, registry: Registry, ids: list[str], countries: list[str], start: int,
                    end: int, overrides: dict[str, list[str]]) -> list[IndicatorView]:
    return [indicator_view(rd, registry, i, countries, start, end, overrides) for i in ids]


def with_data(views: list[IndicatorView]) -> list[IndicatorView]:
    """The views with at least one figure to draw."""
    return [v for v in views if not v.panel.empty]


def view_of(views: list[IndicatorView], ind_id: str) -> IndicatorView | None:
    return next((v for v in views if v.id == ind_id), None)
