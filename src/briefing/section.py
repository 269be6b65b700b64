"""What a section notebook uses: read validated tables, show labelled outputs
(figures, tables, prose) that chapters embed, record findings, save.

Every output is displayed in the notebook with `briefing` metadata
(label, kind, caption, alt text, source, files); `assemble` finds it there by label.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import display

from briefing import countries, tables
from briefing.charts.export import export_chart
from briefing.infra.fileio import canonical_json, write_text_atomic
from briefing.prose.tables import pipe_table
from briefing.quality import Caveat
from briefing.report.findings import FindingSet
from briefing.tables import METADATA_KEY


class Section:
    """One section's run: `Section("funding", build_dir, output_dir)`.

    Reads validated tables from `build_dir`; writes figures and findings into
    `output_dir`, which `briefing run` publishes only if the whole notebook succeeds."""

    def __init__(self, name: str, build_dir: str, output_dir: str):
        self.name = name
        self.build = Path(build_dir)
        self.output = Path(output_dir)
        self.figures = self.output / "figures"
        self.findings = FindingSet(name)
        self.labels: set[str] = set()

    # Load inputs.
    def table(self, name: str) -> pd.DataFrame:
        return tables.read_table(self.build, name)

    def source_names(self) -> dict[str, str]:
        """Short names of the data sources and documents, by id."""
        catalogue = tables.read_catalogue(self.build)
        entries = {**catalogue["datasets"], **catalogue["documents"]}
        return {k: v.get("short", k) for k, v in entries.items()}

    # Show outputs.
    def figure(self, label: str, chart: alt.TopLevelMixin, data: pd.DataFrame, *, caption: str,
               alt_text: str, source: str, group: str | None = None) -> None:
        """A numbered figure: interactive in HTML, SVG in print, with its data as CSV. `group`:
        a chapter embedding that name gets every output of the group, in order."""
        self._claim(label, "fig-")
        files = export_chart(chart, data, self.figures, label, citations=self.source_names())
        svg = (self.figures / files["svg"]).read_text(encoding="utf-8")
        self._show(label, "figure", {"image/svg+xml": svg, "text/plain": caption},
                   caption=caption, alt=alt_text, source=source, files=files, group=group)

    def table_output(self, label: str, frame: pd.DataFrame, *, caption: str, source: str,
                     notes: str = "") -> None:
        """A numbered table; `frame` is shown as is (format numbers before)."""
        self._claim(label, "tbl-")
        markdown = pipe_table(frame)
        csv_name = f"{label}.csv"
        write_text_atomic(self.figures / csv_name, frame.to_csv(index=False, lineterminator="\n"))
        self._show(label, "table", {"text/markdown": markdown, "text/plain": caption},
                   caption=caption, source=source, notes=notes, files={"csv": csv_name})

    def markdown(self, label: str, text: str, group: str | None = None) -> None:
        """Prose with numbers, generated from data, for a chapter to embed (`group`: as for figures)."""
        self._claim(label, "md-")
        self._show(label, "markdown", {"text/markdown": text.strip() + "\n", "text/plain": text}, group=group)

    # Record findings.
    def finding(self, id: str, label: str, value, unit: str, source: str, figure: str | None = None) -> None:
        self.findings.add(id, label, value, unit, source, figure)

    def caveat(self, caveat: Caveat, finding_ids) -> int:
        """Attach a data-quality caveat to the recorded findings `finding_ids` (an iterable of
        ids, or a callable taking an id and saying whether the caveat touches it)."""
        ids = [i for i in self.findings.items if finding_ids(i)] if callable(finding_ids) else list(finding_ids)
        return self.findings.caveat(caveat.as_dict(), ids)

    def highlight(self, items: list[dict]) -> None:
        """Put recorded findings in the executive summary: each item names a `finding`,
        its generated `text` and optionally its `figure`."""
        for item in items:
            self.findings.highlight(item["finding"], item["text"], item.get("figure"))

    def findings_from(self, frame: pd.DataFrame, *, id: str, label: str, value: str, unit: str,
                      source: str, figure: str | None = None) -> None:
        """One finding per row; `id`, `label` and `source` are templates over the row's
        columns plus `name` (the country's name), e.g. `funding.gerd_pct_gdp.{country}.{year}`."""
        for row in frame.to_dict("records"):
            if "country" in row:
                row.setdefault("name", countries.name(row["country"]))
            self.finding(id.format(**row), label.format(**row), row[value], unit,
                         source.format(**row), figure)

    # Save outputs.
    def save(self) -> Path:
        path = self.output / "findings.json"
        write_text_atomic(path, canonical_json(self.findings.as_dict()))
        return path

    def _claim(self, label: str, prefix: str) -> None:
        if not label.startswith(prefix):
            raise ValueError(f"label {label!r} must start with {prefix!r}")
        if label in self.labels:
            raise ValueError(f"label {label!r} used twice in section {self.name!r}")
        self.labels.add(label)

    def _show(self, label: str, kind: str, bundle: dict, **meta) -> None:
        meta = {k: v for k, v in meta.items() if v not in (None, "")}
        display(bundle, raw=True, metadata={METADATA_KEY: {"label": label, "kind": kind, **meta}})
