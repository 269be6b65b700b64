"""Reading finding ids: the year or span an id ends with, the country codes it names, and the
slug that stands for a region in ids (`pair.rank.asia-pacific.JP-KR.2023`)."""

from __future__ import annotations

import re

YEAR = re.compile(r"^\d{4}$")
SPAN = re.compile(r"^(\d{4})-(\d{4})$")
CODE = re.compile(r"^[A-Z]{2}$")


def split_id(finding_id: str) -> tuple[str, int | None]:
    """'pair.works.JP-KR.2023' -> ('pair.works.JP-KR', 2023); no year -> (id, None)."""
    head, _, last = finding_id.rpartition(".")
    return (head, int(last)) if YEAR.match(last) else (finding_id, None)


def period(finding_id: str) -> tuple[int, int] | None:
    """The years an id ends with: (2023, 2023) for a year, (2015, 2023) for a span, else None."""
    last = finding_id.rpartition(".")[2]
    if YEAR.match(last):
        return int(last), int(last)
    found = SPAN.match(last)
    return (int(found[1]), int(found[2])) if found else None


def codes(finding_id: str) -> set[str]:
    """The country codes an id names ('exposure.share_pct.JP.CN.2023' -> {JP, CN})."""
    return {p for part in finding_id.split(".")[2:] for p in part.split("-") if CODE.match(p)}


def slug(name: str) -> str:
    """A region's name as an id part: 'Asia-Pacific' -> 'asia-pacific', 'EU 27' -> 'eu-27'."""
    found = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not found:
        raise ValueError(f"region name {name!r} has no letter or digit to name it by in finding ids")
    return found
