"""A finding: one key number a section reports (id, label, value, unit, source, figure, the
data-quality caveats that touch it), and a section's set of them with the highlights it puts
forward for the executive summary.

`_build/<edition>/findings/<section>.json` =
`{"section": ..., "findings": [{"id", "label", "value", "unit", "source", ...}], "highlights": [...]}`."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from briefing import units

FINDINGS_FILE = "findings.json"  # what a section's run stages for `briefing run` to publish
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)+$")


@dataclass
class Finding:
    id: str
    label: str
    value: float | int | str | list
    unit: str
    source: str
    figure: str | None = None
    caveats: list[dict] = field(default_factory=list)
    robustness: dict | None = None  # how the change it states was tested (`quality.robustness`)

    def as_dict(self) -> dict:
        data = {"id": self.id, "label": self.label, "value": self.value, "unit": self.unit,
                "source": self.source}
        if self.figure:
            data["figure"] = self.figure
        if self.caveats:
            data["caveats"] = self.caveats
        if self.robustness is not None:
            data["robustness"] = self.robustness
        return data


def clean_value(value):
    """Plain Python numbers (numpy scalars become float/int), lists element-wise."""
    if isinstance(value, (list, tuple)):
        return [clean_value(v) for v in value]
    if isinstance(value, str):
        return value
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        raise ValueError("a finding value must be a number, text or a list, not a boolean")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"finding value must be finite, got {value}")
        # 12 significant digits: source values survive intact, float noise of arithmetic does not.
        return float(f"{value:.12g}")
    return value


@dataclass
class FindingSet:
    section: str
    items: dict[str, Finding] = field(default_factory=dict)
    highlights: list[dict] = field(default_factory=list)

    def highlight(self, finding_id: str, text: str, figure: str | None = None, weight: float | None = None) -> None:
        """A key finding for the executive summary: a generated sentence with the number
        and its change over the window, tied to a recorded finding and its figure; `weight`
        when the section knows it outranks one series' move (a pattern across countries)."""
        if finding_id not in self.items:
            raise ValueError(f"highlight names finding {finding_id!r}, which was not recorded")
        item = {"finding": finding_id, "text": " ".join(text.split()), "figure": figure or self.items[finding_id].figure}
        self.highlights.append(item | ({"weight": weight} if weight is not None else {}))

    def caveat(self, caveat: dict, finding_ids) -> int:
        """Attach a caveat (`Caveat.as_dict()`) to each recorded finding of `finding_ids`
        (ids not recorded are skipped); returns how many it touched. Once per finding."""
        touched = 0
        for finding_id in finding_ids:
            item = self.items.get(finding_id)
            if item is not None and caveat not in item.caveats:
                item.caveats.append(caveat)
                touched += 1
        return touched

    def add(self, id: str, label: str, value, unit: str, source: str, figure: str | None = None) -> None:
        if not ID_PATTERN.match(id):
            raise ValueError(f"finding id {id!r} must look like section.measure.key[.key]")
        if id in self.items:
            raise ValueError(f"finding id {id!r} recorded twice")
        units.unit(unit)  # a registered unit, or a ValueError naming the known ones
        self.items[id] = Finding(id, label, clean_value(value), unit, source, figure)

    def as_dict(self) -> dict:
        return {"section": self.section,
                "findings": [self.items[k].as_dict() for k in sorted(self.items)],
                "highlights": self.highlights}
