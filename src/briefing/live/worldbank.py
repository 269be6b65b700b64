"""World Bank Indicators API v2 (JSON) for the WDI indicators an edition draws on (their
codes from data/indicators.yml), each written as the World Bank's bulk CSV of that indicator
(`API_<code>_DS2_api_v2.csv`, the layout the worldbank adapter reads).

An answer is `[{page, pages, per_page, total, lastupdated, ...}, [{indicator, country,
countryiso3code, date, value, ...}, ...]]`; all countries and years of an indicator
take a handful of pages of 1,000. The bulk CSV has the same countries, aggregates
included (the adapter drops those), so both give the same table."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from briefing.live.http import BadAnswer, Client, FetchError
from briefing.live.openalex import parse_json
from briefing.live.request import LiveRequest
from briefing.sources.worldbank import ID_COLUMNS

PER_PAGE = "1000"


def file_name(code: str) -> str:
    """The bulk file of one indicator, named as the World Bank names them."""
    return f"API_{code}_DS2_api_v2.csv"


@dataclass(frozen=True)
class Row:
    indicator: str
    indicator_name: str
    iso3: str
    country_name: str
    year: str
    value: float | None


@dataclass(frozen=True)
class WdiPage:
    pages: int
    total: int
    last_updated: str
    rows: list[Row]


def indicator_url(request: LiveRequest, indicator: str) -> str:
    return f"{request.settings.base_urls['worldbank']}/country/all/indicator/{indicator}"


def page_params(page: int) -> dict[str, str]:
    return {"format": "json", "per_page": PER_PAGE, "page": str(page)}


def parse_row(item: object) -> Row:
    try:
        value = item["value"]
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise TypeError(f"value {value!r}")
        row = Row(indicator=item["indicator"]["id"], indicator_name=item["indicator"]["value"],
                  iso3=item["countryiso3code"] or "", country_name=item["country"]["value"],
                  year=str(item["date"]), value=None if value is None else float(value))
    except (KeyError, TypeError) as exc:
        raise BadAnswer(f"observation does not follow the API v2 schema ({exc}): {str(item)[:200]}") from None
    if not row.year.isdigit():
        raise BadAnswer(f"date {row.year!r} is not a year")
    return row


def parse_page(body: str) -> WdiPage:
    data = parse_json(body)
    if isinstance(data, list) and data and isinstance(data[0], dict) and "message" in data[0]:
        raise BadAnswer(f"World Bank API error: {data[0]['message']}")
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], dict)):
        raise BadAnswer("not a World Bank API v2 answer ([meta, observations])")
    meta = data[0]
    try:
        pages, total = int(meta["pages"]), int(meta["total"])
    except (KeyError, TypeError, ValueError):
        raise BadAnswer(f"page metadata lacks pages/total: {meta}") from None
    return WdiPage(pages=pages, total=total, last_updated=str(meta.get("lastupdated", "")),
                   rows=[parse_row(item) for item in data[1] or []])


def fetch_indicator(client: Client, request: LiveRequest, indicator: str) -> tuple[list[Row], str]:
    url = indicator_url(request, indicator)
    first = client.get(url, page_params(1), parse_page)
    rows = list(first.rows)
    for page in range(2, first.pages + 1):
        rows.extend(client.get(url, page_params(page), parse_page).rows)
    if len(rows) != first.total:
        raise FetchError(url, f"the API announced {first.total} observations and sent {len(rows)}")
    return rows, first.last_updated


def write_bulk_csv(rows: list[Row], last_updated: str, path: Path) -> Path:
    """The WDI bulk layout: a preamble, then one wide row per country and indicator."""
    # WDI API 2026: a few aggregates have an empty countryiso3code; no bulk-file row matches them.
    rows = [r for r in rows if r.iso3]
    years = sorted({r.year for r in rows}, key=int)
    series: dict[tuple[str, str], dict] = {}
    for r in rows:
        entry = series.setdefault((r.iso3, r.indicator), {"names": (r.country_name, r.indicator_name), "values": {}})
        entry["values"][r.year] = "" if r.value is None else repr(r.value)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(f'"Data Source","World Development Indicators",\n\n"Last Updated Date","{last_updated}",\n\n')
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(ID_COLUMNS + years)
        for (iso3, indicator), entry in sorted(series.items()):
            country_name, indicator_name = entry["names"]
            writer.writerow([country_name, iso3, indicator_name, indicator]
                            + [entry["values"].get(y, "") for y in years])
    return path


def first_requests(request: LiveRequest) -> list[tuple[str, dict[str, str]]]:
    return [(indicator_url(request, code), page_params(1)) for code in request.indicators.wdi_codes]


def fetch(client: Client, request: LiveRequest, folder: Path) -> list[Path]:
    """One bulk CSV per WDI code of the edition's indicators."""
    files = []
    for code in request.indicators.wdi_codes:
        rows, last_updated = fetch_indicator(client, request, code)
        files.append(write_bulk_csv(rows, last_updated, folder / file_name(code)))
    return files
