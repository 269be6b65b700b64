"""The sections' key findings for the summary: judgement first, turns told from the turn,
and each sentence flipping with its input."""

from __future__ import annotations

from briefing.findings.model import Finding
from briefing.prose import highlights as h


def items(values: dict[str, float], unit: str = "works") -> dict[str, Finding]:
    return {k: Finding(k, "label", v, unit, "openalex") for k, v in values.items()}


def growth(pair: str, value: float) -> dict[str, Finding]:
    return items({f"partnership.growth_pct.{pair}.2015-2023": value}, "pct_change")


def name(pair: str) -> str:
    return {"JP-KR": "Japan–South Korea", "CN-JP": "China–Japan", "CN-KR": "China–South Korea"}[pair]


def test_the_pair_message_compares_its_growth_and_flips_when_it_falls():
    found = {**items({"pair.works.JP-KR.2015": 2710, "pair.works.JP-KR.2023": 3667}), **growth("JP-KR", 35.0),
             **growth("CN-JP", 95.0), **growth("CN-KR", 169.0)}
    text = h.pair_highlights(found, "JP-KR", "Japan–South Korea", "OpenAlex", ["CN-JP", "CN-KR"], name)[0]["text"]
    assert text == ("Japan–South Korea co-authorship grew less than China–Japan and China–South Korea (+95% and "
                    "+169%): the number of works it co-authored in OpenAlex rose from 2,710 in 2015 to 3,667 in 2023 "
                    "(+35%).")
    fell = {**found, **items({"pair.works.JP-KR.2023": 2000}), **growth("JP-KR", -26.0)}
    text = h.pair_highlights(fell, "JP-KR", "Japan–South Korea", "OpenAlex", ["CN-JP", "CN-KR"], name)[0]["text"]
    assert text.startswith("Japan–South Korea co-authorship fell while China–Japan and China–South Korea grew")


def test_the_rank_message_follows_the_direction_of_the_rank():
    found = items({"pair.rank.asia-pacific.JP-KR.2015": 7, "pair.rank.asia-pacific.JP-KR.2023": 15, "partnership.region_pairs_ranked.asia-pacific.2023": 91},
                  "rank")
    text = h.pair_highlights(found, "JP-KR", "Japan–South Korea", "OpenAlex", [], name, "Asia-Pacific")[0]["text"]
    assert text == ("Japan–South Korea fell among the Asia-Pacific country pairs by co-authored works, from 7th in "
                    "2015 to 15th of 91 in 2023.")
    up = {**found, **items({"pair.rank.asia-pacific.JP-KR.2023": 3}, "rank")}
    assert " rose among " in h.pair_highlights(up, "JP-KR", "Japan–South Korea", "OpenAlex", [], name,
                                               "Asia-Pacific")[0]["text"]
    same = {**found, **items({"pair.rank.asia-pacific.JP-KR.2023": 7}, "rank")}
    assert h.pair_highlights(same, "JP-KR", "Japan–South Korea", "OpenAlex", [], name, "Asia-Pacific")[0]["text"] == (
        "Japan–South Korea kept its place among the Asia-Pacific country pairs by co-authored works: 7th of 91 in "
        "2015 and in 2023.")


def test_exposure_messages_tell_the_poles_pair_from_its_peak():
    found = items({"poles.pair_works.US-CN.2015": 46931, "poles.pair_works.US-CN.2020": 84025, "poles.pair_works.US-CN.2023": 72794})
    text = h.exposure_highlights(found, ["JP"], "US", "CN")[0]["text"]
    assert text == ("The number of works co-authored by the United States and China has fallen since its 2020 peak of "
                    "84,025, to 72,794 in 2023 (−13%; 46,931 in 2015).")
    rising = items({"poles.pair_works.US-CN.2015": 46931, "poles.pair_works.US-CN.2020": 60000, "poles.pair_works.US-CN.2023": 72794})
    assert "China rose from 46,931 in 2015" in h.exposure_highlights(rising, ["JP"], "US", "CN")[0]["text"]


def test_the_rate_message_names_who_is_lower_and_flips_when_it_leads():
    found = items({"output.intl_rate_pct.JP.2015": 26.2, "output.intl_rate_pct.JP.2022": 31.8,
                   "output.intl_rate_pct.CN.2022": 18.7, "output.intl_rate_pct.DE.2022": 55.8,
                   "output.intl_rate_pct.GB.2022": 66.5}, "pct")
    text = h.rate_highlights(found, ["JP"], "NCSES SEI")[0]["text"]
    assert text.startswith("In NCSES SEI, the share of Japan's articles with a co-author abroad rose from 26.2%")
    assert text.endswith("; only China's is lower.")
    found["output.intl_rate_pct.JP.2022"] = Finding("x", "l", 90.0, "pct", "ncses")
    assert h.rate_highlights(found, ["JP"], "NCSES SEI")[0]["text"].endswith("higher than in every other country compared.")
