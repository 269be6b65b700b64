"""Build benchmarks, all from one run on this machine (times are noisy; ratios less so).

- cold: a fresh work folder, `briefing build` end to end (fetch, validate, run, render, publish)
- warm: the same command again, nothing changed
- one section's parameter changed: only that section re-executes
- the renderer's CSS edited: re-rendered, no notebook re-executed
- one prose module edited: only the sections whose notebooks import it re-execute
- `briefing run --force` with --jobs 1 and --jobs 2

Code edits are made in a copy of the project (the package imported from the copy's
src/, the same work folder), never in the checkout.

Writes bench/results.md. Usage: `make bench` (or python bench/build.py [--params P]).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results_file import replace_section  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
MIRROR = Path(os.environ.get("BRIEFING_MIRROR", REPO.parent / "shared" / "data"))
SEEDS = Path(os.environ.get("BRIEFING_SEEDS", REPO.parent / "shared" / "seeds"))  # the copy has none beside it


def timed(*args: str, project: Path = REPO) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "BRIEFING_SEEDS": str(SEEDS)} if project != REPO else None
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "briefing.cli", *args], cwd=project, capture_output=True,
                            text=True, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: briefing {' '.join(args)}\n{result.stderr}")
    return elapsed, result.stdout


def changed_params(params: Path, target: Path) -> tuple[Path, str]:
    """The edition with one parameter of its first section changed."""
    data = yaml.safe_load(params.read_text())
    section = next(iter(data["sections"]))
    overrides = data["sections"][section] or {}
    if "gbard_countries" in overrides:
        overrides["gbard_countries"] = list(reversed(overrides["gbard_countries"]))
        what = f"sections.{section}.gbard_countries reversed"
    else:
        data["sections"][section] = {**overrides}
        what = f"sections.{section} (no override to change)"
    target.write_text(yaml.safe_dump(data))
    return target, what


def edited_copy(target: Path, relative: str, line: str) -> Path:
    """A copy of the project with one more line in src/briefing/`relative`."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(".git", ".venv", "_build", "_site", "figures", "raw", "cache",
                                                                "__pycache__", "node_modules", "out", ".pytest_cache"))
    path = target / "src" / "briefing" / relative
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    return target


def said(output: str, stage: str) -> str:
    return " / ".join(line.strip() for line in output.splitlines() if line.startswith(stage))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--params", default="params/2025.yml")
    args = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    work = OUT / "work"
    params = REPO / args.params
    common = ["--workdir", str(work)]
    cold, _ = timed("build", "--params", str(params), *common, "--mirror", str(MIRROR), "--jobs", "2")
    warm, warm_out = timed("build", "--params", str(params), *common, "--mirror", str(MIRROR), "--jobs", "2")
    changed, what = changed_params(params, OUT / "changed.yml")
    partial, partial_out = timed("build", "--params", str(changed), *common, "--mirror", str(MIRROR), "--jobs", "2")
    timed("build", "--params", str(params), *common, "--mirror", str(MIRROR), "--jobs", "2")  # back to the edition
    css_project = edited_copy(OUT / "project-css", "render/assets/briefing.css", "\n/* bench: an edit */\n")
    css, css_out = timed("build", "--params", str(params), *common, "--mirror", str(MIRROR), "--jobs", "2",
                         project=css_project)
    prose_project = edited_copy(OUT / "project-prose", "prose/funding.py", "\n# bench: an edit\n")
    prose, prose_out = timed("build", "--params", str(params), *common, "--mirror", str(MIRROR), "--jobs", "2",
                             project=prose_project)
    jobs1, _ = timed("run", "--params", str(params), *common, "--force", "--jobs", "1")
    jobs2, _ = timed("run", "--params", str(params), *common, "--force", "--jobs", "2")
    sections = list(yaml.safe_load(params.read_text())["sections"])
    rows = [
        ("cold build (fetch, validate, run, render, publish)", cold, 1.0),
        ("warm rebuild, nothing changed", warm, warm / cold),
        (f"rebuild after one section parameter changed ({what})", partial, partial / cold),
        ("rebuild after the renderer's CSS was edited", css, css / cold),
        ("rebuild after prose/funding.py was edited", prose, prose / cold),
        (f"`run --force --jobs 1` ({len(sections)} sections)", jobs1, 1.0),
        ("`run --force --jobs 2`", jobs2, jobs2 / jobs1),
    ]
    lines = [
        f"Recorded {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/build.py --params {args.params}`, one run, "
        f"on {platform.machine()} with {os.cpu_count()} cores, Python {platform.python_version()}.",
        "Machines here are shared and noisy: read the ratios, measured in the same run, not the seconds.",
        "",
        "| step | seconds | ratio |",
        "|---|---:|---:|",
        *[f"| {name} | {secs:.1f} | {ratio:.2f} |" for name, secs, ratio in rows],
        "",
        f"Target: warm rebuild under 10% of a cold one: **{'met' if warm / cold < 0.10 else 'NOT met'}** "
        f"({100 * warm / cold:.1f}%).",
        f"Warm rebuild said: `{said(warm_out, 'run')}`.",
        f"Partial rebuild said: `{said(partial_out, 'run')}`.",
        f"After the CSS edit: `{said(css_out, 'run')}`; `{said(css_out, 'render')}`.",
        f"After the prose/funding.py edit: `{said(prose_out, 'run')}`.",
        f"`--jobs 2` vs `--jobs 1`: {jobs1 / jobs2:.2f}x faster on the run stage ({', '.join(sections)}).",
        "",
    ]
    replace_section("Build (bench/build.py)", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
