"""What a section declares beside its notebook, in `notebooks/<section>.meta.yml` (as owid/etl
keeps `*.meta.yml` beside each step): its parameters with their defaults, each family of
findings it records (the id template naming every parameter the value depends on, the label,
the unit from `briefing.units`, the source, the figure), and each figure and table (caption,
sources). Validated by a model at load; a problem is bad input naming the file and the key.

An id template is literal parts and keys in braces, `pair.rank.{region}.{pair}.{year}`; each
key is one of `KEYS` and matches its pattern there, so an id can be matched back to its
family (`Family.pattern`). A label may name the id's keys and the names derived from them
(`DERIVED`: `{pair_name}` from `{pair}`), nothing else: a label that mentions a parameter
the id does not carry is refused at load."""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from briefing import units
from briefing.infra.yaml_model import load_model

META_SUFFIX = ".meta.yml"

# The keys an id may carry, with what each matches.
CODE = r"[A-Z]{2}"
KEYS: dict[str, str] = {
    "pair": rf"{CODE}-{CODE}",  # a country pair, codes in order
    "poles": rf"{CODE}-{CODE}",  # the edition's two poles, in the edition's order
    "country": CODE,
    "partner": CODE,
    "pole": CODE,
    "region": r"[a-z0-9]+(?:-[a-z0-9]+)*",  # the region's slug (`briefing.findings.ids.slug`)
    "year": r"\d{4}",
    "span": r"\d{4}-\d{4}",  # first and last year, inclusive
    "cut": r"\d{1,3}",  # a scenario's cut, in per cent
    "top": r"\d{1,3}",  # how many leading partners a list holds
    "indicator": r"[a-z][a-z0-9_]*",  # an id of data/indicators.yml
    "objective": r"[a-z][a-z0-9_]*",
    "jurisdiction": r"[A-Z0-9]{2,5}",
    "sources": r"[a-z]+_[a-z]+",  # two source ids joined by '_'
    "cross": r"[a-z]+",  # the second database a measure is checked in
    "field": r"[a-z][a-z0-9_]*",  # a field of data/fields.yml
}
# Names a label may use, derived from the id's keys.
DERIVED: dict[str, tuple[str, ...]] = {
    "pair": ("pair_name",),
    "poles": ("pole_a", "pole_b", "pole_a_name", "pole_b_name", "pole_a_whose", "pole_b_whose"),
    "country": ("country_name", "country_whose"),
    "partner": ("partner_name",),
    "pole": ("pole_name",),
    "region": ("region_name",),
    "span": ("year_start", "year_end"),
    "indicator": ("indicator_label",),
    "objective": ("objective_name",),
    "jurisdiction": ("jurisdiction_name",),
    "sources": ("source_a_name", "source_b_name"),
    "cross": ("cross_name",),
    "field": ("field_label",),
    "top": (),
    "cut": (),
    "year": (),
}

Primitive = str | int | float | bool | list[str] | list[int] | list[float]
# A family whose unit and figure are the indicator's own (data/indicators.yml): `unit: indicator`.
INDICATOR = "indicator"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def fields_of(template: str) -> list[str]:
    """The names in braces of a template, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


class Family(Strict):
    """A family of findings: `id` and `label` templates, `unit` (registered), `value` (the
    column of the section's frame that holds the value), `source` (a template over the
    section's context and the row), `figure` (where it is drawn) and `about` (one sentence)."""

    id: str
    label: str
    unit: str
    value: str = "value"
    columns: dict[str, str] = Field(default={}, description="keys or names read from other columns: {cut: cut_pct}")
    series: str | None = Field(default=None, description="the yearly family a change over a span is computed from "
                                                         "(`pair.works.{pair}`), for testing it")
    source: str
    figure: str | None = None
    about: str = Field(min_length=1)

    @field_validator("unit")
    @classmethod
    def _unit(cls, unit: str) -> str:
        if unit != INDICATOR:
            units.unit(unit)
        return unit

    @field_validator("id")
    @classmethod
    def _id(cls, template: str) -> str:
        keys = fields_of(template)
        if not keys:
            raise ValueError(f"id template {template!r} names no key")
        unknown = [k for k in keys if k not in KEYS]
        if unknown:
            raise ValueError(f"id template {template!r}: {unknown[0]!r} is not a key (keys: {sorted(KEYS)})")
        if len(set(keys)) != len(keys):
            raise ValueError(f"id template {template!r} names a key twice")
        literal = re.sub(r"\{[^}]*\}", "x", template)
        if not re.fullmatch(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)+", literal):
            raise ValueError(f"id template {template!r} must read measure.part[.part...] (letters, digits, _ and -)")
        return template

    @model_validator(mode="after")
    def _label_names_only_the_ids_keys(self) -> Family:
        allowed = {k for key in self.keys for k in (key, *DERIVED[key])}
        extra = [name for name in fields_of(self.label) if name not in allowed]
        if extra:
            raise ValueError(f"label names {extra[0]!r}, which the id {self.id!r} does not carry "
                             f"(a label may name {sorted(allowed)})")
        return self

    @property
    def keys(self) -> list[str]:
        return fields_of(self.id)

    @property
    def pattern(self) -> re.Pattern:
        return _pattern(self.id)

    def format_id(self, values: dict) -> str:
        return self.id.format(**{k: values[k] for k in self.keys})


@cache
def _pattern(template: str) -> re.Pattern:
    parts, last = [], 0
    for match in re.finditer(r"\{(\w+)\}", template):
        parts += [re.escape(template[last:match.start()]), f"(?P<{match[1]}>{KEYS[match[1]]})"]
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("^" + "".join(parts) + "$")


@cache
def _label_pattern(template: str) -> re.Pattern:
    return re.compile("^" + re.escape(template).replace(re.escape("{indicator}"), "[a-z0-9-]+") + "$")


class Output(Strict):
    """A figure or table: its `caption` (a template over the section's context and the values
    the notebook passes) or `caption_by` (the prose function that writes it from the data, when
    it depends on more than names and years), `note` (what follows the source note, such as
    the publication's table numbers) and `source` (the source note itself, when no data decide it)."""

    caption: str | None = None
    caption_by: str | None = None
    note: str = ""
    source: str | None = Field(default=None, description="the source note, when it is the same for every edition")

    @model_validator(mode="after")
    def _one_caption(self) -> Output:
        if (self.caption is None) == (self.caption_by is None):
            raise ValueError("give either 'caption' (a template) or 'caption_by' (the prose function)")
        return self


class Parameter(Strict):
    """A section parameter: its default (a primitive, as papermill injects) and what it sets."""

    default: Primitive
    about: str = Field(min_length=1)
    registry: str | None = Field(default=None, description="the registry its ids name (data/indicators.yml)")


# A figure or table label; `{indicator}` stands for each indicator an edition draws.
Label = Annotated[str, Field(pattern=r"^(fig|tbl)-([a-z0-9-]|\{indicator\})+$")]


class SectionMeta(Strict):
    section: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    parameters: dict[str, Parameter] = {}
    findings: dict[str, Family] = {}
    figures: dict[Label, Output] = {}
    tables: dict[Label, Output] = {}

    @model_validator(mode="after")
    def _figures_declared(self) -> SectionMeta:
        outputs = {*self.figures, *self.tables}
        for key, family in self.findings.items():
            if family.figure is not None and family.figure not in outputs and family.unit != INDICATOR:
                raise ValueError(f"findings.{key}.figure {family.figure!r} is not a declared figure or table")
        return self

    def family(self, key: str) -> Family:
        try:
            return self.findings[key]
        except KeyError:
            raise KeyError(f"{self.section}{META_SUFFIX} declares no finding family {key!r}") from None

    def output(self, label: str) -> Output:
        """The declaration of `label`, or of the template it fills (`fig-{indicator}-trend`)."""
        declared = {**self.figures, **self.tables}
        found = declared.get(label) or next(
            (o for key, o in declared.items() if "{" in key and _label_pattern(key).match(label)), None)
        if found is None:
            raise KeyError(f"{self.section}{META_SUFFIX} declares no figure or table {label!r}")
        return found

    def defaults(self) -> dict[str, Primitive]:
        return {name: p.default for name, p in self.parameters.items()}


def meta_path(notebooks: Path, section: str) -> Path:
    return Path(notebooks) / f"{section}{META_SUFFIX}"


def load_meta(path: Path) -> SectionMeta:
    """A section's declarations; bad input (exit 2) naming the file and key when they break a rule."""
    meta = load_model(Path(path), SectionMeta, "must be a YAML mapping: section, title, parameters, findings, "
                                               "figures, tables")
    if Path(path).name != f"{meta.section}{META_SUFFIX}":
        from briefing.errors import InputError

        raise InputError(f"{path}: key 'section'", f"names {meta.section!r}, but the file is not "
                                                    f"{meta.section}{META_SUFFIX}")
    return meta


def family_of(finding_id: str, metas) -> tuple[str, Family] | None:
    """The declared family an id belongs to (its section and family), or None."""
    for meta in metas:
        for family in meta.findings.values():
            if family.pattern.match(finding_id):
                return meta.section, family
    return None


def notebook_metas(notebooks: Path) -> list[SectionMeta]:
    """Every section's declarations in `notebooks`, by section name."""
    return [load_meta(p) for p in sorted(Path(notebooks).glob(f"*{META_SUFFIX}"))]


def id_table(metas: list[SectionMeta]) -> str:
    """The README's table of finding id families, from the declarations (a test keeps them equal)."""
    rows = ["| id | unit | what it is |", "|---|---|---|"]
    seen = set()
    for meta in metas:
        for family in meta.findings.values():
            if family.id in seen:  # a family two sections record (for different pairs) is listed once
                continue
            seen.add(family.id)
            unit = "the indicator's" if family.unit == INDICATOR else f"`{family.unit}`"
            rows.append(f"| `{family.id}` | {unit} | {family.about} |")
    return "\n".join(rows)
