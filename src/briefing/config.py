"""Edition parameters: `params/<edition>.yml`, validated by a pydantic model that
forbids unknown keys. Errors name the key and the rule (exit status 2).

An edition belongs to a series (`series:`, else a series of its own) and may bring its
own curated inputs (`curated:`, folders named relative to the params file); without
`curated:` it uses the project's (`data/curated/` and the seed documents).

YAML is read with YAML 1.2's booleans (only true and false): `countries: [SE, NO, FI]`
keeps Norway's code, which YAML 1.1 reads as false."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from briefing import countries, words
from briefing.errors import InputError
from briefing.infra.yaml_model import load_model

Primitive = str | int | float | bool | list[str] | list[int] | list[float]
Year = Annotated[int, Field(ge=1900, le=2100)]
EDITION_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$"  # an edition's (and a series') id: it names folders and URLs
EDITION_ID_RULE = "letters, digits, '-' and '_' only, at most 40, starting with a letter or digit"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Window(Strict):
    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.start > self.end:
            raise ValueError(f"start ({self.start}) is after end ({self.end})")
        return self


class Region(Strict):
    name: str = Field(pattern=r"[A-Za-z0-9]", description="finding ids carry it as a slug of its letters and digits")
    countries: list[str] = Field(min_length=2)
    added: list[str] = Field(default=[], description="Focus countries added to a named region's own members "
                                                     "(`briefing new --extend-region`); the briefing says so.")

    @field_validator("countries", "added")
    @classmethod
    def _codes(cls, codes: list[str]) -> list[str]:
        return _country_codes(codes)

    @model_validator(mode="after")
    def _added_are_members(self) -> Region:
        outside = [c for c in self.added if c not in self.countries]
        if outside:
            raise ValueError(f"'added' names {outside}, which 'countries' does not list: an added country is "
                             "one of the region's countries")
        return self

    @model_serializer(mode="wrap")
    def _without_empty_added(self, handler: SerializerFunctionWrapHandler) -> dict:
        """A region with nothing added dumps as before `added` existed (same manifests, same content keys)."""
        data = handler(self)
        if not self.added:
            data.pop("added", None)
        return data


class Scenarios(Strict):
    cuts_pct: list[int] = Field(default=[25, 50, 100], min_length=1)

    @field_validator("cuts_pct")
    @classmethod
    def _range(cls, cuts: list[int]) -> list[int]:
        bad = [c for c in cuts if not 0 < c <= 100]
        if bad:
            raise ValueError(f"cuts must be in (0, 100], got {bad}")
        return cuts


class Sources(Strict):
    pairs: Literal["openalex", "ncses"] = "openalex"
    country_output: Literal["openalex", "ncses"] = "openalex"
    gerd_pct_gdp: list[Literal["worldbank", "ncses"]] = ["worldbank", "ncses"]
    gerd_usd_ppp: Literal["oecd", "ncses"] = "oecd"


class Curated(Strict):
    """A series' own curated inputs, each a folder named relative to the params file."""

    tables: str | None = Field(default=None, description="events.csv, facts.csv and documents.yml")
    documents: str | None = Field(default=None, description="the documents, plain text, that the rows quote")

    @model_validator(mode="after")
    def _documents_with_tables(self) -> Curated:
        if self.tables is not None and self.documents is None:
            raise ValueError("'tables' quote documents: name their folder in 'documents' too")
        return self


class Edition(Strict):
    """One edition of the briefing: what it covers and how it is computed."""

    edition: str = Field(pattern=EDITION_ID)
    series: str | None = Field(default=None, pattern=EDITION_ID,
                               description="The series the edition belongs to; none: a series of its own.")
    title: str
    subtitle: str = Field(default="", description="Unset: derived from the focus pair and poles (`derived_subtitle`), so it "
                                      "follows them; set (\"\" for none) it is shown as written.")
    window: Window
    focus_pair: list[str] = Field(min_length=2, max_length=2)
    poles: list[str] = Field(min_length=2, max_length=2)
    countries: list[str] = Field(min_length=1)
    region: Region
    fields: list[str] = ["all"]
    counting: Literal["full"] = "full"
    scenarios: Scenarios = Scenarios()
    sources: Sources = Sources()
    sections: dict[str, dict[str, Primitive]] = Field(
        default={"funding": {}},
        description="Sections to run, in order, each with its own parameter overrides.",
    )
    curated: Curated | None = Field(default=None, description="The series' own documents and curated rows.")
    _folder: Path = PrivateAttr(default_factory=Path.cwd)  # the params file's folder

    @model_validator(mode="before")
    @classmethod
    def _derive_subtitle(cls, data):
        """An unset subtitle is the focus pair between the poles, from the values given (bad codes are
        reported by their own keys' rules, never here)."""
        if isinstance(data, dict) and data.get("subtitle") is None:  # absent, or `subtitle:` with nothing after it
            data = {key: value for key, value in data.items() if key != "subtitle"}
            focus, poles = data.get("focus_pair"), data.get("poles")
            if _pair_of_codes(focus) and _pair_of_codes(poles):
                data["subtitle"] = derived_subtitle(focus, poles)
        return data

    @property
    def series_name(self) -> str:
        """The series: `series`, else the edition's own name."""
        return self.series or self.edition

    def curated_folder(self, key: Literal["tables", "documents"]) -> Path | None:
        """A folder of `curated:`, resolved against the params file's folder; None when
        the edition names none (check `curated` itself for the project's defaults)."""
        value = getattr(self.curated, key) if self.curated is not None else None
        return None if value is None else (self._folder / value).resolve()

    @field_validator("focus_pair", "poles", "countries")
    @classmethod
    def _codes(cls, codes: list[str]) -> list[str]:
        return _country_codes(codes)

    @field_validator("sections")
    @classmethod
    def _section_names(cls, sections: dict) -> dict:
        for name in sections:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                raise ValueError(f"section name {name!r} must be lowercase letters, digits, _")
        if not sections:
            raise ValueError("at least one section is required")
        return sections

    def notebook_parameters(self, section: str) -> dict[str, Primitive]:
        """Every primitive a section notebook may declare; `run` injects the subset it declares."""
        base: dict[str, Primitive] = {
            "edition": self.edition,
            "title": self.title,
            "window_start": self.window.start,
            "window_end": self.window.end,
            "focus_a": self.focus_pair[0],
            "focus_b": self.focus_pair[1],
            "pole_a": self.poles[0],
            "pole_b": self.poles[1],
            "countries": list(self.countries),
            "region_name": self.region.name,
            "region_countries": list(self.region.countries),
            "region_added": list(self.region.added),
            "fields": list(self.fields),
            "counting": self.counting,
            "scenario_cuts_pct": list(self.scenarios.cuts_pct),
            "source_pairs": self.sources.pairs,
            "source_country_output": self.sources.country_output,
            "source_gerd_pct_gdp": list(self.sources.gerd_pct_gdp),
            "source_gerd_usd_ppp": self.sources.gerd_usd_ppp,
        }
        base.update(self.sections.get(section, {}))
        return base


def derived_subtitle(focus_pair: list[str], poles: list[str]) -> str:
    """'Japan and South Korea between the United States and China': the subtitle of an edition
    whose parameters set none."""
    return words.cap(f"{words.join_and([words.the(c) for c in focus_pair])} between "
                     f"{words.join_and([words.the(c) for c in poles])}")


def _pair_of_codes(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(c, str) and countries.is_country(c)
                                                                for c in value)


def _country_codes(codes: list[str]) -> list[str]:
    for i, code in enumerate(codes):
        if not countries.is_country(code):
            raise ValueError(f"item {i}: {code!r} is not an ISO 3166-1 alpha-2 country code")
    if len(set(codes)) != len(codes):
        raise ValueError(f"duplicate codes in {codes}")
    return codes


def load_edition(path: Path) -> Edition:
    """Read and validate a params file; any problem is an InputError naming the key."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "parameters file not found")
    edition = load_model(path, Edition, "must be a YAML mapping of parameter names to values",
                         unknown="unknown key (not a parameter of an edition)")
    edition._folder = path.resolve().parent
    return edition
