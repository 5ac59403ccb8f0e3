"""The page audits of ``test_audit.py``, on Zensical's build.

A module of its own so that each builder's browser audit (25-30 s) runs in a test
process of its own, side by side (``--dist=loadfile`` hands out whole modules); the
checks are the very same functions. Zensical's own search design is tested here too.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.conftest import _site
from tests.site.browser_support import SiteServer
from tests.site.test_audit import (
    SEARCH_FILES,
    audits,
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
    "audits",
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


@pytest.fixture(scope="session", params=["zensical"])
def each_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(request.param, tmp_path_factory)


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
