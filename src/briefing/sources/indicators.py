"""`data/indicators.yml`: the registry of indicators and the sources that give each (a WDI
indicator code, an OECD SDMX dataflow and the dimension values that select the series, an
NCSES table and row), validated by a pydantic model that forbids unknown keys.

The World Bank, OECD and NCSES adapters read files through it, the live clients ask the APIs
for what it names, `briefing sources` reports coverage from it, and the funding section draws
the indicators an edition asks for (`sections.funding.indicators`). Any problem is an
InputError naming the file and key (exit status 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, field_validator, model_validator

from briefing.config import Strict
from briefing.errors import InputError
from briefing.infra.yaml_model import load_model
from briefing.units import num

if TYPE_CHECKING:
    from briefing.config import Edition

REGISTRY_FILE = Path("data") / "indicators.yml"
REGISTRY = "indicators"  # what a section parameter declares (`registry: indicators`) when it names registry ids
NCSES_TABLES = ("SRD-1", "SRD-2", "RD-18")
WdiCode = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*(\.[A-Z0-9_]+)+$")]
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.@-]+$")]


class OecdRef(Strict):
    dataflow: str = Field(pattern=r"^[A-Z][A-Z0-9_.]*,[A-Z0-9_]+@[A-Za-z0-9_]+,[0-9.]+$")
    select: dict[Code, Code] = Field(min_length=1)
    expect: dict[Code, Code] = {}

    @property
    def agency_flow(self) -> str:
        """'OECD.STI.STP:DSD_RDS_GERD@DF_GERD_TOE(1.0)': how SDMX-CSV's STRUCTURE_ID spells it."""
        agency, flow, version = self.dataflow.split(",")
        return f"{agency}:{flow}({version})"


class NcsesRef(Strict):
    table: Literal[NCSES_TABLES]  # type: ignore[valid-type]
    row: str = Field(min_length=1)


class SourceRef(Strict):
    """One source of an indicator: exactly one of `worldbank`, `oecd`, `ncses`."""

    worldbank: WdiCode | None = None
    oecd: OecdRef | None = None
    ncses: NcsesRef | None = None

    @model_validator(mode="after")
    def _one(self) -> SourceRef:
        given = [k for k in ("worldbank", "oecd", "ncses") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"a source is one of worldbank, oecd or ncses (got {given or 'none'})")
        return self

    @property
    def source(self) -> str:
        return "worldbank" if self.worldbank else "oecd" if self.oecd else "ncses"

    def file_pattern(self) -> str | None:
        """The mirror file that holds this source's series (NCSES tables are fixed files)."""
        if self.worldbank:
            return f"API_{self.worldbank}_DS2_*.csv"
        if self.oecd:
            return f"{self.oecd.dataflow}*.csv"
        return None

    def describe(self) -> str:
        """'World Bank WDI GB.XPD.RSDV.GD.ZS', for listings and source notes."""
        if self.worldbank:
            return f"WDI {self.worldbank}"
        if self.oecd:
            key = ", ".join(f"{k}={v}" for k, v in self.oecd.select.items())
            return f"{self.oecd.dataflow.split(',')[1]} ({key})"
        return f"{self.ncses.table}: {self.ncses.row}"


def series_key(ref: SourceRef) -> object:
    """What identifies a source's series: a WDI code, a dataflow and key, an NCSES table and row."""
    if ref.worldbank:
        return ref.worldbank
    if ref.oecd:
        return ref.oecd.dataflow, tuple(sorted(ref.oecd.select.items()))
    return ref.ncses.table, ref.ncses.row


class Indicator(Strict):
    """One indicator: `label` (a title), `short` (inside a sentence; default: the label),
    `finding_label` (its findings' labels, before country and year; default: the label),
    `description` (one sentence on what it measures), `unit` (of its findings), `axis` (chart
    title; default: the label), `decimals`, `scale` (values are divided by it for readers),
    `prefix` and `suffix` around a shown value, and its `sources` in order of preference."""

    label: str = Field(min_length=1)
    short: str = ""
    finding_label: str = ""
    description: str = ""
    unit: Code
    axis: str = ""
    decimals: int = Field(default=1, ge=0, le=4)
    scale: float = Field(default=1.0, gt=0)
    prefix: str = ""
    suffix: str = ""
    sources: list[SourceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _defaults(self) -> Indicator:
        if not self.short:
            object.__setattr__(self, "short", self.label[:1].lower() + self.label[1:])
        if not self.axis:
            object.__setattr__(self, "axis", self.label)
        if not self.finding_label:
            object.__setattr__(self, "finding_label", self.label)
        return self

    def shown(self, value: float) -> float:
        """The value in the unit shown to readers (millions of dollars shown as billions)."""
        return value / self.scale

    def format(self, value: float) -> str:
        """'3.41%', '$172.1 bn', '5,637'; a negative sign is a true minus."""
        if value != value:
            return "n/a"
        return (self.prefix + num(self.shown(value), self.decimals) + self.suffix).replace("-", "\u2212")


class Dataflow(Strict):
    title: str
    dimensions: list[Code] = Field(min_length=2)

    @field_validator("dimensions")
    @classmethod
    def _ref_area(cls, dims: list[str]) -> list[str]:
        if "REF_AREA" not in dims:
            raise ValueError("an SDMX dataflow of countries has a REF_AREA dimension")
        return dims


class Registry(Strict):
    dataflows: dict[str, Dataflow] = {}
    indicators: dict[str, Indicator] = Field(min_length=1)

    @field_validator("indicators")
    @classmethod
    def _ids(cls, indicators: dict) -> dict:
        for key in indicators:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                raise ValueError(f"indicator id {key!r} must be lowercase letters, digits and _")
        return indicators

    @model_validator(mode="after")
    def _consistent(self) -> Registry:
        seen: dict[object, str] = {}
        for ind_id, ind in self.indicators.items():
            for i, ref in enumerate(ind.sources):
                where = f"indicators.{ind_id}.sources.{i}"
                if ref.oecd:
                    flow = self.dataflows.get(ref.oecd.dataflow)
                    if flow is None:
                        raise ValueError(f"{where}: dataflow {ref.oecd.dataflow!r} is not listed under "
                                         f"'dataflows' (its dimensions give the key's order)")
                    wanted = set(flow.dimensions) - {"REF_AREA"}
                    if set(ref.oecd.select) != wanted:
                        raise ValueError(f"{where}: select must give a value for every dimension but REF_AREA "
                                         f"({sorted(wanted)}); got {sorted(ref.oecd.select)}")
                key = series_key(ref)
                if key in seen:
                    raise ValueError(f"{where}: the same series is already the source of {seen[key]!r}")
                seen[key] = ind_id
        return self

    # Look-ups by source.
    def wdi_codes(self) -> dict[str, str]:
        """WDI indicator code -> indicator id."""
        return {ref.worldbank: ind_id for ind_id, ind in self.indicators.items()
                for ref in ind.sources if ref.worldbank}

    def oecd_series(self, dataflow: str | None = None) -> list[tuple[str, OecdRef]]:
        """(indicator id, reference) of every OECD series, or of one dataflow's."""
        return [(ind_id, ref.oecd) for ind_id, ind in self.indicators.items() for ref in ind.sources
                if ref.oecd and (dataflow is None or ref.oecd.dataflow == dataflow)]

    def ncses_rows(self, table: str) -> dict[str, str]:
        """NCSES row (as the table prints it) -> indicator id, for one table."""
        return {ref.ncses.row: ind_id for ind_id, ind in self.indicators.items()
                for ref in ind.sources if ref.ncses and ref.ncses.table == table}

    def citation(self, ref: SourceRef) -> str:
        """What a source note cites: 'indicator GB.XPD.RSDV.GD.ZS', 'Gross domestic expenditure on
        R&D by ... (DSD_RDS_GERD@DF_GERD_TOE)', 'table SRD-1'."""
        if ref.worldbank:
            return f"indicator {ref.worldbank}"
        if ref.oecd:
            return f"{self.dataflows[ref.oecd.dataflow].title} ({ref.oecd.dataflow.split(',')[1]})"
        return f"table {ref.ncses.table}"

    def get(self, ind_id: str, where: str) -> Indicator:
        if ind_id not in self.indicators:
            raise InputError(where, f"unknown indicator {ind_id!r}; {REGISTRY_FILE} knows: "
                                    f"{', '.join(sorted(self.indicators))}")
        return self.indicators[ind_id]


def load(path: Path) -> Registry:
    """The registry at `path`, validated (cached while the file is unchanged)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise InputError(str(path), "indicator registry not found") from None
    return _load(path, stamp)


@lru_cache(maxsize=8)
def _load(path: Path, stamp: int) -> Registry:
    return load_model(path, Registry, "must be a mapping with 'dataflows' and 'indicators'")


BUILD_FILE = "indicators.json"  # the registry as validated, beside an edition's tables


def from_build(build_dir: str | Path) -> Registry:
    """The registry an edition's tables were validated with (`briefing validate` writes it)."""
    path = Path(build_dir) / "data" / BUILD_FILE
    try:
        return Registry.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError:
        raise InputError(str(path), "no indicator registry in the build; run `briefing validate`") from None


def registry_path(root: Path) -> Path:
    return root / REGISTRY_FILE


def for_root(root: Path | None = None) -> Registry:
    """The registry of the project at `root` (default: the project the command runs in)."""
    if root is None:
        from briefing.infra.workspace import find_project_root

        root = find_project_root()
    return load(registry_path(root))


# What an edition asks for.
def source_overrides(gerd_pct_gdp: list[str], gerd_usd_ppp: str) -> dict[str, list[str]]:
    """The edition's `sources:` choices, by the registry indicators they govern."""
    return {"gerd_pct_gdp": list(gerd_pct_gdp), "gerd_usd_ppp_m": [gerd_usd_ppp],
            "gerd_usd_ppp_m_const2015": [gerd_usd_ppp]}


def chosen_sources(registry: Registry, ind_id: str, overrides: dict[str, list[str]]) -> list[SourceRef]:
    """The sources of an indicator in the order they are tried: the registry's, narrowed and
    reordered by the edition's `sources:` where it names the indicator."""
    refs = registry.get(ind_id, f"indicator {ind_id!r}").sources
    if ind_id not in overrides:
        return list(refs)
    by_source = {ref.source: ref for ref in reversed(refs)}  # the first of each source wins
    unknown = [s for s in overrides[ind_id] if s not in by_source]
    if unknown:
        raise InputError(f"params key 'sources' ({ind_id})", f"{REGISTRY_FILE} gives {ind_id} from "
                                                               f"{sorted(by_source)} only, not {unknown}")
    return [by_source[s] for s in overrides[ind_id]]


def registry_parameters(edition: Edition, notebooks: Path) -> list[tuple[str, str, list]]:
    """The edition's section parameters that name indicators of the registry, as their sections
    declare them (`notebooks/<section>.meta.yml`, `registry: indicators`): (section, key, default)."""
    from briefing.findings.meta import load_meta, meta_path

    found = []
    for section in edition.sections:
        path = meta_path(notebooks, section)
        if path.is_file():
            found += [(section, key, p.default) for key, p in load_meta(path).parameters.items() if p.registry == REGISTRY]
    return found


def requested(edition: Edition, notebooks: Path, registry: Registry) -> list[str]:
    """The indicators the edition's sections draw: each registry parameter's value in the params
    file (`sections.funding.indicators`), else its declared default. Unknown ids are bad input
    naming the params key (or the declaration)."""
    drawn: list[str] = []
    for section, key, default in registry_parameters(edition, notebooks):
        asked = edition.sections[section].get(key)
        where = f"params key 'sections.{section}.{key}'"
        if asked is None:
            asked, where = default, f"{notebooks / section}.meta.yml, parameters.{key}.default"
        if not isinstance(asked, list) or not all(isinstance(i, str) for i in asked):
            raise InputError(where, f"must be a list of indicator ids (got {asked!r})")
        for ind_id in asked:
            registry.get(ind_id, where)
        if len(set(asked)) != len(asked):
            raise InputError(where, f"names an indicator twice: {asked}")
        drawn += [i for i in asked if i not in drawn]
    return drawn


def edition_overrides(edition: Edition) -> dict[str, list[str]]:
    return source_overrides(edition.sources.gerd_pct_gdp, edition.sources.gerd_usd_ppp)


def check_files(registry: Registry, path: Path, indicators: list[str], overrides: dict[str, list[str]],
                available: dict[str, list[str]], place: str) -> None:
    """Every source file the edition's indicators need is among `available` (file names by
    source; sources not in `available` are not checked), else bad input naming the registry key,
    the file and what to do."""
    for ind_id in indicators:
        refs = registry.indicators[ind_id].sources
        for ref in chosen_sources(registry, ind_id, overrides):
            pattern = ref.file_pattern()
            if pattern is None or ref.source not in available or any(fnmatch(name, pattern) for name in available.get(ref.source, [])):
                continue
            raise InputError(f"{path}: key 'indicators.{ind_id}.sources.{refs.index(ref)}'",
                             f"source file missing from {place}: no {ref.source}/{pattern} ({ref.describe()}); "
                             f"the edition draws {ind_id}: add the publisher's file, or leave {ind_id} out of "
                             f"the section's indicators (sections.<section>.indicators)")


def edition_indicators(root: Path, edition: Edition) -> list[str]:
    """The registry ids the edition draws (checked), for the project at `root`."""
    return requested(edition, root / "notebooks", for_root(root))


def check_edition_files(root: Path, edition: Edition, available: dict[str, list[str]], place: str) -> None:
    """The source files the edition's indicators need are among `available` (by source)."""
    registry = for_root(root)
    check_files(registry, registry_path(root), edition_indicators(root, edition), edition_overrides(edition),
                available, place)


# What a live run asks the APIs for.
@dataclass(frozen=True)
class LivePlan:
    """WDI codes to fetch, and OECD queries (dataflow, key) with every registry series of each
    dataflow an edition's indicators draw on (one request per dataflow; the key lists, for each
    dimension but REF_AREA, the values the registry selects, joined by +)."""

    wdi_codes: tuple[str, ...] = ()
    oecd_queries: tuple[tuple[str, str], ...] = ()


def sdmx_key(registry: Registry, dataflow: str) -> str:
    """'.A.G._T._Z._T._Z._Z._Z.USD_PPP.V+Q': every REF_AREA, the registry's series otherwise."""
    refs = [ref for _, ref in registry.oecd_series(dataflow)]
    parts = []
    for dim in registry.dataflows[dataflow].dimensions:
        values = [] if dim == "REF_AREA" else list(dict.fromkeys(ref.select[dim] for ref in refs))
        parts.append("+".join(values))
    return ".".join(parts)


def live_plan(root: Path, edition: Edition) -> LivePlan:
    """What `fetch --live` asks for: the World Bank and OECD sources of the edition's indicators."""
    registry = for_root(root)
    overrides = edition_overrides(edition)
    refs = [ref for ind_id in edition_indicators(root, edition)
            for ref in chosen_sources(registry, ind_id, overrides)]
    codes = tuple(dict.fromkeys(ref.worldbank for ref in refs if ref.worldbank))
    flows = dict.fromkeys(ref.oecd.dataflow for ref in refs if ref.oecd)
    return LivePlan(codes, tuple((flow, sdmx_key(registry, flow)) for flow in flows))
