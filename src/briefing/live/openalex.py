"""OpenAlex country pair counts by `group_by`, written as the pair CSV the adapter reads.

One query per field, country and year, as the mirror's table was built:
`filter=authorships.countries:XX,publication_year:Y,countries_distinct_count:>1[,<field>]
&group_by=authorships.countries`. The group of XX itself counts all of XX's
internationally co-authored works: it becomes the diagonal row. OpenAlex returns at
most 200 groups a page and pages further with cursor paging (groups then sorted by
key); about 220 countries co-author with a large country in a year, so most queries
take two pages."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.live.http import BadAnswer, Client, FetchError
from briefing.live.request import LiveRequest
from briefing.sources.openalex import NAMES_FILE

GROUPS_PER_PAGE = "200"  # documented maximum of groups in one group_by page
PAIRS_HEADER = ["field", "year", "country_a", "country_b", "works"]
Groups = dict[str, tuple[str, int]]  # country code -> (display name, works)


@dataclass(frozen=True, order=True)
class PairQuery:
    field: str
    year: int
    country: str


@dataclass(frozen=True)
class GroupPage:
    groups: list[tuple[str, str, int]]
    next_cursor: str | None


def works_url(request: LiveRequest) -> str:
    return request.settings.base_urls["openalex"] + "/works"


def private_params(request: LiveRequest) -> dict[str, str]:
    """Sent with every OpenAlex request, never logged: the API key and the contact e-mail."""
    return {"api_key": request.settings.openalex_key.get_secret_value(), "mailto": request.settings.contact_email}


def pair_queries(request: LiveRequest) -> list[PairQuery]:
    return sorted(PairQuery(field, year, country) for field in request.fields
                  for year in request.years for country in request.countries)


def query_params(request: LiveRequest, query: PairQuery, cursor: str) -> dict[str, str]:
    filters = [f"authorships.countries:{query.country}", f"publication_year:{query.year}",
               "countries_distinct_count:>1"]
    works_filter = request.fields[query.field].works_filter()
    if works_filter:
        filters.append(works_filter)
    return {"filter": ",".join(filters), "group_by": "authorships.countries", "per_page": GROUPS_PER_PAGE,
            "cursor": cursor}


def parse_json(body: str) -> object:
    try:
        return json.loads(body)
    except ValueError as exc:
        raise BadAnswer(f"answer is not complete JSON ({exc}); cut off?", retry=True) from None


def country_code(key: object) -> str:
    """A group key is the country's OpenAlex id (https://openalex.org/countries/JP) or its code."""
    code = str(key).rstrip("/").rsplit("/", 1)[-1].upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise BadAnswer(f"group key {key!r} is not a country (expected .../countries/XX)")
    return code


def parse_group_page(body: str) -> GroupPage:
    """One group_by page, checked against the documented schema: meta.next_cursor and
    group_by [{key, key_display_name, count}]."""
    data = parse_json(body)
    meta = data.get("meta") if isinstance(data, dict) else None
    if not isinstance(meta, dict) or "next_cursor" not in meta:
        raise BadAnswer("not an OpenAlex group_by answer with cursor paging (no meta.next_cursor)")
    groups = data.get("group_by")
    if not isinstance(groups, list):
        raise BadAnswer("not an OpenAlex group_by answer (no group_by list)")
    parsed = []
    for group in groups:
        count = group.get("count") if isinstance(group, dict) else None
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise BadAnswer(f"group {group!r} has no count >= 0")
        parsed.append((country_code(group.get("key")), str(group.get("key_display_name") or ""), count))
    return GroupPage(groups=parsed, next_cursor=meta["next_cursor"] or None)


def fetch_groups(client: Client, request: LiveRequest, query: PairQuery) -> Groups:
    """Every group of one query, paging with the cursor until it runs out."""
    groups: Groups = {}
    cursor: str | None = "*"
    while cursor:
        params = query_params(request, query, cursor)
        page = client.get(works_url(request), params, parse_group_page, private_params(request))
        groups.update({code: (name, count) for code, name, count in page.groups})
        if page.next_cursor == cursor:
            raise FetchError(works_url(request), f"cursor paging does not advance for {query} "
                                                 f"(next_cursor {cursor!r} again)")
        cursor = page.next_cursor if page.groups else None
    return groups


def pair_rows(results: dict[PairQuery, Groups]) -> list[tuple[str, int, str, str, int]]:
    """Rows (field, year, country_a, country_b, works), a <= b; the diagonal is a country's
    international total. A pair of two queried countries comes from the first one's query."""
    rows: dict[tuple[str, int, str, str], int] = {}
    for query in sorted(results):
        for partner, (_, works) in results[query].items():
            a, b = sorted((query.country, partner))
            rows.setdefault((query.field, query.year, a, b), works)
    return [(*key, works) for key, works in sorted(rows.items())]


def country_names(results: dict[PairQuery, Groups]) -> dict[str, str]:
    return dict(sorted({code: name for groups in results.values() for code, (name, _) in groups.items()}.items()))


def write_pairs(rows: list[tuple], path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(PAIRS_HEADER)
        writer.writerows(rows)
    return path


def write_names(names: dict[str, str], path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(["code", "name"])
        writer.writerows(names.items())
    return path


def first_requests(request: LiveRequest) -> list[tuple[str, dict[str, str]]]:
    """The first page of every query: the least this source costs."""
    return [(works_url(request), query_params(request, q, "*")) for q in pair_queries(request)]


def fetch(client: Client, request: LiveRequest, folder: Path) -> list[Path]:
    """Query every field, country and year; write the pair CSV and the code list into `folder`."""
    results = {query: fetch_groups(client, request, query) for query in pair_queries(request)}
    start, end = request.years[0], request.years[-1]
    return [write_pairs(pair_rows(results), folder / f"country_pairs_{start}_{end}.csv"),
            write_names(country_names(results), folder / NAMES_FILE)]
