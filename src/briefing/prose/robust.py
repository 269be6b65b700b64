"""What the test of a change found (`quality.robustness`), said where the change is stated:
"This holds on both sides of the 2020 break (−6.0 percentage points over 2015–2019, −4.8 over
2021–2023), and in NCSES SEI (49.6% in 2015, 37.2% in 2021)." Written from a finding's
`robustness` record, so the chapters, the summary and findings.json say the same."""

from __future__ import annotations

from briefing import units, words


def _moved(change: float, unit: str, short: bool = False) -> str:
    """A side's change in the unit's move terms: points for shares, per cent for counts."""
    if units.unit(unit).turns_in_points:
        text = units.pp(change, 1)
        return text.replace(" percentage points", "") if short else text
    return units.signed_pct(change, 1)


def _span(span: str) -> str:
    return words.span(*(int(y) for y in span.split("-")))


def _sides(record: dict, unit: str) -> str:
    parts = [f"{_moved(s['change'], unit, short=i > 0)} over {_span(s['span'])}"
             for i, s in enumerate(record.get("sides", []))]
    return words.join_and(parts)


def _second(record: dict, unit: str) -> str:
    second = record["second_source"]
    first, last = (int(y) for y in second["span"].split("-"))
    return (f"{second['source']} ({units.show(second['first'], unit)} in {first}, "
            f"{units.show(second['last'], unit)} in {last})")


def breaks_named(record: dict) -> str:
    return words.years(record.get("breaks", []))


def statement(record: dict | None, unit: str, restate: bool = False) -> str:
    """One sentence on the test of a change, or '' when nothing beyond the noise was tested.
    `restate`: the sentence before it leads with something else (a turn), so this one names the
    change it tested first ('From 2012 to 2021 it rose (+5.8 percentage points); NCSES SEI (18.4%
    in 2013, 24.3% in 2021) shows the same direction.')."""
    said = _statement(record, unit)
    if not said or not restate:
        return said
    first, last = (int(y) for y in record["span"].split("-"))
    change = record["change"]
    lead = f"From {first} to {last} it {'rose' if change > 0 else 'fell'} ({_moved(change, unit)})"
    if said.startswith("This "):
        return f"{lead}, and this {said[len('This '):]}"
    return f"{lead}; {said}"


def _statement(record: dict | None, unit: str) -> str:
    if not record:
        return ""
    has_breaks, second = bool(record.get("breaks")), record.get("second_source")
    plural = "breaks" if len(record.get("breaks", [])) > 1 else "break"
    if record["holds"]:
        if has_breaks and second:
            return (f"This holds on both sides of the {breaks_named(record)} {plural} in the source ({_sides(record, unit)}), "
                    f"and in {_second(record, unit)}.")
        if has_breaks:
            return f"This holds on both sides of the {breaks_named(record)} {plural} in the source ({_sides(record, unit)})."
        if second:
            return f"{_second(record, unit)[:1].upper()}{_second(record, unit)[1:]} shows the same direction."
        return ""
    reason = record.get("reason", "")
    if reason == "rests on the jump at the break":
        return (f"Most of that change sits at the {breaks_named(record)} {plural} in the source: it moved "
                f"{_sides(record, unit)}, so it is not stated as a trend.")
    if reason == "too few years on each side of the break":
        return (f"Too few years lie on each side of the {breaks_named(record)} {plural} in the source to test "
                f"that change across it.")
    if reason == "the sides of the break move apart":
        return (f"Across the {breaks_named(record)} {plural} in the source the series moved apart "
                f"({_sides(record, unit)}), so no trend is stated.")
    if second and not second.get("same_direction", True):
        return f"{_second(record, unit)[:1].upper()}{_second(record, unit)[1:]} moves the other way: the direction is uncertain."
    return ""


def stated_as_trend(record: dict | None) -> bool:
    """Whether a change may be stated as a trend: untested, or tested and holding (a move within
    the noise is stated as 'about unchanged', which is no trend claim)."""
    return not record or record["holds"] or record.get("reason") == "within the noise"
