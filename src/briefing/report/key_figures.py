"""The key-figures chart at the top of the summary (`{{< briefing key-figures >}}`): the yearly
series behind the summary's ranked messages, one small line each, in their order. A message
about a change over a span draws the series the change was computed from (the `series` its
robustness test names), over that span. Written at assembly into the book's figures, as every
figure is: Vega-Lite, SVG, PNG and the CSV behind it; its caption, alt text and source note
are computed from the same panels. A summary with fewer than two series to draw gets no chart."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import units, words
from briefing.findings.ids import period, split_id
from briefing.infra.fileio import canonical_json, sha256_text, staged_dir, write_text_atomic
from briefing.prose.summary import series, series_label
from briefing.quality.robustness import BREAK_KINDS, flagged_years
from briefing.quality.turns import trend
from briefing.report.book import render_output

if TYPE_CHECKING:
    import pandas as pd

# Its anchor and file names. Not a `fig-` label: the summary's figure stays unnumbered in both
# renderers (render/numbering.py numbers `fig-` labels; Quarto numbers only what carries a `fig-`
# id, https://quarto.org/docs/authoring/cross-references.html). Quarto runs user filters before its
# own (https://quarto.org/docs/extensions/filters.html), so html_charts.lua makes it interactive there too.
LABEL = "key-figures"
META_FILE = "key-figures.json"  # its caption and source note, beside the book, for the data download
MAX_PANELS = 6


@dataclass(frozen=True)
class Panel:
    prefix: str  # the series' finding ids, less the year
    title: str
    unit: str
    values: dict[int, float]
    provisional: tuple[int, ...]
    breaks: tuple[int, ...]  # years a break in the source's series falls in (the first year on its new level)
    turn: tuple[str, int] | None  # ('peak' | 'low', year) the series turned at
    source: str


def panel_of(finding: dict, findings: dict[str, dict]) -> Panel | None:
    """The panel of a message's finding: its own yearly series, or the series a change over a
    span was computed from, over the span; None when fewer than two years remain."""
    own, year = split_id(finding["id"])
    prefix = (finding.get("robustness") or {}).get("series") or own
    # Over a span's years, or up to the finding's own year.
    first, last = (period(finding["id"]) or (0, 9999)) if year is None else (0, year)
    values = {y: v for y, v in series(findings, prefix).items() if first <= y <= last}
    if len(values) < 2:
        return None
    items = [findings[f"{prefix}.{y}"] for y in values]
    latest = items[-1]
    unit = latest["unit"]
    found = trend(values, unit) if units.known(unit) else None
    turn = None
    if found is not None and found.turned_inside and min(values) < found.turn.year < max(values):
        turn = ("peak" if found.turn.kind == "peak" else "low", found.turn.year)
    first, last = min(values), max(values)
    return Panel(prefix, series_label(latest), unit, values,
                 tuple(y for y in flagged_years(items, ("provisional",)) if y in values),
                 tuple(y for y in flagged_years(items, BREAK_KINDS) if first < y <= last), turn, latest["source"])


def panels(chosen: list[dict], findings: dict[str, dict]) -> list[Panel]:
    """One panel a message, in the messages' order, each series once, at most `MAX_PANELS`."""
    found, seen = [], set()
    for item in chosen:
        panel = panel_of(findings[item["finding"]], findings)
        if panel is not None and panel.prefix not in seen:
            seen.add(panel.prefix)
            found.append(panel)
    return found[:MAX_PANELS]


def frames(found: list[Panel]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The chart's frame (a row a panel and year), its breaks, and the CSV behind it."""
    import pandas as pd  # imported here: the warm build path stays free of pandas

    rows, marks = [], []
    for number, panel in enumerate(found, start=1):
        years = sorted(panel.values)
        ends = {years[0]: "first", years[-1]: "last"} | ({panel.turn[1]: panel.turn[0]} if panel.turn else {})
        for year in years:
            value = panel.values[year]
            if units.unit(panel.unit).kind in ("count", "rank") and float(value).is_integer():
                value = int(value)  # a count reads 46931 in the CSV, not 46931.0
            rows.append({"panel": number, "title": panel.title, "series_id": panel.prefix, "year": year,
                         "value": value, "unit": panel.unit, "provisional": year in panel.provisional,
                         "shown": units.show(value, panel.unit), "end": ends.get(year, ""),
                         "reverse": units.unit(panel.unit).kind == "rank"})
        marks += [{"panel": number, "x": year - 0.5} for year in panel.breaks]
    frame = pd.DataFrame(rows)
    breaks = pd.DataFrame(marks, columns=["panel", "x"])
    data = frame[["panel", "title", "series_id", "year", "value", "unit", "provisional"]].rename(
        columns={"title": "label"}).assign(value=pd.Series([r["value"] for r in rows], dtype=object))
    return frame, breaks, data


def caption(found: list[Panel]) -> str:
    """What the chart shows, and what each of its marks means where one is drawn."""
    marks = [text for drawn, text in ((any(p.turn for p in found), "a labelled point, a peak or low"),
                                      (any(p.breaks for p in found), "a dashed line, a break in the source's series"),
                                      (any(p.provisional for p in found), "a hollow point, a provisional year"))
             if drawn]
    return ("Key figures: the series behind the key findings, in their order, first year to latest"
            + ("; " + "; ".join(marks) if marks else ""))


def _at(panel: Panel, year: int) -> str:
    return f"{units.show(panel.values[year], panel.unit)} in {year}"


def alt_text(found: list[Panel]) -> str:
    """Each panel in words: its title, first and latest values, its turn and breaks."""
    parts = []
    for panel in found:
        years = sorted(panel.values)
        text = f"{panel.title}: {_at(panel, years[0])}"
        if panel.turn:
            text += f", {'a peak of' if panel.turn[0] == 'peak' else 'a low of'} {_at(panel, panel.turn[1])}"
        text += f", {_at(panel, years[-1])}"
        if panel.breaks:
            text += f" (a break in the source's series in {words.join_and([str(y) for y in panel.breaks])})"
        parts.append(text)
    return (f"{words.cap(words.count_word(len(found)))} small line charts, one for each key finding. "
            + ". ".join(parts) + ".")


def source_note(found: list[Panel], catalogue: dict) -> str:
    names = dict.fromkeys(catalogue["datasets"].get(p.source, {}).get("short", p.source) for p in found)
    return "Source: " + "; ".join(names) + "."


def key_figures(chosen: list[dict], findings: dict[str, dict], catalogue: dict,
                book_figures: Path, cache: Path | None = None) -> tuple[str, dict | None]:
    """Write the chart's files into `book_figures`; return its markdown and its meta (caption,
    source note, files), or ('', None) when the summary has fewer than two series to draw.
    `cache`: a folder keeping the files of the last chart drawn, reused while its data and the
    code that draws it are the same (drawing takes a second; a rebuild's summary rarely moves)."""
    found = panels(chosen, findings)
    if len(found) < 2:
        return "", None
    frame, breaks, data = frames(found)
    files = _drawn(frame, breaks, data, book_figures, cache)
    cap, source = caption(found), source_note(found, catalogue)
    meta = {"label": LABEL, "kind": "figure", "caption": cap, "alt": alt_text(found), "source": source,
            "files": files}
    return render_output({"meta": meta, "data": {}})[0], meta


def _drawn(frame: pd.DataFrame, breaks: pd.DataFrame, data: pd.DataFrame, folder: Path,
           cache: Path | None) -> dict[str, str]:
    """Export the chart into `folder` (`charts.export`), or copy the files kept in `cache` for
    the same frames and the same code; returns the file names by kind."""
    from importlib.metadata import version

    from briefing.infra.fingerprint import code_fingerprint

    names = {"vl": f"{LABEL}.vl.json", "svg": f"{LABEL}.svg", "png": f"{LABEL}.png", "csv": f"{LABEL}.csv"}
    key = sha256_text(canonical_json({
        "frame": frame.to_dict("records"), "breaks": breaks.to_dict("records"), "data": data.to_csv(index=False),
        "code": code_fingerprint("briefing.charts.key_figures", "briefing.charts.export"),
        "versions": [version("altair"), version("vl-convert-python")]}))
    kept = cache / key if cache is not None else None
    if kept is not None and all((kept / name).is_file() for name in names.values()):
        for name in names.values():
            shutil.copyfile(kept / name, folder / name)
        return names
    from briefing.charts.export import export_chart  # imported here: loads Altair
    from briefing.charts.key_figures import key_figures_chart

    files = export_chart(key_figures_chart(frame, breaks), data, folder, LABEL)
    if kept is not None:
        shutil.rmtree(cache, ignore_errors=True)  # one chart kept: the last drawn
        with staged_dir(kept) as tmp:
            for name in files.values():
                shutil.copyfile(folder / name, tmp / name)
    return files


def save_meta(build: Path, meta: dict | None) -> None:
    """Keep the chart's meta beside the book for the data download; none when no chart was drawn."""
    path = build / META_FILE
    if meta is None:
        path.unlink(missing_ok=True)
    else:
        write_text_atomic(path, canonical_json({LABEL: meta}))


def outputs(build: Path) -> dict[str, dict]:
    """The chart's meta (caption, source note, files) as the data download reads a section's
    outputs; {} when the edition's summary drew none."""
    path = build / META_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

