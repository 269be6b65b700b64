"""Publishing a tiny project (tests/tiny_book.py): the site's address (site.yml) makes the PDF's
links absolute and gives every page a canonical link, and without it everything stays
relative; the build stamp (SOURCE_DATE_EPOCH) is the only thing that differs between two
publishes of the same inputs; a malformed stamp stops the publish with nothing written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.stages.publish import publish
from tests.conftest import tree_bytes
from tests.tiny_book import tiny_book

LINKED = "Japan and South Korea wrote **12** papers together ([Data (CSV)](figures/demo.csv), [section](#sec-demo))."
PDF = "briefing-ci-v1.pdf"


def pdf_links(pdf: Path) -> list[str]:
    return [uri.decode() for uri in re.findall(rb"/URI\((.*?)\)", pdf.read_bytes())]


def head_links(page: Path) -> dict[str, str]:
    head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
    found = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', head))
    found |= {f"link:{rel}": href for rel, href in re.findall(r'<link rel="([^"]+)" href="([^"]*)">', head)}
    return found


def test_the_site_address_makes_pdf_links_absolute_and_pages_canonical(tmp_path):
    ws, edition = tiny_book(tmp_path, LINKED)
    (ws.root / "site.yml").write_text("url: https://example.org/briefing\npublisher: Institute\n")
    version = publish(ws, edition, renderer="builtin").path
    base = "https://example.org/briefing/ci/v1/"
    links = pdf_links(version / PDF)
    assert f"{base}figures/demo.csv" in links and base in links  # the CSV link and the version's address
    assert all(link.startswith("https://") for link in links), links
    pages = sorted(version.glob("*.html"))
    assert pages
    for page in pages:
        head = head_links(page)
        assert head["link:canonical"] == head["og:url"] == base + page.name
        assert head["citation_pdf_url"] == base + PDF and head["citation_author"] == "Institute"
    index = (ws.site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/briefing/index.html">' in index


def test_without_a_site_address_everything_stays_relative(tmp_path):
    ws, edition = tiny_book(tmp_path, LINKED)
    version = publish(ws, edition, renderer="builtin").path
    assert "figures/demo.csv" in pdf_links(version / PDF)
    assert not [link for link in pdf_links(version / PDF) if "://" in link]
    head = head_links(version / "index.html")
    assert "link:canonical" not in head and "og:url" not in head and head["citation_pdf_url"] == PDF
    assert "canonical" not in (ws.site / "index.html").read_text(encoding="utf-8")


def test_the_same_inputs_and_stamp_publish_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    first, second = (publish(*tiny_book(tmp_path / name), renderer="builtin").path for name in ("a", "b"))
    assert tree_bytes(first) == tree_bytes(second)
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["published_at"] == "2026-01-01T00:00:00Z"
    assert "published 1 January 2026" in (first / "index.html").read_text(encoding="utf-8")
    assert "date = {2026-01-01}" in (first / "briefing-ci-v1.bib").read_text(encoding="utf-8")


def test_a_malformed_stamp_stops_the_publish_and_writes_nothing(tmp_path, monkeypatch):
    ws, edition = tiny_book(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2026-01-01")
    with pytest.raises(InputError) as error:
        publish(ws, edition, renderer="builtin")
    assert error.value.exit_code == 2 and error.value.where == "SOURCE_DATE_EPOCH"
    assert not ws.site.exists()
