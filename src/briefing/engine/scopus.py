"""Scopus CSV exports as work records in the OpenAlex works shape.

Each author's countries come from `Authors with affiliations` (matched against the
record's `Affiliations`, whose entries end with a country name); the
corresponding author's country from `Correspondence Address` ("Name; address,
Country; email: ..."), as bibliometrix attributes a paper to its reprint author's
country. The corresponding author becomes an extra authorship flagged
`is_corresponding`: the engine only needs the sets of countries.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from briefing import countries
from briefing.engine.inputs import RecordFiles
from briefing.errors import InputError
from briefing.sources.readcsv import read_text

REQUIRED = ["Year", "Affiliations", "Authors with affiliations", "Correspondence Address", "EID"]

WORKS_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("publication_year", pa.int64()),
    ("primary_topic", pa.struct([("field", pa.struct([("display_name", pa.string())])),
                                 ("subfield", pa.struct([("display_name", pa.string())]))])),
    ("authorships", pa.list_(pa.struct([
        ("countries", pa.list_(pa.string())),
        ("institutions", pa.list_(pa.struct([("country_code", pa.string())]))),
        ("is_corresponding", pa.bool_()),
    ]))),
])


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (first line, cells) of every record; fields may span lines."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError(str(path), f"not a well-formed CSV ({exc})") from None
    rows, start = [], reader.line_num + 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}, line {start}", f"not a well-formed CSV ({exc})") from None
    return header, rows


def _aligned(path: Path, header: list[str], line: int, cells: list[str]) -> dict[str, str]:
    if len(cells) == len(header):
        return dict(zip(header, cells, strict=True))
    # Scopus exports (litstudy sample, 2022): records with funding text carry a
    # 'Funding Text 2' cell that the header does not name, right after 'Funding Text 1'.
    if len(cells) == len(header) + 1 and "Funding Text 1" in header and "Funding Text 2" not in header:
        at = header.index("Funding Text 1") + 1
        return dict(zip([*header[:at], "Funding Text 2", *header[at:]], cells, strict=True))
    raise InputError(f"{path}, line {line}", f"{len(cells)} cells where the header has {len(header)}")


def country_of(text: str) -> str | None:
    """ISO alpha-2 for the country an affiliation or address ends with, or None."""
    last = text.rsplit(",", 1)[-1].strip()
    if not last:
        return None
    code = countries.from_name(last)
    if code is not None:
        return code
    # Scopus 2022: a missing separator glues the country to the institution
    # ("Cairo UniversityEgypt"); accept a known country name at the very end.
    for size in range(min(len(last), 40), 3, -1):
        code = countries.from_name(last[-size:].strip())
        if code is not None:
            return code
    return None


def _country(path: Path, line: int, column: str, text: str) -> str:
    code = country_of(text)
    if code is None:
        raise InputError(f"{path}, line {line}, column '{column}'",
                         f"no country name at the end of {text.strip()[:120]!r}")
    return code


def _authorships(path: Path, line: int, record: dict[str, str]) -> list[dict]:
    affiliations = [a.strip() for a in record["Affiliations"].split(";") if a.strip()]
    codes = {a: _country(path, line, "Affiliations", a) for a in affiliations}
    authorships = []
    for author in (a for a in record["Authors with affiliations"].split(";") if a.strip()):
        found = sorted({code for aff, code in codes.items() if aff in author})
        authorships.append({"countries": found, "institutions": [], "is_corresponding": False})
    if not authorships and codes:  # affiliations listed without authors
        authorships.append({"countries": sorted(set(codes.values())), "institutions": [], "is_corresponding": False})
    address = record["Correspondence Address"]
    parts = [p.strip() for p in address.split(";") if p.strip() and not p.strip().startswith("email:")]
    if len(parts) >= 2:
        code = _country(path, line, "Correspondence Address", parts[1])
        authorships.append({"countries": [code], "institutions": [], "is_corresponding": True})
    return authorships


def read_scopus(path: Path, field: str | None = None) -> pa.Table:
    """A Scopus CSV export as work records (id = EID), in the OpenAlex works shape."""
    header, rows = _rows(path)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(str(path), f"missing column(s) {missing}; is this a Scopus CSV export?")
    if not rows:
        raise InputError(str(path), "file has a header but no records")
    topic = {"field": {"display_name": field}, "subfield": {"display_name": field}} if field else None
    works = []
    for line, cells in rows:
        record = _aligned(path, header, line, cells)
        year = record["Year"].strip()
        if not year.isdigit() or not 1900 <= int(year) <= 2100:
            raise InputError(f"{path}, line {line}, column 'Year'", f"not a year (got {year!r})")
        if not record["EID"].strip():
            raise InputError(f"{path}, line {line}, column 'EID'", "empty record id")
        works.append({"id": record["EID"].strip(), "publication_year": int(year), "primary_topic": topic,
                      "authorships": _authorships(path, line, record)})
    return pa.Table.from_pylist(works, schema=WORKS_SCHEMA)


def scopus_records(files: RecordFiles, scratch: Path, field: str | None) -> list[Path]:
    """Each Scopus export as Parquet work records in the OpenAlex shape, for the engines."""
    written = []
    for i, path in enumerate(files.scopus):
        target = scratch / f"scopus-{i:04d}.parquet"
        pq.write_table(read_scopus(path, field), target)
        written.append(target)
    return written
