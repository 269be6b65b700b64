"""The baseline an analyst would write: pandas, explode and merge, the same outputs as
`briefing aggregate` (country totals and pairs, full and fractional, all and
corresponding attribution, plus corresponding-author partners).

Reads OpenAlex works JSON Lines in chunks (the whole file as Python objects does not
fit in memory at a million works). Usage: python bench/pandas_baseline.py --records DIR --out DIR
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

KEYS = ["field", "publication_year"]


def read_work_countries(paths: list[Path]) -> pd.DataFrame:
    """One row per work and country, with whether a corresponding author is there."""
    parts = []
    for path in paths:
        for chunk in pd.read_json(path, lines=True, chunksize=100_000, compression="infer"):
            topic = chunk["primary_topic"]
            chunk["field"] = topic.map(lambda t: t["field"]["display_name"] if isinstance(t, dict) else "Unclassified")
            authors = chunk[["id", *KEYS, "authorships"]].explode("authorships").dropna(subset=["authorships"])
            authors["country"] = authors["authorships"].str["countries"]
            authors["is_corresponding"] = authors["authorships"].str["is_corresponding"].fillna(False).astype(bool)
            rows = authors.drop(columns="authorships").explode("country").dropna(subset=["country"])
            parts.append(rows)
    both = pd.concat(parts, ignore_index=True)
    wc = both.groupby(["id", *KEYS, "country"], as_index=False)["is_corresponding"].max()
    wc["n"] = wc.groupby("id")["country"].transform("size")
    wc["k"] = wc.groupby("id")["is_corresponding"].transform("sum")
    return wc


def country_output(wc: pd.DataFrame) -> pd.DataFrame:
    frames = []
    for attribution, rows, den in (("all", wc, "n"), ("corresponding", wc[wc["is_corresponding"]], "k")):
        rows = rows.assign(intl=rows["n"] > 1, frac=1 / rows[den])
        rows = rows.assign(frac_intl=rows["frac"].where(rows["intl"], 0.0))
        out = rows.groupby([*KEYS, "country"], as_index=False).agg(
            works_total=("id", "size"), works_international=("intl", "sum"),
            frac_total=("frac", "sum"), frac_international=("frac_intl", "sum"))
        frames.append(out.assign(attribution=attribution))
    return pd.concat(frames, ignore_index=True)


def pairs_and_partners(wc: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    intl = wc[wc["n"] > 1]
    merged = intl.merge(intl, on=["id", *KEYS, "n", "k"], suffixes=("_a", "_b"))
    pairs = merged[merged["country_a"] < merged["country_b"]]
    pairs = pairs.assign(frac=2 / (pairs["n"] * (pairs["n"] - 1)),
                         corr=pairs["is_corresponding_a"] | pairs["is_corresponding_b"],
                         corr_frac=(pairs["is_corresponding_a"].astype(int) + pairs["is_corresponding_b"].astype(int))
                         / (pairs["k"].clip(lower=1) * (pairs["n"] - 1)))
    pair_table = pairs.groupby([*KEYS, "country_a", "country_b"], as_index=False).agg(
        works=("id", "size"), frac=("frac", "sum"), works_corresponding=("corr", "sum"),
        frac_corresponding=("corr_frac", "sum"))
    directed = merged[(merged["country_a"] != merged["country_b"]) & merged["is_corresponding_a"]]
    directed = directed.assign(frac=1 / (directed["k"] * (directed["n"] - 1)))
    partners = directed.groupby([*KEYS, "country_a", "country_b"], as_index=False).agg(
        works=("id", "size"), frac=("frac", "sum"))
    return pair_table, partners


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=Path, required=True, help="a folder of *.gz JSON Lines files")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    paths = sorted(args.records.rglob("*.gz")) if args.records.is_dir() else [args.records]
    wc = read_work_countries(paths)
    output = country_output(wc)
    pairs, partners = pairs_and_partners(wc)
    args.out.mkdir(parents=True, exist_ok=True)
    output.to_parquet(args.out / "country_output.parquet", index=False)
    pairs.to_parquet(args.out / "pairs.parquet", index=False)
    partners.to_parquet(args.out / "partners.parquet", index=False)
    works = wc["id"].nunique()
    print(f"pandas baseline: {works:,} works with a country in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
