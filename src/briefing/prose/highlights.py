"""Key findings for the executive summary, written from a section's recorded findings:
one sentence each, the judgement first and then the numbers, a series that turned inside
the window told from its turn (`prose.trends.movement`). The summary block weighs them
against every other section's (`prose.summary`) and adds each one's main caveat."""

from __future__ import annotations

from briefing import units
from briefing.findings.ids import slug
from briefing.findings.model import Finding
from briefing.prose import fmt
from briefing.prose.patterns import who_moved
from briefing.prose.summary import series
from briefing.prose.trends import movement
from briefing.quality.patterns import Pattern, pattern, unclear_of
from briefing.quality.turns import noise, trend

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
                            f"{movement(works, 'works')}{_as_shares(items, works, pole_a, pole_b)}."})
    wanted = [(pole_b, pole_a), (pole_a, pole_b), *[(c, p) for c in focus for p in (pole_b, pole_a) if c != p]]
    for country, pole in dict.fromkeys(wanted):
        share = yearly(items, f"exposure.share_pct.{country}.{pole}")
        if len(share) >= 2:
            out.append({"finding": f"exposure.share_pct.{country}.{pole}.{max(share)}", "figure": "fig-dec-shares",
                        "text": f"The share of {fmt.possessive(country)} international works with a co-author in "
                                f"{fmt.the(pole)} {movement(share, 'pct')}."})
    return out


def _as_shares(items: dict[str, Finding], works: dict[int, float], pole_a: str, pole_b: str) -> str:
    """The poles' pair as a share of each pole's international works, from the pair's turn (or the
    first year) to the latest: the size-adjusted measure, which a database's changing coverage of
    all works does not move as it moves counts."""
    found = trend(works, "works")
    since = found.turn.year if found.turn is not None else found.first_year
    shares = {p: yearly(items, f"exposure.share_pct.{p}.{q}") for p, q in ((pole_a, pole_b), (pole_b, pole_a))}
    if not all(since in v and found.last_year in v for v in shares.values()):
        return ""
    each = fmt.join_and([f"from {fmt.pct(v[since], 1)} to {fmt.pct(v[found.last_year], 1)} of {fmt.possessive(p)}"
                         for p, v in shares.items()])
    return (f"; measured against each pole's own international works, which moved too, the pair went {each} "
            f"between {since} and {found.last_year}")


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


PATTERN_WEIGHT = 3.0  # above any one series' message (`prose.summary.weight` tops out below it)


def _ends(items: dict[str, Finding], prefix: str) -> tuple[int, float, int, float] | None:
    values = yearly(items, prefix)
    if len(values) < 2:
        return None
    y0, y1 = min(values), max(values)
    return y0, values[y0], y1, values[y1]


def _share_ends(items: dict[str, Finding], countries: list[str], pole: str) -> dict[str, tuple]:
    """Each country's first and latest share with `pole` (`_ends`), for those that have two years."""
    return {c: e for c in countries if c != pole and (e := _ends(items, f"exposure.share_pct.{c}.{pole}"))}


def _unclear(items: dict[str, Finding], ends: dict[str, tuple], pole: str) -> tuple[str, ...]:
    return unclear_of({c: items[f"exposure.share_pct.{c}.{pole}.{e[2]}"].robustness for c, e in ends.items()})


def unclear_shares(items: dict[str, Finding], countries: list[str], poles: list[str]) -> dict[str, tuple[str, ...]]:
    """{pole: the countries whose share with it moved in a way that did not hold when tested}
    (`quality.patterns.unclear_of`), from the robustness each series' latest finding carries:
    call it after `Section.test_changes`."""
    return {pole: _unclear(items, _share_ends(items, countries, pole), pole) for pole in poles}


def pattern_highlights(items: dict[str, Finding], countries: list[str], focus: list[str], poles: list[str]) -> list[dict]:
    """A change in the shares with a pole shared by all or most of the edition's countries
    (`quality.patterns`), the focus countries' figures named; it outranks one country's move. A
    country whose move did not hold when tested is in no direction (`unclear_shares`)."""
    out = []
    for pole in poles:
        ends = _share_ends(items, countries, pole)
        unclear = _unclear(items, ends, pole)
        found = pattern({c: e[3] - e[1] for c, e in ends.items()}, noise("pct"), unclear)
        if found.direction is None or not found.shared:
            continue
        y0, y1 = min(e[0] for e in ends.values()), max(e[2] for e in ends.values())
        named = [c for c in focus if c in ends and c not in unclear] or list(found.shared[:2])
        who = who_moved(found)
        # After a clause with its own colon, the figures follow as a clause of their own, with a verb.
        own_clause = ":" in who
        figures = fmt.join_and([f"{fmt.possessive(c)}{' went' if own_clause and i == 0 else ''} from "
                                f"{fmt.pct(ends[c][1], 1)} to {fmt.pct(ends[c][3], 1)}" for i, c in enumerate(named)])
        text = (f"From {y0} to {y1}, the share of international works with a co-author in {fmt.the(pole)} {who}"
                + (f"; {figures}." if own_clause else f": {figures}."))
        ai = [c for c in named if f"exposure.ai_share_pct.{c}.{pole}" in {k.rsplit('.', 1)[0] for k in items}]
        lead = next((c for c in named if c in ends), None)
        out.append({"finding": f"exposure.share_pct.{lead}.{pole}.{ends[lead][2]}", "figure": "fig-dec-shares",
                    "text": text + _size_adjusted(items, countries, pole, found) + _ai_beside(items, ai, pole, poles),
                    "weight": PATTERN_WEIGHT})
    return out


def _size_adjusted(items: dict[str, Finding], countries: list[str], pole: str, shares: Pattern) -> str:
    """The same pattern once both countries' size is taken out (the affinity index), said when it
    differs: then the shares moved with the pole's own output abroad more than with closer ties."""
    moves = {}
    for c in countries:
        if c != pole and (e := _ends(items, f"pair.affinity.{'-'.join(sorted((c, pole)))}")):
            moves[c] = units.move_kind(e[1], e[3], "affinity")
    found = pattern(moves, noise("affinity"))
    if len(moves) < 2 or found.direction == shares.direction:
        return ""
    return (f" Adjusted for the size of both countries (the affinity index), affinity with {fmt.the(pole)} "
            f"{who_moved(found)}: the shares moved with {fmt.possessive(pole)} own output abroad more than with closer ties.")


def _ai_beside(items: dict[str, Finding], codes: list[str], pole: str, poles: list[str]) -> str:
    """' In AI (2003–2022), Japan's share with China is 31.4% against 18.2% with the United States;
    South Korea's 20.5% against 33.1%.'"""
    other = next((p for p in poles if p != pole), None)
    found, span = [], ""
    for code in (c for c in codes if c != other):
        pair = {p: [v for k, v in items.items() if k.startswith(f"exposure.ai_share_pct.{code}.{p}.")] for p in (pole, other)}
        if all(pair.values()):
            span = pair[pole][0].id.rsplit(".", 1)[1].replace("-", "–")
            found.append((code, pair[pole][0].value, pair[other][0].value))
    if not found:
        return ""
    (code, mine, theirs), rest = found[0], found[1:]
    text = (f" In AI ({span}), {fmt.possessive(code)} share with {fmt.the(pole)} is {fmt.pct(mine, 1)} against "
            f"{fmt.pct(theirs, 1)} with {fmt.the(other)}")
    return text + "".join(f"; {fmt.possessive(c)} {fmt.pct(a, 1)} against {fmt.pct(b, 1)}" for c, a, b in rest) + "."
