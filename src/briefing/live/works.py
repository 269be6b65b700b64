"""Record-level OpenAlex works for the scale engine: `--records --field F --years A-B`.

Cursor paging through `/works` with `select` (only the fields the engine reads),
written as gzipped JSON lines, one Work object a line, as in the OpenAlex snapshot's
`works/.../part_NNN.gz` files. The gzip header carries no time or name, so the same
works give the same bytes and the same snapshot id."""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import InputError
from briefing.live.http import BadAnswer, Client, FetchError
from briefing.live.openalex import parse_json, private_params
from briefing.live.request import LiveRequest
from briefing.live.retry import BudgetExhausted
from briefing.sources.fields import FieldDef

# Work fields the record-level engine reads (work_countries: work id, year, country,
# corresponding author), plus what identifies and classifies a work.
SELECT = ("id,doi,title,publication_year,type,countries_distinct_count,authorships,primary_topic,"
          "corresponding_institution_ids,updated_date")
PER_PAGE = 100  # cursor paging: 1-100 results a page in the current API reference


@dataclass(frozen=True)
class WorksPage:
    count: int
    next_cursor: str | None
    results: list[dict]


def works_params(field: FieldDef, years: tuple[int, int], cursor: str) -> dict[str, str]:
    filters = [f"publication_year:{years[0]}-{years[1]}"]
    if field.works_filter():
        filters.append(field.works_filter())
    return {"filter": ",".join(filters), "select": SELECT, "per_page": str(PER_PAGE), "cursor": cursor}


def check_work(work: object) -> dict:
    if not isinstance(work, dict) or not str(work.get("id", "")).startswith("https://openalex.org/W"):
        raise BadAnswer(f"result is not a work with an OpenAlex W id: {str(work)[:200]}")
    if not isinstance(work.get("publication_year"), int) or not isinstance(work.get("authorships"), list):
        raise BadAnswer(f"work {work['id']} lacks publication_year or authorships (select ignored?)")
    return work


def parse_works_page(body: str) -> WorksPage:
    data = parse_json(body)
    meta = data.get("meta") if isinstance(data, dict) else None
    if not isinstance(meta, dict) or not isinstance(meta.get("count"), int) or "next_cursor" not in meta:
        raise BadAnswer("not an OpenAlex list answer with cursor paging (meta.count, meta.next_cursor)")
    if not isinstance(data.get("results"), list):
        raise BadAnswer("not an OpenAlex list answer (no results list)")
    return WorksPage(count=meta["count"], next_cursor=meta["next_cursor"] or None,
                     results=[check_work(w) for w in data["results"]])


def check_affordable(client: Client, url: str, count: int, next_params: dict[str, str]) -> None:
    """Stop after the first page, before exceeding the budget, when the rest cannot be afforded."""
    pages_left = math.ceil(count / PER_PAGE) - 1
    if pages_left > client.budget.remaining() and not client.is_cached(url, next_params):
        raise BudgetExhausted(url, f"{count} works take {pages_left + 1} pages of {PER_PAGE}; the call budget "
                                   f"leaves {client.budget.remaining()} requests. Raise --budget or narrow "
                                   "--field/--years; no snapshot written")


def write_works(client: Client, request: LiveRequest, field: FieldDef, years: tuple[int, int],
                path: Path) -> int:
    """Page through the works into `path` (JSON lines, gzip); returns the announced count."""
    url = request.settings.base_urls["openalex"] + "/works"
    cursor, written, count = "*", 0, None
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
        while cursor:
            page = client.get(url, works_params(field, years, cursor), parse_works_page, private_params(request))
            if count is None:
                count = page.count
                if page.next_cursor:
                    check_affordable(client, url, count, works_params(field, years, page.next_cursor))
            for work in page.results:
                out.write((json.dumps(work, ensure_ascii=False, separators=(",", ":")) + "\n").encode())
            written += len(page.results)
            cursor = page.next_cursor if page.results else None
    if written != count:
        raise FetchError(url, f"meta.count announced {count} works, cursor paging gave {written} "
                              "(the index changed while paging? rerun with --refresh)")
    return written


def check_records(path: Path, years: tuple[int, int]) -> int:
    """Every line a Work of the asked years; returns the number of works."""
    works = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for works, line in enumerate(handle, start=1):
            year = json.loads(line)["publication_year"]
            if not years[0] <= year <= years[1]:
                raise InputError(f"{path.name}, line {works}", f"publication_year {year} outside {years[0]}-{years[1]}")
    return works


def records_file(field_name: str, years: tuple[int, int], folder: Path) -> Path:
    return folder / f"works_{field_name}_{years[0]}_{years[1]}.jsonl.gz"
