"""The one HTTP client of a live run: rate limit, retries (tenacity) with exponential
backoff on 429 (honouring Retry-After), 5xx, timeouts, broken connections and cut-off
bodies; a call budget never exceeded; an on-disk cache; a query log.

Private parameters (the OpenAlex `api_key`, the contact `mailto`) are added to the
request as it is sent and nowhere else: URLs in the cache, the log, snapshots and
error messages are the public URL, without them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import httpx
from tenacity import RetryCallState, RetryError, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from briefing import __version__
from briefing.errors import InputError
from briefing.live.cache import HttpCache, QueryLog
from briefing.live.retry import Budget, RateLimit, retry_after_seconds
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


class _Again(Exception):
    """A failed attempt worth repeating (already scrubbed of private values), with the
    server's Retry-After when it gave one."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


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
        body, value, attempts = self._fetch(url, {**params, **private}, public, check)
        self.log.add(self.cache.write(public, body), attempts=attempts, from_cache=False)
        return value

    def _checked(self, public: str, body: str, check: Check[T]) -> T:
        try:
            return check(body)
        except BadAnswer as bad:
            raise FetchError(public, bad.reason) from None

    def _fetch(self, url: str, params: dict[str, str], public: str, check: Check[T]) -> tuple[str, T, int]:
        """Ask until an answer passes `check`: at most `attempts` requests, waiting backoff_s,
        2 backoff_s, ... (capped) between them, or as long as Retry-After says if longer."""
        backoff = wait_exponential(multiplier=self.policy.backoff_s, max=self.policy.backoff_max_s)

        def wait(state: RetryCallState) -> float:
            return max(backoff(state), state.outcome.exception().retry_after or 0.0)

        retrying = Retrying(stop=stop_after_attempt(self.policy.attempts), wait=wait,
                            retry=retry_if_exception_type(_Again), sleep=self.sleep)
        try:
            body, value = retrying(self._attempt, url, params, public, check)
        except RetryError as exc:
            last = exc.last_attempt.exception()
            raise FetchError(public, f"gave up after {self.policy.attempts} attempts; last: {last}") from None
        return body, value, retrying.statistics["attempt_number"]

    def _attempt(self, url: str, params: dict[str, str], public: str, check: Check[T]) -> tuple[str, T]:
        """One request within the budget and the rate limit: the body and its checked value,
        or _Again (worth repeating) or FetchError (not)."""
        self.budget.take(public)
        self.rate.wait()
        try:
            response = self.http.get(url, params=params)
        except httpx.TimeoutException:
            raise _Again(f"no answer within {self.policy.timeout_s:g}s (timeout)") from None
        except httpx.TransportError as exc:
            raise _Again(self.scrub(f"connection failed ({type(exc).__name__}: {exc})")) from None
        if response.status_code in RETRY_STATUSES:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            if retry_after is not None and retry_after > self.policy.retry_after_max_s:
                raise FetchError(public, f"the server asks to wait {retry_after:.0f}s (Retry-After), more than "
                                         f"the {self.policy.retry_after_max_s:.0f}s a fetch waits: a daily quota? "
                                         "Try again later; answers so far are cached")
            raise _Again(self.scrub(server_message(response)), retry_after)
        if response.status_code != 200:
            raise FetchError(public, self.scrub(server_message(response)))
        try:
            return response.text, check(response.text)
        except BadAnswer as bad:
            if bad.retry:
                raise _Again(self.scrub(bad.reason)) from None
            raise FetchError(public, self.scrub(bad.reason)) from None

    def scrub(self, text: str) -> str:
        """`text` with every private value masked: exception texts are not trusted to omit them."""
        for value in self.private_values:
            text = text.replace(value, "***")
        return text

