"""What makes a version citable, on small inputs: the suggested citation, BibTeX and RIS read
back by bibtexparser and rispy (markup and LaTeX's special characters in a title survive), the
site's settings (site.yml) validated key by key, and the build stamp (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from briefing.errors import InputError
from briefing.infra.stamp import build_time
from briefing.report.citation import Citation, bibtex, highwire, open_graph, plain, ris
from briefing.site_config import load_site

HOSTILE = "R&D at 50% {braces} #1 $x_y$ ~ <b>bold</b> back\\slash"
DAY = date(2026, 3, 7)


def citation(title=HOSTILE, publisher: str | None = "Institute & Partners", base: str | None = None) -> Citation:
    return Citation(title, "a subtitle", "2025", 3, DAY, publisher, base)


def parsed_bibtex(c: Citation) -> dict:
    library = bibtexparser.parse_string(bibtex(c), append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == [] and len(library.entries) == 1
    entry = library.entries[0]
    return {"@type": entry.entry_type, "@key": entry.key, **{f.key: f.value for f in entry.fields}}


def test_bibtex_reads_back_with_every_special_character():
    fields = parsed_bibtex(citation())
    assert (fields["@type"], fields["@key"], fields["type"]) == ("techreport", "briefing-2025-v3", "Briefing")
    assert fields["title"] == f"{HOSTILE}: a subtitle"
    assert fields["author"] == fields["institution"] == "Institute & Partners"
    assert (fields["number"], fields["year"], fields["date"], fields["month"]) == (
        "Edition 2025, version 3", "2026", "2026-03-07", "mar")
    assert "url" not in fields  # no site address: nothing to point at


def test_ris_reads_back_one_record():
    (record,) = rispy.loads(ris(citation(base="https://example.org/b/2025/v3/")))
    assert record["type_of_reference"] == "RPRT" and record["title"] == f"{HOSTILE}: a subtitle"
    assert record["authors"] == ["Institute & Partners"] and record["publisher"] == "Institute & Partners"
    assert (record["date"], record["year"], record["edition"]) == ("2026/03/07/", "2026", "2025")
    assert record["urls"] == ["https://example.org/b/2025/v3/"]
    assert record["file_attachments1"] == "https://example.org/b/2025/v3/briefing-2025-v3.pdf"


def test_without_a_publisher_the_title_leads():
    c = citation(title="A briefing", publisher=None)
    assert plain(c) == "A briefing: a subtitle (2026). Edition 2025, version 3, published 7 March 2026."
    fields = parsed_bibtex(c)
    assert "author" not in fields and fields["institution"] == "A briefing"
    assert "authors" not in rispy.loads(ris(c))[0]


def test_plain_citation_ends_with_the_address_when_the_site_has_one():
    c = citation(title="A briefing", base="https://example.org/b/2025/v3/")
    assert plain(c) == ("Institute & Partners (2026). A briefing: a subtitle. Edition 2025, version 3, published "
                        "7 March 2026. https://example.org/b/2025/v3/")


def test_highwire_and_open_graph_links_follow_the_site_address():
    relative = dict(highwire(citation())) | dict(open_graph(citation(), "funding.html"))
    assert relative["citation_pdf_url"] == "briefing-2025-v3.pdf" and "og:url" not in relative
    assert relative["citation_publication_date"] == "2026/03/07"
    absolute = dict(open_graph(citation(base="https://example.org/b/2025/v3/"), "funding.html"))
    assert absolute["og:url"] == "https://example.org/b/2025/v3/funding.html"


@pytest.mark.parametrize(("text", "key", "rule"), [
    ("url: ftp://example.org/\n", "url", "URL scheme should be 'http' or 'https'"),
    ("url: https://example.org/b/?page=1\n", "url", "without ?query"),
    ("url: not a url\n", "url", "valid URL"),
    ("publisher: ''\n", "publisher", "at least 1 character"),
    ("address: https://example.org/\n", "address", "unknown key"),
    ("- url\n", "site.yml", "must be a YAML mapping"),
])
def test_site_settings_are_validated_key_by_key(tmp_path, text, key, rule):
    (tmp_path / "site.yml").write_text(text)
    with pytest.raises(InputError) as error:
        load_site(tmp_path)
    assert error.value.exit_code == 2 and key in error.value.where and rule in error.value.rule


def test_site_settings_absent_or_commented_out_mean_relative_links(tmp_path):
    assert load_site(tmp_path).base is None
    (tmp_path / "site.yml").write_text("# url: https://example.org/briefing/\n")
    assert load_site(tmp_path).base is None
    (tmp_path / "site.yml").write_text("url: https://example.org/briefing\npublisher: Institute\n")
    settings = load_site(tmp_path)
    assert (settings.base, settings.publisher) == ("https://example.org/briefing/", "Institute")


def test_source_date_epoch_fixes_the_build_stamp(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert build_time() == datetime(2026, 1, 1, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(InputError) as error:
        build_time()
    assert error.value.where == "SOURCE_DATE_EPOCH" and "whole seconds" in error.value.rule
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs((build_time() - datetime.now(UTC)).total_seconds()) < 5
