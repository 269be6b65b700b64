"""What a section notebook uses: read validated tables, show labelled outputs (figures,
tables, prose) that chapters embed, record findings, save.

Ids, labels, units and sources of findings, and the captions of figures and tables, come from
the section's declarations beside its notebook (`notebooks/<section>.meta.yml`,
`briefing.findings.meta`): the notebook names a family and hands over a frame, never an id.
Every output is displayed in the notebook with `briefing` metadata (label, kind, caption, alt
text, source, files); `assemble` finds it there by label.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import display

from briefing import countries, tables, units, words
from briefing.charts.export import export_chart
from briefing.findings.ids import slug, split_id
from briefing.findings.meta import INDICATOR, Family, SectionMeta, load_meta, meta_path
from briefing.findings.model import FINDINGS_FILE, FindingSet
from briefing.infra.fileio import canonical_json, write_text_atomic
from briefing.infra.workspace import find_project_root
from briefing.prose.tables import data_of, pipe_table
from briefing.quality import Caveat
from briefing.quality.robustness import MOVABLE, test_series
from briefing.tables import METADATA_KEY


def derived_names(values: dict) -> dict:
    """The names a label may use (`briefing.findings.meta.DERIVED`), from the keys present."""
    out = dict(values)
    # A row's span from its own years, when it has them: a country without the period's data
    # (the scenario's AI columns, merged left) carries NaN there, and no span.
    if "span" not in out and all(k in out and pd.notna(out[k]) for k in ("year_start", "year_end")):
        out["span"] = f"{int(out['year_start'])}-{int(out['year_end'])}"
    if "span" in out and "year_start" not in out:
        out["year_start"], out["year_end"] = (int(y) for y in str(out["span"]).split("-"))
    for key in ("year", "year_start", "year_end", "cut"):
        if key in out and isinstance(out[key], float) and out[key] == out[key]:
            out[key] = int(out[key])
    named = {
        "pair": lambda v: {"pair_name": words.pair_name(v)},
        "poles": lambda v: _poles(v),
        "country": lambda v: {"country_name": countries.name(v), "country_whose": words.possessive(v)},
        "partner": lambda v: {"partner_name": words.the(v)},
        "pole": lambda v: {"pole_name": words.the(v)},
        "field": lambda v: {"field_label": v.replace("_", " ")},
    }
    for key, make in named.items():
        if key in out and isinstance(out[key], str):
            for name, value in make(out[key]).items():
                out.setdefault(name, value)
    return out


def _poles(value: str) -> dict:
    a, b = value.split("-")
    return {"pole_a": a, "pole_b": b, "pole_a_name": words.the(a), "pole_b_name": words.the(b),
            "pole_a_whose": words.possessive(a), "pole_b_whose": words.possessive(b)}


class Section:
    """One section's run: `Section("funding", build_dir, output_dir, **context)`.

    Reads validated tables from `build_dir`; writes figures and findings into `output_dir`,
    which `briefing run` publishes only if the whole notebook succeeds. `context`: the edition's
    parameters that ids, labels and captions name (`region_name`, `poles`, `source_pairs`, ...);
    a `region_name` also gives the `region` slug ids carry, `poles` ([A, B]) the `poles` key."""

    def __init__(self, name: str, build_dir: str, output_dir: str, window: tuple[int, int] | None = None,
                 **context):
        self.name = name
        self.window = window
        self.build = Path(build_dir)
        self.output = Path(output_dir)
        self.figures = self.output / "figures"
        self.findings = FindingSet(name)
        self.labels: set[str] = set()
        self.meta: SectionMeta = load_meta(meta_path(find_project_root() / "notebooks", name))
        if "region_name" in context:
            context.setdefault("region", slug(context["region_name"]))
        if isinstance(context.get("poles"), (list, tuple)):
            context["poles"] = "-".join(context["poles"])
        self.context = derived_names({**self._source_names_of(context), **context})

    def _source_names_of(self, context: dict) -> dict:
        """Readers' names of the sources the context names: `cross_name` for `cross`,
        `source_a_name` and `source_b_name` for `sources` ('openalex_ncses')."""
        if "cross" not in context and "sources" not in context:
            return {}
        names = self.source_names()
        out = {"cross_name": names.get(context["cross"], context["cross"])} if "cross" in context else {}
        if "sources" in context:
            a, b = context["sources"].split("_")
            out |= {"source_a_name": names.get(a, a), "source_b_name": names.get(b, b)}
        return out

    # Load inputs.
    def table(self, name: str) -> pd.DataFrame:
        """A validated table of the build, its data rows inside the section's `window` (first, last
        year) when it has one: no figure of a year outside the edition's window is computed or
        stated (a period table keeps the periods that end inside it, as its source publishes them)."""
        return tables.within_window(tables.read_table(self.build, name), self.window, name)

    def catalogue(self) -> dict:
        """The build's source catalogue: data/sources.yml with each snapshot's metadata."""
        return tables.read_catalogue(self.build)

    def source_names(self) -> dict[str, str]:
        """Short names of the data sources and documents, by id."""
        catalogue = tables.read_catalogue(self.build)
        entries = {**catalogue["datasets"], **catalogue["documents"]}
        return {k: v.get("short", k) for k, v in entries.items()}

    # Show outputs.
    def caption(self, label: str, caption: str | None = None, **values) -> str:
        """The caption of `label`: its declared template filled from the context and `values`,
        or, where the declaration says a prose function writes it, `caption` as written."""
        declared = self.meta.output(label)
        if declared.caption_by is not None:
            if caption is None:
                raise ValueError(f"{label}: its caption is written by {declared.caption_by}; pass caption=")
            return caption
        if caption is not None:
            raise ValueError(f"{label}: its caption is declared in {self.name}.meta.yml; pass its values, not a caption")
        return declared.caption.format(**{**self.context, **values})

    def figure(self, label: str, chart: alt.TopLevelMixin, data: pd.DataFrame, *, alt_text: str,
               source: str | None = None, caption: str | None = None, notes: str = "", group: str | None = None, **values) -> None:
        """A numbered figure: interactive in HTML, SVG in print, with its data as CSV. Its caption
        is declared (`caption`/`values` as `Section.caption`), `notes` follow it (the marks the
        chart draws). `group`: a chapter embedding that name gets every output of the group, in order."""
        self._claim(label, "fig-")
        text = self.caption(label, caption, **values) + notes
        files = export_chart(chart, data, self.figures, label, citations=self.source_names())
        svg = (self.figures / files["svg"]).read_text(encoding="utf-8")
        self._show(label, "figure", {"image/svg+xml": svg, "text/plain": text},
                   caption=text, alt=alt_text, source=self._source(label, source), files=files, group=group)

    def table_output(self, label: str, frame: pd.DataFrame, *, source: str | None = None, caption: str | None = None,
                     notes: str = "", **values) -> None:
        """A numbered table; `frame` is shown as is (format numbers before); its CSV holds the numbers
        the frame carries (`prose.tables.with_data`: one value a cell, units in the column names),
        else the frame. A table without rows is left out of the chapter (never printed empty), its
        label kept so the chapter's embed resolves."""
        self._claim(label, "tbl-")
        if frame.empty:
            self._show(label, "table", {"text/markdown": "", "text/plain": ""}, empty=True)
            return
        text = self.caption(label, caption, **values)
        markdown = pipe_table(frame)
        csv_name = f"{label}.csv"
        write_text_atomic(self.figures / csv_name, data_of(frame).to_csv(index=False, lineterminator="\n"))
        self._show(label, "table", {"text/markdown": markdown, "text/plain": text},
                   caption=text, source=self._source(label, source), notes=notes, files={"csv": csv_name})

    def markdown(self, label: str, text: str, group: str | None = None) -> None:
        """Prose with numbers, generated from data, for a chapter to embed (`group`: as for figures)."""
        self._claim(label, "md-")
        self._show(label, "markdown", {"text/markdown": text.strip() + "\n", "text/plain": text}, group=group)

    def _source(self, label: str, source: str | None) -> str:
        """The source note: the one the notebook wrote from the data, else the declared one; then
        the declared `note` (a publication's table numbers)."""
        declared = self.meta.output(label)
        text = source if source is not None else declared.source
        if text is None:
            raise ValueError(f"{label}: no source note (pass source=, or declare one in {self.name}.meta.yml)")
        return f"{text} {declared.note}".strip() if declared.note else text

    # Record findings.
    def findings_from(self, frame: pd.DataFrame, family: str, *, unit: str | None = None, figure: str | None = None,
                      **values) -> None:
        """One finding of the declared `family` per row of `frame`: its id, label and source from
        the declaration, filled from the row's columns, the section's context and `values`. A
        family declared with the unit `indicator` takes `unit` and `figure` from the caller."""
        declared = self.meta.family(family)
        unit, figure = self._unit_and_figure(family, declared, unit, figure)
        for row in frame.to_dict("records"):
            row |= {key: row[column] for key, column in declared.columns.items()}
            filled = derived_names({**self.context, **row, **values})
            self.findings.add(declared.format_id(filled), declared.label.format(**filled), row[declared.value],
                              unit, declared.source.format(**filled), figure)

    def finding(self, family: str, value, **values) -> None:
        """One finding of the declared `family`, its keys in `values`."""
        self.findings_from(pd.DataFrame([{**values, self.meta.family(family).value: value}]), family)

    def _unit_and_figure(self, key: str, declared: Family, unit: str | None, figure: str | None) -> tuple:
        if declared.unit == INDICATOR:
            if unit is None or figure is None:
                raise ValueError(f"finding family {key!r} takes its unit and figure from the indicator: pass both")
            return unit, figure
        if unit is not None or figure is not None:
            raise ValueError(f"finding family {key!r} declares its unit and figure in {self.name}.meta.yml")
        return declared.unit, declared.figure

    def test_changes(self, second: pd.DataFrame | None = None, family: str | None = None,
                     second_source: str = "") -> None:
        """Test every change the section's findings state before prose states it
        (`quality.robustness`): each yearly series from its first to its latest year (stored on
        its latest finding), and each change over a span a family declares `series` for (stored
        on that finding). `second`: rows of the same measure in a second source, with the keys of
        the declared `family`'s ids and its value column. Call it after the caveats are attached:
        the breaks and spikes it tests across are theirs."""
        seconds = self._second_series(second, family) if second is not None and len(second) else {}
        series: dict[str, dict] = {}
        for finding_id, item in self.findings.items.items():
            head, year = split_id(finding_id)
            if year is not None and isinstance(item.value, (int, float)) and units.known(item.unit) \
                    and units.unit(item.unit).kind in MOVABLE:
                series.setdefault(head, {})[year] = item
        for head, by_year in series.items():
            if len(by_year) >= 2:
                by_year[max(by_year)].robustness = test_series(
                    by_year, by_year[max(by_year)].unit, seconds.get(head), second_source).as_dict()
        for family in (f for f in self.meta.findings.values() if f.series):
            for finding_id, item in self.findings.items.items():
                found = family.pattern.match(finding_id)
                by_year = series.get(family.series.format(**found.groupdict())) if found else None
                if by_year and "span" in found.groupdict():
                    start, end = (int(y) for y in found["span"].split("-"))
                    unit = next(iter(by_year.values())).unit
                    item.robustness = {**test_series(by_year, unit, span=(start, end)).as_dict(),
                                       "series": family.series.format(**found.groupdict())}

    def _second_series(self, frame: pd.DataFrame, family: str) -> dict[str, dict[int, float]]:
        """{id prefix: {year: value}} of a second source's rows, as `family`'s ids name them."""
        declared = self.meta.family(family)
        found: dict[str, dict[int, float]] = {}
        for row in frame.to_dict("records"):
            head, year = split_id(declared.format_id(derived_names({**self.context, **row})))
            found.setdefault(head, {})[year] = float(row[declared.value])
        return found

    def caveat(self, caveat: Caveat, finding_ids) -> int:
        """Attach a data-quality caveat to the recorded findings `finding_ids` (an iterable of
        ids, or a callable taking an id and saying whether the caveat touches it)."""
        ids = [i for i in self.findings.items if finding_ids(i)] if callable(finding_ids) else list(finding_ids)
        return self.findings.caveat(caveat.as_dict(), ids)

    def highlight(self, items: list[dict]) -> None:
        """Put recorded findings in the executive summary: each item names a `finding`,
        its generated `text` and optionally its `figure`."""
        for item in items:
            self.findings.highlight(item["finding"], item["text"], item.get("figure"), item.get("weight"))

    # Save outputs.
    def save(self) -> Path:
        path = self.output / FINDINGS_FILE
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

