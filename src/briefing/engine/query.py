"""The one definition of the record-level computation, used by both engines.

Records (OpenAlex works, or Scopus rows turned into the same shape) go through
three SQL steps that DuckDB and Spark SQL both run, rendered for each dialect
from the same text (only function names and lambda syntax differ):

1. `works`: one row per record: its distinct countries, the distinct countries of
   its corresponding authors, n and k (their counts) and the first rule it breaks.
2. `work_countries`: one row per work and country (DESIGN.md's record-level table).
3. `country_counts` and `pair_counts`: integer counts of works per key and per
   (n, k, corresponding flags).

The SQL counts whole works only, so both engines agree exactly. `finish` then
turns the counts into the output tables with full and fractional counting and
all or corresponding-author attribution; every float is made here, in one
place, from the same integers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from briefing import countries

KEYS = ["source", "field", "year"]
PAIR_ORDER = [*KEYS, "country_a", "country_b", "n", "k", "corr_a", "corr_b"]
UNCLASSIFIED = "Unclassified"


@dataclass(frozen=True)
class Dialect:
    """What differs between DuckDB and Spark SQL for this query: names and lambdas."""

    name: str
    explode: str
    transform: str
    filter: str
    distinct: str
    concat: str
    size: str
    contains: str
    empty: str
    arrow: bool  # lambda written `x -> body` (Spark) or `lambda x: body` (DuckDB)

    def lam(self, var: str, body: str) -> str:
        return f"{var} -> {body}" if self.arrow else f"lambda {var}: {body}"

    def render(self, template: str, **extra: str) -> str:
        names = {k: getattr(self, k) for k in ("explode", "transform", "filter", "distinct", "concat",
                                                "size", "contains", "empty")}
        return template.format(**names, **extra)


DUCKDB = Dialect("duckdb", explode="unnest", transform="list_transform", filter="list_filter",
                 distinct="list_distinct", concat="list_concat", size="len", contains="list_contains",
                 empty="[]", arrow=False)
SPARK = Dialect("spark", explode="explode", transform="transform", filter="filter",
                distinct="array_distinct", concat="concat", size="size", contains="array_contains",
                empty="array()", arrow=True)

# A reader relation has: source, file, malformed, work_id, year, field, authorships
# (list of struct: countries list<string>, institutions list<struct<country_code>>, is_corresponding).
RAW = """SELECT {source} AS source, {file} AS file, {malformed} AS malformed, id AS work_id,
       CAST(publication_year AS BIGINT) AS year, {field} AS field, authorships
FROM {relation}"""

FIELD_PATHS = {"field": "primary_topic.field.display_name", "subfield": "primary_topic.subfield.display_name"}


def raw_select(relation: str, *, source: str, file: str, malformed: str, field_level: str,
               field: str | None) -> str:
    """The reader relation projected to the columns `works` needs."""
    field_expr = sql_string(field) if field is not None else FIELD_PATHS[field_level]
    return RAW.format(source=sql_string(source), file=file, malformed=malformed, field=field_expr,
                      relation=relation)


def works_sql(d: Dialect, raw: str) -> str:
    """Step 1: one row per record with its country sets and the first rule it breaks."""
    def countries_of(authorships: str) -> str:
        per_author = d.lam("a", f"{d.concat}(COALESCE(a.countries, {d.empty}), "
                                f"{d.transform}(COALESCE(a.institutions, {d.empty}), {d.lam('i', 'i.country_code')}))")
        return (f"{d.distinct}({d.filter}(flatten({d.transform}({authorships}, {per_author})), "
                f"{d.lam('c', 'c IS NOT NULL')}))")
    authorships = f"COALESCE(authorships, {d.empty})"
    corresponding = f"{d.filter}({authorships}, {d.lam('a', 'COALESCE(a.is_corresponding, FALSE)')})"
    codes = ", ".join(sql_string(c) for c in countries.all_codes())
    unknown = f"{d.size}({d.filter}(countries, {d.lam('c', f'NOT (c IN ({codes}))')})) > 0"
    return f"""SELECT source, file, work_id, year, field, countries, corresponding_countries,
       {d.size}(countries) AS n, {d.size}(corresponding_countries) AS k,
       CASE WHEN malformed THEN 'not a valid works record (JSON syntax or a field of the wrong type)'
            WHEN work_id IS NULL THEN 'missing required field id'
            WHEN year IS NULL THEN 'missing required field publication_year'
            WHEN no_authorships THEN 'missing required field authorships'
            WHEN year < 1900 OR year > 2100 THEN 'publication_year outside 1900-2100'
            WHEN {unknown} THEN 'unknown country code (not ISO 3166-1 alpha-2)'
       END AS problem
FROM (SELECT source, file, malformed, work_id, year, COALESCE(field, '{UNCLASSIFIED}') AS field,
             authorships IS NULL AS no_authorships,
             {countries_of(authorships)} AS countries,
             {countries_of(corresponding)} AS corresponding_countries
      FROM ({raw}) AS raw) AS parsed"""


WORK_COUNTRIES = """SELECT source, work_id, year, field, country, n, k, countries, corresponding_countries,
       {contains}(corresponding_countries, country) AS is_corresponding
FROM (SELECT source, work_id, year, field, n, k, countries, corresponding_countries,
             {explode}(countries) AS country
      FROM works) AS exploded"""

PROBLEMS = """SELECT file, problem, COUNT(*) AS works FROM works WHERE problem IS NOT NULL
GROUP BY file, problem ORDER BY file, problem"""

STATS = """SELECT COUNT(*) AS works,
       COALESCE(SUM(CASE WHEN n > 0 THEN 1 ELSE 0 END), 0) AS works_with_country,
       COALESCE(SUM(CASE WHEN k > 0 THEN 1 ELSE 0 END), 0) AS works_with_corresponding
FROM works"""

COUNTRY_COUNTS = """SELECT source, field, year, country, n, k, is_corresponding, COUNT(*) AS works
FROM work_countries
GROUP BY source, field, year, country, n, k, is_corresponding"""

PAIR_COUNTS = """SELECT source, field, year, country_a, country_b, n, k, corr_a, corr_b, COUNT(*) AS works
FROM (SELECT source, field, year, n, k, country AS country_a, is_corresponding AS corr_a, country_b,
             {contains}(corresponding_countries, country_b) AS corr_b
      FROM (SELECT source, field, year, n, k, country, is_corresponding, corresponding_countries,
                   {explode}(countries) AS country_b
            FROM work_countries WHERE n > 1) AS partner) AS pair
WHERE country_a < country_b
GROUP BY source, field, year, country_a, country_b, n, k, corr_a, corr_b"""


def steps(d: Dialect) -> dict[str, str]:
    """The SQL after `works`, in order; each step reads the ones before it by name."""
    return {
        "work_countries": d.render(WORK_COUNTRIES),
        "problems": PROBLEMS,
        "stats": STATS,
        "country_counts": COUNTRY_COUNTS,
        "pair_counts": d.render(PAIR_COUNTS),
    }


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# ---- finish: integer counts -> output tables (the same code for every engine) ----

def slug(name: str) -> str:
    """'Biochemistry, Genetics and Molecular Biology' -> 'biochemistry_genetics_and_molecular_biology'."""
    text = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return text if text and text[0].isalpha() else f"f_{text}"


def _ordered(counts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Counts in one canonical order, so that float sums do not depend on the engine's row order."""
    names = {name: slug(name) for name in counts["field"].unique()}  # a few hundred names, many rows
    frame = counts.assign(field=counts["field"].map(names), year=counts["year"].astype("int64"),
                          works=counts["works"].astype("int64"))
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def _total(frame: pd.DataFrame, keys: list[str], columns: dict[str, pd.Series], **labels: str) -> pd.DataFrame:
    summed = frame[keys].assign(**columns).groupby(keys, sort=True, as_index=False).sum()
    return summed.assign(**labels)


def country_output(counts: pd.DataFrame) -> pd.DataFrame:
    """Works per country: total and international, full and fractional, all and corresponding."""
    keys = [*KEYS, "country"]
    c = _ordered(counts, [*keys, "n", "k", "is_corresponding"])
    works = c["works"].astype("float64")
    intl = c["n"] > 1
    corr = c[c["is_corresponding"].astype(bool)]
    cw = corr["works"].astype("float64")
    parts = [
        _total(c, keys, {"works_total": works, "works_international": works.where(intl, 0.0)},
               counting="full", attribution="all"),
        _total(c, keys, {"works_total": works / c["n"], "works_international": (works / c["n"]).where(intl, 0.0)},
               counting="fractional", attribution="all"),
        _total(corr, keys, {"works_total": cw, "works_international": cw.where(corr["n"] > 1, 0.0)},
               counting="full", attribution="corresponding"),
        _total(corr, keys, {"works_total": cw / corr["k"],
                            "works_international": (cw / corr["k"]).where(corr["n"] > 1, 0.0)},
               counting="fractional", attribution="corresponding"),
    ]
    return _sorted(parts, [*keys, "counting", "attribution"])


def pairs(p: pd.DataFrame) -> pd.DataFrame:
    """Works per unordered pair (country_a < country_b).

    `p`: pair counts in PAIR_ORDER (see finish).
    all: every pair of countries on a work; fractional weight 1 / C(n, 2), so a work's pairs sum to 1.
    corresponding: only pairs that include a corresponding author's country; fractional weight
    (corr_a + corr_b) / (k (n - 1)): each corresponding country's 1/k split over its n - 1 partners."""
    keys = [*KEYS, "country_a", "country_b"]
    works = p["works"].astype("float64")
    ca, cb = p["corr_a"].astype(bool), p["corr_b"].astype(bool)
    corr = p[ca | cb]
    share = (ca.astype("int64") + cb.astype("int64"))[ca | cb]
    parts = [
        _total(p, keys, {"works": works}, counting="full", attribution="all"),
        _total(p, keys, {"works": works * 2 / (p["n"] * (p["n"] - 1))}, counting="fractional", attribution="all"),
        _total(corr, keys, {"works": works[ca | cb]}, counting="full", attribution="corresponding"),
        _total(corr, keys, {"works": works[ca | cb] * share / (corr["k"] * (corr["n"] - 1))},
               counting="fractional", attribution="corresponding"),
    ]
    return _sorted(parts, [*keys, "counting", "attribution"])


def partners(p: pd.DataFrame) -> pd.DataFrame:
    """Directed: works whose corresponding author is in `country`, co-authored with `partner`
    (`p`: pair counts in PAIR_ORDER).

    Fractional weight 1 / (k (n - 1)), so a country's partners sum to its fractional
    international works under corresponding attribution."""
    keys = [*KEYS, "country", "partner"]
    forward = p[p["corr_a"].astype(bool)].rename(columns={"country_a": "country", "country_b": "partner"})
    backward = p[p["corr_b"].astype(bool)].rename(columns={"country_b": "country", "country_a": "partner"})
    both = pd.concat([forward, backward], ignore_index=True)
    both = both.sort_values([*keys, "n", "k"], kind="stable").reset_index(drop=True)
    works = both["works"].astype("float64")
    parts = [
        _total(both, keys, {"works": works}, counting="full", attribution="corresponding"),
        _total(both, keys, {"works": works / (both["k"] * (both["n"] - 1))}, counting="fractional",
               attribution="corresponding"),
    ]
    return _sorted(parts, [*keys, "counting", "attribution"])


def _sorted(parts: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    frame = pd.concat(parts, ignore_index=True)
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def finish(country_counts: pd.DataFrame, pair_counts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The three output tables from the engine's integer counts."""
    ordered = _ordered(pair_counts, PAIR_ORDER)
    return {"pairs": pairs(ordered), "country_output": country_output(country_counts),
            "partners": partners(ordered)}
