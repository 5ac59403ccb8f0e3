"""The site as readers use it, in Chromium, served from 127.0.0.1.

Search, linked content tabs, the copy button, the colour toggle, the banner, printing
and the accounts diagram are used as a reader would, and screenshots are saved under
``screenshots/``. (Every page's first visit is audited in ``test_audit.py``.)

Chromium is Debian's (``browser_support.chromium_executable``), one per session.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from guide_tools import constants
from guide_tools.doctor.catalogue import CATALOGUE
from tests.site import browser_support
from tests.site.browser_support import (
    DESKTOP,
    DEVICES,
    MOBILE,
    ROOT,
    MissingBrowserError,
    SiteServer,
    chromium_executable,
    code_block_sources,
    copied_forms,
    nav_files,
    nav_pages,
    page_id,
    page_url,
    read_mkdocs_config,
)
from tests.site.conftest import launch_args

pytestmark = pytest.mark.browser

PAGES = nav_pages()
SCREENSHOTS = ROOT / "screenshots"
TAB = "AWS CLI"
STEP_PAGE = "check-setup/"


def test_a_missing_chromium_fails_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        launch_args({})


def test_without_chromium_path_debians_builds_are_tried_lighter_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shell, full = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(browser_support, "DEFAULT_CHROMIUMS", (str(shell), str(full)))
    with pytest.raises(MissingBrowserError, match=f"{shell} or {full}"):
        chromium_executable()
    full.write_text("#!/bin/sh\n")
    full.chmod(0o755)
    assert chromium_executable() == str(full)
    shell.write_text("#!/bin/sh\n")
    shell.chmod(0o644)  # there, but not executable
    assert chromium_executable() == str(full)
    shell.chmod(0o755)
    assert chromium_executable() == str(shell)


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
    ],
    ids=["iam-policy", "sandbox"],
)
def test_search_finds_the_page(search_page: Page, query: str, expected: str) -> None:
    found = search(search_page, query)
    assert expected in found, f"searching {query!r} found {found or 'nothing'}"


def pasted_error_texts() -> list[str]:
    """What readers paste: for each group of the doctor's catalogue (MT1xx, MT2xx, ...),
    the first error message new to the list, up to its first placeholder or full stop
    (the part that reads the same for everyone)."""
    texts: list[str] = []
    groups: set[str] = set()
    for problem in CATALOGUE:
        for error in problem.errors:
            text = re.split(r"<|\. |\.$", error.message)[0].strip().rstrip(" :('\"")
            if problem.code[2] in groups or len(text.split()) < 4 or text in texts:
                continue
            groups.add(problem.code[2])
            texts.append(text)
    return texts


PASTED_ERRORS = pasted_error_texts()


def test_enough_error_texts_are_searched() -> None:
    assert len(PASTED_ERRORS) >= 6
    assert "The security token included in the request is invalid" in PASTED_ERRORS


@pytest.mark.parametrize("query", PASTED_ERRORS)
def test_a_pasted_error_finds_troubleshooting_first(search_page: Page, query: str) -> None:
    """The page that explains every error must be the first result, not the fourth."""
    found = search(search_page, query)
    assert found[:1] == ["troubleshooting/"], f"searching {query!r} ranked {found[:5]}"


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
    # Tabs link by label: a page whose second tab is not the AWS CLI (Pay for HITs runs
    # the guide's script in a "Terminal" tab) keeps its first tab.
    page.goto(server.url("payments/"), wait_until="domcontentloaded")
    assert not page.evaluate(TAB_STATE, TAB), "payments/ still labels a tab AWS CLI"
    assert page.evaluate(TAB_STATE, "Python") == [True], "payments/ left its Python tab"


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


# --- keyboard, banner, paper and the diagram -------------------------------------------

RING = """label => {
  const style = getComputedStyle(label);
  return [style.outlineStyle, parseFloat(style.outlineWidth)];
}"""


def test_a_focused_content_tab_shows_a_ring(server: SiteServer, reader: BrowserContext) -> None:
    """Tabbing onto a content tab draws an outline round its label (not only a colour)."""
    page = reader.new_page()
    page.goto(server.url(STEP_PAGE))
    first = page.locator(".tabbed-set").first
    page.locator("h2 a.headerlink").first.focus()  # the link just before the first tab set
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('.tabbed-set > input')")
    labels = first.locator(".tabbed-labels > label")
    style, width = labels.first.evaluate(RING)
    assert style != "none", f"the focused tab has no ring: {style} {width}px"
    assert width >= 1.5, f"the focused tab's ring is too thin: {width}px"
    page.keyboard.press("ArrowRight")  # moves to the next tab, as radio buttons do
    style, width = labels.nth(1).evaluate(RING)
    assert style != "none", "the second tab, focused, has no ring"
    assert width >= 1.5, "the second tab's ring is too thin"
    assert labels.first.evaluate(RING)[0] == "none", "the ring stays on a tab left behind"


# --- code blocks a keyboard can scroll ------------------------------------------------

SCROLLER_PAGE = "first-hit/"
# Each visible code block: [does it overflow by more than axe's 13 px, its tabindex].
CODE_BLOCKS = """() => [...document.querySelectorAll('.md-typeset pre > code')]
  .filter(el => el.offsetParent !== null)
  .map(el => [el.scrollWidth > el.clientWidth + 13, el.getAttribute('tabindex')])"""
SCROLLERS_READY = "() => document.documentElement.dataset.guideScrollers === 'ready'"


def test_a_wide_code_block_can_be_scrolled_from_a_keyboard_on_a_touch_screen(
    server: SiteServer, phone_reader: BrowserContext
) -> None:
    """Material makes a wide block focusable only where the device can hover; the
    site's accessibility.js does it everywhere, puts it back when Material takes it
    away, and takes it away again once the block fits, here by wrapping its lines
    (axe: scrollable-region-focusable)."""
    page = phone_reader.new_page()
    page.goto(server.url(SCROLLER_PAGE))
    page.wait_for_function(SCROLLERS_READY)
    blocks = page.evaluate(CODE_BLOCKS)
    assert any(wide for wide, _ in blocks), f"no code block overflows on a phone: {blocks}"
    assert all(tabindex == "0" for wide, tabindex in blocks if wide), blocks
    page.evaluate(
        "() => document.querySelectorAll('.md-typeset pre > code')"
        ".forEach(el => el.removeAttribute('tabindex'))"
    )  # what Material does
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-typeset pre > code')]"
        ".every(el => el.scrollWidth <= el.clientWidth + 1 || el.tabIndex === 0)"
    )
    wrap = page.add_style_tag(content=".md-typeset pre > code { white-space: pre-wrap }")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-typeset pre > code')]"
        ".every(el => !el.hasAttribute('tabindex'))"
    )
    wrap.evaluate("style => style.remove()")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-typeset pre > code')]"
        ".some(el => el.getAttribute('tabindex') === '0')"
    )


BANNER = "[data-md-component=announce]"


def test_the_closure_banner_is_short_and_stays_dismissed(
    server: SiteServer, phone_reader: BrowserContext
) -> None:
    page = phone_reader.new_page()
    page.goto(server.url(STEP_PAGE))
    banner = page.locator(f"{BANNER} .md-banner")
    assert constants.SERVICE_STATUS_SHORT in banner.inner_text()
    height = banner.bounding_box()["height"]
    assert height <= 0.15 * MOBILE["height"], f"the banner takes {height:.0f} px of a phone"
    assert page.locator(".md-content .admonition.danger").count() == 0, "a second notice"
    page.locator(f"{BANNER} .md-banner__button").click()
    assert page.locator(BANNER).is_hidden()
    page.goto(server.url(""))
    assert page.locator(BANNER).is_hidden(), "the dismissed banner came back"
    assert constants.SERVICE_STATUS in page.locator(".md-content #service-status").inner_text()


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF that Chromium wrote (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


PRINTED_AFTER = """() => [...document.querySelectorAll(".md-typeset a[href^='http']")].map(
  a => [a.href, getComputedStyle(a, "::after").content])"""
BOX = """() => [...document.querySelectorAll(".task-list-indicator")].map(el => {
  const s = getComputedStyle(el, "::before");
  return [s.backgroundColor, s.maskImage || s.webkitMaskImage, s.borderTopStyle];
})"""
SHOWN = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length
    && getComputedStyle(el).visibility !== "hidden").length"""


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_checklist_prints_on_two_sheets_at_most(
    server: SiteServer, browser: Browser, paper: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(server.url("checklist/"))
        page.emulate_media(media="print")
        pdf = page.pdf(format=paper, print_background=True)
        assert 1 <= pdf_pages(pdf) <= 2, f"the checklist prints on {pdf_pages(pdf)} {paper} sheets"
        if paper == "A4":
            boxes = page.evaluate(BOX)
            assert len(boxes) >= 15
            assert all(b == ["rgba(0, 0, 0, 0)", "none", "solid"] for b in boxes), boxes[:3]
            # Links to other sites (test_reader_path checks the site's own print none).
            printed = [p for p in page.evaluate(PRINTED_AFTER) if server.origin not in p[0]]
            assert printed, "the checklist has no web address to print"
            for href, after in printed:
                assert href.rstrip("/") in after, f"{href} prints as {after}"
            assert page.evaluate(SHOWN, ".md-banner, .md-header, .md-sidebar, .md-footer") == 0
    finally:
        context.close()


def test_printed_code_has_no_copy_buttons(server: SiteServer, reader: BrowserContext) -> None:
    page = reader.new_page()
    page.goto(server.url(STEP_PAGE))
    assert page.evaluate(SHOWN, COPY_BUTTONS) > 0
    page.emulate_media(media="print")
    assert page.evaluate(SHOWN, COPY_BUTTONS) == 0
    assert page.evaluate(SHOWN, ".md-annotation__index") == 0
    assert pdf_pages(page.pdf(format="A4")) >= 1


LABEL_SIZE = """async () => {
  const img = document.querySelector(".accounts-diagram img");
  const svg = new DOMParser().parseFromString(
    await (await fetch(img.currentSrc)).text(), "image/svg+xml").documentElement;
  const box = svg.viewBox.baseVal;
  const sizes = [...svg.querySelectorAll("[font-size]")].map(
    el => parseFloat(el.getAttribute("font-size")));
  return {src: img.currentSrc, smallest: Math.min(...sizes) * img.clientWidth / box.width,
          width: img.clientWidth};
}"""


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_accounts_diagram_reads_on_every_screen(
    server: SiteServer, browser: Browser, device: str
) -> None:
    """Its smallest label, as drawn on screen, is at least 11 px (the wide drawing on a
    phone drew 13 px labels at about 6 px); a phone gets the tall drawing."""
    context = browser.new_context(**DEVICES[device])
    try:
        page = context.new_page()
        page.goto(server.url(""))
        drawn = page.evaluate(LABEL_SIZE)
        assert drawn["smallest"] >= 11, f"{device}: labels drawn at {drawn['smallest']:.1f} px"
        narrow = drawn["src"].endswith("accounts-narrow.svg")
        assert narrow == (device == "phone"), drawn
    finally:
        context.close()


# --- what the worker sees ----------------------------------------------------------------


def test_the_first_hit_page_shows_the_worker_view(built_site: Path) -> None:
    page = (built_site / "first-hit" / "index.html").read_text("utf-8")
    assert '<img alt="' in page
    assert "first-hit-worker-view.png" in page


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
