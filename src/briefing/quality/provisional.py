"""The provisional latest year(s) of a source: a bibliographic database keeps indexing a
year's works for months after the year ends, so a year whose counts were taken before
its indexing lag had passed is provisional (its counts are likely to rise).

The date the counts were taken: for a snapshot of the source's API, its retrieval date;
for a published file in the mirror, the date its publisher took the counts
(`mirror.as_of` in data/sources.yml), since the day the file was copied says nothing
about the data. The lag: the source's `indexing_lag_months` in data/sources.yml, else
`thresholds.DEFAULT_INDEXING_LAG_MONTHS`."""

from __future__ import annotations

import calendar
from datetime import date

from briefing.quality import Caveat
from briefing.quality import thresholds as t

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def counts_taken(entry: dict) -> tuple[date, str]:
    """When `entry`'s counts were taken (a source catalogue entry with its `snapshot`), and how
    to say it: a day ('on 2024-08-27'), or a month ('in April 2023') when that is all the
    publisher says (then its first day: the earliest it can have been)."""
    snap = entry["snapshot"]
    as_of = str((entry.get("mirror") or {}).get("as_of") or "")
    if snap.get("origin", "").startswith("mirror:") and as_of:
        if len(as_of) == 7:
            year, month = (int(p) for p in as_of.split("-"))
            return date(year, month, 1), f"in {MONTH_NAMES[month - 1]} {year}"
        return date.fromisoformat(as_of), f"on {as_of}"
    day = str(snap["retrieved_at"])[:10]
    return date.fromisoformat(day), f"on {day}"


def complete_on(year: int, lag_months: int) -> date:
    """The first day a year's works count as fully indexed: `lag_months` after 31 December."""
    months = 12 * (year + 1) + lag_months  # months since year 0, counting from 1 January of year + 1
    y, m = divmod(months - 1, 12)
    return date(y, m + 1, calendar.monthrange(y, m + 1)[1])


def provisional_years(years, taken: date, lag_months: int) -> list[int]:
    """The `years` not yet complete when the counts were taken."""
    return sorted(int(y) for y in set(years) if complete_on(int(y), lag_months) > taken)


def lag_of(entry: dict) -> int:
    return int(entry.get("indexing_lag_months", t.DEFAULT_INDEXING_LAG_MONTHS))


def provisional_caveat(source: str, entry: dict, years) -> Caveat | None:
    """A caveat for the provisional years among `years` of `source` (catalogue `entry`), or None."""
    (taken, when), lag = counts_taken(entry), lag_of(entry)
    late = provisional_years(years, taken, lag)
    if not late:
        return None
    shown = late[0] if len(late) == 1 else f"{late[0]}–{late[-1]}"
    name = entry.get("short", source)
    months = (taken.year - late[-1] - 1) * 12 + taken.month
    return Caveat("provisional", source, (
        f"{name} counts for {shown} are provisional: they were taken {when}, {months} months after "
        f"the end of {late[-1]}, while a year's works keep being indexed for about {lag} months, so these counts "
        f"are likely to rise and shares built on them may still move."), source=source, years=tuple(late),
        brief=f"{name} figures for {shown} are provisional (counts taken {when.removeprefix('on ')}).",
        item=f"{name} counts for {shown} (taken {when.removeprefix('on ')})")
