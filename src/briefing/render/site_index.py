"""`_site/index.html`: the series' story. Every series under its title, each with its editions
newest first (by window), each edition with its window, the edition before it and the baseline
its latest version is compared with, and each version with its date, why it exists ("Italy added
to the countries"), a link to its "What changed", its PDF and its findings."""

from __future__ import annotations

import html
from pathlib import Path

from briefing import words
from briefing.infra.fileio import write_text_if_changed
from briefing.report.book import page_name
from briefing.report.causes import ref_name
from briefing.report.site import (
    LATEST,
    SITE_INDEX,
    PublishedEdition,
    editions_by_series,
    pdf_name,
    previous_edition,
    read_manifest,
    version_dir,
)
from briefing.site_config import Site

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Briefing editions</title>
{head}<link rel="icon" href="data:,">
<style>
body {{ font-family: "DejaVu Sans", system-ui, sans-serif; color: #1d1d1f; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
h1 {{ font-size: 1.7rem; }} h2 {{ font-size: 1.35rem; margin-top: 2.5rem; }}
h3 {{ font-size: 1.1rem; margin-top: 1.5rem; border-top: 1px solid #dde1e5; padding-top: 1rem; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #dde1e5; }}
a {{ color: #0b5394; }} .latest {{ font-weight: 700; }} .meta {{ color: #4a4f55; margin: .2rem 0; }}
td {{ overflow-wrap: anywhere; }}
@media (max-width: 30rem) {{ th, td {{ padding: .3rem .2rem; font-size: .9rem; }} }}
</style>
</head>
<body>
<main>
<h1>Briefing editions</h1>
<p>Each version is immutable: cite it as “edition, version”. <em>latest</em> always shows the newest version of an edition.
Editions of one series are compared with each other in their “What changed” appendix, never with another series.</p>
{series}
</main>
</body>
</html>
"""


def _anchor(name: str) -> str:
    return "edition-" + html.escape(name)


CHANGES_PAGE = page_name("changes.qmd")


def version_story(manifest: dict, number: int) -> str:
    """Why a version exists, in words: its causes against the version it follows ("Italy added to
    the countries"); a first version names its baseline."""
    causes = (manifest.get("changes") or {}).get("causes")
    if number == 1:
        baseline = manifest.get("compared_with")
        return f"first version, compared with {ref_name(baseline)}" if baseline else "first version"
    if not causes:
        return "not recorded"
    return words.cap(words.join_and([c["text"] for c in causes]))


def _version_row(site: Path, edition: PublishedEdition, n: int) -> str:
    name = html.escape(edition.name)
    manifest = read_manifest(site, edition.name, n)
    pdf = html.escape(pdf_name(edition.name, n))
    story = html.escape(version_story(manifest, n))
    if (version_dir(site, edition.name, n) / CHANGES_PAGE).is_file():
        story += f' (<a href="{name}/v{n}/{CHANGES_PAGE}">what changed</a>)'
    return (f'<tr><td><a href="{name}/v{n}/index.html">version {n}</a></td>'
            f"<td>{html.escape(manifest['published_at'][:10])}</td><td>{story}</td>"
            f'<td><a href="{name}/v{n}/{pdf}">PDF</a>, <a href="{name}/v{n}/findings.json">findings</a></td></tr>')


def _edition_block(site: Path, edition: PublishedEdition, previous: PublishedEdition | None, series_title: str) -> str:
    name = html.escape(edition.name)
    rows = [_version_row(site, edition, n) for n in reversed(edition.versions)]
    before = (f'Previous edition: <a href="#{_anchor(previous.name)}">{html.escape(previous.name)}</a> '
              f"(data {previous.window})" if previous else "The first edition of its series")
    baseline = read_manifest(site, edition.name, edition.versions[-1]).get("compared_with")
    compared = f" Its latest version is compared with {html.escape(ref_name(baseline))}." if baseline else ""
    title = f": {html.escape(edition.title)}" if edition.title != series_title else ""
    latest = f'<p class="latest"><a href="{name}/{LATEST}/index.html">Latest: version {edition.versions[-1]}</a></p>'
    return (f'<h3 id="{_anchor(edition.name)}">Edition {name}{title}</h3>\n'
            f'<p class="meta">Data {edition.window}. {before}.{compared}</p>\n{latest}\n'
            "<table><thead><tr><th>Version</th><th>Published</th><th>What changed</th><th>Files</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _series_block(site: Path, series: str, editions: list[PublishedEdition]) -> str:
    """One series under its title (its newest edition's), newest edition first; each edition's
    predecessor is the one before it by window."""
    ordered = sorted(editions, key=lambda e: (e.window, e.name))
    title = ordered[-1].title
    blocks = [_edition_block(site, e, previous_edition(site, series, e.window, e.name), title) for e in ordered]
    count = f"{len(editions)} edition{'s' if len(editions) != 1 else ''}"
    return (f'<section aria-labelledby="series-{html.escape(series)}">\n'
            f'<h2 id="series-{html.escape(series)}">{html.escape(title)}</h2>\n'
            f'<p class="meta">A series of {count}, compared with each other edition by edition.</p>\n'
            + "\n".join(reversed(blocks)) + "\n</section>")


def _head(settings: Site) -> str:
    """Open Graph tags, with the site's address (when set) as og:url and canonical link."""
    tags = ['<meta property="og:type" content="website">', '<meta property="og:title" content="Briefing editions">']
    if settings.base:
        url = html.escape(settings.base + SITE_INDEX)
        tags += [f'<meta property="og:url" content="{url}">', f'<link rel="canonical" href="{url}">']
    return "\n".join(tags) + "\n"


def write_site_index(site: Path, settings: Site | None = None) -> Path:
    by_series = editions_by_series(site)
    # The series with the newest edition first.
    order = sorted(by_series, key=lambda s: (max(e.window for e in by_series[s]), s), reverse=True)
    target = site / SITE_INDEX
    write_text_if_changed(target, PAGE.format(head=_head(settings or Site()), series="\n".join(
        _series_block(site, s, by_series[s]) for s in order)))
    return target
