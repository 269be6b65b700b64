"""`_site/index.html`: every edition and version, newest first, with date and PDF."""

from __future__ import annotations

import html
from pathlib import Path

from briefing.infra.fileio import write_text_atomic
from briefing.report.site import LATEST, pdf_name, published_editions, published_versions, read_manifest

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Briefing editions</title>
<link rel="icon" href="data:,">
<style>
body {{ font-family: "DejaVu Sans", system-ui, sans-serif; color: #1d1d1f; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
h1 {{ font-size: 1.7rem; }} h2 {{ font-size: 1.2rem; margin-top: 2rem; border-top: 1px solid #dde1e5; padding-top: 1rem; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #dde1e5; }}
a {{ color: #0b5394; }} .latest {{ font-weight: 700; }}
</style>
</head>
<body>
<main>
<h1>Briefing editions</h1>
<p>Each version is immutable: cite it as “edition, version”. <em>latest</em> always shows the newest version of an edition.</p>
{editions}
</main>
</body>
</html>
"""


def _edition_block(folder: Path) -> str:
    rows = []
    numbers = published_versions(folder.parent, folder.name)[::-1]
    title = folder.name
    for n in numbers:
        manifest = read_manifest(folder.parent, folder.name, n)
        title = manifest["parameters"].get("title", title) if n == numbers[0] else title
        pdf = pdf_name(folder.name, n)
        rows.append(
            f'<tr><td><a href="{html.escape(folder.name)}/v{n}/index.html">version {n}</a></td>'
            f"<td>{html.escape(manifest['published_at'][:10])}</td>"
            f'<td><a href="{html.escape(folder.name)}/v{n}/{html.escape(pdf)}">PDF</a></td>'
            f'<td><a href="{html.escape(folder.name)}/v{n}/findings.json">findings</a></td></tr>')
    latest = f'<p class="latest"><a href="{html.escape(folder.name)}/{LATEST}/index.html">Latest: version {numbers[0]}</a></p>'
    return (f"<h2>Edition {html.escape(folder.name)}: {html.escape(title)}</h2>\n{latest}\n"
            "<table><thead><tr><th>Version</th><th>Published</th><th>Print</th><th>Data</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def write_site_index(site: Path) -> Path:
    editions = [site / name for name in reversed(published_editions(site))]
    blocks = "\n".join(_edition_block(folder) for folder in editions)
    target = site / "index.html"
    write_text_atomic(target, PAGE.format(editions=blocks))
    return target
