"""Key findings for the executive summary, written from a section's recorded findings:
each names its latest value and its change over the window."""

from __future__ import annotations

from briefing.prose import fmt
from briefing.report.findings import Finding


def yearly(items: dict[str, Finding], prefix: str) -> dict[int, float]:
    """Values of findings `<prefix>.<year>` by year."""
    found = {}
    for key, item in items.items():
        head, _, year = key.rpartition(".")
        if head == prefix and year.isdigit():
            found[int(year)] = item.value
    return dict(sorted(found.items()))


def _ends(series: dict[int, float]) -> tuple[int, float, int, float] | None:
    if len(series) < 2:
        return None
    (y0, v0), (y1, v1) = next(iter(series.items())), list(series.items())[-1]
    return y0, v0, y1, v1


def _works(value: float) -> str:
    return f"{value:,.0f}"


def pair_highlights(items: dict[str, Finding], pair: str, pair_name: str, source: str) -> list[dict]:
    """The focus pair's co-authored works and its rank among the region's pairs."""
    out = []
    works = _ends(yearly(items, f"pair.works.{pair}"))
    if works:
        y0, v0, y1, v1 = works
        out.append({"finding": f"pair.works.{pair}.{y1}", "figure": "fig-pair-trend",
                    "text": f"{pair_name} co-authored {_works(v1)} works in {y1} ({source}), "
                            f"{fmt.signed_pct(100 * (v1 / v0 - 1))} since {y0}."})
    ranks = _ends(yearly(items, f"pair.rank.{pair}"))
    if ranks:
        y0, r0, y1, r1 = ranks
        total = yearly(items, "partnership.region_pairs_ranked").get(y1)
        among = f" of {int(total)}" if total else ""
        out.append({"finding": f"pair.rank.{pair}.{y1}", "figure": "fig-pair-rank",
                    "text": f"Among the region's country pairs, {pair_name} ranked {fmt.ordinal(int(r1)).removesuffix(' highest')}"
                            f"{among} in {y1}, against {fmt.ordinal(int(r0)).removesuffix(' highest')} in {y0}."})
    return out


def exposure_highlights(items: dict[str, Finding], focus: list[str], pole_a: str, pole_b: str) -> list[dict]:
    """The poles' own pair, each pole's reliance on the other, and the focus countries' share with pole B."""
    out = []
    works = _ends(yearly(items, "poles.pair_works"))
    if works:
        y0, v0, y1, v1 = works
        out.append({"finding": f"poles.pair_works.{y1}", "figure": "fig-dec-poles",
                    "text": f"{fmt.cap(fmt.the(pole_a))} and {fmt.the(pole_b)} co-authored {_works(v1)} works in {y1}, "
                            f"{fmt.signed_pct(100 * (v1 / v0 - 1))} since {y0}."})
    for country, pole in [(pole_b, pole_a), *[(code, pole_b) for code in focus]]:
        share = _ends(yearly(items, f"exposure.share_pct.{country}.{pole}"))
        if share:
            y0, s0, y1, s1 = share
            out.append({"finding": f"exposure.share_pct.{country}.{pole}.{y1}", "figure": "fig-dec-shares",
                        "text": f"{fmt.pct(s1, 1)} of {fmt.possessive(country)} international works had a "
                                f"co-author in {fmt.the(pole)} in {y1}, against {fmt.pct(s0, 1)} in {y0} "
                                f"({fmt.pp(s1 - s0, 1)})."})
    return out
