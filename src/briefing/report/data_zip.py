"""Everything behind a published version in one download, `briefing-<edition>-v<N>-data.zip`:
the CSV behind every figure and table, `findings.json`, and a codebook saying, for every
column of every CSV, its unit, the source it comes from and the pattern of the finding ids
read from it. The same inputs give the same bytes (fixed order, timestamps and modes)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from briefing.report.book import load_outputs

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time in the bytes
CODEBOOK = ["file", "title", "column", "unit", "source", "finding_ids"]
# Units by column name, from the names' conventions (STYLE.md: names carry unit and role).
UNITS = [
    (r"^(year|year_start|year_end|first_year|latest_year|peak_year|output_year|start|end)$", "calendar year"),
    (r"^(country|partner|pole|pole_a|pole_b|country_a|country_b|jurisdiction)$", "ISO 3166-1 alpha-2 code"),
    (r"^gerd_pct_gdp", "% of GDP"),
    (r"(^|_)cagr_pct$", "% a year (compound)"),
    (r"(^|_)(growth|change)_pct$", "% change"),
    (r"_pp$", "percentage points"),
    (r"pct", "%"),
    (r"usd_ppp_m_const2015", "US$ million, constant 2015 PPP"),
    (r"usd_ppp_m", "US$ million, current PPP"),
    (r"(^|_)works|articles|papers|events$", "count"),
    (r"(^|_)rank$", "rank (1 = most)"),
    (r"index_start_100", "index, first year = 100"),
    (r"asymmetry|ratio", "ratio"),
    (r"^(source|source_id)$", "source id (Appendix A; data/sources.yml)"),
]


def data_zip_name(edition: str, version: int) -> str:
    return f"briefing-{edition}-v{version}-data.zip"


def column_unit(name: str, values: list[str]) -> str:
    for pattern, unit in UNITS:
        if re.search(pattern, name):
            if unit.startswith("ISO") and not all(re.fullmatch(r"[A-Z]{2}", v) for v in values if v):
                return "code: ISO 3166-1 alpha-2, or a group of countries"
            return unit
    numeric = [v for v in values if v != ""]
    if numeric and all(_is_number(v) for v in numeric):
        return "number"
    return "text"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def id_patterns(ids: list[str], columns: dict[str, set[str]]) -> list[str]:
    """Finding ids as patterns: a part that varies is named by the CSV column holding all its
    values (`exposure.share_pct.{country}.{pole}.{year}`), else `{…}`."""
    groups: dict[tuple, list[list[str]]] = {}
    for fid in sorted(ids):
        parts = fid.split(".")
        groups.setdefault((parts[0], parts[1] if len(parts) > 1 else "", len(parts)), []).append(parts)
    patterns = []
    for members in groups.values():
        pattern = []
        for i, values in enumerate(zip(*members, strict=True)):
            distinct = set(values)
            if len(distinct) == 1 and (len(members) == 1 or i < 2):
                pattern.append(values[0])
                continue
            # The column that holds these values most tightly, each column named once.
            fits = [(len(held), c) for c, held in columns.items() if distinct <= held and f"{{{c}}}" not in pattern]
            pattern.append(f"{{{min(fits)[1]}}}" if fits else "{…}")
        patterns.append(".".join(pattern))
    return patterns


def codebook(figures: Path, outputs: dict[str, dict], findings: list[dict]) -> str:
    """The codebook as CSV: one row per column of each figure's and table's CSV."""
    by_figure: dict[str, list[str]] = {}
    for finding in findings:
        if finding.get("figure"):
            by_figure.setdefault(finding["figure"], []).append(finding["id"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CODEBOOK)
    for path in sorted(figures.glob("*.csv")):
        label = path.stem
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        held = {name: {row[i] for row in body if i < len(row)} for i, name in enumerate(header)}
        meta = outputs.get(label, {})
        patterns = "; ".join(id_patterns(by_figure.get(label, []), held))
        for i, name in enumerate(header):
            writer.writerow([f"figures/{path.name}", meta.get("caption", ""), name,
                             column_unit(name, [row[i] for row in body if i < len(row)]),
                             meta.get("source", "").removeprefix("Source: "), patterns])
    return out.getvalue()


def section_outputs(build: Path) -> dict[str, dict]:
    """Every labelled figure and table output of the edition's executed sections: label -> meta."""
    found = {}
    for notebook in sorted((build / "notebooks").glob("*.ipynb")):
        found.update({label: item["meta"] for label, item in load_outputs(notebook).items()})
    return found


def write_data_zip(target: Path, figures: Path, findings_json: str, findings: list[dict], outputs: dict[str, dict],
                   readme: str) -> Path:
    """Write the zip to `target`: `<name>/figures/*.csv`, `<name>/findings.json`,
    `<name>/codebook.csv` and `<name>/README.txt`, in that order, byte for byte reproducible."""
    folder = target.name.removesuffix(".zip")
    members = [(f"{folder}/README.txt", readme.encode("utf-8")),
               (f"{folder}/codebook.csv", codebook(figures, outputs, findings).encode("utf-8")),
               (f"{folder}/findings.json", findings_json.encode("utf-8"))]
    members += [(f"{folder}/figures/{p.name}", p.read_bytes()) for p in sorted(figures.glob("*.csv"))]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=9)
    return target
