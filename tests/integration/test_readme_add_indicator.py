"""The README's "Add an indicator" lines, run as written in a copy of the project, with the
World Bank's bulk CSV of the indicator (made for the test in its exact layout) in ~/Downloads
and the mirror beside the project (../shared/data): the default edition then shows it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project
from tests.integration import indicator_files as made

pytestmark = pytest.mark.slow


def readme_lines() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Add an indicator", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_the_section_is_five_lines():
    lines = readme_lines()
    assert len(lines) == 5
    assert lines[-1].startswith("briefing build --params params/2025.yml")


def test_the_five_lines_add_the_indicator_to_the_default_edition(tmp_path, mirror):
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    made.wdi_file(home / "Downloads")
    made.mirror_with(tmp_path / "shared" / "data")  # ../shared/data beside the project
    project = copy_project(tmp_path / "project")
    env = {k: v for k, v in os.environ.items() if k not in ("BRIEFING_MIRROR", "BRIEFING_WORKDIR")}
    env.update(HOME=str(home), PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}")
    for line in readme_lines():
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", line], cwd=project, env=env, capture_output=True,
                                text=True, timeout=1800)
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
        if line.startswith("briefing sources"):
            assert "journal_articles: Scientific and technical journal articles [articles] — drawn by this " \
                   "edition" in result.stdout
    site = project / "_site" / "2025" / "latest"
    html = (site / "funding.html").read_text(encoding="utf-8")
    assert "Scientific and technical journal articles" in html and 'id="fig-journal-articles-ranking"' in html
    findings = {f["id"]: f["value"] for f in json.loads((site / "findings.json").read_text())["findings"]}
    expected = made.expected_journals(tmp_path / "shared" / "data" / "worldbank" / made.WDI_FILE,
                                      ["JP", "KR", "US", "CN", "TW", "DE", "GB", "FR", "AU", "IN", "SG", "CA"],
                                      2015, 2023)
    assert {k: v for k, v in findings.items() if k.startswith("funding.journal_articles.")} == expected
    # India's figures stop in 2019: ranked with that year, and the unequal years said.
    text = (project / "_build" / "2025" / "book" / "funding.qmd").read_text(encoding="utf-8")
    assert "2019 for India" in text
