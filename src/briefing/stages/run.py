"""`briefing run`: section notebooks executed with papermill, in parallel, skipping sections
whose cache key (notebook bytes, its declarations (`<section>.meta.yml`), injected parameters, input checksums, the code the
notebook imports) is unchanged and whose outputs are intact.

A section writes into a staging folder; only when its notebook succeeds are its
figures moved into `figures/<edition>/` and its findings into
`_build/<edition>/findings/<section>.json`."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefing.config import Edition
from briefing.errors import InputError, SectionFailed
from briefing.findings.meta import meta_path
from briefing.findings.model import FINDINGS_FILE
from briefing.infra.fileio import canonical_json, sha256_file, sha256_text, write_text_atomic
from briefing.infra.fingerprint import notebook_fingerprint
from briefing.infra.notebooks import declared_parameters
from briefing.infra.workspace import Workspace
from briefing.series.window import check_window
from briefing.tables import INPUTS_FILE

KERNEL_NAME = "briefing-python"
logging.getLogger("papermill").setLevel(logging.WARNING)


@dataclass
class SectionRun:
    section: str
    executed: bool
    seconds: float
    outputs: list[str]


@dataclass(frozen=True)
class Plan:
    section: str
    notebook: Path
    parameters: dict
    key: str


def plan_section(ws: Workspace, edition: Edition, section: str) -> Plan:
    """What would be injected into `section` and its cache key; checks overrides."""
    notebook = ws.notebooks / f"{section}.ipynb"
    if not notebook.is_file():
        raise InputError(f"params key 'sections.{section}'", f"no notebook {notebook.relative_to(ws.root)}")
    declared = declared_parameters(notebook)
    available = edition.notebook_parameters(section)
    for key, value in edition.sections.get(section, {}).items():
        if key not in declared:
            raise InputError(f"params key 'sections.{section}.{key}'",
                             f"not a parameter of notebooks/{section}.ipynb (it declares: {sorted(declared)})")
        _check_type(f"params key 'sections.{section}.{key}'", value, declared[key])
    injected = {k: v for k, v in available.items() if k in declared}
    _check_cited_facts(ws, edition, section, {**declared, **injected})
    build = ws.build(edition.edition)
    injected["build_dir"] = str(build)
    injected["output_dir"] = str(build / "stage" / section)
    inputs = (ws.data(edition.edition) / INPUTS_FILE).read_text(encoding="utf-8")
    meta = meta_path(ws.notebooks, section)
    where = {"build_dir", "output_dir"}  # locations, not content: a moved work folder re-runs nothing
    content = {k: v for k, v in injected.items() if k not in where}
    key = sha256_text("\n".join([sha256_file(notebook), sha256_file(meta) if meta.is_file() else "",
                                  canonical_json(content), inputs, notebook_fingerprint(notebook)]))
    return Plan(section, notebook, injected, key)


def _check_cited_facts(ws: Workspace, edition: Edition, section: str, parameters: dict) -> None:
    """Every fact id a `*_facts` parameter names must be a curated fact: bad input otherwise,
    naming the id and the params key (or the notebook default) that asked for it."""
    lists = {k: v for k, v in parameters.items() if k.endswith("_facts") and isinstance(v, list) and v}
    if not lists:
        return
    from briefing.metrics.facts import unknown_ids
    from briefing.tables import read_table

    facts = read_table(ws.build(edition.edition), "facts")
    for key, ids in lists.items():
        missing = unknown_ids(facts, ids)
        if missing:
            asked = (f"params key 'sections.{section}.{key}'" if key in edition.sections.get(section, {})
                     else f"notebooks/{section}.ipynb, parameter {key}")
            tables = edition.curated_folder("tables") if edition.curated is not None else None
            where = ("data/curated/facts.csv" if edition.curated is None else
                     f"{tables / 'facts.csv'}" if tables else "this series' curated facts (it names none)")
            raise InputError(asked, f"fact id {missing[0]!r} is not in {where}")


def _type_name(value) -> str:
    return "true or false" if isinstance(value, bool) else {
        int: "an integer", float: "a number", str: "a string", list: "a list"}.get(type(value), type(value).__name__)


def _check_type(where: str, value, default) -> None:
    """An override must have the type of the notebook's default (an integer may stand for
    a number); a list's items that of the default's first item."""
    expected, got = _type_name(default), _type_name(value)
    if expected == "a number" and got == "an integer":
        return
    if expected != got:
        raise InputError(where, f"must be {expected}, like the notebook's default {default!r} (got {value!r})")
    if expected == "a list" and default:
        for i, item in enumerate(value):
            _check_type(f"{where}, item {i}", item, default[0])


def check_window_of_build(ws: Workspace, edition: Edition) -> None:
    """The edition's window inside the years its validated yearly tables hold (bad input otherwise)."""
    from briefing.tables import YEARS_FILE, read_catalogue

    build = ws.build(edition.edition)
    short = {k: v.get("short", k) for k, v in read_catalogue(build)["datasets"].items()}
    check_window(edition, json.loads((build / "data" / YEARS_FILE).read_text(encoding="utf-8")), short)


def ensure_kernel(ws: Workspace) -> None:
    """A kernelspec running this interpreter (not whatever `python` is on PATH), quiet
    about its transport; found through JUPYTER_PATH."""
    folder = ws.work / "_build" / "jupyter"
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--IPKernelApp.log_level=ERROR"],
            "display_name": "briefing (Python)", "language": "python"}
    path = folder / "kernels" / KERNEL_NAME / "kernel.json"
    if not path.is_file() or json.loads(path.read_text()) != spec:
        write_text_atomic(path, canonical_json(spec))
    paths = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    if str(folder) not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(folder), *[p for p in paths if p]])


def _cache_path(ws: Workspace, edition: Edition, section: str) -> Path:
    return ws.build(edition.edition) / "cache" / f"{section}.json"


def is_fresh(ws: Workspace, edition: Edition, plan: Plan) -> bool:
    record_path = _cache_path(ws, edition, plan.section)
    if not record_path.is_file():
        return False
    record = json.loads(record_path.read_text())
    if record.get("key") != plan.key:
        return False
    work = ws.work
    return all((work / rel).is_file() and sha256_file(work / rel) == digest
               for rel, digest in record["outputs"].items())


def run_section(ws: Workspace, edition: Edition, plan: Plan) -> SectionRun:
    """Execute one section into a staging folder; only a notebook that succeeds replaces the
    executed notebook, figures and findings the cache vouches for. A failed run's notebook goes
    to `_build/<edition>/failed/<section>.ipynb`, named in the error, beside (never over) them."""
    build = ws.build(edition.edition)
    stage = Path(plan.parameters["output_dir"])
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "figures").mkdir(parents=True)
    attempt = stage.parent / f"{plan.section}.ipynb"
    started = time.perf_counter()
    import papermill  # imported here: heavy, and only needed when a section really runs
    from papermill.exceptions import PapermillExecutionError
    try:
        papermill.execute_notebook(str(plan.notebook), str(attempt), parameters=plan.parameters,
                                   kernel_name=KERNEL_NAME, cwd=str(ws.root), progress_bar=False,
                                   log_output=False)
    except PapermillExecutionError as exc:
        failed = _keep_failed(build, plan.section, attempt)
        shutil.rmtree(stage, ignore_errors=True)
        if exc.ename == "InputError":  # bad input found inside the section: exit 2, like any other
            raise InputError(f"section {plan.section}", exc.evalue) from None
        raise SectionFailed(plan.section, _code_cell_number(failed, exc.cell_index),
                            f"{exc.ename}: {exc.evalue}", str(failed)) from None
    outputs = _publish_outputs(ws, edition, plan.section, stage, attempt)
    seconds = time.perf_counter() - started
    record = {"key": plan.key, "section": plan.section, "seconds": round(seconds, 3),
              "outputs": {rel: sha256_file(ws.work / rel) for rel in outputs}}
    write_text_atomic(_cache_path(ws, edition, plan.section), canonical_json(record))
    return SectionRun(plan.section, True, seconds, outputs)


def _keep_failed(build: Path, section: str, attempt: Path) -> Path:
    """The failed run's executed notebook, kept for inspection in `failed/` (the good one stays)."""
    failed = build / "failed" / f"{section}.ipynb"
    failed.parent.mkdir(parents=True, exist_ok=True)
    if attempt.is_file():
        shutil.move(attempt, failed)
    return failed


def _code_cell_number(notebook: Path, cell_index: int) -> int:
    """papermill counts its injected-parameters cell; report the cell as the author sees
    it in notebooks/<section>.ipynb (1-based, all cells)."""
    try:
        cells = json.loads(notebook.read_text())["cells"]
        injected = sum(1 for c in cells[:cell_index] if "injected-parameters" in c["metadata"].get("tags", []))
        return cell_index - injected + 1
    except (OSError, ValueError, KeyError, IndexError):
        return cell_index + 1


def _publish_outputs(ws: Workspace, edition: Edition, section: str, stage: Path, attempt: Path) -> list[str]:
    """Move a successful section's staged outputs into place, replacing its old ones: figures,
    findings and the executed notebook (all in the cache record, so a changed one re-runs)."""
    build = ws.build(edition.edition)
    findings = stage / FINDINGS_FILE
    if not findings.is_file():
        raise SectionFailed(section, None, "the notebook did not call section.save()", "")
    figures = ws.figures(edition.edition)
    old = _cache_path(ws, edition, section)
    if old.is_file():
        for rel in json.loads(old.read_text())["outputs"]:
            (ws.work / rel).unlink(missing_ok=True)
    figures.mkdir(parents=True, exist_ok=True)
    written = []
    for item in sorted((stage / "figures").iterdir()):
        target = figures / item.name
        shutil.move(item, target)
        written.append(target.relative_to(ws.work).as_posix())
    for source, target in ((findings, build / "findings" / f"{section}.json"),
                           (attempt, build / "notebooks" / f"{section}.ipynb")):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)
        written.append(target.relative_to(ws.work).as_posix())
    (build / "failed" / f"{section}.ipynb").unlink(missing_ok=True)
    shutil.rmtree(stage, ignore_errors=True)
    return written


def run_sections(ws: Workspace, edition: Edition, sections: list[str] | None = None, jobs: int = 2,
                 force: bool = False, on_event: Callable[[str, str], None] | None = None) -> list[SectionRun]:
    """Run the edition's sections (or the named ones); returns what ran and what was fresh."""
    names = sections or list(edition.sections)
    unknown = [s for s in names if s not in edition.sections]
    if unknown:
        raise InputError("--section", f"{unknown} not among this edition's sections {list(edition.sections)}")
    check_window_of_build(ws, edition)
    plans = [plan_section(ws, edition, s) for s in names]
    ensure_kernel(ws)
    notify = on_event or (lambda section, event: None)
    results: list[SectionRun] = []
    todo = []
    for plan in plans:
        if not force and is_fresh(ws, edition, plan):
            results.append(SectionRun(plan.section, False, 0.0, []))
            notify(plan.section, "fresh")
        else:
            todo.append(plan)

    def work(plan: Plan) -> SectionRun:
        notify(plan.section, "start")
        run = run_section(ws, edition, plan)
        notify(plan.section, "done")
        return run

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(work, plan) for plan in todo]
        errors = []
        for future in futures:
            try:
                results.append(future.result())
            except SectionFailed as exc:
                errors.append(exc)
        if errors:
            raise errors[0]
    order = {name: i for i, name in enumerate(names)}
    return sorted(results, key=lambda r: order[r.section])
