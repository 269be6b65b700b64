"""Live-fetch settings from the environment: base URLs, the OpenAlex key, the contact
e-mail, and the request policy (rate, budget, retries, backoff, timeout)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from briefing.errors import InputError

BASE_URLS = {
    "openalex": ("BRIEFING_OPENALEX_URL", "https://api.openalex.org"),
    "worldbank": ("BRIEFING_WORLDBANK_URL", "https://api.worldbank.org/v2"),
    "oecd": ("BRIEFING_OECD_URL", "https://sdmx.oecd.org/public/rest"),
}


@dataclass(frozen=True)
class Policy:
    """How politely and how persistently to ask."""

    rate_per_s: float = 5.0  # OpenAlex allows 100/s; the OECD is far stricter
    budget: int = 2000  # HTTP requests per run, retries included; never exceeded
    attempts: int = 5  # per URL: the first try and four retries
    backoff_s: float = 1.0  # retry n waits backoff_s * 2**n (or Retry-After, if longer)
    backoff_max_s: float = 60.0
    retry_after_max_s: float = 120.0  # a longer Retry-After (a daily quota) stops the fetch
    timeout_s: float = 60.0


@dataclass(frozen=True)
class LiveSettings:
    base_urls: dict[str, str]
    policy: Policy
    openalex_key: str = field(default="", repr=False)  # never printed, logged or written
    contact_email: str = ""
    refresh: bool = False  # ignore cached answers (they are still written)


ENV_POLICY = {
    "BRIEFING_RATE_LIMIT": ("rate_per_s", float),
    "BRIEFING_CALL_BUDGET": ("budget", int),
    "BRIEFING_HTTP_ATTEMPTS": ("attempts", int),
    "BRIEFING_BACKOFF": ("backoff_s", float),
    "BRIEFING_HTTP_TIMEOUT": ("timeout_s", float),
}


def policy_from_env(env: dict[str, str], budget: int | None = None) -> Policy:
    """The default policy with any BRIEFING_* overrides; `budget` (the CLI option) wins."""
    values: dict[str, float | int] = {}
    for name, (attr, kind) in ENV_POLICY.items():
        if env.get(name):
            try:
                values[attr] = kind(env[name])
            except ValueError:
                raise InputError(f"environment {name}", f"must be a number (got {env[name]!r})") from None
            if values[attr] <= 0:
                raise InputError(f"environment {name}", f"must be > 0 (got {env[name]!r})")
    if budget is not None:
        values["budget"] = budget
    return Policy(**values)


def settings_from_env(env: dict[str, str] | None = None, budget: int | None = None,
                      refresh: bool = False) -> LiveSettings:
    env = dict(os.environ if env is None else env)
    urls = {source: env.get(var) or default for source, (var, default) in BASE_URLS.items()}
    for source, url in urls.items():
        if not url.startswith(("http://", "https://")):
            raise InputError(f"environment {BASE_URLS[source][0]}", f"must be an http(s) URL (got {url!r})")
    return LiveSettings(base_urls={s: u.rstrip("/") for s, u in urls.items()},
                        policy=policy_from_env(env, budget),
                        openalex_key=env.get("OPENALEX_API_KEY", "").strip(),
                        contact_email=env.get("BRIEFING_CONTACT_EMAIL", "").strip(),
                        refresh=refresh)
