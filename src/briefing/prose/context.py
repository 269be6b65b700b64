"""Sentences and the event table of the policy-context section, from the series' own events."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.context import citation
from briefing.prose import fmt
from briefing.prose.tables import with_data

esc = fmt.literal
PLURAL = {"law": "laws", "executive order/memorandum": "executive orders and memoranda", "guideline": "guidelines",
          "programme": "programmes", "trade measure": "trade measures", "agreement": "agreements",
          "budget": "budget decisions", "statement": "statements"}
GROUP_NAMES = {"G7": "the G7", "INTL": "multilateral bodies", "EU": "the European Union"}
NO_EVENTS = ("This series has no dated policy events yet: to set its numbers among policy acts, add an events.csv "
             "whose rows quote the series' documents to the folder that curated.tables names in its parameters.")


def who(code: str) -> str:
    """A jurisdiction as it reads inside a sentence: 'the United States', 'the G7'."""
    return GROUP_NAMES.get(code) or fmt.the(code)


def _act(row) -> str:
    return f"{esc(row['short'])} ({esc(who(row['jurisdiction']))}, {row['date']})"


def _leaders(acts: pd.DataFrame, shown: int = 6) -> str:
    """'Japan (8), the United States (6) and South Korea (4)', past `shown` the rest summed."""
    named = [f"{esc(who(r.jurisdiction))} ({r.events})" for r in acts.head(shown).itertuples()]
    rest = acts.iloc[shown:]
    if len(rest):
        named.append(f"{len(rest)} other jurisdiction{'s' if len(rest) > 1 else ''} ({int(rest['events'].sum())})")
    return fmt.join_and(named)


def window_summary(line: pd.DataFrame, acts: pd.DataFrame, start: int, end: int) -> str:
    """Who acted in the window, which acts were laws, the first and the latest, and what
    the timeline leaves out (acts before the window, listed in the table)."""
    if line.empty:
        return NO_EVENTS
    inside = line[line["in_window"]]
    if inside.empty:
        return (f"None of the {len(line)} dated policy acts in this series' documents falls between {start} and "
                f"{end}; the table lists them all.")
    lines = [f"Between {start} and {end} the documents behind this briefing record {len(inside)} policy act"
             f"{'s' if len(inside) > 1 else ''} on research security and collaboration: {_leaders(acts)}."]
    laws = inside[inside["kind"] == "law"]
    if laws.empty:
        kinds = [PLURAL[k] for k in PLURAL if k in set(inside["kind"])]
        lines.append(f"None of them is a law: they are {fmt.join_and(kinds)}.")
    else:
        lines.append(f"The law{'s' if len(laws) > 1 else ''} among them: "
                     f"{fmt.join_and([_act(r) for _, r in laws.iterrows()])}.")
    if len(inside) > 1:
        lines.append(f"The first is {_act(inside.iloc[0])}; the latest, {_act(inside.iloc[-1])}.")
    earlier = line[line["year"] < start]
    if len(earlier):
        lines.append(f"{'Earlier acts are' if len(earlier) > 1 else 'An earlier act is'} in the table but not on the timeline: "
                     f"{fmt.join_and([_act(r) for _, r in earlier.iterrows()])}.")
    return "\n".join(lines)


def timeline_caption(start: int, end: int) -> str:
    return (f"Policy acts on research security and collaboration from {start}, one row each in date order "
            f"(analysis window {start}–{end} shaded)")


def timeline_alt(shown: pd.DataFrame, earlier: pd.DataFrame, start: int, end: int) -> str:
    if shown.empty:
        return f"An empty timeline: no policy act from {start} on is recorded for this series."
    kinds = [k for k in PLURAL if k in set(shown["kind"])]
    text = (f"Timeline of {len(shown)} policy acts from {shown['date'].min()[:4]} to {shown['date'].max()[:4]}, one row "
            f"each in date order, labelled with its short name and jurisdiction and marked by kind ({', '.join(kinds)}); "
            f"the analysis window {start}–{end} is shaded.")
    if len(earlier):
        text += f" {len(earlier)} earlier act{'s are' if len(earlier) > 1 else ' is'} listed in the table only."
    return text


def events_table(line: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The events in date order; the table's CSV names each by id, jurisdiction code and document id."""
    data = line[["id", "date", "date_precision", "jurisdiction", "kind", "title", "source_id", "locator"]]
    return with_data(pd.DataFrame({
        "Date": line["date"],
        "Jurisdiction": line["jurisdiction_name"],
        "Kind": line["kind"],
        "Event": line["title"],
        "Source": citation(line["source_id"], line["locator"], names),
    }), data)


def highlights(acts: pd.DataFrame, start: int, end: int) -> list[dict]:
    """The summary's message: who legislated in the window, with the laws named, and who
    acted by other means; nothing when the window holds no act. Plain text: the summary
    makes it literal."""
    if acts.empty:
        return []
    makers = acts[acts["laws"].map(len) > 0]
    others = acts[acts["laws"].map(len) == 0]
    if makers.empty:
        kinds = [PLURAL[k] for k in PLURAL if any(k in row for row in acts["other_kinds"])]
        text = (f"No law on research security or collaboration is on record for {start}–{end}: "
                f"{fmt.join_and([who(c) for c in acts['jurisdiction']])} acted through {fmt.join_and(kinds)}.")
    else:
        laws = [f"{who(r.jurisdiction)} ({fmt.join_and(list(r.laws))})" for r in makers.itertuples()]
        text = f"Laws on research security and collaboration passed in {start}–{end}: {'; '.join(laws)}."
        if len(others):
            kinds = [PLURAL[k] for k in PLURAL if any(k in row for row in others["other_kinds"])]
            text += (f" {fmt.cap(fmt.join_and([who(c) for c in others['jurisdiction']]))} acted through "
                     f"{fmt.join_and(kinds)} instead.")
    return [{"finding": f"context.laws_in_window.{start}-{end}", "figure": "fig-ctx-timeline", "text": text}]
