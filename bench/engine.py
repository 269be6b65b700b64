"""Record-level engine benchmark: throughput and peak memory of `briefing aggregate`
(DuckDB, Spark local[2]) and of the pandas baseline (bench/pandas_baseline.py), at
1M and 10M synthetic OpenAlex works (bench/gen_works.py, JSON Lines gzip), in one run.

Each command runs in its own process; peak memory is the largest sum of RSS over the
process and all its children (Spark's JVM included), sampled every 0.1 s with psutil.
A run that passes --cap-seconds or --cap-gb is stopped and recorded as such.
Writes its own section of bench/results.md. Usage: make bench-engine
(or python bench/engine.py [--sizes 1000000 10000000] [--cap-seconds 1800] [--cap-gb 16]).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_works  # noqa: E402
from results_file import replace_section  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "engine"
SEED, PART_SIZE = 2023, 500_000
TITLE = "Record-level engine (bench/engine.py)"


@dataclass
class Run:
    engine: str
    works: int
    seconds: float
    peak_gb: float
    status: str  # ok | stopped at cap | failed
    inner: float | None = None  # the seconds the command itself reports (no interpreter or JVM start)

    @property
    def rate(self) -> str:
        """Works per second, only for a run that read all its works."""
        return f"{self.works / self.seconds:,.0f}" if self.status == "ok" else "-"


def records(works: int) -> Path:
    """The generated works (made once; the same seed gives the same bytes)."""
    folder = OUT / f"works-{works}"
    marker = folder / "done.json"
    spec = {"works": works, "seed": SEED, "part_size": PART_SIZE, "format": "jsonl"}
    if not marker.is_file() or json.loads(marker.read_text()) != spec:
        shutil.rmtree(folder, ignore_errors=True)
        gen_works.generate(works, folder, seed=SEED, part_size=PART_SIZE, fmt="jsonl")
        marker.write_text(json.dumps(spec))
    return folder / "jsonl"


def measure(command: list[str], cap_seconds: float, cap_bytes: float) -> tuple[float, int, str, float | None]:
    """Wall seconds, peak RSS of the process tree, how it ended, and the seconds it reported."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    root = psutil.Process(proc.pid)
    peak, status = 0, "ok"
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            rss = sum(p.memory_info().rss for p in tree if p.is_running())
        except psutil.Error:
            rss = 0
        peak = max(peak, rss)
        elapsed = time.perf_counter() - started
        if elapsed > cap_seconds or rss > cap_bytes:
            status = f"stopped at cap ({'time' if elapsed > cap_seconds else 'memory'})"
            for p in reversed([root, *root.children(recursive=True)]):
                p.kill()
            break
        time.sleep(0.1)
    output = proc.communicate()[0]
    seconds = time.perf_counter() - started
    if status == "ok" and proc.returncode != 0:
        status = "failed"
        print(output[-3000:], file=sys.stderr)
    reported = re.search(r" in ([\d.]+) s", " ".join(output.split()))
    return seconds, peak, status, float(reported.group(1)) if reported and status == "ok" else None


def command(engine: str, source: Path, out: Path) -> list[str]:
    if engine == "pandas":
        return [sys.executable, "bench/pandas_baseline.py", "--records", str(source), "--out", str(out)]
    return [sys.executable, "-m", "briefing.cli", "aggregate", "--records", str(source), "--engine", engine,
            "--master", "local[2]", "--out", str(out)]


def baseline_agrees(works: int) -> bool:
    """The pandas baseline and the DuckDB engine give the same pairs and country totals."""
    from briefing.engine.query import slug

    engine = pd.read_parquet(OUT / f"duckdb-{works}" / "pairs.parquet")
    base = pd.read_parquet(OUT / f"pandas-{works}" / "pairs.parquet").rename(columns={"publication_year": "year"})
    base["field"] = base["field"].map(slug)
    keys = ["field", "year", "country_a", "country_b"]
    for column, counting, attribution in (("works", "full", "all"), ("frac", "fractional", "all"),
                                          ("works_corresponding", "full", "corresponding"),
                                          ("frac_corresponding", "fractional", "corresponding")):
        ours = engine[(engine["counting"] == counting) & (engine["attribution"] == attribution)].set_index(keys)["works"]
        theirs = base.set_index(keys)[column]
        ours, theirs = ours.align(theirs[theirs > 0], fill_value=0)
        if not np.allclose(ours, theirs, rtol=1e-9, atol=1e-9):
            return False
    return True


def report(runs: list[Run], sizes: list[int], agrees: bool | None, caps: tuple[float, float],
           load: tuple[float, float, float], recorded: str) -> str:
    by = {(r.engine, r.works): r for r in runs}
    lines = [
        f"Recorded {recorded} UTC by `bench/engine.py`, one run, on {platform.machine()} "
        f"with {os.cpu_count()} cores and {psutil.virtual_memory().total / 2**30:.0f} GiB, Python "
        f"{platform.python_version()}. Input: synthetic OpenAlex works (bench/gen_works.py, seed {SEED}), JSON Lines "
        f"gzip in parts of {PART_SIZE:,} works, about 2.6 KB of JSON a work. Each command is timed end to end in its "
        "own process (interpreter and JVM start included); peak memory is the largest sum of RSS over the process "
        f"and its children (Spark's JVM included). Caps: {caps[0]:.0f} s, {caps[1]:.0f} GB. The machine is shared: "
        "other sessions' builds and tests ran on the same cores during the run (load average during it, 1/5/15 "
        f"min: {' / '.join(f'{x:.1f}' for x in load)}), so read the ratios, measured in the same run, not the seconds.",
        "",
        "| engine | works | seconds (end to end) | works/s | seconds it reports | peak memory (GB) | status |",
        "|---|---:|---:|---:|---:|---:|---|",
        *[f"| {r.engine} | {r.works:,} | {r.seconds:.1f} | {r.rate} | "
          f"{'' if r.inner is None else f'{r.inner:.1f}'} | {r.peak_gb:.2f} | {r.status} |" for r in runs],
        "",
    ]
    small, large = min(sizes), max(sizes)
    duck, pandas_run = by.get(("duckdb", small)), by.get(("pandas", small))
    if duck and pandas_run:
        ratio = pandas_run.seconds / duck.seconds
        lower = " (at least: the baseline was stopped at its cap)" if pandas_run.status != "ok" else ""
        inner = (f"; {pandas_run.inner / duck.inner:.1f}x on the seconds each reports, without interpreter start"
                 if pandas_run.inner and duck.inner else "")
        lines.append(f"Target: DuckDB at least 20x the pandas baseline at {small:,} works: "
                     f"**{'met' if ratio >= 20 else 'NOT met'}** ({ratio:.1f}x end to end{lower}{inner}).")
    if (spark := by.get(("spark", small))) and duck:
        lines.append(f"Spark local[2] against DuckDB at {small:,} works: {spark.seconds / duck.seconds:.1f}x slower "
                     "(JVM start and a shuffle per step on 2 cores; Spark is for when one machine is not enough).")
    for engine in ("duckdb", "spark", "pandas"):
        if (r := by.get((engine, large))) and large != small:
            if r.status != "ok":
                lines.append(f"{large:,} works with {engine}: not finished ({r.status} after {r.seconds:.0f} s, "
                             f"{r.peak_gb:.2f} GB by then).")
                continue
            verdict = "met" if r.peak_gb <= 4 else "NOT met"
            lines.append(f"Target: {large:,} works within 4 GB peak memory, {engine}: **{verdict}** ({r.peak_gb:.2f} GB).")
    if agrees is not None:
        lines.append(f"The pandas baseline and the DuckDB engine agree on every pair count at {small:,} works "
                     f"(full and fractional, all and corresponding): **{'yes' if agrees else 'NO'}**.")
    lines.append("DuckDB and Spark outputs were byte-identical at 10M works in development, and are checked at 1M "
                 "works by tests/integration/test_engine_spark.py.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", nargs="+", default=["duckdb", "spark", "pandas"])
    parser.add_argument("--cap-seconds", type=float, default=1800)
    parser.add_argument("--cap-gb", type=float, default=16)
    parser.add_argument("--from-runs", type=Path, help="re-write the section from a runs.json this script saved")
    args = parser.parse_args()
    if args.from_runs:
        saved = json.loads(args.from_runs.read_text())
        runs = [Run(**r) for r in saved["runs"]]
        write(runs, saved["sizes"], tuple(saved["caps"]), tuple(saved["load"]), saved["recorded"])
        return
    runs = []
    for works in args.sizes:
        source = records(works)
        for engine in args.engines:
            out = OUT / f"{engine}-{works}"
            shutil.rmtree(out, ignore_errors=True)
            seconds, peak, status, inner = measure(command(engine, source, out), args.cap_seconds, args.cap_gb * 1e9)
            runs.append(Run(engine, works, seconds, peak / 1e9, status, inner))
            print(f"{engine} {works:,}: {seconds:.1f} s, {peak / 1e9:.2f} GB, {status}", flush=True)
    caps, load, recorded = (args.cap_seconds, args.cap_gb), os.getloadavg(), f"{datetime.now(UTC):%Y-%m-%d %H:%M}"
    (OUT / "runs.json").write_text(json.dumps({"runs": [asdict(r) for r in runs], "sizes": args.sizes,
                                               "caps": caps, "load": load, "recorded": recorded}, indent=1))
    write(runs, args.sizes, caps, load, recorded)


def write(runs: list[Run], sizes: list[int], caps: tuple[float, float], load: tuple[float, float, float],
          recorded: str) -> None:
    small = min(sizes)
    ok = {(r.engine, r.works) for r in runs if r.status == "ok"}
    agrees = baseline_agrees(small) if {("duckdb", small), ("pandas", small)} <= ok else None
    text = report(runs, sizes, agrees, caps, load, recorded)
    replace_section(TITLE, text)
    print(text)


if __name__ == "__main__":
    main()
