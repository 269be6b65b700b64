"""Altair chart builders: tidy frames in, `alt.Chart` out. Only `export` writes files."""

from briefing.charts import theme as _theme  # noqa: F401  (registers the house theme)
