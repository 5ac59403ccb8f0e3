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
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from guide_tools import constants
from mturk_emulator.ledger import all_rules
from mturk_emulator.models.money import commission
from tests.site.browser_support import SiteServer, nav_pages, page_id

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


# --- past tense for the closed service -------------------------------------------------------

# The closed sites, by address (from the emulator's constants) and by the names pages use.
CLOSED_SITES = (
    *(
        address.removeprefix("https://")
        for address in (
            constants.PRODUCTION_REQUESTER_SITE,
            constants.SANDBOX_REQUESTER_SITE,
            constants.PRODUCTION_WORKER_SITE,
            constants.SANDBOX_WORKER_SITE,
        )
    ),
    "www.mturk.com/mturk",
    "worker sandbox",
    "Developer page",
    "Developer tab",
    "requester website",
    "requester site",
)
# Verbs an instruction starts with. A sentence that starts with one of these and names a
# closed site tells the reader to do what can no longer be done.
IMPERATIVES = frozenset(
    (
        "go",
        "open",
        "click",
        "sign",
        "log",
        "visit",
        "accept",
        "register",
        "buy",
        "purchase",
        "enter",
        "choose",
        "fill",
        "search",
        "repeat",
        "check",
        "type",
        "select",
        "find",
        "navigate",
        "create",
        "link",
        "confirm",
        "return",
        "follow",
        "use",
        "add",
        "pay",
        "approve",
        "reject",
        "preview",
        "complete",
        "browse",
        "submit",
        "scroll",
        "wait",
    )
)
QUOTED = re.compile(r"<blockquote\b.*?</blockquote>|<pre\b.*?</pre>|\u201c[^\u201d]*\u201d", re.S)
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z])")


def first_word(text: str) -> str:
    found = re.match(r"\W*([A-Za-z-]+)", text)
    return found.group(1).lower() if found else ""


def instructions_for_closed_sites(page_html: str) -> list[str]:
    """Sentences, and items of lists that name a closed site, worded as instructions.

    Quotations (block quotes, code, text in curly quotes) are left out: they record
    what a site or a source said.
    """
    article = ARTICLE.search(page_html)
    content = QUOTED.sub("", article.group(1) if article else page_html)
    found = []
    for items in re.findall(r"<(?:ol|ul)\b[^>]*>(.*?)</(?:ol|ul)>", content, re.S):
        if any(site in text_of(items) for site in CLOSED_SITES):
            for item in re.findall(r"<li\b[^>]*>(.*?)(?=<li\b|</li>)", items, re.S):
                text = " ".join(text_of(item).split())
                if first_word(text) in IMPERATIVES:
                    found.append(text[:100])
    for block in re.findall(r"<(p|td)\b[^>]*>(.*?)</\1>", content, re.S):
        for sentence in SENTENCE_END.split(" ".join(text_of(block[1]).split())):
            named = any(site in sentence for site in CLOSED_SITES)
            if named and first_word(sentence) in IMPERATIVES:
                found.append(sentence[:100])
    return found


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_page_tells_a_reader_to_use_a_closed_site(built_site: Path, path: str) -> None:
    assert instructions_for_closed_sites(built(built_site, path)) == []


def test_the_tense_check_can_fail() -> None:
    """The wording of "Create a Requester account" and Troubleshooting before issue 25."""
    present = (
        '<article class="md-content__inner md-typeset"><ol><li>Go to '
        "<code>https://requester.mturk.com</code>.</li><li>Click <strong>Create an Account"
        "</strong>.</li></ol><p><strong>Fix:</strong> x. Sign in at https://requester.mturk.com"
        " and buy prepaid HITs.</p><blockquote><p>Visit https://requester.mturk.com/x</p>"
        "</blockquote></article>"
    )
    past = present.replace("Go to", "You went to").replace("Click", "You clicked")
    past = past.replace("Sign in at", "A requester signed in at")
    assert instructions_for_closed_sites(present) == [
        "Go to https://requester.mturk.com.",
        "Click Create an Account.",
        "Sign in at https://requester.mturk.com and buy prepaid HITs.",
    ]
    assert instructions_for_closed_sites(past) == []


# --- the printable checklist -----------------------------------------------------------------

PRINTED_ADDRESSES = """() => [...document.querySelectorAll(".md-typeset a")]
  .map(a => getComputedStyle(a, "::after").content).filter(c => c && c !== "none")"""


@pytest.mark.browser
def test_the_checklist_is_a_dated_record_that_prints_no_local_address(
    browser: Browser, server: SiteServer
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url("checklist/"))
    page.emulate_media(media="print")
    text = page.locator("article").inner_text()
    assert constants.SERVICE_STATUS_SHORT.split(". ")[0] in text
    headers = page.locator(".checklist-blanks th").all_inner_texts()
    assert headers[2:] == ["Date", "AWS account ID (12 digits)"]
    assert page.locator(".checklist-blanks td").all_inner_texts() == ["\u00a0"] * 4
    printed = page.evaluate(PRINTED_ADDRESSES)
    assert any("https://aws.amazon.com" in address for address in printed)
    local = [a for a in printed if "127.0.0.1" in a or "localhost" in a]
    assert local == [], "a copy served from this computer prints its local address"
    context.close()


# --- terms where they first appear -----------------------------------------------------------

# The beginner's words, as each is written, and its entry in the glossary.
TERMS = {
    "HIT": (r"\bHITs?\b", "term-hit"),
    "IAM": (r"\bIAM\b", "term-iam"),
    "API": (r"\bAPIs?\b", "term-api"),
    "CLI": (r"\bCLI\b", "term-aws-cli"),
    "ARN": (r"\bARNs?\b", "term-arn"),
    "endpoint": (r"\b[Ee]ndpoints?\b", "term-endpoint"),
    "profile": (r"\b[Pp]rofiles?\b", "term-profile"),
}
TOKEN = re.compile(r"<[^>]+>|[^<]+")
NOT_READ_FIRST = re.compile(
    r'<div id="service-status".*?</div>\s*</div>|<pre\b.*?</pre>|<h1\b.*?</h1>', re.S
)


def first_use(page_html: str, pattern: str) -> tuple[str, str] | None:
    """The first use of a term in a page's text: (the use, the link it sits in or "").

    The closure notice (the same on every page that has it) and code are not read.
    """
    article = ARTICLE.search(page_html)
    content = NOT_READ_FIRST.sub("", article.group(1) if article else page_html)
    link = ""
    for token in TOKEN.findall(content):
        if token.startswith("<a "):
            found = re.search(r'href="([^"]*)"', token)
            link = found.group(1) if found else ""
        elif token.startswith("</a"):
            link = ""
        elif not token.startswith("<"):
            use = re.search(pattern, html.unescape(token))
            if use:
                return use.group(0), link
    return None


@pytest.mark.parametrize("term", TERMS)
def test_each_term_is_linked_to_the_glossary_where_it_first_appears(
    built_site: Path, term: str
) -> None:
    pattern, entry = TERMS[term]
    glossary = built(built_site, "reference/")
    assert f'<dfn id="{entry}">' in glossary
    for path in PAGES:
        found = first_use(built(built_site, path), pattern)
        if found:
            use, link = found
            assert link.split("reference/")[-1] == f"#{entry}", (
                f"{use!r} first appears on /{path} without a link to the glossary's entry"
            )
            return
    pytest.fail(f"no page uses {term!r}")


def test_the_overview_links_the_glossary(built_site: Path) -> None:
    assert 'href="reference/#glossary"' in built(built_site, "")


def test_the_term_check_can_fail() -> None:
    page = (
        '<article class="md-content__inner md-typeset"><h1>A HIT</h1>'
        '<p>Post a <a href="reference/#term-hit">HIT</a>.</p></article>'
    )
    assert first_use(page, TERMS["HIT"][0]) == ("HIT", "reference/#term-hit")
    plain = page.replace("Post a <a", "Each HIT <a")
    assert first_use(plain, TERMS["HIT"][0]) == ("HIT", "")


# --- the source documents' facts -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fact"),
    [
        # CloudResearch's guide (source 000) ends with its support contacts.
        ("cloudresearch/", "support@cloudresearch.com"),
        ("cloudresearch/", "844.565.1231"),
        # AWS's getting-started guide (source 002) points to "Overview of IAM Policies".
        ("iam-user/", "Overview of IAM Policies"),
    ],
)
def test_the_source_documents_facts_are_on_their_pages(
    built_site: Path, path: str, fact: str
) -> None:
    assert fact in text_of(built(built_site, path))


# --- labels that cover their claims ----------------------------------------------------------


def test_the_large_hit_fee_is_labelled_by_what_says_so_and_the_pages_agree(
    built_site: Path,
) -> None:
    """Issue 25: the rule was "documented" by the botocore model, which says only "there
    is an additional fee"; the amount and its base (the reward, not bonuses) are the
    pricing page's. The pages say the same as the rule and the emulator."""
    [rule] = [rule for rule in all_rules() if rule.id == "payments.large-hit-fee"]
    assert (rule.label, rule.source) == ("documented", "https://www.mturk.com/pricing")
    assert "additional 20% fee on the reward" in rule.quote
    assert "bonus" not in rule.quote
    assert commission(Decimal("1.00"), large_hit=True) == Decimal("0.40")
    assert commission(Decimal("1.00"), large_hit=False) == Decimal("0.20")
    payments = " ".join(text_of(built(built_site, "payments/")).split())
    assert "a bonus paid on such a HIT carried the 20% fee only" in payments
    closure = " ".join(text_of(built(built_site, "after-the-closure/")).split())
    assert "bonuses 20% either way" in closure
    assert "the extra fee for 10 or more is documented" not in closure
