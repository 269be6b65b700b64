"""Decoupling sentences on tiny frames; each flips with its input (a rise made a fall, a
peak moved, a country removed) and states the caveats it is given."""

from __future__ import annotations

import pandas as pd

from briefing.prose import decoupling as prose
from briefing.quality import Caveat


def shares_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["country", "pole", "year", "share_pct"]).assign(works=1, works_international=1)


SHARES = shares_frame([("JP", "US", 2015, 37.0), ("JP", "US", 2023, 36.5), ("JP", "CN", 2015, 15.5),
                       ("JP", "CN", 2023, 22.0), ("FR", "US", 2015, 27.0), ("FR", "US", 2023, 29.5),
                       ("FR", "CN", 2015, 5.4), ("FR", "CN", 2023, 8.7), ("TW", "US", 2015, 40.0),
                       ("TW", "US", 2023, 26.7), ("TW", "CN", 2015, 30.0), ("TW", "CN", 2023, 30.7)])


def test_shares_summary_names_who_rose_and_flips_when_all_fall():
    shift = Caveat("level_shift", "JP", "Japan's totals shift in 2020.", years=(2020,))
    text = prose.shares_summary(SHARES, ["US", "CN"], ["JP"], [shift])
    assert "In 2023, 36.5% of Japan's international works had a co-author in the United States and 22.0% one in China" in text
    # Japan's −0.5 points is within the noise: neither a rise nor a fall.
    assert "the share with the United States rose for France, fell for Taiwan and was about unchanged for Japan" in text
    assert "the share with China rose for every country" in text
    assert text.endswith("Japan's totals shift in 2020.")
    falling = SHARES.assign(share_pct=SHARES["share_pct"].where(SHARES["year"] == 2015, 1.0))
    assert "the share with China fell for every country" in prose.shares_summary(falling, ["US", "CN"], ["JP"])


def test_a_move_that_did_not_hold_has_no_direction_and_no_extreme_is_within_the_noise():
    # Taiwan's China share rose 0.7 points, but (say) its sides of a break moved apart: no direction.
    text = prose.shares_summary(SHARES, ["US", "CN"], ["JP"], unclear={"CN": ("TW",)})
    assert ("the share with China rose for every country but Taiwan, where no trend holds across breaks in the "
            "source; the largest rise was Japan's (+6.5 percentage points) and the smallest rise France's") in text
    # Japan's −0.5 with the United States is about unchanged: never the largest fall or smallest rise.
    assert "the largest rise was France's (+2.5 percentage points) and the largest fall Taiwan's" in text
    assert "Japan's (−0.5" not in text
    one = SHARES[SHARES["country"].isin(["JP", "FR"])]
    assert prose.shares_summary(one, ["US"], ["JP"]).endswith(
        "rose for France and was about unchanged for Japan; the largest rise was France's (+2.5 percentage points).")


def pair_frame(works: list[int]) -> pd.DataFrame:
    years = list(range(2015, 2015 + len(works)))
    return pd.DataFrame({"year": years, "pole_a": "US", "pole_b": "CN", "works": works,
                         "share_a_pct": [10.0] * len(works), "share_b_pct": [25.0] * len(works),
                         "asymmetry": [2.5] * len(works)})


def test_pole_pair_summary_is_told_from_the_peak_and_moves_with_it():
    text = prose.pole_pair_summary(pair_frame([100, 120, 160, 150, 140]))
    assert text.startswith("The number of works co-authored by the United States and China has fallen every year "
                           "since its 2017 peak of 160, to 140 in 2019")
    moved = prose.pole_pair_summary(pair_frame([100, 170, 160, 150, 140]))
    assert "since its 2016 peak of 170" in moved
    rising = prose.pole_pair_summary(pair_frame([100, 120, 130, 150, 160]))
    assert "rose every year, from 100 in 2015 to 160 in 2019" in rising
    spike = Caveat("spike", "CN-US", "A spike in 2017.", years=(2017,))
    assert prose.pole_pair_summary(pair_frame([100, 120, 160, 150, 140]), [spike]).endswith("A spike in 2017.")


def peaks_frame(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["country", "pole", "peak_year", "peak_share_pct", "latest_share_pct"])
    return frame.assign(first_year=2015, latest_year=2023,
                        change_since_peak_pp=frame["latest_share_pct"] - frame["peak_share_pct"],
                        peaked=(frame["latest_share_pct"] - frame["peak_share_pct"]) < -0.5)


def test_peaks_summary_names_who_passed_the_peak_and_flips_when_none_did():
    peaks = peaks_frame([("TW", "CN", 2019, 33.0, 30.7), ("JP", "CN", 2023, 22.0, 22.0)])
    text = prose.peaks_summary(peaks, "CN", 0.5)
    assert "for Taiwan (peak in 2019)." in text and "at or near its highest in 2023 for Japan" in text
    none = prose.peaks_summary(peaks_frame([("TW", "CN", 2023, 33.0, 33.0), ("JP", "CN", 2023, 22.0, 22.0)]), "CN", 0.5)
    assert "had fallen from its peak, by more than 0.5 percentage points, for no country." in none


def rates_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["country", "year", "rate_pct"]).assign(works_total=100, works_international=10)


RATES = rates_frame([("JP", 2015, 26.2), ("JP", 2022, 31.8), ("CN", 2015, 19.6), ("CN", 2022, 18.7),
                     ("DE", 2015, 49.7), ("DE", 2022, 55.8), ("GB", 2015, 55.6), ("GB", 2022, 66.5)])


def test_rate_summary_places_the_focus_country_and_flips_when_it_leads():
    text = prose.rate_summary(RATES, ["JP"])
    assert text.startswith("In 2022, the most international research among the countries compared was the United "
                           "Kingdom's (66.5% of its articles had a co-author abroad) and the least China's (18.7%).")
    assert "Japan's share, 31.8%, was above only China's; it rose from 26.2% in 2015 (+5.6 percentage points)." in text
    leading = RATES.assign(rate_pct=RATES["rate_pct"].where(RATES["country"] != "JP", 80.0))
    assert "Japan's share, 80.0%, was the highest" in prose.rate_summary(leading, ["JP"])
    without = prose.rate_summary(RATES[RATES["country"] != "CN"], ["JP"])
    assert "was the lowest" in without and "China" not in without


def test_without_totals_in_the_window_the_rate_section_is_left_out():
    # A window before NCSES's first year (1992-1995) once stopped the section (property test, seed 2).
    from briefing.charts.decoupling import rate_chart
    from briefing.markup import OMITTED

    empty = RATES.iloc[:0]
    assert OMITTED in prose.rate_summary(empty, ["JP"], (), "NCSES SEI")
    assert "NCSES SEI publishes no article totals for this edition's countries in its window" in \
        prose.rate_summary(empty, ["JP"], (), "NCSES SEI")
    assert prose.rate_alt(empty).startswith("Empty chart") and "–" not in prose.rate_caption(empty, "NCSES SEI")
    assert rate_chart(empty, ["JP"], "full").to_dict()


def test_map_summary_names_the_countries_on_the_far_side():
    paths = pd.DataFrame({"country": ["SG", "SG", "JP", "JP"], "year": [2015, 2023, 2015, 2023],
                          "share_a_pct": [30, 25, 37, 36], "share_b_pct": [28, 45, 15, 22], "pole_a": "US",
                          "pole_b": "CN", "point": ["start", "latest", "start", "latest"]})
    text = prose.map_summary(paths)
    assert ("the share of international works with China was larger than the share with the United States only for "
            "Singapore.") in text
    flipped = paths.assign(share_b_pct=[28, 20, 15, 10])
    assert "than the share with the United States for no country." in prose.map_summary(flipped)


def test_intro_names_the_poles_and_countries():
    text = prose.intro(SHARES, ["US", "CN"], "OpenAlex", [Caveat("provisional", "openalex", "2023 is provisional.")])
    assert text.startswith("This edition's poles are the United States and China.")
    assert "covers Japan, France and Taiwan, over 2015–2023" in text and text.endswith("2023 is provisional.")


def test_for_which_names_the_few_and_counts_the_many():
    every = ["JP", "KR", "US", "CN", "TW", "DE", "GB", "FR", "AU", "IN", "SG"]
    assert prose.for_which(every, every) == "for every country"
    assert prose.for_which([], every) == "for no country"
    assert prose.for_which(["SG"], every) == "only for Singapore"
    assert prose.for_which(every[:-1], every) == "for every country but Singapore"
    # Five exceptions are too many to name: the side is counted instead.
    assert prose.for_which(every[:6], every) == "for 6 of the 11 countries"
    assert prose.for_which(every[:8], every) == "for every country but Australia, India and Singapore"
