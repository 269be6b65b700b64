"""The series site shared by the series and yearly-cycle tests (`series_site` in tests/conftest.py):
the East Asia 2024 and 2025 editions (the shipped params with their windows, 2014–2022 and
2015–2023, and few countries), built in that order through the command line (in-process), then a
Europe edition written by `briefing new` with the series' own curated folder (two documents made
for the test, tests/fixtures/europe) and an unquoted NO among its countries, built as written."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import yaml

from briefing.infra.yaml_model import read_yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "europe"
EAST_ASIA = {"2024": (2014, 2022), "2025": (2015, 2023)}
SMALL = {"countries": ["JP", "KR", "US", "CN"],
         "region": {"name": "Asia-Pacific", "countries": ["JP", "KR", "CN", "TW", "AU", "SG"]}}
NEW_OUTPUT = "briefing-new.out"  # what `briefing new` printed, kept beside the site for every worker


def build(params: Path, work: Path, mirror: Path, cwd: Path = REPO):
    from tests.conftest import invoke

    return invoke("build", "--params", str(params), "--workdir", str(work), "--mirror", str(mirror), "--jobs", "2",
                  cwd=cwd)


def ok(result) -> None:
    assert result.returncode == 0, result.stdout + result.stderr


def east_asia_params(folder: Path, **changes) -> dict[str, Path]:
    """The small East Asia editions' params files in `folder` (with `changes` to both)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (start, end) in EAST_ASIA.items():
        data = read_yaml((REPO / "params" / f"{name}.yml").read_text(encoding="utf-8"))
        data.update(SMALL, window={"start": start, "end": end}, **changes)
        written[name] = folder / f"{name}.yml"
        written[name].write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return written


def build_series_site(root: Path, mirror: Path) -> None:
    """Everything the series site holds, built into `root` (2024 first: 2025 is published after it)."""
    from tests.conftest import invoke

    work, params = root / "work", root / "params"
    for path in east_asia_params(params).values():
        ok(build(path, work, mirror))
    shutil.copytree(FIXTURE, root / "europe-curated")
    europe = params / "europe-2022.yml"
    written = invoke("new", str(europe), "--focus", "DE", "FR", "--poles", "US", "CN", "--region", "eu27",
                     "--countries", "SE", "NO", "FI", "--window", "2020-2022", "--series", "europe",
                     "--curated", str(root / "europe-curated"), "--documents", str(root / "europe-curated" / "documents"),
                     "--workdir", str(work), "--mirror", str(mirror))
    ok(written)
    (root / NEW_OUTPUT).write_text(written.stdout, encoding="utf-8")
    ok(build(europe, work, mirror))


def series_site(root: Path) -> SimpleNamespace:
    work, params = root / "work", root / "params"
    return SimpleNamespace(root=root, work=work, site=work / "_site", params=params,
                           europe=params / "europe-2022.yml",
                           new_output=SimpleNamespace(stdout=(root / NEW_OUTPUT).read_text(encoding="utf-8")))
