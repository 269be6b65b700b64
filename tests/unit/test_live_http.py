"""The client's pure pieces: rate limit, budget, backoff, Retry-After, public URLs, cache."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from briefing.errors import InputError
from briefing.live.cache import HttpCache, QueryLog
from briefing.live.http import public_url
from briefing.live.retry import Budget, BudgetExhausted, RateLimit, backoff_delay, retry_after_seconds
from briefing.live.settings import settings_from_env


class FakeTime:
    def __init__(self):
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_rate_limit_spaces_requests():
    time = FakeTime()
    limit = RateLimit(4, time.clock, time.sleep)
    for _ in range(3):
        limit.wait()
    assert time.slept == [0.25, 0.25]
    time.now += 10
    limit.wait()
    assert time.slept == [0.25, 0.25]  # after a pause, no wait


def test_budget_is_never_exceeded():
    budget = Budget(2)
    budget.take("u1")
    budget.take("u2")
    with pytest.raises(BudgetExhausted, match="call budget of 2 HTTP requests used up"):
        budget.take("u3")
    assert budget.used == 2 and budget.remaining() == 0


def test_backoff_doubles_up_to_the_cap():
    assert [backoff_delay(n, 1.0, 5.0) for n in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]


@pytest.mark.parametrize(("header", "seconds"), [
    ("3", 3.0), (" 120 ", 120.0), ("Mon, 23 Nov 2026 20:00:30 GMT", 30.0),
    ("Mon, 23 Nov 2026 19:00:00 GMT", 0.0), ("soon", None), ("", None), (None, None),
])
def test_retry_after_as_seconds_or_http_date(header, seconds):
    now = datetime(2026, 11, 23, 20, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(header, now) == seconds


def test_public_url_drops_user_info_and_keeps_query_readable():
    url = public_url("https://user:pw@proxy.example/openalex/works", {"filter": "a:1,b:>1", "cursor": "*"})
    assert url == "https://proxy.example/openalex/works?filter=a:1,b:>1&cursor=*"


def test_cache_round_trip_and_damaged_entry(tmp_path):
    cache = HttpCache(tmp_path)
    assert cache.read("http://x/a?b=1") is None
    entry = cache.write("http://x/a?b=1", '{"ok": true}')
    assert cache.read("http://x/a?b=1") == entry
    cache.path("http://x/a?b=1").write_text("{not json")
    assert cache.read("http://x/a?b=1") is None
    log = QueryLog()
    log.add(entry, attempts=3, from_cache=False)
    log.add(entry, attempts=0, from_cache=True)
    assert log.calls() == 3 and log.since(1)[0]["from_cache"] is True


def test_settings_from_env():
    settings = settings_from_env({"BRIEFING_OPENALEX_URL": "http://127.0.0.1:9/oa/", "OPENALEX_API_KEY": " key-Zq9 \n",
                                  "BRIEFING_RATE_LIMIT": "50", "BRIEFING_BACKOFF": "0.01"}, budget=7)
    assert settings.base_urls["openalex"] == "http://127.0.0.1:9/oa"
    assert settings.base_urls["oecd"] == "https://sdmx.oecd.org/public/rest"
    assert settings.openalex_key == "key-Zq9" and "key-Zq9" not in repr(settings)
    assert (settings.policy.rate_per_s, settings.policy.backoff_s, settings.policy.budget) == (50.0, 0.01, 7)


@pytest.mark.parametrize(("env", "rule"), [
    ({"BRIEFING_CALL_BUDGET": "many"}, "must be a number"),
    ({"BRIEFING_RATE_LIMIT": "0"}, "must be > 0"),
    ({"BRIEFING_OECD_URL": "sdmx.oecd.org"}, "must be an http"),
])
def test_bad_settings_name_the_variable(env, rule):
    with pytest.raises(InputError, match=rule) as caught:
        settings_from_env(env)
    assert next(iter(env)) in str(caught.value)
