"""The subtitle follows the parameters: the shipped default edition sets none and the CI edition
with another pair and poles sets none, so each shows the subtitle derived from its focus pair and
poles, in every place a subtitle is shown: the site's title page, the PDF's title page, the
Quarto book's metadata and the combined document's front matter, the manifest's parameters and the
version's citation. The expected text is composed by the tests' own code (tests/subtitles.py),
never by the code under test. Both builds are the session's shared ones
(tests/conftest.py)."""

from __future__ import annotations

import html
import json
import subprocess

import pytest
import yaml

from briefing.report.site import pdf_name, version_dir
from tests.conftest import CI_PARAMS, DEFAULT_PARAMS, OTHER_CHANGES, OTHER_EDITION
from tests.subtitles import shown_subtitle

pytestmark = pytest.mark.slow


def shown_everywhere(ws, edition: str, subtitle: str) -> None:
    folder = version_dir(ws.site, edition, 1)
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert f'<p class="subtitle">{html.escape(subtitle, quote=False)}</p>' in index
    first_page = subprocess.run(["pdftotext", "-l", "1", "-layout", str(folder / pdf_name(edition, 1)), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert subtitle in " ".join(first_page.split())
    book = ws.build(edition) / "book"
    assert yaml.safe_load((book / "_quarto.yml").read_text(encoding="utf-8"))["book"]["subtitle"] == subtitle
    front = (book / "briefing.qmd").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    assert yaml.safe_load(front.removeprefix("---\n"))["subtitle"] == subtitle
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["subtitle"] == subtitle
    bib = (folder / pdf_name(edition, 1)).with_suffix(".bib").read_text(encoding="utf-8")
    assert subtitle in " ".join(bib.split())


def test_the_default_edition_shows_its_derived_subtitle(default_build):
    params = yaml.safe_load(DEFAULT_PARAMS.read_text(encoding="utf-8"))
    assert "subtitle" not in params
    subtitle = shown_subtitle(params)
    assert subtitle == "Japan and South Korea between the United States and China"  # the one it used to type
    shown_everywhere(default_build, "2025", subtitle)


def test_another_pair_and_poles_show_their_own_subtitle(other_build):
    params = {**yaml.safe_load(CI_PARAMS.read_text(encoding="utf-8")), **OTHER_CHANGES}
    assert "subtitle" not in params
    subtitle = shown_subtitle(params)
    assert subtitle == "Australia and New Zealand between the United States and Germany"
    shown_everywhere(other_build, OTHER_EDITION, subtitle)
