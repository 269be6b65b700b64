"""Code fingerprints per stage (as owid/etl hashes each step's own code): the source of
the package modules a stage or a notebook imports, transitively, with the packages
that hold them and their data files (templates, filters, CSS). A changed function
re-runs what uses it, and only that: editing the renderer's CSS re-renders, it does
not re-execute a notebook. See docs/architecture.md."""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from briefing import __version__
from briefing.infra.workspace import PACKAGE_DIR

PACKAGE = PACKAGE_DIR.name


@lru_cache(maxsize=1)
def module_files() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its __init__.py)."""
    files = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        if "__pycache__" not in path.parts:
            parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
            files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imported_modules(tree: ast.AST) -> set[str]:
    """The package's modules that `tree` imports, at any depth (inside functions too),
    except under `if TYPE_CHECKING:`, which never runs."""
    modules = module_files()
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                continue
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for alias in child.names:
                    candidate = f"{child.module}.{alias.name}"
                    found.add(candidate if candidate in modules else child.module)
            elif isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            visit(child)

    visit(tree)
    return {name for name in found if name in modules}


@lru_cache(maxsize=1)
def import_graph() -> dict[str, frozenset[str]]:
    """Each module of the package and the package modules it imports (itself left out)."""
    return {name: frozenset(imported_modules(ast.parse(path.read_text(encoding="utf-8"))) - {name})
            for name, path in module_files().items()}


def closure(roots: Iterable[str]) -> set[str]:
    """`roots`, everything they import transitively, and the packages holding them (an
    import runs each parent package's __init__)."""
    graph = import_graph()
    seen: set[str] = set()
    todo = [name for name in roots if name in graph]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo.extend([*graph[name], *parents])
    return seen


def _files(modules: set[str]) -> list[Path]:
    """The modules' sources and the data files of their packages (folders without __init__.py)."""
    files = module_files()
    found = {files[name] for name in modules}
    for name in modules:
        if files[name].name == "__init__.py":
            for folder in files[name].parent.iterdir():
                if folder.is_dir() and not (folder / "__init__.py").is_file() and folder.name != "__pycache__":
                    found.update(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def code_fingerprint(*roots: str) -> str:
    """The version and a digest of the code `roots` run: their modules, transitively."""
    digest = hashlib.sha256(__version__.encode())
    for path in _files(closure(roots)):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def package_fingerprint() -> str:
    """The whole package's code: what the methods appendix names as the code that made a version."""
    return code_fingerprint(*module_files())


def notebook_modules(notebook: Path) -> set[str]:
    """The package modules a notebook's code cells import (lines of shell or magics left out)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found: set[str] = set()
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", []))
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        try:
            found |= imported_modules(ast.parse("\n".join(lines)))
        except SyntaxError:
            continue  # a cell that does not parse fails when it runs, with the section's message
    return found


def notebook_fingerprint(notebook: Path) -> str:
    """The code a section notebook runs: what it imports, transitively."""
    return code_fingerprint(PACKAGE, *notebook_modules(notebook))
