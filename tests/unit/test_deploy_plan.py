"""What a deploy would change, decided before anything is written (infra/sync.py with the site's
layout, report/site.py): new files added, site-level files replaced, stale files of a `latest/`
copy removed, and a published version's file held differently by the host a conflict."""

from __future__ import annotations

from briefing.infra.sync import plan, write_order
from briefing.report.site import is_version_file, latest_copy_of


def stale_for(ours):
    editions = {latest_copy_of(p) for p in ours} - {None}
    return lambda path: latest_copy_of(path) in editions


def test_the_site_layout_says_which_files_are_immutable():
    assert is_version_file("2025/v1/index.html") and is_version_file("ci-b/v12/figures/a.csv")
    assert not any(is_version_file(p) for p in ("index.html", "versions.json", "2025/latest/index.html",
                                                 "2025/v1", "2025/vx/index.html", ".nojekyll"))
    assert latest_copy_of("2025/latest/figures/a.csv") == "2025" and latest_copy_of("2025/v1/a") is None


def test_new_files_are_added_site_files_replaced_and_versions_never():
    ours = {"index.html": "i2", "versions.json": "j2", "ci/v1/index.html": "a", "ci/v2/index.html": "b",
            "ci/latest/index.html": "b", "ci/latest/figures/new.csv": "n"}
    theirs = {"index.html": "i1", "versions.json": "j2", "ci/v1/index.html": "a", "ci/latest/index.html": "a",
              "ci/latest/figures/old.csv": "o", "other/latest/x.html": "x", "CNAME": "c"}
    todo = plan(ours, theirs, is_version_file, stale_for(ours))
    assert todo.add == ("ci/latest/figures/new.csv", "ci/v2/index.html")
    assert todo.update == ("ci/latest/index.html", "index.html")
    assert todo.remove == ("ci/latest/figures/old.csv",)  # not other/latest (not ours), not CNAME
    assert (todo.conflicts, todo.unchanged, todo.empty) == ((), 2, False)


def test_a_version_file_held_differently_is_a_conflict_and_nothing_else_matters():
    ours = {"ci/v1/index.html": "a", "ci/v1/funding.html": "f", "index.html": "i"}
    todo = plan(ours, {"ci/v1/index.html": "edited", "ci/v1/funding.html": "f", "index.html": "i"},
                is_version_file, stale_for(ours))
    assert todo.conflicts == ("ci/v1/index.html",) and todo.update == () and todo.empty


def test_version_files_are_written_before_site_files_and_the_root_last():
    paths = ["index.html", "ci/latest/index.html", "ci/v2/index.html", "versions.json", "ci/v2/figures/a.csv"]
    assert write_order(paths, is_version_file) == [
        "ci/v2/figures/a.csv", "ci/v2/index.html", "ci/latest/index.html", "index.html", "versions.json"]
