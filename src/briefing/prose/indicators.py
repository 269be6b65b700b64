"""Sentences, captions and alt text for any registry indicator (an `IndicatorView`), generated
from its figures: where the focus countries rank by their latest figure (and who is not ranked,
and why), how each moved over the window (turns reported peak to latest), which source each
series comes from, and the caveats that bite."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.indicators import IndicatorView
from briefing.prose import fmt
from briefing.quality.indicators import Flagged, not_ranked_reasons, the_names

RANK_WORDS = dict(enumerate(["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                             "tenth", "eleventh", "twelfth"], start=1))


def rank_word(n: int) -> str:
    return RANK_WORDS.get(int(n)) or fmt.nth(n)


def value_year(view: IndicatorView, value: float, year: int) -> str:
    return f"{view.indicator.format(float(value))} in {int(year)}"


def heading(view: IndicatorView) -> str:
    """The indicator's section heading and what it measures (from the registry)."""
    title = f"## {fmt.literal(fmt.cap(view.indicator.label))} {{#sec-funding-{view.slug}}}"
    return title + (f"\n\n{fmt.literal(view.indicator.description)}" if view.indicator.description else "")


def ranking_sentence(view: IndicatorView, focus: list[str]) -> str:
    """Where the leader and the focus countries stand by their latest figure, and who is not ranked."""
    ranking, n = view.ranking, len(view.ranking)
    short = view.indicator.short
    if ranking.empty:
        return f"No source in this build gives {short} for the countries of this edition in {view.start}–{view.end}."
    lead = ranking.iloc[0]
    others = [f"{fmt.the(r.country)} {rank_word(r.rank)} ({value_year(view, r.value, r.year)})"
              for r in ranking.itertuples() if r.country in focus and r.country != lead["country"]]
    first = (f"{fmt.the(lead['country'])} ranks first of the {n} countries ranked "
             f"({value_year(view, lead['value'], lead['year'])})")
    lines = [f"By each country's latest {short} figure, {fmt.join_and([first, *others])}."]
    if not view.not_ranked.empty:
        lines.append(f"Not ranked: {not_ranked_reasons(view)}.")
    absent = [c for c in focus if c not in set(ranking["country"]) and c not in set(view.not_ranked["country"])]
    if absent:
        lines.append(f"{fmt.cap(the_names(absent))} {'is' if len(absent) == 1 else 'are'} not among the countries "
                     f"this edition compares.")
    return " ".join(lines)


def movement(view: IndicatorView, country: str) -> str:
    """How one country's figure moved over the window; a turn inside it (a peak or a low, as the
    figures are printed) is given turn to latest, the year named."""
    series = view.panel[view.panel["country"] == country].sort_values("year")
    what = f"{fmt.possessive(country)} {view.indicator.short}"
    if series.empty:
        return f"{fmt.cap(fmt.the(country))} has no {view.indicator.short} figure in {view.start}–{view.end}."
    printed = series["value"].map(lambda v: round(view.indicator.shown(v), view.indicator.decimals))
    first, last = series.iloc[0], series.iloc[-1]
    if len(series) == 1:
        return f"{fmt.cap(what)} has one figure in the window: {value_year(view, last['value'], last['year'])}."
    ends = max(printed.iloc[0], printed.iloc[-1]), min(printed.iloc[0], printed.iloc[-1])
    since = f"from {value_year(view, first['value'], first['year'])}"
    if printed.max() > ends[0]:
        top = series.loc[printed.idxmax()]
        return (f"{fmt.cap(what)} peaked at {value_year(view, top['value'], top['year'])} and was "
                f"{value_year(view, last['value'], last['year'])} ({since}).")
    if printed.min() < ends[1]:
        low = series.loc[printed.idxmin()]
        return (f"{fmt.cap(what)} fell to a low of {value_year(view, low['value'], low['year'])} and was "
                f"{value_year(view, last['value'], last['year'])} ({since}).")
    verb = "rose" if printed.iloc[-1] > printed.iloc[0] else "fell" if printed.iloc[-1] < printed.iloc[0] \
        else "was unchanged,"
    return f"{fmt.cap(what)} {verb} {since} to {value_year(view, last['value'], last['year'])}."


def secondary_sources(view: IndicatorView, names: dict[str, str]) -> str:
    """Which countries' series come from a source after the first, and why."""
    if len(view.sources) < 2:
        return ""
    first = names.get(view.sources[0], view.sources[0])
    lines = []
    for source in view.sources[1:]:
        codes = list(dict.fromkeys(view.panel.loc[view.panel["source"] == source, "country"]))
        if codes:
            whose = f"{fmt.possessive(codes[0])} series comes" if len(codes) == 1 else \
                f"The series of {fmt.names(codes)} come"
            lines.append(f"{fmt.cap(whose)} from {names.get(source, source)}, because {first} has no figure for "
                         f"{'it' if len(codes) == 1 else 'them'} in {view.start}–{view.end}.")
    return " ".join(lines)


def caveat_sentences(view: IndicatorView, flagged: list[Flagged], focus: list[str]) -> str:
    """The caveats where they bite: the source's flags on the focus countries' figures and every
    break in series (a break changes any comparison across it), unequal latest years, and one
    sentence naming the other figures the chart marks hollow, by flag (the countries left out are
    said with the ranking). Every flag the chart shows is said here."""
    keep = {f"{view.id}.{c}" for c in focus}
    said = [f for f in flagged if f.caveat.subject in keep or f.caveat.kind in ("unequal_periods", "source_break")]
    rest = [f for f in flagged if f not in said and f.caveat.kind in FLAG_KINDS]
    groups: dict[str, list[str]] = {}
    for f in rest:
        country = f.caveat.subject.rsplit(".", 1)[1]
        groups.setdefault(f.caveat.kind, []).append(f"{fmt.the(country)} ({fmt.years(f.caveat.years)})")
    others = ""
    if groups:
        source = fmt.join_and(sorted({names_of(f) for f in rest}))
        others = (f"{source} also flags, and the chart marks hollow, figures "
                  + "; ".join(f"{FLAG_KINDS[k]} for {fmt.join_and(v)}" for k, v in groups.items()) + ".")
    return " ".join([*[f.caveat.text for f in said], others]).strip()


FLAG_KINDS = {"provisional": "provisional", "estimate": "estimated", "definition_differs":
              "following a definition that differs from the international standard"}


def names_of(flagged: Flagged) -> str:
    """The source named at the head of a flag's sentence ('OECD marks ...')."""
    return flagged.caveat.text.split(" marks ", 1)[0]


def summary(view: IndicatorView, focus: list[str], names: dict[str, str], flagged: list[Flagged]) -> str:
    """The indicator's heading and paragraph: ranking, movements, sources, caveats."""
    body = [ranking_sentence(view, focus)]
    body += [movement(view, c) for c in focus if c in set(view.panel["country"])]
    body += [secondary_sources(view, names), caveat_sentences(view, flagged, focus)]
    return heading(view) + "\n\n" + "\n".join(fmt.literal(line) for line in body if line)


def ranking_caption(view: IndicatorView) -> str:
    caption = f"{fmt.cap(view.indicator.label)}: latest figure for each country, {view.start}–{view.end}, ranked"
    if not view.not_ranked.empty:
        caption += f"; not ranked: {fmt.names(list(view.not_ranked['country']))}"
    return caption


FLAG_WORDS = {"B": "a break in series", "P": "provisional", "E": "estimated", "D": "definition differs"}


def trend_caption(view: IndicatorView) -> str:
    caption = f"{fmt.cap(view.indicator.label)}, {view.start}–{view.end}"
    notes = []
    if view.panel["source"].nunique() > 1:
        notes.append("dashed lines: series from a second source")
    flags = sorted({f for status in view.panel["status"].fillna("") for f in status.split("+") if f in FLAG_WORDS})
    if flags:
        notes.append("hollow points: figures the source flags as " + fmt.join_or([FLAG_WORDS[f] for f in flags])
                     + ", each said in the text")
    return caption + (f" ({'; '.join(notes)})" if notes else "")


def ranking_alt(view: IndicatorView) -> str:
    top, bottom = view.ranking.iloc[0], view.ranking.iloc[-1]
    return (f"Bar chart ranking {len(view.ranking)} countries by their latest {view.indicator.short} figure in "
            f"{view.start}–{view.end}, each labelled with its year: highest {fmt.name(top['country'])} "
            f"({value_year(view, top['value'], top['year'])}), lowest {fmt.name(bottom['country'])} "
            f"({value_year(view, bottom['value'], bottom['year'])}).")


def trend_alt(view: IndicatorView) -> str:
    last = view.ranking
    return (f"Line chart of {view.indicator.short} by year, {view.start} to {view.end}, for "
            f"{fmt.names(list(dict.fromkeys(view.panel['country'])))}. By its latest figure the highest is "
            f"{fmt.name(last.iloc[0]['country'])} and the lowest {fmt.name(last.iloc[-1]['country'])}.")


def source_note(view: IndicatorView, names: dict[str, str], frame: pd.DataFrame | None = None) -> str:
    """'Source: World Bank WDI, indicator GB.XPD.RSDV.GD.ZS; NCSES SEI, table SRD-1.' (the sources
    the figure's rows come from)."""
    used = set((view.panel if frame is None else frame)["source"])
    return "Source: " + "; ".join(f"{names.get(s, s)}, {view.citations[s]}" for s in view.sources if s in used) + "."


def without_data(views: list[IndicatorView]) -> str:
    """One sentence for the indicators asked for that no source gives for these countries."""
    empty = [v for v in views if v.panel.empty]
    if not empty:
        return ""
    shorts = fmt.join_and([v.indicator.short for v in empty])
    return (f"No source in this build gives {shorts} for the countries of this edition in "
            f"{empty[0].start}–{empty[0].end}; add the publisher's file to the mirror to draw "
            f"{'it' if len(empty) == 1 else 'them'}.")
