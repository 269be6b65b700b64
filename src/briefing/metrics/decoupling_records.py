"""Field-level exposure from records (the essay's method: papers attributed to the
corresponding author's country, share co-authored with each pole), set beside the
essay's published figures; where no records are snapshotted, the published figures stand."""

from __future__ import annotations

import re

import pandas as pd

from briefing.engine.exposure import corresponding_exposure, pooled
from briefing.metrics.facts import cite

# Fact ids name the essay's fields by prefix: seed.<dl|qc>[_intl]_share_pct.<CC>.<POLE>.<start>-<end>
FACT_ID = re.compile(r"^seed\.(?P<prefix>[a-z]+)_(?P<intl>intl_)?share_pct\.(?P<country>[A-Z]{2})\."
                     r"(?P<pole>[A-Z]{2})\.(?P<start>\d{4})-(?P<end>\d{4})$")
FIELD_OF = {"dl": "deep_learning", "qc": "quantum_computing"}


def essay_figures(facts: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The essay's field shares: field, country, pole, measure (output | international), published %."""
    rows = []
    for fact in cite(facts, ids).itertuples():
        match = FACT_ID.match(fact.id)
        if not match or match["prefix"] not in FIELD_OF:
            continue
        rows.append({"id": fact.id, "field": FIELD_OF[match["prefix"]], "country": match["country"],
                     "pole": match["pole"], "measure": "international" if match["intl"] else "output",
                     "published_pct": float(fact.value), "start": int(match["start"]), "end": int(match["end"]),
                     "source_id": fact.source_id})
    columns = ["id", "field", "country", "pole", "measure", "published_pct", "start", "end", "source_id"]
    return pd.DataFrame(rows, columns=columns)


def reaches(window: tuple[int, int] | None, start: int, end: int) -> bool:
    """Whether the edition's window (first, last year) holds the whole record period start-end."""
    return window is None or (window[0] <= start and end <= window[1])


def records_exposure(partners: pd.DataFrame, output: pd.DataFrame, poles: list[str], start: int,
                     end: int, window: tuple[int, int] | None = None) -> pd.DataFrame:
    """Per field and corresponding-author country, works with each pole over `start`-`end`
    (full counting), as a share of all its works and of its international works; none when the
    edition's `window` does not hold the whole period (a pooled figure is never cut short)."""
    if partners.empty or output.empty or not reaches(window, start, end):
        return pd.DataFrame(columns=["field", "country", "pole", "works", "works_total", "works_international",
                                     "share_pct", "intl_share_pct", "start", "end"])
    summed = pooled(corresponding_exposure(partners, output, poles), start, end)
    summed = summed[summed["works_total"] > 0]
    intl = 100 * summed["works"] / summed["works_international"].where(summed["works_international"] > 0)
    return summed.assign(intl_share_pct=intl).drop(columns=["source"]).reset_index(drop=True)


def essay_vs_records(essay: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Each published figure beside the same measure from records, when this build has them."""
    joined = essay.merge(records[["field", "country", "pole", "share_pct", "intl_share_pct", "works_total",
                                  "works_international"]],
                         on=["field", "country", "pole"], how="left", validate="m:1")
    output = joined["measure"] == "output"
    return joined.assign(records_pct=joined["share_pct"].where(output, joined["intl_share_pct"]),
                         papers=joined["works_total"].where(output, joined["works_international"])).drop(
        columns=["share_pct", "intl_share_pct", "works_total", "works_international"]).sort_values(
        ["field", "measure", "country", "pole"], kind="stable").reset_index(drop=True)


def essay_verdict(upper: pd.DataFrame, records: pd.DataFrame, field: str = "deep_learning") -> pd.DataFrame:
    """The essay's upper estimate for each country (facts `seed.dl_exposure_upper_pct.<CC>.<period>`)
    beside the share of that country's papers in `field` co-authored with the other pole, from
    records (the share a full break would touch): country, pole, published_pct, records_pct,
    papers. No rows without records of the field."""
    columns = ["country", "pole", "published_pct", "records_pct", "papers", "start", "end"]
    mine = records[records["field"] == field] if len(records) else records
    rows = []
    for fact in upper.itertuples():
        own = mine[(mine["country"] == fact.country) & (mine["pole"] != fact.country)] if len(mine) else mine
        if own.empty:
            continue
        top = own.sort_values("share_pct", ascending=False).iloc[0]
        rows.append({"country": fact.country, "pole": top["pole"], "published_pct": float(fact.value),
                     "records_pct": float(top["share_pct"]), "papers": int(top["works_total"]),
                     "start": int(top["start"]), "end": int(top["end"])})
    return pd.DataFrame(rows, columns=columns)
