"""`briefing deploy` with real git (a bare repository as the remote) and a real folder, then the
deployed site served by a plain static server on 127.0.0.1 and opened in Chromium; and what
makes a version citable (BibTeX and RIS read back by bibtexparser and rispy, the meta tags of
every page, the PDF's title page).

One site, built cheaply from the session's shared CI build: a copy of its work folder (ci/v1),
a second edition of its series (ci-b: the same executed sections published under another
name, series ci), deployed; then ci/v2 published after a one-sentence change of a chapter,
deployed; then deployed once more with nothing new. Copies of the remote and the folder as
they were after the first deploy serve the cases that tamper, dry-run or race."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from tests.browser.pages import AXE, AXE_RUN, chromium, close, open_page, screenshot_name
from tests.conftest import copy_project, invoke, run_cli, serve_folder, tree_bytes, tree_state
from tests.subtitles import shown_subtitle

pytestmark = pytest.mark.slow
BRANCH = "gh-pages"
SITE_FILES = re.compile(r"^(index\.html|versions\.json|\.nojekyll|[^/]+/latest/.+)$")  # may change at a deploy
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ADDED_SENTENCE = "This version adds one sentence to the summary."


def git(*args: str, cwd: Path | None = None, env: dict | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def tip(remote: Path) -> str:
    return git("--git-dir", str(remote), "rev-parse", f"refs/heads/{BRANCH}").strip()


def branch_files(remote: Path, commit: str) -> dict[str, str]:
    """Every file of `commit`: path -> blob id."""
    listing = git("--git-dir", str(remote), "ls-tree", "-r", "-z", "--full-tree", commit).split("\0")
    return {rec.split("\t", 1)[1]: rec.split()[2] for rec in listing if rec}


def blob_id(data: bytes) -> str:
    """git's id of a file's bytes, computed here (not by git): sha1 of 'blob <size>\\0' and the bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def deploy(*args: str):
    return invoke("deploy", *args)


def publish(project: Path, work: Path, params: str):
    result = invoke("publish", "--params", params, "--workdir", str(work), "--renderer", "builtin", cwd=project)
    assert result.returncode == 0, result.stderr
    return result


def second_edition(project: Path, work: Path) -> None:
    """ci-b, an edition of the CI edition's series (ci): its parameters, and the CI edition's
    executed sections and figures as its build, so publishing it runs no notebook."""
    data = yaml.safe_load((project / "params" / "ci.yml").read_text(encoding="utf-8"))
    data.update(edition="ci-b", series="ci", title=f"{data['title']} (second)")
    (project / "params" / "ci-b.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    shutil.copytree(work / "_build" / "ci", work / "_build" / "ci-b", ignore=shutil.ignore_patterns("book", "html"))
    shutil.copytree(work / "figures" / "ci", work / "figures" / "ci-b")


@pytest.fixture(scope="module")
def deployed(tmp_path_factory, ci_build):
    root = tmp_path_factory.mktemp("deploy")
    work, project = root / "work", copy_project(root / "project")
    shutil.copytree(ci_build.work, work, ignore=shutil.ignore_patterns(".briefing.lock"))
    second_edition(project, work)
    publish(project, work, "params/ci-b.yml")
    remote, folder = root / "pages.git", root / "www"
    git("init", "--quiet", "--bare", str(remote))
    first = SimpleNamespace(git=deploy("--git", str(remote), "--workdir", str(work)),
                            dir=deploy("--dir", str(folder), "--workdir", str(work)),
                            site=tree_bytes(work / "_site"))
    first.tip, first.dir_state = tip(remote), tree_state(folder)
    shutil.copytree(remote, root / "pages-after-first.git")
    shutil.copytree(folder, root / "www-after-first")
    chapter = project / "chapters" / "index.qmd"
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{ADDED_SENTENCE}\n", encoding="utf-8")
    publish(project, work, "params/ci.yml")
    second = SimpleNamespace(git=deploy("--git", str(remote), "--workdir", str(work)),
                             dir=deploy("--dir", str(folder), "--workdir", str(work)),
                             site=tree_bytes(work / "_site"))
    second.tip, second.dir_state = tip(remote), tree_state(folder)
    third = SimpleNamespace(git=deploy("--git", str(remote), "--workdir", str(work)),
                            dir=deploy("--dir", str(folder), "--workdir", str(work)))
    return SimpleNamespace(root=root, work=work, site=work / "_site", remote=remote, folder=folder,
                           first=first, second=second, third=third)


def fresh_copy(deployed, name: str, to: str) -> Path:
    return Path(shutil.copytree(deployed.root / name, deployed.root / to))


def test_first_deploy_commits_every_site_file_and_nojekyll(deployed):
    first = deployed.first
    assert first.git.returncode == 0, first.git.stderr
    assert "(ci-b/v1, ci/v1)" in first.git.stdout
    files = branch_files(deployed.remote, first.tip)
    expected = {name: blob_id(data) for name, data in first.site.items()} | {".nojekyll": blob_id(b"")}
    assert files == expected
    assert git("--git-dir", str(deployed.remote), "rev-list", "--count", first.tip).strip() == "1"


def test_second_deploy_adds_the_new_version_and_site_files_only(deployed):
    first, second = deployed.first, deployed.second
    assert second.git.returncode == 0, second.git.stderr
    assert git("--git-dir", str(deployed.remote), "rev-parse", f"{second.tip}^").strip() == first.tip
    changes = git("--git-dir", str(deployed.remote), "diff-tree", "-r", "--name-status", first.tip, second.tip)
    changed = [line.split("\t") for line in changes.splitlines()]
    new_version = [path for status, path in changed if path.startswith("ci/v2/")]
    assert new_version and all(status == "A" for status, path in changed if path.startswith("ci/v2/"))
    assert {"ci/v2/index.html", "ci/v2/briefing-ci-v2.pdf", "ci/v2/briefing-ci-v2.bib"} <= set(new_version)
    others = [path for _, path in changed if not path.startswith("ci/v2/")]
    assert others and all(SITE_FILES.match(path) for path in others), others
    assert {"index.html", "versions.json"} <= set(others)
    before, after = branch_files(deployed.remote, first.tip), branch_files(deployed.remote, second.tip)
    published = {p: b for p, b in before.items() if re.match(r"^[^/]+/v\d+/", p)}
    assert published and {p: after[p] for p in published} == published  # every file of ci/v1 and ci-b/v1
    assert {p: b for p, b in after.items() if not SITE_FILES.match(p)} == {
        name: blob_id(data) for name, data in deployed.second.site.items() if not SITE_FILES.match(name)}


def test_a_deploy_with_nothing_new_makes_no_commit(deployed):
    third = deployed.third
    assert third.git.returncode == 0 and "nothing new" in third.git.stdout and "no commit" in third.git.stdout
    assert tip(deployed.remote) == deployed.second.tip


def test_folder_deploys_follow_the_same_rules(deployed):
    first, second, third = deployed.first, deployed.second, deployed.third
    assert first.dir.returncode == 0 and second.dir.returncode == 0, second.dir.stderr
    state = tree_state(deployed.folder)
    assert set(first.dir_state) == set(first.site)
    assert tree_bytes(deployed.folder) == second.site
    untouched = {name: value for name, value in first.dir_state.items() if re.match(r"^[^/]+/v\d+/", name)}
    assert untouched and {name: state[name] for name in untouched} == untouched  # never rewritten (size, mtime)
    assert third.dir.returncode == 0 and "nothing new" in third.dir.stdout
    assert state == second.dir_state  # the third deploy wrote nothing
    assert not [p for p in deployed.folder.rglob(".*")]  # no temporary file left behind


def test_dry_run_lists_what_would_change_and_writes_nothing(deployed):
    remote = fresh_copy(deployed, "pages-after-first.git", "pages-dry.git")
    folder = fresh_copy(deployed, "www-after-first", "www-dry")
    before = tree_state(folder)
    for target in (["--git", str(remote)], ["--dir", str(folder)]):
        result = deploy(*target, "--dry-run", "--workdir", str(deployed.work))
        assert result.returncode == 0, result.stderr
        listed = {line[2:] for line in result.stdout.splitlines() if line.startswith(("+ ", "~ "))}
        assert {"ci/v2/index.html", "ci/v2/briefing-ci-v2.ris"} <= listed and "versions.json" in listed
        assert not any(name.startswith(("ci/v1/", "ci-b/v1/")) for name in listed)
    assert tip(remote) == deployed.first.tip and tree_state(folder) == before


def tamper(path: Path) -> bytes:
    data = path.read_bytes().replace(b"</body>", b"<p>edited on the host</p></body>")
    path.write_bytes(data)
    return data


def test_a_tampered_version_file_in_the_remote_is_refused_and_left_as_it_was(deployed):
    remote = fresh_copy(deployed, "pages-after-first.git", "pages-tampered.git")
    checkout = deployed.root / "tamper-checkout"
    git("clone", "--quiet", "--branch", BRANCH, str(remote), str(checkout))
    edited = tamper(checkout / "ci" / "v1" / "funding.html")
    identity = ["-c", "user.name=someone", "-c", "user.email=someone@example.org"]
    git(*identity, "commit", "--quiet", "-am", "edited on the host", cwd=checkout)
    git("push", "--quiet", "origin", BRANCH, cwd=checkout)
    tampered = tip(remote)
    result = deploy("--git", str(remote), "--workdir", str(deployed.work))
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "ci/v1/funding.html" in message and "immutable" in message
    assert tip(remote) == tampered
    blob = branch_files(remote, tampered)["ci/v1/funding.html"]
    assert blob == blob_id(edited)


def test_a_tampered_version_file_in_the_folder_is_refused_and_left_as_it_was(deployed):
    folder = fresh_copy(deployed, "www-after-first", "www-tampered")
    tamper(folder / "ci-b" / "v1" / "index.html")
    before = tree_bytes(folder)
    result = deploy("--dir", str(folder), "--workdir", str(deployed.work))
    assert result.returncode == 2
    assert "ci-b/v1/index.html" in " ".join(result.stderr.split())
    assert tree_bytes(folder) == before  # nothing written, the edit kept


PRE_PUSH = """#!/bin/sh
# Another publisher moves the branch after this deploy read it and before its push lands.
remote="$2"
old=$(git --git-dir="$remote" rev-parse refs/heads/{branch})
tree=$(git --git-dir="$remote" rev-parse "$old^{{tree}}")
new=$(git -c user.name=other -c user.email=other@example.org --git-dir="$remote" commit-tree "$tree" -p "$old" -m other)
git --git-dir="$remote" update-ref refs/heads/{branch} "$new" "$old"
echo "$new" > "{marker}"
"""


def test_a_rejected_push_says_so_and_changes_nothing(deployed):
    remote = fresh_copy(deployed, "pages-after-first.git", "pages-raced.git")
    hooks, marker = deployed.root / "hooks", deployed.root / "moved-to"
    hooks.mkdir()
    (hooks / "pre-push").write_text(PRE_PUSH.format(branch=BRANCH, marker=marker))
    (hooks / "pre-push").chmod(0o755)
    site = tree_bytes(deployed.site)
    result = run_cli("deploy", "--git", str(remote), "--workdir", str(deployed.work),
                     env={"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.hooksPath",
                          "GIT_CONFIG_VALUE_0": str(hooks)})
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "push was rejected" in message and "nothing was changed" in message
    moved = marker.read_text().strip()
    assert tip(remote) == moved  # the other publisher's commit, not ours
    assert git("--git-dir", str(remote), "rev-parse", f"{moved}^").strip() == deployed.first.tip
    assert not any(name.startswith("ci/v2/") for name in branch_files(remote, moved))
    assert git("--git-dir", str(remote), "for-each-ref", "--format=%(refname)").split() == [f"refs/heads/{BRANCH}"]
    assert tree_bytes(deployed.site) == site


def test_bad_targets_are_refused_with_exit_2(deployed):
    work = str(deployed.work)
    for args, where in [((), "--git REMOTE or --dir PATH"),
                        (("--git", str(deployed.remote), "--dir", str(deployed.root / "x")), "one target"),
                        (("--git", str(deployed.root / "no-such.git")), "could not read the remote"),
                        (("--git", str(deployed.remote), "--branch", "bad..name"), "not a valid git branch name"),
                        (("--dir", str(deployed.site / "ci")), "must lie outside the site")]:
        result = deploy(*args, "--workdir", work)
        assert result.returncode == 2, args
        assert where in " ".join(result.stderr.split()), (args, result.stderr)
    assert tip(deployed.remote) == deployed.second.tip and not (deployed.root / "x").exists()


# --- What a reader meets: the banner, served by a plain static server, in Chromium ---------------------------

BANNER = ".version-banner"
READ = "() => document.documentElement.getAttribute('data-versions') === 'read'"


@pytest.fixture(scope="module")
def served(deployed):
    """The branch as GitHub Pages would serve it: a checkout of the remote, over HTTP on loopback."""
    checkout = deployed.root / "pages-checkout"
    git("clone", "--quiet", "--branch", BRANCH, str(deployed.remote), str(checkout))
    with serve_folder(checkout) as base, chromium() as browser:
        yield SimpleNamespace(base=base, browser=browser)


def visit(served, path: str) -> dict:
    seen = open_page(served.browser, served.base, path)
    page = seen.page
    page.wait_for_function(READ, timeout=15_000)
    found = {
        "banner": page.locator(BANNER).inner_text() if page.locator(BANNER).count() else None,
        "banner_link": page.eval_on_selector(f"{BANNER} a", "a => a.href") if page.locator(BANNER).count() else None,
        "editions": page.eval_on_selector_all(".series-editions a", "els => els.map(a => [a.textContent, a.href])"),
        "errors": seen.errors, "blocked": seen.blocked,
        "console": [m for m in seen.console if m.startswith("error")],
    }
    page.screenshot(path=str(screenshot_name(path, "deploy-")), full_page=False)
    page.add_script_tag(path=str(AXE))
    found["violations"] = [v for v in page.evaluate(AXE_RUN) if v["impact"] in ("serious", "critical")]
    if found["banner_link"]:
        response = page.goto(found["banner_link"])
        found["banner_target"] = (response.status, page.evaluate("document.querySelector('meta[name=briefing-version]')"
                                                                  ".content"))
    close(seen)
    return found


def test_the_older_version_shows_the_banner_and_links_to_the_newer(served):
    older = visit(served, "ci/v1/index.html")
    assert older["banner"] == "A newer version of this edition exists: version 2"
    assert older["banner_link"] == f"{served.base}/ci/v2/index.html"
    assert older["banner_target"] == (200, "2")
    assert older["errors"] == [] and older["blocked"] == [] and older["console"] == []
    assert older["violations"] == []  # axe-core: the banner and the editions' links are accessible
    chapter = visit(served, "ci/v1/funding.html")
    assert chapter["banner"] == "A newer version of this edition exists: version 2"


@pytest.mark.parametrize("path", ["ci/v2/index.html", "ci/latest/index.html", "ci-b/v1/methods.html"])
def test_the_newest_version_shows_no_banner(served, path):
    newest = visit(served, path)
    assert newest["banner"] is None
    assert newest["errors"] == [] and newest["console"] == [] and newest["violations"] == []


def test_each_version_links_the_other_editions_of_its_series(served):
    assert visit(served, "ci/v2/index.html")["editions"] == [["ci-b", f"{served.base}/ci-b/v1/index.html"]]
    assert visit(served, "ci-b/v1/index.html")["editions"] == [["ci", f"{served.base}/ci/v2/index.html"]]


# --- Citable versions ------------------------------------------------------------------------------------------


def published_day(version: Path) -> date:
    """The day of the version's build stamp, read from its manifest."""
    stamp = json.loads((version / "manifest.json").read_text(encoding="utf-8"))["published_at"]
    return date.fromisoformat(stamp[:10])


def params_title(deployed) -> str:
    return yaml.safe_load((deployed.root / "project" / "params" / "ci.yml").read_text(encoding="utf-8"))["title"]


def cited_title(deployed) -> str:
    """The title a citation gives: the edition's title and the subtitle it shows."""
    params = yaml.safe_load((deployed.root / "project" / "params" / "ci.yml").read_text(encoding="utf-8"))
    return f"{params['title']}: {shown_subtitle(params)}"


def test_versions_json_lists_each_series_edition_and_version(deployed):
    document = json.loads((deployed.site / "versions.json").read_text(encoding="utf-8"))
    (series,) = document["series"]
    editions = {e["edition"]: e for e in series["editions"]}
    assert series["series"] == "ci" and set(editions) == {"ci", "ci-b"}
    for name, edition in editions.items():
        numbers = sorted(int(p.name[1:]) for p in (deployed.site / name).glob("v*"))
        assert [v["version"] for v in edition["versions"]] == numbers
        assert [v["latest"] for v in edition["versions"]] == [n == numbers[-1] for n in numbers]
        for entry in edition["versions"]:
            manifest = json.loads((deployed.site / entry["path"] / "manifest.json").read_text(encoding="utf-8"))
            assert entry["published_at"] == manifest["published_at"]
            assert edition["window"] == manifest["parameters"]["window"]


def test_citation_files_parse_back(deployed):
    import bibtexparser
    import rispy
    from bibtexparser.middlewares import LatexDecodingMiddleware

    title = cited_title(deployed)
    for name, number in (("ci", 1), ("ci", 2)):
        version = deployed.site / name / f"v{number}"
        day = published_day(version)
        library = bibtexparser.parse_string((version / f"briefing-{name}-v{number}.bib").read_text(encoding="utf-8"),
                                            append_middleware=[LatexDecodingMiddleware()])
        assert library.failed_blocks == [] and len(library.entries) == 1
        entry = library.entries[0]
        fields = {field.key: field.value for field in entry.fields}
        assert entry.entry_type == "techreport" and entry.key == f"briefing-{name}-v{number}"
        assert fields["title"] == title and fields["institution"]
        assert (fields["year"], fields["date"]) == (str(day.year), day.isoformat())
        assert fields["number"] == f"Edition {name}, version {number}"
        (record,) = rispy.loads((version / f"briefing-{name}-v{number}.ris").read_text(encoding="utf-8"))
        assert record["type_of_reference"] == "RPRT" and record["title"] == title
        assert record["date"] == day.strftime("%Y/%m/%d/") and record["year"] == str(day.year)
        assert record["volume"] == f"Edition {name}, version {number}" and record["publisher"]


class Head(HTMLParser):
    """The <meta> and <link> tags of a page's head."""

    def __init__(self):
        super().__init__()
        self.tags: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "meta" and self.in_head and "content" in found:
            key = found.get("name") or found.get("property")
            self.tags.setdefault(key, []).append(found["content"])
        elif tag == "link" and self.in_head:
            self.links.append(found)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def head_of(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_page_carries_highwire_and_open_graph_tags(deployed):
    title = params_title(deployed)
    for folder in ("ci/v1", "ci/v2", "ci/latest", "ci-b/v1"):
        version = deployed.site / folder
        manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
        number, day = manifest["version"], published_day(version)
        pages = sorted(version.glob("*.html"))
        assert len(pages) >= 5
        for page in pages:
            head = head_of(page)
            tags = {key: values[0] for key, values in head.tags.items()}
            assert tags["citation_publication_date"] == day.strftime("%Y/%m/%d"), page
            assert tags["citation_pdf_url"] == f"briefing-{manifest['edition']}-v{number}.pdf", page
            assert tags["citation_technical_report_institution"] and tags["citation_title"].startswith(title), page
            assert tags["citation_technical_report_number"] == f"Edition {manifest['edition']}, version {number}"
            assert tags["og:title"].startswith(title) and tags["og:type"] == "article", page
            assert (tags["briefing-edition"], tags["briefing-version"]) == (manifest["edition"], str(number)), page
            assert not [link for link in head.links if link.get("rel") == "canonical"], page  # no site.yml url


def test_the_summary_page_has_a_cite_this_version_box(deployed):
    version = deployed.site / "ci" / "v2"
    text = (version / "index.html").read_text(encoding="utf-8")
    box = text.split('<div class="cite-box">', 1)[1].split("</div>\n</div>", 1)[0] if 'class="cite-box"' in text else ""
    day = published_day(version)
    assert "Cite this version" in box
    assert f"Edition ci, version 2, published {day.day} {MONTHS[day.month - 1]} {day.year}." in box
    assert 'href="briefing-ci-v2.bib"' in box and 'href="briefing-ci-v2.ris"' in box
    assert ADDED_SENTENCE in text  # the content change that made this version
    assert 'class="cite-box"' not in (version / "funding.html").read_text(encoding="utf-8")


def test_the_pdf_title_page_gives_date_version_and_citation(deployed):
    for name, number in (("ci", 1), ("ci", 2)):
        version = deployed.site / name / f"v{number}"
        day = published_day(version)
        text = subprocess.run(["pdftotext", "-f", "1", "-l", "2", str(version / f"briefing-{name}-v{number}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        long = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        assert f"Edition {name} · version {number}" in flat and f"Published {long}" in flat
        assert "Suggested citation" in flat
        assert f"{cited_title(deployed)} ({day.year}). Edition {name}, version {number}, published {long}." in flat
