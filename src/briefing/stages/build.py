"""`briefing build`: every stage in order (fetch, validate, run, assemble and render,
publish), each skipping what is up to date (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.config import Edition
from briefing.infra.workspace import Workspace
from briefing.stages import validate as validate_stage
from briefing.stages.fetch import fetch, fetch_live_then_mirror
from briefing.stages.publish import Published, publish
from briefing.stages.render import render
from briefing.stages.run import SectionRun, run_sections

if TYPE_CHECKING:
    from briefing.live.settings import LiveSettings


@dataclass
class BuildReport:
    fetched: list[tuple[str, str, bool]] = field(default_factory=list)
    validated: bool = False
    sections: list[SectionRun] = field(default_factory=list)
    rendered: bool = False
    html: Path | None = None
    published: Published | None = None


def build(ws: Workspace, edition: Edition, mirror: Path | None, jobs: int, force: bool = False,
          on_event=None, renderer: str = "auto", live: LiveSettings | None = None,
          strict: bool = False) -> BuildReport:
    report = BuildReport()
    if live is not None:
        report.fetched = fetch_live_then_mirror(ws, edition, live, mirror)
    elif mirror is not None:
        report.fetched = fetch(ws, mirror, edition=edition)
    report.validated = validate_stage.validate(ws, edition, force=force)
    report.sections = run_sections(ws, edition, jobs=jobs, force=force, on_event=on_event)
    report.rendered, report.html = render(ws, edition, force=force, renderer=renderer, strict=strict)
    report.published = publish(ws, edition, renderer=renderer, strict=strict)
    return report
