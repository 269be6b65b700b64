"""Exposure to a break between two poles (by default the US and China): each country's
co-authorship with each pole, the pole-pole pair, and what a cut would remove.

Full counting throughout: a work counts once for every country on it, so a work
with both poles counts for each. Built on the pair helpers of `metrics.pairs`."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.pairs import pair_works, partner_shares, select
from briefing.metrics.series import in_window

SHARE_COLUMNS = ["country", "pole", "year", "works", "works_international", "share_pct"]


def select_required(frame: pd.DataFrame, source: str, field: str) -> pd.DataFrame:
    """`select`, refusing an empty result with a message naming what is missing; a table the
    edition's window emptied (`tables.within_window`, which keeps what the whole table `held`)
    gives its empty selection, and the section leaves out what needed it."""
    rows = select(frame, source, field)
    held = set(frame.attrs.get("held", [])) | set(zip(frame["source"], frame["field"], strict=True))
    if rows.empty and (source, field) not in held:
        have = sorted(held)
        raise ValueError(f"no rows for source {source!r}, field {field!r}; the table has {have}")
    return rows


def pole_shares(pairs: pd.DataFrame, output: pd.DataFrame, countries: list[str], poles: list[str],
                start: int, end: int) -> pd.DataFrame:
    """Share of each country's internationally co-authored works that have a co-author from
    each pole, per year of the window (a pole has no share with itself)."""
    frames = [partner_shares(pairs, output, c, partners=poles) for c in dict.fromkeys(countries)]
    shares = in_window(pd.concat(frames, ignore_index=True), start, end).rename(columns={"partner": "pole"})
    shares = shares.dropna(subset=["share_pct"])
    order = {c: i for i, c in enumerate(dict.fromkeys([*countries, *poles]))}
    shares = shares.sort_values(["country", "pole", "year"], key=lambda s: s.map(order) if s.name != "year" else s)
    return shares[SHARE_COLUMNS].reset_index(drop=True)


def with_output_share(shares: pd.DataFrame, output: pd.DataFrame) -> pd.DataFrame:
    """Add each country's domestic-only works and the pair's share of its total output,
    counted as domestic-only plus international works (NaN where the source has no
    domestic count)."""
    domestic = output[["year", "country", "works_domestic"]]
    joined = shares.merge(domestic, on=["year", "country"], how="left", validate="m:1")
    total = (joined["works_domestic"] + joined["works_international"]).astype("float64")
    return joined.assign(works_output=total, output_share_pct=100 * joined["works"] / total)


# The columns of `with_output_share`, for a selection the window left empty.
OUTPUT_SHARE_COLUMNS = [*SHARE_COLUMNS, "works_domestic", "works_output", "output_share_pct"]


def period_shares(period_pairs: pd.DataFrame, period_output: pd.DataFrame, countries: list[str],
                  poles: list[str]) -> pd.DataFrame:
    """`pole_shares` and `with_output_share` for a table summed over one period (year_start
    to year_end); the period is keyed by its last year for the yearly pair helpers."""
    periods = period_pairs[["year_start", "year_end"]].drop_duplicates()
    if periods.empty:  # the edition's window holds no period of the source: nothing to compute
        return pd.DataFrame(columns=[c for c in OUTPUT_SHARE_COLUMNS if c != "year"] + ["year_start", "year_end"])
    if len(periods) != 1:
        raise ValueError(f"select one period first; the table has {periods.values.tolist()}")
    start, end = (int(v) for v in periods.iloc[0])
    pairs = period_pairs.assign(year=end)
    output = period_output[(period_output["year_start"] == start) & (period_output["year_end"] == end)]
    shares = with_output_share(pole_shares(pairs, output.assign(year=end), countries, poles, end, end),
                               output.assign(year=end))
    return shares.drop(columns="year").assign(year_start=start, year_end=end)


def shares_in_period(pairs: pd.DataFrame, output: pd.DataFrame, countries: list[str], poles: list[str],
                     period: pd.DataFrame) -> pd.DataFrame:
    """Yearly shares, with shares of total output, in the years from `period`'s first
    year_start to its last year_end that the pair table has (NCSES: 2003 and 2022); none when the
    edition's window holds no such period or year."""
    if period.empty or pairs.empty:
        return pd.DataFrame(columns=OUTPUT_SHARE_COLUMNS)
    start, end = int(period["year_start"].min()), int(period["year_end"].max())
    return with_output_share(pole_shares(pairs, output, countries, poles, start, end), output)


def pole_pair(pairs: pd.DataFrame, output: pd.DataFrame, pole_a: str, pole_b: str,
              start: int, end: int) -> pd.DataFrame:
    """The pole-pole pair per year: works, and their share of each pole's international works;
    `asymmetry` = pole B's share over pole A's (above 1: B leans on A more than A on B)."""
    works = in_window(pair_works(pairs, pole_a, pole_b), start, end)
    totals = output[output["country"].isin([pole_a, pole_b])].pivot(
        index="year", columns="country", values="works_international").astype("float64")
    totals = totals.rename(columns={pole_a: "works_international_a", pole_b: "works_international_b"})
    joined = works.merge(totals.reset_index(), on="year", how="left", validate="1:1")
    joined["share_a_pct"] = 100 * joined["works"] / joined["works_international_a"]
    joined["share_b_pct"] = 100 * joined["works"] / joined["works_international_b"]
    joined["asymmetry"] = joined["share_b_pct"] / joined["share_a_pct"]
    return joined.assign(pole_a=pole_a, pole_b=pole_b)[
        ["year", "pole_a", "pole_b", "works", "works_international_a", "works_international_b",
         "share_a_pct", "share_b_pct", "asymmetry"]]


def exposure_paths(shares: pd.DataFrame, pole_a: str, pole_b: str) -> pd.DataFrame:
    """Each non-pole country's share with pole A beside its share with pole B, per year,
    with `point` = 'start' and 'latest' on its first and last year with both."""
    wide = shares.pivot_table(index=["country", "year"], columns="pole", values="share_pct").reset_index()
    if pole_a not in wide or pole_b not in wide:
        return pd.DataFrame(columns=["country", "year", "share_a_pct", "share_b_pct", "pole_a", "pole_b", "point"])
    wide = wide.rename(columns={pole_a: "share_a_pct", pole_b: "share_b_pct"}).dropna(
        subset=["share_a_pct", "share_b_pct"])
    wide = wide[~wide["country"].isin([pole_a, pole_b])]
    order = {c: i for i, c in enumerate(dict.fromkeys(shares["country"]))}
    wide = wide.sort_values(["country", "year"], key=lambda s: s.map(order) if s.name == "country" else s)
    first = wide.groupby("country")["year"].transform("min")
    last = wide.groupby("country")["year"].transform("max")
    point = pd.Series("", index=wide.index).mask(wide["year"] == first, "start").mask(wide["year"] == last, "latest")
    return wide.assign(pole_a=pole_a, pole_b=pole_b, point=point)[
        ["country", "year", "share_a_pct", "share_b_pct", "pole_a", "pole_b", "point"]].reset_index(drop=True)


def peaks(shares: pd.DataFrame, min_drop_pp: float = 0.0) -> pd.DataFrame:
    """Per country and pole: the first year, the year its share was highest (earliest if tied),
    the latest year and share, and whether it has peaked: the latest share is more than
    `min_drop_pp` percentage points below the highest (a smaller dip is noise or indexing lag)."""
    ordered = shares.sort_values(["year"], kind="stable")
    groups = ordered.groupby(["country", "pole"], sort=False)
    top = ordered.loc[groups["share_pct"].idxmax(), ["country", "pole", "year", "share_pct"]]
    top = top.assign(first_year=top.set_index(["country", "pole"]).index.map(groups["year"].min()))
    latest = groups.tail(1)[["country", "pole", "year", "share_pct"]]
    joined = top.merge(latest, on=["country", "pole"], suffixes=("_peak", "_latest"), validate="1:1")
    joined = joined.rename(columns={"year_peak": "peak_year", "share_pct_peak": "peak_share_pct",
                                    "year_latest": "latest_year", "share_pct_latest": "latest_share_pct"})
    joined["change_since_peak_pp"] = joined["latest_share_pct"] - joined["peak_share_pct"]
    joined["peaked"] = joined["change_since_peak_pp"] < -min_drop_pp
    order = {key: i for i, key in enumerate(dict.fromkeys(zip(shares["country"], shares["pole"], strict=True)))}
    rank = [order[k] for k in zip(joined["country"], joined["pole"], strict=True)]
    return joined.assign(_rank=rank).sort_values("_rank").drop(columns="_rank").reset_index(drop=True)


def latest(shares: pd.DataFrame) -> pd.DataFrame:
    """Each country-pole row of the latest year that country has."""
    last = shares.groupby(["country", "pole"])["year"].transform("max")
    return shares[shares["year"] == last].reset_index(drop=True)


def field_comparison(ai: pd.DataFrame, all_fields: pd.DataFrame) -> pd.DataFrame:
    """Shares with each pole in one field summed over a period beside all fields in single
    years of the same source: country, pole, field, period, share_pct, output_share_pct."""
    ai_rows = ai.assign(period=ai["year_start"].astype(str) + "-" + ai["year_end"].astype(str))
    all_rows = all_fields.assign(period=all_fields["year"].astype(str))
    columns = ["country", "pole", "field", "period", "share_pct", "output_share_pct"]
    both = pd.concat([all_rows.assign(field="all")[columns], ai_rows.assign(field="artificial_intelligence")[columns]],
                     ignore_index=True)
    order = {c: i for i, c in enumerate(dict.fromkeys(ai["country"]))}
    return both[both["country"].isin(order)].sort_values(
        ["country", "pole"], key=lambda s: s.map(order) if s.name == "country" else s, kind="stable"
    ).reset_index(drop=True)


def scenario(intl: pd.DataFrame, output: pd.DataFrame, ai: pd.DataFrame, cuts: list[int]) -> pd.DataFrame:
    """What a cut of X% in co-authorship with a pole removes, per country, pole and cut:
    of international works (`intl`: shares in one year of the primary source), of total
    output (`output`: a year of a source with domestic counts) and of total AI output
    (`ai`: summed over a period). A cut removes X% of the works with the pole; none are
    replaced by work with other partners or at home."""
    keys = ["country", "pole"]
    base = intl[[*keys, "year", "share_pct"]].rename(columns={"share_pct": "intl_share_pct"})
    out = output[[*keys, "year", "output_share_pct"]].rename(columns={"year": "output_year"})
    ai = ai[[*keys, "year_start", "year_end", "output_share_pct"]].rename(
        columns={"output_share_pct": "ai_output_share_pct"})
    joined = base.merge(out, on=keys, how="outer", validate="1:1").merge(ai, on=keys, how="left", validate="1:1")
    joined = joined.merge(pd.DataFrame({"cut_pct": list(cuts)}), how="cross")
    for share, loss in [("intl_share_pct", "intl_loss_pct"), ("output_share_pct", "output_loss_pct"),
                        ("ai_output_share_pct", "ai_output_loss_pct")]:
        joined[loss] = joined["cut_pct"] / 100 * joined[share]
    return joined.sort_values(["cut_pct", "intl_loss_pct"], ascending=[True, False], kind="stable").reset_index(drop=True)


def most_exposed(scenario_table: pd.DataFrame, measure: str, n: int = 3) -> pd.DataFrame:
    """The `n` country-pole rows losing the most by `measure` at the largest cut."""
    largest = scenario_table[scenario_table["cut_pct"] == scenario_table["cut_pct"].max()]
    ranked = largest.dropna(subset=[measure]).sort_values([measure, "country"], ascending=[False, True])
    return ranked.head(n).reset_index(drop=True)


def pole_pair_ids(countries: list[str], poles: list[str]) -> list[str]:
    """Ids ('CN-JP') of each country's pair with each pole, and of the poles' own pair."""
    ids = ["-".join(sorted((c, p))) for c in dict.fromkeys([*countries, *poles]) for p in poles if c != p]
    return list(dict.fromkeys(ids))


def intl_rate(output: pd.DataFrame, countries: list[str], start: int, end: int) -> pd.DataFrame:
    """Share of each country's articles that are internationally co-authored, per year of the
    window the source covers: country, year, works_total, works_international, rate_pct."""
    rows = in_window(output[output["country"].isin(countries)], start, end).dropna(
        subset=["works_total", "works_international"])
    rows = rows[rows["works_total"] > 0]
    rate = 100 * rows["works_international"].astype("float64") / rows["works_total"].astype("float64")
    order = {c: i for i, c in enumerate(dict.fromkeys(countries))}
    out = rows.assign(rate_pct=rate)[["country", "year", "works_total", "works_international", "rate_pct"]]
    return out.sort_values(["country", "year"], key=lambda s: s.map(order) if s.name == "country" else s
                           ).reset_index(drop=True)


def published_pole_shares(published: pd.DataFrame, countries: list[str], poles: list[str], source: str,
                          start: int, end: int) -> pd.DataFrame:
    """A second source's published shares (`partner_shares`) of the countries' international
    works with each pole, in the window: country, pole, year, share_pct."""
    rows = published[(published["source"] == source) & published["country"].isin(countries)
                     & published["partner"].isin(poles) & (published["country"] != published["partner"])]
    return in_window(rows.rename(columns={"partner": "pole"}), start, end)[["country", "pole", "year", "share_pct"]]


def pole_pair_list(countries: list[str], poles: list[str]) -> list[tuple[str, str]]:
    """Each country with each pole (not itself), and the poles' own pair: the pairs this section
    states an affinity for."""
    return list(dict.fromkeys([*((c, p) for c in countries for p in poles if c != p), tuple(poles)]))
