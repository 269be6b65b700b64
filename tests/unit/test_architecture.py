"""The house's shape, checked: no import cycles (imports inside functions count; the graph
is the one the code fingerprints use), stages imported only by the command line and by
other stages, and docs/architecture.md naming every package of src/briefing."""

from __future__ import annotations

import pytest

from briefing.infra.fingerprint import import_graph
from tests.conftest import REPO

PACKAGE = REPO / "src" / "briefing"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_cycle_finder_finds_a_constructed_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_cycles():
    assert cycles(import_graph()) == []


def test_stages_are_imported_only_by_the_command_line_and_other_stages():
    graph = import_graph()
    wrong = sorted((importer, module) for importer, targets in graph.items() for module in targets
                   if module.startswith("briefing.stages.") and importer != "briefing.cli"
                   and not importer.startswith("briefing.stages"))
    assert wrong == []


@pytest.mark.parametrize("package", sorted(p.name for p in PACKAGE.iterdir()
                                           if p.is_dir() and (p / "__init__.py").is_file()))
def test_architecture_doc_names_every_package(package):
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert f"`{package}/`" in doc
