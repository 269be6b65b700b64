"""Checks on data/curated/events.csv, the dated policy events of the five seed documents.

Every row must quote its seed verbatim, and its date must be readable from that quote
(or be listed below with the reason it is not). The seeds live outside the repository
(../shared/seeds); without them every test of the module fails, saying so.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.conftest import REPO, require
from tests.curated_checks import SEEDS_DIR, check_quotes, check_shape, load_rows

EVENTS_CSV = REPO / "data" / "curated" / "events.csv"

require(SEEDS_DIR.is_dir(), f"the seed documents folder {SEEDS_DIR}", "put ../shared/seeds beside the project or set BRIEFING_SEEDS")

HEADER = ["id", "date", "date_precision", "jurisdiction", "kind", "title", "short", "source_id", "seed_file", "locator", "quote"]
ID_RE = re.compile(r"^ev\.[a-z0-9]+\.\d{4}\.[a-z0-9_]+$")
JURISDICTION_RE = re.compile(r"^(?:[A-Z]{2}|EU|G7|INTL)$")
DATE_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}
DATE_SHAPES = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}
KINDS = {
    "law",
    "executive order/memorandum",
    "guideline",
    "programme",
    "trade measure",
    "agreement",
    "budget",
    "statement",
}
SOURCE_BY_PREFIX = {
    "000": "fuyuno2020",
    "001": "nature2024korea",
    "002": "glosserman2024",
    "003": "spf2021",
    "004": "yoshioka2020",
}

# Rows whose quote does not carry the year of the date, and where that year comes from.
# Document years: Fuyuno 2020, Nature 2024 (page dated 7 October 2024), Glosserman 2024, SPF 22 November 2021.
YEAR_NOT_IN_QUOTE = {
    "ev.kr.2020.korean_new_deal": "'Last July' in a 2020 article",
    "ev.kr.2024.horizon_europe": "'Announced in March' in a 2024 article",
    "ev.kr.2024.research_visa_rules": "'In July' in a 2024 article",
    "ev.us.2021.nspm33": "'one of his last acts': Trump's term ended in January 2021",
    "ev.us.2022.china_initiative_end": "'In less than four years' after the 2018 launch; ended February 2022",
    "ev.us.2024.ostp_research_security_guidelines": "'Earlier this month' in a 2024 essay",
    "ev.g7.2024.st_ministers_statement": "'Earlier this month' in a 2024 essay",
    "ev.g7.2024.secure_open_research_report": "'In February' in a 2024 essay",
    "ev.jp.2023.research_security_checklist_revision": "'revised last year' in a 2024 essay",
    "ev.jp.2021.economic_security_minister": "'recent efforts' of the Kishida cabinet, reported on 22 November 2021",
    "ev.jp.2021.economic_security_law_committee": "created by the Kishida cabinet, reported on 22 November 2021",
}

# The events issue 6 names, by the id chosen for each, with the date the seeds give.
NAMED_EVENTS = {
    "ev.jp.2019.semiconductor_export_controls": "2019",
    "ev.us.2018.ndaa": "2018",
    "ev.us.2018.ecra": "2018",
    "ev.us.2018.china_initiative": "2018",
    "ev.us.2022.china_initiative_end": "2022",
    "ev.au.2019.foreign_interference_guidelines": "2019",
    "ev.cn.2020.export_control_law": "2020-10",
    "ev.us.2021.nspm33": "2021-01",
    "ev.jp.2021.research_security_checklist": "2021-12",
    "ev.jp.2023.research_security_checklist_revision": "2023",
    "ev.us.2022.chips_and_science_act": "2022",
    "ev.kr.2023.global_rd_strategy_map": "2023-11",
    "ev.kr.2024.horizon_europe": "2024-03",
    "ev.us.2024.ostp_research_security_guidelines": "2024",
    "ev.g7.2024.st_ministers_statement": "2024",
    "ev.g7.2024.secure_open_research_report": "2024-02",
    "ev.us.2020.visa_restrictions_pla": "2020-05",
    "ev.us.2020.gao_university_export_controls": "2020-05",
    "ev.kr.2023.rd_budget_cut": "2023",
}


@pytest.fixture(scope="module")
def events() -> list[dict[str, str]]:
    assert EVENTS_CSV.is_file(), f"missing {EVENTS_CSV}"
    return load_rows(EVENTS_CSV)[1]


def date_problem(date: str, precision: str) -> str | None:
    """Why `date` is not a valid date of the form `precision` names, or None."""
    if precision not in DATE_FORMATS:
        return f"precision {precision!r}"
    if not re.fullmatch(DATE_SHAPES[precision], date):
        return f"date {date!r} is not of the form {precision}"
    try:
        datetime.strptime(date, DATE_FORMATS[precision])
    except ValueError:
        return f"date {date!r} does not parse"
    return None


def test_header_row_count_and_ids() -> None:
    check_shape(EVENTS_CSV, HEADER, ID_RE, 20)


def test_quotes_occur_verbatim_in_seeds(events: list[dict[str, str]]) -> None:
    check_quotes(events)


def test_dates_parse_and_year_is_in_quote(events: list[dict[str, str]]) -> None:
    problems = []
    for r in events:
        why = date_problem(r["date"], r["date_precision"])
        if why:
            problems.append(f"{r['id']}: {why}")
            continue
        year = r["date"][:4]
        if r["id"].split(".")[2] != year:
            problems.append(f"{r['id']}: id year differs from date {r['date']}")
        in_quote = re.search(rf"(?<!\d){year}(?!\d)", r["quote"]) is not None
        if r["id"] in YEAR_NOT_IN_QUOTE:
            if in_quote:
                problems.append(
                    f"{r['id']}: listed in YEAR_NOT_IN_QUOTE but its quote has {year}; drop it from the list"
                )
        elif not in_quote:
            problems.append(f"{r['id']}: year {year} not in quote")
    stale = sorted(set(YEAR_NOT_IN_QUOTE) - {r["id"] for r in events})
    if stale:
        problems.append(f"YEAR_NOT_IN_QUOTE names ids that are not rows: {stale}")
    assert not problems, "\n".join(problems)


def test_date_checker_rejects_bad_dates() -> None:
    assert date_problem("2021-01", "month") is None
    assert date_problem("2020-10-31", "day") is None
    assert date_problem("2021-13", "month")
    assert date_problem("2021-01", "year")
    assert date_problem("2021", "month")
    assert date_problem("2021-02-30", "day")
    assert date_problem("2021", "decade")


def test_kinds_jurisdictions_sources(events: list[dict[str, str]]) -> None:
    problems = []
    for r in events:
        if r["kind"] not in KINDS:
            problems.append(f"{r['id']}: kind {r['kind']!r}")
        if not JURISDICTION_RE.match(r["jurisdiction"]):
            problems.append(f"{r['id']}: jurisdiction {r['jurisdiction']!r}")
        elif r["id"].split(".")[1] != r["jurisdiction"].lower():
            problems.append(f"{r['id']}: id jurisdiction differs from {r['jurisdiction']!r}")
        expected = SOURCE_BY_PREFIX.get(r["seed_file"][:3])
        if expected is None or r["source_id"] != expected:
            problems.append(f"{r['id']}: source_id {r['source_id']!r} vs seed_file {r['seed_file']!r}")
        if not r["title"].strip() or not r["locator"].strip():
            problems.append(f"{r['id']}: empty title or locator")
    assert not problems, "\n".join(problems)


def test_named_events_present_with_their_dates(events: list[dict[str, str]]) -> None:
    by_id = {r["id"]: r for r in events}
    missing = sorted(set(NAMED_EVENTS) - set(by_id))
    assert not missing, f"events named in issue 6 missing: {missing}"
    wrong = [f"{i}: date {by_id[i]['date']} != {d}" for i, d in NAMED_EVENTS.items() if by_id[i]["date"] != d]
    assert not wrong, "\n".join(wrong)


def test_rows_sorted_by_date_then_id(events: list[dict[str, str]]) -> None:
    keys = [(r["date"], r["id"]) for r in events]
    out_of_order = [f"{a[1]} before {b[1]}" for a, b in zip(keys, keys[1:], strict=False) if a > b]
    assert not out_of_order, f"rows not sorted by date then id: {out_of_order}"
