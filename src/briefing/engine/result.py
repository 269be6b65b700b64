"""What an engine hands back: integer counts for `briefing.engine.finish`, and how many works it read."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class Counts:
    country_counts: pd.DataFrame  # source, field, year, country, n, k, is_corresponding, works
    pair_counts: pd.DataFrame  # source, field, year, country_a, country_b, n, k, corr_a, corr_b, works
    works: int  # records read
    works_with_country: int  # records with at least one country
    works_with_corresponding: int  # records with a corresponding author's country
