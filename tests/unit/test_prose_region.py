"""The sentence for focus countries added to a named region (`region.added`, written by
`briefing new --extend-region`): one country or two, none at all, and a region's name from the
parameters kept literal."""

from __future__ import annotations

from briefing.prose.region import added_sentence


def test_one_added_country_is_named_with_the_region():
    assert added_sentence(["KR"], "South Asia") == ("South Korea is not among the South Asia countries; this edition "
                                                    "adds it to the region's pairs.")


def test_two_added_countries_take_the_plural():
    assert added_sentence(["KR", "JP"], "European Union") == (
        "South Korea and Japan are not among the European Union countries; this edition adds them to the region's "
        "pairs.")


def test_nothing_added_says_nothing():
    assert added_sentence([], "South Asia") == ""


def test_a_region_name_with_markdown_stays_literal():
    sentence = added_sentence(["KR"], "*Asia* [x](javascript:alert(1))")
    assert "\\*Asia\\*" in sentence and "\\[x\\](" in sentence and " *Asia*" not in sentence
