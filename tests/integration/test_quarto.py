"""The Quarto renderer, exercised whenever `quarto` is on PATH (it cannot be installed
offline: `pip install quarto-cli` downloads the release at build time)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import run_cli

pytestmark = [pytest.mark.quarto, pytest.mark.skipif(
    shutil.which("quarto") is None,
    reason="quarto is not on PATH; the built-in renderer is tested instead (see README)")]


def test_quarto_renders_same_content(tmp_path, mirror):
    work = tmp_path / "work"
    result = run_cli("build", "--params", "params/ci.yml", "--workdir", str(work), "--mirror", str(mirror),
                     "--renderer", "quarto")
    assert result.returncode == 0, result.stderr
    v1 = work / "_site" / "ci" / "v1"
    funding = (v1 / "funding.html").read_text()
    assert "Gross domestic expenditure on R&amp;D as a share of GDP" in funding
    assert 'class="vl-spec"' in funding
    assert (v1 / "briefing-ci-v1.pdf").stat().st_size > 10_000
    assert '"name": "quarto"' in (v1 / "manifest.json").read_text()


