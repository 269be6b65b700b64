"""OECD SDMX REST: each dataflow an edition's indicators draw on, as SDMX-CSV with labels,
which is the file the OECD Data Explorer publishes and the oecd adapter reads, byte for byte.

The key selects, dimension by dimension in the dataflow's order (data/indicators.yml,
`dataflows`), every REF_AREA and the values of the series the registry reads from the
dataflow, e.g. `.A.G._T._Z._T._Z._Z._Z.USD_PPP.V+Q` for GERD at current and constant prices."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from briefing.live.http import BadAnswer, Client
from briefing.live.request import LiveRequest
from briefing.sources.oecd import COLUMNS

PARAMS = {"dimensionAtObservation": "AllDimensions", "format": "csvfilewithlabels"}


def file_name(dataflow: str) -> str:
    """'OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv', as the Data Explorer names a download."""
    return f"{dataflow}.csv"


def data_url(request: LiveRequest, dataflow: str, key: str) -> str:
    return f"{request.settings.base_urls['oecd']}/data/{dataflow}/{key}"


def check_csv(body: str) -> str:
    """SDMX-CSV: the adapter's columns in the header and every row as wide as the header (a
    body cut off mid-row fails here and is asked again; one cut short of its Content-Length
    fails in the client). The Data Explorer's files end without a newline: not required."""
    if not body.strip():
        raise BadAnswer("empty answer", retry=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    missing = [c for c in COLUMNS if c not in rows[0]]
    if missing:
        raise BadAnswer(f"not SDMX-CSV with labels: header lacks {missing}")
    short = [n for n, row in enumerate(rows[1:], start=2) if len(row) != len(rows[0])]
    if short:
        raise BadAnswer(f"CSV row {short[0]} is narrower than the header; cut off?", retry=True)
    if len(rows) < 2:
        raise BadAnswer("SDMX-CSV with a header but no observations")
    return body


def first_requests(request: LiveRequest) -> list[tuple[str, dict[str, str]]]:
    return [(data_url(request, flow, key), dict(PARAMS)) for flow, key in request.indicators.oecd_queries]


def fetch(client: Client, request: LiveRequest, folder: Path) -> list[Path]:
    """One SDMX-CSV per dataflow of the edition's indicators."""
    files = []
    for flow, key in request.indicators.oecd_queries:
        body = client.get(data_url(request, flow, key), dict(PARAMS), check_csv)
        path = folder / file_name(flow)
        path.write_text(body, encoding="utf-8", newline="")
        files.append(path)
    return files
