"""The reader's path through the built site: lists that render as lists, one "Next" per
page in the order "Get the guide" recommends, a 404 page that works wherever the site
is served, and the closure notice once per page."""

from __future__ import annotations

import functools
import html
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.site.browser_support import nav_pages, page_id

PAGES = nav_pages()
# A line of a paragraph that starts like a list item: a list that lost its blank line
# (or its indentation) and ran into the paragraph before it.
LIST_ITEM_LINE = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+\S")
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
FOOTER_NEXT = re.compile(r'<a href="([^"]*)" class="md-footer__link md-footer__link--next"')


def built(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def list_items_in_paragraphs(page_html: str) -> list[str]:
    """Lines of a paragraph that should have been items of a list."""
    return [
        line.strip()
        for paragraph in PARAGRAPH.findall(page_html)
        for line in text_of(paragraph).splitlines()
        if LIST_ITEM_LINE.match(line)
    ]


def resolve(path: str, href: str) -> str:
    """A relative link of the page at site path ``path``, as a site path."""
    return urlsplit(urljoin(f"http://site/{path}", href)).path.lstrip("/")


# --- lists ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_list_runs_into_a_paragraph(built_site: Path, path: str) -> None:
    assert list_items_in_paragraphs(built(built_site, path)) == []


def test_the_list_check_can_fail() -> None:
    """Steps 2-6 of "Create an AWS account" once rendered inside step 1's paragraph."""
    broken = "<ol><li><p>Open it.</p><p>It began elsewhere.\n2. Enter your details.</p></li></ol>"
    fine = "<ol><li><p>Open the page.</p></li><li><p>Enter your details.</p></li></ol>"
    assert list_items_in_paragraphs(broken) == ["2. Enter your details."]
    assert list_items_in_paragraphs(fine) == []


# --- one Next per page ----------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_each_page_has_one_next_and_it_follows_the_nav(built_site: Path, path: str) -> None:
    page = built(built_site, path)
    inline = [p for p in PARAGRAPH.findall(page) if text_of(p).strip().startswith("Next:")]
    assert inline == [], f"/{path} has an inline Next as well as the footer's"
    footer = FOOTER_NEXT.findall(page)
    position = PAGES.index(path)
    if position == len(PAGES) - 1:
        assert footer == []
    else:
        assert [resolve(path, href) for href in footer] == [PAGES[position + 1]]


def test_the_nav_follows_the_order_get_the_guide_recommends(built_site: Path) -> None:
    """The footer's Next from "Get the guide" walks the numbered list it recommends."""
    page = built(built_site, "get-the-guide/")
    section = page.split('id="the-shortest-route-to-a-sandbox-hit"', 1)[1]
    recommended = re.search(r"<ol>(.*?)</ol>", section, re.S)
    assert recommended
    links = re.findall(r'<a href="([^"]+)"', recommended.group(1))
    steps = [resolve("get-the-guide/", href) for href in links]
    assert len(steps) == 4
    start = PAGES.index("get-the-guide/")
    assert PAGES[start + 1 : start + 1 + len(steps)] == steps


# --- the 404 page, served somewhere else ------------------------------------------------------


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Answers a missing address with the site's 404.html, as GitHub Pages does."""

    not_found: bytes = b""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        if code != 404 or self.command not in ("GET", "HEAD"):
            super().send_error(code, message, explain)
            return
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.not_found)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(self.not_found)


@pytest.fixture
def elsewhere(built_site: Path, tmp_path: Path) -> Iterator[str]:
    """The built site served at /mirror/guide/ on a port of its own: its origin + base."""
    root = tmp_path / "host"
    (root / "mirror").mkdir(parents=True)
    (root / "mirror" / "guide").symlink_to(built_site, target_is_directory=True)
    handler = type(
        "Handler", (_PagesLikeHandler,), {"not_found": (built_site / "404.html").read_bytes()}
    )
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/mirror/guide/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.browser
def test_the_404_page_works_under_another_base_path(browser: Browser, elsewhere: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True)
    page = context.new_page()
    loaded: list[tuple[str, int]] = []
    page.on("response", lambda r: loaded.append((r.url, r.status)))
    answer = page.goto(f"{elsewhere}no/such/page/")
    assert answer is not None
    assert answer.status == 404
    assert "Page not found" in page.locator("h1").inner_text()
    page.wait_for_function("document.documentElement.dataset.guideRoot !== undefined")
    home = page.locator("#guide-home")
    assert home.get_attribute("href") == urlsplit(elsewhere).path
    # The page needs nothing but itself: no stylesheet, script or image was asked for.
    assets = [url for url, _ in loaded if not url.startswith(elsewhere + "no/")]
    assets = [url for url in assets if not url.endswith("search-on-demand.js")]
    assert assets == []
    assert Axe().run(page).violations_count == 0
    home.click()
    page.wait_for_url(elsewhere)
    assert page.locator("h1").first.inner_text().startswith("Overview")
    context.close()
