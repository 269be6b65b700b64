"""The Quarto renderer. Its HTML book and its PDF (the combined document through Quarto's
typst format, with the house partials) are exercised end to end whenever `quarto` is on PATH;
it cannot be installed offline (`pip install quarto-cli` downloads the release). Without it,
the projects the Quarto path writes are checked as Quarto's documentation describes them, and
the print project's document and partials are compiled the way Quarto's own template includes
them (definitions, typst-template.typ, typst-show.typ, then the body) by pandoc and the typst
package.

What each format must say is read from the built-in renderer's run of the same edition (its
chapters' numbers and titles, its figures' and tables' numbers and captions:
tests/numbering_checks.py), never typed here."""

from __future__ import annotations

import shutil
import subprocess

import pypandoc
import pytest
import typst
import yaml

from briefing.render.pdf import FONT_DIRS
from briefing.render.quarto import html_project, print_project
from briefing.report.book import COMBINED
from briefing.report.site import pdf_name, version_dir
from tests.conftest import run_cli
from tests.numbering_checks import compared, html_numbers, pdf_numbers
from tests.print import pdf_layout

HAS_QUARTO = shutil.which("quarto") is not None
needs_quarto = pytest.mark.skipif(not HAS_QUARTO, reason="quarto is not on PATH; the built-in renderer is "
                                                         "tested instead (see README)")
META = {"version": "3", "renderer": "Quarto 1.10.18", "snapshots": [{"source": "oecd", "id": "mirror-8b5463ca6c04"}]}
# Quarto's typst template (src/resources/formats/typst/pandoc/quarto/template.typ) includes its
# partials in this order; `definitions.typ` is Quarto's own and not needed by the house partials.
QUARTO_ORDER = "$typst-template.typ()$\n\n$typst-show.typ()$\n\n$body$\n"


@pytest.fixture(scope="module")
def book(ci_build):
    return ci_build.build("ci") / "book"


@pytest.fixture(scope="module")
def builtin(ci_build):
    """The built-in renderer's numbers for the CI edition (its published HTML)."""
    if HAS_QUARTO:
        pytest.skip("the shared CI build used Quarto here: the Quarto test builds its own reference")
    return html_numbers(sorted(version_dir(ci_build.site, "ci", 1).glob("*.html")))


@pytest.fixture(scope="module")
def project(book, tmp_path_factory):
    folder = tmp_path_factory.mktemp("quarto") / "print"
    print_project(book, folder, META)
    return folder


def test_print_project_asks_quarto_only_for_documented_typst_options(project):
    config = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))
    typst_options = config["format"]["typst"]
    assert "section-numbering" not in typst_options  # a numbering pattern: "none" fails in Quarto 1.10
    assert typst_options["number-sections"] is False and typst_options["papersize"] == "a4"
    assert typst_options["template-partials"] == ["typst-template.typ", "typst-show.typ"]
    assert all((project / name).is_file() for name in typst_options["template-partials"])
    assert "crossref" not in config  # the numbers are written in: Quarto numbers nothing
    assert config["version"] == "3" and config["snapshots"][0]["id"] == "mirror-8b5463ca6c04"
    text = (project / COMBINED).read_text(encoding="utf-8")
    assert "{#chapter-index .unnumbered}" in text  # the summary is not chapter 1
    assert "{#fig-" not in text and "{#tbl-" not in text and "@fig-" not in text  # out of Quarto's crossref
    assert (project / "figures").is_dir()


def test_html_project_marks_the_summary_unnumbered_and_leaves_the_book_alone(book, tmp_path):
    before = (book / "index.qmd").read_text(encoding="utf-8")
    folder = html_project(book, tmp_path / "quarto-html")
    index = (folder / "index.qmd").read_text(encoding="utf-8")
    title = yaml.safe_load(before.split("---")[1])["title"]
    assert index.startswith(f"# {title} {{.unnumbered}}\n") and "title:" not in index.split("\n", 1)[0]
    assert (book / "index.qmd").read_text(encoding="utf-8") == before
    assert yaml.safe_load((folder / "_quarto.yml").read_text())["book"]["appendices"]  # lettered by Quarto


def _quarto_template(project, tmp_path, meta: dict = META):
    """Quarto's template with the project's partials beside it, and the edition's metadata."""
    template = tmp_path / "template.typ"
    template.write_text(QUARTO_ORDER, encoding="utf-8")
    for name in ("typst-template.typ", "typst-show.typ"):
        shutil.copyfile(project / name, tmp_path / name)
    meta_file = tmp_path / "meta.yml"
    meta_file.write_text(yaml.safe_dump(meta), encoding="utf-8")
    return template, meta_file


def _compile_as_quarto(project, tmp_path):
    """The print project's document through pandoc, with the project's filters Quarto is given
    and the house partials in Quarto's order, compiled by typst: what Quarto's typst step makes
    of it, but for Quarto's own filters."""
    template, meta = _quarto_template(project, tmp_path)
    source = project / "house-check.typ"
    filters = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))["format"]["typst"]["filters"]
    command = [pypandoc.get_pandoc_path(), COMBINED, "--to", "typst", "--standalone", "--template", str(template),
               "--metadata-file", str(meta), "--output", source.name]
    subprocess.run(command + [arg for f in filters for arg in ("--lua-filter", f)], cwd=project, check=True)
    pdf = tmp_path / "house.pdf"
    pdf.write_bytes(typst.compile(str(source), root=str(project),
                                  font_paths=[str(d) for d in FONT_DIRS if d.is_dir()]))
    return pdf


def test_the_print_document_carries_the_built_in_numbers(project, builtin, tmp_path):
    pdf = _compile_as_quarto(project, tmp_path)
    numbers = pdf_numbers(pdf)
    assert len(numbers["figures"]) >= 10 and len(numbers["tables"]) >= 8
    assert compared(builtin, numbers) == {}


def compile_partials(project, tmp_path, meta: dict = META):
    """A two-chapter document through the house partials in Quarto's order, with `meta`; its pages."""
    template, meta_file = _quarto_template(project, tmp_path, meta)
    source = tmp_path / "house-check.typ"
    body = tmp_path / "body.md"
    body.write_text("---\ntitle: A briefing\nedition: '2025'\n---\n\n# First chapter\n\nText.\n\n"
                    "# Second chapter\n\nMore text.\n", encoding="utf-8")
    subprocess.run([pypandoc.get_pandoc_path(), str(body), "--to", "typst", "--standalone", "--template", str(template),
                    "--metadata-file", str(meta_file), "--output", str(source)], check=True)
    pdf = tmp_path / "house.pdf"
    pdf.write_bytes(typst.compile(str(source), font_paths=[str(d) for d in FONT_DIRS if d.is_dir()]))
    return pdf_layout.read_pages(pdf)


def test_house_partials_compile_in_quartos_order(project, tmp_path):
    """Title page, contents, running header and page numbers from the partials alone."""
    pages = compile_partials(project, tmp_path)
    texts = [" ".join(ln.text for ln in page.lines) for page in pages]
    assert "A briefing" in texts[0] and "Edition 2025 · version 3" in texts[0] and "Quarto 1.10.18" in texts[0]
    assert "Contents" in texts[1] and "First chapter" in texts[1]
    assert all("Edition 2025 · version 3" in t and f"{i + 1} / {len(pages)}" in t for i, t in enumerate(texts[1:], 1))
    assert [p.number for p in pages if any(ln.text == "Second chapter" for ln in p.body)] == [len(pages)]


PUBLISHED = {**META, "briefing-published": "1 May 2026", "link-base": "https://example.org/b/2025/v3/",
             "briefing-citation": "A briefing (2026). Edition 2025, version 3, published 1 May 2026. "
                                  "<https://example.org/b/2025/v3/>"}


def test_a_published_versions_print_project_gives_its_date_citation_and_absolute_links(ci_build, tmp_path):
    folder = tmp_path / "print"
    print_project(ci_build.build("ci") / "book", folder, PUBLISHED)
    config = yaml.safe_load((folder / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["briefing-published"] == "1 May 2026" and config["link-base"] == PUBLISHED["link-base"]
    assert config["briefing-citation"] == PUBLISHED["briefing-citation"]
    assert [name.rsplit("/", 1)[-1] for name in config["format"]["typst"]["filters"]][:2] == [
        "safe_links.lua", "absolute_links.lua"]
    meta = {key: config[key] for key in ("version", "renderer", "snapshots", "briefing-published", "briefing-citation")}
    first = " ".join(line.text for line in compile_partials(folder, tmp_path, meta)[0].lines)
    assert "Published 1 May 2026" in first and "Suggested citation" in first
    assert "Edition 2025, version 3, published 1 May 2026. https://example.org/b/2025/v3/" in first


@needs_quarto
@pytest.mark.quarto
def test_quarto_renders_the_built_in_content_and_numbers_to_html_and_pdf(tmp_path, mirror):
    """The same edition published by Quarto, then rendered by the built-in renderer in the same
    work folder: Quarto's HTML and PDF carry the built-in chapters, figures and tables, numbered
    alike, with the same titles and captions."""
    work = tmp_path / "work"
    result = run_cli("build", "--params", "params/ci.yml", "--workdir", str(work), "--mirror", str(mirror),
                     "--renderer", "quarto")
    assert result.returncode == 0, result.stderr
    result = run_cli("render", "--params", "params/ci.yml", "--workdir", str(work), "--renderer", "builtin")
    assert result.returncode == 0, result.stderr
    reference = html_numbers(sorted((work / "_build" / "ci" / "html").glob("*.html")))
    v1 = version_dir(work / "_site", "ci", 1)
    assert '"name": "quarto"' in (v1 / "manifest.json").read_text()
    assert 'class="vl-spec"' in (v1 / "funding.html").read_text()
    quarto_html = html_numbers(sorted(v1.rglob("*.html")))
    assert compared(reference, quarto_html) == {}
    pdf = v1 / pdf_name("ci", 1)
    assert compared(reference, pdf_numbers(pdf)) == {}
    pages = pdf_layout.read_pages(pdf)
    text = " ".join(ln.text for page in pages for ln in page.lines)
    assert "Edition ci · version 1" in text and "Contents" in text and f"2 / {len(pages)}" in text
    assert [found for page in pages for found in pdf_layout.outside_margins(page)] == []
    # A published version, as with the built-in renderer: citable, and it reads versions.json when viewed.
    funding = (v1 / "funding.html").read_text()
    assert "Suggested citation" in text and (v1 / "briefing-ci-v1.bib").is_file()
    assert 'class="cite-box"' in (v1 / "index.html").read_text() and 'class="cite-box"' not in funding
    assert '<meta name="citation_title"' in funding and '<script src="assets/versions.js" defer>' in funding
    assert (v1 / "assets" / "versions.js").is_file()
