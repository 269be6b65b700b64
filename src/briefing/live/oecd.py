"""OECD SDMX REST: the GERD dataflow as SDMX-CSV with labels, which is the file the
OECD Data Explorer publishes and the oecd adapter reads, byte for byte.

The key selects the slice the adapter expects, by dimension in the dataflow's order:
REF_AREA (all), FREQ A, MEASURE G (GERD), SECT_PERF _T, SECT_FUND _Z, TYPE_COST _T,
TYPE_RD _Z, FORD _Z, SEO _Z, UNIT_MEASURE USD_PPP, PRICE_BASE V+Q (current and
constant prices)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from briefing.live.http import BadAnswer, Client
from briefing.live.request import LiveRequest
from briefing.sources.oecd import COLUMNS

DATAFLOW = "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0"
KEY = ".A.G._T._Z._T._Z._Z._Z.USD_PPP.V+Q"
PARAMS = {"dimensionAtObservation": "AllDimensions", "format": "csvfilewithlabels"}
FILE_NAME = f"{DATAFLOW}.csv"


def data_url(request: LiveRequest) -> str:
    return f"{request.settings.base_urls['oecd']}/data/{DATAFLOW}/{KEY}"


def check_csv(body: str) -> str:
    """SDMX-CSV: the adapter's columns in the header and every row as wide as the header (a
    body cut off mid-row fails here and is asked again; one cut short of its Content-Length
    fails in the client). The Data Explorer's files end without a newline: not required."""
    if not body.strip():
        raise BadAnswer("empty answer", retry=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    missing = [c for c in COLUMNS if c not in rows[0]]
    if missing:
        raise BadAnswer(f"not SDMX-CSV of this dataflow: header lacks {missing}")
    short = [n for n, row in enumerate(rows[1:], start=2) if len(row) != len(rows[0])]
    if short:
        raise BadAnswer(f"CSV row {short[0]} is narrower than the header; cut off?", retry=True)
    if len(rows) < 2:
        raise BadAnswer("SDMX-CSV with a header but no observations")
    return body


def first_requests(request: LiveRequest) -> list[tuple[str, dict[str, str]]]:
    return [(data_url(request), dict(PARAMS))]


def fetch(client: Client, request: LiveRequest, folder: Path) -> list[Path]:
    body = client.get(data_url(request), dict(PARAMS), check_csv)
    path = folder / FILE_NAME
    path.write_text(body, encoding="utf-8", newline="")
    return [path]
