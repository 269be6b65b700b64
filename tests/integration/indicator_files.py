"""Publisher files of indicators the shipped registry does not know, made for the tests in the
exact layouts of the mirror's real files: a WDI bulk CSV (byte-order mark, four preamble lines,
ISO3 codes, aggregates mixed in, a trailing comma on every line) and an OECD Data Explorer
SDMX-CSV with labels (another dataflow; several series, aggregates and status flags mixed in).
Values are invented, deterministic, and read back independently by `expected_*`."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pycountry
import yaml

from tests.conftest import MIRROR

WDI_REAL = MIRROR / "worldbank" / "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv"
OECD_REAL = MIRROR / "oecd" / "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv"

WDI_CODE = "IP.JRN.ARTC.SC"
WDI_NAME = "Scientific and technical journal articles"
WDI_FILE = f"API_{WDI_CODE}_DS2_en_csv_v2_4711.csv"
SOF = "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_SOF,1.0"
SOF_FILE = f"{SOF}.csv"

JOURNALS = {"label": WDI_NAME, "unit": "articles", "decimals": 0, "sources": [{"worldbank": WDI_CODE}]}
ABROAD = {
    "label": "R&D expenditure funded from abroad, current PPP dollars",
    "short": "R&D funded from abroad",
    "description": "GERD financed by the rest of the world, in US dollars at purchasing power parity.",
    "unit": "usd_ppp_m", "axis": "Funded from abroad, US$ bn (current PPP)", "decimals": 2, "scale": 1000,
    "prefix": "$", "suffix": " bn",
    "sources": [{"oecd": {"dataflow": SOF, "expect": {"UNIT_MULT": "6"},
                          "select": {"FREQ": "A", "MEASURE": "G", "SECT_PERF": "_T", "SECT_FUND": "ROW",
                                     "TYPE_COST": "_T", "TYPE_RD": "_Z", "FORD": "_Z", "SEO": "_Z",
                                     "UNIT_MEASURE": "USD_PPP", "PRICE_BASE": "V"}}}],
}
SOF_FLOW = {"title": "Gross domestic expenditure on R&D by sector of performance and source of funds",
            "dimensions": ["REF_AREA", "FREQ", "MEASURE", "SECT_PERF", "SECT_FUND", "TYPE_COST", "TYPE_RD", "FORD",
                           "SEO", "UNIT_MEASURE", "PRICE_BASE"]}


def journals_value(iso3: str, year: int) -> str:
    """Invented but deterministic: every country and aggregate, 2000-2023; India stops in 2019."""
    if not 2000 <= year <= 2023 or (iso3 == "IND" and year > 2019):
        return ""
    return f"{(sum(map(ord, iso3)) * 37 % 5000 + 100) * (1 + (year - 2000) / 40):.3f}"


def wdi_file(folder: Path) -> Path:
    """The real WDI file's layout, rows and aggregates, with another indicator's code and values."""
    text = WDI_REAL.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    preamble, header, rows = lines[:4], next(csv.reader([lines[4]])), lines[5:]
    years = [c for c in header if c.isdigit()]
    out = [*preamble, lines[4]]
    for line in rows:
        if not line.strip():
            continue
        fields = next(csv.reader([line]))
        fields[2], fields[3] = WDI_NAME, WDI_CODE
        for i, year in enumerate(years, start=4):
            fields[i] = journals_value(fields[1], int(year))
        out.append(",".join(f'"{f}"' for f in fields[:-1]) + ",")
    path = folder / WDI_FILE
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(out) + "\n").encode("utf-8"))
    return path


def sdmx_file(folder: Path) -> Path:
    """The real TOE file's header and rows at current prices, relabelled as the source-of-funds
    dataflow: funds from abroad (ROW, value / 20) and from business (BES, a series no registry
    entry reads), plus the OECD aggregate."""
    with open(OECD_REAL, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [r for r in reader if r[header.index("PRICE_BASE")] == "V"]
    col = {name: header.index(name) for name in header}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows + [rows[0][:col["REF_AREA"]] + ["OECD", "OECD total"] + rows[0][col["REF_AREA"] + 2:]]:
        for fund, label, share in (("ROW", "Rest of the world", 20), ("BES", "Business enterprise sector", 2)):
            new = list(row)
            new[col["STRUCTURE_ID"]] = "OECD.STI.STP:DSD_RDS_GERD@DF_GERD_SOF(1.0)"
            new[col["STRUCTURE_NAME"]] = SOF_FLOW["title"]
            new[col["SECT_FUND"]], new[col["SECT_FUND"] + 1] = fund, label
            new[col["OBS_VALUE"]] = f"{float(row[col['OBS_VALUE']]) / share:.4f}"
            writer.writerow(new)
    path = folder / SOF_FILE
    path.write_text(buffer.getvalue().rstrip("\n"), encoding="utf-8")  # no final newline, as the OECD's
    return path


def mirror_with(folder: Path, *files: Path) -> Path:
    """A mirror: the real one's files, plus `files` in their source's folder (worldbank/ or oecd/)."""
    shutil.copytree(MIRROR, folder, copy_function=lambda src, dst: Path(dst).symlink_to(src))
    for sub in [folder, *(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink())]:
        sub.chmod(0o755)  # the mirror's folders are read-only; the copy's take new files
    for path in files:
        target = folder / ("worldbank" if path.name.startswith("API_") else "oecd") / path.name
        shutil.move(str(path), target)
    return folder


def add_to_registry(project: Path, indicators: dict, dataflows: dict | None = None) -> None:
    path = project / "data" / "indicators.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["indicators"].update(indicators)
    data["dataflows"].update(dataflows or {})
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def alpha2(iso3: str) -> str | None:
    found = pycountry.countries.get(alpha_3=iso3)
    return {"TWN": "TW"}.get(iso3, found.alpha_2 if found else None)


def expected_journals(path: Path, countries: list[str], start: int, end: int) -> dict[str, float]:
    """funding.journal_articles.<CC>.<year> read straight from the WDI file."""
    lines = path.read_text(encoding="utf-8-sig").split("\n")[4:]
    found = {}
    for row in csv.DictReader(lines):
        code = alpha2(row["Country Code"])
        for year in range(start, end + 1):
            if code in countries and row[str(year)]:
                found[f"funding.journal_articles.{code}.{year}"] = float(row[str(year)])
    return found


def expected_abroad(path: Path, countries: list[str], start: int, end: int) -> dict[str, float]:
    """funding.gerd_funded_abroad_usd_ppp_m.<CC>.<year> read straight from the SDMX-CSV."""
    found = {}
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, year = alpha2(row["REF_AREA"]), int(row["TIME_PERIOD"])
            if row["SECT_FUND"] == "ROW" and code in countries and start <= year <= end and row["OBS_VALUE"]:
                found[f"funding.gerd_funded_abroad_usd_ppp_m.{code}.{year}"] = float(row["OBS_VALUE"])
    return found
