"""`briefing fetch`: snapshot the sources into `data/raw/<source>/<snapshot-id>/`
(docs/architecture.md), in one of four modes:

- mirror (the default): the edition's sources from a local mirror of published files;
- live (`--live`): the same sources from the publishers' APIs;
- live records (`--live --records`): record-level OpenAlex works of one field, from the API;
- local records (`--records-from`): record-level works of one field, from local files.

Each mode takes its own options; one that does not belong is bad input (`fetch_mode`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.sources import registry
from briefing.sources.mirror import fetch_mirror

if TYPE_CHECKING:
    from briefing.live.fetch import LiveSnapshot
    from briefing.live.settings import LiveSettings


@dataclass(frozen=True)
class Mode:
    name: str
    selector: str  # the option that selects it
    takes: frozenset[str]  # its options, besides --params and --workdir
    needs: tuple[tuple[str, str], ...] = ()  # (option, why) it cannot do without
    refusal: str = ""  # why any other option is refused (else the option's own reason)


LOCAL_RECORDS = Mode("local records", "--records-from", frozenset({"--records-from", "--field"}),
                     needs=(("--field", "needs --field (see data/fields.yml): whose works these are"),),
                     refusal="--records-from snapshots local record files: use it with --field only")
LIVE_RECORDS = Mode("live records", "--records", frozenset({"--live", "--records", "--field", "--years", "--budget", "--refresh"}),
                    needs=(("--live", "record-level works come from the API: add --live"),
                           ("--field", "needs --field (see data/fields.yml) and --years FIRST-LAST"),
                           ("--years", "needs --field (see data/fields.yml) and --years FIRST-LAST")))
LIVE = Mode("live", "--live", frozenset({"--live", "--source", "--budget", "--refresh"}))
MIRROR = Mode("mirror", "--mirror", frozenset({"--mirror", "--source"}))

# Why an option does not belong to a mode that has no refusal of its own.
ONLY_WITH = {
    "--mirror": "choose one: the APIs (--live) or a local mirror (--mirror)",
    "--source": "chooses among the edition's sources; record-level fetches take --field instead",
    "--budget": "only with --live (the most HTTP requests a live fetch may send)",
    "--refresh": "only with --live (asks the APIs again instead of using cached answers)",
    "--field": "only with --records or --records-from (an edition's fields and window come from --params)",
    "--years": "only with --live --records (an edition's window comes from --params)",
}


def fetch_mode(given: set[str]) -> Mode:
    """The mode the given options select (--records-from, else --records, else --live, else
    the mirror), once every option is one the mode takes and none it needs is missing."""
    mode = (LOCAL_RECORDS if "--records-from" in given else LIVE_RECORDS if "--records" in given
            else LIVE if "--live" in given else MIRROR)
    refused = sorted(given - mode.takes)
    if refused:
        raise InputError(refused[0], mode.refusal or ONLY_WITH[refused[0]])
    missing = [why for option, why in mode.needs if option not in given]
    if missing:
        raise InputError(mode.selector, missing[0])
    return mode


def fetch(ws: Workspace, mirror: Path, sources: list[str] | None = None,
          edition: Edition | None = None) -> list[tuple[str, str, bool]]:
    """Every (or the named) source from the mirror: (source, snapshot id, new?); with `edition`,
    the mirror must hold every source file its indicators draw on."""
    return [(s.source, s.id, new) for s, new in fetch_mirror(ws, mirror, sources, edition)]


def fetch_live(ws: Workspace, edition: Edition, settings: LiveSettings,
               sources: list[str] | None = None) -> list[LiveSnapshot]:
    from briefing.live.fetch import fetch_live as fetch_live_sources  # imported here: loads httpx and adapters

    return fetch_live_sources(ws, edition, settings, sources)


def fetch_live_then_mirror(ws: Workspace, edition: Edition, settings: LiveSettings,
                           mirror: Path | None) -> list[tuple[str, str, bool]]:
    """The API sources live; the others (no API) from the mirror when there is one."""
    fetched = [(s.source, s.id, s.new) for s in fetch_live(ws, edition, settings)]
    from briefing.live.fetch import CLIENTS

    rest = sorted(set(registry.datasets(ws.sources_file)) - set(CLIENTS))
    if mirror is not None and rest:
        fetched += fetch(ws, mirror, rest, edition)
    return fetched


def fetch_records(ws: Workspace, settings: LiveSettings, field: str, years: str) -> LiveSnapshot:
    """Record-level OpenAlex works of `field` in `years` (FIRST-LAST) from the API, as `openalex_works`."""
    from briefing.live.fetch import fetch_records as fetch_works  # imported here: loads httpx
    from briefing.live.fetch import parse_years

    return fetch_works(ws, settings, field, parse_years(years))
