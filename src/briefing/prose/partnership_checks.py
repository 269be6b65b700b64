"""The partnership section's checks in words: the published (seed) Nature Index figures
beside ours, and the same measures in a second database.

Where a published figure and ours differ, the sentence says so and why: the database,
the counting and the journal set behind each number."""

from __future__ import annotations

import pandas as pd

from briefing import units
from briefing.metrics.partnership import pair_name
from briefing.prose import fmt
from briefing.prose.partnership import direction, moves, works
from briefing.prose.tables import with_data

SCOPE = {
    "openalex": "works of every field and type of venue, each counted in full for every country on it",
    "ncses": "articles in Scopus science and engineering journals and proceedings, each counted in full "
             "for every country on it",
}
SHORT = {"openalex": "OpenAlex", "ncses": "Scopus"}
NATURE_INDEX = ("the Nature Index counts only articles in a selected set of leading natural-science journals, "
                "and its Share divides each article among its authors' countries")


def _documents(frame: pd.DataFrame, names: dict[str, str]) -> str:
    return fmt.join_and([names.get(i, i) for i in dict.fromkeys(frame["source_id"])])


def _name(source: str, names: dict[str, str]) -> str:
    """A source's short name, literal in markdown."""
    return fmt.literal(names.get(source, source))


# Published (seed) figures beside ours.
def rank_seed_sentence(compare: pd.DataFrame, focus: str, source: str, names: dict[str, str]) -> str:
    """The published ranks of the focus pair beside ours in the same years, and whether they move alike."""
    if compare.empty:
        return ""
    rows = compare.sort_values("year")
    published = fmt.join_and([f"{fmt.nth(r.seed_rank)} in {r.year}" for r in rows.itertuples()])
    ours = fmt.join_and([f"{fmt.nth(r.rank)} of {r.pairs_ranked}" for r in rows.itertuples()])
    lines = [f"The Nature Index ranked the pair {published} ({_documents(rows, names)}); by co-authored works in "
             f"{_name(source, names)} it ranks {ours} in the same years."]
    if len(rows) > 1 and rows["rank"].notna().all():
        first, last = rows.iloc[0], rows.iloc[-1]
        theirs = direction(first["seed_rank"], last["seed_rank"], lower_is_better=True)
        mine = direction(first["rank"], last["rank"], lower_is_better=True)
        lines.append(f"Between {first['year']} and {last['year']} its rank "
                     f"{moves(theirs, mine, 'the Nature Index', _name(source, names))}, so the two measures "
                     f"{'agree' if theirs == mine else 'disagree'} on the direction, if not on the level.")
    return "\n".join(lines)


def seed_share_sentences(compare: pd.DataFrame, source: str, names: dict[str, str]) -> list[str]:
    lines = []
    for (code, year), rows in compare.groupby(["country", "year"], sort=False):
        rows = rows.sort_values("seed_share", ascending=False)
        published = fmt.join_and([f"{fmt.num(r.seed_share, 2)} with {fmt.the(r.partner)}" for r in rows.itertuples()])
        ours = fmt.join_and([f"{fmt.nth(r.rank)} ({works(r.works)} works)" for r in rows.itertuples()])
        same = list(rows["rank"].rank(method="min")) == list(rows["seed_order"])
        lines.append(f"{_documents(rows, names)} gives {fmt.the(code)}'s collaborative Share in {year} as {published}.")
        if rows["partners_ranked"].isna().any() or rows["rank"].isna().any():
            lines.append(f"{_name(source, names)} as snapshotted here has no co-authorship counts of "
                         f"{fmt.the(code)} for {year}, so the order cannot be checked.")
            continue
        moved = [r for r in rows.itertuples() if int(r.rank) != int(r.seed_order)]
        places = ("" if not moved else ", though not in the same places: " + fmt.join_and(
            [f"{fmt.the(r.partner)} is {fmt.nth(r.rank)} here and {fmt.nth(r.seed_order)} in the published list"
             for r in moved]))
        order = (f"so these partners come in the same order{places}" if same else "so the order differs")
        lines.append(f"In {_name(source, names)} the same partners rank {ours} among {fmt.the(code)}'s "
                     f"{int(rows['partners_ranked'].iloc[0])} partners, {order}; the values themselves do not "
                     f"compare, because Share is a fractional count and works here are full counts.")
    return lines


def seed_growth_sentences(compare: pd.DataFrame, source: str, names: dict[str, str]) -> list[str]:
    if compare.empty:
        return []
    rows = compare.sort_values("seed_growth_pct", ascending=False)
    period = f"{int(rows['year_start'].iloc[0])} to {int(rows['year_end'].iloc[0])}"
    published = fmt.join_and([f"{pair_name(r.pair)} {fmt.signed_pct(r.seed_growth_pct)}" for r in rows.itertuples()])
    ours = fmt.join_and([fmt.signed_pct(r.growth_pct) for r in rows.itertuples()])
    lines = [f"{_documents(rows, names)} reports Nature Index articles changing by {published} from {period}; "
             f"in {_name(source, names)} the same pairs' works changed by {ours}."]
    same_order = list(rows["growth_pct"].rank(ascending=False)) == list(rows["seed_growth_pct"].rank(ascending=False))
    if len(rows) > 1:
        lines.append("Both sources put the pairs in the same order of growth." if same_order else
                     "The two sources order the pairs' growth differently.")
    flipped = rows[(rows["growth_pct"] > 0) != (rows["seed_growth_pct"] > 0)].dropna(subset=["growth_pct"])
    lines += [f"For {pair_name(r.pair)} they disagree on the direction: {_name(source, names)} shows "
              f"{'a rise' if r.growth_pct > 0 else 'a fall'} where the Nature Index shows "
              f"{'a rise' if r.seed_growth_pct > 0 else 'a fall'}." for r in flipped.itertuples()]
    return lines


def seed_summary(ranks: pd.DataFrame, shares: pd.DataFrame, growth: pd.DataFrame, focus: str, source: str,
                 names: dict[str, str], outside: str = "") -> str:
    """Where the published figures and ours agree, where they differ, and why; `outside`: the
    sentence on published figures outside the window (`citations.outside_window`)."""
    if ranks.empty and shares.empty and growth.empty:
        within = " inside this edition's window" if outside else ""
        return fmt.omitted(" ".join(filter(None, [
            f"The briefing's documents publish no Nature Index figures for {pair_name(focus)} or its partners"
            f"{within}, so there is nothing to set beside this chapter's measures; a series that cites such figures "
            f"adds them as quoted facts from its own documents.", outside])))
    why = (f"The numbers differ because the measures differ: {NATURE_INDEX}, while "
           f"{_name(source, names)} covers {SCOPE.get(source, 'its own set of publications')}.")
    paragraphs = [seed_share_sentences(shares, source, names), seed_growth_sentences(growth, source, names), [why],
                  [outside] if outside else []]
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def seed_table(ranks: pd.DataFrame, shares: pd.DataFrame, growth: pd.DataFrame, focus: str, region_name: str,
               source: str) -> pd.DataFrame:
    """One row per published figure: what it measures, its value, and ours for the same year(s)."""
    columns = ["Figure", "Nature Index (published)", f"This briefing ({SHORT.get(source, source)})"]
    if ranks.empty and shares.empty and growth.empty:
        return with_data(pd.DataFrame([(f"No published figure concerns {pair_name(focus)}", "—", "—")],
                                      columns=columns), pd.DataFrame(columns=SEED_DATA))
    shares = shares.sort_values(["country", "seed_order"])
    rows = [(f"Rank of {pair_name(r.pair)} among {region_name} pairs, {r.year}", fmt.nth(r.seed_rank),
             f"{fmt.nth(r.rank)} of {r.pairs_ranked} pairs") for r in ranks.itertuples()]
    rows += [(f"Partner of {fmt.the(r.country)}: {fmt.the(r.partner)}, {r.year}",
              f"Share {fmt.num(r.seed_share, 2)} ({fmt.nth(r.seed_order)})",
              f"{works(r.works)} works, {fmt.pct(r.share_pct, 1)} ({fmt.nth(r.rank)})")
             for r in shares.itertuples()]
    rows += [(f"Change in {pair_name(r.pair)} output, {r.year_start}–{r.year_end}",
              fmt.signed_pct(r.seed_growth_pct), fmt.signed_pct(r.growth_pct)) for r in growth.itertuples()]
    table = pd.DataFrame(rows, columns=columns)
    return with_data(table, seed_data(ranks, shares, growth, source, list(table["Figure"])))


SEED_DATA = ["fact_id", "figure", "source_id", "quantity", "value", "unit"]
SEED_QUANTITIES = (  # per kind of published figure (rank, partner share, growth): column, quantity, unit, ours
    (("seed_rank", "rank", "rank", False), ("rank", "rank", "rank", True),
     ("pairs_ranked", "pairs_ranked", "count", True)),
    (("seed_share", "share", "share_nature_index", False), ("seed_order", "rank", "rank", False),
     ("works", "works", "works", True), ("share_pct", "share_pct", "pct", True), ("rank", "rank", "rank", True)),
    (("seed_growth_pct", "growth_pct", "pct_change", False), ("growth_pct", "growth_pct", "pct_change", True)),
)


def seed_data(ranks: pd.DataFrame, shares: pd.DataFrame, growth: pd.DataFrame, source: str,
              figures: list[str]) -> pd.DataFrame:
    """`seed_table` for its CSV: a row a number, the published one (with its document's id) and
    ours (`source`), each with its unit in words; `figures`: the table's rows, in order."""
    records = [(r, kinds) for frame, kinds in zip((ranks, shares, growth), SEED_QUANTITIES, strict=True)
               for r in frame.itertuples()]
    rows = [(r.id, figure, source if ours else r.source_id, quantity,
             float("nan") if pd.isna(getattr(r, column)) else float(getattr(r, column)), units.unit(unit).wording)
            for (r, kinds), figure in zip(records, figures, strict=True) for column, quantity, unit, ours in kinds]
    return pd.DataFrame(rows, columns=SEED_DATA)


# The same measures in a second database.
def cross_summary(counts: pd.DataFrame, ranks: pd.DataFrame, agreement: pd.DataFrame, region_name: str,
                  source: str, cross: str, names: dict[str, str]) -> str:
    ours, theirs = _name(source, names), _name(cross, names)
    if counts.empty:
        return fmt.omitted(f"{theirs} publishes its pair table for only a few years, none inside this edition's "
                           f"window, so {ours} is not cross-checked against it here; a window that reaches one of "
                           f"those years brings the cross-check in.")
    focus = counts["pair"].iloc[0]
    listed = counts.dropna(subset=["works_cross"]).sort_values("year")
    if listed.empty:
        return (f"{theirs} lists no co-authored articles for {pair_name(focus)}: its pair table covers only the "
                f"countries with the largest shares of internationally co-authored articles.")
    latest, earlier = listed.iloc[-1], listed.iloc[:-1]
    lines = [f"In {theirs} (Scopus), {pair_name(focus)} co-authored {works(latest['works_cross'])} articles in "
             f"{int(latest['year'])}, against {works(latest['works'])} works in {ours}: {ours} counts "
             f"{fmt.num(latest['ratio'], 2)} times as many"
             + "".join(f" ({fmt.num(r.ratio, 2)} in {r.year})" for r in earlier.itertuples()) + "."]
    lines += cross_rank_sentences(ranks.dropna(subset=["rank", "rank_cross"]), region_name, ours, theirs)
    agree = [agreement_sentence(r, ours, theirs) for r in agreement.itertuples()]
    return "\n\n".join("\n".join(p) for p in (lines, agree) if p)


def cross_rank_sentences(ranks: pd.DataFrame, region_name: str, ours: str, theirs: str) -> list[str]:
    if ranks.empty:
        return []
    each = [f"{fmt.nth(r.rank)} in both in {r.year}" if r.rank == r.rank_cross else
            f"{fmt.nth(r.rank_cross)} in {theirs} and {fmt.nth(r.rank)} in {ours} in {r.year}" for r in ranks.itertuples()]
    lines = [f"Among the pairs of the {int(ranks['countries_covered'].iloc[0])} {fmt.literal(region_name)} "
             f"countries that both "
             f"sources cover, the pair ranked {fmt.join_and(each)}."]
    if len(ranks) > 1:
        first, last = ranks.iloc[0], ranks.iloc[-1]
        mine = direction(first["rank"], last["rank"], lower_is_better=True)
        other = direction(first["rank_cross"], last["rank_cross"], lower_is_better=True)
        lines.append(f"Between {first['year']} and {last['year']} its rank {moves(other, mine, theirs, ours)}"
                     + (": the two databases tell the same story." if mine == other else
                        ": the two databases disagree on the direction."))
    return lines


def agreement_sentence(row, ours: str, theirs: str) -> str:
    """Whether a country's top partners come in the same order in both sources, and where they part."""
    head = f"{fmt.the(row.country)}'s top {len(row.top)} partners in {row.year} "
    corr = f" (rank correlation over all common partners {fmt.num(row.rank_corr, 2)})"
    if row.agrees == "yes":
        return head + f"come in the same order in both databases{corr}."
    rest = row.leading_agree
    return (head + f"agree on the first {rest}, then {ours} has "
            f"{fmt.join_and([fmt.the(c) for c in row.top[rest:]])} where {theirs} has "
            f"{fmt.join_and([fmt.the(c) for c in row.top_cross[rest:]])}{corr}.")


def cross_counts_table(counts: pd.DataFrame, ranks: pd.DataFrame, source: str, cross: str) -> pd.DataFrame:
    if counts.empty:  # no year of the cross source in the window: the table is left out
        return pd.DataFrame()
    joined = counts.set_index("year").join(ranks.set_index("year")[["rank", "rank_cross"]])
    ours, theirs = SHORT.get(source, source), SHORT.get(cross, cross)
    data = joined.reset_index()[["pair", "year", "works", "works_cross", "ratio", "rank", "rank_cross"]]
    return with_data(pd.DataFrame({
        "Year": joined.index.astype(str),
        f"Works, {ours}": joined["works"].map(works),
        f"Articles, {theirs}": joined["works_cross"].map(works),
        f"{ours} ÷ {theirs}": joined["ratio"].map(lambda v: fmt.num(v, 2)),
        f"Rank, {ours}": joined["rank"].map(fmt.nth),
        f"Rank, {theirs}": joined["rank_cross"].map(fmt.nth),
    }), data.assign(source=source, source_cross=cross))


def cross_partners_table(partners: pd.DataFrame, n: int, source: str, cross: str,
                         own_names: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each country's top `n` partners per year in both sources, side by side by rank; country and
    year written on the first row of their group only, so the table stays narrow. A country of
    `own_names` (the validated `country_names` table) is also named in its own script."""
    ours, theirs = SHORT.get(source, source), SHORT.get(cross, cross)
    native = {} if own_names is None else dict(zip(own_names["code"], own_names["native_name"], strict=True))
    rows, data = [], []
    for (code, year), group in partners.groupby(["country", "year"], sort=False):
        mine = group.dropna(subset=["rank"]).sort_values("rank").head(n)
        other = group.sort_values("rank_cross").head(n)
        name = f"{fmt.name(code)} ({native[code]})" if code in native else fmt.name(code)
        for i, (a, b) in enumerate(zip(mine["partner"], other["partner"], strict=False), start=1):
            rows.append((name if i == 1 else "", str(year) if i == 1 else "", str(i), fmt.name(a), fmt.name(b)))
            data.append((code, year, i, a, b, source, cross))
    return with_data(pd.DataFrame(rows, columns=["Country", "Year", "Rank", ours, theirs]), pd.DataFrame(
        data, columns=["country", "year", "rank", "partner", "partner_cross", "source", "source_cross"]))
