"""Reading section notebooks without executing them.

The parameters cell is read with Python's own parser, not papermill's inspect_notebook:
that one matches each line with a regular expression and silently drops a line holding
two '=' (`label = "a=b"`), gives no line for a bad default, and importing papermill costs
the warm `briefing build` (nothing to run) more than half a second."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from briefing.errors import InputError


def parameters_cell(notebook: Path) -> str:
    """The source of the first code cell tagged `parameters` (papermill's contract)."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(notebook), f"not a readable notebook ({exc})") from None
    for cell in cells:
        if cell["cell_type"] == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return "".join(cell["source"])
    raise InputError(str(notebook), "no code cell tagged 'parameters'")


def declared_parameters(notebook: Path) -> dict[str, object]:
    """Names and default values the parameters cell assigns (primitives only)."""
    try:
        tree = ast.parse(parameters_cell(notebook))
    except SyntaxError as exc:
        raise InputError(f"{notebook}, parameters cell, line {exc.lineno}", "not valid Python") from None
    declared = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                declared[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                raise InputError(f"{notebook}, parameters cell, line {node.lineno}",
                                 "parameters must be literals (numbers, text, lists)") from None
    return declared
