"""Real HTTP servers on loopback that answer like OpenAlex, the World Bank Indicators
API v2 and the OECD SDMX REST API, following each one's documented schema, with
answers built from the source mirror's files, and faults injected on demand.

- OpenAlex `/works?filter=authorships.countries:XX,publication_year:Y,...&group_by=
  authorships.countries&cursor=...`: meta {count, per_page, next_cursor, groups_count},
  group_by [{key, key_display_name, count}] from the mirror's pair table (the diagonal
  is the country's own group), at most 200 groups a page, sorted by key, cursor paging.
- OpenAlex `/works?filter=publication_year:A-B,...&select=...&cursor=...`: synthetic
  works, `select` applied, cursor paging.
- World Bank `/country/all/indicator/<code>?format=json&per_page=&page=`: [meta, rows]
  from the mirror's WDI bulk CSV of that code (any `API_<code>_DS2_*.csv` in worldbank/);
  an unknown code gets the API's "Invalid value" message.
- OECD `/data/<flow>/<key>?format=csvfilewithlabels`: the rows of the mirror's SDMX-CSV of
  that dataflow (any `<flow>*.csv` in oecd/) whose dimensions match the key (values joined
  by +, empty for all, in the order of the file's header), lines as in the file; a key
  matching nothing gets 404 NoRecordsFound, as the OECD answers.

Each server counts every request (path, query, arrival time), so tests can prove how
many calls a run made and how long it waited."""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import socket
import struct
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pycountry

WDI_FILE = "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv"
OECD_FILE = "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv"
OECD_KEY = ".A.G._T._Z._T._Z._Z._Z.USD_PPP.V+Q"
MAX_GROUPS = 200
FIELD_DIVISOR = 7  # a field filter keeps 1/7 of the works, so field counts differ from all-field ones


@dataclass
class Seen:
    path: str
    query: dict[str, str]
    at: float


@dataclass
class Fault:
    match: str
    kind: str  # 429, 500, 404, reset, truncate (short of Content-Length), cut (short body, honest length), slow
    times: int
    value: float = 0.0


@dataclass
class MirrorData:
    groups: dict[tuple[int, str], dict[str, int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    wdi_rows: list[dict] = field(default_factory=list)
    wdi_updated: dict[str, str] = field(default_factory=dict)  # by indicator code
    oecd_files: dict[str, bytes] = field(default_factory=dict)  # by dataflow (agency,id,version)


def load_mirror(mirror: Path) -> MirrorData:
    data = MirrorData()
    groups: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    with open(mirror / "openalex" / "country_pairs_1990_2023.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            year, a, b, works = int(row["year"]), row["country_a"], row["country_b"], int(row["works"])
            groups[(year, a)][b] = works
            groups[(year, b)][a] = works
    data.groups = dict(groups)
    with open(mirror / "openalex" / "iso2_country_names.csv", encoding="utf-8") as handle:
        data.names = {r["code"]: r["name"] for r in csv.DictReader(handle, delimiter=";")}
    for path in sorted((mirror / "worldbank").glob("API_*_DS2_*.csv")):
        rows, updated = wdi_observations(path)
        data.wdi_rows.extend(rows)
        data.wdi_updated[rows[0]["indicator"]["id"]] = updated
    for path in sorted((mirror / "oecd").glob("*.csv")):
        data.oecd_files[path.name.split("+")[0].removesuffix(".csv")] = path.read_bytes()
    return data


def wdi_observations(path: Path) -> tuple[list[dict], str]:
    """The bulk CSV as API v2 observations: one per country and year, newest year first."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    updated = next(line.split(",")[1].strip('"') for line in lines if line.startswith('"Last Updated Date"'))
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[4:]))))
    years = sorted((c for c in rows[0] if c and c.isdigit()), reverse=True)
    observations = []
    for row in rows:
        found = pycountry.countries.get(alpha_3=row["Country Code"])
        for year in years:
            observations.append({
                "indicator": {"id": row["Indicator Code"], "value": row["Indicator Name"]},
                "country": {"id": found.alpha_2 if found else row["Country Code"][:2], "value": row["Country Name"]},
                "countryiso3code": row["Country Code"], "date": year,
                "value": float(row[year]) if row[year] else None, "unit": "", "obs_status": "", "decimal": 1})
    return observations, updated


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode()


def decode_cursor(cursor: str) -> int:
    return 0 if cursor == "*" else json.loads(base64.urlsafe_b64decode(cursor.encode()))["offset"]


def parse_filter(text: str) -> dict[str, str]:
    return dict(part.split(":", 1) for part in text.split(",") if part)


def synthetic_work(number: int, years: tuple[int, int]) -> dict:
    year = years[0] + number % (years[1] - years[0] + 1)
    countries = ["JP", "KR"] if number % 3 else ["JP", "US", "CN"]
    return {
        "id": f"https://openalex.org/W{4000000000 + number}", "doi": f"https://doi.org/10.5555/fake.{number}",
        "title": f"Synthetic work {number}", "publication_year": year, "type": "article",
        "countries_distinct_count": len(countries),
        "authorships": [{"author_position": "first" if i == 0 else "middle",
                         "author": {"id": f"https://openalex.org/A{number}{i}", "display_name": f"Author {i}"},
                         "countries": [code], "is_corresponding": i == 0,
                         "institutions": [{"id": f"https://openalex.org/I{i}", "country_code": code}]}
                        for i, code in enumerate(countries)],
        "primary_topic": {"id": "https://openalex.org/T10682", "display_name": "Quantum Computing Algorithms and "
                                                                              "Architecture"},
        "corresponding_institution_ids": ["https://openalex.org/I0"], "updated_date": "2026-11-01T00:00:00",
        "abstract_inverted_index": {"synthetic": [0]}, "referenced_works": [], "cited_by_count": number % 17,
    }


class FakeApis:
    """The three APIs on one loopback server, under /openalex, /worldbank and /oecd."""

    def __init__(self, data: MirrorData, works: int = 250):
        self.data = data
        self.works = works
        self.requests: list[Seen] = []
        self.faults: list[Fault] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(self))
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # clients hanging up on faults
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeApis:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def env(self) -> dict[str, str]:
        return {"BRIEFING_OPENALEX_URL": f"{self.base}/openalex", "BRIEFING_WORLDBANK_URL": f"{self.base}/worldbank",
                "BRIEFING_OECD_URL": f"{self.base}/oecd"}

    def inject(self, match: str, kind: str, times: int = 1, value: float = 0.0) -> None:
        with self.lock:
            self.faults.append(Fault(match, kind, times, value))

    def take_fault(self, target: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.times and fault.match in target:
                    fault.times -= 1
                    return fault
        return None

    def seen(self, match: str = "") -> list[Seen]:
        with self.lock:
            return [s for s in self.requests if match in s.path + "?" + "&".join(f"{k}={v}" for k, v in s.query.items())]


def handler_for(fake: FakeApis) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            with fake.lock:
                fake.requests.append(Seen(parts.path, query, time.monotonic()))
            status, body, ctype, headers = route(fake, unquote(parts.path), query)
            fault = fake.take_fault(unquote(self.path))
            if fault is not None and self.apply(fault, body, ctype):
                return
            self.send(status, body, ctype, headers)

        def send(self, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def reset(self) -> None:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

        def apply(self, fault: Fault, body: bytes, ctype: str) -> bool:
            """Serve the fault; True when nothing more is to be sent."""
            if fault.kind == "slow":
                time.sleep(fault.value)
                return False
            if fault.kind == "reset":
                self.reset()
            elif fault.kind == "truncate":
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.reset()
            elif fault.kind == "cut":
                self.send(200, body[: len(body) // 2], ctype)
            elif fault.kind == "429":
                self.send(429, b'{"error": "Rate limit exceeded"}', "application/json",
                          {"Retry-After": str(int(fault.value))})
            else:
                self.send(int(fault.kind), f"fault {fault.kind}".encode(), "text/plain")
            return True

    return Handler


def as_json(status: int, data: object) -> tuple[int, bytes, str, dict]:
    return status, json.dumps(data).encode(), "application/json; charset=utf-8", {}


def route(fake: FakeApis, path: str, query: dict[str, str]) -> tuple[int, bytes, str, dict]:
    if path == "/openalex/works":
        return openalex_groups(fake, query) if "group_by" in query else openalex_works(fake, query)
    if path.startswith("/worldbank/country/all/indicator/"):
        return worldbank_page(fake, path.rsplit("/", 1)[-1], query)
    if path.startswith("/oecd/data/"):
        return oecd_data(fake, path, query)
    return as_json(404, {"error": f"no route {path}"})


def openalex_groups(fake: FakeApis, query: dict[str, str]) -> tuple[int, bytes, str, dict]:
    filters = parse_filter(query.get("filter", ""))
    per_page = int(query.get("per_page", "25"))
    if not 1 <= per_page <= MAX_GROUPS or query["group_by"] != "authorships.countries":
        return as_json(400, {"error": "Invalid query", "message": "per_page is 1-200 for group_by"})
    if filters.get("countries_distinct_count") != ">1" or "cursor" not in query:
        return as_json(400, {"error": "this fake serves international pair counts with cursor paging only"})
    country, year = filters["authorships.countries"], int(filters["publication_year"])
    divisor = FIELD_DIVISOR if set(filters) - {"authorships.countries", "publication_year",
                                               "countries_distinct_count"} else 1
    counts = {k: v // divisor for k, v in fake.data.groups.get((year, country), {}).items() if v // divisor}
    keys = sorted(counts)  # cursor paging sorts groups by key
    offset = decode_cursor(query["cursor"])
    page = keys[offset: offset + per_page]
    groups = [{"key": f"https://openalex.org/countries/{k}", "key_display_name": fake.data.names.get(k, k),
               "count": counts[k]} for k in page]
    meta = {"count": counts.get(country, 0), "db_response_time_ms": 3, "page": None, "per_page": per_page,
            "next_cursor": encode_cursor(offset + per_page) if page else None, "groups_count": len(page)}
    return as_json(200, {"meta": meta, "results": [], "group_by": groups})


def openalex_works(fake: FakeApis, query: dict[str, str]) -> tuple[int, bytes, str, dict]:
    filters = parse_filter(query.get("filter", ""))
    per_page = int(query.get("per_page", "25"))
    if not 1 <= per_page <= 200 or "cursor" not in query or "publication_year" not in filters:
        return as_json(400, {"error": "Invalid query", "message": "per_page 1-200, cursor and a year range"})
    first, _, last = filters["publication_year"].partition("-")
    years = (int(first), int(last or first))
    selected = query.get("select", "").split(",") if query.get("select") else None
    offset = decode_cursor(query["cursor"])
    numbers = range(offset, min(offset + per_page, fake.works))
    results = [synthetic_work(n, years) for n in numbers]
    if selected:
        results = [{k: w[k] for k in selected if k in w} for w in results]
    meta = {"count": fake.works, "db_response_time_ms": 3, "page": None, "per_page": per_page,
            "next_cursor": encode_cursor(offset + per_page) if results else None, "groups_count": None}
    return as_json(200, {"meta": meta, "results": results, "group_by": []})


def worldbank_page(fake: FakeApis, indicator: str, query: dict[str, str]) -> tuple[int, bytes, str, dict]:
    if query.get("format") != "json":
        return 400, b"<wb:error>format=json only in this fake</wb:error>", "text/xml", {}
    rows = [r for r in fake.data.wdi_rows if r["indicator"]["id"] == indicator]
    if not rows:
        return as_json(200, [{"message": [{"id": "120", "key": "Invalid value",
                                           "value": "The provided parameter value is not valid"}]}])
    per_page, page = int(query.get("per_page", "50")), int(query.get("page", "1"))
    pages = math.ceil(len(rows) / per_page)
    meta = {"page": page, "pages": pages, "per_page": per_page, "total": len(rows), "sourceid": "2",
            "sourcename": "World Development Indicators", "lastupdated": fake.data.wdi_updated[indicator]}
    return as_json(200, [meta, rows[(page - 1) * per_page: page * per_page] or None])


def sdmx_select(body: bytes, key: str) -> bytes | None:
    """The header and the rows of an SDMX-CSV whose dimensions match `key`, lines unchanged;
    None when the key has the wrong number of dimensions."""
    text = body.decode("utf-8-sig")
    lines = text.split("\n")
    header = next(csv.reader([lines[0]]))
    end = header.index("TIME_PERIOD")
    dims = [(i, c) for i, c in enumerate(header[:end]) if c == c.upper() and i >= header.index("REF_AREA")]
    parts = key.split(".")
    if len(parts) != len(dims):
        return None
    wanted = [(i, set(p.split("+"))) for (i, _), p in zip(dims, parts, strict=True) if p]
    kept = [line for line in lines[1:] if line.strip()
            and all(row[i] in values for row in [next(csv.reader([line]))] for i, values in wanted)]
    if not kept:
        return b""
    ending = "\n" if text.endswith("\n") else ""
    return ("\n".join([lines[0], *kept]) + ending).encode("utf-8")


def oecd_data(fake: FakeApis, path: str, query: dict[str, str]) -> tuple[int, bytes, str, dict]:
    flow, _, key = path.removeprefix("/oecd/data/").partition("/")
    if flow not in fake.data.oecd_files or query.get("format") != "csvfilewithlabels":
        return 404, f"Could not find Dataflow and/or DSD related with this data request: {flow}".encode(), \
            "text/plain", {}
    body = sdmx_select(fake.data.oecd_files[flow], key)
    if body is None:
        return 400, b"Semantic Error - the key has the wrong number of dimensions", "text/plain", {}
    if not body:
        return 404, b"NoRecordsFound", "text/plain", {}
    return 200, body, "application/vnd.sdmx.data+csv; charset=utf-8", {}
