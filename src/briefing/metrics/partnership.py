"""The partnership section: a focus pair's co-authored works over time, its rank among
the region's pairs, its weight for each partner, each partner's leading partners, the
published (seed) figures beside ours, and the same measures in a second database.

Pairs are named by id: the two codes in alphabetical order joined by '-' (`JP-KR`)."""

from __future__ import annotations

import re

import pandas as pd

from briefing import countries
from briefing.errors import InputError
from briefing.metrics.facts import cite
from briefing.metrics.pairs import directed, indexed, pair_ranks, pair_works, partner_shares, select, top_partners
from briefing.metrics.series import growth, in_window

PAIR_ID = re.compile(r"^([A-Z]{2})-([A-Z]{2})$")


# Pair ids and parameters.
def pair_id(a: str, b: str) -> str:
    lo, hi = sorted((a, b))
    return f"{lo}-{hi}"


def pair_codes(pair: str) -> tuple[str, str]:
    """`'KR-CN'` -> `('CN', 'KR')`; anything else is an InputError naming the value."""
    match = PAIR_ID.match(pair)
    if not match or match[1] == match[2]:
        raise InputError(f"pair {pair!r}", "must be two different country codes joined by '-', e.g. 'CN-KR'")
    lo, hi = sorted((match[1], match[2]))
    return lo, hi


def pair_name(pair: str) -> str:
    """'JP-KR' -> 'Japan–South Korea'."""
    return "–".join(countries.name(c) for c in pair_codes(pair))


def comparison_pairs(focus: str, poles: list[str], chosen: list[str]) -> list[str]:
    """The pairs shown beside the focus pair: `chosen` if any, else each focus country with each pole."""
    a, b = pair_codes(focus)
    candidates = chosen or [pair_id(c, p) for c in (a, b) for p in poles if c != p]
    ids = [pair_id(*pair_codes(p)) for p in candidates]
    return [p for p in dict.fromkeys(ids) if p != focus]


def check_in_region(focus: str, region: list[str], region_name: str) -> None:
    missing = [c for c in pair_codes(focus) if c not in region]
    if missing:
        raise InputError(f"params region.countries ({region_name})",
                         f"must include both countries of the focus pair {focus}; missing {missing}")


def require_works(pairs: pd.DataFrame, focus: str, source: str, start: int, end: int) -> None:
    """A focus pair with no co-authored works in the window stops the section with a message saying why."""
    if in_window(pair_works(pairs, *pair_codes(focus)), start, end)["works"].sum() > 0:
        return
    present = set(pairs["country_a"]) | set(pairs["country_b"])
    absent = [c for c in pair_codes(focus) if c not in present]
    why = (f"{', '.join(absent)} does not appear in the {source} pairs table" if absent
           else f"the {source} pairs table has no co-authored works for it in {start}–{end}")
    raise InputError(f"params focus_pair {focus} ({pair_name(focus)})", why)


# The pair over time.
def pair_series(pairs: pd.DataFrame, pair_list: list[str], start: int, end: int) -> pd.DataFrame:
    """Works per pair and year in the window, and as an index (window start = 100)."""
    frames = [pair_works(pairs, *pair_codes(p)).assign(pair=p) for p in pair_list]
    series = in_window(pd.concat(frames, ignore_index=True), start, end)
    series = series.sort_values(["pair", "year"], key=lambda s: s.map(pair_list.index) if s.name == "pair" else s)
    series = series.reset_index(drop=True)
    index = indexed(series, "works", start, by=["pair"])
    series["index_start_100"] = index.where(index.abs() != float("inf"))
    series["pair_name"] = series["pair"].map(pair_name)
    return series[["pair", "pair_name", "year", "works", "index_start_100"]]


def pairs_without_works(series: pd.DataFrame, pair_list: list[str]) -> list[str]:
    return [p for p in pair_list if series.loc[series["pair"] == p, "works"].sum() == 0]


def pair_growth(series: pd.DataFrame) -> pd.DataFrame:
    """First and latest year with works, change % and per year %, one row a pair, in series order."""
    table = growth(series, "pair", "works")
    order = list(dict.fromkeys(series["pair"]))
    table = table.set_index("pair").loc[[p for p in order if p in set(table["pair"])]].reset_index()
    return table.assign(pair_name=table["pair"].map(pair_name))


# Rank among the region's pairs.
def region_ranks(pairs: pd.DataFrame, region: list[str], start: int, end: int) -> pd.DataFrame:
    """Every pair of region countries ranked by works each year (1 = most), with how many pairs were ranked."""
    ranked = pair_ranks(in_window(pairs, start, end), region)
    ranked["pair"] = ranked["country_a"] + "-" + ranked["country_b"]
    ranked["pair_name"] = ranked["pair"].map(pair_name)
    ranked["pairs_ranked"] = ranked.groupby("year")["pair"].transform("size")
    return ranked[["year", "pair", "pair_name", "country_a", "country_b", "works", "rank", "pairs_ranked"]]


def ranks_to_show(ranks: pd.DataFrame, focus: str, n: int) -> pd.DataFrame:
    """The top `n` pairs of the latest year plus the focus pair, in every year."""
    latest = ranks[ranks["year"] == ranks["year"].max()]
    keep = set(latest.loc[latest["rank"] <= n, "pair"]) | {focus}
    shown = ranks[ranks["pair"].isin(keep)]
    return shown.assign(is_focus=shown["pair"] == focus).reset_index(drop=True)


def ranks_beside_published(shown: pd.DataFrame, compare: pd.DataFrame) -> pd.DataFrame:
    """The ranks shown in the chart with the published rank, where one exists, in its own column."""
    published = compare.rename(columns={"seed_rank": "published_rank", "source_id": "published_in"})
    return shown.merge(published[["pair", "year", "published_rank", "published_in"]], on=["pair", "year"],
                       how="left", validate="m:1")


def countries_without_pairs(ranks: pd.DataFrame, region: list[str]) -> list[str]:
    """Region countries that appear in no ranked pair (absent from the data for the window)."""
    present = set(ranks["country_a"]) | set(ranks["country_b"])
    return [c for c in region if c not in present]


# What the pair weighs for each partner.
def intl_shares(pairs: pd.DataFrame, output: pd.DataFrame, focus: str, start: int, end: int) -> pd.DataFrame:
    """Share of each focus country's internationally co-authored works that have the other, per year."""
    a, b = pair_codes(focus)
    both = pd.concat([partner_shares(pairs, output, a, [b]), partner_shares(pairs, output, b, [a])],
                     ignore_index=True)
    both = in_window(both, start, end).sort_values(["country", "year"]).reset_index(drop=True)
    return both.assign(name=both["country"].map(countries.name), partner_name=both["partner"].map(countries.name))


def top_partner_shares(pairs: pd.DataFrame, output: pd.DataFrame, codes: list[str], year: int,
                       n: int) -> pd.DataFrame:
    """Each country's `n` leading partners in `year` (rank 1 = most works) and their share of its international works."""
    frames = []
    for code in codes:
        top = top_partners(pairs, code, year, n)
        shares = partner_shares(pairs[pairs["year"] == year], output, code, list(top["partner"]))
        shares = shares.set_index("partner").loc[list(top["partner"])].reset_index()
        frames.append(shares.assign(rank=range(1, len(shares) + 1)))
    top = pd.concat(frames, ignore_index=True)
    return top.assign(name=top["country"].map(countries.name), partner_name=top["partner"].map(countries.name))[
        ["country", "name", "year", "rank", "partner", "partner_name", "works", "works_international", "share_pct"]]


def partner_lists(top: pd.DataFrame) -> pd.DataFrame:
    """One row per country and year: its partners as an ordered list of codes."""
    ordered = top.sort_values(["country", "year", "rank"])
    return ordered.groupby(["country", "year"], sort=False)["partner"].agg(list).reset_index(name="partners")


def share_rows(*frames: pd.DataFrame) -> pd.DataFrame:
    """Country, partner, year, share_pct from several share tables, each combination once."""
    rows = pd.concat([f[["country", "partner", "year", "share_pct"]] for f in frames], ignore_index=True)
    rows = rows.drop_duplicates(["country", "partner", "year"]).reset_index(drop=True)
    return rows.assign(partner_name=rows["partner"].map(countries.name))


# Published (seed) figures beside ours.
def rank_vs_seed(pairs: pd.DataFrame, region: list[str], facts: pd.DataFrame, ids: list[str],
                 focus: str) -> pd.DataFrame:
    """Published ranks of the focus pair beside its rank among the region's pairs in the same year."""
    cited = cite(facts, ids)
    cited = cited[cited["country"] == focus]
    columns = ["id", "pair", "year", "seed_rank", "source_id", "rank", "pairs_ranked", "rank_gap"]
    if cited.empty:
        return pd.DataFrame(columns=columns)
    cited = cited.assign(pair=focus, year=cited["year"].astype("int64"), seed_rank=cited["value"].astype("int64"))
    ours = region_ranks(pairs, region, int(cited["year"].min()), int(cited["year"].max()))
    ours = ours.loc[ours["pair"] == focus, ["year", "rank", "pairs_ranked"]]
    joined = cited.merge(ours, on="year", how="left", validate="1:1")
    return joined.assign(rank_gap=joined["rank"] - joined["seed_rank"])[columns]


def share_vs_seed(pairs: pd.DataFrame, output: pd.DataFrame, facts: pd.DataFrame, ids: list[str],
                  focus: str) -> pd.DataFrame:
    """Published partner Share values of a focus country beside that partner's works, share and rank in the same year."""
    cited = cite(facts, ids)
    cited = cited.assign(country=cited["keys"].str[0], partner=cited["keys"].str[1])
    cited = cited[cited["country"].isin(pair_codes(focus))]
    columns = ["id", "country", "partner", "year", "seed_share", "seed_order", "source_id",
               "works", "share_pct", "rank", "partners_ranked"]
    if cited.empty:
        return pd.DataFrame(columns=columns)
    cited = cited.assign(year=cited["year"].astype("int64"), seed_share=cited["value"])
    cited["seed_order"] = cited.groupby(["country", "year"])["seed_share"].rank(ascending=False, method="min")
    frames = []
    for (code, year), _ in cited.groupby(["country", "year"]):
        every = top_partner_shares(pairs, output, [code], year, len(countries.all_codes()))
        frames.append(every.assign(partners_ranked=len(every)))
    ours = pd.concat(frames, ignore_index=True)[["country", "partner", "year", "works", "share_pct", "rank",
                                                  "partners_ranked"]]
    return cited.merge(ours, on=["country", "partner", "year"], how="left", validate="1:1")[columns]


def growth_vs_seed(pairs: pd.DataFrame, facts: pd.DataFrame, ids: list[str], pair_list: list[str]) -> pd.DataFrame:
    """Published changes in a pair's output over a period beside the change in its works over the same years."""
    cited = cite(facts, ids)
    cited = cited[cited["country"].isin(pair_list)]
    rows = []
    for fact in cited.itertuples():
        start, end = (int(y) for y in fact.year.split("-"))
        ends = pair_works(pairs, *pair_codes(fact.country))
        ends = ends[ends["year"].isin([start, end])].assign(pair=fact.country)
        change = growth(ends, "pair", "works")
        exact = not change.empty and change["year_start"].iloc[0] == start and change["year_end"].iloc[0] == end
        rows.append({"id": fact.id, "pair": fact.country, "year_start": start, "year_end": end,
                     "seed_growth_pct": fact.value, "source_id": fact.source_id,
                     "growth_pct": change["growth_pct"].iloc[0] if exact else float("nan")})
    frame = pd.DataFrame(rows, columns=["id", "pair", "year_start", "year_end", "seed_growth_pct", "source_id",
                                        "growth_pct"])
    return frame.assign(difference_pp=frame["growth_pct"] - frame["seed_growth_pct"])


# The same measures in a second database.
def cross_years(pairs_all: pd.DataFrame, cross: str) -> list[int]:
    return sorted(int(y) for y in select(pairs_all, cross)["year"].unique())


def cross_pair_counts(pairs_all: pd.DataFrame, focus: str, source: str, cross: str) -> pd.DataFrame:
    """The focus pair's works in both sources, in the years the cross source covers, and their ratio."""
    years = cross_years(pairs_all, cross)
    ours = pair_works(select(pairs_all, source), *pair_codes(focus))
    theirs = pair_works(select(pairs_all, cross), *pair_codes(focus)).rename(columns={"works": "works_cross"})
    both = pd.DataFrame({"year": years}).merge(ours, on="year", how="left", validate="1:1")
    both = both.merge(theirs, on="year", how="left", validate="1:1")
    return both.assign(pair=focus, ratio=both["works"] / both["works_cross"])[
        ["pair", "year", "works", "works_cross", "ratio"]]


def cross_region_ranks(pairs_all: pd.DataFrame, region: list[str], focus: str, source: str,
                       cross: str) -> pd.DataFrame:
    """The focus pair's rank among pairs of the region countries both sources cover, in each source."""
    both = {"": select(pairs_all, source), "_cross": select(pairs_all, cross)}
    covered = [c for c in region if c in set(both["_cross"]["country_a"]) | set(both["_cross"]["country_b"])]
    rows = []
    for year in cross_years(pairs_all, cross):
        row = {"pair": focus, "year": year, "countries_covered": len(covered)}
        for suffix, pairs in both.items():
            ranked = region_ranks(pairs, covered, year, year)
            mine = ranked[ranked["pair"] == focus]
            row[f"rank{suffix}"] = int(mine["rank"].iloc[0]) if len(mine) else pd.NA
            row[f"pairs_ranked{suffix}"] = len(ranked)
        rows.append(row)
    return pd.DataFrame(rows, columns=["pair", "year", "countries_covered", "rank", "pairs_ranked", "rank_cross",
                                       "pairs_ranked_cross"])


def _ranked_partners(links: pd.DataFrame, country: str, year: int, partners: set[str] | None) -> pd.DataFrame:
    """`links`: directed pairs (`directed`) of one source."""
    own = links[(links["country"] == country) & (links["year"] == year)]
    if partners is not None:
        own = own[own["partner"].isin(partners)]
    own = own.sort_values(["works", "partner"], ascending=[False, True])
    return own.assign(rank=range(1, len(own) + 1))[["country", "year", "partner", "works", "rank"]]


def cross_partners(pairs_all: pd.DataFrame, codes: list[str], source: str, cross: str) -> pd.DataFrame:
    """Each country's partners ranked in both sources, among the partners the cross source lists."""
    ours_links, theirs_links = directed(select(pairs_all, source)), directed(select(pairs_all, cross))
    years = cross_years(pairs_all, cross)
    frames = []
    for code in codes:
        for year in years:
            theirs = _ranked_partners(theirs_links, code, year, None)
            ours = _ranked_partners(ours_links, code, year, set(theirs["partner"]))
            theirs = theirs.rename(columns={"works": "works_cross", "rank": "rank_cross"})
            frames.append(ours.merge(theirs, on=["country", "year", "partner"], how="outer", validate="1:1"))
    if not frames:  # no year of the cross source in the window
        return pd.DataFrame(columns=["country", "year", "partner", "works", "rank", "works_cross", "rank_cross"])
    return pd.concat(frames, ignore_index=True)


def partner_rank_agreement(partners: pd.DataFrame, n: int) -> pd.DataFrame:
    """Per country and year: whether the top `n` partners come in the same order in both sources,
    how many leading positions agree, and the rank correlation over all common partners."""
    rows = []
    for (code, year), group in partners.groupby(["country", "year"], sort=False):
        mine = list(group.sort_values("rank")["partner"].head(n))
        other = list(group.sort_values("rank_cross")["partner"].head(n))
        leading = next((i for i, (x, y) in enumerate(zip(mine, other, strict=False)) if x != y), min(len(mine), n))
        both = group.dropna(subset=["rank", "rank_cross"])
        rows.append({"country": code, "year": year, "top": mine, "top_cross": other,
                     "agrees": "yes" if mine == other else "no", "leading_agree": leading,
                     "rank_corr": both["rank"].rank().corr(both["rank_cross"].rank()) if len(both) > 2
                     else float("nan")})
    return pd.DataFrame(rows, columns=["country", "year", "top", "top_cross", "agrees", "leading_agree", "rank_corr"])


def without_pole_pairs(frame: pd.DataFrame, countries: list[str], poles: list[str]) -> pd.DataFrame:
    """The rows of pairs (`pair`) that are not a country of the edition with a pole (nor the poles'
    own pair): those the decoupling section states, so each finding is recorded once."""
    covered = {pair_id(c, p) for c in [*countries, *poles] for p in poles if c != p}
    return frame[~frame["pair"].isin(covered)]
