"""Every page of the site as a first visit, in Chromium, served from 127.0.0.1.

Each page in the nav is loaded once on a desktop and once on a phone (375 px, touch),
``audits``, and checked for console errors, failed requests, requests to other hosts,
axe-core violations in both colour schemes, width and weight. (The reader's actions,
search, tabs, printing and the rest, are in ``test_browser.py``: two modules, so that
the two test processes share the browser work.)
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.conftest import _site
from tests.site.browser_support import (
    DEVICES,
    NOT_READY,
    PageAudit,
    SiteServer,
    _Auditor,
    _Shared,
    audit_pages,
    nav_pages,
    page_id,
    sitemap_pages,
)

pytestmark = pytest.mark.browser

PAGES = nav_pages()
AUDITED = PAGES
"""The pages this module audits: all of them on MkDocs' build (test_audit_zensical.py
audits a few on Zensical's, and shows why those few stand for the rest)."""
BUDGET_BYTES = 400 * 1024  # a first visit, uncompressed, every response counted


@pytest.fixture(scope="session", params=["mkdocs"])
def each_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MkDocs' build here; Zensical's audits are test_audit_zensical.py, so that the two
    builds' browser audits (25-30 s each) run side by side in the two test processes."""
    return _site(request.param, tmp_path_factory)


@pytest.fixture(scope="session")
def audits(browser: Browser, each_server: SiteServer) -> dict[str, dict[str, PageAudit]]:
    """Every nav page, loaded once as a first visit on each device, as MkDocs built it."""
    return audit_pages(browser, each_server, AUDITED)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test of one page runs for each page its module audits (its ``AUDITED``)."""
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", metafunc.module.AUDITED, ids=page_id)


def fail_with(problems: list[str], heading: str) -> None:
    """Fail with a readable list (an audit's repr would drown it)."""
    if problems:
        pytest.fail(f"{heading}:\n" + "\n".join(f"  {p}" for p in problems), pytrace=False)


# --- every page --------------------------------------------------------------------------


def test_every_built_page_is_in_the_nav(each_site: Path) -> None:
    missing = sorted(set(sitemap_pages(each_site)) - set(PAGES))
    fail_with(missing, "pages built but not in mkdocs.yml's nav (so not checked here)")


def test_every_page_is_audited_on_both_devices(
    audits: dict[str, dict[str, PageAudit]], request: pytest.FixtureRequest
) -> None:
    assert {path: sorted(found) for path, found in audits.items()} == {
        path: sorted(DEVICES) for path in request.module.AUDITED
    }


def test_page_loads_without_errors(audits: dict[str, dict[str, PageAudit]], path: str) -> None:
    problems = []
    for device, audit in audits[path].items():
        problems += [f"[{device}] failed request: {r}" for r in audit.failed]
        problems += [f"[{device}] console error: {e}" for e in audit.console_errors]
    fail_with(problems, f"/{path} did not load cleanly")


def test_page_requests_nothing_from_other_hosts(
    audits: dict[str, dict[str, PageAudit]], each_server: SiteServer, path: str
) -> None:
    for device, audit in audits[path].items():
        fail_with([] if audit.requests else ["no request recorded"], f"/{path} ({device})")
        fail_with(
            audit.foreign_requests(each_server.origin),
            f"/{path} ({device}) asked other hosts for",
        )


def test_page_has_no_accessibility_violations(
    audits: dict[str, dict[str, PageAudit]], path: str
) -> None:
    """axe-core on a desktop and on a phone with touch, each in both colour schemes."""
    found = []
    for device, audit in audits[path].items():
        assert sorted(audit.axe) == ["default", "slate"], (
            f"axe did not run in both schemes on {device}"
        )
        found += [
            f"[{device}, {scheme}] {v}"
            for scheme, violations in audit.axe.items()
            for v in violations
        ]
    fail_with(found, f"axe-core violations on /{path}")


def test_the_shared_colour_audit_checks_every_style(
    audits: dict[str, dict[str, PageAudit]],
) -> None:
    """Each style is checked once: the first page checks many, and later pages their own."""
    for device in DEVICES:
        for scheme in ("default", "slate"):
            checked = [audits[p][device].styles_checked.get(scheme, 0) for p in audits]
            assert sum(checked) > 50, (device, scheme, checked)
            assert max(checked) >= 20, (device, scheme, checked)


def test_page_fits_a_375px_screen(audits: dict[str, dict[str, PageAudit]], path: str) -> None:
    scroll_width, client_width = audits[path]["phone"].widths
    assert client_width == 375
    assert scroll_width <= client_width, f"/{path} scrolls sideways: {scroll_width} px wide"


# Material's index and worker, and Zensical's index (its worker has Material's name).
SEARCH_FILES = re.compile(
    r"/search/search_index\.json$|/search\.json$|/workers/search\.[0-9a-f]+\.min\.js$"
)


def over_budget(audit: PageAudit, path: str) -> list[str]:
    """Why a first visit to ``path`` is over the budget, or nothing."""
    kinds = audit.bytes_by_kind()
    assert all(kinds[kind] for kind in ("html", "css", "js")), f"incomplete page load: {kinds}"
    if audit.total_bytes <= BUDGET_BYTES:
        return []
    largest = sorted(audit.bytes_by_url.items(), key=lambda item: -item[1])[:8]
    lines = [
        f"a first visit to /{path} loads {audit.total_bytes / 1024:.1f} KiB, "
        f"{(audit.total_bytes - BUDGET_BYTES) / 1024:.1f} KiB over the budget of "
        f"{BUDGET_BYTES / 1024:.0f} KiB (uncompressed, every response):",
        "  by kind (KiB): " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in kinds.items() if v),
        "  largest (KiB): "
        + ", ".join(f"{urlsplit(url).path} {size / 1024:.1f}" for url, size in largest),
    ]
    if any(SEARCH_FILES.search(urlsplit(url).path) for url in audit.bytes_by_url):
        lines.append(
            "  the search index or worker loaded with the page: "
            "docs/assets/javascripts/search-on-demand.js should hold them back until "
            "search is opened (did Material or Zensical change how it loads them?)"
        )
    return lines


@pytest.mark.zensical_gap(
    "its script bundle weighs 173 KiB against Material's 111 KiB, so the heavier pages "
    "go over (measured: 9 of 23, up to 446 KiB)"
)
def test_every_first_visit_stays_within_budget(
    audits: dict[str, dict[str, PageAudit]],
) -> None:
    problems = [line for path in audits for line in over_budget(audits[path]["desktop"], path)]
    if problems:
        problems.append(
            "scripts/benchmark.py shows every page's bytes next to a stock Material build "
            "and next to Zensical's build"
        )
    fail_with(problems, "first visits over the weight budget")


def test_search_waits_until_the_reader_opens_it(
    audits: dict[str, dict[str, PageAudit]], path: str
) -> None:
    """The search index and worker are most of a stock first visit; they load on demand."""
    early = [
        f"{device}: {url}"
        for device, audit in audits[path].items()
        for url in audit.requests
        if SEARCH_FILES.search(urlsplit(url).path)
    ]
    fail_with(early, f"/{path} loaded search before the reader opened it")


# --- the audit itself ---------------------------------------------------------------------

UNFIXED_PAGE = """<!doctype html><html lang="en"><head><title>Wide code</title></head>
<body><main class="md-typeset"><pre><code style="display:block; overflow:auto;
white-space:pre; width:100px">{}</code></pre></main></body></html>""".format("x" * 400)


def test_an_audit_says_when_the_sites_fixes_never_ran(browser: Browser, tmp_path: Path) -> None:
    """A page without accessibility.js: the audit does not wait forever and then run axe
    as if all were well; it names the missing signal and shows the unreachable block."""
    (tmp_path / "index.html").write_text(UNFIXED_PAGE, "utf-8")
    with SiteServer(tmp_path) as running:
        auditor = _Auditor(browser, running, "phone", _Shared())
        try:
            auditor.page.goto(running.url(""))
            steps = auditor._confirmed_violations(
                {"only": ["scrollable-region-focusable"], "settle": True, "patience": 3}
            )
            try:
                _, done = next(steps)
                while True:
                    while not done():
                        auditor.page.wait_for_timeout(10)
                    _, done = steps.send(None)
            except StopIteration as stop:
                found, _ = stop.value
        finally:
            auditor.close()
    by_id = {v.id: v for v in found}
    assert sorted(by_id) == [NOT_READY, "scrollable-region-focusable"], found
    assert "3 frames" in by_id[NOT_READY].help
    (state,) = by_id["scrollable-region-focusable"].states
    assert "tabindex null" in state
    assert "clientWidth 100" in state
    assert state in str(by_id["scrollable-region-focusable"])  # shown when the test fails
