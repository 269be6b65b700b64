"""The summary's key-figures chart from findings: one panel a message with a yearly series, in the
messages' order, each series once, at most six; a change over a span drawn from the series its
test names, over the span; a turn, a break and a provisional year marked only where the findings
have one, and the caption and alt text saying so; no chart, no file, for fewer than two series;
the same bytes twice; three panels a row in print, one on a phone."""

from __future__ import annotations

import json

from briefing.report import key_figures as k

PROVISIONAL = [{"kind": "provisional", "subject": "openalex", "text": "2023 is provisional.", "years": [2023]}]
SHIFT = [{"kind": "level_shift", "subject": "KR", "text": "Korea's totals shift.", "years": [2020]}]
SPIKE = [{"kind": "spike", "subject": "KR-US", "text": "A spike.", "years": [2020]}]
CATALOGUE = {"datasets": {"openalex": {"short": "OpenAlex"}, "oecd": {"short": "OECD"}}}


def yearly(prefix, values, unit="pct", label="Series", caveats=None, source="openalex"):
    return {f"{prefix}.{y}": {"id": f"{prefix}.{y}", "label": f"{label}, {y}", "value": v, "unit": unit,
                              "source": source, "caveats": list(caveats(y) if callable(caveats) else caveats or [])}
            for y, v in values.items()}


def on(years, caveats):
    return lambda y: caveats if y in years else []


POLES = yearly("poles.pair_works.US-CN", {2015: 46931, 2018: 65575, 2020: 84025, 2021: 80000, 2023: 72794}, "works",
               "Works co-authored by the United States and China", on({2023}, PROVISIONAL))
KR_US = yearly("exposure.share_pct.KR.US", {2015: 49.3, 2017: 47.0, 2019: 45.0, 2020: 44.0, 2021: 41.0, 2023: 37.9},
               label="Share of South Korea's works with the United States", caveats=SHIFT)
GERD = {**yearly("funding.gerd_usd_ppp_m_const2015.KR", {2014: 70000.0, 2015: 76922.0, 2019: 99971.0, 2022: 119644.0,
                                                         2023: 125000.0}, "usd_ppp_m_const2015", "GERD, South Korea",
                 source="oecd"),
        "funding.gerd_const_growth_pct.KR.2015-2022": {
            "id": "funding.gerd_const_growth_pct.KR.2015-2022", "label": "Change in GERD, South Korea, 2015–2022",
            "value": 55.5, "unit": "pct_change", "source": "oecd", "caveats": [],
            "robustness": {"holds": True, "series": "funding.gerd_usd_ppp_m_const2015.KR"}}}


def message(finding):
    return {"finding": finding, "text": "A message.", "figure": "fig-a"}


def test_a_panel_a_message_in_order_each_series_once():
    findings = {**POLES, **KR_US}
    chosen = [message("exposure.share_pct.KR.US.2023"), message("poles.pair_works.US-CN.2023"),
              message("exposure.share_pct.KR.US.2021")]
    found = k.panels(chosen, findings)
    assert [p.prefix for p in found] == ["exposure.share_pct.KR.US", "poles.pair_works.US-CN"]
    assert found[0].title == "Share of South Korea's works with the United States"
    # A message about an earlier year draws its series up to that year only.
    early = k.panels([message("exposure.share_pct.KR.US.2021")], findings)[0]
    assert max(early.values) == 2021


def test_marks_only_where_the_findings_have_them():
    poles, korea = k.panels([message("poles.pair_works.US-CN.2023"), message("exposure.share_pct.KR.US.2023")],
                            {**POLES, **KR_US})
    assert poles.turn == ("peak", 2020) and poles.provisional == (2023,) and poles.breaks == ()
    assert korea.turn is None and korea.breaks == (2020,) and korea.provisional == ()
    assert k.caption([poles]) == ("Key figures: the series behind the key findings, in their order, first year to "
                                  "latest; a labelled point, a peak or low; a hollow point, a provisional year")
    assert "dashed" in k.caption([korea]) and "hollow" not in k.caption([korea]) and "peak" not in k.caption([korea])
    alt = k.alt_text([poles, korea])
    assert alt.startswith("Two small line charts")
    assert "46,931 in 2015, a peak of 84,025 in 2020, 72,794 in 2023" in alt
    assert "49.3% in 2015, 37.9% in 2023 (a break in the source's series in 2020)" in alt


def test_a_spike_year_is_left_out_of_its_panel():
    findings = {**KR_US, **yearly("exposure.share_pct.KR.US", {2020: 53.2}, caveats=SPIKE)}
    panel = k.panels([message("exposure.share_pct.KR.US.2023")], findings)[0]
    assert 2020 not in panel.values and panel.turn is None


def test_a_change_over_a_span_draws_the_series_it_was_computed_from_over_the_span():
    panel = k.panels([message("funding.gerd_const_growth_pct.KR.2015-2022")], GERD)[0]
    assert panel.prefix == "funding.gerd_usd_ppp_m_const2015.KR"
    assert sorted(panel.values) == [2015, 2019, 2022] and panel.source == "oecd"
    # Without the series its test names, a span has nothing to draw.
    bare = {**GERD, "funding.gerd_const_growth_pct.KR.2015-2022": {
        **GERD["funding.gerd_const_growth_pct.KR.2015-2022"], "robustness": {"holds": True}}}
    assert k.panels([message("funding.gerd_const_growth_pct.KR.2015-2022")], bare) == []


def test_fewer_than_two_series_draw_no_chart_and_write_nothing(tmp_path):
    markdown, meta = k.key_figures([message("poles.pair_works.US-CN.2023")], POLES, CATALOGUE, tmp_path)
    assert (markdown, meta) == ("", None) and list(tmp_path.iterdir()) == []
    k.save_meta(tmp_path, None)
    assert k.outputs(tmp_path) == {}


def test_at_most_six_panels():
    findings, chosen = {}, []
    for i in range(8):
        findings |= yearly(f"pair.works.AA-B{i}", {2015: 100 + i, 2023: 200 + i}, "works", f"Pair {i}")
        chosen.append(message(f"pair.works.AA-B{i}.2023"))
    assert len(k.panels(chosen, findings)) == k.MAX_PANELS == 6


def test_the_chart_its_files_and_its_markdown(tmp_path):
    chosen = [message("poles.pair_works.US-CN.2023"), message("exposure.share_pct.KR.US.2023"),
              message("funding.gerd_const_growth_pct.KR.2015-2022"), message("pair.works.JP-KR.2023")]
    findings = {**POLES, **KR_US, **GERD, **yearly("pair.works.JP-KR", {2015: 2710, 2023: 3667}, "works",
                                                   "Co-authored works, Japan–South Korea")}
    markdown, meta = k.key_figures(chosen, findings, CATALOGUE, tmp_path / "a")
    assert markdown.startswith("![Key figures: the series behind the key findings")
    assert "{#key-figures fig-alt=\"Four small line charts" in markdown
    assert "Source: OpenAlex; OECD. [Data (CSV)](figures/key-figures.csv)" in markdown
    spec = json.loads((tmp_path / "a" / "key-figures.vl.json").read_text())
    assert spec["columns"] == 3 and len(spec["concat"]) == 4
    phone = spec["usermeta"]["briefing"]["variants"][0]
    assert phone["frame"] == "phone" and phone["spec"]["columns"] == 1
    titles = [p["title"]["text"] for p in spec["concat"]]
    assert len({len(t) if isinstance(t, list) else 1 for t in titles[:3]}) == 1  # a row's plots start level
    rows = (tmp_path / "a" / "key-figures.csv").read_text().splitlines()
    assert rows[0] == "panel,label,series_id,year,value,unit,provisional"
    assert rows[1] == "1,Works co-authored by the United States and China,poles.pair_works.US-CN,2015,46931,works,False"
    # Same inputs, same bytes.
    k.key_figures(chosen, findings, CATALOGUE, tmp_path / "b")
    for name in ("key-figures.vl.json", "key-figures.svg", "key-figures.csv", "key-figures.png"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    k.save_meta(tmp_path, meta)
    assert k.outputs(tmp_path)["key-figures"]["caption"].startswith("Key figures:")


def test_the_last_chart_drawn_is_kept_and_reused_only_for_the_same_data(tmp_path):
    chosen = [message("poles.pair_works.US-CN.2023"), message("exposure.share_pct.KR.US.2023")]
    findings = {**POLES, **KR_US}
    cache = tmp_path / "cache"
    (tmp_path / "a").mkdir()
    k.key_figures(chosen, findings, CATALOGUE, tmp_path / "a", cache)
    (kept,) = cache.iterdir()
    (kept / "key-figures.svg").write_text("<svg>kept</svg>")  # a marker: a reuse copies the kept file
    (tmp_path / "b").mkdir()
    k.key_figures(chosen, findings, CATALOGUE, tmp_path / "b", cache)
    assert (tmp_path / "b" / "key-figures.svg").read_text() == "<svg>kept</svg>"
    # Other data: drawn again, and only the new chart is kept.
    changed = {**findings, **yearly("poles.pair_works.US-CN", {2023: 70000}, "works",
                                    "Works co-authored by the United States and China", on({2023}, PROVISIONAL))}
    (tmp_path / "c").mkdir()
    k.key_figures(chosen, changed, CATALOGUE, tmp_path / "c", cache)
    assert (tmp_path / "c" / "key-figures.svg").read_text().startswith("<svg xmlns")
    assert [p.name for p in cache.iterdir()] != [kept.name] and len(list(cache.iterdir())) == 1
