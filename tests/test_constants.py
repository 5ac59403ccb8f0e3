"""Facts that code knows must read the same in the prose and in every snippet.

``snippets/constants.py`` is the one source of endpoints, sites, region, policy
names, the IAM action prefix and the sandbox balance. These tests scan the
pages and the snippet files and fail on any value that disagrees with it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from guide_tools import constants
from tests.conftest import ROOT

PAGES = sorted((ROOT / "docs").rglob("*.md"))
SNIPPET_FILES = sorted(
    p
    for p in (ROOT / "snippets").rglob("*")
    if p.suffix in {".py", ".sh", ".txt", ".xml", ".md"} and p.name != "constants.py"
)
TEXTS = [*PAGES, *SNIPPET_FILES, ROOT / "README.md", ROOT / "overrides" / "main.html"]

SITES = (
    constants.SANDBOX_REQUESTER_SITE,
    constants.PRODUCTION_REQUESTER_SITE,
    constants.SANDBOX_WORKER_SITE,
    constants.PRODUCTION_WORKER_SITE,
)


def found(pattern: str) -> list[tuple[str, str]]:
    hits = []
    for path in TEXTS:
        for match in re.finditer(pattern, path.read_text("utf-8")):
            hits.append((str(path.relative_to(ROOT)), match.group(0)))
    return hits


def wrong(hits: list[tuple[str, str]], allowed: object) -> list[tuple[str, str]]:
    return [(path, value) for path, value in hits if not _allowed(value, allowed)]


def _allowed(value: str, allowed: object) -> bool:
    if callable(allowed):
        return bool(allowed(value))
    return value in allowed  # type: ignore[operator]


def test_there_is_something_to_check() -> None:
    assert any(p.name == "check_setup.py" for p in SNIPPET_FILES)
    assert found(re.escape(constants.SANDBOX_ENDPOINT))


def test_api_endpoints() -> None:
    hits = found(r"https://mturk-requester[-a-z0-9.]*amazonaws\.com")
    assert wrong(hits, {constants.SANDBOX_ENDPOINT, constants.PRODUCTION_ENDPOINT}) == []


def test_mturk_websites() -> None:
    hits = found(r"https?://[a-z]*\.mturk\.com[^\s)\"'`<>]*")
    allowed = lambda url: url.startswith(SITES) or url.startswith("https://www.mturk.com")  # noqa: E731
    assert wrong(hits, allowed) == []


def test_developer_pages_are_the_constants() -> None:
    hits = found(r"https://[a-z]*\.mturk\.com/developer")
    allowed = {constants.SANDBOX_DEVELOPER_PAGE, constants.PRODUCTION_DEVELOPER_PAGE}
    assert wrong(hits, allowed) == []


def test_policy_names() -> None:
    hits = found(r"AmazonMechanicalTurk[A-Za-z]*")
    assert wrong(hits, {constants.FULL_ACCESS_POLICY, constants.READ_ONLY_POLICY}) == []
    assert found(re.escape(constants.FULL_ACCESS_POLICY_ARN))


def test_iam_action_prefix() -> None:
    assert constants.IAM_ACTION_PREFIX == "mechanicalturk:"
    # "mturk:" is a common mistake for the IAM prefix; it must never appear as one.
    assert found(r"(?<![-\w])mturk:[A-Z*]") == []


def test_region() -> None:
    hits = found(r"\b(?:us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d\b")
    # Other regions may appear only where a page shows what goes wrong with them.
    allowed = lambda value: value == constants.REGION or value == "us-west-1"  # noqa: E731
    assert wrong(hits, allowed) == []
    strays = [(p, v) for p, v in hits if v != constants.REGION and "troubleshooting" not in p]
    assert strays == [], "another region outside the troubleshooting material"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_sandbox_balance_in_prose(path: Path) -> None:
    written = re.findall(r"\$10,?000(?:\.\d+)?", path.read_text("utf-8"))
    expected = f"${Decimal(constants.SANDBOX_BALANCE):,.2f}"
    assert {w for w in written} <= {expected}, f"write the sandbox balance as {expected}"


def test_without_a_configured_address_the_tools_name_the_pages_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 25: no address nobody can vouch for; the reader's copy holds the pages."""
    monkeypatch.delenv(constants.GUIDE_URL_VARIABLE, raising=False)
    assert constants.guide_url() is None
    assert constants.guide_link("sandbox/") == "docs/sandbox.md"
    assert constants.guide_link("troubleshooting/#MT106") == "docs/troubleshooting.md#MT106"
    assert constants.guide_link("") == "docs/index.md"
    for page in ("sandbox/", "troubleshooting/#MT106", ""):
        assert (ROOT / constants.guide_link(page).partition("#")[0]).is_file()
    monkeypatch.setenv(constants.GUIDE_URL_VARIABLE, "https://lab.example.org/guide")
    assert constants.guide_link("sandbox/") == "https://lab.example.org/guide/sandbox/"
    assert (
        constants.guide_link("x/", "https://other.example.org") == "https://other.example.org/x/"
    )
