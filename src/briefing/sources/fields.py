"""`data/fields.yml`: the briefing's research fields as OpenAlex ids, versioned, each id
with where it was looked up. Turns a field into its OpenAlex works filter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from briefing.errors import InputError

# The works filter of each kind of id (OpenAlex topic hierarchy, or the legacy concepts).
FILTERS = {
    "subfield": "primary_topic.subfield.id",
    "topic": "primary_topic.id",
    "concept": "concepts.id",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OpenAlexId(Strict):
    id: str = Field(pattern=r"^(\d+|T\d+|C\d+)$")
    name: str
    looked_up_in: list[str] = Field(min_length=1)


class FieldDef(Strict):
    label: str
    kind: Literal["subfield", "topic", "concept"] | None = None
    ids: list[OpenAlexId] = []

    @model_validator(mode="after")
    def _kind_with_ids(self) -> FieldDef:
        if bool(self.ids) != (self.kind is not None):
            raise ValueError("a field has both `kind` and `ids`, or neither (only `all`)")
        prefix = {"subfield": "", "topic": "T", "concept": "C"}.get(self.kind or "", "")
        for item in self.ids:
            if prefix and not item.id.startswith(prefix) or not prefix and not item.id.isdigit():
                raise ValueError(f"id {item.id!r} is not a {self.kind} id")
        return self

    def works_filter(self) -> str:
        """The OpenAlex works filter for this field; '' for all fields."""
        if not self.ids:
            return ""
        return f"{FILTERS[self.kind]}:" + "|".join(item.id for item in self.ids)


class FieldsFile(Strict):
    version: int
    looked_up: date
    fields: dict[str, FieldDef]


def load_fields(path: Path) -> FieldsFile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return FieldsFile.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the field definitions ({exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{path}: key '{key}'", first["msg"]) from None


def field_def(path: Path, name: str, where: str = "field") -> FieldDef:
    """The definition of field `name`, or an error naming the known ones."""
    fields = load_fields(path).fields
    if name not in fields:
        raise InputError(where, f"unknown field {name!r}; {path.name} defines {sorted(fields)}")
    return fields[name]
