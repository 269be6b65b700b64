"""Record-level works in a build: snapshotted from local files, counted by the engine
during validation, and used by the decoupling section (the essay's method); without
records the section falls back to the published figures."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.slow
FIELD = "quantum_computing"


@pytest.fixture(scope="module")
def works(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("works")
    subprocess.run([sys.executable, "bench/gen_works.py", "--works", "4000", "--seed", "11", "--out", str(out),
                    "--format", "jsonl"], cwd=REPO, check=True, capture_output=True)
    return out / "jsonl"


@pytest.fixture(scope="module")
def records_params(tmp_path_factory) -> Path:
    """params/ci.yml with a window that holds the essay's period, 2015–2019."""
    params = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    params.update(edition="ci-records", window={"start": 2015, "end": 2022})
    path = tmp_path_factory.mktemp("records-params") / "ci-records.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory, works, mirror, records_params) -> Path:
    work = tmp_path_factory.mktemp("records-build")
    fetched = run_cli("fetch", "--params", str(records_params), "--workdir", str(work), "--records-from", str(works),
                      "--field", FIELD)
    assert fetched.returncode == 0, fetched.stderr
    result = run_cli("build", "--params", str(records_params), "--workdir", str(work), "--mirror", str(mirror))
    assert result.returncode == 0, result.stderr
    return work


def essay_share(works_dir: Path, country: str, pole: str, start: int, end: int) -> float:
    """The essay's measure straight from the JSON: of the papers whose corresponding author is
    in `country`, the share that also have an author in `pole` (full counting)."""
    total = with_pole = 0
    for part in sorted(works_dir.rglob("*.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as handle:
            for line in handle:
                work = json.loads(line)
                if not start <= work["publication_year"] <= end:
                    continue
                countries, corresponding = set(), set()
                for authorship in work["authorships"]:
                    found = set(authorship.get("countries") or [])
                    found |= {i["country_code"] for i in authorship.get("institutions") or [] if i.get("country_code")}
                    countries |= found
                    if authorship.get("is_corresponding"):
                        corresponding |= found
                if country in corresponding:
                    total += 1
                    with_pole += pole in countries
    return 100 * with_pole / total


def test_section_uses_records_for_the_field(built, works):
    findings = {f["id"]: f for f in json.loads((built / "_build/ci-records/findings/decoupling.json").read_text())["findings"]}
    key = f"exposure.records_share_pct.CN.US.{FIELD}.2015-2019"
    assert findings[key]["value"] == pytest.approx(essay_share(works, "CN", "US", 2015, 2019), rel=1e-9)
    assert findings[f"exposure.records_share_pct.US.CN.{FIELD}.2015-2019"]["value"] == pytest.approx(
        essay_share(works, "US", "CN", 2015, 2019), rel=1e-9)
    book = (built / "_build/ci-records/book/decoupling.qmd").read_text()
    assert "This build holds records for quantum computing" in book
    assert "No records of deep learning are in this build" in book


def test_without_records_the_published_figures_stand(ci_build):
    # The ci window (2018–2022) does not hold the essay's 2015–2019: the records are not used, and the
    # methods appendix (which lists what each chapter left out) says why, in one sentence.
    methods = " ".join((ci_build.build("ci") / "book" / "methods.qmd").read_text().split())
    assert "essay's period, 2015–2019, reaches outside this edition's window (2018–2022)" in methods
    findings = json.loads((ci_build.build("ci") / "findings" / "decoupling.json").read_text())["findings"]
    assert not [f for f in findings if f["id"].startswith("exposure.records_share_pct.")]


def test_a_broken_record_file_is_refused_and_nothing_is_snapshotted(tmp_path, works):
    part = next(works.rglob("*.gz"))
    lines = gzip.decompress(part.read_bytes()).split(b"\n")
    lines[3] = b'{"id": "W1", "publication_year": 2019, "authorships": [{"countries": '
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(b"\n".join(lines)))
    work = tmp_path / "work"
    result = run_cli("fetch", "--params", "params/ci.yml", "--workdir", str(work), "--records-from", str(broken),
                     "--field", FIELD)
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "broken.jsonl.gz, line 4" in message and "not valid JSON" in message
    assert not (work / "data" / "raw" / "openalex_works").exists()
    unknown = run_cli("fetch", "--params", "params/ci.yml", "--workdir", str(work), "--records-from", str(part),
                      "--field", "alchemy")
    assert unknown.returncode == 2 and "unknown field 'alchemy'" in unknown.stderr
