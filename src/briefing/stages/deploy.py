"""`briefing deploy`: the published site (`_site/`) onto a static host, as a copy of immutable
files. `--git REMOTE [--branch gh-pages]` commits it into a branch of a git repository
(GitHub Pages serves one; `.nojekyll` is added so every file is served as it is), `--dir PATH`
copies it into a folder (a web server's document root, a mounted share).

Each deploy adds what is new and replaces only site-level files (the index, versions.json, the
`latest/` copies); a published version's file that the host holds differently is refused
(exit 2, naming it), before anything is written: a version is immutable on the host too. A
deploy with nothing new writes nothing (no commit). `--dry-run` lists what would change."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import InputError
from briefing.infra.dir_target import DirTarget
from briefing.infra.git_target import GitTarget
from briefing.infra.sync import Plan, plan, write_order
from briefing.infra.workspace import Workspace
from briefing.report.site import LATEST, is_version_file, latest_copy_of, published_editions

NOJEKYLL = ".nojekyll"  # GitHub Pages: serve files as they are, without Jekyll


@dataclass(frozen=True)
class Deployed:
    where: str
    plan: Plan
    dry_run: bool
    commit: str | None = None

    def lines(self) -> list[str]:
        """What the command prints: a summary, and with --dry-run every file it would change."""
        p = self.plan
        if p.empty:
            tail = ", no commit" if self.where.startswith("--git") else ""
            return [f"deploy: nothing new for {self.where}; nothing written{tail}"]
        counts = f"{len(p.add)} files to add, {len(p.update)} site files to replace, {len(p.remove)} to remove"
        if self.dry_run:
            marks = [("+", p.add), ("~", p.update), ("-", p.remove)]
            return [f"deploy (dry run): {self.where}: {counts}; nothing written"] + [
                f"{mark} {path}" for mark, paths in marks for path in paths]
        done = counts.replace(" to add", " added").replace(" to replace", " replaced").replace(" to remove", " removed")
        versions = ", ".join(new_versions(p)) or "no new version"
        commit = f"; commit {self.commit[:12]}" if self.commit else ""
        return [f"deploy: {self.where}: {done} ({versions}){commit}"]


def new_versions(p: Plan) -> list[str]:
    """The versions a plan adds, as "edition/vN"."""
    return sorted({"/".join(path.split("/")[:2]) for path in p.add if is_version_file(path)})


def site_files(site: Path) -> dict[str, Path]:
    """Every file of the published site by its path under the site's root (hidden ones, a
    publish's temporary folders, left out)."""
    if not published_editions(site):
        raise InputError(str(site), "nothing is published here: run `briefing publish` first")
    files = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}
    return {name: path for name, path in files.items() if not any(part.startswith(".") for part in name.split("/"))}


def _stale(ours: dict[str, Path]):
    """A host's file of a `latest/` copy we also publish, that our copy no longer has."""
    editions = {latest_copy_of(name) for name in ours} - {None}
    return lambda path: latest_copy_of(path) in editions


def _checked(todo: Plan, where: str) -> Plan:
    if todo.conflicts:
        more = f" (and {len(todo.conflicts) - 1} more)" if len(todo.conflicts) > 1 else ""
        raise InputError(f"{where}: {todo.conflicts[0]}{more}",
                         "differs from the published version's file here; a published version is immutable, on "
                         "the host too (was it edited there, or built twice differently?); nothing was written")
    return todo


def deploy_to_git(ws: Workspace, remote: str, branch: str = "gh-pages", message: str | None = None,
                  dry_run: bool = False) -> Deployed:
    """Commit what is new into `branch` of `remote` and push it; nothing new, no commit."""
    ours = site_files(ws.site)
    with tempfile.TemporaryDirectory(prefix="briefing-deploy-") as scratch:
        target = GitTarget(remote, branch, Path(scratch))
        (Path(scratch) / NOJEKYLL).write_bytes(b"")
        ours[NOJEKYLL] = Path(scratch) / NOJEKYLL
        todo = _checked(plan(target.digests(ours), target.files(), is_version_file, _stale(ours)), target.where)
        if dry_run or todo.empty:
            return Deployed(target.where, todo, dry_run)
        text = message or "briefing deploy: " + (", ".join(new_versions(todo)) or "site files")
        commit = target.commit(ours, todo.add + todo.update, todo.remove, text)
        target.push(commit)
    return Deployed(target.where, todo, False, commit)


def deploy_to_dir(ws: Workspace, folder: Path, dry_run: bool = False) -> Deployed:
    """Copy what is new into `folder`, version files first, each file atomically."""
    ours = site_files(ws.site)
    target = DirTarget(folder, ws.site)
    latest = sorted({f"{edition}/{LATEST}" for name in ours if (edition := latest_copy_of(name))})
    todo = _checked(plan(target.digests(ours), target.files(ours, latest), is_version_file, _stale(ours)),
                    target.where)
    if not dry_run and not todo.empty:
        target.write(ours, write_order(todo.add + todo.update, is_version_file), todo.remove)
    return Deployed(target.where, todo, dry_run)
