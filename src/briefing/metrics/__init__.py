"""Derived quantities: pure functions of validated tables, called by the section notebooks
(docs/architecture.md)."""
