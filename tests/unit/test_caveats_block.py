"""The methods appendix's list of data-quality caveats (`{{< briefing caveats >}}`)."""

from __future__ import annotations

import json

from briefing.config import load_edition
from briefing.report import blocks
from tests.conftest import CI_PARAMS

SHIFT = {"kind": "level_shift", "subject": "KR", "text": "South Korea's series jumps in 2020."}


def test_each_caveat_is_listed_once_in_words_without_the_finding_ids(tmp_path, monkeypatch):
    # Finding ids are plumbing (findings.json lists them): the list once showed "findings
    # `pair.rank.oecd.MX-PL.2004`" to readers (property test, seed 12).
    edition = load_edition(CI_PARAMS)
    (tmp_path / "findings").mkdir()
    for section in edition.sections:
        items = [{"id": f"{section}.x.KR.{y}", "caveats": [SHIFT]} for y in (2020, 2021)]
        (tmp_path / "findings" / f"{section}.json").write_text(json.dumps({"findings": items}))
    monkeypatch.setattr(blocks, "quality_rules", lambda ctx: "Rules.")
    ctx = blocks.Context(edition=edition, build=tmp_path, site=tmp_path, renderer={}, baseline=None)
    touched = 2 * len(edition.sections)  # two findings of each section carry it
    assert blocks.caveats(ctx) == f"Rules.\n\n- South Korea's series jumps in 2020. (level shift; {touched} findings)"
