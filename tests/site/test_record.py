"""The record a reader can trust, reach and cite: facts the built site must state alike.

The repository's address is ``repo_url`` in mkdocs.yml; the version is pyproject's;
CITATION.cff, the README and the snippets must agree with both. Each page ends with a
"last verified" date from the repository's history (``site_content/facts.py``).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import tomllib
import zipfile
from datetime import date
from importlib import metadata
from pathlib import Path

import pytest
from cffconvert import Citation

from guide_tools import constants
from mturk_emulator.models.qualifications import SYSTEM_QUALIFICATION_TYPES
from site_content import facts
from tests.conftest import ROOT
from tests.site.browser_support import nav_pages, page_id, read_mkdocs_config
from tests.site.builds import SERVED_AT

PAGES = nav_pages()
CONFIG = read_mkdocs_config()
CFF = ROOT / "CITATION.cff"


def built(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def text_of(page_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


# --- citing -------------------------------------------------------------------------------


def test_the_citation_file_is_valid_cff_1_2_and_names_this_version() -> None:
    citation = Citation(CFF.read_text("utf-8"))
    citation.validate()  # raises on anything CFF 1.2.0's schema refuses
    assert citation.cffobj["cff-version"] == "1.2.0"
    # The guide's package takes its version from this file (its one place).
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "CITATION.cff"
    assert str(citation.cffobj["version"]) == metadata.version("mturk-setup-guide")
    assert "repository-code" not in citation.cffobj  # no address that cannot be confirmed
    assert date.fromisoformat(str(citation.cffobj["date-released"])) <= date.today()


def test_the_citation_check_can_fail() -> None:
    broken = CFF.read_text("utf-8").replace("authors:", "writers:")
    with pytest.raises(Exception, match="authors"):
        Citation(broken).validate()


# The guide's own addresses: its repository and its site, on any host or path.
OWN_ADDRESS = re.compile(r"https?://(?:[\w.-]+/)*[\w.-]*mturk-setup-guide[\w./#-]*", re.IGNORECASE)


def unconfigured_addresses(text: str, configured: tuple[str, ...] = ()) -> list[str]:
    """The guide's own web addresses in ``text`` that no configuration vouches for."""
    return [
        address
        for address in OWN_ADDRESS.findall(text)
        if not any(address.startswith(known) for known in configured if known)
    ]


def test_no_file_names_an_address_nobody_configured() -> None:
    """Issue 25: the site named a repository and a published site that did not exist.
    An address of the guide's own appears only where a build or a reader configured it."""
    texts = [
        ROOT / "README.md",
        CFF,
        ROOT / "mkdocs.yml",
        *sorted((ROOT / "snippets").glob("*.sh")),
    ]
    texts += sorted((ROOT / "docs").rglob("*.md"))
    texts += [
        *sorted((ROOT / "guide_tools").rglob("*.py")),
        *sorted((ROOT / "snippets").glob("*.py")),
    ]
    texts += sorted((ROOT / "site_content").glob("*.py"))
    found = {
        str(path.relative_to(ROOT)): unconfigured_addresses(path.read_text("utf-8"))
        for path in texts
    }
    assert {name: urls for name, urls in found.items() if urls} == {}


def test_the_built_site_names_no_repository_unless_told(built_site: Path) -> None:
    """The tests build without $MTURK_GUIDE_REPOSITORY: no header link, no address of
    the guide's own but the one they serve the site at."""
    assert facts.repo_url() is None
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text("utf-8")
        assert 'class="md-header__source"' not in text
        # The tests build for the address they serve on, as a reader's mirror would.
        assert unconfigured_addresses(text, (SERVED_AT,)) == [], page


def test_the_address_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    repository = "https://github.com/mturk-setup-guide/mturk-setup-guide"
    assert unconfigured_addresses(f"Clone <{repository}>.") == [repository]
    assert unconfigured_addresses(f"Clone <{repository}>.", (repository,)) == []
    assert unconfigured_addresses("https://mturk-setup-guide.github.io/x/") != []
    monkeypatch.setenv(facts.REPOSITORY_VARIABLE, f"{repository}/")
    assert facts.repo_url() == repository


@pytest.mark.zensical_gap(
    "Zensical 0.0.73 runs the pages' macros but not mkdocs-macros' on_post_build, which "
    "writes the download (site_content/archive.py), and it rewrites the raw link to it "
    "as if it were relative to the page's Markdown file (../../downloads/)"
)
def test_get_the_guide_offers_the_sites_own_download(each_site: Path) -> None:
    """The download is made by the build, linked relatively, and is the whole guide."""
    built_site = each_site
    page = built(built_site, "get-the-guide/")
    version = facts.guide_release()["version"]
    link = f"downloads/mturk-setup-guide-{version}.zip"
    assert f'href="../{link}"' in page
    assert "git clone" not in text_of(page)  # no repository configured
    with zipfile.ZipFile(built_site / link) as download:
        names = set(download.namelist())
    prefix = f"mturk-setup-guide-{version}/"
    for needed in ("pyproject.toml", "uv.lock", "snippets/practice.py", "docs/get-the-guide.md"):
        assert prefix + needed in names
    assert not [name for name in names if "/.venv/" in name or "/node_modules/" in name]


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_page_says_when_it_was_last_verified(each_site: Path, path: str) -> None:
    aside = re.search(r'<aside class="md-source-file guide-verified">(.*?)</aside>',
                      built(each_site, path), re.S)  # fmt: skip
    assert aside, f"/{path} has no last-verified line"
    day = re.search(r'<time datetime="(\d{4}-\d\d-\d\d)">', aside.group(1))
    assert day
    assert date.fromisoformat(day.group(1)) <= date.today()
    release = facts.guide_release()
    said = " ".join(text_of(aside.group(1)).split())
    assert f"guide version {release['version']}, released {release['released']}" in said


def commit(repo: Path, name: str, day: str) -> None:
    (repo / "docs").mkdir(exist_ok=True)
    (repo / "docs" / name).write_text(f"{name} {day}\n")
    moment = f"{day}T12:00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment}
    for command in (["add", "-A"], ["commit", "-qm", f"{name} on {day}"]):
        subprocess.run(["git", "-C", str(repo), *command], check=True, env=env)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for key, value in (("user.name", "Test"), ("user.email", "test@example.invalid")):
        subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
    commit(repo, "a.md", "2026-01-05")
    commit(repo, "b.md", "2026-02-07")
    commit(repo, "a.md", "2026-03-09")
    return repo


@pytest.mark.process
def test_last_verified_is_each_files_last_commit(history: Path) -> None:
    assert facts.last_verified_dates(history) == {
        "a.md": date(2026, 3, 9),
        "b.md": date(2026, 2, 7),
    }


@pytest.mark.process
def test_a_shallow_clone_or_a_zip_copy_falls_back(history: Path, tmp_path: Path) -> None:
    """A shallow clone's one commit would claim every file: no dates, the release date instead."""
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history}", str(shallow)], check=True
    )
    assert facts.last_verified_dates(shallow) is None
    zip_copy = tmp_path / "zip"
    (zip_copy / "docs").mkdir(parents=True)
    assert facts.last_verified_dates(zip_copy) is None


@pytest.mark.process
def test_a_repository_without_commits_falls_back(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert facts.last_verified_dates(tmp_path) is None


@pytest.mark.process
def test_no_git_at_all_falls_back(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert facts.last_verified_dates(history) is None


# --- one notice, once ----------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_the_closure_notice_shows_once(each_site: Path, path: str) -> None:
    page = built(each_site, path)
    banner = re.search(r'<aside class="md-banner">(.*?)</aside>', page, re.S)
    if path == "":
        assert banner is None, "the overview shows the banner above its full notice"
        assert html.unescape(page).count(constants.SERVICE_STATUS) == 1
        return
    assert banner
    assert constants.SERVICE_STATUS_SHORT in html.unescape(banner.group(1))
    assert "md-banner__button" in banner.group(1), "the banner cannot be dismissed"
    body = page[banner.end() :]
    full = html.unescape(body).count(constants.SERVICE_STATUS)
    assert full == (1 if path == "" else 0), f"/{path} shows the full notice {full} times"


# --- facts on the pages ----------------------------------------------------------------------


def test_the_system_qualification_ids_are_the_emulators(each_site: Path) -> None:
    page = text_of(built(each_site, "after-the-closure/"))
    rows = re.findall(r"^(Worker_\w+|Masters \(\w+\))\n.*?\n([0-9A-Z]{20,30})$", page, re.M)
    shown = {ident: name.split(" ")[0] for name, ident in rows}
    expected = {ident: name for ident, (name, _) in SYSTEM_QUALIFICATION_TYPES.items()}
    assert shown == expected


def test_the_pinned_versions_are_the_locked_ones(each_site: Path) -> None:
    page = text_of(built(each_site, "after-the-closure/"))
    for name, version in facts.pinned_versions().items():
        assert re.search(rf"^{name}\n{re.escape(version)}$", page, re.M), (name, version)
    assert facts.pinned_versions()["botocore"].startswith("1.")


def test_prose_that_shows_a_section_marker_keeps_it(each_site: Path) -> None:
    """The include extension removes lines holding a section marker unless escaped (;)."""
    page = text_of(built(each_site, "testing/"))
    assert "with sections marked\n  # --8<-- [start:name] and # --8<-- [end:name]" in page
    for markdown in sorted((ROOT / "docs").rglob("*.md")):
        for line in markdown.read_text("utf-8").splitlines():
            if "[start:" in line and not line.lstrip().startswith("--8<--"):
                assert ";--8<--" in line, f"{markdown.name}: {line!r} would vanish from the page"


TAB_LABELS = re.compile(r'<label for="(__tabbed_\d+_\d+)">(?:<a [^>]*>)?([^<]+)')


def tabs(page_html: str) -> list[tuple[str, str]]:
    """(label, block text) of every content tab on a page."""
    found = []
    tab_sets = re.findall(r'<div class="tabbed-set.*?</div>\n</div>\n</div>', page_html, re.S)
    for set_html in tab_sets:
        labels = [label for _, label in TAB_LABELS.findall(set_html)]
        parts = set_html.split('<div class="tabbed-block">')[1:]
        found += [(label.strip(), part) for label, part in zip(labels, parts, strict=False)]
    return found


def test_an_aws_cli_tab_holds_aws_cli_commands(each_site: Path) -> None:
    """Tabs are linked by label across the site: "AWS CLI" must mean the aws command.

    Each code block in such a tab runs ``aws``; a tab may also hold prose only.
    """
    wrong, count = [], 0
    for path in PAGES:
        for label, part in tabs(built(each_site, path)):
            if label != "AWS CLI":
                continue
            for block in re.findall(r"<pre[^>]*>(.*?)</pre>", part, re.S):
                count += 1
                if not re.search(r"^\s*(?:[A-Z]+=\$\()?aws [a-z]", text_of(block), re.M):
                    wrong.append(f"{path}: {text_of(block).strip().splitlines()[0]}")
    assert count > 5
    assert wrong == []


def test_one_story_about_the_root_user() -> None:
    """The root user signs in (to link, and to create the IAM user) but never holds a key.

    Four places once said it had "one job", while the console steps signed in as root
    to create the IAM user.
    """
    stale = re.compile(r"one job|only to link|uses it only to link|signs in only to link", re.I)
    texts = [*sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "docs").rglob("*.svg"))]
    claims = [f"{p.name}: {m.group(0)}" for p in texts for m in stale.finditer(p.read_text())]
    assert claims == []
    for page in ("aws-account.md", "iam-user.md"):
        text = " ".join((ROOT / "docs" / page).read_text("utf-8").split())
        assert "never" in text
        assert "creat" in text
        assert "link" in text
