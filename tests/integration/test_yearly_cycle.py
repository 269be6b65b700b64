"""The yearly cycle end to end, as the analyst who renders it every year would: the East Asia
2024 and 2025 editions (tests/series_site.py) published in both orders into two work folders,
then a country added to 2025's parameters.

- Order A (the shared `series_site`): 2024, then 2025. Order B (here): 2025, then 2024, then 2025
  again: the second 2025 build publishes a new version compared with 2024/v1, and the two sites'
  version numbers and documents agree with their histories.
- 2024 → 2025 read the same snapshots: Appendix B's first sentence says nothing was revised,
  every change's cause is `window`, no label gives a value of another year (each value checked
  against the raw findings of both versions), no year is printed with a separator.
- Italy added to the countries publishes 2025/v2, whose Appendix B and index name it.
- The 2025 edition follows up each of 2024's watch items, with what the raw mirror says of them.

B and C reuse A's validated tables and executed sections (copied), so they publish without
re-running what A ran; only the Italy edition runs its sections again."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import invoke, tree_bytes
from tests.raw_series import raw_series
from tests.series_site import build, east_asia_params, ok

pytestmark = pytest.mark.slow

YEAR_SPAN = re.compile(r"^(19|20)\d\d(–(19|20)\d\d)?$")


def reuse(source: Path, target: Path, with_site: bool = False) -> Path:
    """A work folder holding what `source` built (snapshots, tables, executed sections), and its site if asked."""
    target.mkdir(parents=True)
    for part in ("data", "_build", "figures", *(("_site",) if with_site else ())):
        shutil.copytree(source / part, target / part, symlinks=True)
    return target


@pytest.fixture(scope="module")
def cycle(series_site, tmp_path_factory, mirror) -> SimpleNamespace:
    root = tmp_path_factory.mktemp("cycle")
    params = east_asia_params(root / "params")
    order_b = reuse(series_site.work, root / "b")
    runs = [build(params[name], order_b, mirror) for name in ("2025", "2024", "2025", "2025")]
    for run in runs:
        ok(run)
    italy_params = east_asia_params(root / "italy", countries=["JP", "KR", "US", "CN", "IT"])["2025"]
    italy = reuse(series_site.work, root / "c", with_site=True)
    ok(build(italy_params, italy, mirror))
    return SimpleNamespace(a=series_site.work, b=order_b, c=italy, runs=runs, params=params, italy_params=italy_params)


def manifest(work: Path, ref: str) -> dict:
    return json.loads((work / "_site" / ref / "manifest.json").read_text(encoding="utf-8"))


def article(work: Path, ref: str, page: str = "changes.html") -> str:
    """A published page's article as text, one block (paragraph, item, row, heading) a line."""
    text = (work / "_site" / ref / page).read_text(encoding="utf-8")
    body = text[text.index("<article>"):text.index("</article>")]
    body = re.sub(r"</(p|li|tr|h[1-6])>", "\n", body)
    lines = (" ".join(html.unescape(re.sub(r"<[^>]+>", " ", line)).replace("\u2019", "'").split())
             for line in body.split("\n"))
    return "\n".join(line for line in lines if line)


def rows(work: Path, ref: str) -> list[list[str]]:
    """The cells of every body row of the page's tables."""
    text = (work / "_site" / ref / "changes.html").read_text(encoding="utf-8")
    found = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", text, flags=re.S):
        cells = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).replace("\u2019", "'").split())
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if cells:
            found.append(cells)
    return found


def findings(work: Path, ref: str) -> dict[str, dict]:
    data = json.loads((work / "_site" / ref / "findings.json").read_text(encoding="utf-8"))
    return {f["id"]: f for f in data["findings"]}


# Build order ---------------------------------------------------------------------------------

def test_2025_then_2024_then_2025_publishes_a_new_version_compared_with_2024(cycle):
    first, before, again, rerun = cycle.runs
    assert "new version 2025/v1" in first.stdout and "new version 2024/v1" in before.stdout
    assert "new version 2025/v2" in again.stdout and "unchanged, still 2025/v2" in rerun.stdout
    assert manifest(cycle.b, "2025/v1")["compared_with"] is None
    assert article(cycle.b, "2025/v1").startswith("This is the first edition of the east-asia series published here")
    v2 = manifest(cycle.b, "2025/v2")
    assert v2["compared_with"] == "2024/v1" and v2["follows"] == "2025/v1"
    assert v2["changes"]["causes"] == [{"cause": "baseline", "text": "now compared with the 2024 edition (version 1)"}]
    text = article(cycle.b, "2025/v2")
    assert "Compared with the 2024 edition (version 1, published " in text
    assert "Since version 1 of this edition (published " in text and "now compared with the 2024 edition" in text
    index = (cycle.b / "_site" / "index.html").read_text(encoding="utf-8")
    assert "Now compared with the 2024 edition (version 1)" in index


def test_both_orders_agree_with_their_histories(cycle):
    """A: 2024/v1, 2025/v1 (compared with 2024/v1). B: 2025/v1 (first), 2024/v1, 2025/v2 (compared
    with 2024/v1). The same content under the same key; one version number never holds two
    different comparisons."""
    a, b = cycle.a, cycle.b
    assert tree_bytes(a / "_site" / "2024" / "v1") == tree_bytes(b / "_site" / "2024" / "v1")
    assert manifest(a, "2025/v1")["content_key"] == manifest(b, "2025/v2")["content_key"]
    assert manifest(a, "2025/v1")["content_key"] != manifest(b, "2025/v1")["content_key"]
    for name in ("findings.json", "watch.json"):
        assert (a / "_site/2025/v1" / name).read_bytes() == (b / "_site/2025/v2" / name).read_bytes()
    since = re.compile(r"^Since version 1 of this edition .*\n", flags=re.M)
    assert article(a, "2025/v1") == since.sub("", article(b, "2025/v2"))
    number = re.compile(r"\b(version |v)[12]\b")  # the summary page cites its own version
    assert number.sub("N", article(a, "2025/v1", "index.html")) == number.sub("N", article(b, "2025/v2", "index.html"))


# 2024 → 2025, the same snapshots ---------------------------------------------------------------

def test_nothing_revised_is_said_first_and_every_change_is_the_window(cycle):
    old, new = manifest(cycle.a, "2024/v1"), manifest(cycle.a, "2025/v1")
    assert {s: v["snapshot_id"] for s, v in old["inputs"]["raw"].items()} == \
        {s: v["snapshot_id"] for s, v in new["inputs"]["raw"].items()}
    first = article(cycle.a, "2025/v1").split("\n")[0]
    assert first.startswith("No figure was revised:"), first
    result = invoke("diff", "--params", str(cycle.params["2025"]), "--workdir", str(cycle.a), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == ("2024/v1", "2025/v1") and data["advanced"]
    entries = [e for key in ("moved", "advanced", "added", "removed", "not_comparable") for e in data[key]]
    assert entries and {e["cause"] for e in entries} == {"window"}
    text = invoke("diff", "--params", str(cycle.params["2025"]), "--workdir", str(cycle.a), "--limit", "3").stdout
    assert "No figure was revised" in text and re.search(r"and \d+ more", text)


def _number(cell: str) -> tuple[float, int] | None:
    """The value a cell shows and its decimals, or None (a rank, a list, an amount)."""
    shown = cell.split(" (")[0].replace("\u2212", "-").replace(",", "").replace("+", "")
    found = re.fullmatch(r"(-?\d+(?:\.(\d+))?)(%| pp|% a year)?", shown)
    return (float(found[1]), len(found[2] or "")) if found else None


def test_each_value_is_shown_with_its_own_year_and_no_year_with_a_separator(cycle):
    old, new = findings(cycle.a, "2024/v1"), findings(cycle.a, "2025/v1")
    checked = 0
    for label, then, now, *_ in rows(cycle.a, "2025/v1"):
        periods = [re.search(r"\(([^()]*)\)$", cell) for cell in (then, now)]
        if not all(periods):
            continue
        (old_period, new_period) = (p[1] for p in periods)
        assert YEAR_SPAN.match(old_period) and YEAR_SPAN.match(new_period), (label, then, now)
        assert old_period not in label and new_period not in label, label  # the label carries no year of a value
        for side, cell, period in ((old, then, old_period), (new, now, new_period)):
            suffix = "." + period.replace("–", "-")
            matches = [f for i, f in side.items() if i.endswith(suffix)
                       and re.sub(rf"(, | \(){re.escape(period)}\)?", "", f["label"]) == label]
            assert len(matches) == 1, (label, period)
            if matches[0]["unit"] == "year":  # a peak year: four digits, no separator
                assert re.match(r"^(19|20)\d\d \(", cell), (label, cell)
            shown = _number(cell)
            if shown is not None and matches[0]["unit"] not in ("rank",):
                value, decimals = shown
                assert abs(float(matches[0]["value"]) - value) <= 0.5 * 10 ** -decimals + 1e-9, (label, cell)
                checked += 1
    assert checked >= 20
    text = article(cycle.a, "2025/v1")
    assert not re.search(r"\b(19|20)\d,\d\d\d?\b|\b[12],0[0-9]{2}\b(?= \(|–)", text)


# A parameter change ----------------------------------------------------------------------------

def test_a_country_added_publishes_v2_whose_appendix_b_names_it(cycle):
    v2 = manifest(cycle.c, "2025/v2")
    assert v2["follows"] == "2025/v1" and v2["compared_with"] == "2024/v1"
    assert v2["changes"]["causes"] == [{"cause": "parameters", "text": "Italy added to the countries"}]
    text = article(cycle.c, "2025/v2")
    assert text.split("\n")[0].startswith("No figure was revised:")
    assert "Since version 1 of this edition (published " in text and ": Italy added to the countries." in text
    added = [f for i, f in findings(cycle.c, "2025/v2").items() if i not in findings(cycle.c, "2025/v1")]
    assert added and any("IT" in f["id"] for f in added)
    index = (cycle.c / "_site" / "index.html").read_text(encoding="utf-8")
    assert 'Italy added to the countries (<a href="2025/v2/changes.html">what changed</a>)' in index


# What 2024 said to watch ------------------------------------------------------------------------

def _followed(text: str, heading: str, count: int) -> list[str]:
    """The `count` items under the follow-up's heading."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    return lines[start + 1:start + 1 + count]


def test_the_2025_edition_follows_up_each_of_2024s_watch_items(cycle, mirror):
    watched = json.loads((cycle.a / "_site/2024/v1/watch.json").read_text(encoding="utf-8"))["items"]
    assert any(w["item"] == "turn" for w in watched) and any(w["item"] == "provisional" for w in watched)
    region = manifest(cycle.a, "2025/v1")["parameters"]["region"]["countries"]
    snapshots = {s: v["snapshot_id"] for s, v in manifest(cycle.a, "2025/v1")["inputs"]["raw"].items()}
    heading = "What the 2024 edition (version 1) said to watch"
    for page in ("changes.html", "index.html"):
        lines = _followed(article(cycle.a, "2025/v1", page), heading, len(watched))
        for item, line in zip(watched, lines, strict=True):
            if item["item"] == "provisional":
                assert line.startswith(item["text"].rstrip("."))
                assert line.endswith(f"not revised — the same snapshot ({snapshots[item['source']]}).")
                continue
            values, kind = raw_series(mirror, item["prefix"], (2015, 2023), region)
            latest, extreme = values[2023], values[item["turn_year"]]
            past = latest > extreme if item["kind"] == "peak" else latest < extreme
            assert line.startswith(item["label"] + ": "), line
            if past:
                assert ("it did not turn" if item["near"] else "the turn did not hold") in line
            else:
                assert ("so {} is the turn".format(item["turn_year"]) if item["near"] else "the turn held") in line
            shown = {"count": f"{latest:,.0f}", "share": f"{latest:.1f}%", "intensity": f"{latest:.2f}%"}[kind]
            assert f"{shown} in 2023" in line, (line, shown)
    japan_us = next(line for line in _followed(article(cycle.a, "2025/v1"), heading, len(watched))
                    if line.startswith("Co-authored works, Japan–United States"))
    assert "the turn did not hold: 21,760 in 2023, above the 2021 high of 21,183" in japan_us


ID_YEARS = re.compile(r"^(?P<start>(19|20)\d\d)(-(?P<end>(19|20)\d\d))?$")


def test_no_finding_lies_outside_its_editions_window(series_site):
    """No data past the window: every finding id's year lies in its edition's window, and a span's
    end does (a period a source publishes only whole, such as NCSES's AI articles summed over
    2003–2022, may start before it). The 2024 edition (2014–2022) names the seed facts of 2023
    it leaves out, and states no 2023 figure for its pair."""
    for name, (start, end) in {"2024": (2014, 2022), "2025": (2015, 2023)}.items():
        outside = []
        for path in sorted((series_site.work / "_build" / name / "findings").glob("*.json")):
            for finding in json.loads(path.read_text(encoding="utf-8"))["findings"]:
                match = ID_YEARS.match(finding["id"].rsplit(".", 1)[-1])
                if not match:
                    continue
                first, last = int(match["start"]), int(match["end"] or match["start"])
                if not (start <= last <= end and (match["end"] or first >= start)):
                    outside.append(finding["id"])
        assert not outside, f"edition {name} ({start}–{end}) holds findings outside its window: {outside[:8]}"
    page = html.unescape((series_site.site / "2024" / "v1" / "partnership.html").read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", page).replace("\u2019", "'")
    left_out = re.search(r"The figures [^.]* lie outside this edition's window \(2014–2022\), so they are not compared\.",
                         text)
    assert left_out, "the 2024 chapter does not say which published figures lie past its window"
    chapter = text.replace(left_out[0], "").split("Documents cited")[0].split("What changed")[0]
    assert not re.search(r"\b2023\b", chapter), "the 2024 partnership chapter states a 2023 figure"
