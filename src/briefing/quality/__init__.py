"""Data-quality judgement as code: pure functions over small frames that find what a
statistics office would flag before stating a number (level shifts and spikes in a
source's series, provisional latest years, comparisons over unequal periods, entities
left out for lack of data), each returned as a `Caveat`.

A caveat is attached to the findings it touches (`Section.caveat`): it is written into
each finding's `caveats` in `findings.json`, said in a sentence where the finding is
stated, marked on the chart where it helps, and listed once in the methods appendix
(`{{< briefing caveats >}}`). Thresholds live in `briefing.quality.thresholds`."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("level_shift", "spike", "provisional", "unequal_periods", "left_out", "coverage_rank", "source_break",
         "estimate", "definition_differs", "source_change")
# The order in which a finding's caveats matter to a reader: the first is the one the
# executive summary states beside it.
PRIORITY = ("level_shift", "source_break", "source_change", "spike", "coverage_rank", "definition_differs",
            "unequal_periods", "left_out",
            "provisional", "estimate")


@dataclass(frozen=True)
class Caveat:
    """One data-quality flag.

    kind: one of KINDS. subject: what it concerns, as finding ids spell it (a country `KR`,
    a pair `JP-KR`, an indicator and country `gerd_pct_gdp.TW`). years: the years it
    touches (empty: the whole series). text: one plain sentence for the reader, complete
    on its own. source: the source id whose data it concerns. brief: the same in a short
    sentence, for the executive summary (the text when empty)."""

    kind: str
    subject: str
    text: str
    source: str = ""
    years: tuple[int, ...] = field(default_factory=tuple)
    brief: str = ""
    item: str = ""  # a noun phrase naming what it concerns, for a list ("OpenAlex counts for 2023")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"caveat kind {self.kind!r} is not one of {KINDS}")
        for text in (self.text, self.brief or self.text):
            if not text.strip().endswith("."):
                raise ValueError(f"caveat text must be a sentence ending with a full stop: {text!r}")

    def as_dict(self) -> dict:
        data = {"kind": self.kind, "subject": self.subject, "text": " ".join(self.text.split())}
        if self.source:
            data["source"] = self.source
        if self.years:
            data["years"] = list(self.years)
        if self.brief:
            data["brief"] = " ".join(self.brief.split())
        if self.item:
            data["item"] = self.item
        return data
