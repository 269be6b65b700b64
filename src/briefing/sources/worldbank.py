"""World Bank WDI bulk CSV (wide, ISO3, aggregates mixed in) to `rd_indicators`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.errors import InputError
from briefing.sources.readcsv import check_unique, fail_at, read_csv, read_text, to_float

INDICATORS = {"GB.XPD.RSDV.GD.ZS": "gerd_pct_gdp"}
ID_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]

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


def read(files: dict[str, Path]) -> dict[str, pd.DataFrame]:
    (path,) = files.values()
    wide = read_csv(path, ID_COLUMNS, skip_lines=header_line(path))
    unknown = ~wide["Indicator Code"].isin(INDICATORS)
    fail_at(path, wide, unknown, "Indicator Code", f"indicator not handled (known: {sorted(INDICATORS)})")
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
    table = pd.DataFrame({
        "source": "worldbank",
        "country": long["Country Code"].map(countries.from_alpha3),
        "year": long["year"].astype("int64"),
        "indicator": long["Indicator Code"].map(INDICATORS),
        "value": long["value"],
        "status": "",
    })
    return {"rd_indicators": table.reset_index(drop=True)}
