"""YAML files validated by a pydantic model (edition parameters, the indicator registry): one
way to read them and one message per problem, naming the file and the key and the rule broken."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from briefing.errors import InputError

M = TypeVar("M", bound=BaseModel)


class Yaml12Loader(yaml.SafeLoader):
    """YAML with YAML 1.2's booleans: `true`/`false` only, so NO (Norway), ON, YES, Y stay strings."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                       [_first])


def read_yaml(text: str):
    """YAML text read with YAML 1.2's booleans (a country list [SE, NO, FI] stays three codes)."""
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


def read_mapping(path: Path, rule: str) -> dict:
    """The YAML mapping at `path`; `rule` says what it must map when it is not a mapping."""
    try:
        raw = read_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not valid YAML ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(raw, dict):
        raise InputError(str(path), rule)
    return raw


def validation_error(path: Path, exc: ValidationError, unknown: str = "unknown key") -> InputError:
    """The first problem pydantic found, as `<file>: key '<a.b.c>'` and the rule broken."""
    first = exc.errors()[0]
    key = ".".join(str(p) for p in first["loc"]) or "(top level)"
    msg = first["msg"]
    if first["type"] == "extra_forbidden":
        msg = unknown
    elif first["type"] == "missing":
        msg = "required key is missing"
    elif "input" in first and first["type"].endswith("_type"):
        msg = f"{msg} (got {first['input']!r})"
    more = f" (and {exc.error_count() - 1} more problem(s))" if exc.error_count() > 1 else ""
    return InputError(f"{path}: key '{key}'", msg + more)


def load_model(path: Path, model: type[M], rule: str, unknown: str = "unknown key") -> M:
    """`path` read as YAML and validated as `model`."""
    raw = read_mapping(path, rule)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(path, exc, unknown) from None
