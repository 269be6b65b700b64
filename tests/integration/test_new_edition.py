"""`briefing new` through the command line (called in-process), on the real mirror: each bad
request exits 2 with one message and writes nothing; a pair outside the chosen region is written
with `--extend-region` as `region.added`, under the id and title asked for, with no subtitle (it
is derived); what the sources lack is reported in one line per source and measure, and the
region's members without data in one line, each checked against the raw mirror files read here
(pandas, pycountry; nothing of `briefing`)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pycountry
import pytest
import yaml

from briefing.config import load_edition
from tests.conftest import REPO, invoke

REGIONS = yaml.load((REPO / "data" / "regions.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["regions"]
SHORT = {k: v.get("short", k) for k, v in
         yaml.load((REPO / "data" / "sources.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[
             "datasets"].items()}
NAMES = {"South Korea": "KR", "Russia": "RU", "Iran": "IR", "Taiwan": "TW", "Turkey": "TR", "Vietnam": "VN"}
SHOWN = {"KR": "South Korea", "US": "United States", "GB": "United Kingdom", "HK": "Hong Kong", "MO": "Macao"}


def code(name: str) -> str | None:
    if name in NAMES:
        return NAMES[name]
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None  # World, EU-27


def shown(alpha2: str) -> str:
    country = pycountry.countries.get(alpha_2=alpha2)
    return SHOWN.get(alpha2) or getattr(country, "common_name", None) or country.name


def alpha3(alpha2: str) -> str:
    return pycountry.countries.get(alpha_2=alpha2).alpha_3


# What the raw files hold -----------------------------------------------------------------------

def pair_years(mirror: Path, alpha2: str, start: int, end: int) -> set[int]:
    rows = pd.read_csv(mirror / "openalex" / "country_pairs_1990_2023.csv", keep_default_na=False)
    rows = rows[(rows["country_a"] != rows["country_b"]) & ((rows["country_a"] == alpha2) | (rows["country_b"] == alpha2))]
    return {int(y) for y in rows["year"] if start <= y <= end}


def wdi_holds(mirror: Path, alpha2: str, start: int, end: int) -> bool:
    path = next((mirror / "worldbank").glob("API_GB.XPD.RSDV.GD.ZS_DS2_*.csv"))
    frame = pd.read_csv(path, skiprows=4)
    row = frame[frame["Country Code"] == alpha3(alpha2)]
    return not row.empty and row[[str(y) for y in range(start, end + 1)]].notna().any(axis=None)


def oecd_holds(mirror: Path, alpha2: str, start: int, end: int) -> bool:
    frame = pd.read_csv(next((mirror / "oecd").glob("*DF_GERD_TOE*.csv")))
    rows = frame[(frame["REF_AREA"] == alpha3(alpha2)) & (frame["PRICE_BASE"] == "Q")
                 & frame["TIME_PERIOD"].between(start, end) & frame["OBS_VALUE"].notna()]
    return not rows.empty


def ncses_pair_countries(mirror: Path) -> set[str]:
    frame = pd.read_csv(mirror / "ncses" / "sei2024_intl_coauthored_pairs_2003_2022.csv")
    return {code(n) for n in frame["country"]} - {None}


def ncses_gbard_countries(mirror: Path) -> set[str]:
    frame = pd.read_csv(mirror / "ncses" / "sei2022_gbard_by_objective_2000_2010_2019.csv")
    frame["country"] = frame["time_period"].ffill()
    held = frame[frame["column_level_1"].str.startswith("GBARD (current PPP") & frame["value"].notna()]
    return {code(n) for n in held["country"]} - {None}


def expected_gaps(mirror: Path, focus: list[str], compared: list[str], window: tuple[int, int]) -> dict:
    """(source, measure) -> the countries it lacks, for the measures a line reports."""
    start, end = window
    return {
        ("openalex", "co-authored works by pair"): [c for c in compared if not pair_years(mirror, c, start, end)],
        ("worldbank", "R&D intensity"): [c for c in compared if not wdi_holds(mirror, c, start, end)],
        ("oecd", "GERD in PPP dollars"): [c for c in compared if not oecd_holds(mirror, c, start, end)],
        ("ncses", "co-authored articles"): [c for c in focus if c not in ncses_pair_countries(mirror)],
        ("ncses", "government R&D budget by objective"): [c for c in focus if c not in ncses_gbard_countries(mirror)],
    }


def count_phrase(some: int, every: int, whom: str) -> str:
    if some == every:
        return f"both {whom}" if every == 2 else f"all {every} {whom}"
    return f"{some} of the {every} {whom}"


def report(result) -> list[str]:
    text = result.stdout.split("what the sources lack for these countries and years:\n", 1)
    return [" ".join(line.split()) for line in text[1].splitlines() if line.strip()] if len(text) == 2 else []


def check_report(lines: list[str], gaps: dict, focus: list[str], compared: list[str]) -> None:
    """One line for each source and measure that lacks some countries, naming how many and which;
    none for the others."""
    for (source, measure), missing in gaps.items():
        about = [ln for ln in lines if ln.startswith(f"{SHORT[source]} has no {measure} ")]
        if not missing:
            assert about == [], (source, measure)
            continue
        assert len(about) == 1, (source, measure, lines)
        whom = "focus countries" if source == "ncses" else "countries compared"
        first = about[0].split(";")[0]
        assert count_phrase(len(missing), len(focus if source == "ncses" else compared), whom) in first, first
        assert all(shown(c) in first for c in missing), (first, missing)


# Bad requests ----------------------------------------------------------------------------------

FOCUS = ["--focus", "ID", "TH", "--poles", "US", "CN"]


@pytest.mark.parametrize(("args", "expected"), [
    ([*FOCUS, "--region", "asean", "--window", "2021-2012"],
     "--window 2021-2012: the first year is after the last; did you mean 2012-2021?"),
    ([*FOCUS, "--region", "asean", "--window", "2015-2031"],
     "--window 2015-2031: window ends 2031, but the OpenAlex pair table ends in 2023: end the window in 2023 or "
     "earlier"),
    ([*FOCUS, "--region", "asean", "--window", "1980-1989"],
     "--window 1980-1989: window starts 1980, but the OpenAlex pair table starts in 1990"),
    ([*FOCUS, "--region", "mercosur"],
     f"--region mercosur: not a named region of regions.yml; known: {', '.join(sorted(REGIONS))}"),
    (["--focus", "KR", "IN", "--poles", "US", "CN", "--region", "south-asia"],
     "--focus KR IN: South Korea (KR) is not in South Asia (--region south-asia), whose pairs the focus pair is "
     "ranked among: add --extend-region to add it to the region"),
    ([*FOCUS, "--region", "asean", "--edition", "asean 2025!"],
     "--edition 'asean 2025!': not an edition id: letters, digits, '-' and '_' only"),
    ([*FOCUS, "--region", "asean", "--title", "  "], "--title: must not be empty"),
])
def test_a_bad_request_exits_2_with_one_message_and_writes_nothing(tmp_path, mirror, args, expected):
    target = tmp_path / "params" / "new.yml"
    result = invoke("new", str(target), *args, "--workdir", str(tmp_path / "work"), "--mirror", str(mirror))
    assert result.returncode == 2, result.stdout + result.stderr
    message = " ".join(result.stderr.split())
    assert message.count("error:") == 1 and expected in message, message
    assert result.stdout == "" and sorted(p.name for p in tmp_path.rglob("*")) == []


def test_a_file_name_that_is_no_edition_id_asks_for_one(tmp_path, mirror):
    target = tmp_path / "my edition.yml"
    result = invoke("new", str(target), *FOCUS, "--region", "asean", "--workdir", str(tmp_path / "work"))
    assert result.returncode == 2 and not target.exists()
    assert "--edition (from the file name 'my edition.yml'): not an edition id" in " ".join(result.stderr.split())


# A pair of another region, added to it ---------------------------------------------------------

KR_IN = {"focus": ["KR", "IN"], "poles": ["US", "CN"], "window": (2017, 2023)}


@pytest.fixture(scope="module")
def kr_in(tmp_path_factory, mirror):
    folder = tmp_path_factory.mktemp("kr-in")
    target = folder / "params" / "korea-india.yml"
    result = invoke("new", str(target), "--focus", "KR", "IN", "--poles", "US", "CN", "--region", "south-asia",
                    "--extend-region", "--window", "2017-2023", "--edition", "kr-in",
                    "--title", "Korea and India: research ties", "--workdir", str(folder / "work"),
                    "--mirror", str(mirror))
    assert result.returncode == 0, result.stdout + result.stderr
    return target, result


def test_the_pair_is_added_to_the_region_and_recorded(kr_in):
    target, result = kr_in
    edition = load_edition(target)
    assert edition.region.added == ["KR"]
    assert edition.region.countries == [*REGIONS["south-asia"]["countries"], "KR"]
    assert edition.region.name == REGIONS["south-asia"]["name"]
    assert "(added: KR)" in result.stdout


def test_the_id_and_title_are_the_ones_asked_for_and_the_subtitle_is_derived(kr_in):
    target, _ = kr_in
    raw = yaml.load(target.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert raw["edition"] == "kr-in" and raw["title"] == "Korea and India: research ties" and "subtitle" not in raw
    edition = load_edition(target)
    assert (edition.edition, edition.window.start, edition.window.end) == ("kr-in", 2017, 2023)
    assert edition.subtitle == "South Korea and India between the United States and China"


def test_what_the_sources_lack_is_one_line_per_source_and_measure(kr_in, mirror):
    target, result = kr_in
    lines = report(result)
    compared = [*KR_IN["focus"], *KR_IN["poles"]]
    gaps = expected_gaps(mirror, KR_IN["focus"], compared, KR_IN["window"])
    check_report(lines, gaps, KR_IN["focus"], compared)
    members = [c for c in REGIONS["south-asia"]["countries"] if c not in compared]
    short = [c for c in members if len(pair_years(mirror, c, *KR_IN["window"])) < 7]
    assert len(lines) == sum(1 for v in gaps.values() if v) + (1 if short else 0), lines
    top = target.read_text(encoding="utf-8").split("\n\n", 1)[0]  # the comment block before the first key
    header = [" ".join(ln.removeprefix("#").split()) for ln in top.splitlines() if ln.startswith("#   ")]
    assert header == lines  # the file says what the command said


def test_territories_without_data_are_listed_once_in_one_line(tmp_path, mirror):
    """Oceania's territories: those with no co-authored works in the window and those with only
    some years, each named once, in one line."""
    window, focus, poles = (2020, 2023), ["AU", "NZ"], ["US", "CN"]
    target = tmp_path / "oceania.yml"
    result = invoke("new", str(target), "--focus", *focus, "--poles", *poles, "--region", "oceania",
                    "--window", "2020-2023", "--workdir", str(tmp_path / "work"), "--mirror", str(mirror))
    assert result.returncode == 0, result.stderr
    lines = report(result)
    members = [c for c in REGIONS["oceania"]["countries"] if c not in [*focus, *poles]]
    years = {c: pair_years(mirror, c, *window) for c in members}
    none = [c for c in members if not years[c]]
    some = [c for c in members if years[c] and len(years[c]) < 4]
    assert none and some  # the mirror's Oceania has both kinds
    about = [ln for ln in lines if "Oceania members" in ln]
    assert len(about) == 1, lines
    line = about[0]
    every = len(REGIONS["oceania"]["countries"])
    assert line.startswith(f"{count_phrase(len(none), every, 'Oceania members')} have no co-authored works in "
                           f"OpenAlex for 2020–2023 and are left out of the region's pairs: ")
    assert f"; {len(some)} have them for only part of the window: " in line
    for c in [*none, *some]:
        assert line.count(shown(c)) == 1, c
    assert all(shown(c) not in " ".join(ln for ln in lines if ln != line) for c in [*none, *some])
    check_report([ln for ln in lines if ln != line], expected_gaps(mirror, focus, [*focus, *poles], window), focus,
                 [*focus, *poles])
    assert re.search(r"\(20\d\d", line)  # the years a territory has are given
