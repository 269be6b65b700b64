"""Number formatting for prose, tables and alt text: one convention everywhere."""

from __future__ import annotations

import math
import re

from briefing import countries
from briefing.numbers import num  # noqa: F401 - fmt.num, as sections call it

MD_CHARS = r"[\\`*_{}\[\]<>#+!|~^$@]"  # what markdown reads as markup
MD_SPECIAL = re.compile(f"({MD_CHARS})")
MD_ESCAPED = re.compile(f"\\\\({MD_CHARS})")


def literal(text) -> str:
    """Text made literal for markdown (names from data and parameters put into prose or
    titles): no emphasis, links, raw HTML or citations."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def unliteral(text: str) -> str:
    """The plain text of a title written with markdown escapes (the inverse of `literal`)."""
    return MD_ESCAPED.sub(r"\1", text)



def pct(value: float, digits: int = 2) -> str:
    return "n/a" if _missing(value) else f"{value:.{digits}f}%"


def signed_pct(value: float, digits: int = 0) -> str:
    """+222% / −4% with a true minus sign."""
    if _missing(value):
        return "n/a"
    text = f"{value:+.{digits}f}%"
    return text.replace("-", "\u2212")


def pp(value: float, digits: int = 2) -> str:
    """Percentage points, signed."""
    if _missing(value):
        return "n/a"
    return f"{value:+.{digits}f} percentage points".replace("-", "\u2212")


def usd_bn(value_m: float, digits: int = 1) -> str:
    """Millions of dollars shown as billions: 172060 -> '$172.1 bn'."""
    return "n/a" if _missing(value_m) else f"${value_m / 1000:,.{digits}f} bn"


def name(code: str) -> str:
    return countries.name(code)


ARTICLE = re.compile(r"^(United |Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles)"
                     r"|(Islands|Republic)$")


def the(code: str) -> str:
    """A country's name as it reads inside a sentence: 'the United States', 'Japan'."""
    shown = countries.name(code)
    return f"the {shown}" if ARTICLE.search(shown) else shown


def possessive(code: str) -> str:
    shown = the(code)
    return shown + ("'" if shown.endswith("s") else "'s")


def join_and(items: list[str]) -> str:
    """'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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
            for part in ([f"{run[0]}–{run[-1]}"] if len(run) >= shortest else [str(y) for y in run])]


def years(values) -> str:
    """Years for a sentence, runs of three or more as a span: '2012 and 2015–2021'."""
    return join_and(year_runs(values))


def names(codes: list[str]) -> str:
    """'Japan, South Korea and China'."""
    return join_and([countries.name(c) for c in codes])


def nth(n) -> str:
    """1 -> '1st', 12 -> '12th'; missing (None, NaN, pd.NA) -> 'n/a'."""
    import pandas as pd  # ranks come from pandas columns, missing as pd.NA too

    if pd.isna(n):
        return "n/a"
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal(n: int) -> str:
    words = {1: "highest", 2: "second highest", 3: "third highest"}
    return words.get(n) or f"{nth(n)} highest"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


OMITTED = "omitted"  # the class of a div that makes `assemble` leave its chapter section out


def omitted(reason: str) -> str:
    """Markdown telling the assembled chapter to leave out the section this output sits in,
    with `reason` (one sentence: what is missing and how to add it) in its place."""
    return f"::: {{.{OMITTED}}}\n{reason.strip()}\n:::"


def marks_note(provisional=(), breaks=()) -> str:
    """What a chart's quality marks mean, for its caption: ' Hollow points: 2023, provisional.
    Shaded: the 2020 break in South Korea's series.' ('' without marks)."""
    parts = []
    if provisional:
        parts.append(f" Hollow points (or a lighter bar): {years(provisional)}, provisional.")
    parts += [f" Shaded: {label[0].lower() + label[1:]} ({year})." for year, label in breaks]
    return "".join(parts)
