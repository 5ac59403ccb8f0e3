"""Every page on a phone (375 px, touch), as issue 25 found it: copy buttons over the
ends of commands, commands and table columns off the screen, an unreadable worker view.
(axe at 375 px runs on every page in ``test_audit.py``.)"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.site.browser_support import DEVICES, SiteServer, nav_pages, page_id
from tests.site.worker_view import NARROW_IMAGE, NARROW_WIDTH

pytestmark = pytest.mark.browser

SCROLLERS_READY = "() => document.documentElement.dataset.guideScrollers === 'ready'"

PAGES = nav_pages()

# Code text that a copy button covers: every visible character of every code block,
# scrolled into view or not, tested against the buttons' boxes.
COVERED = """() => {
  const covered = [];
  for (const pre of document.querySelectorAll(".md-content pre")) {
    const code = pre.querySelector("code");
    const buttons = [...pre.querySelectorAll(".md-code__nav")]
      .filter(b => b.getClientRects().length).map(b => b.getBoundingClientRect());
    if (!code || !code.getClientRects().length || !buttons.length) continue;
    const range = document.createRange();
    const text = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    search: for (let node = text.nextNode(); node; node = text.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (/\\s/.test(node.data[i])) continue;
        range.setStart(node, i); range.setEnd(node, i + 1);
        for (const r of range.getClientRects()) {
          if (buttons.some(b => r.left < b.right && r.right > b.left
                                && r.top < b.bottom && r.bottom > b.top)) {
            covered.push(code.textContent.split("\\n")[0].slice(0, 60));
            break search;
          }
        }
      }
    }
  }
  return covered;
}"""
SIDEWAYS_COMMANDS = """() => [...document.querySelectorAll(
    ".md-content :is(.language-bash, .language-sh, .language-powershell) pre > code")]
  .filter(c => c.getClientRects().length && c.scrollWidth > c.clientWidth + 1)
  .map(c => c.textContent.split("\\n")[0].slice(0, 60))"""
SIDEWAYS_TABLES = """() => [...document.querySelectorAll(".md-content table")]
  .filter(t => t.getClientRects().length)
  .filter(t => {
    const box = t.closest(".md-typeset__scrollwrap") || t;
    return box.scrollWidth > box.clientWidth + 1 || t.getBoundingClientRect().right > innerWidth;
  })
  .map(t => t.querySelector("th, td").textContent.slice(0, 40))"""
WITHOUT_SITE_STYLES = (
    "() => document.querySelectorAll('link[href*=\"extra.css\"]').forEach(link => link.remove())"
)
SCROLLERS_WITHOUT_CUE = """() => [...document.querySelectorAll(".md-content pre > code")]
  .filter(c => c.getClientRects().length && c.scrollWidth > c.clientWidth + 1)
  .filter(c => getComputedStyle(c).boxShadow === "none")
  .map(c => c.textContent.split("\\n")[0].slice(0, 60))"""
UNLABELLED_CELLS = """() => [...document.querySelectorAll(".md-content td")]
  .filter(td => td.getClientRects().length)
  .filter(td => getComputedStyle(td, "::before").content !== `"${td.dataset.label}"`)
  .map(td => td.textContent.slice(0, 40))"""


@pytest.fixture(scope="module")
def phone_pages(browser: Browser, server: SiteServer) -> dict[str, dict[str, Any]]:
    """What each page shows a phone: covered code, commands and tables off the screen."""
    context = browser.new_context(**DEVICES["phone"], color_scheme="light")
    found = {}
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(server.url(path))
            page.wait_for_function(SCROLLERS_READY)
            found[path] = {
                "covered": page.evaluate(COVERED),
                "commands": page.evaluate(SIDEWAYS_COMMANDS),
                "tables": page.evaluate(SIDEWAYS_TABLES),
                "unlabelled": page.evaluate(UNLABELLED_CELLS),
                "no_cue": page.evaluate(SCROLLERS_WITHOUT_CUE),
            }
    finally:
        context.close()
    return found


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_copy_button_covers_code(phone_pages: dict[str, dict[str, Any]], path: str) -> None:
    assert phone_pages[path]["covered"] == []


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_commands_wrap_on_a_phone(phone_pages: dict[str, dict[str, Any]], path: str) -> None:
    assert phone_pages[path]["commands"] == []


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_code_that_scrolls_sideways_shows_it(
    phone_pages: dict[str, dict[str, Any]], path: str
) -> None:
    assert phone_pages[path]["no_cue"] == []


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_tables_fit_a_phone_with_each_cell_named(
    phone_pages: dict[str, dict[str, Any]], path: str
) -> None:
    assert phone_pages[path]["tables"] == []
    assert phone_pages[path]["unlabelled"] == []


def test_the_checks_see_what_main_showed(browser: Browser, server: SiteServer) -> None:
    """Without the phone styles, the overview's table and the commands run off the screen
    and the copy buttons cover text again: the checks above can fail."""
    context = browser.new_context(**DEVICES["phone"], color_scheme="light")
    try:
        page = context.new_page()
        unstyled = {}
        for path in ("get-the-guide/", ""):
            page.goto(server.url(path))
            page.wait_for_load_state("load")
            page.evaluate(WITHOUT_SITE_STYLES)
            unstyled[path] = [page.evaluate(check) for check in (COVERED, SIDEWAYS_COMMANDS)]
            unstyled[path].append(page.evaluate(SIDEWAYS_TABLES))
        covered, commands, _ = unstyled["get-the-guide/"]
        page.goto(server.url("store-keys/"))
        page.wait_for_function(SCROLLERS_READY)
        page.evaluate(WITHOUT_SITE_STYLES)
        assert page.evaluate(SCROLLERS_WITHOUT_CUE) != []
        assert covered != []
        assert commands != []
        assert unstyled[""][2] != []
    finally:
        context.close()


def test_the_worker_view_is_legible_on_a_phone(browser: Browser, server: SiteServer) -> None:
    """The phone gets the 400 px drawing: its 15 px text shows at 12 px or more."""
    context = browser.new_context(**DEVICES["phone"], color_scheme="light")
    try:
        page = context.new_page()
        page.goto(server.url("first-hit/"))
        image = page.locator(".worker-view img.worker-view-narrow")
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => document.querySelector('.worker-view img.worker-view-narrow').complete"
            " && document.querySelector('.worker-view img.worker-view-narrow').naturalWidth > 0"
        )
        shown = image.evaluate("img => [img.currentSrc, img.clientWidth, img.naturalWidth]")
        source, width, natural = shown
        assert source.endswith(NARROW_IMAGE.name)
        assert natural == NARROW_WIDTH
        assert 15 * width / natural >= 12, f"the worker view's text shows at {shown}"
        assert not page.locator(".worker-view img.worker-view-wide").is_visible()
    finally:
        context.close()
