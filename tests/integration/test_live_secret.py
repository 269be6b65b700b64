"""The OpenAlex API key is sent to OpenAlex and nowhere else: no file written by a live
fetch, build or publish holds it (snapshots, query log, cache, tables, site), nor does
the output. The contact e-mail is treated the same way."""

from __future__ import annotations

import pytest

from tests.conftest import CI_PARAMS
from tests.integration.conftest import live_cli

pytestmark = pytest.mark.slow
KEY = "oa-key-7Qm2xV9r-do-not-leak"
EMAIL = "analyst.secret@example.org"


def files_containing(folder, needle: str) -> list[str]:
    data = needle.encode()
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and data in p.read_bytes()]


def test_api_key_reaches_openalex_and_no_file(fake, tmp_path, mirror):
    work = tmp_path / "work"
    result = live_cli(fake, "build", "--live", "--params", str(CI_PARAMS), "--workdir", str(work),
                      "--mirror", str(mirror), "--jobs", "2", OPENALEX_API_KEY=KEY, BRIEFING_CONTACT_EMAIL=EMAIL)
    assert result.returncode == 0, result.stderr
    openalex = fake.seen("/openalex/")
    assert openalex and all(s.query.get("api_key") == KEY and s.query.get("mailto") == EMAIL for s in openalex)
    assert not [s for s in fake.seen("/worldbank/") + fake.seen("/oecd/") if "api_key" in s.query]
    assert list((work / "_site" / "ci").glob("v1/*.pdf")), "the build published a version"
    assert (work / "data" / "cache" / "http").is_dir() and (work / "data" / "raw" / "openalex").is_dir()
    for secret in (KEY, EMAIL):
        assert files_containing(work, secret) == []
        assert secret not in result.stdout + result.stderr


def test_api_key_is_not_in_the_message_of_a_failed_fetch(fake, tiny_params, tmp_path):
    fake.inject("/openalex/works", "404")
    result = live_cli(fake, "fetch", "--live", "--source", "openalex", "--params", str(tiny_params),
                      "--workdir", str(tmp_path / "w"), OPENALEX_API_KEY=KEY)
    assert result.returncode == 2 and "HTTP 404" in result.stderr
    assert KEY not in result.stdout + result.stderr
    work = tmp_path / "w"
    assert not work.exists() or files_containing(work, KEY) == []
