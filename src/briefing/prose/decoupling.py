"""Sentences, captions, alt text and tables of the decoupling section, written from its data:
the yearly series (shares with each pole, the exposure map, the poles' pair, peaks) and the
helpers the section's other prose shares (`decoupling_scenario`)."""

from __future__ import annotations

import pandas as pd

from briefing.prose import fmt
from briefing.prose.fmt import cap, possessive, the
from briefing.prose.patterns import FEW, who_moved
from briefing.prose.tables import with_data
from briefing.prose.trends import movement
from briefing.quality.patterns import pattern
from briefing.quality.turns import noise

COUNTING = {"full": "Full counting: a work counts once for every country on it."}


def counting_note(counting: str) -> str:
    return COUNTING[counting]


def pct(value: float) -> str:
    return fmt.pct(value, 1)


def span(years: pd.Series) -> str:
    first, last = int(years.min()), int(years.max())
    return str(first) if first == last else f"{first}–{last}"


def for_which(selected: list[str], every: list[str]) -> str:
    """'for every country', 'for no country', 'only for France and Germany' or 'for every
    country but Taiwan': the countries named on the smaller side; more than `FEW` of them are
    counted ('for 6 of the 11 countries'), never listed (STYLE: the few named, the many counted)."""
    rest = [c for c in every if c not in set(selected)]
    if not rest:
        return "for every country"
    if not selected:
        return "for no country"
    if min(len(selected), len(rest)) > FEW:
        return f"for {len(selected)} of the {len(every)} countries"
    if len(selected) <= len(rest):
        return f"only for {fmt.join_and([the(c) for c in selected])}"
    return f"for every country but {fmt.join_and([the(c) for c in rest])}"


def either(codes: list[str]) -> str:
    """'the United States or China'."""
    return fmt.join_or([the(c) for c in codes])


def _change(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """Per country and pole: the value in its first and latest year and the change."""
    groups = frame.sort_values("year").groupby(["country", "pole"], sort=False)
    first, last = groups.head(1).set_index(["country", "pole"]), groups.tail(1).set_index(["country", "pole"])
    return pd.DataFrame({"year_start": first["year"], "start": first[value], "year_end": last["year"],
                         "end": last[value], "change": last[value] - first[value]}).reset_index()


def intro(shares: pd.DataFrame, poles: list[str], source_name: str, caveats=()) -> str:
    """The poles and what the yearly series covers, with the caveats that hold for all of it."""
    return "\n".join([
        f"This edition's poles are {fmt.join_and([the(p) for p in poles])}.",
        f"The yearly series covers {fmt.join_and([the(c) for c in dict.fromkeys(shares['country'])])}, over "
        f"{span(shares['year'])}, in {source_name} data for all fields.",
        *dict.fromkeys(c.text for c in caveats),
    ])


# Shares with each pole, per year.

def shares_caption(shares: pd.DataFrame, poles: list[str], source_name: str, counting: str) -> str:
    return (f"Share of each country's internationally co-authored works that have a co-author in "
            f"{either(poles)}, {span(shares['year'])} ({source_name}, all fields). {counting_note(counting)}")


def shares_alt(shares: pd.DataFrame, poles: list[str]) -> str:
    year = int(shares["year"].max())
    lines = [f"Small line charts, one for each of {shares['country'].nunique()} countries, of the share of its "
             f"international works co-authored with {either(poles)}, {span(shares['year'])}, one line a pole."]
    for pole in poles:
        last = shares[(shares["pole"] == pole) & (shares["year"] == year)].sort_values("share_pct")
        if len(last):
            top, bottom = last.iloc[-1], last.iloc[0]
            lines.append(f"With {the(pole)} in {year}, the highest share is {possessive(top['country'])} at "
                         f"{pct(top['share_pct'])} and the lowest {possessive(bottom['country'])} at "
                         f"{pct(bottom['share_pct'])}.")
    return " ".join(lines)


def shares_summary(shares: pd.DataFrame, poles: list[str], focus: list[str], caveats=(),
                   unclear: dict[str, tuple[str, ...]] | None = None) -> str:
    """Where the focus countries stand with each pole (with the caveats of their series), then
    who moved most with each pole; `unclear` ({pole: countries}) names the countries whose move
    did not hold when tested (`prose.highlights.unclear_shares`), in no direction."""
    change = _change(shares, "share_pct")
    lines = []
    for code in focus:
        rows = change[change["country"] == code].set_index("pole")
        present = [p for p in poles if p in rows.index]
        if present:
            lines.append(_focus_sentence(code, rows.loc[present]))
    for pole in poles:
        rows = change[change["pole"] == pole].sort_values("change")
        if len(rows) >= 2:
            doubtful = (unclear or {}).get(pole, ())
            extremes = _extremes(rows[~rows["country"].isin(doubtful)])
            lines.append(f"From {int(rows['year_start'].min())} to {int(rows['year_end'].max())}, the share with "
                         f"{the(pole)} {_who_rose(rows, doubtful)}" + (f"; {extremes}." if extremes else "."))
    return "\n".join(lines + list(dict.fromkeys(c.text for c in caveats)))


def _who_rose(rows: pd.DataFrame, unclear=()) -> str:
    """Who rose and who fell, a move within the noise neither (`prose.patterns.who_moved`)."""
    return who_moved(pattern(dict(zip(rows["country"], rows["change"], strict=True)), noise("pct"), unclear))


def _focus_sentence(code: str, rows: pd.DataFrame) -> str:
    """'In 2023, 22.0% of Japan's international works had a co-author in the United States and
    36.5% one in China (2015: 15.5% and 37.0%).' from one country's rows, indexed by pole."""
    now = [f"{pct(r['end'])} {'of ' + possessive(code) + ' international works had a co-author' if i == 0 else 'one'} "
           f"in {the(pole)}" for i, (pole, r) in enumerate(rows.iterrows())]
    then = fmt.join_and([pct(v) for v in rows["start"]])
    return (f"In {int(rows['year_end'].max())}, {fmt.join_and(now)} "
            f"({int(rows['year_start'].min())}: {then}).")


def _extremes(rows: pd.DataFrame) -> str:
    """'the largest rise was X's (+a) and the largest fall Y's (−b)' from rows sorted by change; a
    move within the noise is not an extreme (its country reads 'about unchanged'); '' for none."""
    beyond = rows[rows["change"].abs() > noise("pct")]
    if beyond.empty:
        return ""
    top, bottom = beyond.iloc[-1], beyond.iloc[0]
    high = "largest rise" if top["change"] > 0 else "smallest fall"
    low = "largest fall" if bottom["change"] < 0 else "smallest rise"
    first = f"the {high} was {possessive(top['country'])} ({fmt.pp(top['change'], 1)})"
    if len(beyond) == 1:
        return first
    return f"{first} and the {low} {possessive(bottom['country'])} ({fmt.pp(bottom['change'], 1)})"


# The exposure map.

def map_caption(paths: pd.DataFrame, source_name: str, counting: str) -> str:
    a, b = paths["pole_a"].iloc[0], paths["pole_b"].iloc[0]
    return (f"Share of each country's international works with {the(a)} against its share with {the(b)}, "
            f"{span(paths['year'])}: each country's path from its first year to its latest. Above the dashed line "
            f"a country shares more with {the(b)}; the poles themselves are in the next figure "
            f"({source_name}, all fields). {counting_note(counting)}")


def _map_ends(paths: pd.DataFrame) -> pd.DataFrame:
    start = paths[paths["point"] == "start"].set_index("country")[["year", "share_a_pct", "share_b_pct"]]
    end = paths[paths["point"] == "latest"].set_index("country")[["year", "share_a_pct", "share_b_pct"]]
    ends = end.join(start, suffixes=("", "_start"), validate="1:1")
    gap_now = ends["share_b_pct"] - ends["share_a_pct"]
    return ends.assign(toward_b_pp=gap_now - (ends["share_b_pct_start"] - ends["share_a_pct_start"])).reset_index()


def map_alt(paths: pd.DataFrame) -> str:
    a, b = paths["pole_a"].iloc[0], paths["pole_b"].iloc[0]
    ends = _map_ends(paths)
    year = int(ends["year"].max())
    top_b, top_a = ends.sort_values("share_b_pct").iloc[-1], ends.sort_values("share_a_pct").iloc[-1]
    return (f"Scatter plot of each country's share of international works with {the(a)} (horizontal) against its "
            f"share with {the(b)} (vertical), with its path from {int(paths['year'].min())} (hollow dot) to {year} "
            f"(filled dot), for {len(ends)} countries. In {year}, {possessive(top_b['country'])} share with "
            f"{the(b)} is the highest at {pct(top_b['share_b_pct'])}, and {possessive(top_a['country'])} share "
            f"with {the(a)} the highest at {pct(top_a['share_a_pct'])}.")


def map_summary(paths: pd.DataFrame) -> str:
    """Which side of the diagonal the countries are on now, and who moved toward pole B."""
    if paths.empty:
        return "No country other than the poles has shares with both poles in the window."
    a, b = paths["pole_a"].iloc[0], paths["pole_b"].iloc[0]
    ends = _map_ends(paths)
    more_b = ends[ends["share_b_pct"] > ends["share_a_pct"]]
    lines = [f"In {int(ends['year'].max())}, the share of international works with {the(b)} was larger than the "
             f"share with {the(a)} {for_which(list(more_b['country']), list(ends['country']))}."]
    toward = ends[ends["toward_b_pp"] > 0].sort_values("toward_b_pp", ascending=False)
    lines.append(f"Since {int(ends['year_start'].min())}, the share with {the(b)} gained on the share with {the(a)} "
                 f"{for_which(list(toward['country']), list(ends['country']))}"
                 + (f"; {the(toward.iloc[0]['country'])} moved furthest, by "
                    f"{fmt.pp(toward.iloc[0]['toward_b_pp'], 1)}." if len(toward) else "."))
    return "\n".join(lines)


# The pole-pole pair.

def pole_pair_caption(pair: pd.DataFrame, source_name: str, counting: str) -> str:
    a, b = pair["pole_a"].iloc[0], pair["pole_b"].iloc[0]
    return (f"Works co-authored by {the(a)} and {the(b)} per year, {span(pair['year'])}, and as a share of each "
            f"one's internationally co-authored works ({source_name}, all fields). {counting_note(counting)}")


def _pair_ends(pair: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    ordered = pair.sort_values("year")
    return ordered.iloc[0], ordered.iloc[-1], ordered.loc[ordered["works"].idxmax()]


def pole_pair_alt(pair: pd.DataFrame) -> str:
    a, b = pair["pole_a"].iloc[0], pair["pole_b"].iloc[0]
    first, last, peak = _pair_ends(pair)
    return (f"Bar chart of works co-authored by {the(a)} and {the(b)} per year from {int(first['year'])} to "
            f"{int(last['year'])}: {fmt.num(first['works'], 0)} in the first year, a high of "
            f"{fmt.num(peak['works'], 0)} in {int(peak['year'])}, {fmt.num(last['works'], 0)} in the last. Beside "
            f"it, a line chart of that pair as a share of each pole's international works: {possessive(b)} from "
            f"{pct(first['share_b_pct'])} to {pct(last['share_b_pct'])}, {possessive(a)} from "
            f"{pct(first['share_a_pct'])} to {pct(last['share_a_pct'])}.")


def pole_pair_summary(pair: pd.DataFrame, caveats=()) -> str:
    """The poles' co-authored works, told from their turn when they peaked inside the window,
    and how unequally the pair weighs on each side."""
    a, b = pair["pole_a"].iloc[0], pair["pole_b"].iloc[0]
    first, last, _ = _pair_ends(pair)
    works = dict(zip(pair["year"].astype(int), pair["works"].astype(float), strict=True))
    return "\n".join([
        f"The number of works co-authored by {the(a)} and {the(b)} {movement(works, 'works')}.",
        f"In {int(last['year'])} these works were {pct(last['share_b_pct'])} of {possessive(b)} international works "
        f"but {pct(last['share_a_pct'])} of {possessive(a)}: {the(b)} leaned on the pair "
        f"{fmt.num(last['asymmetry'], 1)} times as much as {the(a)} did, against "
        f"{fmt.num(first['asymmetry'], 1)} times in {int(first['year'])}.",
        *dict.fromkeys(c.text for c in caveats),
    ])


# Peaks.

def peaks_caption(shares: pd.DataFrame, source_name: str, counting: str) -> str:
    return (f"Highest share of each country's international works with each pole in {span(shares['year'])}, the "
            f"year it was reached, and the latest share ({source_name}, all fields). {counting_note(counting)}")


def peaks_table(peaks: pd.DataFrame, poles: list[str]) -> pd.DataFrame:
    """A row a country; per pole its highest share in the window (year) and its latest share."""
    table = pd.DataFrame({"Country": list(dict.fromkeys(peaks["country"]))})
    for pole in poles:
        rows = peaks[peaks["pole"] == pole].set_index("country")
        highest = pd.Series([f"{pct(s)} ({int(y)})" for s, y in zip(rows["peak_share_pct"], rows["peak_year"],
                                                                     strict=True)], index=rows.index, dtype=object)
        table[f"With {fmt.name(pole)}: highest (year)"] = table["Country"].map(highest).fillna("—")
        table[f"With {fmt.name(pole)}: latest"] = table["Country"].map(rows["latest_share_pct"].map(pct)).fillna("—")
    data = peaks[peaks["pole"].isin(poles)][["country", "pole", "peak_year", "peak_share_pct", "latest_year",
                                             "latest_share_pct"]]
    return with_data(table.assign(Country=table["Country"].map(fmt.name)), data)


def peaks_summary(peaks: pd.DataFrame, pole: str, min_drop_pp: float, caveats=()) -> str:
    """Who has passed the peak of its share with `pole`, grouped by the year of the peak."""
    rows = peaks[peaks["pole"] == pole]
    if rows.empty:
        return f"No country has a share with {the(pole)} in the window."
    year = int(rows["latest_year"].max())
    done = rows[rows["peaked"]].sort_values(["peak_year", "country"])
    groups = [f"{fmt.join_and([the(c) for c in g['country']])} ({'peak in ' if i == 0 else ''}{int(y)})"
              for i, (y, g) in enumerate(done.groupby("peak_year"))]
    margin = f", by more than {fmt.num(min_drop_pp, 1)} percentage points," if min_drop_pp > 0 else ""
    every = len(done) == len(rows)
    lines = [f"By {year}, the share with {the(pole)} had fallen from its peak{margin} "
             + (f"for {'every country: ' if every else ''}{fmt.join_and(groups)}." if groups else "for no country.")]
    rest = rows[~rows["peaked"]]
    if 0 < len(rest) < len(rows):
        near = "at or near" if min_drop_pp > 0 else "at"
        lines.append(f"It was {near} its highest in {year} for {fmt.join_and([the(c) for c in rest['country']])}.")
    return "\n".join(lines + list(dict.fromkeys(c.brief or c.text for c in caveats)))


# How international each country's research is.

def rate_caption(rates: pd.DataFrame, source_name: str) -> str:
    years = f", {span(rates['year'])}" if len(rates) else ""
    return (f"Share of each country's articles with a co-author in another country{years}: "
            f"internationally co-authored articles over all articles ({source_name}, Scopus, all fields, whole counts)")


def rate_alt(rates: pd.DataFrame) -> str:
    if rates.empty:
        return "Empty chart: no article totals for this edition's countries in its window."
    ends = _rate_ends(rates)
    each = ", ".join(f"{fmt.name(r.country)} {pct(r.end)}" for r in ends.sort_values("end", ascending=False).itertuples())
    return (f"Dot plot, one row for each of {len(ends)} countries, of the share of its articles that are "
            f"internationally co-authored: a hollow dot for {int(ends['year_start'].min())}, a filled dot for "
            f"{int(ends['year_end'].max())}{_peak_marks(rates)}. In the latest year: {each}.")


def _peak_marks(rates: pd.DataFrame) -> str:
    """', and a bar at the highest year between them for Japan (2020)' where such years exist."""
    first, last = int(rates["year"].min()), int(rates["year"].max())
    top = rates.loc[rates.groupby("country")["rate_pct"].idxmax()]
    top = top[~top["year"].isin([first, last])]
    return ("" if top.empty else ", and a bar at the highest year between them for "
            + fmt.join_and([f"{fmt.the(r.country)} ({int(r.year)})" for r in top.itertuples()]))


def _rate_ends(rates: pd.DataFrame) -> pd.DataFrame:
    return _change(rates.assign(pole=""), "rate_pct")


def rate_summary(rates: pd.DataFrame, focus: list[str], caveats=(), source_name: str = "The source") -> str:
    """Where the focus countries stand among the countries compared, naming those on either
    side, and how the share moved; the section left out when the source has no totals in the window."""
    if rates.empty:
        return fmt.omitted(f"{source_name} publishes no article totals for this edition's countries in its window, so "
                           "how international each country's research is cannot be compared; a window that "
                           "overlaps the years of its tables brings it in.")
    ends = _rate_ends(rates).sort_values("end", ascending=False).reset_index(drop=True)
    year = int(ends["year_end"].max())
    top, bottom = ends.iloc[0], ends.iloc[-1]
    lines = [f"In {year}, the most international research among the countries compared was "
             f"{possessive(top['country'])} ({pct(top['end'])} of its articles had a co-author abroad) and the least "
             f"{possessive(bottom['country'])} ({pct(bottom['end'])})."]
    for code in [c for c in focus if c in set(ends["country"])]:
        row = ends[ends["country"] == code].iloc[0]
        higher = list(ends.loc[ends["end"] > row["end"], "country"])
        lower = list(ends.loc[ends["end"] < row["end"], "country"])
        place = ("the highest" if not higher else "the lowest" if not lower else
                 f"below {fmt.join_and([possessive(c) for c in higher])}" if len(higher) <= len(lower) else
                 f"above only {fmt.join_and([possessive(c) for c in lower])}")
        lines.append(f"{cap(possessive(code))} share, {pct(row['end'])}, was {place}; it "
                     f"{'rose' if row['change'] > 0 else 'fell' if row['change'] < 0 else 'held'} from "
                     f"{pct(row['start'])} in {int(row['year_start'])} ({fmt.pp(row['change'], 1)}).")
    return "\n".join(lines + list(dict.fromkeys(c.text for c in caveats)))
