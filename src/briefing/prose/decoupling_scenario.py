"""Sentences, captions, alt text and tables of the decoupling section from NCSES and the seed
essay: AI beside all fields, the essay's published figures, and what a cut would remove."""

from __future__ import annotations

import pandas as pd

from briefing.prose import fmt
from briefing.prose.decoupling import counting_note, either, for_which, pct
from briefing.prose.fmt import possessive, the
from briefing.prose.tables import with_data

# AI beside all fields, one source.

def _period(frame: pd.DataFrame) -> str:
    return f"{int(frame['year_start'].min())}–{int(frame['year_end'].max())}"


def field_caption(compare: pd.DataFrame, ai: pd.DataFrame, poles: list[str], source_name: str,
                  counting: str) -> str:
    if ai.empty:  # the section is left out (`field_summary`)
        return f"Artificial intelligence beside all fields: no period of {source_name} inside this edition's window"
    years = fmt.join_and(sorted(compare.loc[compare["field"] == "all", "period"].unique()))
    return (f"Share of each country's internationally co-authored articles that have a co-author in {either(poles)}: "
            f"artificial intelligence summed over {_period(ai)} (the source gives AI pairs only as that total), "
            f"beside all fields in {years} ({source_name}, Scopus). {counting_note(counting)}")


def field_alt(compare: pd.DataFrame, poles: list[str]) -> str:
    ai = compare[compare["field"] != "all"]
    lines = [f"Dot plot, one panel for each of {fmt.join_and([the(p) for p in poles])}, one row for each of "
             f"{compare['country'].nunique()} countries: the share of its international articles co-authored with "
             f"the pole in artificial intelligence and in all fields."]
    for pole in poles:
        rows = ai[ai["pole"] == pole].sort_values("share_pct")
        if len(rows):
            lines.append(f"In AI, the highest share with {the(pole)} is {possessive(rows.iloc[-1]['country'])} "
                         f"at {pct(rows.iloc[-1]['share_pct'])}.")
    return " ".join(lines)


def field_summary(compare: pd.DataFrame, poles: list[str], focus: list[str], source_name: str = "The source") -> str:
    """The poles' AI shares with each other and the focus countries' with pole B, beside all
    fields in the latest year; how many countries lean more on each pole in AI. The section left
    out when the edition's window holds none of the source's AI period."""
    if compare[compare["field"] != "all"].empty:
        return fmt.omitted(f"{source_name} gives co-authorship in artificial intelligence only as a total over a "
                           f"period that reaches outside this edition's window, so AI is not set beside all fields "
                           f"here; a window that holds the whole period brings it in.")
    ai = compare[compare["field"] != "all"].set_index(["country", "pole"])
    every = compare[compare["field"] == "all"]
    year = every["period"].max() if len(every) else ""
    latest = every[every["period"] == year].set_index(["country", "pole"])
    period = ai["period"].iloc[0].replace("-", "–") if len(ai) else ""
    lines = []
    wanted = [(poles[1], poles[0]), (poles[0], poles[1])] + [(c, poles[1]) for c in focus]
    for country, pole in dict.fromkeys(wanted):
        if (country, pole) in ai.index:
            whose = possessive(country) if not lines else f"For {the(country)}, {{}} of its"
            share = pct(ai.loc[(country, pole), "share_pct"])
            text = (f"{share} of {whose}" if not lines else whose.format(share)) + \
                f" international AI articles had a co-author in {the(pole)}"
            if (country, pole) in latest.index:
                text += f", against {pct(latest.loc[(country, pole), 'share_pct'])} of all its international articles in {year}"
            lines.append(text)
    sentences = [f"Summed over {period}, {lines[0]}."] + [f"{t}." for t in lines[1:]] if lines else []
    for pole in poles:
        if pole in ai.index.get_level_values("pole") and pole in latest.index.get_level_values("pole"):
            both = ai.xs(pole, level="pole")[["share_pct"]].join(
                latest.xs(pole, level="pole")[["share_pct"]], rsuffix="_all", how="inner")
            more = list(both.index[both["share_pct"] > both["share_pct_all"]])
            sentences.append(f"In AI, the share of international articles with {the(pole)} was higher than in all "
                             f"fields in {year} {for_which(more, list(both.index))}.")
    return "\n".join(sentences)


# The essay's published figures.

def seed_caption(cited: pd.DataFrame, names: dict[str, str]) -> str:
    years = fmt.join_and(sorted({y.replace("-", "–") for y in cited["year"]}))
    documents = fmt.join_and([names.get(s, s) for s in dict.fromkeys(cited["source_id"])])
    return (f"Deep learning and quantum computing, {years}: co-authorship shares as published in {documents} (Web of "
            f"Science journal papers found by keyword, each assigned to its corresponding author's country, Taiwan "
            f"counted with China)")


def seed_table(published: pd.DataFrame) -> pd.DataFrame:
    """The cited facts (`citations.facts_table`) as published: no figure of another field, period
    or counting beside them, which would not compare."""
    return published[["Figure", "Value", "Source"]]


def seeds_relevant(cited: pd.DataFrame, poles: list[str]) -> str:
    """'' when the essay's figures concern this edition's poles; else the sentence that replaces
    their section (`fmt.omitted`)."""
    if cited.empty:
        return fmt.omitted("The briefing's documents publish no field-level co-authorship figures, so this section "
                           "has nothing to show; a series adds them as quoted facts from its own documents.")
    concerned = {c for keys in cited["country"] for c in str(keys).split("-")}
    if set(poles) <= concerned:
        return ""
    return fmt.omitted(f"The essay's deep-learning and quantum-computing figures concern "
                       f"{fmt.join_and([the(c) for c in sorted(concerned & {'US', 'CN'}) or sorted(concerned)])}, "
                       f"not this edition's poles ({fmt.join_and([the(p) for p in poles])}), so they are not shown.")


# The scenario.

def scenario_measures(scenario: pd.DataFrame, primary: str, period_source: str) -> dict[str, str]:
    """Legend labels of the losses the window holds data for (of the three), with their source
    names and year(s)."""
    measures = {"intl_loss_pct": lambda: f"International works ({primary}, {int(scenario['year'].max())})",
                "output_loss_pct": lambda: f"Total output, all fields ({period_source}, "
                                           f"{int(scenario['output_year'].max())})",
                "ai_output_loss_pct": lambda: f"Total AI output ({period_source}, {_period(scenario)})"}
    return {column: label() for column, label in measures.items() if scenario[column].notna().any()}


def _has_output(scenario: pd.DataFrame) -> bool:
    """Whether the window holds a year of total output (a source with domestic counts)."""
    return bool(scenario["output_loss_pct"].notna().any())


def scenario_caption(scenario: pd.DataFrame, measures: dict[str, str], reference: str, counting: str) -> str:
    cut = int(scenario["cut_pct"].max())
    return (f"What each country would lose if its co-authorship with one pole fell by {cut}%: "
            f"{fmt.join_and([m[0].lower() + m[1:] for m in measures.values()])}."
            f"{' Total output is domestic-only plus internationally co-authored articles.' if _has_output(scenario) else ''}"
            f" {reference} {counting_note(counting)}")


def scenario_alt(scenario: pd.DataFrame, measures: dict[str, str]) -> str:
    cut = int(scenario["cut_pct"].max())
    rows = scenario[scenario["cut_pct"] == cut]
    lines = [f"Dot plot of {len(rows)} pairs of a country and a pole, most exposed first: the share the country "
             f"would lose if its co-authorship with the pole fell by {cut}%."]
    for column, label in measures.items():
        valid = rows.dropna(subset=[column]).sort_values(column)
        if len(valid):
            top = valid.iloc[-1]
            lines.append(f"{label}: largest loss {possessive(top['country'])}, with {the(top['pole'])}, "
                         f"{pct(top[column])}.")
    return " ".join(lines)


def scenario_table_caption(scenario: pd.DataFrame, primary: str, period_source: str, counting: str) -> str:
    works = f"share of the country's international works lost ({primary}, {int(scenario['year'].max())})"
    cells = (f". In each cell: {works} / share of its total output in all fields lost ({period_source}, "
             f"{int(scenario['output_year'].max())}; domestic-only plus international articles)"
             if _has_output(scenario) else f": {works}")
    return (f"Loss if co-authorship with one pole fell by each cut, most exposed first{cells}. A cut removes that "
            f"share of the works co-authored with the pole; none are replaced. {counting_note(counting)}")


def scenario_table(scenario: pd.DataFrame) -> pd.DataFrame:
    """A row a country and pole; per cut 'international loss / total output loss'."""
    cuts = sorted(scenario["cut_pct"].unique())
    first = scenario[scenario["cut_pct"] == cuts[-1]]
    keys = list(zip(first["country"], first["pole"], strict=True))
    table = pd.DataFrame({"Country": first["country"].map(fmt.name).to_numpy(),
                          "Cut with": first["pole"].map(fmt.name).to_numpy()})
    for cut in cuts:
        rows = scenario[scenario["cut_pct"] == cut].set_index(["country", "pole"])
        table[f"Cut by {cut}%"] = [f"{pct(rows.loc[k, 'intl_loss_pct'])} / {pct(rows.loc[k, 'output_loss_pct'])}"
                                   if _has_output(scenario) else pct(rows.loc[k, "intl_loss_pct"]) for k in keys]
    order = {k: i for i, k in enumerate(keys)}
    data = scenario.assign(_order=[order.get(k) for k in zip(scenario["country"], scenario["pole"], strict=True)])
    data = data.dropna(subset=["_order"]).sort_values(["_order", "cut_pct"], kind="stable")
    return with_data(table, data[["country", "pole", "cut_pct", "year", "intl_loss_pct", "output_year",
                                  "output_loss_pct"]])


def scenario_summary(scenario: pd.DataFrame, top: pd.DataFrame, top_output: pd.DataFrame, upper: pd.DataFrame,
                     poles: list[str], names: dict[str, str]) -> str:
    """Most exposed countries, the poles' own loss, and the essay's estimate beside ours."""
    cut = int(scenario["cut_pct"].max())
    rows = scenario[scenario["cut_pct"] == cut].set_index(["country", "pole"])
    lines = [f"If co-authorship with one pole fell by {cut}%, the most exposed of the countries here, by share of "
             f"international works in {int(scenario['year'].max())}, would be {_losers(top, 'intl_loss_pct')}."]
    if len(top_output):
        lines.append(f"Measured against total output in all fields in {int(scenario['output_year'].max())}, the "
                     f"largest losses would be {_losers(top_output, 'output_loss_pct')}.")
    a, b = poles
    if (b, a) in rows.index and (a, b) in rows.index:
        works = {k: pct(rows.loc[k, "intl_loss_pct"]) for k in ((b, a), (a, b))}
        said = f"A {cut}% break between the poles would cost {the(b)} {works[b, a]} of its international works"
        if _has_output(scenario):
            output = {k: pct(rows.loc[k, "output_loss_pct"]) for k in works}
            lines.append(f"{said} and {output[b, a]} of its total output, and {the(a)} {works[a, b]} and "
                         f"{output[a, b]}.")
        else:
            lines.append(f"{said} and {the(a)} {works[a, b]}.")
    return "\n".join(lines + _essay_sentences(rows.reset_index(), upper, cut, names))


def _losers(rows: pd.DataFrame, measure: str) -> str:
    return fmt.join_and([f"{the(r['country'])} with {the(r['pole'])} ({pct(r[measure])})" for _, r in rows.iterrows()])


def _essay_sentences(rows: pd.DataFrame, upper: pd.DataFrame, cut: int, names: dict[str, str]) -> list[str]:
    """The essay's estimate is for one field (deep learning), counted by corresponding author:
    these all-fields and all-AI losses do not test it, and the sentence says so."""
    if upper.empty:
        return []
    value, year = float(upper["value"].iloc[0]), upper["year"].iloc[0].replace("-", "–")
    document = names.get(upper["source_id"].iloc[0], upper["source_id"].iloc[0])
    return [f"The essay ({document}) estimated that a break in deep learning would touch up to nearly "
            f"{fmt.num(value, 0)}% of the field's research in {fmt.join_and([the(c) for c in upper['country']])} "
            f"in {year}; that is one field, counted by corresponding author, so these figures do not test it "
            f"(the record-level section does, when the build holds the field's papers)."]
