"""The site as readers meet it: every page in Chromium, served from 127.0.0.1.

Each page in the nav is loaded once (``audits``) and checked for console errors, failed
requests, requests to other hosts, axe-core violations in both colour schemes, width at
375 px and weight. Then search, linked content tabs, the copy button and the colour
toggle are used as a reader would, and screenshots are saved under ``screenshots/``.

Chromium is Debian's (``/usr/bin/chromium`` or ``$CHROMIUM_PATH``), one per session.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.site.browser_support import (
    CHROMIUM_ARGS,
    DESKTOP,
    MOBILE,
    ROOT,
    MissingBrowserError,
    PageAudit,
    SiteServer,
    audit_pages,
    chromium_executable,
    code_block_sources,
    copied_forms,
    nav_files,
    nav_pages,
    page_id,
    page_url,
    read_mkdocs_config,
    sitemap_pages,
)

pytestmark = pytest.mark.browser

PAGES = nav_pages()
BUDGET_BYTES = 400 * 1024  # a first visit, uncompressed, every response counted
SCREENSHOTS = ROOT / "screenshots"
TAB = "AWS CLI"
STEP_PAGE = "check-setup/"


def launch_args(base: dict[str, Any]) -> dict[str, Any]:
    """Launch options for the system's Chromium; a missing browser fails the run, never skips."""
    try:
        executable = chromium_executable()
    except MissingBrowserError as missing:
        pytest.fail(str(missing), pytrace=False)
    return {**base, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, pointed at the system's Chromium."""
    return launch_args(browser_type_launch_args)


def test_a_missing_chromium_fails_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        launch_args({})


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[SiteServer]:
    with SiteServer.for_site(built_site) as running:
        yield running


@pytest.fixture(scope="session")
def audits(browser: Browser, server: SiteServer) -> dict[str, PageAudit]:
    """Every nav page, loaded once as a first visit."""
    return audit_pages(browser, server, PAGES)


@pytest.fixture
def reader(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh reader: empty storage, light system theme, desktop window."""
    fresh = browser.new_context(viewport=DESKTOP, color_scheme="light")
    yield fresh
    fresh.close()


def fail_with(problems: list[str], heading: str) -> None:
    """Fail with a readable list (an audit's repr would drown it)."""
    if problems:
        pytest.fail(f"{heading}:\n" + "\n".join(f"  {p}" for p in problems), pytrace=False)


# --- every page --------------------------------------------------------------------------


def test_every_built_page_is_in_the_nav(built_site: Path) -> None:
    missing = sorted(set(sitemap_pages(built_site)) - set(PAGES))
    fail_with(missing, "pages built but not in mkdocs.yml's nav (so not checked here)")


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_page_loads_without_errors(audits: dict[str, PageAudit], path: str) -> None:
    audit = audits[path]
    problems = [f"failed request: {r}" for r in audit.failed]
    problems += [f"console error: {e}" for e in audit.console_errors]
    fail_with(problems, f"/{path} did not load cleanly")


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_page_requests_nothing_from_other_hosts(
    audits: dict[str, PageAudit], server: SiteServer, path: str
) -> None:
    audit = audits[path]
    fail_with([] if audit.requests else ["no request recorded"], f"/{path}")
    fail_with(audit.foreign_requests(server.origin), f"/{path} asked other hosts for")


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_page_has_no_accessibility_violations(audits: dict[str, PageAudit], path: str) -> None:
    audit = audits[path]
    assert sorted(audit.axe) == ["default", "slate"], "axe did not run in both colour schemes"
    found = [f"[{scheme}] {v}" for scheme, violations in audit.axe.items() for v in violations]
    fail_with(found, f"axe-core violations on /{path}")


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_page_fits_a_375px_screen(audits: dict[str, PageAudit], path: str) -> None:
    scroll_width, client_width = audits[path].widths_375
    assert client_width == 375
    assert scroll_width <= client_width, f"/{path} scrolls sideways: {scroll_width} px wide"


SEARCH_FILES = re.compile(r"/search/search_index\.json$|/workers/search\.[0-9a-f]+\.min\.js$")


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_first_visit_stays_within_budget(audits: dict[str, PageAudit], path: str) -> None:
    audit = audits[path]
    kinds = audit.bytes_by_kind()
    assert all(kinds[kind] for kind in ("html", "css", "js")), f"incomplete page load: {kinds}"
    if audit.total_bytes > BUDGET_BYTES:
        largest = sorted(audit.bytes_by_url.items(), key=lambda item: -item[1])[:8]
        hints = [
            "by kind (KiB): " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in kinds.items() if v),
            "largest (KiB): "
            + ", ".join(f"{urlsplit(url).path} {size / 1024:.1f}" for url, size in largest),
        ]
        if any(SEARCH_FILES.search(urlsplit(url).path) for url in audit.bytes_by_url):
            hints.append(
                "the search index or worker loaded with the page: "
                "docs/assets/javascripts/search-on-demand.js should hold them back until "
                "search is opened (did Material change how it loads them?)"
            )
        hints.append(
            "scripts/benchmark.py shows every page's bytes next to a stock Material build"
        )
        fail_with(
            hints,
            f"a first visit to /{path} loads {audit.total_bytes / 1024:.1f} KiB, "
            f"{(audit.total_bytes - BUDGET_BYTES) / 1024:.1f} KiB over the budget of "
            f"{BUDGET_BYTES / 1024:.0f} KiB (uncompressed, every response)",
        )


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_search_waits_until_the_reader_opens_it(audits: dict[str, PageAudit], path: str) -> None:
    """The search index and worker are most of a stock first visit; they load on demand."""
    early = [url for url in audits[path].requests if SEARCH_FILES.search(urlsplit(url).path)]
    fail_with(early, f"/{path} loaded search before the reader opened it")


# --- search ------------------------------------------------------------------------------

RESULT_META = ".md-search-result__meta"
SEARCH_READY = f"() => document.querySelector('{RESULT_META}').textContent.includes('Type to')"
SEARCH_DONE = f"() => /matching/i.test(document.querySelector('{RESULT_META}').textContent)"


@pytest.fixture(scope="module")
def search_page(browser: Browser, server: SiteServer) -> Iterator[Page]:
    """The home page with the search box open and its index loaded by the worker."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.url())
    page.locator("input.md-search__input").click()  # opening search loads the index
    page.wait_for_function(SEARCH_READY, timeout=10_000)
    yield page
    context.close()


def search(page: Page, query: str) -> list[str]:
    """Type a query as a reader would; the page paths of the documents found."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("Backspace")  # the search listens to key presses
    page.wait_for_function(SEARCH_READY)
    # Typed at once; the last key press is what the search reacts to.
    page.keyboard.insert_text(query[:-1])
    box.press(query[-1])
    page.wait_for_function(SEARCH_DONE, timeout=10_000)
    return found_pages(page)


def found_pages(page: Page) -> list[str]:
    """The page paths of the search results shown."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href)"
    )
    return list(dict.fromkeys(re.sub(r"^https?://[^/]+/|[?#].*$", "", href) for href in hrefs))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("AmazonMechanicalTurkFullAccess", "iam-user/"),
        ("sandbox", "sandbox/"),
        ("The security token included in the request is invalid", "troubleshooting/"),
    ],
    ids=["iam-policy", "sandbox", "aws-error"],
)
def test_search_finds_the_page(search_page: Page, query: str, expected: str) -> None:
    found = search(search_page, query)
    assert expected in found, f"searching {query!r} found {found or 'nothing'}"


def test_search_links_work_without_opening_search(
    server: SiteServer, reader: BrowserContext
) -> None:
    """A link with ?q= opens search with results; a result's ?h= highlights the term."""
    page = reader.new_page()
    page.goto(server.url("?q=sandbox"))
    page.wait_for_function(SEARCH_DONE, timeout=10_000)
    assert "sandbox/" in found_pages(page)
    page.goto(server.url("sandbox/?h=sandbox"))
    page.locator(".md-content mark[data-md-highlight]").first.wait_for(timeout=10_000)


# --- content tabs and the copy button -------------------------------------------------------

TAB_STATE = """name => [...document.querySelectorAll(".tabbed-set")].flatMap(set => {
  const label = [...set.querySelectorAll(":scope > .tabbed-labels > label")]
    .find(l => l.textContent.trim() === name);
  return label ? [document.getElementById(label.htmlFor).checked] : [];
})"""


def pages_with_tab(site: Path, name: str) -> list[str]:
    label = re.compile(rf'<label for="__tabbed_\d+_\d+">{re.escape(name)}</label>')
    return [p for p in PAGES if label.search((site / p / "index.html").read_text("utf-8"))]


def test_choosing_a_tab_switches_every_page(
    built_site: Path, server: SiteServer, reader: BrowserContext
) -> None:
    pages = pages_with_tab(built_site, TAB)
    assert len(pages) >= 2, f"linked tabs need two pages with an {TAB!r} tab, found {pages}"
    first, *others = pages
    page = reader.new_page()
    page.goto(server.url(first))
    assert not any(page.evaluate(TAB_STATE, TAB)), f"{TAB} is not the default tab"

    page.locator(
        ".tabbed-labels > label", has_text=re.compile(rf"^{re.escape(TAB)}$")
    ).first.click()
    assert all(page.evaluate(TAB_STATE, TAB)), f"not every {TAB} tab on {first} switched"
    for other in others:
        page.goto(server.url(other), wait_until="domcontentloaded")  # tabs are set by then
        state = page.evaluate(TAB_STATE, TAB)
        assert state, f"no {TAB} tab on {other}"
        assert all(state), f"{other} does not show {TAB} after choosing it on {first}"


COPY_BUTTONS = "button.md-code__button[data-md-type=copy]"
SHOW_BLOCK = """([selector, i]) => {
  // A block in a tab that is not chosen is hidden: choose its tab first.
  const block = document.querySelectorAll(selector)[i].closest(".tabbed-block");
  if (!block) return;
  const index = [...block.parentElement.children].indexOf(block);
  block.closest(".tabbed-set")
    .querySelectorAll(":scope > .tabbed-labels > label")[index].click();
}"""


def page_markdown(path: str) -> Path:
    docs = ROOT / read_mkdocs_config().get("docs_dir", "docs")
    [markdown] = [docs / f for f in nav_files(read_mkdocs_config()["nav"]) if page_url(f) == path]
    return markdown


def test_copy_button_copies_exactly_the_snippet(browser: Browser, server: SiteServer) -> None:
    """Each block's button copies that block's included snippet text, nothing else."""
    expected = code_block_sources(page_markdown(STEP_PAGE))
    context = browser.new_context(
        viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        page = context.new_page()
        page.goto(server.url(STEP_PAGE))
        buttons = page.locator(COPY_BUTTONS)
        count = buttons.count()
        assert count, f"no code block on {STEP_PAGE}"
        assert count == page.locator(".md-typeset pre > code").count(), "a block lacks a button"
        assert count == len(expected), (
            f"{STEP_PAGE} shows {count} code blocks, its Markdown has {len(expected)} fences"
        )
        for index, source in enumerate(expected):
            page.evaluate("() => navigator.clipboard.writeText('')")
            page.evaluate(SHOW_BLOCK, [COPY_BUTTONS, index])
            buttons.nth(index).click()
            copied = page.evaluate("() => navigator.clipboard.readText()")
            assert copied.strip("\n") in copied_forms(source), (
                f"copy button {index + 1} on {STEP_PAGE} copied:\n{copied}\n"
                f"--- instead of its snippet:\n{source}"
            )
    finally:
        context.close()


# --- colour scheme -----------------------------------------------------------------------

SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


def test_dark_mode_toggle_works_and_persists(server: SiteServer, reader: BrowserContext) -> None:
    page = reader.new_page()
    page.goto(server.url())
    assert page.evaluate(SCHEME) == "default"
    light = page.evaluate(BACKGROUND)

    page.get_by_title("Switch to dark mode").click()
    assert page.evaluate(SCHEME) == "slate"
    page.wait_for_function(f"() => ({BACKGROUND})() !== {light!r}")

    page.locator("a.md-footer__link--next").click()  # on to the next page, as a reader does
    page.wait_for_url(re.compile(r"/[^/]+/$"))
    assert page.evaluate(SCHEME) == "slate"
    page.goto(server.url(PAGES[-1]))
    assert page.evaluate(SCHEME) == "slate"
    assert page.evaluate(BACKGROUND) != light

    page.get_by_title("Switch to light mode").click()
    assert page.evaluate(SCHEME) == "default"
    page.reload()
    assert page.evaluate(SCHEME) == "default"


# --- screenshots -------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize(
    ("device", "options"),
    [
        ("desktop", {"viewport": DESKTOP}),
        ("mobile", {"viewport": MOBILE, "is_mobile": True, "has_touch": True}),
    ],
)
def test_screenshots(
    browser: Browser, server: SiteServer, device: str, options: dict[str, Any]
) -> None:
    """Home page and a step page, saved under screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(color_scheme="light", reduced_motion="reduce", **options)
    try:
        page = context.new_page()
        for name, path in (("home", ""), (page_id(STEP_PAGE), STEP_PAGE)):
            page.goto(server.url(path))
            shot = SCREENSHOTS / f"{name}-{device}.png"
            page.screenshot(path=shot, full_page=True)
            width, height = png_size(shot)
            assert width == options["viewport"]["width"]
            assert height >= options["viewport"]["height"]
    finally:
        context.close()
