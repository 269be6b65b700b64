"""Reading section notebooks without executing them."""

from __future__ import annotations

import ast
from pathlib import Path

from briefing.errors import InputError


def declared_parameters(notebook: Path) -> dict[str, object]:
    """Names and default values of the notebook's `parameters` cell (papermill's
    inspect_notebook), each default a literal: numbers, text, lists."""
    from papermill import inspect_notebook  # imported here: heavy, and only `run` needs it

    try:
        found = inspect_notebook(notebook)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(notebook), f"not a readable notebook ({exc})") from None
    if not found:
        raise InputError(str(notebook), "no code cell tagged 'parameters' (or it assigns nothing)")
    declared = {}
    for name, parameter in found.items():
        try:
            declared[name] = ast.literal_eval(parameter["default"])
        except (ValueError, SyntaxError):
            raise InputError(f"{notebook}, parameters cell, {name} = {parameter['default']}",
                             "parameters must be literals (numbers, text, lists)") from None
    return declared
