"""Sentences, tables and alt text of the partnership section, written from its data:
the pair over time, its rank among the region's pairs, its weight for each partner and
each partner's leading partners. The published-figure and second-database checks are
in `partnership_checks`."""

from __future__ import annotations

import pandas as pd

from briefing import words
from briefing.countries import SEPARATE_ECONOMIES
from briefing.metrics.partnership import pair_codes, pair_name
from briefing.metrics.series import in_window
from briefing.prose import fmt, robust
from briefing.prose.region import added_sentence
from briefing.prose.tables import with_data
from briefing.quality.robustness import robustness

# The shared forms, under the names this section's callers use.
country = fmt.the  # 'the United States', 'Japan'
nth = fmt.nth  # 7 -> '7th'


def works(value) -> str:
    return fmt.num(value, 0)


def direction(before, after, lower_is_better: bool = False) -> str:
    """'rose', 'fell' or 'held' between two values; for ranks, a larger number is a fall."""
    if before == after:
        return "held"
    rose = after > before
    return "fell" if rose == lower_is_better else "rose"


def moves(first: str, second: str, a: str, b: str, prep: str = "in") -> str:
    """'fell in both A and B' or 'fell in A but rose in B'."""
    if first == second:
        return f"{first} {prep} both {a} and {b}"
    return f"{first} {prep} {a} but {second} {prep} {b}"


# The pair over time.
def trend_summary(growth: pd.DataFrame, caveats, focus: str, missing: list[str], source: str,
                  names: dict[str, str]) -> str:
    """How the focus pair's works changed over the window, beside the comparison pairs, with
    the caveats (`quality.Caveat`) of the series stated."""
    me = growth[growth["pair"] == focus].iloc[0]
    others = growth[growth["pair"] != focus]
    lines = [f"From {int(me['year_start'])} to {int(me['year_end'])}, {pair_name(focus)} co-authored works in "
             f"{names.get(source, source)} went from {works(me['works_start'])} to {works(me['works_end'])} "
             f"({fmt.signed_pct(me['growth_pct'])}, {fmt.signed_pct(me['cagr_pct'], 1)} a year)."]
    if not others.empty:
        each = [f"{r.pair_name} {fmt.signed_pct(r.growth_pct)}" for r in others.itertuples()]
        faster = list(others.loc[others["growth_pct"] > me["growth_pct"], "pair_name"])
        slower = list(others.loc[others["growth_pct"] <= me["growth_pct"], "pair_name"])
        lines.append(f"Over the same years the comparison pairs changed by: {fmt.join_and(each)}.")
        lines.append(f"{fmt.join_and(faster)} grew faster than {pair_name(focus)}" + (
            f"; {fmt.join_and(slower)} did not." if slower else ".") if faster else
            f"None of the comparison pairs grew faster than {pair_name(focus)}.")
    lines += [c.text for c in caveats]
    lines += [f"{pair_name(p)} has no co-authored works in the data for the window and is left out." for p in missing]
    return "\n".join(lines)


def caveat_text(caveats) -> list[str]:
    """The sentences of `caveats`, each once."""
    return list(dict.fromkeys(c.text for c in caveats))


def lede(highlights: list[dict], caveats) -> str:
    """The chapter's opening: the section's key findings (`prose.highlights.pair_highlights`)
    and the caveat that changes how they read."""
    briefs = [c.brief or c.text for c in caveats if c.kind in ("coverage_rank", "level_shift")]
    return "\n".join([h["text"] for h in highlights] + list(dict.fromkeys(briefs)))


def trend_alt(series: pd.DataFrame, growth: pd.DataFrame) -> str:
    end = growth.sort_values("growth_pct", ascending=False)
    levels = [f"{r.pair_name} {fmt.num(100 + r.growth_pct, 0)}" for r in end.itertuples()]
    return (f"Line chart of co-authored works per year for {len(growth)} country pairs, "
            f"{int(series['year'].min())} to {int(series['year'].max())}, each indexed to its first year = 100. "
            f"In the latest year the indexes stand at: {fmt.join_and(levels)}.")


def growth_table(growth: pd.DataFrame) -> pd.DataFrame:
    """Works at the ends of the window and the change; the years go into the headers when all pairs share them."""
    spans = growth[["year_start", "year_end"]].drop_duplicates()
    shared = len(spans) == 1
    first = f"Works, {spans['year_start'].iloc[0]}" if shared else "Works, first year"
    last = f"Works, {spans['year_end'].iloc[0]}" if shared else "Works, latest year"
    table = pd.DataFrame({"Pair": growth["pair_name"],
                          "Years": growth["year_start"].astype(str) + "–" + growth["year_end"].astype(str),
                          first: growth["works_start"].map(works), last: growth["works_end"].map(works),
                          "Change": growth["growth_pct"].map(fmt.signed_pct),
                          "Per year": growth["cagr_pct"].map(lambda v: fmt.signed_pct(v, 1))})
    data = growth[["pair", "year_start", "works_start", "year_end", "works_end", "growth_pct", "cagr_pct"]]
    return with_data(table.drop(columns="Years") if shared else table, data)


# Rank among the region's pairs.
def rank_summary(ranks: pd.DataFrame, focus: str, region_name: str, poles: list[str], absent: list[str],
                 caveats=(), added=()) -> str:
    mine = ranks[ranks["pair"] == focus].sort_values("year")
    first, last = mine.iloc[0], mine.iloc[-1]
    lowest = mine.sort_values(["rank", "year"]).iloc[-1]
    trough = (f", its lowest was {fmt.nth(lowest['rank'])} in {int(lowest['year'])}"
              if lowest["rank"] != last["rank"] else "")
    region_name = fmt.literal(region_name)
    lines = [added_sentence(added, region_name)] if added else []
    lines += [f"Among the pairs of {region_name} countries with co-authored works, {pair_name(focus)} ranked "
             f"{fmt.nth(first['rank'])} of {int(first['pairs_ranked'])} in {int(first['year'])} and "
             f"{fmt.nth(last['rank'])} of {int(last['pairs_ranked'])} in {int(last['year'])}: its rank "
             f"{direction(first['rank'], last['rank'], lower_is_better=True)} over the window{trough}."]
    latest = ranks[ranks["year"] == last["year"]]
    ahead = latest[latest["rank"] < last["rank"]]
    present = set(ranks["country_a"]) | set(ranks["country_b"])
    for pole in [p for p in poles if p in present and len(ahead)]:
        with_pole = ahead[(ahead["country_a"] == pole) | (ahead["country_b"] == pole)]
        lines.append(f"The one pair ahead of it in {int(last['year'])} "
                     f"{'includes' if len(with_pole) else 'does not include'} {fmt.the(pole)}." if len(ahead) == 1
                     else f"Of the {len(ahead)} pairs ahead of it in {int(last['year'])}, {len(with_pole)} "
                     f"include {fmt.the(pole)}.")
    lines.append(separate_economies(latest[latest["rank"] <= max(last["rank"], 5)], int(last["year"])))
    if absent:
        lines.append(f"{fmt.cap(fmt.join_and([fmt.the(c) for c in absent]))} {'has' if len(absent) == 1 else 'have'} no "
                     f"co-authored works with another {region_name} country in the data for the window, so no "
                     f"pair of {'it' if len(absent) == 1 else 'them'} is ranked.")
    return "\n".join([line for line in lines if line] + caveat_text(caveats))


def separate_economies(leading: pd.DataFrame, year: int) -> str:
    """Where it matters to a ranking: a leading pair joins an economy counted apart from its country
    ('Hong Kong is counted apart from China, as the source records it, so China–Hong Kong, 1st in
    2023, is an international pair here.'); '' when no leading pair does."""
    found = [(r["pair"], code, SEPARATE_ECONOMIES[code], int(r["rank"])) for _, r in leading.sort_values("rank").iterrows()
             for code in (r["country_a"], r["country_b"]) if SEPARATE_ECONOMIES.get(code) in (r["country_a"], r["country_b"])]
    if not found:
        return ""
    parts = words.join_and([f"{pair_name(pair)}, {fmt.nth(rank)} in {year}" for pair, _, _, rank in found])
    apart = list(dict.fromkeys(fmt.the(code) for _, code, _, _ in found))
    country = words.join_and(list(dict.fromkeys(fmt.the(c) for _, _, c, _ in found)))
    one, pairs = len(apart) == 1, len(found) == 1
    return (f"{words.cap(words.join_and(apart))} {'is' if one else 'are'} counted apart from {country}, as the source "
            f"records {'it' if one else 'them'}, so {parts}, {'is an international pair' if pairs else 'are international pairs'} here.")


def rank_marks(compare: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Published ranks inside the window, labelled for the chart."""
    inside = in_window(compare, start, end)
    return inside.assign(seed_label="Nature Index " + inside["seed_rank"].map(fmt.nth).astype(str))


def rank_legend(compare: pd.DataFrame, names: dict[str, str]) -> str:
    if compare.empty:
        return "Published rank"
    documents = fmt.join_and([names.get(i, i) for i in dict.fromkeys(compare["source_id"])])
    return f"Published rank, a different measure ({documents})"


def rank_alt(shown: pd.DataFrame, marks: pd.DataFrame, focus: str) -> str:
    mine = shown[shown["pair"] == focus].sort_values("year")
    leaders = shown[(shown["year"] == shown["year"].max()) & (shown["rank"] <= 3)].sort_values("rank")
    text = (f"Bump chart of ranks among the region's country pairs by co-authored works, "
            f"{int(shown['year'].min())} to {int(shown['year'].max())}, for {shown['pair'].nunique()} pairs. "
            f"{pair_name(focus)} goes from {fmt.nth(mine['rank'].iloc[0])} to {fmt.nth(mine['rank'].iloc[-1])}. "
            f"In the latest year the top pairs are {fmt.join_and(list(leaders['pair_name']))}.")
    if not marks.empty:
        text += " Diamonds on a dashed line mark the published Nature Index ranks of the pair: " + fmt.join_and(
            [f"{fmt.nth(r.seed_rank)} in {r.year}" for r in marks.itertuples()]) + "."
    return text


# What the pair weighs for each partner.
def share_change(series: dict[int, float], caveats, codes: set[str]) -> tuple[str, dict]:
    """How one partner's share moved over the window, tested across the breaks the caveats of
    `codes` flag (`quality.robustness`): ('rose' | 'fell' | 'held' | 'moved only at the break', test)."""
    breaks = [y for c in caveats if c.kind == "level_shift" and c.subject in codes for y in c.years]
    spikes = {y for c in caveats if c.kind == "spike" and c.subject in codes for y in c.years}
    found = robustness(series, "pct", breaks, spikes).as_dict()
    if found.get("reason") == "within the noise":
        return "held", found
    if found.get("reason") in ("rests on the jump at the break", "the sides of the break move apart"):
        return f"moved only at the {fmt.years(found['breaks'])} break in the source", found
    return ("rose" if found["change"] > 0 else "fell"), found


def share_summary(shares: pd.DataFrame, focus: str, caveats=()) -> str:
    """The pair's weight for each partner in the latest year, how unequal it is, and how each
    share moved since the first year, judged beyond the noise and across any break in the source
    (a move that sits at a break is not stated as a trend)."""
    a, b = pair_codes(focus)
    latest, first = int(shares["year"].max()), int(shares["year"].min())
    value = shares.set_index(["country", "year"])["share_pct"]
    heavier, lighter = (b, a) if value[(b, latest)] > value[(a, latest)] else (a, b)
    moves_of = {c: share_change(dict(zip(rows["year"].astype(int), rows["share_pct"].astype(float), strict=True)),
                                caveats, {c, focus})
                for c, rows in shares.sort_values("year").groupby("country")}
    words_of = {c: moves_of[c][0] for c in (a, b)}
    tests = [f"For {fmt.the(c)}, " + text[:1].lower() + text[1:] for c in (a, b)
             if moves_of[c][1].get("breaks") and (text := robust.statement(moves_of[c][1], "pct"))]
    return "\n".join([
        f"In {latest}, works with {fmt.the(b)} were {fmt.pct(value[(a, latest)], 1)} of {fmt.the(a)}'s "
        f"internationally co-authored works, while works with {fmt.the(a)} were "
        f"{fmt.pct(value[(b, latest)], 1)} of {fmt.the(b)}'s.",
        f"The partnership weighs {fmt.num(value[(heavier, latest)] / value[(lighter, latest)], 1)} times as much "
        f"for {fmt.the(heavier)} as for {fmt.the(lighter)}.",
        f"In {first} the shares were {fmt.pct(value[(a, first)], 1)} for {fmt.the(a)} and "
        f"{fmt.pct(value[(b, first)], 1)} for {fmt.the(b)}: since then the pair's weight "
        + (f"{words_of[a]} for both {fmt.the(a)} and {fmt.the(b)}" if words_of[a] == words_of[b] else
           f"{words_of[a]} for {fmt.the(a)}; for {fmt.the(b)} it {words_of[b]}") + ".",
        *caveat_text(caveats), *tests])


def share_alt(shares: pd.DataFrame) -> str:
    latest = shares[shares["year"] == shares["year"].max()]
    each = [f"{r.name} {fmt.pct(r.share_pct, 1)}" for r in latest.itertuples()]
    return (f"Line chart of the share of each country's internationally co-authored works that it wrote with the "
            f"other, {int(shares['year'].min())} to {int(shares['year'].max())}. "
            f"In {int(latest['year'].iloc[0])}: {fmt.join_and(each)}.")


# Each partner's leading partners.
def partners_summary(top: pd.DataFrame, focus: str) -> str:
    lines = []
    for code in pair_codes(focus):
        rows = top[top["country"] == code].sort_values("rank")
        other = next(c for c in pair_codes(focus) if c != code)
        leading = [f"{fmt.the(r.partner)} ({fmt.pct(r.share_pct, 1)})" for r in rows.head(3).itertuples()]
        found = rows[rows["partner"] == other]
        place = (f"{fmt.the(other)} ranked {fmt.nth(found['rank'].iloc[0])}" if len(found)
                 else f"{fmt.the(other)} is not among its top {len(rows)}")
        lines.append(f"In {int(rows['year'].iloc[0])}, {fmt.the(code)}'s leading partners by share of its "
                     f"international works were {fmt.join_and(leading)}; {place}.")
    return "\n".join(lines)


def partners_alt(top: pd.DataFrame) -> str:
    parts = []
    for _, rows in top.groupby("country", sort=False):
        order = ", ".join(f"{r.partner_name} {fmt.pct(r.share_pct, 1)}" for r in rows.sort_values("rank").itertuples())
        parts.append(f"{rows['name'].iloc[0]}: {order}")
    return (f"Horizontal bar charts of each country's {top.groupby('country').size().max()} leading partners in "
            f"{int(top['year'].iloc[0])}, by share of its internationally co-authored works. " + ". ".join(parts) + ".")
