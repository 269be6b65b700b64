"""Named regions (data/regions.yml), checked with the test's own reading of the file (PyYAML's
BaseLoader: every value text, so NO stays Norway) and pycountry: keys are slugs, every code is an
ISO 3166-1 alpha-2 code listed once, each region lists as many countries as its source note says,
the organisations' groups hold the members their own lists give, and the loader refuses a file
that breaks these rules, naming the key."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest
import yaml

from briefing.errors import InputError
from briefing.sources.regions import load_regions, region
from tests.conftest import REPO

FILE = REPO / "data" / "regions.yml"
RAW = yaml.load(FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["regions"]
COUNT = re.compile(r"\b(\d+) (?:member states|member countries|countries and areas|countries|economies)\b")

# The organisations' own lists, typed here from their pages (the notes in data/regions.yml give the dates).
G7 = {"CA", "FR", "DE", "IT", "JP", "GB", "US"}
G20 = G7 | {"AR", "AU", "BR", "CN", "IN", "ID", "KR", "MX", "RU", "SA", "ZA", "TR"}  # 19 countries (+ EU, AU)
ASEAN = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"}  # Timor-Leste since 26 October 2025
OECD_NAMES = ["Australia", "Austria", "Belgium", "Canada", "Chile", "Colombia", "Costa Rica", "Czechia", "Denmark",
              "Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Iceland", "Ireland", "Israel", "Italy",
              "Japan", "Korea, Republic of", "Latvia", "Lithuania", "Luxembourg", "Mexico", "Netherlands",
              "New Zealand", "Norway", "Poland", "Portugal", "Slovakia", "Slovenia", "Spain", "Sweden", "Switzerland",
              "Türkiye", "United Kingdom", "United States"]
EU_NAMES = ["Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland",
            "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta",
            "Netherlands", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden"]
SOUTH_AMERICA_NAMES = ["Argentina", "Bolivia, Plurinational State of", "Bouvet Island", "Brazil", "Chile", "Colombia",
                       "Ecuador", "Falkland Islands (Malvinas)", "French Guiana", "Guyana", "Paraguay", "Peru",
                       "South Georgia and the South Sandwich Islands", "Suriname", "Uruguay",
                       "Venezuela, Bolivarian Republic of"]


def codes_of(names: list[str]) -> set[str]:
    return {pycountry.countries.get(name=n).alpha_2 for n in names}


def test_keys_are_slugs_and_every_code_is_iso_alpha_2_listed_once():
    for key, entry in RAW.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key), key
        codes = entry["countries"]
        assert [c for c in codes if pycountry.countries.get(alpha_2=c) is None] == [], key
        assert len(codes) == len(set(codes)), key


def test_each_region_lists_as_many_countries_as_its_source_note_says():
    for key, entry in RAW.items():
        note = " ".join(entry["source"].split())
        counts = COUNT.findall(note)
        assert len(counts) == 1, f"{key}: the note states {counts}, not one count"
        assert int(counts[0]) == len(entry["countries"]), key


@pytest.mark.parametrize(("key", "members", "count"), [
    ("g7", G7, 7), ("g20", G20, 19), ("asean", ASEAN, 11), ("oecd", codes_of(OECD_NAMES), 38),
    ("eu27", codes_of(EU_NAMES), 27), ("south-america", codes_of(SOUTH_AMERICA_NAMES), 16)])
def test_the_groups_a_user_expects_hold_their_members(key, members, count):
    assert len(members) == count
    assert set(RAW[key]["countries"]) == members
    note = RAW[key]["source"]
    assert re.search(r"\b(19|20)\d\d\b", note), f"{key}: its note names no date"


def test_groups_agree_with_each_other_and_with_m49():
    g7, g20, oecd = (set(RAW[k]["countries"]) for k in ("g7", "g20", "oecd"))
    assert g7 <= g20 and g7 <= oecd and "GB" not in RAW["eu27"]["countries"]
    assert set(RAW["eu27"]["countries"]) <= set(RAW["europe"]["countries"]) | {"CY"}  # M49 puts Cyprus in Western Asia
    assert set(RAW["south-america"]["countries"]) <= set(RAW["latin-america"]["countries"])
    assert set(RAW["asean"]["countries"]) == set(RAW["south-east-asia"]["countries"])
    assert all(s in " ".join(RAW["g20"]["source"].split()) for s in ("European Union", "African Union"))


def test_the_loader_reads_every_region_as_the_file_says():
    regions = load_regions(FILE)
    assert sorted(regions) == sorted(RAW)
    for key, entry in RAW.items():
        assert list(regions[key].countries) == entry["countries"] and regions[key].name == entry["name"]


@pytest.mark.parametrize(("text", "where", "rule"), [
    ("regions:\n  South_America:\n    name: S\n    source: s\n    countries: [AR, BR]\n",
     "key 'regions.South_America'", "a region's key is a slug"),
    ("regions:\n  sa:\n    name: S\n    source: s\n    countries: [AR, BR, AR]\n",
     "key 'regions.sa.countries'", "listed twice: ['AR']"),
    ("regions:\n  sa:\n    name: S\n    source: s\n    countries: [AR, XX]\n",
     "key 'regions.sa.countries'", "not ISO 3166-1 alpha-2 codes: ['XX']"),
    ("regions:\n  sa:\n    name: S\n    countries: [AR, BR]\n", "key 'regions.sa'", "needs name, source and countries"),
])
def test_a_bad_regions_file_is_refused_naming_the_key(tmp_path: Path, text, where, rule):
    path = tmp_path / "regions.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_regions(path)
    assert f"{path}: {where}" in str(caught.value) and rule in str(caught.value)


def test_an_unknown_region_lists_every_known_key():
    with pytest.raises(InputError) as caught:
        region(FILE, "mercosur")
    assert str(caught.value) == f"--region mercosur: not a named region of regions.yml; known: {', '.join(sorted(RAW))}"


def test_the_readme_lists_every_region():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Named regions", 1)[1].split("\n#", 1)[0]
    for key, entry in RAW.items():
        assert f"| `{key}` | {entry['name']} |" in table, key
