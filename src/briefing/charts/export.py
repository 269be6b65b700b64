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


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec with data inlined, as plain JSON-able data."""
    return json.loads(chart.to_json(validate=True))


def export_chart(chart: alt.TopLevelMixin, data: pd.DataFrame, folder: Path, label: str) -> dict[str, str]:
    """Write `<label>.vl.json`, `.svg`, `.png` and `.csv`; return their file names by kind."""
    spec = chart_spec(chart)
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
