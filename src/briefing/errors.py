"""Errors the CLI turns into one clear message and an exit status."""

from __future__ import annotations


class InputError(Exception):
    """Bad input (file, parameter, API answer): exit status 2.

    The message names where (file, row or key) and the rule broken.
    """

    exit_code = 2

    def __init__(self, where: str, rule: str):
        self.where = where
        self.rule = rule
        super().__init__(f"{where}: {rule}")


class SectionFailed(Exception):
    """A section notebook raised: exit status 1; the executed notebook is kept."""

    exit_code = 1

    def __init__(self, section: str, cell: int | None, exception: str, notebook: str):
        self.section = section
        self.cell = cell
        self.exception = exception
        self.notebook = notebook
        where = f"cell {cell}" if cell is not None else "before the first cell"
        super().__init__(
            f"section {section!r} failed in {where}: {exception} "
            f"(executed notebook kept at {notebook})"
        )
