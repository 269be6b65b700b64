"""The pieces of polite persistence around tenacity's retries: a rate limit, a call
budget and Retry-After. Time is injected (clock, sleep) so tests run fast and exactly."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from briefing.errors import InputError


class RateLimit:
    """At most `per_second` requests a second: each waits until 1/per_second after the last."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / per_second
        self.clock = clock
        self.sleep = sleep
        self.next_at: float | None = None

    def wait(self) -> None:
        now = self.clock()
        if self.next_at is not None and now < self.next_at:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


class BudgetExhausted(InputError):
    """The run's call budget is spent: stop before sending one request more."""


class Budget:
    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0

    def remaining(self) -> int:
        return self.limit - self.used

    def take(self, url: str) -> None:
        """Count one request, or raise if it would exceed the budget."""
        if self.used >= self.limit:
            raise BudgetExhausted(url, f"call budget of {self.limit} HTTP requests used up before this request; "
                                       "no snapshot written. Answers so far are cached: rerun with a larger "
                                       "--budget and they cost nothing")
        self.used += 1


def retry_after_seconds(header: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date (RFC 9110); None if absent or unreadable."""
    if not header:
        return None
    value = header.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
