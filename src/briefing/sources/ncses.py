"""NCSES Science and Engineering Indicators tables to canonical tables.

Articles (Scopus, whole counts): SPBS-35 pairs, SPBS-33/99 totals (ncses_articles);
AI articles summed 2003-2022: SPBS-92 pair matrix, SPBS-91 totals (ncses_ai).
Shares of international articles with the United States, odd years 2003-2021: SPBS-36 and
SPBS-37 (ncses_shares), a second source for shares with the US.
R&D: SRD-1 GERD and GDP, SRD-2 GERD by sector and funds, RD-18 GBARD by objective (ncses_rd).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.sources import ncses_ai, ncses_articles, ncses_rd, ncses_shares
from briefing.sources.indicators import Registry, for_root
from briefing.sources.readcsv import fail_at

# NCSES 2024: rows that are not single economies. Gaza Strip and West Bank are listed
# apart (no ISO code each); Serbia and Montenegro is the pre-2006 union.
NOT_COUNTRIES = frozenset({"World", "EU-27", "Total OECD", "Unassigned", "Gaza Strip",
                           "West Bank", "Serbia and Montenegro", "All international"})


def country_codes(path: Path, frame: pd.DataFrame, column: str) -> pd.Series:
    """Alpha-2 codes for the English names in `column`; None for NOT_COUNTRIES rows."""
    names = frame[column].str.strip()
    codes = names.map(lambda n: None if n in NOT_COUNTRIES else countries.from_name(n))
    fail_at(path, frame, codes.isna() & ~names.isin(NOT_COUNTRIES), column, "unknown country name")
    return codes


def read(files: dict[str, Path], registry: Registry | None = None) -> dict[str, pd.DataFrame]:
    registry = registry or for_root()
    pairs = ncses_articles.pairs(files[ncses_articles.PAIRS_FILE], country_codes)
    output = ncses_articles.country_output(files[ncses_articles.OUTPUT_FILE], country_codes)
    rd = pd.concat([
        ncses_rd.gerd_gdp(files[ncses_rd.GERD_FILE], country_codes, registry),
        ncses_rd.gbard(files[ncses_rd.GBARD_FILE], country_codes, registry),
        ncses_rd.sector_funds(files[ncses_rd.SECTOR_FILE], country_codes, registry),
    ], ignore_index=True)
    return {"pairs": pairs, "country_output": output, "rd_indicators": rd,
            "period_pairs": ncses_ai.pair_matrix(files[ncses_ai.MATRIX_FILE], country_codes),
            "period_output": ncses_ai.totals(files[ncses_ai.TOTALS_FILE], country_codes),
            "partner_shares": ncses_shares.partner_shares(files, country_codes)}
