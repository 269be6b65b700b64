"""`briefing fetch --live`: ask the APIs, write native files into a temporary folder,
check them with the same adapters and schemas as a mirror fetch, and only then write
the snapshots, all sources or none. A failure anywhere leaves no partial snapshot
(the cache keeps the complete answers, so the rerun resumes where this one stopped)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.live import oecd, openalex, works, worldbank
from briefing.live.cache import HttpCache
from briefing.live.http import Client, public_url
from briefing.live.request import LiveRequest, request_for
from briefing.live.retry import BudgetExhausted
from briefing.live.settings import LiveSettings
from briefing.sources import indicators, registry
from briefing.sources.fields import field_def, load_fields
from briefing.sources.indicators import live_plan
from briefing.sources.mirror import check_files
from briefing.sources.snapshot import write_snapshot
from briefing.tables import RECORDS_SOURCE

CLIENTS: dict[str, ModuleType] = {"openalex": openalex, "worldbank": worldbank, "oecd": oecd}


@dataclass(frozen=True)
class LiveSnapshot:
    source: str
    id: str
    new: bool
    requests: int  # HTTP requests sent, retries included
    from_cache: int  # answers read from the cache


def live_sources(sources: list[str] | None) -> list[str]:
    chosen = sources or sorted(CLIENTS)
    unknown = [s for s in chosen if s not in CLIENTS]
    if unknown:
        raise InputError("--source", f"{unknown} cannot be fetched live; live sources: {sorted(CLIENTS)} "
                                     "(the others come from the mirror: --mirror)")
    return chosen


def check_plan(client: Client, request: LiveRequest, sources: list[str]) -> None:
    """Stop before the first request when the run's least cost (one uncached request per
    query, before any paging) already exceeds the call budget."""
    needed = {s: sum(not client.is_cached(url, params) for url, params in CLIENTS[s].first_requests(request))
              for s in sources}
    if sum(needed.values()) > client.budget.remaining():
        detail = ", ".join(f"{s} {n}" for s, n in needed.items())
        raise BudgetExhausted("--budget", f"this run needs at least {sum(needed.values())} HTTP requests "
                                          f"({detail}), more than the call budget of {client.budget.limit}; "
                                          "nothing was asked. Raise --budget or BRIEFING_CALL_BUDGET")


def log_summary(client: Client, start: int) -> tuple[list[dict], int, int]:
    log = client.log.since(start)
    return log, client.log.calls(start), sum(q["from_cache"] for q in log)


def snapshot_live(ws: Workspace, source: str, files: list[Path], base_url: str, extra: dict,
                  log: list[dict]) -> tuple[str, bool]:
    entry = registry.live_entry(ws.sources_file, source)
    snap, new = write_snapshot(ws.raw, source, entry, f"live:{public_url(base_url, {})}", "live", files,
                               extra={"live": {**extra, "queries": log}})
    return snap.id, new


def request_extra(request: LiveRequest, fields_version: int) -> dict:
    return {"countries": request.countries, "years": [request.years[0], request.years[-1]],
            "fields": {name: f.works_filter() for name, f in request.fields.items()},
            "fields_version": fields_version}


def fetch_live(ws: Workspace, edition: Edition, settings: LiveSettings,
               sources: list[str] | None = None) -> list[LiveSnapshot]:
    """Snapshot every (or the named) live source, all or none."""
    chosen = live_sources(sources)
    request = replace(request_for(edition, settings, ws.fields_file), indicators=live_plan(ws.root, edition))
    extra = request_extra(request, load_fields(ws.fields_file).version)
    client = Client(settings, HttpCache(ws.http_cache))
    try:
        check_plan(client, request, chosen)
        with tempfile.TemporaryDirectory(prefix="briefing-live-") as tmp:
            staged = {}
            for source in chosen:
                start, folder = len(client.log.queries), Path(tmp) / source
                folder.mkdir()
                files = CLIENTS[source].fetch(client, request, folder)
                check_files(source, files, indicators.for_root(ws.root))
                staged[source] = (files, *log_summary(client, start))
            return [LiveSnapshot(source, *snapshot_live(ws, source, files, settings.base_urls[source],
                                                        extra if source == "openalex" else {}, log),
                                 requests=calls, from_cache=cached)
                    for source, (files, log, calls, cached) in staged.items()]
    finally:
        client.close()


def parse_years(text: str) -> tuple[int, int]:
    """'2019-2021' (or '2020') as (first, last)."""
    parts = text.split("-")
    if len(parts) > 2 or not all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts):
        raise InputError("--years", f"must be YEAR or FIRST-LAST, e.g. 2019-2021 (got {text!r})")
    first, last = int(parts[0]), int(parts[-1])
    if first > last:
        raise InputError("--years", f"first year {first} is after last year {last}")
    return first, last


def fetch_records(ws: Workspace, settings: LiveSettings, field_name: str, years: tuple[int, int]) -> LiveSnapshot:
    """Snapshot the record-level works of one field and year range as `openalex_works`."""
    field = field_def(ws.fields_file, field_name, where="--field")
    request = LiveRequest(settings=settings, countries=[], years=list(range(years[0], years[1] + 1)),
                          fields={field_name: field})
    client = Client(settings, HttpCache(ws.http_cache))
    try:
        with tempfile.TemporaryDirectory(prefix="briefing-records-") as tmp:
            path = works.records_file(field_name, years, Path(tmp))
            works.write_works(client, request, field, years, path)
            count = works.check_records(path, years)
            log, calls, cached = log_summary(client, 0)
            extra = {"field": field_name, "filter": works.works_params(field, years, "*")["filter"],
                     "select": works.SELECT, "works": count,
                     "fields_version": load_fields(ws.fields_file).version}
            snap_id, new = snapshot_live(ws, RECORDS_SOURCE, [path], settings.base_urls["openalex"], extra, log)
            return LiveSnapshot(RECORDS_SOURCE, snap_id, new, requests=calls, from_cache=cached)
    finally:
        client.close()
