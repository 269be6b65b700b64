"""Blocks a chapter asks for with `{{< briefing <name> >}}`, generated at assembly
from the build (findings, source catalogue, parameters, published versions): the
executive summary, the sources and methods appendix, and what changed.

Chapters stay prose; every number here comes from data."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing import markup, units, words
from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.fingerprint import package_fingerprint
from briefing.prose.lead import lead
from briefing.prose.summary import ranked, summary_markdown
from briefing.quality import PRIORITY, thresholds
from briefing.quality.provisional import lag_of
from briefing.report.changes import changes_text
from briefing.report.claims import CLAIM, ClaimResult, chapter_name, leave_out_empty, resolve_claims
from briefing.report.findings import merged_findings, section_findings
from briefing.report.glossary import glossary
from briefing.report.key_figures import key_figures, save_meta
from briefing.report.watch import watch_followup

SHORTCODE = re.compile(r"\{\{<\s*briefing\s+(?P<name>[a-z-]+)\s*>\}\}")


@dataclass(frozen=True)
class Context:
    edition: Edition
    build: Path
    site: Path
    renderer: dict
    baseline: object  # what the book is compared with: `report.site.History` (or None before it is known)
    order: tuple[str, ...] = ()  # sections in the order the book presents them
    strict: bool = False  # a claim the data contradict (or cannot check) stops the assembly
    claims: list = field(default_factory=list)  # the claims checked so far (`report.claims.ClaimResult`)
    omitted: list = field(default_factory=list)  # (chapter, section, reason) of each part left out so far
    figures: Path | None = None  # the book's figures folder, where a generated figure is written


esc = markup.literal  # literal text in markdown (no raw HTML, links or emphasis from data)


def code(text) -> str:
    """Inline code: literal inside, so only backticks need care."""
    return "`` " + str(text).replace("`", "'") + " ``"


def _catalogue(ctx: Context) -> dict:
    """The build's source catalogue (`data/sources.json`): datasets and documents."""
    return json.loads((ctx.build / "data" / "sources.json").read_text(encoding="utf-8"))


def _highlights(ctx: Context) -> tuple[list[dict], dict[str, dict]]:
    """Every section's highlights, in the book's order of sections, and the edition's findings by id."""
    highlights = []
    order = {name: i for i, name in enumerate(ctx.order)}
    for section in sorted(ctx.edition.sections, key=lambda name: (order.get(name, len(order)), name)):
        highlights += section_findings(ctx.build, section).get("highlights", [])
    return highlights, {f["id"]: f for f in merged_findings(ctx.build, ctx.edition)["findings"]}


def summary(ctx: Context) -> str:
    """The key messages, ranked across sections by how much they matter, each with its main
    caveat and a link to its figure; then what to watch next edition (`prose.summary`)."""
    highlights, findings = _highlights(ctx)
    provisional = {c.get("item") or c.get("brief", c["text"]) for f in findings.values()
                   for c in f.get("caveats", []) if c["kind"] == "provisional"}
    return summary_markdown(highlights, findings, set(ctx.edition.focus_pair), set(ctx.edition.poles),
                            sorted(provisional))


def key_figures_chart(ctx: Context) -> str:
    """The small lines of the series behind the summary's messages (`report.key_figures`), written
    into the book's figures; '' when fewer than two messages have a series to draw."""
    highlights, findings = _highlights(ctx)
    chosen = ranked(highlights, findings, set(ctx.edition.focus_pair), set(ctx.edition.poles))
    catalogue = _catalogue(ctx)
    markdown, meta = key_figures(chosen, findings, catalogue, ctx.figures, ctx.build / "cache" / "key-figures")
    save_meta(ctx.build, meta)
    return markdown


def opening(ctx: Context) -> str:
    """What the edition's evidence adds up to, in one or two sentences (`prose.lead`); '' when the
    findings hold no pattern across countries and no series of the poles' pair."""
    findings = {f["id"]: f for f in merged_findings(ctx.build, ctx.edition)["findings"]}
    return markup.literal(lead(findings, list(ctx.edition.countries), list(ctx.edition.poles)))


def sources(ctx: Context) -> str:
    catalogue = _catalogue(ctx)
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
    if documents:  # a heading with nothing under it is left out
        parts.append("### Documents cited {#src-documents}\n\n" + "\n".join(documents))
    return "\n\n".join(parts)


def flat_parameters(data: dict, prefix: str = "") -> list[tuple[str, str]]:
    """(dotted key, value in YAML flow style) for each leaf of the parameters: a section's
    overrides one row each (`sections.funding.gbard_countries`), so no table cell runs a page;
    an empty mapping reads 'defaults', an unset value '—'."""
    rows = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            rows += flat_parameters(value, f"{name}.")
        elif value is None or value == {}:
            rows.append((name, "defaults" if value == {} else "—"))
        else:
            shown = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip().removesuffix("...")
            rows.append((name, shown.strip()))
    return rows


def parameters(ctx: Context) -> str:
    rows = ["| Parameter | Value |", "|:---|:---|"]
    rows += [f"| {code(key)} | {esc(value)} |" for key, value in flat_parameters(ctx.edition.model_dump(mode="json"))]
    return ": This edition's parameters {#tbl-edition-parameters}\n\n" + "\n".join(rows)


def software(ctx: Context) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in sorted(ctx.renderer.get("versions", {}).items()))
    return (f"Rendered by {esc(ctx.renderer['label'])}.\n"
            f"Package code fingerprint {code(package_fingerprint())}; package versions: {esc(versions)}.")


def changes(ctx: Context) -> str:
    """What changed since the baseline: the version before, else the previous edition of the series."""
    new = {f["id"]: f for f in merged_findings(ctx.build, ctx.edition)["findings"]}
    return changes_text(ctx.edition, ctx.site, ctx.baseline, new, ctx.build)


def quality_rules(ctx: Context) -> str:
    """The thresholds of the checks and each source's indexing lag, from the code and the catalogue."""
    catalogue = _catalogue(ctx)
    lags = words.join_and([f"{lag_of(entry)} months for {esc(entry.get('short', source))}"
                         for source, entry in sorted(catalogue["datasets"].items()) if entry.get("tables")
                         and {"pairs", "country_output"} & set(entry["tables"])])
    return (f"A jump is a year-on-year change, net of the median change of the series compared that year, at least "
            f"{units.num(thresholds.BREAK_Z, 0)} robust standard deviations (1.4826 times the median absolute deviation "
            f"of the series' own changes) from its usual change and at least "
            f"{units.signed_pct(100 * math.expm1(thresholds.BREAK_MIN_LOG_CHANGE)).lstrip('+')} in size; it is a "
            f"one-year spike when the next year takes back at least {units.num(100 * thresholds.SPIKE_RETURN, 0)}% of it, "
            f"else a level shift. A year counts as provisional until the source's indexing lag has passed between its "
            f"end and the date its counts were taken ({lags}: an assumption of this briefing). A share has turned when "
            f"it is more than {units.num(thresholds.PEAK_MIN_DROP_PP, 1)} percentage points from its peak or low, a count "
            f"when it is more than {units.num(thresholds.PEAK_MIN_DROP_PCT, 0)}% from it.")


def caveats(ctx: Context) -> str:
    """Every data-quality caveat of the edition's findings, once each, with its kind and how many
    findings it touches: their ids are plumbing, which findings.json lists with each finding."""
    seen: dict[tuple, dict] = {}
    for item in merged_findings(ctx.build, ctx.edition)["findings"]:
        for caveat in item.get("caveats", []):
            entry = seen.setdefault((caveat["kind"], caveat["subject"], caveat["text"]), {"caveat": caveat, "ids": []})
            entry["ids"].append(item["id"])
    rules = quality_rules(ctx)
    if not seen:
        return rules + "\n\nNo data-quality check flagged a finding of this edition."
    lines = []
    for (kind, _, _), entry in sorted(seen.items(), key=lambda kv: (_rank(kv[0][0]), kv[0][1])):
        touched = len(entry["ids"])
        lines.append(f"- {esc(entry['caveat']['text'])} ({esc(kind.replace('_', ' '))}; "
                     f"{touched} {'finding' if touched == 1 else 'findings'})")
    return rules + "\n\n" + "\n".join(lines)


def _rank(kind: str) -> int:
    return PRIORITY.index(kind) if kind in PRIORITY else len(PRIORITY)


BLOCKS = {"opening": opening, "key-figures": key_figures_chart, "summary": summary, "caveats": caveats, "sources": sources, "parameters": parameters, "software": software,
          "changes": changes}


def claims(ctx: Context) -> str:
    """The chapters' checked statements and whether this edition's data bear them out."""
    shown_claims = [c for c in ctx.claims if c.status != "not_applicable"]
    if not shown_claims:
        return "No chapter states a checked claim about this edition's data."
    shown = {"holds": "holds", "contradicted": "contradicted by this edition's data, left out",
             "unchecked": "cannot be checked in this edition, left out",
             "not_applicable": "does not apply to this edition, left out"}
    document = "about a document this edition cites, printed; not a statement about its data"

    def status(c: ClaimResult) -> str:  # a claim with if= alone states what a document says
        return document if c.status == "holds" and not c.when else shown[c.status]
    places: dict[tuple[str, str], list[ClaimResult]] = {}
    for c in shown_claims:
        places.setdefault((c.chapter, c.section), []).append(c)
    lines = []
    for (chapter, section), found in places.items():
        lines.append(f"- {esc(chapter)}{', ' + esc(section) if section else ''}:")
        lines += [f"    - {esc(c.text)} ({status(c)})" for c in found]
    return ("\n".join(lines) + "\n\nEach statement's condition, the findings it reads and its place in the "
            "chapter's source are in `claims.json`, in the data download of each version.")


BLOCKS["claims"] = claims
BLOCKS["watch-followup"] = watch_followup  # report.watch: what the previous edition said to watch, followed up
HISTORY = {"changes", "watch-followup"}  # blocks that depend on the published versions


def expand(text: str, ctx: Context, origin: Path) -> str:
    """Generated blocks filled in, checked claims resolved (`report.claims`), and sections with
    nothing to show for this edition left out with the reason."""
    def block(match: re.Match) -> str:
        name = match["name"]
        if name not in BLOCKS:
            line = text[: match.start()].count("\n") + 1
            raise InputError(f"{origin}, line {line}", f"unknown generated block {name!r} (known: {sorted(BLOCKS)})")
        return BLOCKS[name](ctx)
    checked: list[ClaimResult] = []
    if CLAIM.search(text):
        findings = {f["id"]: f for f in merged_findings(ctx.build, ctx.edition)["findings"]}
        text = resolve_claims(text, findings, ctx.edition, origin, checked)
    if checked:
        ctx.claims.extend(checked)
    failed = [c for c in checked if c.status in ("contradicted", "unchecked")]
    if failed and ctx.strict:
        raise InputError(f"{origin}, line {failed[0].line}",
                         f"claim {failed[0].text!r} is {failed[0].status} ({failed[0].detail}); without --strict "
                         f"it is left out and reported")
    return leave_out_empty(SHORTCODE.sub(block, text), ctx.omitted, chapter_name(text, origin))


def omitted(ctx: Context) -> str:
    """What this edition leaves out, once each: a chapter section with nothing to show (or a
    chapter whose section the edition does not run), why, and how to add it."""
    if not ctx.omitted:
        return "Every part of the briefing has something to show for this edition."
    lines = [f"- {esc(chapter)}{' (' + esc(section) + ')' if section else ''}: {words.decap(reason)}"
             for chapter, section, reason in dict.fromkeys(ctx.omitted)]
    return "Left out of this edition, each with what would bring it in:\n\n" + "\n".join(lines)


BLOCKS["omitted"] = omitted


def definitions(ctx: Context) -> str:
    """The glossary (`report.glossary`) of this edition's codes, measures and flags."""
    found = merged_findings(ctx.build, ctx.edition)["findings"]
    return glossary([f["id"] for f in found], {c["kind"] for f in found for c in f.get("caveats", [])})


BLOCKS["definitions"] = definitions


def counting_example(ctx: Context) -> str:
    """'a paper by authors in Japan, South Korea and the United States counts one for each of the
    three': the edition's focus pair and its first pole outside the pair."""
    codes = list(dict.fromkeys([*ctx.edition.focus_pair, *ctx.edition.poles]))[:3]
    return (f"a paper by authors in {words.join_and([words.the(c) for c in codes])} counts one for each of the "
            f"{'three' if len(codes) == 3 else 'two'}")


BLOCKS["counting-example"] = counting_example


def uses_history(text: str) -> bool:
    return any(m["name"] in HISTORY for m in SHORTCODE.finditer(text))
