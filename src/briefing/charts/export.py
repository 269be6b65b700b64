"""Export a chart to Vega-Lite JSON, SVG and PNG with vl-convert (offline), and
its data to CSV: the only place charts become files."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from briefing.infra.fileio import canonical_json, write_bytes_atomic, write_text_atomic

VL_VERSION = "6.4"
USERMETA = "briefing"  # the key of the narrower frames' specs in a spec's `usermeta` (charts.frames)


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec with data inlined, as plain JSON-able data."""
    return json.loads(chart.to_json(validate=True))


def cite_tooltips(spec: dict, citations: dict[str, str]) -> dict:
    """Tooltips that would show a source's id ("spf2021") show its citation instead ("Sasakawa
    Peace Foundation USA (2021)"): a tooltip field whose values are all ids of `citations` gets
    a companion field `<field>_citation` in the inline data, and the tooltip reads that."""
    datasets = spec.get("datasets", {})
    for encoding in _encodings(spec):
        entries = encoding.get("tooltip")
        for entry in entries if isinstance(entries, list) else [entries] if isinstance(entries, dict) else []:
            field = entry.get("field")
            rows = [row for rows in datasets.values() for row in rows if field in row]
            values = {row[field] for row in rows if row[field] is not None}
            if not field or not rows or not values or not all(isinstance(v, str) and v in citations for v in values):
                continue
            for row in rows:
                row[f"{field}_citation"] = citations.get(row[field], row[field])
            entry["field"] = f"{field}_citation"
    return spec


def cite_variants(spec: dict, citations: dict[str, str]) -> dict:
    """`cite_tooltips` on a spec and on each narrower frame's spec it carries
    (`usermeta.briefing.variants`, charts.frames); a variant's dataset that the wide spec holds
    too, the same, is kept once, in the wide spec (the page's charts.js joins them)."""
    spec = cite_tooltips(spec, citations)
    shared = spec.get("datasets", {})
    for variant in spec.get("usermeta", {}).get(USERMETA, {}).get("variants", []):
        cited = cite_tooltips(variant["spec"], citations)
        own = {name: rows for name, rows in cited.get("datasets", {}).items() if shared.get(name) != rows}
        variant["spec"] = {**cited, "datasets": own}
    return spec


def _encodings(node):
    """Every `encoding` mapping in a (layered, concatenated, faceted) Vega-Lite spec, not in the
    narrower frames' specs it carries (`usermeta`)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "encoding" and isinstance(value, dict):
                yield value
            elif key not in ("datasets", "usermeta"):
                yield from _encodings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _encodings(item)


def export_chart(chart: alt.TopLevelMixin, data: pd.DataFrame, folder: Path, label: str,
                 citations: dict[str, str] | None = None) -> dict[str, str]:
    """Write `<label>.vl.json`, `.svg`, `.png` and `.csv`; return their file names by kind.
    With `citations` (source id -> short citation), tooltips cite sources by name."""
    spec = cite_variants(chart_spec(chart), citations or {})
    files = {"vl": f"{label}.vl.json", "svg": f"{label}.svg", "png": f"{label}.png", "csv": f"{label}.csv"}
    write_text_atomic(folder / files["vl"], canonical_json(spec))
    write_text_atomic(folder / files["svg"], vlc.vegalite_to_svg(spec, vl_version=VL_VERSION))
    write_bytes_atomic(folder / files["png"], vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=2))
    write_text_atomic(folder / files["csv"], data.to_csv(index=False, lineterminator="\n"))
    return files


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, for offline interactive charts."""
    return vlc.javascript_bundle(vl_version=VL_VERSION)
