"""Integer counts -> the output tables, the same code for every engine.

Each engine hands back whole-work counts per key and per (n, k, corresponding flags)
(`briefing.engine.query`); every float is made here, in one place, from those
integers, so DuckDB and Spark give the same bytes. The arithmetic runs in DuckDB
(in memory, on the counts only: a few hundred thousand rows at a million works).

Float sums depend on the order of their terms, and a parallel aggregate meets them
in any order. So each term (works times its weight, such as 1/n) is first made an
exact integer in units of 2^-64, rounded once; integer sums are the same in any
order; each total becomes a float by one division at the end. Rounding costs at
most 2^-64 of a work per term, far below what a float of the total can show.

Counting and attribution:
- country_output: full counts a work once per country; fractional counts 1/n
  (n distinct countries). Corresponding attribution keeps the countries of
  corresponding authors; fractional gives each of the k such countries 1/k.
- pairs (country_a < country_b): full counts a work once per pair on it;
  fractional 1 / C(n, 2), so a work's pairs sum to 1. Corresponding: the pairs
  that include a corresponding country; fractional (corr_a + corr_b) / (k (n - 1)):
  each corresponding country's 1/k split over its n - 1 partners.
- partners (directed, corresponding attribution): works whose corresponding
  author is in `country`, with `partner`; fractional 1 / (k (n - 1)), so a
  country's partners sum to its fractional international works.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from briefing.engine.query import slug

KEYS = "source, field, year"
SCALE = 2 ** 64  # fixed point: a term is works * weight in units of 2^-64, rounded once


def fx(numerator: str, denominator: str) -> str:
    """`numerator / denominator` as a fixed-point integer (HUGEINT), rounded half up.

    The denominator is taken as at least 1: an aggregate's FILTER drops rows after their
    terms are computed, so rows it drops (k = 0) must not divide by zero."""
    d = f"GREATEST({denominator}, 1)"
    return f"((CAST({numerator} AS HUGEINT) * {SCALE} + {d} // 2) // {d})"


CORRESPONDING_PAIR = "corr_a OR corr_b"
SHARE = "(CAST(corr_a AS BIGINT) + CAST(corr_b AS BIGINT))"


def _table(rows: str, key: str, values: dict[str, str],
           weights: dict[tuple[str, str], tuple[str, str, str | None]]) -> str:
    """One output table: per key, a sum of each value for every (counting, attribution), as rows.

    `values`: output column -> integer expression (the works it counts, 0 when not).
    `weights`: (counting, attribution) -> (the weight's numerator and denominator, a filter or None);
    a weight of 1/1 (full counting) is summed as integers, others as fixed-point terms."""
    sums, labelled = [], []
    order = sorted(weights)  # the rows of one key in (counting, attribution) order
    for (counting, attribution), (numerator, denominator, condition) in weights.items():
        where = f" FILTER (WHERE {condition})" if condition else ""
        columns = []
        for column, value in values.items():
            name = f"{column}_{counting}_{attribution}"
            term = value if denominator == "1" else fx(f"{value} * {numerator}", denominator)
            sums.append(f"sum({term}){where} AS {name}")
            scale = "" if denominator == "1" else f" / {SCALE}"
            columns.append(f"CAST({name} AS DOUBLE){scale} AS {column}")
        first = f"{next(iter(values))}_{counting}_{attribution}"
        labelled.append(f"SELECT {KEYS}, {key}, {', '.join(columns)}, '{counting}' AS counting, "
                        f"'{attribution}' AS attribution, rank, {order.index((counting, attribution))} AS label "
                        f"FROM sums WHERE {first} IS NOT NULL")
    union = "\nUNION ALL\n".join(labelled)
    # Keys are ranked once, on the summed rows (a quarter of the output); the output is then
    # ordered by two integers instead of five text and number columns.
    return f"""WITH sums AS MATERIALIZED (
    SELECT {KEYS}, {key}, {', '.join(sums)}, row_number() OVER (ORDER BY {KEYS}, {key}) AS rank
    FROM ({rows}) AS counted GROUP BY {KEYS}, {key})
SELECT * EXCLUDE (rank, label) FROM ({union}) AS labelled
ORDER BY rank, label"""


COUNTRY_OUTPUT = _table(
    "SELECT *, CASE WHEN n > 1 THEN works ELSE 0 END AS international FROM c", "country",
    {"works_total": "works", "works_international": "international"},
    {("full", "all"): ("1", "1", None), ("fractional", "all"): ("1", "n", None),
     ("full", "corresponding"): ("1", "1", "is_corresponding"),
     ("fractional", "corresponding"): ("1", "k", "is_corresponding")})

PAIRS = _table(
    "SELECT * FROM p", "country_a, country_b", {"works": "works"},
    {("full", "all"): ("1", "1", None), ("fractional", "all"): ("2", "n * (n - 1)", None),
     ("full", "corresponding"): ("1", "1", CORRESPONDING_PAIR),
     ("fractional", "corresponding"): (SHARE, "k * (n - 1)", CORRESPONDING_PAIR)})

PARTNERS = _table(
    f"""SELECT {KEYS}, country_a AS country, country_b AS partner, n, k, works FROM p WHERE corr_a
        UNION ALL
        SELECT {KEYS}, country_b, country_a, n, k, works FROM p WHERE corr_b""", "country, partner",
    {"works": "works"},
    {("full", "corresponding"): ("1", "1", None), ("fractional", "corresponding"): ("1", "k * (n - 1)", None)})

COUNTRY_SCHEMA = pa.schema([("source", pa.string()), ("field", pa.string()), ("year", pa.int64()),
                            ("country", pa.string()), ("n", pa.int64()), ("k", pa.int64()),
                            ("is_corresponding", pa.bool_()), ("works", pa.int64())])
PAIR_SCHEMA = pa.schema([("source", pa.string()), ("field", pa.string()), ("year", pa.int64()),
                         ("country_a", pa.string()), ("country_b", pa.string()), ("n", pa.int64()),
                         ("k", pa.int64()), ("corr_a", pa.bool_()), ("corr_b", pa.bool_()), ("works", pa.int64())])


def _counts(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """Counts as Arrow with fixed types (an empty frame from an engine has no types to go by),
    field names as slugs."""
    table = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    fields = table.column("field").combine_chunks().dictionary_encode()  # a few hundred names, many rows
    slugs = pa.array([slug(name) for name in fields.dictionary.to_pylist()], pa.string())
    return table.set_column(1, "field", pa.DictionaryArray.from_arrays(fields.indices, slugs).cast(pa.string()))


def finish(country_counts: pd.DataFrame, pair_counts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The three output tables (pairs, country_output, partners) from the engine's integer counts."""
    con = duckdb.connect(":memory:")
    try:
        con.register("c", _counts(country_counts, COUNTRY_SCHEMA))
        con.register("p", _counts(pair_counts, PAIR_SCHEMA))
        return {name: con.sql(sql).to_arrow_table().to_pandas()
                for name, sql in (("pairs", PAIRS), ("country_output", COUNTRY_OUTPUT), ("partners", PARTNERS))}
    finally:
        con.close()
