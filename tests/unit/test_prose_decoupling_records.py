"""The record-level comparison and the verdict on the essay's estimate: what a verdict
needs without records, the verdict with them, and each flipping with its input."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.decoupling_records import essay_verdict
from briefing.prose import decoupling_records as prose

UPPER = pd.DataFrame({"id": ["a", "b"], "country": ["CN", "AU"], "value": [15.0, 15.0]})


def records(cn_us: float, au_cn: float) -> pd.DataFrame:
    return pd.DataFrame({"field": "deep_learning", "country": ["CN", "CN", "AU", "AU"], "pole": ["US", "CN", "US", "CN"],
                         "share_pct": [cn_us, 0.0, 10.0, au_cn], "works_total": [1000, 1000, 200, 200],
                         "start": 2015, "end": 2019})


def test_without_records_the_section_is_left_out_and_the_verdict_says_what_it_needs():
    empty = records(1, 1).iloc[:0]
    summary = prose.records_summary(pd.DataFrame(), ["deep_learning"], [], 2015, 2019)
    assert summary.startswith("::: {.omitted}") and "no record-level papers of deep learning" in summary
    text = prose.verdict(essay_verdict(UPPER, empty))
    assert text.startswith("A verdict on the essay's estimate") and "needs the field's papers at record level" in text


def test_the_verdict_from_records_flips_with_the_measured_share():
    close = prose.verdict(essay_verdict(UPPER, records(14.0, 16.0)))
    assert "14.0% of China's papers had a co-author in the United States and 16.0% of Australia's papers had a " \
           "co-author in China" in close
    assert "both are close to the essay's 'up to nearly 15%'" in close
    high = prose.verdict(essay_verdict(UPPER, records(30.0, 31.0)))
    assert "both are above the essay's" in high
    mixed = prose.verdict(essay_verdict(UPPER, records(30.0, 15.0)))
    assert "China is above it; Australia is close to it" in mixed


def test_records_summary_compares_where_records_exist():
    compare = pd.DataFrame({"field": ["deep_learning"], "country": ["CN"], "pole": ["US"], "measure": ["output"],
                            "published_pct": [14.0], "records_pct": [12.5], "papers": [1000], "start": [2015],
                            "end": [2019]})
    text = prose.records_summary(compare, ["deep_learning", "quantum_computing"], ["deep_learning"], 2015, 2019)
    assert "papers with the United States were 12.5% of China's papers in these records, against 14% in the essay" in text
    assert "No records of quantum computing are in this build" in text
    assert "No records" not in prose.records_summary(compare, ["deep_learning"], ["deep_learning"], 2015, 2019)
