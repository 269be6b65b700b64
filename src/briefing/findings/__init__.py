"""Findings, the base every layer reads them through: the model (`model`), reading ids
(`ids`), and what each section declares beside its notebook (`meta`: finding families with
their id templates, figures and tables, parameters)."""
