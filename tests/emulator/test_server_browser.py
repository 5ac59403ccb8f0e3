"""The AWS SDK for JavaScript in a real web page (Chromium, through Playwright) calls the
local server: a page on this computer may, a page from an unlisted origin reads nothing.

The page and the SDK (bundled by esbuild from tests/js) are handed to the browser by
Playwright itself (``page.route``), which then answers the browser's CORS preflights
itself: the server's answers to preflights are tested in ``test_server_edge.py``.
"""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import Browser, Route

from mturk_emulator import constants, server
from tests.conftest import ROOT

JS_FOLDER = ROOT / "tests" / "js"
PAGE = "<!doctype html><html lang=en><title>study</title><script src=sdk.js></script></html>"


@pytest.fixture(scope="module")
def sdk_bundle(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    esbuild = JS_FOLDER / "node_modules" / ".bin" / "esbuild"
    assert esbuild.is_file(), "Install the JavaScript tools first: npm ci --prefix tests/js"
    bundle = tmp_path_factory.mktemp("sdk") / "sdk.js"
    subprocess.run(
        [str(esbuild), str(JS_FOLDER / "browser_entry.mjs"), "--bundle", "--format=iife",
         "--platform=browser", f"--outfile={bundle}", "--log-level=warning"],
        check=True,
        timeout=120,
    )  # fmt: skip
    return bundle.read_bytes()


def balance_from(browser: Browser, origin: str, sdk: bytes, endpoint: str) -> str:
    """Open a page at ``origin`` and ask the SDK in it for the balance (or its error)."""
    page = browser.new_page()

    def serve(route: Route) -> None:
        if route.request.url.endswith("/sdk.js"):
            route.fulfill(body=sdk, content_type="text/javascript")
        else:
            route.fulfill(body=PAGE, content_type="text/html")

    page.route(f"{origin}/**", serve)
    page.goto(f"{origin}/study.html")
    try:
        return str(
            page.evaluate("e => balance(e).catch(x => `error: ${x.name} ${x.message}`)", endpoint)
        )
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.process
def test_the_javascript_sdk_in_a_page_on_this_computer(
    chromium: Browser, sdk_bundle: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="mturk_emulator.server")
    with server.serving(port=0, cors_origins=["http://lab.example.org"]) as running:
        endpoint = f"{running.url}/sandbox"
        for origin in ("http://localhost:8123", "http://lab.example.org"):
            assert (
                balance_from(chromium, origin, sdk_bundle, endpoint) == constants.SANDBOX_BALANCE
            )
        assert balance_from(chromium, "http://unlisted.example", sdk_bundle, endpoint).startswith(
            "error: "
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "mturk_emulator.server"]
    assert [line.split(" (")[0] for line in lines] == [
        "POST /sandbox/ mturk-requester GetAccountBalance -> 200",
        "POST /sandbox/ mturk-requester GetAccountBalance -> 200",
        "POST /sandbox/ - - -> 403",  # refused by the server, not only by the browser
    ]
