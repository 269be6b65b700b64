"""The explorer (explore.html) of the default edition in Chromium, on this machine:

- what a first load transfers: each file it asks for, uncompressed and gzip-compressed as a
  compressing host sends it (level 1, nginx's default, and level 6, zlib's), against the
  12 MB budget;
- first load: navigation to the first answer drawn (data fetched, indexed, page built), in
  fresh browser contexts (nothing cached), median and slowest of several;
- a new answer after the first load: a pair, a country's share with a partner, a region's
  ranking, each from the fragment's change to the table drawn, median and slowest;
- the alternative weighed: DuckDB-WASM (npm `@duckdb/duckdb-wasm`, with its `apache-arrow`)
  and the same tables as Parquet, by size (the npm tarballs are fetched once with `npm pack`
  into bench/out/npm/).

Reads a published default edition: `--site DIR` (default `_site` of this checkout when it holds
2025/latest/explore.html, else one built into bench/out/explore-work). Writes its section of
bench/results.md. Usage: python bench/explore.py [--site DIR] [--runs N]."""

from __future__ import annotations

import argparse
import gzip
import io
import os
import platform
import random
import statistics
import subprocess
import sys
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from results_file import replace_section  # noqa: E402

from tests.browser.gzip_server import serve_gzip  # noqa: E402
from tests.browser.pages import chromium  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
BUDGET = 12_000_000
DUCKDB = ("@duckdb/duckdb-wasm", "1.32.0", ["dist/duckdb-eh.wasm", "dist/duckdb-browser-eh.worker.js",
                                            "dist/duckdb-browser.mjs"])
ARROW = ("apache-arrow", "17.0.0", ["Arrow.es2015.min.js"])
READY = "() => document.documentElement.dataset.explorer === 'ready'"
# From the fragment's change to the answer drawn, timed in the page.
ANSWER = """async state => {
  const result = document.getElementById('explore-result');
  const started = performance.now();
  location.hash = state;
  // The page completes a state it is given (a region's default pair): wait for it to start so.
  while (!(result.dataset.state || '').startsWith(state)) {
    if (performance.now() - started > 10000) throw new Error('no answer to ' + state);
    await new Promise(r => setTimeout(r, 0));
  }
  return performance.now() - started;
}"""


def published_site(site: Path | None) -> Path:
    if site:
        return site
    if (REPO / "_site" / "2025" / "latest" / "explore.html").is_file():
        return REPO / "_site"
    work = OUT / "explore-work"
    subprocess.run([sys.executable, "-m", "briefing.cli", "build", "--params", "params/2025.yml", "--workdir",
                    str(work)], cwd=REPO, check=True)
    return work / "_site"


def transfer(site: Path, level: int) -> list[tuple[str, int, int]]:
    """(path, raw bytes, bytes on the wire) of each file a first load asks for."""
    with serve_gzip(site, level=level) as served, chromium() as browser:
        page = browser.new_context().new_page()
        page.goto(f"{served.url}/2025/latest/explore.html")
        page.wait_for_function(READY, timeout=60_000)
        page.context.close()
        return [(s.path, s.raw, s.wire) for s in served.log]


def timings(site: Path, runs: int) -> dict[str, list[float]]:
    """First loads in fresh contexts, then new answers in one page: milliseconds."""
    found: dict[str, list[float]] = {"first load": [], "a new pair": [], "a country's share with a partner": [],
                                     "a region's pairs ranked": []}
    with serve_gzip(site, level=6) as served, chromium() as browser:
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{served.url}/2025/latest/explore.html#pair=KR-VN")
            page.wait_for_function(READY, timeout=60_000)
            found["first load"].append(page.evaluate("() => performance.now()"))
            context.close()
        page = browser.new_context().new_page()
        page.goto(f"{served.url}/2025/latest/explore.html")
        page.wait_for_function(READY, timeout=60_000)
        codes = page.evaluate("() => Array.from(document.getElementById('pair-a').options).map(o => o.value)")
        chance = random.Random(2025)
        for _ in range(runs * 4):
            a, b = chance.sample(codes, 2)
            found["a new pair"].append(page.evaluate(ANSWER, f"#pair={a}-{b}"))
            a, b = chance.sample(codes, 2)
            found["a country's share with a partner"].append(page.evaluate(ANSWER, f"#country={a}&partner={b}"))
        for region, year in [("europe", 2022), ("asia-pacific", 2023), ("africa", 2010), ("eu27", 2015)] * runs:
            found["a region's pairs ranked"].append(page.evaluate(ANSWER, f"#region={region}&year={year}"))
        page.context.close()
    return found


def npm_files(package: str, version: str, names: list[str]) -> dict[str, bytes]:
    """Files of an npm package's tarball, fetched once with `npm pack` (the registry's own client)."""
    folder = OUT / "npm"
    folder.mkdir(parents=True, exist_ok=True)
    tarball = folder / f"{package.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tarball.is_file():
        subprocess.run(["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(folder)],
                       check=True, capture_output=True)
    with tarfile.open(tarball) as archive:
        return {name: archive.extractfile(f"package/{name}").read() for name in names}


def parquet_sizes(site: Path) -> dict[str, int]:
    """The explorer's tables as Parquet (what DuckDB-WASM would read), zstd-compressed: the rows of
    every source the pairs table holds, as the column files have them."""
    from briefing.tables import read_table

    build = site.parent / "_build" / "2025"
    sizes = {}
    for table in ("pairs", "country_output"):
        frame = read_table(build, table)
        frame = frame[frame["source"].isin({"openalex", "ncses"})]
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False, compression="zstd")
        sizes[f"{table}.parquet"] = len(buffer.getvalue())
    return sizes


def gz(data: bytes, level: int) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def mb(n: float) -> str:
    return f"{n / 1e6:.2f}"


def kb(n: float) -> str:
    return f"{n / 1e3:,.1f}"


def report(site: Path, runs: int) -> str:
    level1, level6 = transfer(site, 1), {p: w for p, _, w in transfer(site, 6)}
    rows = ["| file | uncompressed kB | gzip -1 kB | gzip -6 kB |", "|---|---:|---:|---:|"]
    for path, raw, wire in level1:
        rows.append(f"| `{path}` | {kb(raw)} | {kb(wire)} | {kb(level6.get(path, wire))} |")
    raw_total, wire_total = sum(r for _, r, _ in level1), sum(w for _, _, w in level1)
    rows.append(f"| **first load, total** | **{kb(raw_total)}** | **{kb(wire_total)}** | **{kb(sum(level6.values()))}** |")
    timed = timings(site, runs)
    times = ["| step | runs | median ms | slowest ms |", "|---|---:|---:|---:|"]
    times += [f"| {name} | {len(ms)} | {statistics.median(ms):.0f} | {max(ms):.0f} |" for name, ms in timed.items()]
    duck = npm_files(*DUCKDB)
    arrow = npm_files(*ARROW)
    engine = ["| file | uncompressed MB | gzip -1 MB | gzip -6 MB |", "|---|---:|---:|---:|"]
    duck_total = [0, 0, 0]
    for name, data in [*duck.items(), *(("apache-arrow/" + k, v) for k, v in arrow.items())]:
        sizes = (len(data), gz(data, 1), gz(data, 6))
        duck_total = [t + s for t, s in zip(duck_total, sizes, strict=True)]
        engine.append(f"| `{name}` | {' | '.join(mb(s) for s in sizes)} |")
    engine.append(f"| **DuckDB-WASM engine, total** | **{'** | **'.join(mb(s) for s in duck_total)}** |")
    parquet = parquet_sizes(site)
    ours = {p: (r, w) for p, r, w in level1 if p.endswith((".js", ".bcol"))}
    ours_engine = sum(r for p, (r, _) in ours.items() if p.endswith(".js"))
    ours_data = {p.rsplit("/", 1)[1]: (r, w) for p, (r, w) in ours.items() if p.endswith(".bcol")}
    return "\n".join([
        f"Recorded {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/explore.py`, on {platform.machine()} with "
        f"{os.cpu_count()} cores, Chromium (Debian) through Playwright, the site served on 127.0.0.1 by "
        "tests/browser/gzip_server.py. The machine is shared: read the orders of magnitude.",
        "",
        "What a first load of `2025/latest/explore.html` transfers (each file it asked for):",
        "", *rows, "",
        f"Budget 12 MB: **{'met' if wire_total <= BUDGET and raw_total <= BUDGET else 'NOT met'}**, even with no "
        f"compression at all ({mb(raw_total)} MB; {mb(wire_total)} MB at gzip level 1). A host that compresses only "
        "text (nginx's default `gzip_types`) sends the `.bcol` files as they are.",
        "",
        "Time in Chromium:", "", *times, "",
        "Target: a new pair answered within a second after the first load: "
        f"**{'met' if max(timed['a new pair']) < 1000 else 'NOT met'}** (slowest {max(timed['a new pair']):.0f} ms).",
        "",
        "The alternative weighed, DuckDB-WASM " + DUCKDB[1] + " (npm) with apache-arrow " + ARROW[1]
        + ", the files a browser would load:",
        "", *engine, "",
        f"The same tables as Parquet (zstd): {', '.join(f'{k} {mb(v)} MB' for k, v in parquet.items())}; as the "
        f"explorer's column files: {', '.join(f'{k} {mb(r)} MB ({mb(w)} MB gzip -1)' for k, (r, w) in ours_data.items())}.",
        "",
        f"Decision: the explorer's own engine (`src/briefing/report/explore/explore.js`, {ours_engine / 1e3:.0f} kB "
        "uncompressed, typed arrays over the column files of `report/columns.py`). DuckDB-WASM alone would "
        f"transfer {mb(duck_total[2])}-{mb(duck_total[1])} MB compressed (gzip -6 to -1; {mb(duck_total[0])} MB "
        "where a host does not compress "
        "`.wasm`, over the budget), and compile a 34 MB WebAssembly module before the first answer, for three "
        "queries (a pair's rows, a join with the country totals, a ranking) that a scan of typed arrays answers in "
        "milliseconds. Plain JavaScript also needs no WebAssembly, which a file share blocks along with fetch.",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a published site holding 2025/latest/explore.html")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    body = report(published_site(args.site), args.runs)
    replace_section("Explorer (bench/explore.py)", body)
    print(body)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
