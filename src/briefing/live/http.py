"""The one HTTP client of a live run: rate limit, retries with exponential backoff on
429 (honouring Retry-After), 5xx, timeouts, broken connections and cut-off bodies;
a call budget never exceeded; an on-disk cache; a query log.

Private parameters (the OpenAlex `api_key`, the contact `mailto`) are added to the
request as it is sent and nowhere else: URLs in the cache, the log, snapshots and
error messages are the public URL, without them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from briefing import __version__
from briefing.errors import InputError
from briefing.live.cache import HttpCache, QueryLog
from briefing.live.retry import Budget, RateLimit, backoff_delay, retry_after_seconds
from briefing.live.settings import LiveSettings

T = TypeVar("T")
Check = Callable[[str], T]
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(InputError):
    """An API answer that cannot be used: wrong, refused, or still failing after retries (exit 2)."""


class BadAnswer(Exception):
    """Raised by a check: `retry` when the body looks cut off (it does not parse), not when it
    parses but breaks the documented schema (asking again would give the same)."""

    def __init__(self, reason: str, retry: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.retry = retry


@dataclass(frozen=True)
class Outcome:
    ok: bool
    body: str = ""
    value: Any = None
    reason: str = ""
    retry: bool = True
    retry_after: float | None = None


def public_url(url: str, params: dict[str, str]) -> str:
    """The URL as logged and cached: no user-info, readable query, no private parameters."""
    base = httpx.URL(url)
    if base.userinfo:
        base = base.copy_with(userinfo=b"")
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{base}?{query}" if query else str(base)


def server_message(response: httpx.Response) -> str:
    """The first line of what the server said, for an error message."""
    text = response.text.strip().splitlines()[0][:300] if response.text.strip() else ""
    return f"HTTP {response.status_code} {response.reason_phrase}" + (f": {text}" if text else "")


class Client:
    def __init__(self, settings: LiveSettings, cache: HttpCache, *,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.policy = settings.policy
        self.refresh = settings.refresh
        self.cache = cache
        self.log = QueryLog()
        self.budget = Budget(self.policy.budget)
        self.rate = RateLimit(self.policy.rate_per_s, clock, sleep)
        self.sleep = sleep
        agent = f"briefing/{__version__} (research-collaboration briefing)"
        if settings.contact_email:
            agent += f" mailto:{settings.contact_email}"
        self.http = httpx.Client(timeout=self.policy.timeout_s, follow_redirects=True,
                                 headers={"User-Agent": agent})
        self.private_values: list[str] = []

    def close(self) -> None:
        self.http.close()

    def is_cached(self, url: str, params: dict[str, str]) -> bool:
        return not self.refresh and self.cache.read(public_url(url, params)) is not None

    def get(self, url: str, params: dict[str, str], check: Check[T], private: dict[str, str] | None = None) -> T:
        """The checked answer for `url?params`, from the cache or the network."""
        public = public_url(url, params)
        cached = None if self.refresh else self.cache.read(public)
        if cached is not None:
            value = self._checked(public, cached.body, check)
            self.log.add(cached, attempts=0, from_cache=True)
            return value
        private = {k: v for k, v in (private or {}).items() if v}
        self.private_values = sorted(set(self.private_values) | set(private.values()), key=len, reverse=True)
        outcome, attempts = self._fetch(url, {**params, **private}, public, check)
        self.log.add(self.cache.write(public, outcome.body), attempts=attempts, from_cache=False)
        return outcome.value

    def _checked(self, public: str, body: str, check: Check[T]) -> T:
        try:
            return check(body)
        except BadAnswer as bad:
            raise FetchError(public, bad.reason) from None

    def _fetch(self, url: str, params: dict[str, str], public: str, check: Check) -> tuple[Outcome, int]:
        last = ""
        for attempt in range(self.policy.attempts):
            self.budget.take(public)
            self.rate.wait()
            outcome = self._try_once(url, params, check)
            if outcome.ok:
                return outcome, attempt + 1
            if not outcome.retry:
                raise FetchError(public, self.scrub(outcome.reason))
            last = self.scrub(outcome.reason)
            if attempt + 1 < self.policy.attempts:
                self.sleep(self._delay(public, attempt, outcome.retry_after))
        raise FetchError(public, f"gave up after {self.policy.attempts} attempts; last: {last}")

    def _delay(self, public: str, attempt: int, retry_after: float | None) -> float:
        delay = backoff_delay(attempt, self.policy.backoff_s, self.policy.backoff_max_s)
        if retry_after is None:
            return delay
        if retry_after > self.policy.retry_after_max_s:
            raise FetchError(public, f"the server asks to wait {retry_after:.0f}s (Retry-After), more than the "
                                     f"{self.policy.retry_after_max_s:.0f}s a fetch waits: a daily quota? "
                                     "Try again later; answers so far are cached")
        return max(delay, retry_after)

    def _try_once(self, url: str, params: dict[str, str], check: Check) -> Outcome:
        try:
            response = self.http.get(url, params=params)
        except httpx.TimeoutException:
            return Outcome(ok=False, reason=f"no answer within {self.policy.timeout_s:g}s (timeout)")
        except httpx.TransportError as exc:
            return Outcome(ok=False, reason=f"connection failed ({type(exc).__name__}: {exc})")
        if response.status_code in RETRY_STATUSES:
            return Outcome(ok=False, reason=server_message(response),
                           retry_after=retry_after_seconds(response.headers.get("Retry-After")))
        if response.status_code != 200:
            return Outcome(ok=False, retry=False, reason=server_message(response))
        try:
            return Outcome(ok=True, body=response.text, value=check(response.text))
        except BadAnswer as bad:
            return Outcome(ok=False, retry=bad.retry, reason=bad.reason)

    def scrub(self, text: str) -> str:
        """`text` with every private value masked: exception texts are not trusted to omit them."""
        for value in self.private_values:
            text = text.replace(value, "***")
        return text

