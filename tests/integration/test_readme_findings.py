"""Every finding id the README gives as an example is one the default edition produces:
it matches a template a section notebook records, its countries, years and cuts are
the default edition's (params/2025.yml), and the CI build produced ids of that template.
Cheap: no build of the default edition, only the shared CI build."""

from __future__ import annotations

import json
import re

import pytest

from briefing.config import load_edition
from briefing.sources import indicators
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"`((?:pair|exposure|scenario|funding|partnership|share|poles|partners|context)\.[^`\s]+)`",
                      README.split("Finding ids are public interface", 1)[1].split("\n\n", 1)[0])
DEFAULT = load_edition(REPO / "params" / "2025.yml")


def templates() -> list[str]:
    """Every `id="..."` a section notebook records, and each registry indicator's
    `funding.<indicator>.{country}.{year}`, placeholders in braces."""
    found = {f"funding.{ind}.{{country}}.{{year}}" for ind in indicators.for_root(REPO).indicators}
    for path in (REPO / "notebooks").glob("*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            found.update(re.findall(r'id=f?"([a-z_]+\.[^"]+)"', "".join(cell["source"])))
    return sorted(found)


def pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>[^.]+)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$")


def valid_for_default(name: str, value: str) -> bool:
    codes = set(DEFAULT.countries) | set(DEFAULT.focus_pair) | set(DEFAULT.poles) | set(DEFAULT.region.countries)
    window = range(DEFAULT.window.start, DEFAULT.window.end + 1)
    if name in ("country", "partner", "pole"):
        return value in codes
    if name == "pair":
        return value == "-".join(sorted(DEFAULT.focus_pair)) or set(value.split("-")) <= codes
    if name.startswith("year") or name in ("start", "end"):
        return int(value) in window
    if name == "cut_pct":
        return int(value) in DEFAULT.scenarios.cuts_pct
    return True


def test_the_readme_gives_examples():
    assert len(EXAMPLES) >= 4, EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_example_is_produced_by_the_default_edition(example, ci_build):
    matches = [(t, m) for t in templates() if (m := pattern(t).match(example))]
    assert matches, f"no section records an id like {example}"
    template, match = matches[0]
    bad = {k: v for k, v in match.groupdict().items() if not valid_for_default(k, v)}
    assert not bad, f"{example}: {bad} are not in params/2025.yml"
    produced = [f["id"] for path in (ci_build.build("ci") / "findings").glob("*.json")
                for f in json.loads(path.read_text())["findings"]]
    assert any(pattern(template).match(i) for i in produced), f"the CI build produced no id like {template}"
