"""pandera models of the canonical tables (docs/architecture.md): keys, ranges and allowed codes.

`check(name, frame)` validates a table and turns the first failure into an
InputError naming the table, column, rule and offending value."""

from __future__ import annotations

import pandas as pd

from briefing import countries
from briefing.errors import InputError
from briefing.infra.pandera_import import SchemaError, SchemaErrorReason, SchemaErrors, Series, pa
from briefing.tables import KEYS, SOURCE_NAMES, YEAR

SOURCES = SOURCE_NAMES
CODES = countries.all_codes()


class _PairWorks(pa.DataFrameModel):
    """Columns shared by the yearly and the period pair tables."""

    source: Series[str] = pa.Field(isin=SOURCES)
    field: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    country_a: Series[str] = pa.Field(isin=CODES)
    country_b: Series[str] = pa.Field(isin=CODES)
    works: Series[int] = pa.Field(ge=0)

    class Config:
        strict = True

    @pa.dataframe_check(error="country_a must sort before country_b")
    def ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["country_a"] < df["country_b"]


class _OutputWorks(pa.DataFrameModel):
    """Columns shared by the yearly and the period output tables."""

    source: Series[str] = pa.Field(isin=SOURCES)
    field: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    country: Series[str] = pa.Field(isin=CODES)
    works_total: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    works_international: Series[pd.Int64Dtype] = pa.Field(ge=0)
    works_domestic: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check(error="works_international + works_domestic must not exceed works_total")
    def within_total(cls, df: pd.DataFrame) -> Series[bool]:
        """International and domestic-only works, alone and together, never exceed the total
        (they may fall short: NCSES leaves out articles with incomplete addresses)."""
        parts = df["works_international"] + df["works_domestic"].fillna(0)
        return (df["works_total"].isna() | (parts <= df["works_total"])).astype(bool)


class Pairs(_PairWorks):
    """Co-authored works per unordered country pair (country_a < country_b) and year, full counting."""

    class Config:
        unique = KEYS["pairs"]

    year: Series[int] = pa.Field(**YEAR)


class CountryOutput(_OutputWorks):
    """Works per country and year: total and domestic-only (where the source gives them)
    and internationally co-authored."""

    class Config:
        unique = KEYS["country_output"]

    year: Series[int] = pa.Field(**YEAR)


class PeriodPairs(_PairWorks):
    """Co-authored works per unordered country pair summed over a period (year_start to
    year_end), for sources that publish no yearly split. Full counting."""

    class Config:
        unique = KEYS["period_pairs"]

    year_start: Series[int] = pa.Field(**YEAR)
    year_end: Series[int] = pa.Field(**YEAR)

    @pa.dataframe_check(error="year_start must not be after year_end")
    def period(cls, df: pd.DataFrame) -> Series[bool]:
        return df["year_start"] <= df["year_end"]


class PeriodOutput(_OutputWorks):
    """Works per country summed over a period: total, internationally co-authored, domestic-only."""

    class Config:
        unique = KEYS["period_output"]

    year_start: Series[int] = pa.Field(**YEAR)
    year_end: Series[int] = pa.Field(**YEAR)

    @pa.dataframe_check(error="year_start must not be after year_end")
    def period(cls, df: pd.DataFrame) -> Series[bool]:
        return df["year_start"] <= df["year_end"]


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
        unique = KEYS["rd_indicators"]

    @pa.dataframe_check(error="a percentage must be at most 100")
    def percent_range(cls, df: pd.DataFrame) -> Series[bool]:
        is_pct = df["indicator"].str.endswith("_pct") | df["indicator"].str.contains("_pct_")
        return ~is_pct | (df["value"] <= 100)


class PartnerShares(pa.DataFrameModel):
    """A published share of a country's international articles co-authored with a partner (NCSES
    SPBS-36 and SPBS-37), per year: a second source for the briefing's own shares."""

    source: Series[str] = pa.Field(isin=SOURCES)
    field: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    year: Series[int] = pa.Field(**YEAR)
    country: Series[str] = pa.Field(isin=CODES)
    partner: Series[str] = pa.Field(isin=CODES)
    share_pct: Series[float] = pa.Field(ge=0, le=100)

    class Config:
        strict = True
        unique = KEYS["partner_shares"]


class Cited(pa.DataFrameModel):
    """The citation every hand-typed row carries: document, seed file, where in it, exact quote."""

    source_id: Series[str]
    seed_file: Series[str]
    locator: Series[str]
    quote: Series[str] = pa.Field(str_length={"min_value": 3})

    class Config:
        strict = True


class Facts(Cited):
    """Figures typed from published documents, one citation (document, locator, quote) a row."""

    class Config:
        unique = KEYS["facts"]

    id: Series[str] = pa.Field(str_matches=r"^seed\.[a-z0-9_]+(\.[A-Za-z0-9_-]+)*$")
    statement: Series[str] = pa.Field(str_length={"min_value": 10})
    value: Series[float]
    unit: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    year: Series[str] = pa.Field(str_matches=r"^(\d{4}(-\d{4})?)?$")
    country: Series[str] = pa.Field(str_matches=r"^([A-Z]{2}(-[A-Z]{2})*|WORLD)?$")


class Events(Cited):
    """Dated policy events from the seed documents, one citation (document, locator, quote) a row."""

    class Config:
        unique = KEYS["events"]

    id: Series[str] = pa.Field(str_matches=r"^ev\.[a-z0-9]+\.\d{4}\.[a-z0-9_]+$")
    date: Series[str] = pa.Field(str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_precision: Series[str] = pa.Field(isin=["day", "month", "year"])
    year: Series[int] = pa.Field(**YEAR)
    jurisdiction: Series[str] = pa.Field(str_matches=r"^([A-Z]{2}|G7|INTL)$")
    kind: Series[str] = pa.Field(isin=["law", "executive order/memorandum", "guideline", "programme",
                                       "trade measure", "agreement", "budget", "statement"])
    title: Series[str] = pa.Field(str_length={"min_value": 3})
    short: Series[str] = pa.Field(str_length={"min_value": 2, "max_value": 32})


class CountryNames(pa.DataFrameModel):
    """Each country's name in its own language and script, where that script is not Latin,
    as the Unicode CLDR gives it (the locale's display name of its own territory)."""

    code: Series[str] = pa.Field(isin=CODES)
    name: Series[str] = pa.Field(str_length={"min_value": 2})
    native_name: Series[str] = pa.Field(str_length={"min_value": 1})
    language: Series[str] = pa.Field(str_matches=r"^[a-z]{2,3}(_[A-Za-z]{2,4})*$")
    source: Series[str] = pa.Field(str_startswith="Unicode CLDR ")
    locator: Series[str] = pa.Field(str_length={"min_value": 3})

    class Config:
        strict = True
        unique = KEYS["country_names"]


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "pairs": Pairs,
    "country_output": CountryOutput,
    "period_pairs": PeriodPairs,
    "period_output": PeriodOutput,
    "rd_indicators": RdIndicators,
    "partner_shares": PartnerShares,
    "facts": Facts,
    "events": Events,
    "country_names": CountryNames,
}


def check(name: str, frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Validate `frame` as canonical table `name`; `origin` says where it came from."""
    return check_model(MODELS[name], frame, f"{origin} -> table '{name}'")


def check_model(model: type[pa.DataFrameModel], frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """Validate `frame` against `model` (its Config.unique is the key); the first failure becomes an InputError."""
    if not frame.index.is_unique:  # pandera 0.35 cannot report failures of a frame whose index repeats
        frame = frame.reset_index(drop=True)
    try:
        return model.validate(frame, lazy=False)
    except (SchemaError, SchemaErrors) as exc:
        raise InputError(where, _describe(exc)) from None


def _describe(exc: SchemaError | SchemaErrors) -> str:
    if getattr(exc, "reason_code", None) == SchemaErrorReason.DUPLICATES:
        keys = exc.schema.unique
        row = exc.data.loc[exc.failure_cases["index"].iloc[0]]
        return f"duplicate key ({', '.join(f'{k}={row[k]}' for k in keys)})"
    cases = getattr(exc, "failure_cases", None)
    if isinstance(cases, pd.DataFrame) and "check" in cases and (cases["check"] == "column_in_schema").any():
        extra = list(cases.loc[cases["check"] == "column_in_schema", "failure_case"])
        return f"unexpected column(s) {extra} (the table's columns are fixed)"
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
