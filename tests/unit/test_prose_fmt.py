"""Shared forms: numbers, names and articles, literal markdown, omitted sections, source
notes and cited-fact tables (no fact ids in the reading flow), pipe tables."""

from __future__ import annotations

import pandas as pd

from briefing.prose import citations, fmt
from briefing.prose.tables import pipe_table


def test_numbers_and_names():
    assert fmt.signed_pct(-4) == "−4%" and fmt.signed_pct(35) == "+35%" and fmt.pp(-12.1, 1).startswith("−12.1")
    assert fmt.the("US") == "the United States" and fmt.the("JP") == "Japan" and fmt.possessive("US").endswith("s'")
    assert fmt.join_and(["a", "b", "c"]) == "a, b and c" and fmt.join_and(["a"]) == "a"
    assert fmt.nth(13) == "13th" and fmt.nth(22) == "22nd" and fmt.nth(float("nan")) == "n/a"


def test_literal_text_cannot_become_markup_and_omitted_wraps_a_reason():
    assert fmt.literal("*A* [b](c)") == "\\*A\\* \\[b\\](c)" and fmt.unliteral(fmt.literal("*A*")) == "*A*"
    assert fmt.omitted(" Nothing here. ") == "::: {.omitted}\nNothing here.\n:::"


def test_source_notes_and_fact_tables():
    assert citations.source_note(["openalex", "ncses", "openalex", None], {"openalex": "OpenAlex"}) == \
        "Source: OpenAlex; ncses."
    facts = pd.DataFrame({"id": ["seed.x.JP.2020"], "statement": ["A figure."], "value": [14.0], "unit": ["pct"],
                          "year": ["2020"], "country": ["JP"], "source_id": ["doc"], "locator": ["p. 2"],
                          "quote": ["q"], "seed_file": ["f"]})
    table = citations.facts_table(facts, ["seed.x.JP.2020"], {"doc": "Doc (2020)"})
    assert table.values.tolist() == [["A figure.", "14.0%", "Doc (2020), p. 2"]]
    assert "Fact id" not in table.columns


def test_pipe_tables_right_align_numbers_only():
    text = pipe_table(pd.DataFrame({"Pair": ["A|B"], "Works": ["1,234"]}))
    assert text.splitlines()[1] == "|:---|---:|" and "A\\|B" in text


def test_marks_note_explains_the_quality_marks_only_when_there_are_some():
    assert fmt.marks_note() == ""
    note = fmt.marks_note([2023], [(2020, "Break in South Korea's series")])
    assert note == (" Hollow points (or a lighter bar): 2023, provisional. Shaded: break in South Korea's series "
                    "(2020).")


def test_years_in_a_sentence_give_runs_of_three_as_a_span():
    assert fmt.years([2021]) == "2021"
    assert fmt.years([2021, 2020]) == "2020 and 2021"
    assert fmt.years(range(2015, 2022)) == "2015–2021"
    assert fmt.years([2012, 2015, 2016, 2017, 2019, 2020]) == "2012, 2015–2017, 2019 and 2020"
