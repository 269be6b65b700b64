"""What a rendered page says about how it was made: commit, snapshots, versions."""

from __future__ import annotations

import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from briefing import __version__

KEY_PACKAGES = ["pandas", "pyarrow", "pandera", "papermill", "altair", "vl-convert-python",
                "pypandoc-binary", "typst", "duckdb", "pydantic"]


def git_commit(root: Path) -> str:
    """Short commit of the project, '+dirty' when tracked files differ; 'unversioned' outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unversioned"
    return commit + ("+dirty" if dirty else "")


def snapshots(build: Path) -> list[dict[str, str]]:
    inputs = json.loads((build / "data" / "inputs.json").read_text(encoding="utf-8"))
    return [{"source": s, "id": v["snapshot_id"]} for s, v in sorted(inputs["snapshots"].items())]


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "briefing": __version__}
    for name in KEY_PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found
