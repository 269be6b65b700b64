"""The house's shape, checked: no import cycles between modules or between packages (imports
inside functions count; the graph is the one the code fingerprints use), each package
importing only from its own layer or the layers below (LAYERS, as docs/architecture.md draws
them), stages imported only by the command line and by other stages, and
docs/architecture.md naming every package of src/briefing."""

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


# The layers, top first: a package imports from its own layer or below, never above. Inside a
# layer, packages may import each other as long as no cycle forms (checked below).
LAYERS = [
    {"cli"},
    {"stages"},
    {"section", "series"},
    {"render"},
    {"report"},
    {"prose", "charts"},
    {"quality"},
    {"metrics"},
    {"live", "engine"},
    {"sources"},
    {"config", "site_config", "schemas", "tables", "findings", "words", "units", "markup", "countries"},
    {"infra", "errors", "__init__"},
]


def package_of(module: str) -> str:
    """'briefing.prose.fmt' -> 'prose'; 'briefing.units' -> 'units'; 'briefing' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for importer, targets in graph.items():
        source = package_of(importer)
        found.setdefault(source, set()).update(package_of(t) for t in targets if package_of(t) != source)
    return found


def layer_of(package: str) -> int:
    for depth, layer in enumerate(LAYERS):
        if package in layer:
            return depth
    raise AssertionError(f"package {package!r} is in no layer of LAYERS: place it there and in docs/architecture.md")


def test_layer_check_refuses_an_upward_import():
    graph = {"briefing.metrics.pairs": {"briefing.prose.fmt"}, "briefing.prose.fmt": {"briefing.units"}}
    upward = [(a, b) for a, targets in package_graph(graph).items() for b in targets if layer_of(b) < layer_of(a)]
    assert upward == [("metrics", "prose")]


def test_packages_import_only_from_their_layer_or_below():
    graph = package_graph(import_graph())
    upward = sorted((a, b) for a, targets in graph.items() for b in targets if layer_of(b) < layer_of(a))
    assert upward == [], "imports from a higher layer (importer, imported)"


def test_no_import_cycles_between_packages():
    assert cycles(package_graph(import_graph())) == []


def test_every_package_is_in_a_layer():
    modules = {p.stem if p.name != "__init__.py" else "__init__" for p in PACKAGE.glob("*.py")}
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    for name in modules | packages:
        layer_of(name)


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


def test_each_stage_module_is_a_stage_and_each_stage_has_one():
    """stages/ holds the pipeline's commands and nothing else (assemble is render's first
    step); the helpers they share live elsewhere, so no module is both."""
    import typer.main

    from briefing.cli import app

    stages = {p.stem for p in (PACKAGE / "stages").glob("*.py") if p.stem != "__init__"}
    pipeline = {"fetch", "validate", "run", "render", "publish", "build", "deploy"}
    assert pipeline <= set(typer.main.get_command(app).commands)
    assert stages == pipeline | {"assemble"}
