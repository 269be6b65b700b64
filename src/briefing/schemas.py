"""pandera models of the canonical tables (DESIGN.md): keys, ranges and allowed codes.

`check(name, frame)` validates a table and turns the first failure into an
InputError naming the table, column, rule and offending value."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors
from pandera.typing import Series

from briefing import countries
from briefing.errors import InputError

SOURCES = ["openalex", "ncses", "worldbank", "oecd", "scopus"]
CODES = countries.all_codes()
YEAR = {"ge": 1900, "le": 2100}


class Pairs(pa.DataFrameModel):
    """Co-authored works per unordered country pair (country_a < country_b), full counting."""

    source: Series[str] = pa.Field(isin=SOURCES)
    field: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    year: Series[int] = pa.Field(**YEAR)
    country_a: Series[str] = pa.Field(isin=CODES)
    country_b: Series[str] = pa.Field(isin=CODES)
    works: Series[int] = pa.Field(ge=0)

    class Config:
        strict = True

    @pa.dataframe_check(error="country_a must sort before country_b")
    def ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["country_a"] < df["country_b"]


class CountryOutput(pa.DataFrameModel):
    """Works per country: total (where the source gives it) and internationally co-authored."""

    source: Series[str] = pa.Field(isin=SOURCES)
    field: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    year: Series[int] = pa.Field(**YEAR)
    country: Series[str] = pa.Field(isin=CODES)
    works_total: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    works_international: Series[pd.Int64Dtype] = pa.Field(ge=0)

    class Config:
        strict = True

    @pa.dataframe_check(error="works_international must not exceed works_total")
    def international_within_total(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["works_total"].isna() | (df["works_international"] <= df["works_total"])).astype(bool)


class RdIndicators(pa.DataFrameModel):
    """R&D inputs per country and year, one indicator a row, with the source's status flag."""

    source: Series[str] = pa.Field(isin=SOURCES)
    country: Series[str] = pa.Field(isin=CODES)
    year: Series[int] = pa.Field(**YEAR)
    indicator: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    value: Series[float] = pa.Field(ge=0)
    status: Series[str] = pa.Field(str_matches=r"^[A-Z0-9+]*$")

    class Config:
        strict = True

    @pa.dataframe_check(error="a percentage must be at most 100")
    def percent_range(cls, df: pd.DataFrame) -> Series[bool]:
        is_pct = df["indicator"].str.endswith("_pct") | df["indicator"].str.contains("_pct_")
        return ~is_pct | (df["value"] <= 100)


class Facts(pa.DataFrameModel):
    """Figures typed from published documents, one citation (document, locator, quote) a row."""

    id: Series[str] = pa.Field(str_matches=r"^seed\.[a-z0-9_]+(\.[A-Za-z0-9_-]+)*$", unique=True)
    statement: Series[str] = pa.Field(str_length={"min_value": 10})
    value: Series[float]
    unit: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    year: Series[str] = pa.Field(str_matches=r"^(\d{4}(-\d{4})?)?$")
    country: Series[str] = pa.Field(str_matches=r"^([A-Z]{2}(-[A-Z]{2})*|WORLD)?$")
    source_id: Series[str]
    seed_file: Series[str]
    locator: Series[str]
    quote: Series[str] = pa.Field(str_length={"min_value": 3})

    class Config:
        strict = True


KEYS: dict[str, list[str]] = {
    "pairs": ["source", "field", "year", "country_a", "country_b"],
    "country_output": ["source", "field", "year", "country"],
    "rd_indicators": ["source", "country", "year", "indicator"],
    "facts": ["id"],
}

MODELS: dict[str, type[pa.DataFrameModel]] = {
    "pairs": Pairs,
    "country_output": CountryOutput,
    "rd_indicators": RdIndicators,
    "facts": Facts,
}


def check(name: str, frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Validate `frame` as canonical table `name`; `origin` says where it came from."""
    return check_model(MODELS[name], KEYS[name], frame, f"{origin} -> table '{name}'")


def check_model(model: type[pa.DataFrameModel], keys: list[str], frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """Validate `frame` against `model` and unique `keys`; the first failure becomes an InputError."""
    try:
        valid = model.validate(frame, lazy=False)
    except (SchemaError, SchemaErrors) as exc:
        raise InputError(where, _describe(exc)) from None
    dup = valid.duplicated(subset=keys)
    if bool(dup.any()):
        row = valid[dup].iloc[0]
        key = ", ".join(f"{k}={row[k]}" for k in keys)
        raise InputError(where, f"duplicate key ({key})")
    return valid


def _describe(exc: SchemaError | SchemaErrors) -> str:
    check = getattr(exc, "check", None)
    rule = (getattr(check, "error", None) or getattr(check, "name", None)) if check is not None else None
    rule = rule or str(exc).splitlines()[0]
    if getattr(check, "name", "") == "isin":
        rule = "allowed values (ISO 3166-1 alpha-2 codes or the listed names)"
    column = getattr(getattr(exc, "schema", None), "name", None)
    cases = getattr(exc, "failure_cases", None)
    where = f"column '{column}' " if column and column in (exc.data.columns if hasattr(exc, "data") else []) else ""
    if isinstance(cases, pd.DataFrame) and not cases.empty:
        first = cases.iloc[0]
        index = first.get("index")
        shown = exc.data.loc[index].to_dict() if index is not None and hasattr(exc, "data") else {}
        case = first.get("failure_case")
        return f"{where}breaks rule: {rule} (row {index}: {shown or case!r})"
    return f"{where}breaks rule: {rule}"
