"""Key findings for the executive summary, written from a section's recorded findings:
one sentence each, the judgement first and then the numbers, a series that turned inside
the window told from its turn (`prose.trends.movement`). The summary block weighs them
against every other section's (`prose.summary`) and adds each one's main caveat."""

from __future__ import annotations

from briefing.findings.ids import slug
from briefing.findings.model import Finding
from briefing.prose import fmt
from briefing.prose.summary import series
from briefing.prose.trends import movement

SIMILAR_PP = 5.0  # growth within this many points of the focus pair's counts as "about as fast"


def yearly(items: dict[str, Finding], prefix: str) -> dict[int, float]:
    """Values of findings `<prefix>.<year>` by year."""
    return series({k: {"value": v.value, "caveats": v.caveats} for k, v in items.items()}, prefix)


def _growth(items: dict[str, Finding], pair: str) -> float | None:
    found = [v.value for k, v in items.items() if k.startswith(f"partnership.growth_pct.{pair}.")]
    return float(found[0]) if found else None


def pair_versus(items: dict[str, Finding], pair: str, compared: list[str], name) -> str:
    """How the focus pair's growth compares with its comparison pairs', e.g. 'grew less than
    China–Japan and China–South Korea (+95% and +169%)'; '' when there is nothing to compare."""
    mine = _growth(items, pair)
    others = {p: g for p in compared if p != pair and (g := _growth(items, p)) is not None}
    if mine is None or not others:
        return ""
    if mine <= 0:
        grew = {p: g for p, g in others.items() if g > 0}
        return (f"fell while {fmt.join_and([name(p) for p in grew])} grew "
                f"({fmt.join_and([fmt.signed_pct(g) for g in grew.values()])})" if grew else "fell, as did its comparison pairs")
    groups = (("less than", {p: g for p, g in others.items() if g > mine + SIMILAR_PP}),
              ("more than", {p: g for p, g in others.items() if g < mine - SIMILAR_PP}),
              ("about as much as", {p: g for p, g in others.items() if abs(g - mine) <= SIMILAR_PP}))
    parts = [f"{word} {fmt.join_and([name(p) for p in group])} ({fmt.join_and([fmt.signed_pct(g) for g in group.values()])})"
             for word, group in groups if group]
    return "grew " + fmt.join_and(parts)


def pair_highlights(items: dict[str, Finding], pair: str, pair_name: str, source: str, compared: list[str] = (),
                    name=None, region_name: str = "the region") -> list[dict]:
    """The focus pair's co-authored works beside its comparison pairs, and its rank among the region's pairs."""
    out = []
    works = yearly(items, f"pair.works.{pair}")
    if len(works) >= 2:
        last = max(works)
        versus = pair_versus(items, pair, list(compared), name or (lambda p: p))
        head = f"{pair_name} co-authorship {versus}: the number of works it co-authored" if versus else \
            f"The number of works {pair_name} co-authored"
        out.append({"finding": f"pair.works.{pair}.{last}", "figure": "fig-pair-trend",
                    "text": f"{head} in {source} {movement(works, 'works')}."})
    region = slug(region_name)
    ranks = yearly(items, f"pair.rank.{region}.{pair}")
    if len(ranks) >= 2:
        y0, y1 = min(ranks), max(ranks)
        total = yearly(items, f"partnership.region_pairs_ranked.{region}").get(y1)
        among = f" of {int(total)}" if total else ""
        pairs = f"the {fmt.literal(region_name)} country pairs by co-authored works"
        if ranks[y1] == ranks[y0]:
            text = f"{pair_name} kept its place among {pairs}: {fmt.nth(ranks[y1])}{among} in {y0} and in {y1}."
        else:
            verb = "fell" if ranks[y1] > ranks[y0] else "rose"
            text = (f"{pair_name} {verb} among {pairs}, from {fmt.nth(ranks[y0])} in {y0} to "
                    f"{fmt.nth(ranks[y1])}{among} in {y1}.")
        out.append({"finding": f"pair.rank.{region}.{pair}.{y1}", "figure": "fig-pair-rank", "text": text})
    return out


def exposure_highlights(items: dict[str, Finding], focus: list[str], pole_a: str, pole_b: str) -> list[dict]:
    """The poles' own pair, each pole's reliance on the other, and the focus countries' shares with each pole."""
    out = []
    works = yearly(items, f"poles.pair_works.{pole_a}-{pole_b}")
    if len(works) >= 2:
        out.append({"finding": f"poles.pair_works.{pole_a}-{pole_b}.{max(works)}", "figure": "fig-dec-poles",
                    "text": f"The number of works co-authored by {fmt.the(pole_a)} and {fmt.the(pole_b)} "
                            f"{movement(works, 'works')}."})
    wanted = [(pole_b, pole_a), (pole_a, pole_b), *[(c, p) for c in focus for p in (pole_b, pole_a) if c != p]]
    for country, pole in dict.fromkeys(wanted):
        share = yearly(items, f"exposure.share_pct.{country}.{pole}")
        if len(share) >= 2:
            out.append({"finding": f"exposure.share_pct.{country}.{pole}.{max(share)}", "figure": "fig-dec-shares",
                        "text": f"The share of {fmt.possessive(country)} international works with a co-author in "
                                f"{fmt.the(pole)} {movement(share, 'pct')}."})
    return out


def rate_highlights(items: dict[str, Finding], focus: list[str], source: str) -> list[dict]:
    """How international each focus country's research is, beside the countries compared."""
    out = []
    for country in focus:
        rates = yearly(items, f"output.intl_rate_pct.{country}")
        if len(rates) < 2:
            continue
        last = max(rates)
        others = {k.split(".")[2]: v.value for k, v in items.items() if k.startswith("output.intl_rate_pct.")
                  and k.endswith(f".{last}") and k.split(".")[2] != country}
        out.append({"finding": f"output.intl_rate_pct.{country}.{last}", "figure": "fig-dec-rate",
                    "text": f"In {source}, the share of {fmt.possessive(country)} articles with a co-author abroad "
                            f"{movement(rates, 'pct')}{standing(rates[last], others)}."})
    return out


def standing(mine: float, others: dict[str, float]) -> str:
    """'; lower than in every other country compared' or '; only China's is lower', naming the
    few countries on the short side; '' without others."""
    if not others:
        return ""
    below = sorted((c for c, v in others.items() if v < mine), key=lambda c: others[c])
    above = sorted((c for c, v in others.items() if v > mine), key=lambda c: -others[c])
    if not below:
        return "; lower than in every other country compared"
    if not above:
        return "; higher than in every other country compared"
    if len(below) <= len(above):
        return f"; only {fmt.join_and([fmt.possessive(c) for c in below])} {'is' if len(below) == 1 else 'are'} lower"
    return f"; only {fmt.join_and([fmt.possessive(c) for c in above])} {'is' if len(above) == 1 else 'are'} higher"
