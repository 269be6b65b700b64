"""The build stamp: when a version is published. It is the one input of a version that is not a
file: `manifest.json: published_at` records it, and the pages, the PDF and the citation files
show its day. `SOURCE_DATE_EPOCH` (the reproducible-builds.org convention: whole seconds since
1970-01-01 UTC) fixes it, so two builds give the same bytes whatever the day."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime

from briefing.errors import InputError

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def build_time() -> datetime:
    """Now (UTC, whole seconds), or the moment `SOURCE_DATE_EPOCH` names."""
    raw = os.environ.get(EPOCH_VARIABLE, "").strip()
    if not raw:
        return datetime.now(UTC).replace(microsecond=0)
    if not re.fullmatch(r"\d{1,12}", raw):
        raise InputError(EPOCH_VARIABLE, f"must be whole seconds since 1970-01-01 UTC (got {raw!r})")
    return datetime.fromtimestamp(int(raw), UTC)


def iso_stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def long_date(day: date) -> str:
    """'1 November 2026': English month names whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
