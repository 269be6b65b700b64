"""The executive summary's opening: one or two sentences saying what the edition's evidence adds
up to, built from the patterns across countries (`quality.patterns`) and the poles' own pair,
the findings that outrank any single country's move. Nothing is said that the findings do not
show: without a pattern or a pair series, there is no opening."""

from __future__ import annotations

from briefing import words
from briefing.prose.patterns import who_moved
from briefing.prose.summary import series
from briefing.quality.patterns import pattern, unclear_of
from briefing.quality.turns import noise, trend


def _shares(findings: dict[str, dict], country: str, pole: str) -> dict[int, float]:
    return series(findings, f"exposure.share_pct.{country}.{pole}")


def pattern_clause(findings: dict[str, dict], countries: list[str], pole: str) -> tuple[str, tuple[int, int]] | None:
    """'the share of international works with a co-author in China rose for every country' over the years."""
    moves, spans, records = {}, [], {}
    for code in countries:
        values = _shares(findings, code, pole) if code != pole else {}
        if len(values) >= 2:
            moves[code] = values[max(values)] - values[min(values)]
            spans.append((min(values), max(values)))
            records[code] = findings.get(f"exposure.share_pct.{code}.{pole}.{max(values)}", {}).get("robustness")
    found = pattern(moves, noise("pct"), unclear_of(records))
    if found.direction is None:
        return None
    return f"the share with {words.the(pole)} {who_moved(found)}", (min(s[0] for s in spans), max(s[1] for s in spans))


def poles_clause(findings: dict[str, dict], poles: list[str]) -> str:
    """'co-authorship between the United States and China has fallen since its 2020 peak'."""
    prefix = f"poles.pair_works.{poles[0]}-{poles[1]}"
    values = series(findings, prefix)
    if len(values) < 3:
        return ""
    found = trend(values, "works")
    pair = f"co-authorship between {words.the(poles[0])} and {words.the(poles[1])}"
    if found.word in ("since_extreme", "steady_since"):
        kind = "peak" if found.turn.kind == "peak" else "low"
        verb = "fallen" if kind == "peak" else "risen"
        return f"{pair} has {verb} since its {found.turn.year} {kind}" if found.word == "since_extreme" else \
            f"{pair} has {verb} every year since {found.turn.year}"
    if found.word == "back_from_extreme":
        return f"{pair} peaked in {found.turn.year}" if found.turn.kind == "peak" else ""
    if found.word == "unchanged":
        return f"{pair} was about unchanged"
    return f"{pair} {'rose' if found.up else 'fell'} from {found.first_year} to {found.last_year}"


def lead(findings: dict[str, dict], countries: list[str], poles: list[str]) -> str:
    """The opening sentences, or '' when the findings hold no pattern and no poles' series."""
    found = {p: c for p in reversed(poles) if (c := pattern_clause(findings, countries, p))}
    pole_pair = poles_clause(findings, poles)
    parts = []
    if found:
        years = (min(c[1][0] for c in found.values()), max(c[1][1] for c in found.values()))
        rising = [p for p, c in found.items() if " rose for " in c[0]]
        head = (f"Across the economies compared, international research has tilted toward "
                f"{words.the(rising[0])}: from" if len(found) == 2 and len(rising) == 1
                else "Across the economies compared, from")
        clauses = [c[0] for c in found.values()]
        clauses[0] = clauses[0].replace("the share with", "the share of each one's internationally co-authored works "
                                                          "with a co-author in", 1)
        parts.append(f"{head} {years[0]} to {years[1]}, {'; '.join(clauses)}.")
    if pole_pair:
        parts.append(f"Meanwhile, {pole_pair}." if parts else f"{pole_pair[:1].upper()}{pole_pair[1:]}.")
    return " ".join(parts)
