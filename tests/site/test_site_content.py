"""The generated content comes from one place every builder runs (``site_content/``).

Nothing is written into a page by a builder's private extension point (MkDocs
``hooks:``, which Zensical never runs and does not warn about): the configuration
names no hooks, ``overrides/`` holds templates only, and each macro, fact and
Markdown extension is checked here on its own.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import markdown
import pytest

from guide_tools import constants
from guide_tools.doctor.catalogue import CATALOGUE
from guide_tools.sections import SnippetFile
from mturk_emulator.ledger import TOPICS, all_rules
from site_content import facts
from site_content.macros import macros
from site_content.markdown import FIDELITY_PAGES
from site_content.task_labels import label_task_checkboxes
from tests.conftest import ROOT
from tests.site.browser_support import nav_pages, page_id, read_mkdocs_config
from tests.site.builds import COMMANDS
from tests.site.site_pages import render_page

CONFIG = read_mkdocs_config()


def test_no_builder_hooks_write_the_site() -> None:
    assert "hooks" not in CONFIG
    templates = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "overrides").rglob("*"))
    assert [p for p in templates if not p.endswith(".html") and "." in Path(p).name] == []


def test_every_fact_the_templates_show_comes_from_code() -> None:
    extra = CONFIG["extra"]
    called = {name: tag.tag.rsplit(":", 1)[1] for name, tag in extra.items()}
    assert called == {
        "service_status": "site_content.facts.service_status",
        "guide": "site_content.facts.guide_release",
        "last_verified": "site_content.facts.last_verified",
    }
    assert facts.service_status()["short"] == constants.SERVICE_STATUS_SHORT
    assert facts.guide_release() == {
        "version": str(facts.citation()["version"]),
        "released": str(facts.citation()["date-released"]),
    }


def test_last_verified_is_keyed_by_the_pages_address(monkeypatch: pytest.MonkeyPatch) -> None:
    history = {"index.md": date(2026, 3, 9), "setup/keys.md": date(2026, 2, 7)}
    monkeypatch.setattr(facts, "last_verified_dates", lambda root: history)
    assert facts.last_verified() == {"": "2026-03-09", "setup/keys/": "2026-02-07"}
    monkeypatch.setattr(facts, "last_verified_dates", lambda root: None)
    assert facts.last_verified() == {}


@pytest.mark.parametrize(
    ("file", "url"),
    [("index.md", ""), ("a.md", "a/"), ("a/index.md", "a/"), ("a/b.md", "a/b/")],
)
def test_page_urls_are_directory_urls(file: str, url: str) -> None:
    assert facts.page_url(file) == url


def test_the_macros_give_the_repository_and_the_version() -> None:
    version = str(facts.citation()["version"])
    given = {name: function() for name, function in macros({"repo_url": "https://x.org/r/"}).items()
             if name in {"repo_url", "archive_path", "archive_name", "guide_version"}}  # fmt: skip
    assert given == {
        "repo_url": "https://x.org/r",
        "archive_path": f"downloads/mturk-setup-guide-{version}.zip",
        "archive_name": f"mturk-setup-guide-{version}",
        "guide_version": version,
    }
    assert macros({"repo_url": None})["repo_url"]() == ""  # none configured


def test_the_overview_alone_holds_the_full_notice() -> None:
    pages = sorted((ROOT / "docs").glob("*.md"))
    holding = [p.name for p in pages if constants.SERVICE_STATUS in render_page(p.read_text())]
    assert holding == ["index.md"]


def test_a_page_that_names_an_unknown_macro_fails() -> None:
    with pytest.raises(Exception, match="no_such_table"):
        render_page("{{ no_such_table() }}")


def test_attr_list_ids_are_not_jinja_comments() -> None:
    assert render_page("## Keys {#keys}") == "## Keys {#keys}"


TASKS = """\
- [ ] Create the account
- [x] Link it
    - [ ] A nested step
- [ ] **Bold** text, then a [link](x.md)
"""


def test_every_checkbox_is_named_by_its_item() -> None:
    page = markdown.markdown(
        TASKS,
        extensions=["pymdownx.tasklist", "site_content.task_labels"],
        extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}},
    )
    assert page.count("aria-labelledby=") == 4
    assert '<span id="__task_1">Create the account</span>' in page
    assert '<span id="__task_3">A nested step</span>' in page
    assert '<span id="__task_4"><strong>Bold</strong> text, then a <a href="x.md">link</a>' in page


def test_a_named_or_empty_checkbox_is_left_alone() -> None:
    labelled = (
        '<label class="task-list-control"><input type="checkbox" aria-label="x"/>'
        '<span class="task-list-indicator"></span></label> Text</li>'
    )
    empty = labelled.replace(' aria-label="x"', "").replace(" Text", "")
    assert label_task_checkboxes(labelled) == labelled
    assert label_task_checkboxes(empty) == empty


# --- both builders make the same pages ----------------------------------------------------

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
LINK = re.compile(r'\b(href|src)="([^"#][^"]*)"')
PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)


def article(site: Path, path: str) -> str:
    """A page's article as a reader gets it: links resolved, whitespace outside code
    blocks and Zensical's skip-link target (an empty anchor) left out."""
    found = ARTICLE.search((site / path / "index.html").read_text("utf-8"))
    assert found, f"/{path} has no article"
    text = found.group(1).replace('<a id="__skip" tabindex="-1"></a>', "")
    base = f"https://site.invalid/{path}"
    text = LINK.sub(lambda m: f'{m.group(1)}="{urljoin(base, m.group(2))}"', text)
    # Whitespace is the builders' own between tags, and a reader's inside a code block:
    # there (the odd pieces of the split) it is kept as it is.
    pieces = PRE.split(text)
    return "".join(p if n % 2 else " ".join(p.split()) for n, p in enumerate(pieces))


@pytest.mark.parametrize("path", nav_pages(), ids=page_id)
def test_both_builders_make_the_same_page(
    built_site: Path, zensical_site: Path, path: str
) -> None:
    """Every generated section, code block, tab and admonition is in Zensical's page too."""
    ours, theirs = article(built_site, path), article(zensical_site, path)
    if ours != theirs:
        at = next(i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b)
        pytest.fail(
            f"/{path} differs from character {at}:\n"
            f"  MkDocs:   {ours[max(0, at - 80) : at + 120]}\n"
            f"  Zensical: {theirs[max(0, at - 80) : at + 120]}",
            pytrace=False,
        )


GENERATED = {
    "": [constants.SERVICE_STATUS],
    "troubleshooting/": [f'<h3 id="{p.code}">' for p in CATALOGUE],
    "fidelity/": [f'<h3 id="{topic}">' for topic in TOPICS],
    **{
        f"{name.removesuffix('.md')}/": [
            f"<code>{rule.id}</code>" for rule in all_rules() if rule.id.split(".")[0] in topics
        ]
        for name, _, topics in FIDELITY_PAGES.values()
    },
    "after-the-closure/": [f"<code>{v}</code>" for v in facts.pinned_versions().values()],
    # "Get the guide"'s download: tests/site/test_record.py, on each builder.
    "checklist/": [
        'aria-labelledby="__task_1"',
        f"Guide version {facts.guide_release()['version']}",
    ],
}


@pytest.mark.parametrize("path", GENERATED, ids=page_id)
def test_the_generated_content_is_on_each_builders_page(each_site: Path, path: str) -> None:
    page = html.unescape((each_site / path / "index.html").read_text("utf-8"))
    assert [wanted for wanted in GENERATED[path] if wanted not in page] == []
    assert "{{" not in page


def test_no_source_file_is_published(each_site: Path) -> None:
    """Zensical published overrides/hooks.py (every file of the theme folder that is not
    a template): the theme folder now holds templates only, and nothing else leaks."""
    leaked = [p.relative_to(each_site).as_posix() for p in each_site.rglob("*")
              if p.suffix in {".py", ".pyc", ".yml", ".toml", ".cff"}]  # fmt: skip
    assert leaked == []


def test_the_maintainers_page_gives_the_builds_the_tests_make() -> None:
    script = SnippetFile(ROOT / "snippets" / "builders.sh")
    for builder, command in COMMANDS.items():
        assert f"uv run {' '.join(command)}" in script.text(builder)


def test_no_page_keeps_a_marker_of_the_old_hooks() -> None:
    """The hooks replaced HTML comments; nothing replaces them now, and a comment shows
    nothing: a page written for the hooks would lose its notice, address or table."""
    old = re.compile(
        r"<!-- (service-status|doctor-catalogue|fidelity-ledger|pinned-versions|"
        r"guide-version|repo-url|repo-zip) -->"
    )
    found = [
        f"{page.name}: {match.group(0)} (now a macro: see site_content/macros.py)"
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for match in old.finditer(page.read_text("utf-8"))
    ]
    assert found == []
