"""`make test` timed in two checkouts, back to back in one sitting (alternating, so both
meet the same load from whatever else the machine runs), and their ratio.

Each checkout needs its own set-up first (`make setup` in it: its .venv and node_modules);
then this script runs `make test` in each, ROUNDS times, alternating, and writes the
"make test" section of bench/results.md: seconds, the test counts pytest reports, and
the load average. Usage:

    python bench/test_time.py --before ../house-base --after . [--rounds 2] [--label-before b79eaf1]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results_file import replace_section  # noqa: E402

COUNTS = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")


def git_head(folder: Path) -> str:
    return subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=folder, capture_output=True, text=True,
                          check=True).stdout.strip()


def timed_make_test(folder: Path) -> tuple[float, dict[str, int], float]:
    """Seconds, pytest's counts from its closing line, and the 1-minute load average at the end."""
    started = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=folder, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    closing = [line for line in result.stdout.splitlines() if re.search(r"\d+ passed", line)]
    counts = {kind.rstrip("s") if kind.startswith("error") else kind: int(n)
              for n, kind in COUNTS.findall(closing[-1] if closing else "")}
    return seconds, counts, os.getloadavg()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    checkouts = {"before": args.before.resolve(), "after": args.after.resolve()}
    heads = {name: git_head(folder) for name, folder in checkouts.items()}
    runs: list[tuple[int, str, float, dict[str, int], float]] = []
    for round_no in range(1, args.rounds + 1):
        for name, folder in checkouts.items():
            seconds, counts, load = timed_make_test(folder)
            runs.append((round_no, name, seconds, counts, load))
            print(f"round {round_no} {name} ({heads[name]}): {seconds:.0f} s {counts} load {load:.1f}", flush=True)
    total = {name: sum(r[2] for r in runs if r[1] == name) for name in checkouts}
    ratio = total["after"] / total["before"]
    show = lambda counts: ", ".join(f"{n} {k}" for k, n in counts.items())  # noqa: E731
    lines = [
        f"Recorded {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/test_time.py`, on {platform.machine()} with "
        f"{os.cpu_count()} cores shared with other sessions, Python {platform.python_version()}: `make test` "
        f"(pytest -n 2 --dist loadfile) in two checkouts, alternating, {args.rounds} round(s) each.",
        "",
        "| round | checkout | commit | seconds | tests | load (1 min) at the end |",
        "|---:|---|---|---:|---|---:|",
        *[f"| {r} | {name} | {heads[name]} | {s:.0f} | {show(c)} | {load:.1f} |" for r, name, s, c, load in runs],
        "",
        f"Total: before {total['before']:.0f} s, after {total['after']:.0f} s; after/before = **{ratio:.2f}** "
        f"(target at most 0.50: **{'met' if ratio <= 0.5 else 'NOT met'}**).",
        "",
    ]
    replace_section("make test (bench/test_time.py)", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
