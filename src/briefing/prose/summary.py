"""The executive summary, written from an edition's findings and their quality flags:
four to seven key messages ranked by how much they matter for the edition's question,
each one sentence of finding, its most important caveat and a link to its figure; then
what to watch next edition (the indicators closest to a turn).

A message comes from a section's highlight (a recorded finding and a sentence about it).
Its weight is computed here, the same way for every section, from the finding's series:
how far it moved over the window, whether it turned inside the window, and whether it
concerns the edition's focus countries and poles. A highlight whose finding has no series
(a count of the inputs, such as documents or events) weighs nothing and does not make the
page. A message whose series turned inside the window names the turn, whatever the section
wrote. Thresholds: `briefing.quality.thresholds`."""

from __future__ import annotations

import math
import re

from briefing import units
from briefing.findings.ids import codes, split_id
from briefing.prose import fmt, robust
from briefing.prose.trends import change, turn_clause, value
from briefing.quality import PRIORITY
from briefing.quality import thresholds as t
from briefing.quality.robustness import BREAK_KINDS
from briefing.quality.turns import threshold, trend, turn


def _kind(unit: str) -> str:
    return units.unit(unit).kind


def is_spike(item: dict, year: int) -> bool:
    """Whether a finding carries a one-year spike of its own year (not a turn to report)."""
    return any(c["kind"] == "spike" and year in c.get("years", []) for c in item.get("caveats", []))


def series(findings: dict[str, dict], prefix: str) -> dict[int, float]:
    """The numeric values of the findings `<prefix>.<year>`, by year, leaving out a year whose
    value is a flagged one-year spike (it would read as a peak or a turn)."""
    found = {}
    for finding_id, item in findings.items():
        head, year = split_id(finding_id)
        if head == prefix and year is not None and isinstance(item["value"], (int, float)) \
                and not is_spike(item, year):
            found[year] = float(item["value"])
    return dict(sorted(found.items()))


def size(values: dict[int, float], unit: str, item: dict) -> float:
    """How far the series moved over its span, on one scale: 1 = a doubling of a count, 10
    percentage points of a share, ten places of a rank; a growth finding by its own value."""
    if _kind(unit) == "growth":
        return abs(math.log1p(float(item["value"]) / 100)) / math.log(2)
    if len(values) < 2:
        return 0.0
    first, last = values[min(values)], values[max(values)]
    if units.unit(unit).turns_in_points or _kind(unit) in ("rank", "places"):
        return abs(last - first) / 10
    if first > 0 and last > 0:
        return abs(math.log(last / first)) / math.log(2)
    return 0.0


def weight(item: dict, findings: dict[str, dict], focus: set[str], poles: set[str]) -> float:
    """How much a highlighted finding matters for the edition's question (0: not a finding of
    change, e.g. a count of inputs)."""
    prefix, _ = split_id(item["id"])
    if not robust.stated_as_trend(item.get("robustness")):
        return 0.0  # a change that rests on a break, or that a second source contradicts, is no message
    values = series(findings, prefix)
    moved = min(size(values, item["unit"], item), 1.5)
    if moved == 0:
        return 0.0
    found = turn(values, item["unit"]) if _kind(item["unit"]) not in ("rank", "places") and len(values) >= 3 else None
    named = codes(item["id"]) | (poles if item["id"].startswith("poles.") else set())
    return (moved + (0.5 if found is not None and found.turning_point else 0.0)
            + (0.3 if named & poles and (named & focus or len(named & poles) == 2) else 0.0)
            + (0.2 if named & focus else 0.0) + (0.3 if focus <= named else 0.0))


def caveat_of(item: dict, skip=()) -> dict | None:
    """The finding's most important caveat (`quality.PRIORITY`), leaving out the kinds of `skip`."""
    cavs = [c for c in item.get("caveats", []) if c["kind"] not in skip]
    if not cavs:
        return None
    return sorted(cavs, key=lambda c: PRIORITY.index(c["kind"]) if c["kind"] in PRIORITY else len(PRIORITY))[0]


def message(highlight: dict, findings: dict[str, dict]) -> str:
    """The highlight's sentence, its turn named if the section did not, its main caveat. A
    highlight the section weighed itself (a pattern across countries, `prose.highlights`) is about
    many series: its finding only stands for one of them, whose turn and test it does not state."""
    item = findings[highlight["finding"]]
    prefix, _ = split_id(item["id"])
    text = " ".join(highlight["text"].split())
    own = "weight" not in highlight
    values = series(findings, prefix)
    clause = turn_clause(values, item["unit"]) if own else ""
    found = turn(values, item["unit"]) if clause else None
    if found is not None and str(found.year) not in text:
        text = text.rstrip(".") + clause + "."
    record = item.get("robustness") if own else None
    # A message led by a turn ("has fallen since its 2019 peak") names the change it tested, first to latest.
    led_by_turn = own and len(values) >= 2 and units.known(item["unit"]) \
        and _kind(item["unit"]) not in ("rank", "places") \
        and trend(values, item["unit"]).told_from_turn
    tested = robust.statement(record, item["unit"], restate=led_by_turn)
    if tested:
        text += " " + tested
    # A break the change was tested across is said by the test; the next caveat follows. Unequal
    # periods are a note on method, which the message's own years already say.
    cav = caveat_of(item, skip=(*(BREAK_KINDS if record and record.get("breaks") else ()), "unequal_periods"))
    if cav is not None:
        text += " " + cav.get("brief", cav["text"])
    return text


def ranked(highlights: list[dict], findings: dict[str, dict], focus: set[str], poles: set[str]) -> list[dict]:
    """The highlights worth a message, most important first, at most `SUMMARY_MAX_MESSAGES`."""
    scored = []
    for order, item in enumerate(highlights):
        if item["finding"] not in findings:
            continue
        w = item["weight"] if "weight" in item else weight(findings[item["finding"]], findings, focus, poles)
        if w > 0:
            scored.append((-w, order, item))
    ordered = [item for _, _, item in sorted(scored, key=lambda s: (s[0], s[1]))]
    chosen, per_figure = [], {}
    for item in ordered:
        figure = item.get("figure") or item["finding"]
        if per_figure.get(figure, 0) < t.SUMMARY_MAX_PER_FIGURE:
            chosen.append(item)
            per_figure[figure] = per_figure.get(figure, 0) + 1
    if len(chosen) < t.SUMMARY_MIN_MESSAGES:  # too few for a page: let a figure be cited more
        extra = [item for item in ordered if item not in chosen][: t.SUMMARY_MIN_MESSAGES - len(chosen)]
        chosen = [item for item in ordered if item in chosen or item in extra]
    return chosen[: t.SUMMARY_MAX_MESSAGES]


# What to watch next edition.
def series_label(item: dict) -> str:
    """The series' name from a finding's label, without its year."""
    return re.sub(r",\s*\d{4}$", "", item["label"])


class Watch(tuple):
    """A watch item: (closeness to a confirmed turn, sentence), as before, and `data`, the item
    as data for the next edition to follow up (`report.watch`): the series' finding id prefix,
    its label, unit, the turn's kind ('peak' or 'trough') and year and value, the latest year
    and value, and whether it was only near a turn."""

    data: dict


def watch_items(findings: dict[str, dict], focus: set[str], poles: set[str]) -> list[Watch]:
    """Series of the focus countries and poles whose latest year stepped back from a high (or
    low) reached the year before or by less than the turn threshold: one more year decides
    whether it turned. (closeness to a confirmed turn, sentence), closest first; each also
    carries its data (`Watch.data`)."""
    prefixes = {split_id(i)[0] for i in findings if split_id(i)[1] is not None}
    out = []
    for prefix in sorted(prefixes):
        values = series(findings, prefix)
        latest_id = f"{prefix}.{max(values)}" if values else None
        if len(values) < 3 or latest_id not in findings or sorted(values)[-2] != max(values) - 1:
            continue
        item = findings[latest_id]
        named = codes(latest_id)
        if _kind(item["unit"]) in ("rank", "places") or not (named & focus or named == poles or (named & poles and len(named) == 1)):
            continue
        found = turn(values, item["unit"])
        if found is None or found.year != found.latest_year - 1 or not (found.near or found.turned) \
                or not re.search(r"[1-9]", change(found.value, found.latest, item["unit"])):
            continue  # no turn in sight, or a step back too small to show
        word = "high" if found.kind == "peak" else "low"
        verdict = (f"; a second year {'below' if found.kind == 'peak' else 'above'} it would make {found.year} "
                   f"the turn" if found.near else ", the first year past it; whether the turn holds, the next "
                   "edition will tell")
        distance = abs(found.moved) / threshold(item["unit"])
        text = (f"{fmt.literal(series_label(item))}: {value(found.latest, item['unit'])} in {found.latest_year}, "
                f"{change(found.value, found.latest, item['unit'])} from its {found.year} {word}{verdict}.")
        item_watch = Watch((distance, text))
        item_watch.data = {"prefix": prefix, "label": series_label(item), "unit": item["unit"], "kind": found.kind,
                           "turn_year": found.year, "turn_value": found.value, "latest_year": found.latest_year,
                           "latest": found.latest, "near": found.near}
        out.append(item_watch)
    return sorted(out)[: t.WATCH_MAX_ITEMS]


def summary_markdown(highlights: list[dict], findings: dict[str, dict], focus: set[str], poles: set[str],
                     provisional: list[str]) -> str:
    """The key messages and what to watch, as markdown."""
    chosen = ranked(highlights, findings, focus, poles)
    if not chosen:
        return "No section of this edition produced a finding of change to summarise."
    lines = []
    for item in chosen:
        ref = f" (@{item['figure']})" if item.get("figure") else ""
        lines.append(f"- {fmt.literal(message(item, findings))}{ref}")
    watch = [text for _, text in watch_items(findings, focus, poles)]
    lines += ["", "### What to watch next edition {#sec-watch}", ""]
    if watch:
        lines += [f"- {text}" for text in watch]
    else:
        lines.append("- No series of the focus countries or poles is within a year of a turn.")
    if provisional:
        lines.append(f"- Provisional, so the next edition may revise them: {fmt.literal('; '.join(provisional))}.")
    return "\n".join(lines)
