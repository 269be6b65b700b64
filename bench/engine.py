"""Record-level engine benchmark: throughput and peak memory of `briefing aggregate`
(DuckDB, Spark local[2]) and of the pandas baseline (bench/pandas_baseline.py), at
1M and 10M synthetic OpenAlex works (bench/gen_works.py, JSON Lines gzip), in one run.

Each command runs in its own process; peak memory is the largest sum of RSS over the
process and all its children (Spark's JVM included), sampled every 0.1 s with psutil.
A run that passes --cap-seconds or --cap-gb is stopped and recorded as such. At the
smallest size every command runs --repeat times (the median is reported, with the range),
since the ratio there is a target. Writes its own section of bench/results.md.
Usage: make bench-engine (or python bench/engine.py [--sizes 1000000 10000000]
[--repeat 3] [--cap-seconds 1800] [--cap-gb 16]).
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



@dataclass
class Measured:
    """The runs of one command at one size: medians, and the range of the end-to-end seconds."""

    runs: list[Run]

    @property
    def first(self) -> Run:
        return self.runs[0]

    @property
    def ok(self) -> bool:
        return all(r.status == "ok" for r in self.runs)

    @property
    def seconds(self) -> float:
        return float(np.median([r.seconds for r in self.runs]))

    @property
    def inner(self) -> float | None:
        inner = [r.inner for r in self.runs if r.inner is not None]
        return float(np.median(inner)) if self.ok and len(inner) == len(self.runs) else None

    @property
    def peak_gb(self) -> float:
        return max(r.peak_gb for r in self.runs)

    @property
    def status(self) -> str:
        return next((r.status for r in self.runs if r.status != "ok"), "ok")

    def cells(self) -> str:
        r = self.first
        spread = (f" ({min(x.seconds for x in self.runs):.1f}-{max(x.seconds for x in self.runs):.1f})"
                  if len(self.runs) > 1 else "")
        inner = "" if self.inner is None else f"{self.inner:.1f}"
        printed = "-" if self.inner is None else f"{r.works / self.inner:,.0f}"
        whole = f"{r.works / self.seconds:,.0f}" if self.ok else "-"
        return (f"| {r.engine} | {r.works:,} | {len(self.runs)} | {self.seconds:.1f}{spread} | {whole} | {inner} | "
                f"{printed} | {self.peak_gb:.2f} | {self.status} |")


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


def identical(works: int) -> bool | None:
    """DuckDB's and Spark's tables from this run, byte for byte (None when either is missing)."""
    names = ("pairs.parquet", "country_output.parquet", "partners.parquet")
    folders = [OUT / f"{engine}-{works}" for engine in ("duckdb", "spark")]
    if not all((f / n).is_file() for f in folders for n in names):
        return None
    return all((folders[0] / n).read_bytes() == (folders[1] / n).read_bytes() for n in names)


def report(runs: list[Run], sizes: list[int], agrees: bool | None, same: dict[int, bool | None],
           caps: tuple[float, float], load: tuple[float, float, float], recorded: str) -> str:
    grouped: dict[tuple[str, int], list[Run]] = {}
    for r in runs:
        grouped.setdefault((r.engine, r.works), []).append(r)
    by = {key: Measured(group) for key, group in grouped.items()}
    lines = [
        f"Recorded {recorded} UTC by `bench/engine.py`, one run, on {platform.machine()} "
        f"with {os.cpu_count()} cores and {psutil.virtual_memory().total / 2**30:.0f} GiB, Python "
        f"{platform.python_version()}. Input: synthetic OpenAlex works (bench/gen_works.py, seed {SEED}), JSON Lines "
        f"gzip in parts of {PART_SIZE:,} works, about 2.6 KB of JSON a work. Each command runs in its own process. "
        "End to end: from process start to exit (interpreter, imports and JVM start included). As printed: the "
        "seconds the command reports itself, from reading the first record to writing the last table (the "
        "throughput `briefing aggregate` prints; the pandas baseline times the same span). Peak memory is the "
        "largest sum of RSS over the process and its children (Spark's JVM included). Caps: "
        f"{caps[0]:.0f} s, {caps[1]:.0f} GB. The machine may be shared with other sessions (load average at the "
        f"end of the run, 1/5/15 min: {' / '.join(f'{x:.1f}' for x in load)}), so read the ratios, measured in the "
        "same run, rather than the seconds.",
        "",
        "| engine | works | runs | seconds end to end, median (range) | works/s end to end | seconds as printed "
        "| works/s as printed | peak memory (GB) | status |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        *[m.cells() for m in by.values()],
        "",
    ]
    small, large = min(sizes), max(sizes)
    duck, pandas_run = by.get(("duckdb", small)), by.get(("pandas", small))
    if duck and pandas_run and duck.ok:
        whole = pandas_run.seconds / duck.seconds
        lower = " (at least: the baseline was stopped at its cap)" if not pandas_run.ok else ""
        if pandas_run.inner and duck.inner:
            printed = pandas_run.inner / duck.inner
            lines.append(f"Target: DuckDB at least 20x the pandas baseline at {small:,} works. Throughput as each "
                         f"prints it: **{'met' if printed >= 20 else 'NOT met'}** ({printed:.1f}x). End to end, "
                         f"with interpreter start and imports ({duck.seconds - duck.inner:.1f} s for the CLI, "
                         f"{pandas_run.seconds - pandas_run.inner:.1f} s for the baseline script): "
                         f"**{'met' if whole >= 20 else 'NOT met'}** ({whole:.1f}x).")
        else:
            lines.append(f"Target: DuckDB at least 20x the pandas baseline at {small:,} works: "
                         f"**{'met' if whole >= 20 else 'NOT met'}** ({whole:.1f}x end to end{lower}).")
    if (spark := by.get(("spark", small))) and duck and spark.ok:
        lines.append(f"Spark local[2] against DuckDB at {small:,} works: {spark.seconds / duck.seconds:.1f}x slower "
                     "end to end (JVM start and a shuffle per step on 2 cores; Spark is for when one machine is not "
                     "enough).")
    for engine in ("duckdb", "spark", "pandas"):
        if (m := by.get((engine, large))) and large != small:
            if not m.ok:
                lines.append(f"{large:,} works with {engine}: not finished ({m.status} after {m.seconds:.0f} s, "
                             f"{m.peak_gb:.2f} GB by then).")
                continue
            verdict = "met" if m.peak_gb <= 4 else "NOT met"
            lines.append(f"Target: {large:,} works within 4 GB peak memory, {engine}: **{verdict}** ({m.peak_gb:.2f} GB).")
    if agrees is not None:
        lines.append(f"The pandas baseline and the DuckDB engine agree on every pair count at {small:,} works "
                     f"(full and fractional, all and corresponding): **{'yes' if agrees else 'NO'}**.")
    for works, result in sorted(same.items()):
        if result is not None:
            lines.append(f"DuckDB and Spark tables (pairs, country_output, partners) at {works:,} works, this run: "
                         f"**{'byte-identical' if result else 'DIFFERENT'}**.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", nargs="+", default=["duckdb", "spark", "pandas"])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command at the smallest size")
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
            for _ in range(args.repeat if works == min(args.sizes) else 1):
                out = OUT / f"{engine}-{works}"
                shutil.rmtree(out, ignore_errors=True)
                seconds, peak, status, inner = measure(command(engine, source, out), args.cap_seconds,
                                                       args.cap_gb * 1e9)
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
    same = {works: identical(works) for works in sizes}
    text = report(runs, sizes, agrees, same, caps, load, recorded)
    replace_section(TITLE, text)
    print(text)


if __name__ == "__main__":
    main()
