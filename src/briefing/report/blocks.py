"""Blocks a chapter asks for with `{{< briefing <name> >}}`, generated at assembly
from the build (findings, source catalogue, parameters, published versions): the
executive summary, the sources and methods appendix, and what changed.

Chapters stay prose; every number here comes from data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.fingerprint import package_fingerprint
from briefing.prose import fmt
from briefing.report.changes import changes_text
from briefing.report.findings import merged_findings, section_findings

SHORTCODE = re.compile(r"\{\{<\s*briefing\s+(?P<name>[a-z-]+)\s*>\}\}")


@dataclass(frozen=True)
class Context:
    edition: Edition
    build: Path
    site: Path
    renderer: dict
    baseline: str | None  # e.g. "2025/v1": the published version "what changed" compares with
    order: tuple[str, ...] = ()  # sections in the order the book presents them


esc = fmt.literal  # literal text in markdown (no raw HTML, links or emphasis from data)


def code(text) -> str:
    """Inline code: literal inside, so only backticks need care."""
    return "`` " + str(text).replace("`", "'") + " ``"


def summary(ctx: Context) -> str:
    """Each section's highlighted findings, in section order, with a link to the figure."""
    blocks = []
    ranked = {name: i for i, name in enumerate(ctx.order)}
    for section in sorted(ctx.edition.sections, key=lambda name: (ranked.get(name, len(ranked)), name)):
        data = section_findings(ctx.build, section)
        for item in data.get("highlights", []):
            ref = f" (@{item['figure']})" if item.get("figure") else ""
            blocks.append(f"- {esc(item['text'])}{ref}")
    return "\n".join(blocks) if blocks else "No section of this edition marks key findings."


def sources(ctx: Context) -> str:
    catalogue = json.loads((ctx.build / "data" / "sources.json").read_text(encoding="utf-8"))
    parts = []
    for source_id, entry in sorted(catalogue["datasets"].items()):
        snap = entry["snapshot"]
        files = "; ".join(f"{code(f['path'])} (sha256 {code(f['sha256'][:12])})" for f in snap["files"])
        origin = snap["origin"].split(":", 1)[0]
        lines = [f"### {esc(entry.get('short', source_id))}: {esc(entry['title'])} {{#src-{source_id}}}", "",
                 f"- Publisher: {esc(entry['publisher'])}; licence: {esc(entry['licence'])}",
                 f"- Citation: {esc(entry['citation'])}",
                 f"- Retrieved: {esc(snap['retrieved_at'][:10])} ({esc(origin)}); snapshot "
                 f"{code(snap['snapshot_id'])}",
                 f"- Files: {files}"]
        if entry.get("counting"):
            lines.append(f"- Counting: {esc(entry['counting'])}")
        if entry.get("limits"):
            lines.append(f"- Known limits: {esc(entry['limits'])}")
        parts.append("\n".join(lines))
    documents = [f"- {esc(doc['citation'])} []{{#src-{doc_id}}}"
                 for doc_id, doc in sorted(catalogue["documents"].items())]
    parts.append("### Documents cited {#src-documents}\n\n" + "\n".join(documents))
    return "\n\n".join(parts)


def parameters(ctx: Context) -> str:
    data = ctx.edition.model_dump(mode="json")
    rows = ["| Parameter | Value |", "|:---|:---|"]
    for key, value in data.items():
        shown = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip().removesuffix("...")
        rows.append(f"| {code(key)} | {esc(shown.strip())} |")
    return ": This edition's parameters {#tbl-edition-parameters}\n\n" + "\n".join(rows)


def software(ctx: Context) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in sorted(ctx.renderer.get("versions", {}).items()))
    return (f"Rendered by {esc(ctx.renderer['label'])}.\n"
            f"Package code fingerprint {code(package_fingerprint())}; package versions: {esc(versions)}.")


def changes(ctx: Context) -> str:
    """What changed since the baseline: the version before, else the previous edition of the series."""
    new = {f["id"]: f for f in merged_findings(ctx.build, ctx.edition)["findings"]}
    return changes_text(ctx.edition, ctx.site, ctx.baseline, new)


def caveats(ctx: Context) -> str:
    """Every data-quality caveat of the edition's findings, once each, with the findings it touches."""
    seen: dict[tuple, dict] = {}
    for item in merged_findings(ctx.build, ctx.edition)["findings"]:
        for caveat in item.get("caveats", []):
            key = (caveat["kind"], caveat["subject"], caveat["text"])
            entry = seen.setdefault(key, {"caveat": caveat, "ids": []})
            entry["ids"].append(item["id"])
    if not seen:
        return "No data-quality check flagged a finding of this edition."
    lines = []
    for (kind, _, _), entry in sorted(seen.items()):
        ids = entry["ids"]
        example = code(ids[0]) + (f" and {len(ids) - 1} more" if len(ids) > 1 else "")
        lines.append(f"- {esc(entry['caveat']['text'])} ({esc(kind.replace('_', ' '))}; findings {example})")
    return "\n".join(lines)


BLOCKS = {"summary": summary, "caveats": caveats, "sources": sources, "parameters": parameters, "software": software,
          "changes": changes}


def expand(text: str, ctx: Context, origin: Path) -> str:
    def block(match: re.Match) -> str:
        name = match["name"]
        if name not in BLOCKS:
            line = text[: match.start()].count("\n") + 1
            raise InputError(f"{origin}, line {line}", f"unknown generated block {name!r} (known: {sorted(BLOCKS)})")
        return BLOCKS[name](ctx)
    return SHORTCODE.sub(block, text)


def uses_history(text: str) -> bool:
    return any(m["name"] == "changes" for m in SHORTCODE.finditer(text))
