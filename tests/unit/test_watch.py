"""What to watch, as data, and its follow-up by the next edition, on findings written inline:
each watch item carries its series, turn and latest value; a turn that held or did not, a near
turn confirmed or not; a provisional year not revised (the same snapshot) or revised."""

from __future__ import annotations

from briefing.prose import summary
from briefing.report.watch import provisional_followup, provisional_items, turn_followup

FOCUS, POLES = {"JP", "KR"}, {"US", "CN"}


def yearly(prefix: str, values: dict[int, float], unit: str = "works", label: str = "Co-authored works, Japan–US",
           caveats=None):
    return {f"{prefix}.{y}": {"id": f"{prefix}.{y}", "label": f"{label}, {y}", "value": v, "unit": unit,
                              "source": "openalex", **({"caveats": caveats} if caveats else {})}
            for y, v in values.items()}


JP_US_2024 = yearly("pair.works.JP-US", {2014: 15638, 2018: 17222, 2020: 20948, 2021: 21183, 2022: 19605})


def test_a_watch_item_carries_its_data_and_still_reads_as_distance_and_sentence():
    (item,) = summary.watch_items(JP_US_2024, FOCUS, POLES)
    distance, text = item  # as before: (closeness, sentence)
    assert text.startswith("Co-authored works, Japan–US: 19,605 in 2022") and distance > 0
    assert item.data == {"prefix": "pair.works.JP-US", "label": "Co-authored works, Japan–US", "unit": "works",
                         "kind": "peak", "turn_year": 2021, "turn_value": 21183.0, "latest_year": 2022,
                         "latest": 19605.0, "near": False}


def test_a_turn_is_followed_up_with_the_next_year():
    item = summary.watch_items(JP_US_2024, FOCUS, POLES)[0].data
    above = {**JP_US_2024, **yearly("pair.works.JP-US", {2023: 21760})}
    assert turn_followup(item, above) == ("Co-authored works, Japan–US: the turn did not hold: 21,760 in 2023, above "
                                          "the 2021 high of 21,183 (+3%).")
    below = {**JP_US_2024, **yearly("pair.works.JP-US", {2023: 19000})}
    assert turn_followup(item, below) == ("Co-authored works, Japan–US: the turn held: 19,000 in 2023, still below "
                                          "the 2021 high of 21,183 (\u221210%).")
    assert turn_followup(item, JP_US_2024) == ("Co-authored works, Japan–US: this edition has no year after 2022, so "
                                               "the turn is still open.")
    near = {**item, "near": True}
    assert turn_followup(near, below).startswith("Co-authored works, Japan–US: a second year below the 2021 high of "
                                                 "21,183, so 2021 is the turn: 19,000 in 2023")
    assert turn_followup(near, above).startswith("Co-authored works, Japan–US: it did not turn: 21,760 in 2023, above")
    low = {**near, "kind": "trough", "turn_value": 5.88, "unit": "pct", "label": "Share"}
    shares = yearly("x", {2021: 5.88, 2023: 6.2}, "pct")
    assert turn_followup({**low, "prefix": "x"}, shares).startswith("Share: a second year above the 2021 low of 5.9%")


PROVISIONAL = {"kind": "provisional", "subject": "ncses", "source": "ncses", "years": [2022],
               "text": "NCSES SEI counts for 2022 are provisional.", "brief": "NCSES SEI figures for 2022 are provisional."}


def test_a_provisional_year_is_followed_up_by_its_snapshot():
    before = yearly("exposure.ncses_share_pct.JP.CN", {2021: 20.0, 2022: 21.0}, "pct", caveats=None)
    before["exposure.ncses_share_pct.JP.CN.2022"]["caveats"] = [PROVISIONAL]
    (item,) = provisional_items(before, {"ncses": "m1"})
    assert item == {"item": "provisional", "source": "ncses", "subject": "ncses", "years": [2022],
                    "text": "NCSES SEI figures for 2022 are provisional.", "snapshot": "m1"}
    assert provisional_followup(item, before, before, {"ncses": "m1"}) == (
        "NCSES SEI figures for 2022 are provisional: not revised — the same snapshot (m1).")
    same = provisional_followup(item, before, {k: {**v, "caveats": []} for k, v in before.items()}, {"ncses": "m2"})
    assert same == ("NCSES SEI figures for 2022 are provisional: a new snapshot (m1 then, m2 now) left all 1 figures "
                    "unchanged.")
    revised = {k: {**v, "value": v["value"] + 1} for k, v in before.items()}
    assert provisional_followup(item, before, revised, {"ncses": "m2"}) == (
        "NCSES SEI figures for 2022 are provisional: revised in a new snapshot (m1 then, m2 now): 1 of 1 figures "
        "changed. Still provisional.")
