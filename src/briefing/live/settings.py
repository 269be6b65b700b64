"""Live-fetch settings from the environment (pydantic-settings): base URLs, the OpenAlex
key (a SecretStr: never printed, logged or written), the contact e-mail, and the request
policy (rate, budget, retries, backoff, timeout)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pydantic import Field, PositiveFloat, PositiveInt, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from briefing.errors import InputError

SOURCES = ("openalex", "worldbank", "oecd")


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
    openalex_key: SecretStr = field(default_factory=lambda: SecretStr(""))
    contact_email: str = ""
    refresh: bool = False  # ignore cached answers (they are still written)


class Environment(BaseSettings):
    """The variables a live fetch reads, each BRIEFING_<NAME> but the key (OPENALEX_API_KEY)."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_", env_ignore_empty=True, extra="ignore",
                                      str_strip_whitespace=True)

    openalex_url: str = "https://api.openalex.org"
    worldbank_url: str = "https://api.worldbank.org/v2"
    oecd_url: str = "https://sdmx.oecd.org/public/rest"
    openalex_api_key: SecretStr = Field(SecretStr(""), validation_alias="OPENALEX_API_KEY")
    contact_email: str = ""
    rate_limit: PositiveFloat = Policy.rate_per_s
    call_budget: PositiveInt = Policy.budget
    http_attempts: PositiveInt = Policy.attempts
    backoff: PositiveFloat = Policy.backoff_s
    http_timeout: PositiveFloat = Policy.timeout_s

    @field_validator("openalex_url", "worldbank_url", "oecd_url")
    @classmethod
    def http_url(cls, url: str) -> str:
        if not url.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return url.rstrip("/")

    @field_validator("openalex_api_key", mode="before")
    @classmethod
    def stripped(cls, key: str) -> str:
        return key.strip() if isinstance(key, str) else key


def settings_from_env(budget: int | None = None, refresh: bool = False) -> LiveSettings:
    """The settings the environment gives; `budget` (the CLI option) wins over BRIEFING_CALL_BUDGET."""
    try:
        env = Environment()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0])
        variable = name if name.isupper() else f"BRIEFING_{name.upper()}"
        shown = "***" if variable == "OPENALEX_API_KEY" else repr(error["input"])  # a key is never echoed
        raise InputError(f"environment {variable}", f"{error['msg']} (got {shown})") from None
    policy = Policy(rate_per_s=env.rate_limit, budget=env.call_budget, attempts=env.http_attempts,
                    backoff_s=env.backoff, timeout_s=env.http_timeout)
    settings = LiveSettings(base_urls={s: getattr(env, f"{s}_url") for s in SOURCES}, policy=policy,
                            openalex_key=env.openalex_api_key, contact_email=env.contact_email, refresh=refresh)
    return settings if budget is None else replace(settings, policy=replace(policy, budget=budget))
