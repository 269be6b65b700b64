"""English for the briefing's sentences, for every layer that writes one (prose, quality
caveats, charts' labels, the report's blocks): country names as they read inside a sentence,
lists, ordinals and years. Lists and ordinals come from `inflect`; country names from
`briefing.countries`. Numbers with units: `briefing.units`."""

from __future__ import annotations

import re
from functools import lru_cache

from briefing import countries
from briefing.units import nth


@lru_cache(maxsize=1)
def _engine():
    import inflect  # imported here: the base layer stays cheap to import

    return inflect.engine()


def name(code: str) -> str:
    return countries.name(code)


ARTICLE = re.compile(r"^(United |Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles)"
                     r"|(Islands|Republic)$")


def the(code: str) -> str:
    """A country's name as it reads inside a sentence: 'the United States', 'Japan'."""
    shown = countries.name(code)
    return f"the {shown}" if ARTICLE.search(shown) else shown


def pair_name(pair: str) -> str:
    """'JP-KR' -> 'Japan–South Korea' (the codes' order)."""
    return "\u2013".join(countries.name(c) for c in pair.split("-"))


def possessive(code: str) -> str:
    shown = the(code)
    return shown + ("'" if shown.endswith("s") else "'s")


def join_and(items: list[str]) -> str:
    """'a, b and c' (no serial comma; items keep their own commas)."""
    return _engine().join(list(items), sep=",", final_sep="") if items else ""


def join_or(items: list[str]) -> str:
    """'a, b or c': 'Trinidad and Tobago or the United States', never 'Trinidad or Tobago or ...'."""
    return _engine().join(list(items), conj="or", sep=",", final_sep="") if items else ""


def names(codes: list[str]) -> str:
    """'Japan, South Korea and China'."""
    return join_and([countries.name(c) for c in codes])


def ordinal(n: int) -> str:
    """1 -> 'highest', 2 -> 'second highest', 4 -> '4th highest'."""
    words = {1: "highest", 2: "second highest", 3: "third highest"}
    return words.get(int(n)) or f"{nth(n)} highest"


def count_word(n: int) -> str:
    """'six' for 6, '12' for 12: small counts in words, as a sentence says them."""
    return _engine().number_to_words(n) if 0 <= n <= 10 else str(n)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def decap(text: str) -> str:
    """`text` with its first word in lower case, to follow a colon, when that word is a common
    one ('The', 'No', 'Each'); a name or an acronym ('NCSES SEI ...', 'Japan ...') keeps its case."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in COMMON_STARTS else text


# Words that start a sentence only as common words, never as names.
COMMON_STARTS = {"The", "A", "An", "This", "These", "That", "Those", "It", "Its", "No", "None", "Each", "Every",
                 "Both", "In", "For", "With", "Where", "When", "Only", "There", "Some", "All", "Neither"}


def span(first: int, last: int) -> str:
    """A span of years with an en dash: '2015–2023'; one year alone: '2023'."""
    return str(int(first)) if int(first) == int(last) else f"{int(first)}–{int(last)}"


def year_runs(values, shortest: int = 3) -> list[str]:
    """Years in order, each run of at least `shortest` consecutive ones as a span:
    [2012, 2015, 2016, 2017] -> ['2012', '2015–2017']."""
    runs: list[list[int]] = []
    for year in sorted({int(y) for y in values}):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [part for run in runs
            for part in ([span(run[0], run[-1])] if len(run) >= shortest else [str(y) for y in run])]


def years(values) -> str:
    """Years for a sentence, runs of three or more as a span: '2012 and 2015–2021'."""
    return join_and(year_runs(values))


