"""Finding ids of a built edition, checked against the families its sections declare
(`notebooks/*.meta.yml`, read as plain YAML by tests/edition_checks.py): each id unique in the
edition's findings, of a declared family, and naming the parameters its value depends on as the
edition sets them: the poles in the edition's order, a pole one of them, the region by its slug,
a pair in alphabetical order, every country one the edition brings in (README, "Keys")."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from briefing.config import Edition
from tests.edition_checks import declared

YEAR, SPAN, CODE = r"\d{4}", r"\d{4}-\d{4}", r"[A-Z]{2}"
KEY_PATTERNS = {"pair": rf"{CODE}-{CODE}", "poles": rf"{CODE}-{CODE}", "country": CODE, "partner": CODE,
                "pole": CODE, "year": YEAR, "span": SPAN, "top": r"\d+", "cut": r"\d+"}


@lru_cache(maxsize=1)
def family_patterns() -> list[tuple[str, re.Pattern]]:
    """(template, pattern) of every declared family; a key without a pattern here matches an id part."""
    patterns = []
    for template in declared()["families"]:
        regex, last = "", 0
        for match in re.finditer(r"\{(\w+)\}", template):
            key = match[1]
            regex += re.escape(template[last:match.start()]) + f"(?P<{key}>{KEY_PATTERNS.get(key, r'[a-z0-9_-]+')})"
            last = match.end()
        patterns.append((template, re.compile("^" + regex + re.escape(template[last:]) + "$")))
    return patterns


def region_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def edition_ids(build: Path) -> list[str]:
    ids = []
    for path in sorted((build / "findings").glob("*.json")):
        ids += [f["id"] for f in json.loads(path.read_text(encoding="utf-8"))["findings"]]
    return ids


def id_problems(finding_id: str, edition: Edition, allowed: set[str]) -> list[str]:
    """What is wrong with one id: no declared family, or a key that does not name the edition's parameter."""
    matches = [(t, m) for t, p in family_patterns() if (m := p.match(finding_id))]
    if not matches:
        return [f"{finding_id}: of no declared family"]
    template, match = matches[0]
    keys = match.groupdict()
    problems = []
    if "poles" in keys and keys["poles"] != "-".join(edition.poles):
        problems.append(f"names poles {keys['poles']}, the edition's are {'-'.join(edition.poles)}")
    if "pole" in keys and keys["pole"] not in edition.poles:
        problems.append(f"names pole {keys['pole']}, not one of {edition.poles}")
    if "region" in keys and keys["region"] != region_slug(edition.region.name):
        problems.append(f"names region {keys['region']}, the edition's is {region_slug(edition.region.name)}")
    if "pair" in keys and keys["pair"].split("-") != sorted(keys["pair"].split("-")):
        problems.append(f"pair {keys['pair']} not in alphabetical order")
    codes = {c for k in ("pair", "poles", "country", "partner", "pole") if k in keys for c in keys[k].split("-")}
    if codes - allowed:
        problems.append(f"names {sorted(codes - allowed)}, which the edition does not bring in")
    return [f"{finding_id} ({template}): {p}" for p in problems]


def finding_id_problems(build: Path, edition: Edition, allowed: set[str]) -> list[str]:
    ids = edition_ids(build)
    found = [f"{i}: recorded {n} times" for i, n in Counter(ids).items() if n > 1]
    for finding_id in sorted(set(ids)):
        found += id_problems(finding_id, edition, allowed)
    focus = "-".join(sorted(edition.focus_pair))
    if not any(f".{focus}." in i for i in ids):
        found.append(f"no finding names the focus pair {focus}")
    return found
