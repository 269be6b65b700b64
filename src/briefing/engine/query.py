"""The one definition of the record-level computation, used by both engines.

Records (OpenAlex works, or Scopus rows turned into the same shape) go through
three SQL steps that DuckDB and Spark SQL both run, rendered for each dialect
from the same text (only function names and lambda syntax differ):

1. `works`: one row per record: its distinct countries, the distinct countries of
   its corresponding authors, n and k (their counts) and the first rule it breaks.
2. `work_countries`: one row per work and country (the record-level table of docs/architecture.md).
3. `country_counts` and `pair_counts`: integer counts of works per key and per
   (n, k, corresponding flags).

The SQL counts whole works only, so both engines agree exactly.
`briefing.engine.finish` then turns the counts into the output tables with full and
fractional counting and all or corresponding-author attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from briefing import countries

KEYS = ["source", "field", "year"]
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
    nulls_ignored: bool  # flatten skips NULL lists and distinct drops NULL (DuckDB); Spark keeps them

    def lam(self, var: str, body: str) -> str:
        return f"{var} -> {body}" if self.arrow else f"lambda {var}: {body}"

    def render(self, template: str, **extra: str) -> str:
        names = {k: getattr(self, k) for k in ("explode", "transform", "filter", "distinct", "concat",
                                                "size", "contains", "empty")}
        return template.format(**names, **extra)


DUCKDB = Dialect("duckdb", explode="unnest", transform="list_transform", filter="list_filter",
                 distinct="list_distinct", concat="list_concat", size="len", contains="list_contains",
                 empty="[]", arrow=False, nulls_ignored=True)
SPARK = Dialect("spark", explode="explode", transform="transform", filter="filter",
                distinct="array_distinct", concat="concat", size="size", contains="array_contains",
                empty="array()", arrow=True, nulls_ignored=False)

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
    """Step 1: one row per record with its country sets and the first rule it breaks.

    Country codes are checked after counting, on the few distinct codes (`unknown_codes`):
    checking every work's list against the ISO list costs a tenth of the whole query."""
    def countries_of(authorships: str) -> str:
        # Listed apart and then joined: a third faster than joining per authorship (DuckDB).
        def nonnull(expr: str) -> str:
            return expr if d.nulls_ignored else f"COALESCE({expr}, {d.empty})"
        listed = nonnull("a.countries")
        coded = f"{d.transform}({nonnull('a.institutions')}, {d.lam('i', 'i.country_code')})"
        codes = (f"{d.concat}(flatten({d.transform}({authorships}, {d.lam('a', listed)})), "
                 f"flatten({d.transform}({authorships}, {d.lam('a', coded)})))")
        return f"{d.distinct}({codes})" if d.nulls_ignored else \
            f"{d.distinct}({d.filter}({codes}, {d.lam('c', 'c IS NOT NULL')}))"
    authorships = f"COALESCE(authorships, {d.empty})"
    corresponding = f"{d.filter}({authorships}, {d.lam('a', 'COALESCE(a.is_corresponding, FALSE)')})"
    return f"""SELECT source, file, work_id, year, field, countries, corresponding_countries,
       {d.size}(countries) AS n, {d.size}(corresponding_countries) AS k,
       CASE WHEN malformed THEN 'not a valid works record (JSON syntax or a field of the wrong type)'
            WHEN work_id IS NULL THEN 'missing required field id'
            WHEN year IS NULL THEN 'missing required field publication_year'
            WHEN no_authorships THEN 'missing required field authorships'
            WHEN year < 1900 OR year > 2100 THEN 'publication_year outside 1900-2100'
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

UNKNOWN_CODE = "unknown country code (not ISO 3166-1 alpha-2)"


def unknown_codes(country_counts: pd.DataFrame) -> list[str]:
    """Country codes in the counts that are not ISO 3166-1 alpha-2 (a record breaks a rule)."""
    return sorted(c for c in country_counts["country"].unique() if not countries.is_country(c))


def unknown_file_sql(d: Dialect, codes: list[str]) -> str:
    """The first file (by name) holding a work with one of `codes`."""
    listed = ", ".join(sql_string(c) for c in codes)
    return (f"SELECT file FROM works WHERE {d.size}({d.filter}(countries, {d.lam('c', f'c IN ({listed})')})) > 0 "
            "ORDER BY file LIMIT 1")


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


# ---- names ----

def slug(name: str) -> str:
    """'Biochemistry, Genetics and Molecular Biology' -> 'biochemistry_genetics_and_molecular_biology'."""
    text = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return text if text and text[0].isalpha() else f"f_{text}"
