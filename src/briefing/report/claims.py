"""Checked claims and sections with nothing to show, resolved when a chapter is assembled.

A chapter may state something about the data only as a checked claim: the sentence in
brackets with the condition it asserts over this edition's findings,

    [Both partners' work with China grew faster than the pair's own.]{.claim when="growth('pair.works.{a_pole_b}') > growth('pair.works.{focus}')"}

An optional `if="..."` says when the claim applies at all (e.g. only when the edition's
documents publish figures for the focus pair); where it does not, the claim is left out
without a flag. A sentence about a document rather than the data has `if` alone
(`if="cites('seed.ni_*')"`): printed where the edition cites that document. The condition is an expression over finding ids (placeholders from the edition's
parameters, `PLACEHOLDERS`) with the functions of `FUNCTIONS`, comparisons, arithmetic and
and/or/not; nothing else is evaluated. A claim that holds is printed as plain text; one that
the data contradict, or that cannot be checked (a finding it names is not in this edition),
is left out and reported (`briefing render/publish/build` print it; with `--strict` they
stop with exit status 2).

A section output made with `markup.omitted(reason)` leaves out the chapter section it sits in
(from its heading to the next heading of the same or a higher level) and prints the reason,
one sentence saying what is missing and how to add it, in the methods appendix instead (the
chapter keeps no empty heading)."""

from __future__ import annotations

import ast
import fnmatch
import math
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.config import Edition
from briefing.errors import InputError
from briefing.findings.ids import slug
from briefing.markup import OMITTED

CLAIM = re.compile(r"\[(?P<text>[^\[\]]+)\]\{\.claim(?:\s+if=\"(?P<applies>[^\"]+)\")?"
                   r"(?:\s+when=\"(?P<when>[^\"]+)\")?\s*\}")
OMITTED_DIV = re.compile(rf"^::: \{{\.{OMITTED}\}}\n(?P<reason>.*?)\n:::$", re.M | re.S)
HEADING = re.compile(r"^(?P<hashes>#{1,6}) ", re.M)
HEADING_TEXT = re.compile(r"#{1,6} (?P<title>[^{\n]+)")
YEAR = re.compile(r"^\d{4}$")


class ClaimUnknown(Exception):
    """The condition names something this edition does not have."""


@dataclass(frozen=True)
class ClaimResult:
    origin: str
    line: int
    text: str
    when: str
    status: str  # holds | contradicted | unchecked | not_applicable
    detail: str
    chapter: str = ""  # the chapter's title
    section: str = ""  # the heading the claim sits under ('' before the first)
    condition: str = ""  # the condition as written (`if` and `when`), placeholders and all

    def as_dict(self) -> dict:
        """The claim for `claims.json`: where it is (the chapter file as `chapters/<name>.qmd`, so the
        same on every machine, its line, chapter and section), what it asserts, its outcome, and
        the finding ids and edition parameters its condition reads."""
        origin = Path(self.origin)
        return {"origin": f"{origin.parent.name}/{origin.name}", "line": self.line, "chapter": self.chapter,
                "section": self.section, "text": self.text, "when": self.when, "status": self.status,
                "detail": self.detail, "finding_ids": finding_ids(self.detail),
                "parameters": parameters_of(self.condition)}


# The edition parameters each placeholder of a condition is made from (`placeholders`).
PARAMETERS = {"focus": ["focus_pair"], "a": ["focus_pair"], "b": ["focus_pair"], "pole_a": ["poles"],
              "pole_b": ["poles"], "poles": ["poles"], "poles_key": ["poles"], "region": ["region"],
              "start": ["window"], "end": ["window"]}
PARAMETERS |= {f"{x}_pole_{y}": ["focus_pair", "poles"] for x in "ab" for y in "ab"}


def parameters_of(condition: str) -> list[str]:
    """The edition parameters a condition names through its placeholders, sorted."""
    return sorted({p for name in re.findall(r"\{(\w+)\}", condition) for p in PARAMETERS.get(name, [name])})


def finding_ids(detail: str) -> list[str]:
    """The finding ids (or id patterns, `seed.*`) a filled condition reads, in order, each once."""
    return list(dict.fromkeys(re.findall(r"'([^']+)'", detail)))


def chapter_name(text: str, origin) -> str:
    """A chapter's title, from its front matter (else its file name)."""
    found = re.search(r"^title: *\"?(?P<title>[^\"\n]+)", text, re.M)
    return found["title"].strip() if found else Path(str(origin)).stem


def section_at(text: str, offset: int) -> str:
    """The title of the chapter heading `offset` falls under ('' before the first)."""
    before = [start for start, _ in headings(text) if start <= offset]
    title = HEADING_TEXT.match(text[before[-1]:]) if before else None
    return title["title"].strip() if title else ""


def placeholders(edition: Edition) -> dict[str, str]:
    """What a condition may name in braces: the focus pair and its countries, the poles (`poles`
    as a pair, sorted; `poles_key` in the edition's order, as the poles' finding ids carry
    them), each focus country's pair with each pole, the region's slug, the window."""
    a, b = edition.focus_pair
    pa, pb = edition.poles
    pair = lambda x, y: "-".join(sorted((x, y)))  # noqa: E731
    return {"focus": pair(a, b), "a": a, "b": b, "pole_a": pa, "pole_b": pb, "poles": pair(pa, pb),
            "poles_key": f"{pa}-{pb}", "region": slug(edition.region.name),
            "a_pole_a": pair(a, pa), "a_pole_b": pair(a, pb), "b_pole_a": pair(b, pa), "b_pole_b": pair(b, pb),
            "start": str(edition.window.start), "end": str(edition.window.end)}


class Findings:
    """The functions a condition may call, over one edition's findings."""

    def __init__(self, findings: dict[str, dict], edition: Edition):
        self.findings = findings
        self.edition = edition

    def _series(self, prefix: str) -> dict[int, float]:
        found = {int(i.rsplit(".", 1)[1]): float(f["value"]) for i, f in self.findings.items()
                 if i.rsplit(".", 1)[0] == prefix and YEAR.match(i.rsplit(".", 1)[1])}
        if len(found) < 1:
            raise ClaimUnknown(f"no finding {prefix}.<year>")
        return dict(sorted(found.items()))

    def value(self, finding_id: str) -> float:
        if finding_id not in self.findings:
            raise ClaimUnknown(f"no finding {finding_id}")
        return self.findings[finding_id]["value"]

    def exists(self, pattern: str) -> bool:
        return any(fnmatch.fnmatchcase(i, pattern) for i in self.findings)

    def growth(self, prefix: str) -> float:
        """% change of `<prefix>.<year>` from its first to its latest year."""
        series = self._series(prefix)
        first, last = series[min(series)], series[max(series)]
        if not first:
            raise ClaimUnknown(f"{prefix} starts at zero")
        return 100 * (last / first - 1)

    def latest(self, prefix: str) -> float:
        series = self._series(prefix)
        return series[max(series)]

    def first(self, prefix: str) -> float:
        series = self._series(prefix)
        return series[min(series)]

    def peak_year(self, prefix: str) -> int:
        series = self._series(prefix)
        return max(series, key=lambda y: (series[y], y))

    def latest_year(self, prefix: str) -> int:
        return max(self._series(prefix))

    def cites(self, pattern: str) -> bool:
        """Whether the edition cites a document's fact matching `pattern` (`sections.*.*_facts`):
        for sentences about what a document published, which a series without it must not print."""
        cited = [fact for section in self.edition.sections.values() for key, ids in section.items()
                 if key.endswith("_facts") and isinstance(ids, list) for fact in ids]
        return any(fnmatch.fnmatchcase(str(fact), pattern) for fact in cited)

    def param(self, name: str):
        data = self.edition.model_dump(mode="json")
        if name not in data:
            raise ClaimUnknown(f"no parameter {name}")
        return data[name]


FUNCTIONS = ("value", "exists", "growth", "latest", "first", "peak_year", "latest_year", "cites", "param", "abs")
COMPARE = {ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b,
           ast.GtE: lambda a, b: a >= b, ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b,
           ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b}
ARITH = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
         ast.Div: lambda a, b: a / b}


def evaluate(expression: str, data: Findings):
    """The value of a condition; a ValueError for anything outside the small language."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not an expression ({exc.msg})") from None
    return _eval(tree.body, data)


def _eval(node, data: Findings):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool)):
        return node.value
    if isinstance(node, ast.BoolOp):
        values = (_eval(v, data) for v in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        value = _eval(node.operand, data)
        return (not value) if isinstance(node.op, ast.Not) else -value
    if isinstance(node, ast.BinOp) and type(node.op) in ARITH:
        return ARITH[type(node.op)](_eval(node.left, data), _eval(node.right, data))
    if isinstance(node, ast.Compare):
        left = _eval(node.left, data)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if type(op) not in COMPARE:
                raise ValueError(f"comparison {type(op).__name__} is not allowed")
            right = _eval(right_node, data)
            if not COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_eval(e, data) for e in node.elts]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS \
            and not node.keywords:
        args = [_eval(a, data) for a in node.args]
        return abs(*args) if node.func.id == "abs" else getattr(data, node.func.id)(*args)
    raise ValueError(f"{ast.unparse(node)!r} is not allowed in a claim (functions: {', '.join(FUNCTIONS)})")


def check(when: str, data: Findings, names: dict[str, str]) -> tuple[str, str]:
    """(status, detail) of one condition, its placeholders filled from `names`."""
    try:
        filled = when.format(**names)
    except (KeyError, IndexError) as exc:
        raise ValueError(f"unknown placeholder {exc} (known: {', '.join(sorted(names))})") from None
    try:
        result = evaluate(filled, data)
    except ClaimUnknown as exc:
        return "unchecked", f"{filled}: {exc}"
    except (ZeroDivisionError, TypeError) as exc:
        return "unchecked", f"{filled}: {exc}"
    if isinstance(result, float) and math.isnan(result):
        return "unchecked", f"{filled}: not a number"
    return ("holds" if result else "contradicted"), filled


def resolve_claims(text: str, findings: dict[str, dict], edition: Edition, origin: Path,
                   results: list[ClaimResult]) -> str:
    """Each claim of `text` kept as plain text when this edition's data bear it out, else left
    out; every outcome appended to `results`."""
    data, names = Findings(findings, edition), placeholders(edition)
    # Lines and headings as in the chapter's file (`text` has its embeds filled in already).
    source = origin.read_text(encoding="utf-8") if Path(origin).is_file() else text
    seen: dict[str, int] = {}

    def claim(match: re.Match) -> str:
        seen[match[0]] = seen.get(match[0], -1) + 1
        at = _nth(source, match[0], seen[match[0]])
        where, offset = (source, at) if at >= 0 else (text, match.start())
        line = where[:offset].count("\n") + 1
        if not (match["applies"] or match["when"]):
            raise InputError(f"{origin}, line {line}", "a claim needs a condition: when=\"...\" (what the data "
                                                        "must show) or if=\"...\" (when it applies at all)")
        try:
            applies, detail = check(match["applies"], data, names) if match["applies"] else ("holds", "")
            if applies != "holds":
                status = "not_applicable"
            else:  # a sentence that only applies (about a document the edition cites) holds where it applies
                status, detail = check(match["when"], data, names) if match["when"] else ("holds", detail)
        except ValueError as exc:
            raise InputError(f"{origin}, line {line}",
                             f"claim condition {match['when'] or match['applies']!r}: {exc}") from None
        results.append(ClaimResult(str(origin), line, " ".join(match["text"].split()), match["when"] or "",
                                   status, detail, chapter_name(text, origin), section_at(where, offset),
                                   f"{match['applies'] or ''} {match['when'] or ''}"))
        return match["text"] if status == "holds" else ""

    return CLAIM.sub(claim, text)


def _nth(text: str, part: str, n: int) -> int:
    """Where the `n`th (from 0) occurrence of `part` starts in `text`, or -1."""
    at = -1
    for _ in range(n + 1):
        at = text.find(part, at + 1)
        if at < 0:
            break
    return at


def headings(text: str) -> list[tuple[int, int]]:
    """(offset, level) of the chapter's own headings: not those inside a fenced div (a callout's title)."""
    found, depth, offset = [], 0, 0
    for line in text.splitlines(keepends=True):
        if line.startswith(":::"):
            depth += 1 if line[3:].strip() else -1
        elif depth == 0 and (match := HEADING.match(line)):
            found.append((offset, len(match["hashes"])))
        offset += len(line)
    return found


def leave_out_empty(text: str, sink: list | None = None, chapter: str = "") -> str:
    """Each section holding an omitted output left out whole, from its heading to the next
    heading of the same or a higher level; its title and the output's reason (what is missing and
    how to add it) go to `sink`, which the methods appendix lists once (`{{< briefing omitted >}}`)."""
    while (match := OMITTED_DIV.search(text)) is not None:
        heads = headings(text)
        before = [h for h in heads if h[0] < match.start()]
        start = before[-1][0] if before else 0
        level = before[-1][1] if before else 0
        after = [h for h in heads if h[0] > match.end() and h[1] <= level]
        end = after[0][0] if after else len(text)
        title = HEADING_TEXT.match(text[start:]) if before else None
        if sink is not None:
            sink.append((chapter, title["title"].strip() if title else "", match["reason"].strip()))
        text = text[:start] + text[end:]
    return text
