"""World Bank WDI bulk CSVs (wide, ISO3, aggregates mixed in) to `rd_indicators`.

The World Bank publishes one bulk file per indicator (`API_<code>_DS2_<lang>_csv_v2_<n>.csv`);
a snapshot may hold several. Each file's indicator code must be a registry entry
(`data/indicators.yml`, `worldbank:`), which gives the canonical indicator id."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.errors import InputError
from briefing.sources.indicators import REGISTRY_FILE, Registry, for_root
from briefing.sources.readcsv import check_unique, fail_at, read_csv, read_text, to_float

ID_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
FILE_PREFIX = "API_"

# WDI 2026-07: aggregates (regions, income groups, lending groups) share the country
# column; they are dropped by this code list. CHI (Channel Islands) has no ISO code.
AGGREGATES = frozenset(["AFE", "AFW", "ARB", "CEB", "CHI", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS", "HIC", "HPC", "IBD", "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN", "LDC", "LIC", "LMC", "LMY", "LTE", "MEA", "MIC", "MNA", "NAC", "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA", "SSF", "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC", "WLD"])


def header_line(path: Path) -> int:
    """WDI files open with a preamble; the header is the line starting "Country Name"."""
    for number, line in enumerate(read_text(path).split("\n")[:20]):
        if line.startswith('"Country Name"') or line.startswith("Country Name"):
            return number
    raise InputError(str(path), "no header line starting with 'Country Name' in the first 20 lines "
                                "(not a WDI bulk CSV?)")


def file_code(path: Path) -> str | None:
    """The indicator code a bulk file's name gives: API_<code>_DS2_..., else None."""
    name = path.name
    if not name.startswith(FILE_PREFIX) or "_DS2_" not in name:
        return None
    return name[len(FILE_PREFIX): name.index("_DS2_")]


def read_file(path: Path, codes: dict[str, str]) -> pd.DataFrame:
    """One bulk file: countries kept, aggregates dropped, blanks dropped, long."""
    wide = read_csv(path, ID_COLUMNS, skip_lines=header_line(path))
    unknown = ~wide["Indicator Code"].isin(codes)
    fail_at(path, wide, unknown, "Indicator Code",
            f"indicator code matches no worldbank entry of {REGISTRY_FILE} (known: {', '.join(sorted(codes))}); "
            f"add the indicator there to read this file")
    expected = file_code(path) or wide["Indicator Code"].iloc[0]
    fail_at(path, wide, wide["Indicator Code"] != expected, "Indicator Code",
            f"expected {expected} (from the file name, or the first row): one indicator per file, "
            f"as the World Bank publishes them")
    years = [c for c in wide.columns if str(c).isdigit()]
    if not years:
        raise InputError(str(path), "no year columns in the header")
    iso3 = wide["Country Code"]
    is_country = iso3.map(lambda c: countries.from_alpha3(c) is not None)
    fail_at(path, wide, ~is_country & ~iso3.isin(AGGREGATES), "Country Code",
            "not an ISO 3166-1 alpha-3 code nor a known WDI aggregate")
    wide = wide[is_country]
    check_unique(path, wide, ["Country Code", "Indicator Code"])
    long = wide.melt(id_vars=ID_COLUMNS + ["_line"], value_vars=years, var_name="year", value_name="cell")
    long["value"] = to_float(path, long, "cell", minimum=0)
    long = long.dropna(subset=["value"])
    return pd.DataFrame({
        "source": "worldbank",
        "country": long["Country Code"].map(countries.from_alpha3),
        "year": long["year"].astype("int64"),
        "indicator": long["Indicator Code"].map(codes),
        "value": long["value"],
        "status": "",
    })


def read(files: dict[str, Path], registry: Registry | None = None) -> dict[str, pd.DataFrame]:
    codes = (registry or for_root()).wdi_codes()
    seen: dict[str, str] = {}
    frames = []
    for name, path in sorted(files.items()):
        code = file_code(path)
        if code in seen:
            raise InputError(str(path), f"a second bulk file of {code} (the first is {seen[code]}); keep one")
        seen[code or name] = name
        frames.append(read_file(path, codes))
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["source", "country", "year", "indicator", "value", "status"])
    return {"rd_indicators": table.reset_index(drop=True)}
