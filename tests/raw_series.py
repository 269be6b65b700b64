"""Yearly series straight from the raw mirror files, by finding id, with code of the tests' own
(pandas and the csv module; nothing of `briefing`): what a sentence about a finding's series
must say is decided here, never by the code that writes the sentence.

`raw_series(mirror, finding_id, window, region)` gives {year: value} over the window for the
families the executive summary states; an id of another family is a KeyError, so a check
cannot pass by not knowing what it checks. `turn_year(series, kind)` is the tests' own reading
of the README's rule for a turn: a series that reached its high (or low) inside the window,
not in its first or latest year, and moved back from it by more than the threshold (half a
percentage point for shares, 3% for counts), after moving toward it by more than that."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

SHARE_PP, COUNT_PCT = 0.5, 3.0  # README, "Executive summary" and quality/thresholds.py's documented values
# The NCSES tables name countries in English.
NCSES_NAMES = {"JP": "Japan", "KR": "South Korea", "US": "United States", "CN": "China", "TW": "Taiwan",
               "DE": "Germany", "GB": "United Kingdom", "FR": "France", "AU": "Australia", "IN": "India",
               "SG": "Singapore", "CA": "Canada", "IT": "Italy", "ES": "Spain", "NL": "Netherlands",
               "SE": "Sweden", "CH": "Switzerland", "BR": "Brazil", "RU": "Russia", "TR": "Turkey", "IR": "Iran"}


@lru_cache(maxsize=2)
def openalex(mirror: Path) -> pd.DataFrame:
    return pd.read_csv(mirror / "openalex" / "country_pairs_1990_2023.csv", keep_default_na=False)


@lru_cache(maxsize=2)
def ncses_articles(mirror: Path) -> pd.DataFrame:
    return pd.read_csv(mirror / "ncses" / "sei2024_articles_by_coauthorship_2003_2022.csv")


@lru_cache(maxsize=2)
def wdi(mirror: Path) -> pd.DataFrame:
    path = next((mirror / "worldbank").glob("API_GB.XPD.RSDV.GD.ZS_DS2_*.csv"))
    return pd.read_csv(path, skiprows=4)


def pair_works(mirror: Path, a: str, b: str) -> dict[int, float]:
    lo, hi = sorted((a, b))
    rows = openalex(mirror)
    rows = rows[(rows["country_a"] == lo) & (rows["country_b"] == hi)]
    return {int(y): float(w) for y, w in zip(rows["year"], rows["works"], strict=True)}


def share(mirror: Path, country: str, partner: str) -> dict[int, float]:
    pair, total = pair_works(mirror, country, partner), pair_works(mirror, country, country)
    return {y: 100 * w / total[y] for y, w in pair.items() if total.get(y)}


def region_rank(mirror: Path, region: list[str], a: str, b: str) -> dict[int, float]:
    rows = openalex(mirror)
    inside = rows[rows["country_a"].isin(region) & rows["country_b"].isin(region) & (rows["country_a"] != rows["country_b"])]
    lo, hi = sorted((a, b))
    out = {}
    for year, group in inside.groupby("year"):
        mine = group[(group["country_a"] == lo) & (group["country_b"] == hi)]
        if len(mine):
            out[int(year)] = float(1 + (group["works"] > mine["works"].iloc[0]).sum())
    return out


def ncses_name(code: str) -> str:
    """The English name NCSES writes for a country: the map above, else the ISO short name (pycountry's)."""
    import pycountry

    if code in NCSES_NAMES:
        return NCSES_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


def intl_rate(mirror: Path, country: str) -> dict[int, float]:
    rows = ncses_articles(mirror)
    rows = rows[(rows["field"] == "All S&E fields") & (rows["country"] == ncses_name(country))]
    total = rows[rows["attribute"] == "Total articles"].set_index("year")["articles"]
    intl = rows[rows["attribute"] == "Total articles > With international institutions"].set_index("year")["articles"]
    return {int(y): 100 * float(intl[y]) / float(total[y]) for y in intl.index if y in total.index}


def intensity(mirror: Path, country: str) -> dict[int, float]:
    import pycountry

    frame = wdi(mirror)
    row = frame[frame["Country Code"] == pycountry.countries.get(alpha_2=country).alpha_3]
    return {int(c): float(row[c].iloc[0]) for c in frame.columns if re.fullmatch(r"\d{4}", str(c))
            and len(row) and pd.notna(row[c].iloc[0])}


OECD_GERD = "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv"
# GERD at constant 2015 PPP prices, as data/indicators.yml selects it from the dataflow (documented there).
OECD_CONSTANT = {"FREQ": "A", "MEASURE": "G", "SECT_PERF": "_T", "SECT_FUND": "_Z", "TYPE_COST": "_T", "TYPE_RD": "_Z",
                 "FORD": "_Z", "SEO": "_Z", "UNIT_MEASURE": "USD_PPP", "PRICE_BASE": "Q"}


@lru_cache(maxsize=2)
def oecd_gerd(mirror: Path) -> pd.DataFrame:
    return pd.read_csv(mirror / "oecd" / OECD_GERD, dtype=str, keep_default_na=False)


def gerd_constant(mirror: Path, country: str) -> dict[int, float]:
    import pycountry

    rows = oecd_gerd(mirror)
    for column, wanted in OECD_CONSTANT.items():
        rows = rows[rows[column] == wanted]
    rows = rows[(rows["REF_AREA"] == pycountry.countries.get(alpha_2=country).alpha_3) & (rows["OBS_VALUE"] != "")]
    return {int(y): float(v) for y, v in zip(rows["TIME_PERIOD"], rows["OBS_VALUE"], strict=True)}


FAMILIES = [
    (r"^pair\.works\.(?P<a>\w\w)-(?P<b>\w\w)$", lambda m, g, region: pair_works(m, g["a"], g["b"]), "count"),
    (r"^poles\.pair_works\.(?P<a>\w\w)-(?P<b>\w\w)$", lambda m, g, region: pair_works(m, g["a"], g["b"]), "count"),
    (r"^(exposure\.share_pct|share\.intl_pct)\.(?P<a>\w\w)\.(?P<b>\w\w)$", lambda m, g, region: share(m, g["a"], g["b"]),
     "share"),
    (r"^pair\.rank\.[a-z0-9-]+\.(?P<a>\w\w)-(?P<b>\w\w)$", lambda m, g, region: region_rank(m, region, g["a"], g["b"]),
     "rank"),
    (r"^output\.intl_rate_pct\.(?P<a>\w\w)$", lambda m, g, region: intl_rate(m, g["a"]), "share"),
    (r"^funding\.gerd_pct_gdp\.(?P<a>\w\w)$", lambda m, g, region: intensity(m, g["a"]), "intensity"),
    (r"^funding\.gerd_usd_ppp_m_const2015\.(?P<a>\w\w)$", lambda m, g, region: gerd_constant(m, g["a"]), "amount"),
]


def raw_series(mirror: Path, prefix: str, window: tuple[int, int], region: list[str]) -> tuple[dict[int, float], str]:
    """({year: value} inside the window, kind) of the series `prefix` (an id without its year)."""
    for pattern, read, kind in FAMILIES:
        found = re.match(pattern, prefix)
        if found:
            values = read(mirror, found.groupdict(), region)
            return {y: v for y, v in sorted(values.items()) if window[0] <= y <= window[1]}, kind
    raise KeyError(f"no raw series for {prefix}: teach tests/raw_series.py its family before a sentence states it")


def moved(before: float, after: float, kind: str) -> float:
    """In points for shares, per cent for counts and R&D intensity."""
    return after - before if kind == "share" else 100 * (after / before - 1)


def threshold(kind: str) -> float:
    return SHARE_PP if kind == "share" else COUNT_PCT


def turn_year(series: dict[int, float], kind: str) -> int | None:
    """The year of the series' turn inside its span, or None (ranks are not turned)."""
    if kind == "rank" or len(series) < 3:
        return None
    years = sorted(series)
    first, latest = series[years[0]], series[years[-1]]
    found = []
    for pick in (max, min):
        extreme = pick(series.values())
        year = max(y for y in years if series[y] == extreme)
        if year in (years[0], years[-1]):
            continue
        back, toward = moved(extreme, latest, kind), moved(first, extreme, kind)
        if abs(back) > threshold(kind) and abs(toward) > threshold(kind) and (back < 0) == (pick is max):
            found.append(year)
    return max(found) if found else None
