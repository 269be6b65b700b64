"""Publishing, and the command line end to end: versions with all four files, no new
version without a content change (nothing re-executed on a rerun), a new one (and an
untouched old one) after a change, the same bytes from two clean builds (the command
line's and the session's shared CI build), the PDF's text and pages, the manifest's
checksums, and `briefing diff`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from briefing.infra.fileio import sha256_file
from briefing.infra.lock import LOCK_NAME, holder
from tests.conftest import REPO, run_cli, tree_bytes

pytestmark = pytest.mark.slow
PDF = "briefing-ci-v1.pdf"
STAMP_FIELD = "published_at"  # the one documented build-stamp field (manifest.json)


@pytest.fixture(scope="module")
def site(ci_build):
    return ci_build.site / "ci"


def test_version_has_all_four_files_and_latest(site):
    v1 = site / "v1"
    for name in ["index.html", PDF, "findings.json", "manifest.json"]:
        assert (v1 / name).is_file(), name
    assert tree_bytes(site / "latest") == tree_bytes(v1)
    index = (site.parent / "index.html").read_text()
    assert 'href="ci/v1/index.html"' in index and f'href="ci/v1/{PDF}"' in index


def test_site_links_are_relative(site):
    for page in (site / "v1").glob("*.html"):
        text = page.read_text()
        assert not re.search(r'(href|src)="(/|file:|https?:)', text), page.name
        assert str(REPO) not in text and "/tmp/" not in text, page.name


def test_pdf_text_has_every_section_title_and_caption(site, ci_build):
    text = subprocess.run(["pdftotext", "-layout", str(site / "v1" / PDF), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = "".join(text.split()).replace("\u2019", "'")  # typst sets smart quotes; lines break anywhere
    book = ci_build.build("ci") / "book"
    titles, captions = [], []
    for chapter in book.glob("*.qmd"):
        if chapter.name == "briefing.qmd":
            continue
        source = chapter.read_text()
        titles += [m.strip() for m in re.findall(r"^##\s+(.+?)(?:\s*\{#.*\})?$", source, re.M)]
        captions += re.findall(r"^!\[(.+?)\]\(figures/", source, re.M)
        captions += re.findall(r"^: (.+?) \{#tbl-", source, re.M)
    assert titles and captions
    for needed in titles + captions:
        plain = "".join(needed.replace("\\", "").split())
        assert plain in flat, plain
    assert "Editionci·version1" in flat and "Contents" in flat


def test_pdf_pages_render_and_fonts_are_embedded(site, tmp_path):
    pdf = site / "v1" / PDF
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 4
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == pages and all(p.stat().st_size > 2000 for p in rendered)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("yes" in row[-5:-3] for row in rows), fonts


def test_manifest_checksums_match_raw_files(site, ci_build):
    manifest = json.loads((site / "v1" / "manifest.json").read_text())
    assert manifest["edition"] == "ci" and manifest["version"] == 1
    assert manifest["parameters"]["window"] == {"start": 2018, "end": 2022}
    assert manifest["renderer"]["name"] in ("built-in", "quarto")
    assert {"python", "pandas", "papermill", "typst"} <= set(manifest["versions"])
    for source, entry in manifest["inputs"]["raw"].items():
        folder = ci_build.raw / source / entry["snapshot_id"]
        for name, digest in entry["sha256"].items():
            assert sha256_file(folder / name) == digest, f"{source}/{name}"
    assert manifest["inputs"]["curated"]["data/curated/facts.csv"] == sha256_file(REPO / "data/curated/facts.csv")


def test_every_raw_snapshot_has_snapshot_yml(ci_build):
    for source in (ci_build.raw).iterdir():
        snapshots = [p for p in source.iterdir() if p.is_dir()]
        assert snapshots, source
        for snap in snapshots:
            assert (snap / "snapshot.yml").is_file(), snap


def test_findings_json_merges_sections(site, ci_build):
    merged = json.loads((site / "v1" / "findings.json").read_text())
    ids = [f["id"] for f in merged["findings"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    per_section = sum(len(json.loads(p.read_text())["findings"])
                      for p in (ci_build.build("ci") / "findings").glob("*.json"))
    assert len(ids) == per_section


FIRST_BUILD = ["_build/ci/findings", "figures/ci", "_build/ci/book", "_build/ci/html", "_build/ci/data"]


def wait_until(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def build_at_once(params: Path, work: Path, mirror: Path) -> tuple[subprocess.CompletedProcess, ...]:
    """Two `briefing build` commands on one work folder, the second started once the first
    holds the lock (its pid in the lock file): ordered by the lock itself, not by a sleep.
    Each finished command's `args` is its pid."""
    args = [sys.executable, "-m", "briefing.cli", "build", "--params", str(params), "--workdir", str(work),
            "--mirror", str(mirror)]
    first = subprocess.Popen([*args, "--jobs", "2"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    wait_until(lambda: holder(work / LOCK_NAME) == f"pid {first.pid}" or first.poll() is not None)
    assert first.poll() is None, "the first build ended before it was seen holding the lock"
    second = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    runs = []
    for process in (first, second):
        out, err = process.communicate(timeout=600)
        runs.append(subprocess.CompletedProcess(process.pid, process.returncode, out, err))
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[1].returncode == 0, runs[1].stderr
    return runs[0], runs[1]


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory, mirror):
    """A clean build by the command line (v1) with a second build started while it runs,
    a rerun that executes nothing, and a build after one parameter changed (v2). What the
    first build left is kept (`first`) for the tests that compare it, as the later builds
    write into the same folder."""
    work = tmp_path_factory.mktemp("versions")
    params = work / "ci.yml"
    data = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    params.write_text(yaml.safe_dump(data, sort_keys=False))
    built, waited = build_at_once(params, work, mirror)
    cache, executed = work / "_build/ci/cache/funding.json", work / "_build/ci/notebooks/funding.ipynb"
    first = SimpleNamespace(run=built, waited=waited, site=tree_bytes(work / "_site" / "ci" / "v1"),
                            parts={part: tree_bytes(work / part) for part in FIRST_BUILD},
                            versions=sorted(p.name for p in (work / "_site" / "ci").iterdir()),
                            cache=cache.read_bytes(), executed=executed.stat().st_mtime_ns)
    again = run_cli("build", "--params", str(params), "--workdir", str(work), "--mirror", str(mirror))
    assert again.returncode == 0, again.stderr
    rerun = SimpleNamespace(run=again, cache=cache.read_bytes(), executed=executed.stat().st_mtime_ns)
    data["window"]["end"] = 2021
    params.write_text(yaml.safe_dump(data, sort_keys=False))
    changed = run_cli("build", "--params", str(params), "--workdir", str(work), "--mirror", str(mirror))
    assert changed.returncode == 0, changed.stderr
    return SimpleNamespace(work=work, first=first, rerun=rerun)


def test_second_build_at_once_waits_and_nothing_is_corrupted(two_versions):
    first = two_versions.first
    message = " ".join(first.waited.stderr.split())
    assert f"waiting for another briefing command (pid {first.run.args}) to finish" in message, message
    assert "new version ci/v1" in first.run.stdout and "unchanged, still ci/v1" in first.waited.stdout
    assert first.versions == ["latest", "v1"]
    assert json.loads(first.site["manifest.json"])["version"] == 1


def test_build_produces_html_pages(two_versions):
    first = two_versions.first
    html = first.parts["_build/ci/html"]
    index, funding = html["index.html"].decode(), html["funding.html"].decode()
    assert "Research collaboration briefing (CI edition)" in index
    assert 'href="funding.html"' in index
    assert re.search(r"Figure(&nbsp;|\u00a0| )\d+\.1</a>:", funding)  # the number is a permalink
    assert 'class="vl-spec"' in funding and 'class="chart-fallback"' in funding
    assert 'href="figures/fig-gerd-intensity.csv"' in funding
    assert len(html["assets/vega.js"]) > 100_000
    assert "commit" in funding and "mirror-" in funding
    assert "ran funding" in first.run.stderr or "run: funding" in first.run.stdout


def test_second_build_executes_nothing(two_versions):
    first, rerun = two_versions.first, two_versions.rerun
    assert "nothing to run" in rerun.run.stdout and "validate: up to date" in rerun.run.stdout
    assert "render: up to date" in rerun.run.stdout
    assert rerun.cache == first.cache and rerun.executed == first.executed


def test_two_clean_builds_give_identical_data_findings_and_figures(two_versions, ci_build):
    """The command line's clean build and the shared CI build (in-process), byte for byte."""
    for part, files in two_versions.first.parts.items():
        other = tree_bytes(ci_build.work / part)
        if part == "_build/ci/data":  # the tables; sources.json also says when each snapshot was taken
            files, other = ({k: v for k, v in tree.items() if k.endswith(".parquet")} for tree in (files, other))
            assert len(files) >= 4
        assert files == other, part


def test_rerun_creates_no_new_version(two_versions):
    assert "publish: unchanged, still ci/v1" in two_versions.rerun.run.stdout


def test_changed_parameter_creates_v2_and_leaves_v1_byte_identical(two_versions):
    site = two_versions.work / "_site" / "ci"
    assert sorted(p.name for p in site.iterdir()) == ["latest", "v1", "v2"]
    assert tree_bytes(site / "v1") == two_versions.first.site
    assert (site / "v2" / "briefing-ci-v2.pdf").is_file()
    assert json.loads((site / "latest" / "manifest.json").read_text())["version"] == 2


def test_diff_reports_changed_findings(two_versions):
    work = two_versions.work
    result = run_cli("diff", "ci/v1", "ci/v2", "--workdir", str(work), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    removed = {f["id"] for f in report["removed"]}
    assert "funding.gerd_pct_gdp.JP.2022" in removed  # the window now ends in 2021
    moved = report["moved"]
    sizes = [abs(m["relative_pct"]) for m in moved if m["relative_pct"] is not None]
    assert sizes == sorted(sizes, reverse=True)
    # Growth over the window is named by its years: each one that ended in 2022 is removed and
    # the same country's growth to an earlier year added in its place.
    growth = "funding.gerd_const_growth_pct."
    ended = dict(f.rsplit("-", 1) for f in removed if f.startswith(growth))
    added = dict(f["id"].rsplit("-", 1) for f in report["added"] if f["id"].startswith(growth))
    assert ended and ended.keys() <= added.keys(), (ended, added)
    assert all(int(added[k]) < int(ended[k]) <= 2022 for k in ended)
    missing = run_cli("diff", "ci/v1", "ci/v9", "--workdir", str(work))
    assert missing.returncode == 2 and "no published version ci/v9" in missing.stderr


def test_two_clean_builds_publish_identical_versions(two_versions, ci_build):
    """v1 of the versions fixture (the command line) and of the shared CI build (in-process)."""
    v1_first = dict(two_versions.first.site)
    v1_second = tree_bytes(ci_build.site / "ci" / "v1")
    assert v1_first.keys() == v1_second.keys()
    differing = [name for name in v1_first if v1_first[name] != v1_second[name]]
    assert differing in ([], ["manifest.json"])
    for files in (v1_first, v1_second):
        files["manifest.json"] = json.dumps({k: v for k, v in json.loads(files["manifest.json"]).items()
                                             if k != STAMP_FIELD}).encode()
    assert v1_first["manifest.json"] == v1_second["manifest.json"]
