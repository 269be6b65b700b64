"""What a live run asks for: the edition's countries, years and fields, and the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.config import Edition
from briefing.live.settings import LiveSettings
from briefing.sources.fields import FieldDef, field_def
from briefing.sources.indicators import LivePlan


@dataclass(frozen=True)
class LiveRequest:
    settings: LiveSettings
    countries: list[str]
    years: list[int]
    fields: dict[str, FieldDef]
    # The World Bank and OECD series the edition's indicators draw on (data/indicators.yml).
    indicators: LivePlan = field(default_factory=LivePlan)


def edition_countries(edition: Edition) -> list[str]:
    """Every country the edition names: comparison countries, focus pair, poles, region."""
    return sorted(set(edition.countries) | set(edition.focus_pair) | set(edition.poles)
                  | set(edition.region.countries))


def request_for(edition: Edition, settings: LiveSettings, fields_file: Path) -> LiveRequest:
    fields = {name: field_def(fields_file, name, where=f"params key 'fields' ({name})") for name in edition.fields}
    return LiveRequest(settings=settings, countries=edition_countries(edition),
                       years=list(range(edition.window.start, edition.window.end + 1)), fields=fields)
