"""Fixtures for the print checks: the default edition built once for this folder's one
module that reads it (the build takes a while: one per test session), and a Chromium page
to measure chart SVGs in."""

from __future__ import annotations

import pytest

from briefing.config import load_edition
from briefing.infra.workspace import Workspace
from briefing.stages.build import build
from tests.browser.pages import chromium
from tests.conftest import REPO

DEFAULT_PARAMS = REPO / "params" / "2025.yml"


@pytest.fixture(scope="session")
def default_build(tmp_path_factory, mirror) -> Workspace:
    """The default edition (params/2025.yml) built and published once, end to end."""
    ws = Workspace(root=REPO, work=tmp_path_factory.mktemp("default-build"))
    build(ws, load_edition(DEFAULT_PARAMS), mirror, jobs=2, renderer="builtin")
    return ws


@pytest.fixture(scope="module")
def svg_page():
    """A blank Chromium page that chart SVGs are laid out in and measured."""
    with chromium() as browser:
        yield browser.new_page()
