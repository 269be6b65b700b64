"""Names that are markup: a project whose source names, source titles, document names,
edition title, subtitle and region name hold <script>, <img onerror> and javascript:
links is built and published; in Chromium no dialog fires, no script, handler or
javascript: link is injected, and the names show as text (in pages, chart tooltips
and the PDF). No published file holds a local path or a secret from the environment.

(Concurrent builds on one work folder: tests/integration/test_publish.py.)"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.browser.pages import close, open_page, save_screenshot, screenshot_name, site_pages
from tests.conftest import REPO, copy_project, run_cli, serve_folder

pytestmark = pytest.mark.slow
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
LINK = "[click](javascript:alert(3))"  # markdown: a link, were it read as markdown
SECRET = "sk-briefing-test-7f3c9a1e5d"  # an OPENALEX_API_KEY value that must appear nowhere
EMAIL = "contact.secret@example.org"
INJECTED = """() => ({
  scripts: Array.from(document.scripts).filter(s => !s.src && s.type !== 'application/json').length,
  handlers: Array.from(document.querySelectorAll('*'))
    .flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
  jsLinks: Array.from(document.querySelectorAll('a[href], area[href]'))
    .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
  images: Array.from(document.images).map(i => i.getAttribute('src')).filter(s => s === 'x'),
  text: document.body.innerText,
})"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, mirror) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    sources = yaml.safe_load((project / "data" / "sources.yml").read_text())
    sources["datasets"]["worldbank"]["short"] = f"World Bank {SCRIPT}"
    sources["datasets"]["openalex"]["title"] = f"OpenAlex pairs {SCRIPT} {LINK}"
    sources["documents"]["fuyuno2020"]["short"] = f"Fuyuno (2020) {IMG}"
    (project / "data" / "sources.yml").write_text(yaml.safe_dump(sources, sort_keys=False, allow_unicode=True))
    params = yaml.safe_load((project / "params" / "ci.yml").read_text())
    params.update(title=f"Briefing {IMG}", subtitle=f"{SCRIPT} *bold* {LINK}")
    params["region"]["name"] = f"Asia-Pacific {SCRIPT} {LINK}"
    (project / "params" / "ci.yml").write_text(yaml.safe_dump(params, sort_keys=False, allow_unicode=True))
    work = root / "work"
    result = run_cli("build", "--params", "params/ci.yml", "--workdir", str(work), "--mirror", str(mirror),
                     cwd=project, env={"OPENALEX_API_KEY": SECRET, "BRIEFING_CONTACT_EMAIL": EMAIL})
    assert result.returncode == 0, result.stderr[-3000:]
    return {"project": project, "work": work, "site": work / "_site"}


def test_markup_in_names_is_inert_in_the_browser(browser, hostile):
    with serve_folder(hostile["site"]) as base:
        for path in site_pages(hostile["site"]):
            visit = open_page(browser, base, path)
            found = visit.page.evaluate(INJECTED)
            save_screenshot(visit.page, screenshot_name(path, "hostile-"))
            close(visit)
            assert visit.dialogs == [] and visit.errors == [], path
            assert found["scripts"] == 0 and found["handlers"] == [] and found["jsLinks"] == 0, path
            assert found["images"] == [], path
            if path == "ci/v1/index.html":
                assert f"Briefing {IMG}" in found["text"] and f"{SCRIPT} *bold* {LINK}" in found["text"]
            if path == "ci/v1/partnership.html":
                assert f"Asia-Pacific {SCRIPT} {LINK}" in found["text"]
            if path == "ci/v1/methods.html":
                assert f"World Bank {SCRIPT}" in found["text"]


def test_chart_tooltip_shows_markup_as_text(browser, hostile):
    """The funding chart's tooltip names each point's source: the hostile name is text there."""
    with serve_folder(hostile["site"]) as base:
        visit = open_page(browser, base, "ci/v1/funding.html")
        page = visit.page
        points = page.locator(".chart[data-chart='fig-gerd-intensity'] .mark-symbol path")
        tooltip = ""
        for i in range(points.count()):
            points.nth(i).hover(force=True)
            tooltip = page.locator("#vg-tooltip-element").inner_html() if page.locator(
                "#vg-tooltip-element.visible").count() else ""
            if "World Bank" in tooltip:
                break
        close(visit)
    assert visit.dialogs == []
    assert "World Bank &lt;script&gt;" in tooltip and "<script" not in tooltip


def published_text(site: Path) -> dict[str, str]:
    """Every published file as text: bytes decoded leniently, and a PDF's extracted text too."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".pdf":
            text += subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        files[path.relative_to(site).as_posix()] = text
    return files


def test_pdf_links_only_to_the_web_or_the_site_and_shows_names_as_text(hostile):
    pdf = hostile["site"] / "ci" / "v1" / "briefing-ci-v1.pdf"
    targets = re.findall(rb"/URI\((.*?)\)>>", pdf.read_bytes())
    schemes = {m.group(1).lower() for t in targets if (m := re.match(rb"\s*([A-Za-z][\w+.-]*):", t))}
    assert targets and schemes <= {b"http", b"https", b"mailto"}, schemes  # else relative: figures/....csv
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert f"Asia-Pacific {SCRIPT} {LINK}" in text and f"Briefing {IMG}" in text


@pytest.mark.parametrize("which", ["hostile", "ci"])
def test_no_local_path_or_secret_in_published_files(which, hostile, ci_build):
    site, work = (hostile["site"], hostile["work"]) if which == "hostile" else (ci_build.site, ci_build.work)
    forbidden = [str(REPO), str(work), str(hostile["project"]), "/tmp/", "/root/", "/home/", SECRET, EMAIL]
    files = published_text(site)
    assert len(files) > 50
    leaks = {name: [f for f in forbidden if f in text] for name, text in files.items()}
    assert {name: found for name, found in leaks.items() if found} == {}
