"""A branch of a git repository as the host of a static site (GitHub Pages serves one), written
with git's plumbing in a scratch repository: the user's checkout is never touched. The
branch's tip is fetched (depth 1), a new tree is made from it with only the planned changes,
committed on top, and pushed with a lease on the tip that was read: if the branch moved in
the meantime the push is refused and nothing changes. Credentials and identity come from
git's own configuration (an identity is lent when none is configured)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from briefing.errors import InputError

FILE_MODE = "100644"
NO_OBJECT = "0" * 40
FALLBACK_IDENTITY = {"GIT_AUTHOR_NAME": "briefing deploy", "GIT_AUTHOR_EMAIL": "briefing@localhost",
                     "GIT_COMMITTER_NAME": "briefing deploy", "GIT_COMMITTER_EMAIL": "briefing@localhost"}


class GitTarget:
    """`branch` of the repository at `remote` (a URL or a path), worked on in `scratch`."""

    def __init__(self, remote: str, branch: str, scratch: Path):
        local = Path(remote).expanduser()
        self.remote = str(local.resolve()) if local.exists() else remote
        self.where = f"--git {remote} (branch {branch})"
        self.branch, self.ref = branch, f"refs/heads/{branch}"
        self.repo, self.index = scratch / "repo.git", scratch / "index"
        self._check_branch_name()
        subprocess.run(["git", "init", "--quiet", "--bare", str(self.repo)], check=True, capture_output=True)
        self.tip = self._fetch()

    def git(self, *args: str, stdin: str | None = None, env: Mapping[str, str] | None = None,
            what: str = "git failed") -> str:
        result = subprocess.run(["git", "--git-dir", str(self.repo), *args], input=stdin, capture_output=True,
                                text=True, env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})})
        if result.returncode != 0:
            raise InputError(self.where, f"{what}: {' '.join(result.stderr.split())[:600]}")
        return result.stdout

    def _check_branch_name(self) -> None:
        result = subprocess.run(["git", "check-ref-format", self.ref], capture_output=True)
        if result.returncode != 0 or self.branch.startswith("-"):
            raise InputError(f"--branch {self.branch}", "not a valid git branch name")

    def _fetch(self) -> str | None:
        """The branch's tip, fetched into the scratch repository; None when there is no branch yet."""
        listed = self.git("ls-remote", "--heads", "--", self.remote, self.ref, what="could not read the remote")
        if not listed.strip():
            return None
        self.git("fetch", "--quiet", "--no-tags", "--depth=1", self.remote, f"{self.ref}:refs/deploy/tip",
                 what="could not fetch the branch")
        return self.git("rev-parse", "refs/deploy/tip").strip()

    def files(self) -> dict[str, str]:
        """Every file on the branch: path -> blob id."""
        if self.tip is None:
            return {}
        found = {}
        for record in self.git("ls-tree", "-r", "-z", "--full-tree", self.tip).split("\0"):
            if record:
                meta, path = record.split("\t", 1)
                found[path] = meta.split()[2]
        return found

    def digests(self, files: Mapping[str, Path], write: bool = False) -> dict[str, str]:
        """Blob ids of our files (git's digest, of the bytes as they are: no filters such as
        core.autocrlf), written into the scratch repository if `write`."""
        names = list(files)
        if any("\n" in str(files[n]) for n in names):
            raise InputError(self.where, "a file name holds a line break")
        out = self.git("hash-object", *(["-w"] if write else []), "--no-filters", "--stdin-paths",
                       stdin="".join(f"{files[n]}\n" for n in names)).split()
        return dict(zip(names, out, strict=True))

    def commit(self, files: Mapping[str, Path], changed: Sequence[str], removed: Sequence[str], message: str) -> str:
        """A commit on the tip whose tree is the tip's with `changed` written from `files` and
        `removed` taken out."""
        env = {"GIT_INDEX_FILE": str(self.index)}
        self.git("read-tree", *([self.tip] if self.tip else ["--empty"]), env=env)
        blobs = self.digests({p: files[p] for p in changed}, write=True)
        records = [f"{FILE_MODE} {blobs[p]}\t{p}" for p in changed] + [f"0 {NO_OBJECT}\t{p}" for p in removed]
        self.git("update-index", "-z", "--index-info", stdin="".join(r + "\0" for r in records), env=env)
        tree = self.git("write-tree", env=env).strip()
        parents = ["-p", self.tip] if self.tip else []
        return self.git("commit-tree", tree, *parents, "-m", message, env=self._identity()).strip()

    def _identity(self) -> dict[str, str]:
        """None to add when git knows who commits (user.name, user.email, or its own guess)."""
        known = all(subprocess.run(["git", "--git-dir", str(self.repo), "var", ident], capture_output=True).returncode == 0
                    for ident in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"))
        return {} if known else FALLBACK_IDENTITY

    def push(self, commit: str) -> None:
        """Move the branch to `commit`, only if it is still where it was read."""
        lease = f"--force-with-lease={self.ref}:{self.tip or ''}"
        result = subprocess.run(["git", "--git-dir", str(self.repo), "push", "--porcelain", lease, self.remote,
                                 f"{commit}:{self.ref}"], capture_output=True, text=True,
                                env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
        if result.returncode != 0:
            said = [line.split("\t")[-1] for line in result.stdout.splitlines() if line.startswith("!")]
            said += [line for line in result.stderr.splitlines() if line.strip()]
            raise InputError(self.where, "the push was rejected (" + "; ".join(" ".join(s.split()) for s in said)[:600]
                             + "): the branch moved since it was read, or the remote refused it; nothing was "
                               "changed, deploy again")
