"""A tiny project for the stage unit tests: one chapter embedding one labelled output
of one executed section notebook, with its findings and validated-table provenance, so
assemble, render and publish run for real (pandoc, typst) in a second, without a build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from briefing.config import Edition, load_edition
from briefing.infra.workspace import Workspace
from tests.conftest import CI_PARAMS, REPO

CHAPTER = """---
title: "{{< meta title >}}"
---

## What the data show {#sec-demo}

{{< embed ../notebooks/demo.ipynb#md-demo >}}
"""


def tiny_book(folder: Path, sentence: str = "Japan and South Korea wrote **12** papers together.") -> tuple[Workspace, Edition]:
    project, work = folder / "project", folder / "work"
    (project / "chapters").mkdir(parents=True)
    (project / "notebooks").mkdir()
    (project / "data").mkdir()
    shutil.copyfile(REPO / "data" / "sources.yml", project / "data" / "sources.yml")
    (project / "_quarto.yml").write_text(yaml.safe_dump({"project": {"type": "book"},
                                                         "book": {"chapters": ["index.qmd"]}}))
    (project / "chapters" / "index.qmd").write_text(CHAPTER)
    edition = load_edition(CI_PARAMS).model_copy(update={"sections": {"demo": {}}})
    ws = Workspace(root=project, work=work)
    build = ws.build(edition.edition)
    write_section(build, sentence)
    (build / "data").mkdir(parents=True)
    (build / "data" / "inputs.json").write_text(json.dumps({"snapshots": {}, "curated": {}, "sources_yml": "0"}))
    write_pair_tables(build / "data")
    shutil.copyfile(REPO / "data" / "regions.yml", project / "data" / "regions.yml")
    return ws, edition


def write_pair_tables(data: Path) -> None:
    """Validated `pairs` and `country_output` of three countries and two years (the explorer
    of a published version reads them) and the source catalogue."""
    import pandas as pd

    pairs = pd.DataFrame({"source": "openalex", "field": "all", "year": [2021, 2022, 2022],
                          "country_a": ["JP", "JP", "CN"], "country_b": ["KR", "KR", "JP"], "works": [10, 12, 30]})
    output = pd.DataFrame({"source": "openalex", "field": "all", "year": [2021, 2022, 2022, 2022], "country": ["JP", "JP", "KR", "CN"],
                           "works_total": pd.array([None] * 4, dtype="Int64"),
                           "works_international": pd.array([100, 110, 60, 300], dtype="Int64"),
                           "works_domestic": pd.array([None] * 4, dtype="Int64")})
    pairs.to_parquet(data / "pairs.parquet", index=False)
    output.to_parquet(data / "country_output.parquet", index=False)
    (data / "sources.json").write_text(json.dumps({"datasets": {"openalex": {"short": "OpenAlex", "counting": "full"}},
                                                   "documents": {}}))


def write_section(build: Path, sentence: str) -> None:
    """The executed notebook (one labelled markdown output) and the findings of section `demo`."""
    output = {"output_type": "display_data", "data": {"text/markdown": sentence},
              "metadata": {"briefing": {"label": "md-demo", "kind": "markdown"}}}
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "source": "", "outputs": [output],
                           "execution_count": 1}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (build / "notebooks").mkdir(parents=True, exist_ok=True)
    (build / "notebooks" / "demo.ipynb").write_text(json.dumps(notebook))
    (build / "findings").mkdir(parents=True, exist_ok=True)
    findings = {"section": "demo", "findings": [{"id": "demo.works.JP-KR.2022", "label": "Works", "value": 12,
                                                 "unit": "works", "source": "test", "figure": None}]}
    (build / "findings" / "demo.json").write_text(json.dumps(findings))
