"""The HTTP client: its pure pieces (rate limit, budget, Retry-After, public URLs, cache,
settings) and its retry schedule against a real server on loopback (time injected)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from briefing.errors import InputError
from briefing.live.cache import HttpCache, QueryLog
from briefing.live.http import BadAnswer, Client, FetchError, public_url
from briefing.live.retry import Budget, BudgetExhausted, RateLimit, retry_after_seconds
from briefing.live.settings import LiveSettings, Policy, settings_from_env


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


ENV = ("BRIEFING_OPENALEX_URL", "BRIEFING_WORLDBANK_URL", "BRIEFING_OECD_URL", "OPENALEX_API_KEY",
       "BRIEFING_CONTACT_EMAIL", "BRIEFING_RATE_LIMIT", "BRIEFING_CALL_BUDGET", "BRIEFING_HTTP_ATTEMPTS",
       "BRIEFING_BACKOFF", "BRIEFING_HTTP_TIMEOUT")


@pytest.fixture
def environ(monkeypatch):
    """A clean environment for the live settings; returns a setter."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    return lambda **values: [monkeypatch.setenv(k, v) for k, v in values.items()]


def test_settings_from_env(environ):
    environ(BRIEFING_OPENALEX_URL="http://127.0.0.1:9/oa/", OPENALEX_API_KEY=" key-Zq9 \n",
            BRIEFING_RATE_LIMIT="50", BRIEFING_BACKOFF="0.01", BRIEFING_CALL_BUDGET="")
    settings = settings_from_env(budget=7)
    assert settings.base_urls["openalex"] == "http://127.0.0.1:9/oa"
    assert settings.base_urls["oecd"] == "https://sdmx.oecd.org/public/rest"
    assert settings.openalex_key.get_secret_value() == "key-Zq9"
    assert "key-Zq9" not in repr(settings) and "key-Zq9" not in str(settings)
    assert (settings.policy.rate_per_s, settings.policy.backoff_s, settings.policy.budget) == (50.0, 0.01, 7)
    assert settings.policy.attempts == Policy.attempts  # unset and empty variables keep the defaults


def test_budget_variable_applies_without_the_option(environ):
    environ(BRIEFING_CALL_BUDGET="12")
    assert settings_from_env().policy.budget == 12


@pytest.mark.parametrize(("env", "rule"), [
    ({"BRIEFING_CALL_BUDGET": "many"}, "Input should be a valid integer, unable to parse string as an integer (got 'many')"),
    ({"BRIEFING_CALL_BUDGET": "2.5"}, "Input should be a valid integer"),
    ({"BRIEFING_RATE_LIMIT": "0"}, "Input should be greater than 0 (got '0')"),
    ({"BRIEFING_HTTP_TIMEOUT": "-1"}, "Input should be greater than 0"),
    ({"BRIEFING_OECD_URL": "sdmx.oecd.org"}, "must be an http(s) URL (got 'sdmx.oecd.org')"),
])
def test_bad_settings_name_the_variable(environ, env, rule):
    environ(**env)
    with pytest.raises(InputError) as caught:
        settings_from_env()
    assert str(caught.value).startswith(f"environment {next(iter(env))}: ") and rule in str(caught.value)


# The retry schedule, against a real server ------------------------------------------------

class Script(BaseHTTPRequestHandler):
    """Answers each request with the next (status, headers, body) of the server's script."""

    def do_GET(self) -> None:
        status, headers, body = self.server.script.pop(0) if self.server.script else (200, {}, "ok")
        self.server.seen.append(self.path)
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body.encode()))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Script)
    httpd.script, httpd.seen = [], []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def client_for(tmp_path, time: FakeTime, **policy) -> Client:
    settings = LiveSettings(base_urls={}, policy=Policy(rate_per_s=1000, **policy))
    return Client(settings, HttpCache(tmp_path / "cache"), clock=time.clock, sleep=time.sleep)


def url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/data"


def checked(body: str) -> str:
    if body == "half":
        raise BadAnswer("cut off", retry=True)
    if body == "wrong":
        raise BadAnswer("breaks the schema")
    return body.upper()


def test_backoff_doubles_up_to_the_cap_and_retry_after_wins_when_longer(server, tmp_path):
    server.script = [(500, {}, "")] * 3 + [(429, {"Retry-After": "7"}, ""), (503, {}, ""), (200, {}, "half")]
    time = FakeTime()
    client = client_for(tmp_path, time, attempts=7, backoff_s=1.0, backoff_max_s=5.0)
    assert client.get(url(server), {"q": "1"}, checked) == "OK"
    waits = [s for s in time.slept if s > 0.01]  # the rate limit's own waits are a millisecond
    assert waits == [1.0, 2.0, 4.0, 7.0, 5.0, 5.0]
    assert len(server.seen) == 7 and client.log.calls() == 7 and client.budget.used == 7
    assert client.get(url(server), {"q": "1"}, checked) == "OK" and len(server.seen) == 7  # cached


@pytest.mark.parametrize(("script", "message", "sent"), [
    ([(500, {}, "down")] * 3, "gave up after 3 attempts; last: HTTP 500 Internal Server Error: down", 3),
    ([(404, {}, "no such thing")], "HTTP 404 Not Found: no such thing", 1),
    ([(200, {}, "wrong")], "breaks the schema", 1),
    ([(429, {"Retry-After": "3600"}, "")], "the server asks to wait 3600s (Retry-After)", 1),
])
def test_failures_stop_with_one_message_and_cache_nothing(server, tmp_path, script, message, sent):
    server.script = list(script)
    client = client_for(tmp_path, FakeTime(), attempts=3)
    with pytest.raises(FetchError) as caught:
        client.get(url(server), {"q": "1"}, checked)
    assert str(caught.value).startswith(f"{url(server)}?q=1: {message}")
    assert len(server.seen) == sent and not (tmp_path / "cache").exists()


def test_budget_stops_retries_before_the_request_that_would_exceed_it(server, tmp_path):
    server.script = [(500, {}, "")] * 5
    client = client_for(tmp_path, FakeTime(), attempts=5, budget=2)
    with pytest.raises(BudgetExhausted, match="call budget of 2 HTTP requests used up"):
        client.get(url(server), {"q": "1"}, checked)
    assert len(server.seen) == 2


def test_private_parameters_are_sent_but_never_in_messages(server, tmp_path):
    server.script = [(500, {}, "echo secret-k3y")] * 2
    client = client_for(tmp_path, FakeTime(), attempts=2)
    with pytest.raises(FetchError) as caught:
        client.get(url(server), {"q": "1"}, checked, private={"api_key": "secret-k3y"})
    assert "api_key=secret-k3y" in server.seen[0]
    assert "secret-k3y" not in str(caught.value) and "echo ***" in str(caught.value)
