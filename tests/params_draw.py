"""Editions drawn at random, from a seed, out of what the source mirror covers: the property
test's parameters (tests/integration/test_property_params.py). Read with code of the tests'
own from the raw files (the OpenAlex pair table, `data/regions.yml`), never with `briefing`:

- a window of 4 to 9 years inside the pair table's years;
- a focus pair of two countries whose pair has at least `MIN_WORKS` co-authored works in every
  year of the window;
- two poles, neither of the focus pair, each with that many works with each focus country and
  with the other pole, in the edition's (random) order;
- a named region holding both focus countries, else any region, extended by them
  (`briefing new --extend-region`);
- none, one or two more countries compared, each with international works in every year.

`Draw.new_args()` are the options of `briefing new` that write the edition as a user would."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tests.raw_series import openalex

REPO = Path(__file__).resolve().parents[1]
MIN_WORKS = 20  # co-authored works a year for a pair to count as having data that year
MIN_YEARS, MAX_YEARS = 4, 9


@dataclass(frozen=True)
class Draw:
    seed: int
    window: tuple[int, int]
    focus: tuple[str, str]
    poles: tuple[str, str]
    region: str  # a key of data/regions.yml
    extend: bool  # the region lacks a focus country: `--extend-region`
    countries: tuple[str, ...]  # compared besides the focus pair and poles

    @property
    def edition(self) -> str:
        return f"prop-{self.seed}"

    def new_args(self) -> list[str]:
        args = ["--focus", *self.focus, "--poles", *self.poles, "--region", self.region,
                "--window", f"{self.window[0]}-{self.window[1]}", "--edition", self.edition]
        args += ["--countries", *self.countries] if self.countries else []
        return args + (["--extend-region"] if self.extend else [])

    def __str__(self) -> str:
        """What reproduces the edition: the seed and the `briefing new` options it draws."""
        return f"seed {self.seed} (briefing new {' '.join(self.new_args())})"


@lru_cache(maxsize=2)
def yearly_works(mirror: Path) -> dict[tuple[str, str], dict[int, int]]:
    """{(a, b): {year: works}} of the OpenAlex pair table, a <= b; (c, c) is c's international total."""
    found: dict[tuple[str, str], dict[int, int]] = {}
    rows = openalex(mirror)
    for year, a, b, works in zip(rows["year"], rows["country_a"], rows["country_b"], rows["works"], strict=True):
        found.setdefault((a, b), {})[int(year)] = int(works)
    return found


@lru_cache(maxsize=1)
def regions() -> dict[str, list[str]]:
    data = yaml.load((REPO / "data" / "regions.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {key: list(entry["countries"]) for key, entry in data["regions"].items()}


def _steady(works: dict[int, int] | None, window: tuple[int, int]) -> bool:
    return works is not None and all(works.get(y, 0) >= MIN_WORKS for y in range(window[0], window[1] + 1))


def draw(mirror: Path, seed: int) -> Draw:
    """One edition's parameters from `seed`: the same seed, the same draw."""
    rng = random.Random(seed)
    table = yearly_works(mirror)
    first, last = min(min(w) for w in table.values()), max(max(w) for w in table.values())
    length = rng.randint(MIN_YEARS, MAX_YEARS)
    end = rng.randint(first + length - 1, last)
    window = (end - length + 1, end)

    def linked(a: str, b: str) -> bool:
        return _steady(table.get(tuple(sorted((a, b)))), window)

    with_data = sorted(c for (a, c) in table if a == c and linked(c, c))
    pairs = sorted((a, b) for (a, b), works in table.items() if a < b and a in with_data and b in with_data
                   and _steady(works, window))
    while True:
        focus = rng.choice(pairs)
        poles = [c for c in with_data if c not in focus and all(linked(c, f) for f in focus)]
        pole_pairs = [(p, q) for p in poles for q in poles if p < q and linked(p, q)]
        if pole_pairs:
            break
    pole_a, pole_b = rng.sample(rng.choice(pole_pairs), 2)
    holding = sorted(k for k, members in regions().items() if set(focus) <= set(members))
    region = rng.choice(holding or sorted(regions()))
    others = [c for c in with_data if c not in (*focus, pole_a, pole_b)]
    countries = tuple(rng.sample(others, rng.randint(0, 2)))
    return Draw(seed, window, tuple(rng.sample(focus, 2)), (pole_a, pole_b), region, not holding, countries)
