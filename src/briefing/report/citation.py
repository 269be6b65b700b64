"""How a published version is cited: the suggested citation in plain text, its BibTeX
(`@techreport`) and RIS records (written beside the PDF), and the Highwire Press and Open
Graph tags of its pages (read by Google Scholar, Zotero and link previews). All from one
`Citation`; the publication date is the build stamp's day (`manifest.json: published_at`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefing.config import Edition
from briefing.infra.fileio import write_text_atomic
from briefing.infra.stamp import long_date
from briefing.prose.fmt import literal as md_escape
from briefing.report.site import citation_name, pdf_name, version_path
from briefing.site_config import Site

BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
                  "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Citation:
    title: str
    subtitle: str
    edition: str
    version: int
    published: date
    publisher: str | None  # who issues the briefing (site.yml), else none: cited by title
    base: str | None  # the version's public address (ends with /) when the site's is set

    @property
    def key(self) -> str:
        return f"briefing-{self.edition}-v{self.version}"

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def institution(self) -> str:
        return self.publisher or self.title

    @property
    def number(self) -> str:
        return f"Edition {self.edition}, version {self.version}"

    @property
    def pdf(self) -> str:
        return pdf_name(self.edition, self.version)

    def file(self, kind: str) -> str:
        return citation_name(self.edition, self.version, kind)

    def link(self, name: str = "") -> str:
        """A file of the version as a link: absolute when the site's address is set, else relative
        to the version's folder."""
        return (self.base or "") + name


def citation_for(edition: Edition, version: int, published: date, site: Site) -> Citation:
    base = site.base + version_path(edition.edition, version) if site.base else None
    return Citation(" ".join(edition.title.split()), " ".join(edition.subtitle.split()), edition.edition, version,
                    published, site.publisher, base)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _plain_text(c: Citation) -> str:
    lead = (f"{c.publisher} ({c.published.year}). {_sentence(c.full_title)}" if c.publisher
            else f"{c.full_title} ({c.published.year}).")
    return f"{lead} {c.number}, published {long_date(c.published)}."


def plain(c: Citation) -> str:
    """The suggested citation, one line: publisher (year). Title. Edition, version, date. Address."""
    return f"{_plain_text(c)} {c.link()}" if c.base else _plain_text(c)


def plain_markdown(c: Citation) -> str:
    """The suggested citation as markdown: the text literal, the address a link."""
    return md_escape(_plain_text(c)) + (f" <{c.link()}>" if c.base else "")


def _bibtex(text: str) -> str:
    return "".join(BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def bibtex(c: Citation) -> str:
    fields = [("title", "{" + _bibtex(c.full_title) + "}")]
    if c.publisher:
        fields.append(("author", "{" + _bibtex(c.publisher) + "}"))  # a corporate author: one name, kept whole
    fields += [("institution", _bibtex(c.institution)), ("type", "Briefing"), ("number", _bibtex(c.number)),
               ("year", str(c.published.year)), ("date", c.published.isoformat())]
    if c.base:
        fields += [("url", c.link()), ("urldate", c.published.isoformat())]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    month = f",\n  month = {BIBTEX_MONTHS[c.published.month - 1]}"
    return f"@techreport{{{c.key},\n{body}{month}\n}}\n"


def ris(c: Citation) -> str:
    """RIS (RPRT; VL is a report's number): one tag a line, values on one line."""
    lines = [("TY", "RPRT"), ("TI", c.full_title)]
    lines += [("AU", c.publisher)] if c.publisher else []
    lines += [("PB", c.institution), ("M3", "Briefing"), ("ET", c.edition), ("VL", c.number),
              ("PY", str(c.published.year)),
              ("DA", c.published.strftime("%Y/%m/%d/"))]
    if c.base:
        lines += [("UR", c.link()), ("L1", c.link(c.pdf))]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)


def write_citation_files(folder: Path, c: Citation) -> list[Path]:
    """`briefing-<edition>-v<N>.bib` and `.ris` in the version's folder."""
    written = []
    for kind, text in (("bib", bibtex(c)), ("ris", ris(c))):
        write_text_atomic(folder / c.file(kind), text)
        written.append(folder / c.file(kind))
    return written


def highwire(c: Citation) -> list[tuple[str, str]]:
    """Highwire Press tags (name, content) for a technical report, as Google Scholar reads them."""
    tags = [("citation_title", c.full_title)]
    tags += [("citation_author", c.publisher)] if c.publisher else []
    tags += [("citation_publication_date", c.published.strftime("%Y/%m/%d")),
             ("citation_online_date", c.published.strftime("%Y/%m/%d")),
             ("citation_technical_report_institution", c.institution),
             ("citation_technical_report_number", c.number),
             ("citation_pdf_url", c.link(c.pdf)), ("citation_language", "en")]
    return tags


def open_graph(c: Citation, page: str) -> list[tuple[str, str]]:
    """Open Graph tags (property, content) of one page; `og:url` only with the site's address."""
    tags = [("og:type", "article"), ("og:title", c.full_title), ("og:site_name", c.title),
            ("og:description", f"{c.number}, published {long_date(c.published)}."),
            ("og:locale", "en"), ("article:published_time", c.published.isoformat())]
    return tags + ([("og:url", c.link(page))] if c.base else [])
