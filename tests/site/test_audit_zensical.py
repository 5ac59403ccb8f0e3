"""The page audits of ``test_audit.py``, on Zensical's build, of a few pages.

A module of its own so that each builder's browser audit runs in a test process of
its own, side by side (``--dist=loadfile`` hands out whole modules); the checks are
the very same functions. Zensical's own search design is tested here too.

MkDocs' build is audited page by page. On Zensical's, the pages in ``AUDITED`` stand
for the rest (the audit of all 23 took 23 s of the gate, 12 of them take about half):
each page's article is MkDocs' article (``test_site_content.py``,
``test_both_builders_make_the_same_page``), the theme around it is one template, and
the tests below show, on the built files, that the audited pages hold every kind of
element any page holds (so axe, the colour audit and the phone's width meet each of
them in Zensical's theme), that no page left out weighs more than the heaviest one
audited, and that every page asks only for files the build has.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.conftest import _site
from tests.site.browser_support import PageAudit, SiteServer, audit_pages
from tests.site.test_audit import (
    PAGES,
    SEARCH_FILES,
    fail_with,
    pytest_generate_tests,
    test_every_built_page_is_in_the_nav,
    test_every_first_visit_stays_within_budget,
    test_every_page_is_audited_on_both_devices,
    test_page_fits_a_375px_screen,
    test_page_has_no_accessibility_violations,
    test_page_loads_without_errors,
    test_page_requests_nothing_from_other_hosts,
    test_search_waits_until_the_reader_opens_it,
    test_the_shared_colour_audit_checks_every_style,
)

__all__ = [
    "pytest_generate_tests",
    "test_every_built_page_is_in_the_nav",
    "test_every_first_visit_stays_within_budget",
    "test_every_page_is_audited_on_both_devices",
    "test_page_fits_a_375px_screen",
    "test_page_has_no_accessibility_violations",
    "test_page_loads_without_errors",
    "test_page_requests_nothing_from_other_hosts",
    "test_search_waits_until_the_reader_opens_it",
    "test_the_shared_colour_audit_checks_every_style",
]

pytestmark = pytest.mark.browser

AUDITED = [
    "",  # the home page
    "first-hit/",  # most kinds of element: tabs, admonitions, code, figures, steps
    "store-keys/",
    "checklist/",  # task lists
    "keep-tests-running/",
    "troubleshooting/",
    "security/",
    "get-the-guide/",
    "link-aws/",
    "reference/",
    "builders/",
    "fidelity/",  # the heaviest page
]
"""Pages that together hold every kind of element of the site's pages (found greedily,
most kinds first), and the heaviest page; the tests below say when a page needs adding."""


@pytest.fixture(scope="session", params=["zensical"])
def each_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(request.param, tmp_path_factory)


@pytest.fixture(scope="session")
def audits(browser: Browser, each_server: SiteServer) -> dict[str, dict[str, PageAudit]]:
    """The pages of ``AUDITED``, each loaded once as a first visit on each device."""
    return audit_pages(browser, each_server, AUDITED)


class _Elements(HTMLParser):
    """A page's kinds of element (tag and class), and what it asks the server for."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.kinds: set[str] = set()
        self.loads: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.kinds |= {f"{tag}.{name}" for name in (found.get("class") or "").split()} | {tag}
        fetched = found.get("src") if tag in {"img", "script", "source", "iframe"} else None
        if tag == "link" and found.get("rel") in {"stylesheet", "icon", "preload", "manifest"}:
            fetched = found.get("href")
        if fetched:
            self.loads.append(fetched)


def elements(site: Path, path: str) -> _Elements:
    return _Elements((site / path / "index.html").read_text("utf-8"))


def test_the_audited_pages_hold_every_kind_of_element(each_site: Path) -> None:
    """A kind of element (tag and class) on a page left out is on an audited page too:
    the audits met it in Zensical's theme (its colours, its width on a phone)."""
    audited = set().union(*(elements(each_site, path).kinds for path in AUDITED))
    missing = [
        f"/{path}: {', '.join(sorted(kinds))} (add the page to AUDITED)"
        for path in PAGES
        if (kinds := elements(each_site, path).kinds - audited)
    ]
    fail_with(missing, "kinds of element that no audited page holds")


def own_bytes(site: Path, path: str) -> int:
    """What a page adds to the theme's files: its HTML and the images it shows."""
    base = f"http://site.invalid/{path}"
    images = [
        urlsplit(urljoin(base, src)).path.lstrip("/")
        for src in elements(site, path).loads
        if src.rsplit(".", 1)[-1] in {"png", "jpg", "jpeg", "gif", "svg", "webp"}
    ]
    return (site / path / "index.html").stat().st_size + sum(
        (site / image).stat().st_size for image in images
    )


def test_no_page_left_out_weighs_more_than_the_heaviest_audited_one(each_site: Path) -> None:
    """The budget audit of the heaviest page stands for every lighter one."""
    heaviest = max(own_bytes(each_site, path) for path in AUDITED)
    heavier = [
        f"/{path}: {own_bytes(each_site, path)} bytes of its own, more than {heaviest}"
        for path in PAGES
        if own_bytes(each_site, path) > heaviest
    ]
    fail_with(heavier, "pages heavier than any audited page (add them to AUDITED)")


def test_every_page_asks_only_for_files_of_the_build(each_site: Path) -> None:
    """No page left out can fail a request the audited ones did not: every script,
    style sheet, icon and image a page names is a file of the build, on no other host."""
    problems = []
    for path in PAGES:
        for fetched in elements(each_site, path).loads:
            address = urlsplit(urljoin(f"http://127.0.0.1:8000/{path}", fetched))
            if address.netloc != "127.0.0.1:8000":
                problems.append(f"/{path} asks {address.netloc} for {fetched}")
            elif not (each_site / address.path.lstrip("/")).is_file():
                problems.append(f"/{path} asks for {fetched}, which the build does not hold")
    fail_with(problems, "requests a page makes that the build cannot answer")


@pytest.mark.parametrize("opening", ["/", "Control+k", "click"])
def test_zensicals_search_loads_when_opened_and_finds(
    reader: BrowserContext, zensical_site: Path, opening: str
) -> None:
    """Zensical's search (its own design) is held back too, and works once opened."""
    with SiteServer.for_site(zensical_site) as running:
        page = reader.new_page()
        asked: list[str] = []
        page.on("request", lambda request: asked.append(urlsplit(request.url).path))
        page.goto(running.url("check-setup/"))
        page.wait_for_load_state("networkidle")
        assert [path for path in asked if SEARCH_FILES.search(path)] == []
        with page.expect_response(lambda response: response.url.endswith("/search.json")):
            if opening == "click":
                page.locator(".md-search button").click()
            else:
                page.keyboard.press(opening)
        dialog = page.locator("dialog[open]")
        # As with Material's search on demand, what is typed while the index loads is
        # lost: a reader sees "Loading search…" until it is ready.
        expect(dialog.get_by_role("combobox")).to_be_visible()
        expect(dialog).not_to_contain_text("Loading search")
        page.keyboard.type("security token included")
        expect(dialog).to_contain_text("Troubleshooting")
