"""Edition parameters: valid files load; every kind of bad file is one clear InputError."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing.config import load_edition
from briefing.errors import InputError

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = tmp_path / "params.yml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_shipped_editions_load():
    default = load_edition(REPO / "params" / "2025.yml")
    assert default.window.start == 2015 and default.window.end == 2023
    assert default.focus_pair == ["JP", "KR"] and default.poles == ["US", "CN"]
    assert default.countries == ["JP", "KR", "US", "CN", "TW", "DE", "GB", "FR", "AU", "IN", "SG", "CA"]
    assert load_edition(REPO / "params" / "ci.yml").edition == "ci"


@pytest.mark.parametrize(("changes", "key", "rule"), [
    ({"colour": "blue"}, "colour", "unknown key"),
    ({"window": {"start": "2015", "end": 2020}}, "window.start", "valid integer"),
    ({"window": {"start": 2022, "end": 2018}}, "window", "start (2022) is after end (2018)"),
    ({"countries": ["JP", "XX"]}, "countries", "'XX' is not an ISO 3166-1 alpha-2"),
    ({"focus_pair": ["JP"]}, "focus_pair", "at least 2"),
    ({"edition": "../x"}, "edition", "should match pattern"),
    ({"title": None}, "title", "required key is missing"),
    ({"sections": {"Funding!": {}}}, "sections", "lowercase"),
    ({"scenarios": {"cuts_pct": [0, 50]}}, "scenarios.cuts_pct", "(0, 100]"),
    ({"region": {"name": "Asia", "countries": ["JP", "JP"]}}, "region.countries", "duplicate"),
    ({"region": {"name": "Asia", "countries": ["JP", "CN"], "added": ["KR"]}}, "region",
     "'added' names ['KR'], which 'countries' does not list"),
    ({"region": {"name": "Asia", "countries": ["JP", "CN"], "added": ["XX"]}}, "region.added",
     "'XX' is not an ISO 3166-1 alpha-2"),
])
def test_bad_parameters_name_key_and_rule(tmp_path, changes, key, rule):
    path = write(tmp_path, **changes)
    with pytest.raises(InputError) as caught:
        load_edition(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"key '{key}" in message
    assert rule in message


def test_not_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("edition: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_edition(bad)
    with pytest.raises(InputError, match="not found"):
        load_edition(tmp_path / "absent.yml")
    bad.write_text("- a list\n")
    with pytest.raises(InputError, match="mapping"):
        load_edition(bad)


def test_notebook_parameters_include_section_overrides():
    edition = load_edition(REPO / "params" / "2025.yml")
    params = edition.notebook_parameters("funding")
    assert params["gbard_countries"] == ["JP", "KR"]
    assert params["window_start"] == 2015 and params["focus_b"] == "KR"
    assert all(isinstance(v, (str, int, float, list)) for v in params.values())


def test_an_unset_subtitle_follows_the_focus_pair_and_poles(tmp_path):
    for name in ("2025", "2024"):  # the shipped editions set none: the derived one is the one they used to type
        assert "subtitle" not in yaml.safe_load((REPO / "params" / f"{name}.yml").read_text())
        assert load_edition(REPO / "params" / f"{name}.yml").subtitle == \
            "Japan and South Korea between the United States and China"
    moved = load_edition(write(tmp_path, subtitle=None, focus_pair=["NL", "PH"], poles=["US", "DE"]))
    assert moved.subtitle == "The Netherlands and the Philippines between the United States and Germany"
    assert load_edition(write(tmp_path, subtitle="Our own words")).subtitle == "Our own words"
    assert load_edition(write(tmp_path, subtitle="")).subtitle == ""  # set empty: no subtitle
    path = write(tmp_path)
    path.write_text(path.read_text() + "subtitle:\n")  # a key with nothing after it is unset
    assert load_edition(path).subtitle == "Japan and South Korea between the United States and China"


def test_a_region_with_nothing_added_dumps_as_before(tmp_path):
    region = {"name": "South Asia", "countries": ["IN", "PK", "KR"], "added": ["KR"]}
    added = load_edition(write(tmp_path, region=region))
    assert added.region.added == ["KR"] and added.model_dump()["region"]["added"] == ["KR"]
    assert added.notebook_parameters("partnership")["region_added"] == ["KR"]
    plain = load_edition(REPO / "params" / "2025.yml")
    assert plain.region.added == [] and "added" not in plain.model_dump(mode="json")["region"]
