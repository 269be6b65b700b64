"""The executive summary from findings: ranked by what matters, a restated input left out,
each turn named, the main caveat beside each message, at most two messages a figure, and
what to watch next edition; every sentence flips with its input."""

from __future__ import annotations

from briefing.prose import summary as s

FOCUS, POLES = {"JP", "KR"}, {"US", "CN"}


def yearly(prefix: str, values: dict[int, float], unit: str = "pct", label: str = "Series", caveats=None):
    return {f"{prefix}.{y}": {"id": f"{prefix}.{y}", "label": f"{label}, {y}", "value": v, "unit": unit,
                              "source": "openalex", **({"caveats": caveats} if caveats else {})}
            for y, v in values.items()}


POLES_WORKS = yearly("poles.pair_works.US-CN", {2015: 46931, 2018: 65575, 2020: 84025, 2023: 72794}, "works")
JP_CN = yearly("exposure.share_pct.JP.CN", {2015: 15.5, 2019: 19.0, 2022: 22.1, 2023: 22.0}, label="Share of Japan's works with China")
EVENTS = {"context.events_in_window.2015-2023": {"id": "context.events_in_window.2015-2023", "label": "Events",
                                                 "value": 28, "unit": "events", "source": "seeds"}}


def highlight(finding: str, text: str, figure: str = "fig-a") -> dict:
    return {"finding": finding, "text": text, "figure": figure}


def test_a_restated_input_weighs_nothing_and_a_turned_pole_series_weighs_most():
    findings = {**POLES_WORKS, **JP_CN, **EVENTS}
    assert s.weight(EVENTS["context.events_in_window.2015-2023"], findings, FOCUS, POLES) == 0
    poles = s.weight(findings["poles.pair_works.US-CN.2023"], findings, FOCUS, POLES)
    japan = s.weight(findings["exposure.share_pct.JP.CN.2023"], findings, FOCUS, POLES)
    assert poles > japan > 0
    ranked = s.ranked([highlight("context.events_in_window.2015-2023", "28 events."),
                       highlight("exposure.share_pct.JP.CN.2023", "Japan."),
                       highlight("poles.pair_works.US-CN.2023", "Poles.")], findings, FOCUS, POLES)
    assert [h["text"] for h in ranked] == ["Poles.", "Japan."]


def test_a_message_names_the_turn_the_section_left_out_and_its_main_caveat():
    caveats = [{"kind": "provisional", "subject": "openalex", "text": "Long.", "brief": "2023 is provisional."},
               {"kind": "level_shift", "subject": "KR", "text": "Long shift.", "brief": "Korea's totals shift."}]
    findings = {**POLES_WORKS, **yearly("poles.pair_works.US-CN", {2023: 72794}, "works", caveats=caveats)}
    text = s.message(highlight("poles.pair_works.US-CN.2023", "The poles wrote 72,794 works in 2023."), findings)
    assert text == ("The poles wrote 72,794 works in 2023; it peaked in 2020 at 84,025. Korea's totals shift.")
    # Flipped: a message that already names its turn is left as written; no caveat, none added.
    plain = {**POLES_WORKS}
    written = "Their works have fallen since the 2020 peak."
    assert s.message(highlight("poles.pair_works.US-CN.2023", written), plain) == written


def test_a_spike_year_is_not_a_peak():
    spike = [{"kind": "spike", "subject": "KR-US", "text": "A spike.", "years": [2020]}]
    findings = {**yearly("exposure.share_pct.KR.US", {2015: 49.3, 2019: 47.0, 2021: 40.0, 2023: 37.9}),
                **yearly("exposure.share_pct.KR.US", {2020: 53.2}, caveats=spike)}
    assert 2020 not in s.series(findings, "exposure.share_pct.KR.US")
    text = s.message(highlight("exposure.share_pct.KR.US.2023", "Korea's share fell."), findings)
    assert "2020" not in text


def test_at_most_two_messages_cite_one_figure():
    findings = {}
    items = []
    for i, code in enumerate(["JP", "KR", "TW"]):
        findings.update(yearly(f"exposure.share_pct.{code}.CN", {2015: 10.0, 2023: 20.0 + i}))
        items.append(highlight(f"exposure.share_pct.{code}.CN.2023", code, "fig-shares"))
    for code in ("SG", "MY"):
        findings.update(yearly(f"exposure.share_pct.{code}.US", {2015: 30.0, 2023: 29.0}))
        items.append(highlight(f"exposure.share_pct.{code}.US.2023", code, f"fig-{code}"))
    chosen = [h["text"] for h in s.ranked(items, findings, FOCUS, POLES)]
    assert chosen[:2] == ["KR", "JP"] and "TW" not in chosen and {"SG", "MY"} <= set(chosen)
    # Flipped: with fewer findings of change than a page needs, a figure may be cited a third time.
    few = [h["text"] for h in s.ranked(items[:4], findings, FOCUS, POLES)]
    assert few[:2] == ["KR", "JP"] and "TW" in few and len(few) == 4


def test_what_to_watch_lists_series_a_year_from_a_turn_and_flips_when_the_step_back_grows():
    findings = {**JP_CN}
    items = s.watch_items(findings, FOCUS, POLES)
    assert [text for _, text in items] == [
        "Share of Japan's works with China: 22.0% in 2023, −0.1 percentage points from its 2022 high; a second year "
        "below it would make 2022 the turn."]
    confirmed = {**JP_CN, **yearly("exposure.share_pct.JP.CN", {2023: 20.0}, label="Share of Japan's works with China")}
    text = s.watch_items(confirmed, FOCUS, POLES)[0][1]
    assert "the first year past it; whether the turn holds, the next edition will tell" in text
    rising = {**JP_CN, **yearly("exposure.share_pct.JP.CN", {2023: 23.0}, label="x")}
    assert s.watch_items(rising, FOCUS, POLES) == []


def test_the_summary_page_lists_messages_then_what_to_watch():
    findings = {**POLES_WORKS, **JP_CN, **EVENTS}
    page = s.summary_markdown([highlight("poles.pair_works.US-CN.2023", "Poles fell since 2020.", "fig-dec-poles"),
                               highlight("context.events_in_window.2015-2023", "28 events.")], findings, FOCUS,
                              POLES, ["OpenAlex figures for 2023 are provisional."])
    assert page.startswith("- Poles fell since 2020. (@fig-dec-poles)")
    assert "28 events" not in page and "### What to watch next edition" in page
    assert "- Provisional, so the next edition may revise them: OpenAlex figures for 2023 are provisional." in page
    assert s.summary_markdown([], findings, FOCUS, POLES, []).startswith("No section of this edition")
