"""Everything behind a published version in one download, `briefing-<edition>-v<N>-data.zip`:
the CSV behind every figure and table (numbers, one value a cell, units in the column names),
`findings.json`, `claims.json`, a codebook saying, for every column of every CSV, its type,
unit, meaning, the source it comes from and the pattern of the finding ids read from it, and
`datapackage.json`, the same description as a Frictionless Data Package (`report/datapackage`).
The codebook and the data package are written from one description (`describe`). The same
inputs give the same bytes (fixed order, timestamps and modes)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from briefing.report import key_figures
from briefing.report.book import load_outputs
from briefing.report.datapackage import datapackage

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time in the bytes
CODEBOOK = {  # the codebook's columns and what each holds
    "file": "the CSV, as its path in this folder", "title": "the caption of its figure or table",
    "column": "the column's name in the CSV", "type": "Table Schema type: integer, number, boolean or string",
    "unit": "the column's unit, or the kind of code or text it holds", "description": "the column's name in words",
    "source": "the source note of its figure or table", "finding_ids": "the ids of the findings read from the "
    "CSV (findings.json), as patterns: {column} is a value of that column, {…} any value"}
YEAR = "calendar year"
# Units by column name, from the names' conventions (STYLE.md: names carry unit and role).
UNITS = [
    (r"^((first|latest|peak|output|break)_)?year(_start|_end)?$|^(start|end|before_end|after_start)$", YEAR),
    (r"^(country|partner|pole|pole_a|pole_b|country_a|country_b|jurisdiction)(_cross)?$", "ISO 3166-1 alpha-2 code"),
    (r"^(pair|poles)$", "two ISO 3166-1 alpha-2 codes, A-B"),
    (r"^gerd_pct_gdp", "% of GDP"),
    (r"(^|_)cagr_pct$", "% a year (compound)"),
    (r"(^|_)(growth|change|jump)_pct$", "% change"),
    (r"_pp$", "percentage points"),
    (r"pct", "%"),
    (r"usd_ppp_m_const2015", "US$ million, constant 2015 PPP"),
    (r"usd_ppp_m", "US$ million, current PPP"),
    (r"(^|_)(works|articles|papers|events)(_|$)|^pairs_ranked$", "count"),
    (r"(^|_)rank(_cross)?$", "rank (1 = most)"),
    (r"index_start_100", "index, first year = 100"),
    (r"affinity", "index (1 = as many works as both countries' output predicts)"),
    (r"asymmetry|ratio", "ratio"),
    (r"^(source|source_id|source_cross|published_source_id)$", "source id (Appendix A; data/sources.yml)"),
]
# Words a column name abbreviates, spelled out for its description.
SPELLED = {"pct": "per cent", "pp": "percentage points", "gerd": "R&D expenditure (GERD)", "gdp": "GDP",
           "cagr": "compound annual growth", "usd": "US$", "ppp": "PPP", "m": "million", "intl": "international",
           "const2015": "constant 2015 prices", "ai": "AI", "cross": "in the second source", "start": "first year",
           "end": "latest year", "id": "id"}


@dataclass(frozen=True)
class Column:
    """One column of one CSV, as the codebook and the data package describe it."""

    file: str
    title: str
    name: str
    type: str  # integer | number | boolean | string (Table Schema types)
    unit: str
    description: str
    source: str
    finding_ids: str

    def row(self) -> list[str]:
        return [self.file, self.title, self.name, self.type, self.unit, self.description, self.source,
                self.finding_ids]


def data_zip_name(edition: str, version: int) -> str:
    return f"briefing-{edition}-v{version}-data.zip"


def column_unit(name: str, values: list[str]) -> str:
    for pattern, unit in UNITS:
        if re.search(pattern, name):
            if unit.startswith("ISO") and not all(re.fullmatch(r"[A-Z]{2}", v) for v in values if v):
                return "code: ISO 3166-1 alpha-2, or a group of countries"
            if unit == YEAR and not all(re.fullmatch(r"\d{4}", v) for v in values if v):
                return "calendar year, or a span of years (start-end)"
            return unit
    numeric = [v for v in values if v != ""]
    if numeric and all(_is_number(v) for v in numeric):
        return "number"
    return "text"


def column_type(values: list[str], unit: str) -> str:
    """The Table Schema type that reads every value (a missing value is an empty cell); a column
    with no value is a number when its unit is one."""
    present = [v for v in values if v != ""]
    if not present:
        return "string" if unit == "text" or unit.startswith(("ISO", "two ISO", "code", "source id")) else "number"
    if present and all(re.fullmatch(r"-?\d+", v) for v in present):
        return "integer"
    if present and all(_is_number(v) for v in present):
        return "number"
    if present and set(present) <= {"True", "False"}:
        return "boolean"
    return "string"


def column_description(name: str, unit: str) -> str:
    """What a column holds, in words: its name spelled out, then its unit ('works, first year; count')."""
    return ", ".join(SPELLED.get(part, part) for part in name.split("_")) + f"; {unit}"


def value_unit(label: str, values: list[str], header: list[str]) -> str:
    """The unit of a `value` column: the row's own, beside a `unit` column (cited facts); else
    the unit its file is named for (an indicator's figure, fig-gerd-pct-gdp-ranking)."""
    if "unit" in header:
        return "as the row's unit column says"
    return column_unit(label.split("-", 1)[-1].replace("-", "_"), values)


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


def describe(figures: Path, outputs: dict[str, dict], findings: list[dict]) -> list[Column]:
    """Every column of each figure's and table's CSV: its type, unit and meaning, the source
    of its file and the finding ids read from it. The codebook and the data package say this."""
    by_figure: dict[str, list[str]] = {}
    for finding in findings:
        if finding.get("figure"):
            by_figure.setdefault(finding["figure"], []).append(finding["id"])
    columns = []
    for path in sorted(figures.glob("*.csv")):
        label = path.stem
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        held = {name: [row[i] for row in body if i < len(row)] for i, name in enumerate(header)}
        meta = outputs.get(label, {})
        patterns = "; ".join(id_patterns(by_figure.get(label, []), {k: set(v) for k, v in held.items()}))
        for name in header:
            unit = value_unit(label, held[name], header) if name == "value" else column_unit(name, held[name])
            columns.append(Column(f"figures/{path.name}", meta.get("caption", ""), name, column_type(held[name], unit),
                                  unit, column_description(name, unit),
                                  meta.get("source", "").removeprefix("Source: "), patterns))
    return columns


def codebook_columns() -> list[Column]:
    """The codebook's own columns, described as the CSVs' are."""
    return [Column("codebook.csv", "Codebook: every column of every CSV in figures/", name, "string", "text",
                   text, "", "") for name, text in CODEBOOK.items()]


def codebook(columns: list[Column]) -> str:
    """The codebook as CSV: one row per column of each figure's and table's CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CODEBOOK)
    writer.writerows(column.row() for column in columns)
    return out.getvalue()


def section_outputs(build: Path) -> dict[str, dict]:
    """Every labelled figure and table output of the edition's executed sections, and the
    summary's key-figures chart: label -> meta."""
    found = {}
    for notebook in sorted((build / "notebooks").glob("*.ipynb")):
        found.update({label: item["meta"] for label, item in load_outputs(notebook).items()})
    return found | key_figures.outputs(build)


@dataclass(frozen=True)
class ZipContent:
    """What a data zip holds besides its CSVs: the findings (as published and as records), the
    checked claims (`claims.json`), the source catalogue (`data/sources.json`) and the README."""

    findings_json: str
    findings: list[dict]
    claims_json: str
    catalogue: dict
    readme: str
    title: str = ""


def write_data_zip(target: Path, figures: Path, outputs: dict[str, dict], content: ZipContent) -> Path:
    """Write the zip to `target`: `<name>/README.txt`, `<name>/datapackage.json`,
    `<name>/codebook.csv`, `<name>/findings.json`, `<name>/claims.json` and
    `<name>/figures/*.csv`, in that order, byte for byte reproducible."""
    folder = target.name.removesuffix(".zip")
    columns = describe(figures, outputs, content.findings)
    files = {"codebook.csv": codebook(columns).encode("utf-8"), "findings.json": content.findings_json.encode("utf-8"),
             "claims.json": content.claims_json.encode("utf-8")}
    files |= {f"figures/{p.name}": p.read_bytes() for p in sorted(figures.glob("*.csv"))}
    package = datapackage(folder, content.title, files, columns + codebook_columns(), content.catalogue)
    members = [(f"{folder}/README.txt", content.readme.encode("utf-8")),
               (f"{folder}/datapackage.json", package.encode("utf-8"))]
    members += [(f"{folder}/{name}", data) for name, data in files.items()]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=9)
    return target
