"""Fixtures of the browser tests: Debian's Chromium, the built site served on 127.0.0.1,
and fresh readers on a desktop and on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.site.browser_support import (
    CHROMIUM_ARGS,
    DESKTOP,
    DEVICES,
    MissingBrowserError,
    SiteServer,
    chromium_executable,
)


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


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[SiteServer]:
    with SiteServer.for_site(built_site) as running:
        yield running


@pytest.fixture(scope="session")
def each_server(each_site: Path) -> Iterator[SiteServer]:
    """The site as each builder builds it, served: a test using it runs once per builder."""
    with SiteServer.for_site(each_site) as running:
        yield running


@pytest.fixture
def reader(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh reader: empty storage, light system theme, desktop window."""
    fresh = browser.new_context(viewport=DESKTOP, color_scheme="light")
    yield fresh
    fresh.close()


@pytest.fixture
def phone_reader(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh reader on a phone: 375 px, touch, light theme."""
    fresh = browser.new_context(**DEVICES["phone"], color_scheme="light")
    yield fresh
    fresh.close()
