"""The head of every page of a published version, added after either renderer has written the
pages (one way for the built-in renderer and Quarto): Highwire Press and Open Graph tags
(`report.citation`), a canonical link when the site's address is set, and what
`assets/versions.js` reads at view time (the page's edition and version and the way up to the
site's root) with the script itself. A draft gets none of it."""

from __future__ import annotations

import html
from pathlib import Path

from briefing.errors import InputError
from briefing.infra.fileio import write_text_atomic
from briefing.report.citation import Citation, highwire, open_graph

SITE_ROOT = "../../"  # from a page of _site/<edition>/v<N>/ (or latest/) up to the site's root
SCRIPT = '<script src="assets/versions.js" defer></script>'


def _tag(attribute: str, key: str, content: str) -> str:
    return f'<meta {attribute}="{html.escape(key)}" content="{html.escape(" ".join(content.split()))}">'


def page_head(c: Citation, page: str) -> str:
    """The tags for `page` (a file name in the version's folder), one a line."""
    lines = [_tag("name", "briefing-edition", c.edition), _tag("name", "briefing-version", str(c.version)),
             _tag("name", "briefing-site-root", SITE_ROOT)]
    lines += [_tag("name", key, value) for key, value in highwire(c)]
    lines += [_tag("property", key, value) for key, value in open_graph(c, page)]
    if c.base:
        lines.append(f'<link rel="canonical" href="{html.escape(c.link(page))}">')
    return "\n".join([*lines, SCRIPT]) + "\n"


def add_page_heads(folder: Path, c: Citation) -> list[Path]:
    """Insert each page's head tags before its `</head>` (every *.html directly in `folder`)."""
    pages = sorted(folder.glob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if text.count("</head>") != 1:
            raise InputError(str(page), "a rendered page must have exactly one </head>")
        write_text_atomic(page, text.replace("</head>", page_head(c, page.name) + "</head>"))
    return pages
