"""Japanese and Korean text in the PDF: rendered with an embedded CJK font and
extractable as text (fonts-noto-cjk is installed by `make setup`), in a document made
for the purpose and in the published CI edition, whose partner table names Japan and
South Korea in their own scripts (data/curated/country_names.csv, from the Unicode CLDR)."""

from __future__ import annotations

import subprocess

from briefing.render.pdf import render_pdf
from briefing.report.book import COMBINED, Chapter

CJK = "東京大学と서울대학교の共同研究"


def test_cjk_caption_and_table_render(tmp_path):
    book = tmp_path / "book"
    (book / "figures").mkdir(parents=True)
    chapter = (f"---\ntitle: Partners\n---\n\n## Names in their own script\n\n"
               f": Universities ({CJK}) {{#tbl-names}}\n\n| English | 日本語 / 한국어 |\n|:---|:---|\n"
               f"| University of Tokyo | 東京大学 |\n| Seoul National University | 서울대학교 |\n")
    (book / "names.qmd").write_text(chapter, encoding="utf-8")
    (book / COMBINED).write_text("---\ntitle: CJK test\n---\n\n# Partners\n\n" + chapter.split("---\n", 2)[2],
                                 encoding="utf-8")
    pdf = render_pdf(book, tmp_path / "cjk.pdf", [Chapter("names.qmd", "Partners", ())],
                     {"title": "CJK test", "subtitle": "", "edition": "t", "version": "1", "commit": "c",
                      "snapshots": [], "renderer": "built-in"})
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert CJK in flat and "東京大学" in flat and "서울대학교" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJK" in fonts.replace(" ", ""), fonts


def test_published_pdf_names_the_focus_pair_in_their_own_scripts(ci_build):
    pdf = ci_build.site / "ci" / "v1" / "briefing-ci-v1.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Japan (日本)" in text and "South Korea (대한민국)" in text
    assert "Names in their own script: Unicode CLDR" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "NotoSansCJK" in line.replace(" ", "")]
    assert cjk and all(" yes " in f" {line} " for line in cjk), fonts
    page = (ci_build.site / "ci" / "v1" / "partnership.html").read_text(encoding="utf-8")
    assert "Japan (日本)" in page and "South Korea (대한민국)" in page
