"""OECD SDMX-CSV files (the Data Explorer's downloads, labels included) to `rd_indicators`.

A snapshot may hold several dataflows, one file each (`<agency>,<dataflow>,<version>*.csv`,
as the Data Explorer names them). The registry (`data/indicators.yml`, `oecd:`) says which
series of a dataflow give which indicator: the rows whose dimensions equal an entry's
`select` are that indicator's, every other series of the file is left aside. The source's
observation status flags (B break, P provisional, E estimated, ...) are kept, joined by +."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.errors import InputError
from briefing.sources.indicators import REGISTRY_FILE, OecdRef, Registry, for_root
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_float, to_year

COLUMNS = ["STRUCTURE_ID", "REF_AREA", "TIME_PERIOD", "OBS_VALUE"]
STATUS_COLUMNS = ["OBS_STATUS", "OBS_STATUS_2", "OBS_STATUS_3"]


def is_aggregate(code: str) -> bool:
    """OECD 2024: groups share REF_AREA with economies under codes that are not three letters
    (OECD, EU27_2020, EA20, G20...); they are left aside. A three-letter code must be a country."""
    return not (len(code) == 3 and code.isalpha() and code.isupper())


def dataflow_of(path: Path, raw: pd.DataFrame, registry: Registry) -> str:
    """The registry dataflow the file holds (STRUCTURE_ID), checked against the file's name."""
    known = {ref.agency_flow: ref.dataflow for _, ref in registry.oecd_series()}
    fail_at(path, raw, ~raw["STRUCTURE_ID"].isin(known), "STRUCTURE_ID",
            f"dataflow matches no oecd entry of {REGISTRY_FILE} (known: {', '.join(sorted(known))}); "
            f"add its series there to read this file")
    first = raw["STRUCTURE_ID"].iloc[0]
    fail_at(path, raw, raw["STRUCTURE_ID"] != first, "STRUCTURE_ID", f"one dataflow per file (first: {first})")
    dataflow = known[first]
    if not path.name.startswith(dataflow):
        raise InputError(str(path), f"holds dataflow {dataflow}: name the file {dataflow}.csv, as the "
                                    f"OECD Data Explorer does")
    return dataflow


def series_rows(path: Path, raw: pd.DataFrame, ind_id: str, ref: OecdRef) -> pd.DataFrame:
    """The rows of one registry series, with its `expect`ed attributes checked."""
    lacking = [c for c in [*ref.select, *ref.expect] if c not in raw.columns]
    if lacking:
        raise InputError(str(path), f"lacks column {lacking[0]}, a dimension or attribute that "
                                    f"{REGISTRY_FILE} indicators.{ind_id} selects on (dataflow {ref.dataflow})")
    chosen = raw.loc[(raw[list(ref.select)] == pd.Series(ref.select)).all(axis=1)]
    for column, value in ref.expect.items():
        fail_at(path, chosen, chosen[column] != value, column, f"{ind_id} is read with {column}={value} "
                                                               f"({REGISTRY_FILE})")
    return chosen.assign(indicator=ind_id)


def read_file(path: Path, registry: Registry) -> pd.DataFrame:
    raw = read_csv(path, COLUMNS)
    dataflow = dataflow_of(path, raw, registry)
    parts = [series_rows(path, raw, ind_id, ref) for ind_id, ref in registry.oecd_series(dataflow)]
    rows = pd.concat(parts, ignore_index=True).sort_values("_line", kind="stable")
    rows = rows[~rows["REF_AREA"].map(is_aggregate)]
    alpha2 = rows["REF_AREA"].map(countries.from_alpha3)
    fail_at(path, rows, alpha2.isna(), "REF_AREA", "not an ISO 3166-1 alpha-3 country code")
    rows = rows.assign(year=to_year(path, rows, "TIME_PERIOD"),
                       value=to_float(path, rows, "OBS_VALUE", minimum=0))
    check_unique(path, rows, ["REF_AREA", "indicator", "TIME_PERIOD"])
    flags = rows.reindex(columns=STATUS_COLUMNS, fill_value="")
    status = flags.apply(lambda row: "+".join(f for f in row if f), axis=1) if len(rows) else flags.iloc[:, 0]
    table = pd.DataFrame({"source": "oecd", "country": alpha2, "year": rows["year"],
                          "indicator": rows["indicator"], "value": rows["value"], "status": status})
    return table.dropna(subset=["value"])


def read(files: dict[str, Path], registry: Registry | None = None) -> dict[str, pd.DataFrame]:
    registry = registry or for_root()
    frames = [read_file(path, registry) for _, path in sorted(files.items())]
    table = pd.concat(frames, ignore_index=True)
    duplicated = table.duplicated(["country", "year", "indicator"])
    if duplicated.any():
        row = table[duplicated].iloc[0]
        raise InputError(", ".join(sorted(files)), f"two files give {row['indicator']} for {row['country']} "
                                                   f"in {row['year']}; keep one file per dataflow")
    return {"rd_indicators": table.reset_index(drop=True)}
