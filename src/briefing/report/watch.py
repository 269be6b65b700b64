"""What an edition tells readers to watch, kept as data, and the next edition's follow-up.

Each published version stores its "What to watch" items in `watch.json` beside
`findings.json` (listed in its manifest): the series near a turn (`prose.summary.watch_items`,
with their data) and the provisional years its findings carry as caveats, each with the
snapshot its source was read from; each item says which it is (`item`: "turn" or "provisional"). An edition whose baseline (the previous edition of its
series) has a `watch.json` follows each item up from its own findings: whether a turn held
("the turn did not hold: 21,760 in 2023, above the 2021 high") and whether a provisional year
was revised ("not revised — the same snapshot")."""

from __future__ import annotations

import json
from pathlib import Path

from briefing import units
from briefing.config import Edition
from briefing.infra.fileio import canonical_json, sha256_text
from briefing.markup import literal
from briefing.prose.summary import series, watch_items
from briefing.report.causes import build_inputs, ref_name
from briefing.report.findings import merged_findings

WATCH = "watch.json"


def provisional_items(findings: dict[str, dict], snapshots: dict[str, str]) -> list[dict]:
    """Each provisional-year caveat of the findings once, with its source's snapshot."""
    seen: dict[tuple, dict] = {}
    for item in findings.values():
        for caveat in item.get("caveats", []):
            if caveat["kind"] == "provisional":
                key = (caveat.get("source", ""), caveat["subject"], tuple(caveat.get("years", ())))
                seen.setdefault(key, {"item": "provisional", "source": key[0], "subject": key[1], "years": list(key[2]),
                                      "text": caveat.get("brief", caveat["text"]), "snapshot": snapshots.get(key[0])})
    return [seen[k] for k in sorted(seen)]


def watch_document(edition: Edition, findings: dict[str, dict], snapshots: dict[str, str]) -> dict:
    """What `watch.json` holds: the turns to watch, as the summary lists them, then the provisional years."""
    turns = [{"item": "turn", **item.data} for item in watch_items(findings, set(edition.focus_pair),
                                                                  set(edition.poles))]
    return {"edition": edition.edition, "window": {"start": edition.window.start, "end": edition.window.end},
            "items": turns + provisional_items(findings, snapshots)}


def write_watch(folder: Path, edition: Edition, findings: list[dict], build: Path) -> dict:
    """`watch.json` into a version's folder; what the manifest records of it."""
    document = watch_document(edition, {f["id"]: f for f in findings}, build_inputs(build)[0])
    text = canonical_json(document)
    (folder / WATCH).write_text(text, encoding="utf-8")
    return {"file": WATCH, "sha256": sha256_text(text), "items": len(document["items"])}


def read_watch(folder: Path) -> dict | None:
    path = folder / WATCH
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


# The follow-up.
def turn_followup(item: dict, findings: dict[str, dict]) -> str:
    """Whether a series near a turn (or just past one) turned: its latest year in this edition
    against the high (or low) the previous edition named, this edition's value of that year."""
    values, unit = series(findings, item["prefix"]), item["unit"]
    later = [year for year in values if year > item["latest_year"]]
    label, word = item["label"], "high" if item["kind"] == "peak" else "low"
    if not later:
        return f"{label}: this edition has no year after {item['latest_year']}, so the turn is still open."
    year = max(later)
    latest, extreme = values[year], values.get(item["turn_year"], item["turn_value"])
    beyond = latest > extreme if item["kind"] == "peak" else latest < extreme
    side = ("above" if beyond else "below") if item["kind"] == "peak" else ("below" if beyond else "above")
    moved = f"({units.change(extreme, latest, unit)})"
    mark = f"the {item['turn_year']} {word} of {units.show(extreme, unit)}"
    now = f"{units.show(latest, unit)} in {year}"
    if beyond:
        verdict = "it did not turn" if item["near"] else "the turn did not hold"
        return f"{label}: {verdict}: {now}, {side} {mark} {moved}."
    if item["near"]:
        return f"{label}: a second year {side} {mark}, so {item['turn_year']} is the turn: {now} {moved}."
    return f"{label}: the turn held: {now}, still {side} {mark} {moved}."


def _touched(findings: dict[str, dict], item: dict) -> dict[str, dict]:
    """The findings that carried the provisional caveat `item`."""
    def carries(finding: dict) -> bool:
        return any(c["kind"] == "provisional" and c["subject"] == item["subject"]
                   and list(c.get("years", ())) == item["years"] for c in finding.get("caveats", []))
    return {k: f for k, f in findings.items() if carries(f)}


def provisional_followup(item: dict, before: dict[str, dict], findings: dict[str, dict],
                         snapshots: dict[str, str]) -> str:
    """Whether a provisional year was revised: the same snapshot, or what the new one changed."""
    head = item["text"].rstrip(".")
    now = snapshots.get(item["source"])
    if now is not None and now == item["snapshot"]:
        return f"{head}: not revised — the same snapshot ({now})."
    touched = _touched(before, item)
    both = sorted(k for k in touched if k in findings)
    changed = [k for k in both if findings[k]["value"] != touched[k]["value"]]
    still = " Still provisional." if _touched(findings, item) else ""
    if not both:
        return f"{head}: this edition states none of those figures.{still}"
    snapshot = f"a new snapshot ({item['snapshot']} then, {now} now)"
    if not changed:
        return f"{head}: {snapshot} left all {len(both)} figures unchanged.{still}"
    return f"{head}: revised in {snapshot}: {len(changed)} of {len(both)} figures changed.{still}"


def followups(watched: dict, before: dict[str, dict], findings: dict[str, dict], snapshots: dict[str, str]) -> list[str]:
    """One sentence per item of the previous edition's watch list, in its order."""
    return [turn_followup(item, findings) if item["item"] == "turn" else
            provisional_followup(item, before, findings, snapshots) for item in watched.get("items", [])]


def followup_markdown(baseline: str | None, site: Path, findings: dict[str, dict], snapshots: dict[str, str],
                      heading: str = "###", anchor: str = "sec-watch-followup") -> str:
    """The follow-up block: a heading naming the previous edition and one item per line; empty
    when there is no baseline or it stored no watch list."""
    if baseline is None:
        return ""
    folder = site / baseline
    watched = read_watch(folder)
    if watched is None:
        return ""
    before = {f["id"]: f for f in json.loads((folder / "findings.json").read_text(encoding="utf-8"))["findings"]}
    lines = followups(watched, before, findings, snapshots)
    if not lines:
        return ""
    title = f"{heading} What {ref_name(baseline)} said to watch {{#{anchor}}}"
    return "\n".join([title, "", *(f"- {literal(line)}" for line in lines)])


def watch_followup(ctx) -> str:
    """The `{{< briefing watch-followup >}}` block (`report.blocks`): on the summary page, what
    the previous edition said to watch, followed up; nothing for a first edition."""
    baseline = getattr(ctx.baseline, "baseline", None)
    findings = {f["id"]: f for f in merged_findings(ctx.build, ctx.edition)["findings"]}
    return followup_markdown(baseline, ctx.site, findings, build_inputs(ctx.build)[0])
