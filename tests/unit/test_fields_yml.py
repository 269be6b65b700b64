"""data/fields.yml: every field has an OpenAlex filter and every id says where it was looked up."""

from __future__ import annotations

import pytest
import yaml

from briefing.errors import InputError
from briefing.sources.fields import field_def, load_fields
from tests.conftest import REPO

FIELDS = REPO / "data" / "fields.yml"


def test_the_briefings_fields_and_their_filters():
    fields = load_fields(FIELDS).fields
    assert {name: f.works_filter() for name, f in fields.items()} == {
        "all": "",
        "artificial_intelligence": "primary_topic.subfield.id:1702",
        "deep_learning": "concepts.id:C108583219",
        "quantum_computing": "primary_topic.id:T10682",
        "semiconductors": "primary_topic.id:T10472",
    }
    assert all(item.looked_up_in for f in fields.values() for item in f.ids)


@pytest.mark.parametrize(("change", "rule"), [
    ({"kind": "topic", "ids": [{"id": "1702", "name": "x", "looked_up_in": ["doc"]}]}, "is not a topic id"),
    ({"kind": "subfield", "ids": [{"id": "1702", "name": "x", "looked_up_in": []}]}, "at least 1 item"),
    ({"kind": "subfield", "ids": []}, "both `kind` and `ids`, or neither"),
])
def test_bad_definitions_name_the_key(tmp_path, change, rule):
    data = yaml.safe_load(FIELDS.read_text())
    data["fields"]["artificial_intelligence"] = {"label": "AI", **change}
    path = tmp_path / "fields.yml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(InputError, match=rule) as caught:
        load_fields(path)
    assert "fields.artificial_intelligence" in str(caught.value)


def test_unknown_field():
    with pytest.raises(InputError, match="unknown field 'alchemy'"):
        field_def(FIELDS, "alchemy")
