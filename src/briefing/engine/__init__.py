"""The record-level engine: OpenAlex works (and Scopus exports) to `pairs`,
`country_output` and `partners`, on DuckDB (one machine) or Spark (a cluster),
from one definition of the query (`briefing.engine.query`)."""
