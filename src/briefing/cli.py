"""The `briefing` command line: fetch, validate, run, render, publish, build, deploy, diff, new, sources.

Bad input stops with one message naming the file, row or key and the rule
broken, and exit status 2; a failing section exits 1 and keeps its notebook."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from briefing import __version__
from briefing.config import Edition, load_edition
from briefing.errors import InputError, SectionFailed
from briefing.infra.lock import work_lock
from briefing.infra.workspace import Workspace
from briefing.render.diff_table import print_diff
from briefing.report.diff import diff_versions
from briefing.sources.indicators import edition_indicators
from briefing.sources.mirror import default_mirror
from briefing.sources.registry import source_names
from briefing.stages import build as build_stage
from briefing.stages import deploy as deploy_stage
from briefing.stages import fetch as fetch_stage
from briefing.stages import render as render_stage
from briefing.stages import validate as validate_stage
from briefing.stages.assemble import CLAIMS_FILE
from briefing.stages.publish import publish as publish_stage
from briefing.stages.run import run_sections

if TYPE_CHECKING:
    from briefing.live.fetch import LiveSnapshot
    from briefing.live.settings import LiveSettings

CORES = os.cpu_count() or 1
_LOCKS = contextlib.ExitStack()
app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
out = Console()
err = Console(stderr=True)

ParamsOpt = Annotated[Path, typer.Option("--params", "-p", help="Edition parameters, params/<edition>.yml.")]
WorkdirOpt = Annotated[Path | None, typer.Option(
    "--workdir", help="Where data/raw, _build and figures go (default: the project; env BRIEFING_WORKDIR).")]
MirrorOpt = Annotated[Path | None, typer.Option(
    "--mirror", help="Local mirror of published files (default: env BRIEFING_MIRROR, else ../shared/data).")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Sections run in parallel (default: cores).")]
RendererOpt = Annotated[str, typer.Option(
    "--renderer", help="auto (quarto when on PATH, else built-in), builtin or quarto.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Redo the stage even when it is up to date.")]
LIVE_HELP = ("Fetch OpenAlex, World Bank and OECD from their APIs (base URLs: BRIEFING_OPENALEX_URL, "
             "BRIEFING_WORLDBANK_URL, BRIEFING_OECD_URL; key: OPENALEX_API_KEY; contact: BRIEFING_CONTACT_EMAIL).")
BUDGET_HELP = ("Most HTTP requests this run may send, retries included (env BRIEFING_CALL_BUDGET; default 2000). "
               "Cached answers cost none.")
REFRESH_HELP = "Ask the APIs again instead of using cached answers."
LiveOpt = Annotated[bool, typer.Option("--live", help=LIVE_HELP)]
BudgetOpt = Annotated[int | None, typer.Option("--budget", min=1, help=BUDGET_HELP)]
RefreshOpt = Annotated[bool, typer.Option("--refresh", help=REFRESH_HELP)]
StrictOpt = Annotated[bool, typer.Option(
    "--strict", help="Stop (exit 2) when a chapter's checked claim is contradicted by this edition's data or "
                     "cannot be checked; without it the claim is left out and reported.")]


def _guard(action: Callable[[], None]) -> None:
    try:
        with _LOCKS:
            action()
    except InputError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except SectionFailed as exc:
        err.print(f"[bold red]section failed:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


def _setup(params: Path, workdir: Path | None) -> tuple[Workspace, Edition]:
    """Validate parameters (the indicators they name included), then take the work folder's
    writer lock (released at exit)."""
    edition = load_edition(params)
    ws = Workspace.discover(workdir)
    edition_indicators(ws.root, edition)
    _LOCKS.enter_context(work_lock(ws.work, on_wait=lambda message: err.print(message)))
    return ws, edition


def _mirror(ws: Workspace, mirror: Path | None) -> Path:
    chosen = mirror or default_mirror(ws)
    if chosen is None:
        raise InputError("--mirror", "no mirror given, BRIEFING_MIRROR unset and ../shared/data absent")
    return chosen


def _section_progress():
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=err, transient=False)
    tasks: dict[str, int] = {}

    def on_event(section: str, event: str) -> None:
        if event == "fresh":
            progress.console.print(f"  {section}: up to date")
        elif event == "start":
            tasks[section] = progress.add_task(f"running {section}", total=1)
        elif event == "done":
            progress.update(tasks[section], completed=1, description=f"ran {section}")

    return progress, on_event


MIRROR_PANEL = "Mirror mode (the default): published files from a local mirror"
LIVE_PANEL = "Live mode (--live): the same sources from the APIs"
RECORDS_PANEL = "Record-level works of one field (--live --records, or --records-from)"


@app.command()
def fetch(params: ParamsOpt,
          mirror: Annotated[Path | None, typer.Option(
              "--mirror", help="Local mirror of published files (default: env BRIEFING_MIRROR, else ../shared/data).",
              rich_help_panel=MIRROR_PANEL)] = None,
          workdir: WorkdirOpt = None,
          source: Annotated[list[str] | None, typer.Option(
              "--source", help="Only this source (repeatable).", rich_help_panel=MIRROR_PANEL)] = None,
          live: Annotated[bool, typer.Option("--live", help=LIVE_HELP, rich_help_panel=LIVE_PANEL)] = False,
          budget: Annotated[int | None, typer.Option("--budget", min=1, help=BUDGET_HELP,
                                                     rich_help_panel=LIVE_PANEL)] = None,
          refresh: Annotated[bool, typer.Option("--refresh", help=REFRESH_HELP, rich_help_panel=LIVE_PANEL)] = False,
          records: Annotated[bool, typer.Option(
              "--records", help="With --live: record-level OpenAlex works of --field and --years (JSONL.gz).",
              rich_help_panel=RECORDS_PANEL)] = False,
          field: Annotated[str | None, typer.Option(
              "--field", help="With --records or --records-from: a field of data/fields.yml.",
              rich_help_panel=RECORDS_PANEL)] = None,
          years: Annotated[str | None, typer.Option(
              "--years", help="With --records: FIRST-LAST, e.g. 2019-2021.", rich_help_panel=RECORDS_PANEL)] = None,
          records_from: Annotated[list[Path] | None, typer.Option(
              "--records-from", help="Local record files or folders (OpenAlex snapshot JSONL.gz/Parquet, Scopus "
                                     "CSV) of --field's works, snapshotted for the record-level engine.",
              rich_help_panel=RECORDS_PANEL)] = None,
          ) -> None:
    """Snapshot the sources into data/raw/<source>/<snapshot-id>/ with snapshot.yml.

    Four modes, each taking its own options (an option from another mode is refused):
      mirror (the default): [--mirror DIR] [--source S]
      live: --live [--source S] [--budget N] [--refresh]
      live records: --live --records --field F --years A-B [--budget N] [--refresh]
      local records: --records-from PATH... --field F"""
    def action() -> None:
        given = {option for option, value in (
            ("--mirror", mirror), ("--source", source), ("--live", live), ("--budget", budget),
            ("--refresh", refresh), ("--records", records), ("--field", field), ("--years", years),
            ("--records-from", records_from)) if value}
        mode = fetch_stage.fetch_mode(given)
        ws, edition = _setup(params, workdir)
        if mode is fetch_stage.LOCAL_RECORDS:
            from briefing.engine.record_snapshots import snapshot_local_records

            with err.status("checking and snapshotting records"):
                snap, new = snapshot_local_records(ws, list(records_from), field)
            out.print(f"openalex_works ({field}): {'new snapshot' if new else 'unchanged'} {snap.id}")
        elif mode is fetch_stage.LIVE_RECORDS:
            settings = _live_settings(budget, refresh, ["openalex"])
            with err.status("fetching OpenAlex works"):
                _print_live([fetch_stage.fetch_records(ws, settings, field, years)])
        elif mode is fetch_stage.LIVE:
            settings = _live_settings(budget, refresh, source)
            with err.status("fetching from the APIs, checking, snapshotting"):
                _print_live(fetch_stage.fetch_live(ws, edition, settings, source))
        else:
            with err.status("checking and snapshotting sources"):
                results = fetch_stage.fetch(ws, _mirror(ws, mirror), source, edition)
            for name, snap_id, new in results:
                out.print(f"{name}: {'new snapshot' if new else 'unchanged'} {snap_id}")
    _guard(action)


def _live_settings(budget: int | None, refresh: bool, sources: list[str] | None) -> LiveSettings:
    from briefing.live.settings import settings_from_env  # imported here: only live fetches need it

    settings = settings_from_env(budget=budget, refresh=refresh)
    if not settings.openalex_key and (not sources or "openalex" in sources):
        err.print("note: OPENALEX_API_KEY is not set; OpenAlex answers only test-sized usage without a key",
                  highlight=False)
    return settings


def _print_live(results: list[LiveSnapshot]) -> None:
    for r in results:
        state = "new snapshot" if r.new else "unchanged"
        out.print(f"{r.source}: {state} {r.id} ({r.requests} HTTP requests, {r.from_cache} answers from cache)")


@app.command()
def validate(params: ParamsOpt, workdir: WorkdirOpt = None, force: ForceOpt = False) -> None:
    """Turn the current snapshots into validated tables, _build/<edition>/data/*.parquet."""
    def action() -> None:
        ws, edition = _setup(params, workdir)
        with err.status("validating canonical tables"):
            wrote = validate_stage.validate(ws, edition, force=force)
        out.print(f"validated tables {'written' if wrote else 'up to date'}: "
                  f"{ws.data(edition.edition)}")
    _guard(action)


@app.command()
def run(params: ParamsOpt, workdir: WorkdirOpt = None,
        section: Annotated[list[str] | None, typer.Option("--section", "-s", help="Only this section (repeatable).")] = None,
        jobs: JobsOpt = CORES, force: ForceOpt = False) -> None:
    """Execute section notebooks with papermill (parallel, cached)."""
    def action() -> None:
        ws, edition = _setup(params, workdir)
        progress, on_event = _section_progress()
        with progress:
            runs = run_sections(ws, edition, section, jobs=jobs, force=force, on_event=on_event)
        ran = [r.section for r in runs if r.executed]
        out.print(f"sections run: {', '.join(ran) or 'none (all up to date)'}")
    _guard(action)


@app.command()
def render(params: ParamsOpt, workdir: WorkdirOpt = None, force: ForceOpt = False,
           renderer: RendererOpt = "auto", strict: StrictOpt = False) -> None:
    """Assemble chapters with the sections' outputs and render the HTML briefing."""
    def action() -> None:
        ws, edition = _setup(params, workdir)
        with err.status("assembling and rendering"):
            wrote, html = render_stage.render(ws, edition, force=force, renderer=renderer, strict=strict)
        out.print(f"html {'rendered' if wrote else 'up to date'}: {html / 'index.html'}")
        _print_claims(ws, edition)
    _guard(action)


@app.command()
def build(params: ParamsOpt, mirror: MirrorOpt = None, workdir: WorkdirOpt = None,
          jobs: JobsOpt = CORES, force: ForceOpt = False, renderer: RendererOpt = "auto",
          live: LiveOpt = False, budget: BudgetOpt = None, refresh: RefreshOpt = False,
          strict: StrictOpt = False) -> None:
    """All stages: fetch, validate, run, render, publish, each skipping what is up to date.

    With --live, API sources are fetched live and the rest (NCSES) from the mirror when one is found."""
    def action() -> None:
        ws, edition = _setup(params, workdir)
        settings = _live_settings(budget, refresh, None) if live else None
        chosen = (mirror or default_mirror(ws)) if live else _mirror(ws, mirror)
        progress, on_event = _section_progress()
        with progress:
            report = build_stage.build(ws, edition, chosen, jobs=jobs, force=force, on_event=on_event,
                                    renderer=renderer, live=settings, strict=strict)
        for name, snap_id, new in report.fetched:
            out.print(f"fetch  {name}: {'new snapshot' if new else 'unchanged'} {snap_id}")
        out.print(f"validate: {'written' if report.validated else 'up to date'}")
        ran = [r.section for r in report.sections if r.executed]
        out.print(f"run: {', '.join(ran) or 'nothing to run (all up to date)'}")
        out.print(f"render: {'rendered' if report.rendered else 'up to date'} {report.html / 'index.html'}")
        _print_published(report.published)
        _print_claims(ws, edition)
    _guard(action)


def _print_claims(ws: Workspace, edition: Edition) -> None:
    """Warn about every checked claim this edition's data contradict or cannot check."""
    path = ws.build(edition.edition) / CLAIMS_FILE
    claims = json.loads(path.read_text(encoding="utf-8"))["claims"] if path.is_file() else []
    for claim in claims:
        if claim["status"] in ("contradicted", "unchecked"):
            err.print(f"[bold yellow]claim {claim['status']}, left out:[/] {claim['origin']}, line {claim['line']}: "
                      f"{claim['text']!r} ({claim['detail']})", highlight=False, soft_wrap=True)


def _print_published(published) -> None:
    state = "new version" if published.created else "unchanged, still"
    out.print(f"publish: {state} {published.edition}/v{published.version} {published.path}")


@app.command()
def publish(params: ParamsOpt, workdir: WorkdirOpt = None, renderer: RendererOpt = "auto",
            strict: StrictOpt = False) -> None:
    """Publish the rendered edition as _site/<edition>/v<N>/ (HTML, PDF, findings, manifest).

    N grows only when content changes; published versions are never rewritten."""
    def action() -> None:
        ws, edition = _setup(params, workdir)
        with err.status("publishing"):
            published = publish_stage(ws, edition, renderer=renderer, strict=strict)
        _print_published(published)
        _print_claims(ws, edition)
    _guard(action)


@app.command()
def deploy(git: Annotated[str | None, typer.Option("--git", help="Commit the site into a branch of this git "
                                                                  "repository (a URL or a path).")] = None,
           branch: Annotated[str, typer.Option("--branch", help="The branch (with --git).")] = "gh-pages",
           message: Annotated[str | None, typer.Option("--message", help="Commit message (with --git).")] = None,
           folder: Annotated[Path | None, typer.Option("--dir", help="Copy the site into this folder.")] = None,
           dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would change; write nothing.")] = False,
           workdir: WorkdirOpt = None) -> None:
    """Publish _site/ to a static host: add what is new, never rewrite a published version (exit 2 when
    the host holds one differently); nothing new, nothing written."""
    def action() -> None:
        if (git is None) == (folder is None):
            raise InputError("briefing deploy", "give one target: --git REMOTE or --dir PATH")
        ws = Workspace.discover(workdir)
        _LOCKS.enter_context(work_lock(ws.work, on_wait=lambda text: err.print(text)))
        result = (deploy_stage.deploy_to_git(ws, git, branch, message, dry_run) if git is not None
                  else deploy_stage.deploy_to_dir(ws, folder, dry_run))
        for line in result.lines():
            out.print(line, highlight=False, soft_wrap=True, markup=False)
    _guard(action)


@app.command()
def diff(old: Annotated[str | None, typer.Argument(help="Published version, e.g. 2024/v1 or 2024/latest.")] = None,
         new: Annotated[str | None, typer.Argument(help="Published version to compare with, e.g. 2025/v1.")] = None,
         params: Annotated[Path | None, typer.Option(
             "--params", "-p", help="Without versions: compare this edition's newest version with its "
                                    "baseline (the previous edition of its series, else the version before).")
                           ] = None,
         workdir: WorkdirOpt = None,
         as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
         limit: Annotated[int, typer.Option("--limit", min=1, help="Rows of each table.")] = 50) -> None:
    """Compare the findings of two published versions, each change once with its cause (revised,
    window, parameters, method): moved one window on, changed under the same id, not comparable,
    added and removed (largest change first).

    Without versions, compare the edition of --params as "What changed" does: its newest
    version against its baseline, the previous edition of the same series, else against the
    version before it."""
    def action() -> None:
        edition = load_edition(params) if params is not None else None
        ws = Workspace.discover(workdir)
        pair = (old, new) if old is not None or new is not None else _newest_and_predecessor(ws, edition)
        if pair is None:
            return
        if None in pair:
            raise InputError("briefing diff", "give two versions (e.g. 2024/v1 2025/v1), or none with --params")
        result = diff_versions(ws.site, *pair, source_names(ws.sources_file))
        if as_json:
            out.print_json(data=result.as_dict())
            return
        print_diff(out, result, limit)
    _guard(action)


@app.command()
def sources(params: ParamsOpt, workdir: WorkdirOpt = None,
            as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False) -> None:
    """List every indicator of data/indicators.yml, the sources that give it in order of preference,
    and what the current snapshots hold for the edition's countries (first and last year each)."""
    def action() -> None:
        from briefing.sources.coverage import coverage, lines

        edition = load_edition(params)
        ws = Workspace.discover(workdir)
        found = coverage(ws, edition)
        if as_json:
            out.print_json(data={"edition": edition.edition, "countries": list(edition.countries),
                                 "indicators": [item.as_dict() for item in found]})
            return
        for line in lines(found, edition):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    _guard(action)


def _newest_and_predecessor(ws: Workspace, edition: Edition | None) -> tuple[str, str] | None:
    from briefing.report.site import predecessor_of, published_versions

    if edition is None:
        raise InputError("briefing diff", "give two versions (e.g. 2024/v1 2025/v1), or --params "
                                          "params/<edition>.yml to compare that edition with its predecessor")
    versions = published_versions(ws.site, edition.edition)
    if not versions:
        raise InputError(f"edition {edition.edition}", f"has no published version in {ws.site}: publish it first")
    newest = f"{edition.edition}/v{versions[-1]}"
    previous = predecessor_of(ws.site, edition.edition, versions[-1])
    if previous is None:
        out.print(f"{newest} is the first version of the first edition of series {edition.series_name} "
                  "published here: nothing earlier to compare it with.")
        return None
    return previous, newest


@app.command(context_settings={"allow_extra_args": True})
def aggregate(ctx: typer.Context,
              records: Annotated[list[Path], typer.Option(
                  "--records", help="OpenAlex works (.gz/.jsonl/.parquet, or a snapshot folder) or Scopus "
                                    "CSV exports; more paths may follow (--records works/*.gz).")],
              out_dir: Annotated[Path, typer.Option("--out", help="Folder for the tables (replaced as a whole).")],
              engine: Annotated[str, typer.Option("--engine", help="duckdb (one machine) or spark.")] = "duckdb",
              master: Annotated[str, typer.Option("--master", help="Spark master: local[N] or a cluster URL.")
                                ] = "local[2]",
              field_level: Annotated[str, typer.Option(
                  "--field-level", help="OpenAlex primary_topic level: field or subfield.")] = "field",
              field: Annotated[str | None, typer.Option(
                  "--field", help="Label every record with this field instead (e.g. a keyword-defined set).")
                               ] = None,
              memory_limit: Annotated[str, typer.Option("--memory-limit", help="DuckDB memory limit.")] = "2GB",
              threads: Annotated[int | None, typer.Option("--threads", min=1, help="DuckDB threads (default: cores).")
                                 ] = None,
              driver_memory: Annotated[str, typer.Option("--driver-memory", help="Spark driver memory.")] = "1g",
              ) -> None:
    """Count record-level works into pairs, country_output and partners (Parquet), full and
    fractional, all and corresponding-author attribution; prints throughput."""
    def action() -> None:
        from briefing.engine.aggregate import Options
        from briefing.engine.aggregate import aggregate as run_aggregate

        extra = list(ctx.args)
        flags = [a for a in extra if a.startswith("-")]
        if flags:
            raise InputError(flags[0], "unknown option")
        options = Options(engine=engine, master=master, field_level=field_level, field=field,
                          memory_limit=memory_limit, threads=threads, driver_memory=driver_memory)
        try:
            with err.status(f"counting records with {engine}"):
                result = run_aggregate([*records, *map(Path, extra)], out_dir, options)
        finally:
            if engine == "spark":
                from briefing.engine import spark_engine
                spark_engine.stop()
        out.print(f"aggregated {result.works:,} works ({result.works_with_country:,} with a country, "
                  f"{result.works_with_corresponding:,} with a corresponding author's country) "
                  f"in {result.seconds:.1f} s: {result.works_per_second:,.0f} works/s ({engine})")
        out.print(f"wrote {', '.join(f'{n}.parquet ({r:,} rows)' for n, r in result.rows.items())} to {result.out}")
    _guard(action)


@app.command(context_settings={"allow_extra_args": True})
def new(ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="The params file to write, e.g. params/europe-2025.yml.")],
        focus: Annotated[tuple[str, str], typer.Option("--focus", help="The focus pair, e.g. --focus DE FR.")],
        poles: Annotated[tuple[str, str], typer.Option("--poles", help="The two poles, e.g. --poles US CN.")],
        region: Annotated[str, typer.Option("--region", help="A named region's key in data/regions.yml: europe, "
                                                              "south-america, eu27, asean, oecd, g7, g20, ...")],
        countries: Annotated[list[str] | None, typer.Option(
            "--countries", help="More countries to compare (besides focus and poles): --countries SE NO FI.")] = None,
        window: Annotated[str | None, typer.Option(
            "--window", help="FIRST-LAST years (default: the nine years to the pair table's latest).")] = None,
        series: Annotated[str | None, typer.Option("--series", help="The series (default: the region's name).")
                          ] = None,
        curated: Annotated[Path | None, typer.Option(
            "--curated", help="The series' folder of events.csv, facts.csv and documents.yml.")] = None,
        documents: Annotated[Path | None, typer.Option(
            "--documents", help="The folder of the documents (plain text) those rows quote.")] = None,
        edition: Annotated[str | None, typer.Option(
            "--edition", help="The edition's id: letters, digits, - and _ (default: the file's name).")] = None,
        title: Annotated[str | None, typer.Option(
            "--title", help="The briefing's title (default: ... research security in <region>).")] = None,
        extend_region: Annotated[bool, typer.Option(
            "--extend-region", help="Add focus countries the region lacks to its countries (recorded as "
                                    "region.added; the briefing says so). Without it they are refused.")] = False,
        mirror: MirrorOpt = None, workdir: WorkdirOpt = None) -> None:
    """Write a commented params file for a new edition or series, and report what each source
    holds for its countries and years before any build (the file builds as written)."""
    def action() -> None:
        from briefing.series.new import Request, parse_window, write_new

        extra = list(ctx.args)
        flags = [a for a in extra if a.startswith("-")]
        if flags:
            raise InputError(flags[0], "unknown option")
        ws = Workspace.discover(workdir)
        request = Request(path, focus, poles, region, (*(countries or []), *extra),
                          parse_window(window) if window else None, series, curated, documents,
                          edition, title, extend_region)
        with err.status("reading what the sources hold"):
            written = write_new(ws, request, mirror or default_mirror(ws))
        made = written.edition
        out.print(f"wrote {written.path}: edition {made.edition} of series {made.series_name}, "
                  f"{made.window.start}-{made.window.end}, {' and '.join(made.focus_pair)} "
                  f"in {written.region.name}" + (f" (added: {' and '.join(made.region.added)})"
                                                 if made.region.added else ""), highlight=False, soft_wrap=True)
        gaps = written.gaps
        out.print("what the sources lack for these countries and years:" if gaps else
                  "every source holds every country for the whole window", highlight=False)
        for gap in gaps:
            out.print(f"  {gap}", highlight=False, soft_wrap=True)
    _guard(action)


@app.callback(invoke_without_command=True)
def main(version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False) -> None:
    """briefing: a reproducible yearly briefing on research collaboration and security in East Asia."""
    if version:
        out.print(f"briefing {__version__}")
        raise typer.Exit(0)


if __name__ == "__main__":
    sys.exit(app())
