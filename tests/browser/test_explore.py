"""The explorer (explore.html) of the default edition's published version, served on 127.0.0.1
by a server that gzips every answer (tests/browser/gzip_server.py), in Chromium:

- for pairs, countries and a region outside the edition (South Korea–Vietnam, Namibia–South
  Africa, Germany with China, Brazil with Argentina, Europe's pairs in 2022) its tables equal the
  mirror's pair table, computed here with pandas from the source CSV;
- every pair.works, pair.rank, share.intl_pct, exposure.share_pct, exposure.peak_year,
  poles.pair_works and partnership.region_pairs_ranked finding equals what it shows, the page
  driven through its URL fragment;
- nothing is asked of anything but the loopback server, no console error, and what the first
  load transfers (gzip on the wire, and uncompressed too) is within 12 MB;
- it is usable with the keyboard alone and at 390 px (no sideways scroll), and axe-core finds
  no serious or critical violation in any view;
- from a file share it says so in one line and links the briefing's pages;
- every page's header links to it, and each chapter figure's link opens it on that figure's pair;
- its data files are listed with their sha256 in the manifest; the shared script is stored once
  for the site, named by its content."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.browser.gzip_server import serve_gzip
from tests.browser.pages import AXE, AXE_RUN, LOCAL_SCHEMES, save_screenshot, screenshot_name

pytestmark = pytest.mark.slow
BUDGET = 12_000_000  # bytes a first load may transfer
VERSION = "2025/v1"
READY = "() => document.documentElement.dataset.explorer === 'ready'"
SHOWN = "state => document.getElementById('explore-result').dataset.state === state"
TABLE = """id => {
  const table = document.getElementById(id);
  if (!table) return null;
  const columns = Array.from(table.querySelectorAll('thead th')).map(th => th.dataset.column);
  return Array.from(table.querySelectorAll('tbody tr')).map(tr => Object.fromEntries(
    Array.from(tr.cells).map((td, i) => [columns[i], {value: td.dataset.value, text: td.textContent}])));
}"""
BLOCKING = {"serious", "critical"}


class Explorer:
    """One page of the explorer, kept open while the fragment changes; everything it said and asked for."""

    def __init__(self, browser, base: str, width: int = 1280, fragment: str = ""):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.base, self.console, self.errors, self.requests, self.blocked = base, [], [], [], []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(f"{base}/{VERSION}/explore.html{fragment}", wait_until="load")
        self.page.wait_for_function(READY, timeout=30_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def show(self, state: str) -> None:
        """Put `state` in the fragment and wait until the page shows it."""
        self.page.evaluate("state => { location.hash = state; }", "#" + state)
        self.page.wait_for_function(SHOWN, arg="#" + state, timeout=10_000)

    def table(self, table_id: str) -> list[dict[str, dict]]:
        rows = self.page.evaluate(TABLE, table_id)
        assert rows is not None, f"no table #{table_id} on the page"
        return rows

    def close(self) -> None:
        self.context.close()


# The mirror's pair table, read here on its own terms (data/README.md of the mirror).
@pytest.fixture(scope="module")
def mirror_pairs(mirror) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = pd.read_csv(mirror / "openalex" / "country_pairs_1990_2023.csv", keep_default_na=False,
                      dtype={"country_a": str, "country_b": str})
    diagonal = raw["country_a"] == raw["country_b"]
    totals = raw[diagonal].rename(columns={"country_a": "country", "works": "international"})[
        ["year", "country", "international"]]
    return raw[~diagonal], totals


def mirror_pair(pairs: pd.DataFrame, a: str, b: str) -> dict[int, int]:
    lo, hi = sorted((a, b))
    rows = pairs[(pairs["country_a"] == lo) & (pairs["country_b"] == hi)]
    return dict(zip(rows["year"].astype(int), rows["works"].astype(int), strict=True))


def mirror_share(tables, country: str, partner: str) -> dict[int, tuple[int, int, float]]:
    pairs, totals = tables
    works = mirror_pair(pairs, country, partner)
    own = dict(zip(totals.loc[totals["country"] == country, "year"], totals.loc[totals["country"] == country,
                                                                                "international"], strict=True))
    return {year: (n, own[year], 100 * n / own[year]) for year, n in works.items()}


@pytest.fixture(scope="module")
def served(default_build):
    with serve_gzip(default_build.site) as served:
        yield served


@pytest.fixture(scope="module")
def explorer(browser, served):
    page = Explorer(browser, served.url)
    yield page
    page.close()


@pytest.fixture(scope="module")
def version(default_build) -> Path:
    return default_build.site / VERSION


@pytest.fixture(scope="module")
def findings(version) -> list[dict]:
    return json.loads((version / "findings.json").read_text(encoding="utf-8"))["findings"]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def edition_region(version) -> tuple[str, list[str]]:
    params = json.loads((version / "manifest.json").read_text(encoding="utf-8"))["parameters"]
    return slug(params["region"]["name"]), params["region"]["countries"]


def as_int(cell: dict) -> int:
    return int(cell["value"])


# ---- Outside the edition: the mirror's numbers -------------------------------------------------

@pytest.mark.parametrize("pair", ["KR-VN", "NA-ZA", "VN-KR"])
def test_a_pair_outside_the_edition_equals_the_mirror(explorer, mirror_pairs, pair):
    explorer.show(f"pair={pair}")
    rows = explorer.table("explore-pair")
    expected = mirror_pair(mirror_pairs[0], *pair.split("-"))
    assert len(expected) > 10
    assert {as_int(r["year"]): as_int(r["works"]) for r in rows} == expected
    assert [as_int(r["year"]) for r in rows] == sorted(expected)
    assert all(r["works"]["text"] == f"{as_int(r['works']):,}" for r in rows)


@pytest.mark.parametrize(("country", "partner"), [("DE", "CN"), ("BR", "AR"), ("VN", "KR")])
def test_a_country_and_partner_outside_the_edition_equal_the_mirror(explorer, mirror_pairs, country, partner):
    explorer.show(f"country={country}&partner={partner}")
    rows = explorer.table("explore-share")
    expected = mirror_share(mirror_pairs, country, partner)
    assert len(rows) == len(expected) > 10
    for row in rows:
        works, international, share = expected[as_int(row["year"])]
        assert (as_int(row["works"]), as_int(row["works_international"])) == (works, international)
        assert float(row["share_pct"]["value"]) == pytest.approx(share, rel=1e-12)
        assert row["share_pct"]["text"] == f"{share:.1f}"


def mirror_ranking(pairs: pd.DataFrame, codes: list[str], year: int) -> list[tuple[int, str, int]]:
    inside = pairs[pairs["country_a"].isin(codes) & pairs["country_b"].isin(codes) & (pairs["year"] == year)]
    ordered = inside.sort_values(["works", "country_a", "country_b"], ascending=[False, True, True])
    ranks = ordered["works"].rank(method="min", ascending=False).astype(int)
    return list(zip(ranks, ordered["country_a"] + "-" + ordered["country_b"], ordered["works"].astype(int), strict=True))


def named_region(key: str) -> list[str]:
    """A region of data/regions.yml, every value read as text (NO is Norway)."""
    text = (Path(__file__).resolve().parents[2] / "data" / "regions.yml").read_text(encoding="utf-8")
    return list(yaml.load(text, Loader=yaml.BaseLoader)["regions"][key]["countries"])


@pytest.mark.parametrize(("region", "year", "pair"), [("europe", 2022, "DE-FR"), ("south-asia", 2010, "IN-PK")])
def test_a_named_region_ranked_equals_the_mirror(explorer, mirror_pairs, region, year, pair):
    explorer.show(f"region={region}&year={year}&pair={pair}")
    rows = explorer.table("explore-region")
    expected = mirror_ranking(mirror_pairs[0], named_region(region), year)
    assert len(expected) >= 10
    assert [(as_int(r["rank"]), r["pair"]["value"], as_int(r["works"])) for r in rows] == expected
    chosen = explorer.page.eval_on_selector_all("#explore-region tr.is-chosen td", "tds => tds.map(t => t.dataset.value)")
    assert chosen and chosen[1] == pair
    rank = next(r for r, p, _ in expected if p == pair)
    assert f" ranks {ordinal(rank)} of {len(expected):,} pairs " in explorer.page.inner_text("#explore-summary")


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# ---- The edition's findings ---------------------------------------------------------------------

def by_prefix(findings: list[dict], *prefixes: str) -> list[dict]:
    return [f for f in findings if f["id"].startswith(prefixes)]


def pair_and_year(finding_id: str) -> tuple[str, int]:
    """The pair and year of an id ending <A-B>.<year>, whatever stands before them."""
    *_, pair, year = finding_id.split(".")
    return pair, int(year)


def test_every_pair_works_finding_equals_the_explorer(explorer, findings, version):
    """pair.works.<A-B>.<year>, and the poles' own pair, poles.pair_works[.<A-B>].<year> (the poles of
    the parameters where the id does not name them yet)."""
    poles = "-".join(json.loads((version / "manifest.json").read_text(encoding="utf-8"))["parameters"]["poles"])
    chosen = {}
    for finding in by_prefix(findings, "pair.works.", "poles.pair_works."):
        pair, year = pair_and_year(finding["id"])
        chosen[finding["id"]] = (pair if re.fullmatch(r"[A-Z]{2}-[A-Z]{2}", pair) else poles, year, finding["value"])
    assert len(chosen) >= 40 and any(pair == poles for pair, _, _ in chosen.values())
    for pair in sorted({pair for pair, _, _ in chosen.values()}):
        explorer.show(f"pair={pair}")
        shown = {as_int(r["year"]): as_int(r["works"]) for r in explorer.table("explore-pair")}
        for finding_id, (_, year, value) in ((i, c) for i, c in chosen.items() if c[0] == pair):
            assert shown[year] == value, finding_id


def test_every_pair_rank_finding_equals_the_explorer(explorer, findings, edition_region):
    region, _ = edition_region
    ranks = by_prefix(findings, "pair.rank.")
    counts = {int(f["id"].rsplit(".", 1)[1]): f["value"] for f in by_prefix(findings, "partnership.region_pairs_ranked.")}
    assert len(ranks) >= 50 and counts
    for year in sorted({pair_and_year(f["id"])[1] for f in ranks}):
        explorer.show(f"region={region}&year={year}&pair=JP-KR")
        shown = {r["pair"]["value"]: as_int(r["rank"]) for r in explorer.table("explore-region")}
        for finding in (f for f in ranks if pair_and_year(f["id"])[1] == year):
            pair = pair_and_year(finding["id"])[0]
            assert shown[pair] == finding["value"], finding["id"]
        if year in counts:
            assert len(shown) == counts[year], year


def country_partner_year(finding_id: str) -> tuple[str, str, int]:
    *_, country, partner, year = finding_id.split(".")
    return country, partner, int(year)


def test_every_share_and_exposure_finding_equals_the_explorer(explorer, findings):
    chosen = by_prefix(findings, "share.intl_pct.", "exposure.share_pct.")
    assert len(chosen) >= 200
    for country, partner in sorted({country_partner_year(f["id"])[:2] for f in chosen}):
        explorer.show(f"country={country}&partner={partner}")
        shown = {as_int(r["year"]): float(r["share_pct"]["value"]) for r in explorer.table("explore-share")}
        for finding in (f for f in chosen if country_partner_year(f["id"])[:2] == (country, partner)):
            year = country_partner_year(finding["id"])[2]
            assert shown[year] == pytest.approx(finding["value"], abs=1e-8), finding["id"]


def test_every_ncses_exposure_finding_equals_the_explorer_on_that_source(explorer, findings):
    """The second source the version holds (NCSES, Scopus-based) is there to set beside the first:
    exposure.ncses_share_pct.<country>.<pole>.<year> is its share, chosen with &source=ncses."""
    chosen = by_prefix(findings, "exposure.ncses_share_pct.")
    assert len(chosen) >= 20
    for country, partner in sorted({country_partner_year(f["id"])[:2] for f in chosen}):
        explorer.show(f"country={country}&partner={partner}&source=ncses")
        shown = {as_int(r["year"]): float(r["share_pct"]["value"]) for r in explorer.table("explore-share")}
        for finding in (f for f in chosen if country_partner_year(f["id"])[:2] == (country, partner)):
            assert shown[country_partner_year(finding["id"])[2]] == pytest.approx(finding["value"], abs=1e-8), finding["id"]
    assert explorer.page.inner_text("#explore-caption").endswith("Source: NCSES SEI; counting: whole counts "
                                                                 "(each collaborating country credited once).")


def test_every_peak_year_finding_equals_the_explorer(explorer, findings, version):
    window = json.loads((version / "manifest.json").read_text(encoding="utf-8"))["parameters"]["window"]
    peaks = by_prefix(findings, "exposure.peak_year.")
    assert peaks
    for finding in peaks:
        parts = finding["id"].split(".")
        country, partner = parts[2], parts[3]
        span = next((p for p in parts[4:] if re.fullmatch(r"\d{4}-\d{4}", p)), f"{window['start']}-{window['end']}")
        start, end = (int(y) for y in span.split("-"))
        explorer.show(f"country={country}&partner={partner}")
        shown = {as_int(r["year"]): float(r["share_pct"]["value"]) for r in explorer.table("explore-share")}
        within = {y: v for y, v in shown.items() if start <= y <= end}
        assert max(within, key=within.get) == finding["value"], finding["id"]


# ---- Flags, affinity --------------------------------------------------------------------------

def test_source_flags_are_drawn_as_in_the_briefing(explorer, findings):
    """South Korea's 2020 break is a shaded band and 2023 a hollow point, both said in the caption
    and the notes, as the partnership chapter's charts mark them."""
    explorer.show("pair=KR-VN")
    page = explorer.page
    provisional = sorted({y for f in findings for c in f.get("caveats", []) if c["kind"] == "provisional"
                          and c.get("subject") == "openalex" for y in c["years"]})
    assert provisional == [2023]
    hollow = page.eval_on_selector_all("#explore-chart circle[fill='#ffffff']", "cs => cs.map(c => c.textContent)")
    assert len(hollow) == 1 and hollow[0].startswith("2023: ") and hollow[0].endswith(" works (provisional)")
    bands = page.eval_on_selector_all("#explore-chart rect", "rs => rs.length")
    labels = page.eval_on_selector_all("#explore-chart text", "ts => ts.map(t => t.textContent)")
    assert bands == 1 and "Break in South Korea's series" in labels
    caption = page.inner_text("#explore-caption")
    assert "Hollow points: 2023, provisional." in caption and "break in South Korea's series (2020)" in caption
    notes = {as_int(r["year"]): r["note"]["text"] for r in explorer.table("explore-pair")}
    assert notes[2023] == "Provisional" and notes[2020] == "Break in South Korea's series"
    briefs = page.eval_on_selector_all("#explore-flags li", "lis => lis.map(l => l.textContent)")
    expected = {c["brief"] for f in findings for c in f.get("caveats", [])
                if c.get("source") == "openalex" and c.get("subject") in ("KR", "openalex")}
    assert set(briefs) == expected


def test_affinity_is_shown_only_where_the_version_has_it(explorer, findings):
    explorer.show("country=JP&partner=KR")
    headers = explorer.page.eval_on_selector_all("#explore-share th", "ths => ths.map(t => t.dataset.column)")
    affinity = by_prefix(findings, "pair.affinity.")
    assert ("affinity" in headers) == any(re.search(r"(JP-KR|KR-JP|JP\.KR|KR\.JP)\.\d{4}$", f["id"]) for f in affinity)
    for finding in affinity:  # where the lead's affinity findings exist, the explorer shows them
        if re.search(r"JP-KR|KR-JP|JP\.KR", finding["id"]):
            shown = {as_int(r["year"]): r["affinity"]["value"] for r in explorer.table("explore-share")}
            assert float(shown[int(finding["id"].rsplit(".", 1)[1])]) == pytest.approx(finding["value"])


# ---- Requests, console, bytes ------------------------------------------------------------------

def test_a_first_load_asks_only_the_loopback_server_and_transfers_within_budget(browser, served):
    start = len(served.log)
    page = Explorer(browser, served.url, fragment="#pair=KR-VN")
    page.show("region=europe&year=2022&pair=DE-FR")
    page.close()
    assert page.blocked == [] and page.errors == []
    assert all(u.startswith((served.url + "/", *LOCAL_SCHEMES)) for u in page.requests)
    loaded = served.log[start:]
    paths = {sent.path for sent in loaded}
    assert {f"/{VERSION}/explore.html", f"/{VERSION}/explore/pairs.bcol", f"/{VERSION}/explore/meta.json",
            f"/{VERSION}/explore/country_output.bcol", f"/{VERSION}/assets/briefing.css"} <= paths
    assert any(re.fullmatch(r"/_assets/explore-[0-9a-f]{16}\.js", p) for p in paths)
    assert not any(p.endswith("vega.js") for p in paths)  # the explorer draws its own charts
    wire, raw = sum(s.wire for s in loaded), sum(s.raw for s in loaded)
    assert wire <= BUDGET and raw <= BUDGET, (wire, raw)
    assert wire < raw / 3  # it was compressed on the way


def test_no_console_error_or_warning_in_any_view(explorer):
    for state in ("pair=JP-KR", "country=DE&partner=CN", "region=europe&year=2022&pair=DE-FR", "pair=KR-VN"):
        explorer.show(state)
    noisy = [m for m in explorer.console if m.startswith(("error", "warning"))]
    assert noisy == [] and explorer.errors == [] and explorer.blocked == []


def test_an_unknown_country_or_region_is_said_in_one_sentence(explorer):
    page = explorer.page
    for state, words in (("pair=KR-QQ", "not two countries"), ("region=atlantis&year=2022", "not a region")):
        page.evaluate("state => { location.hash = state; }", "#" + state)
        page.wait_for_function("words => document.getElementById('explore-status').textContent.includes(words)",
                               arg=words)
        assert page.is_hidden("#explore-result")
    explorer.show("pair=JP-KR")
    assert page.inner_text("#explore-status") == ""


# ---- A reader with a keyboard, or a phone --------------------------------------------------

def test_the_keyboard_alone_chooses_a_view_and_a_country(browser, served):
    page = Explorer(browser, served.url, fragment="#pair=JP-KR")
    p = page.page
    for _ in range(40):  # Tab from the top of the page to the first choice of view
        p.keyboard.press("Tab")
        if p.evaluate("() => document.activeElement.name === 'mode'"):
            break
    assert p.evaluate("() => document.activeElement.value") == "pair"
    p.keyboard.press("ArrowDown")  # the next view: a country's share with a partner
    p.wait_for_function(SHOWN, arg="#country=JP&partner=KR")
    p.keyboard.press("Tab")
    assert p.evaluate("() => document.activeElement.id") == "share-country"
    p.keyboard.press("ArrowDown")  # the next country by name after Japan
    p.wait_for_function("() => location.hash.startsWith('#country=') && !location.hash.startsWith('#country=JP')")
    country = p.evaluate("() => document.getElementById('share-country').value")
    p.wait_for_function(SHOWN, arg=f"#country={country}&partner=KR")
    assert page.table("explore-share")
    for _ in range(3):  # past the partner and the source to the table, which scrolls with the keys
        p.keyboard.press("Tab")
    assert p.evaluate("() => document.activeElement.getAttribute('role')") == "region"
    page.close()
    assert page.errors == [] and page.blocked == []


VIEWS = ("pair=KR-VN", "country=DE&partner=CN", "region=europe&year=2022&pair=DE-FR", "region=asia-pacific&year=2023&pair=JP-KR")


@pytest.mark.parametrize("width", [390, 1280])
def test_every_view_fits_the_width_and_axe_finds_no_serious_violation(browser, served, width):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make setup` runs npm ci")
    page = Explorer(browser, served.url, width=width)
    page.page.add_script_tag(path=str(AXE))
    found = {}
    for state in VIEWS:
        page.show(state)
        overflow = page.page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        violations = [v for v in page.page.evaluate(AXE_RUN) if v["impact"] in BLOCKING]
        found[state] = (overflow, violations)
        save_screenshot(page.page, screenshot_name(f"explore-{state.split('&')[0]}", f"explore-{width}/"))
    page.close()
    assert {state: f for state, f in found.items() if f != (0, [])} == {}
    assert page.errors == []


# ---- A file share, the links in, the files -----------------------------------------------------

def test_from_a_file_share_it_says_so_in_one_line_and_links_the_pages(browser, version):
    context = browser.new_context()
    page = context.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((version / "explore.html").as_uri() + "#pair=KR-VN")
    page.wait_for_function("() => document.getElementById('explore-status').textContent.length > 0")
    status = page.inner_text("#explore-status")
    link = page.get_attribute("#explore-status a", "href")
    hidden = page.is_hidden("#explore-form") and page.is_hidden("#explore-result")
    context.close()
    assert "file share" in status and "\n" not in status.strip() and link == "index.html" and hidden
    assert errors == [] and not any(u.endswith((".bcol", "meta.json")) for u in requests)


def test_every_page_header_links_the_explorer(version):
    pages = sorted(version.glob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        header = re.search(r'<header class="site-header">(.*?)</header>', page.read_text(encoding="utf-8"), re.S)
        assert header and 'href="explore.html"' in header[1], page.name


def figure_states(version: Path) -> dict[str, str]:
    """Each chapter figure's explorer link: figure id -> fragment."""
    links = {}
    for page in version.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for figure, href in re.findall(r'<figure id="(fig-[^"]+)">.*?<p class="explore-link"><a href="([^"]+)"',
                                       text, re.S):
            links[figure] = href.replace("&amp;", "&")
    return links


def test_each_chapter_chart_opens_the_explorer_on_its_pair(explorer, version, edition_region):
    links = figure_states(version)
    region, _ = edition_region
    assert links["fig-pair-trend"] == "explore.html#pair=JP-KR"
    assert links["fig-pair-share"] == "explore.html#country=JP&partner=KR"
    assert links["fig-dec-poles"] == "explore.html#pair=US-CN"
    assert links["fig-pair-rank"] == f"explore.html#region={region}&year=2023&pair=JP-KR"
    assert "fig-gerd-intensity" not in links and "fig-ctx-timeline" not in links
    for figure, href in sorted(links.items()):
        explorer.show(href.split("#", 1)[1])  # the view the link names is shown as named
        assert explorer.page.inner_text("#explore-status") == "", figure


def test_a_chart_link_clicked_opens_its_view(browser, served):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{served.url}/{VERSION}/partnership.html")
    page.click("#fig-pair-rank .explore-link a")
    page.wait_for_function(READY)
    page.wait_for_function(SHOWN, arg="#region=asia-pacific&year=2023&pair=JP-KR")
    chosen = page.eval_on_selector_all("#explore-region tr.is-chosen td", "tds => tds.map(t => t.dataset.value)")
    context.close()
    assert chosen[1] == "JP-KR"


def test_the_manifest_lists_every_explorer_file_with_its_sha256(version, default_build):
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))["explore"]
    files = sorted(p.relative_to(version).as_posix() for p in (version / "explore").rglob("*") if p.is_file())
    assert files == sorted(manifest["files"]) == ["explore/country_output.bcol", "explore/meta.json", "explore/pairs.bcol"]
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((version / name).read_bytes()).hexdigest() == digest, name
    for name, digest in manifest["shared"].items():
        data = (default_build.site / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest and digest.startswith(Path(name).stem.rsplit("-", 1)[1])


def test_the_shared_script_is_stored_once_for_the_site(version, default_build):
    page = (version / "explore.html").read_text(encoding="utf-8")
    shared = re.findall(r'(?:src|href)="\.\./\.\./(_assets/explore-[0-9a-f]{16}\.(?:js|css))"', page)
    assert len(shared) == 2 and all((default_build.site / s).is_file() for s in shared)
    copies = [p for p in default_build.site.rglob("explore-*.js")]
    assert [p.relative_to(default_build.site).as_posix() for p in copies] == [s for s in shared if s.endswith(".js")]
    latest = (default_build.site / "2025" / "latest" / "explore.html").read_text(encoding="utf-8")
    assert latest == page  # the copy in latest/ names the same files, two folders up as well


def test_the_column_files_hold_the_canonical_tables(version, default_build):
    """The pairs file read back with numpy, on the format's own description, equals the
    validated table (every source, field, year and country)."""
    import numpy as np

    data = (version / "explore" / "pairs.bcol").read_bytes()
    assert data[:8] == b"BRFCOL1\n"
    length = int.from_bytes(data[8:12], "little")
    header = json.loads(data[12:12 + length])
    assert (12 + length) % 8 == 0
    columns = {}
    dtypes = {"uint8": "<u1", "uint16": "<u2", "uint32": "<u4", "int32": "<i4", "float64": "<f8"}
    for column in header["columns"]:
        if "constant" in column:
            columns[column["name"]] = [column["constant"]] * header["rows"]
            continue
        assert column["offset"] % 8 == 0
        values = np.frombuffer(data, dtype=dtypes[column["type"]], count=column["length"] //
                               np.dtype(dtypes[column["type"]]).itemsize, offset=column["offset"])
        columns[column["name"]] = [column["dictionary"][v] for v in values] if "dictionary" in column else values
    table = pd.read_parquet(default_build.build("2025") / "data" / "pairs.parquet")
    table = table.sort_values(["source", "field", "country_a", "country_b", "year"])
    assert header["rows"] == len(table) > 250_000 and set(table["source"]) == {"openalex", "ncses"}
    for name in ("source", "field", "country_a", "country_b", "year", "works"):
        assert list(columns[name]) == list(table[name]), name
