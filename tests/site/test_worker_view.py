"""The worker-view images on "Your first HIT" are screenshots of the real worker site.

``tests/site/worker_view.py`` takes them: the first HIT, posted by the snippet's own
code to a real ``mturk-emulator serve``, on the local worker site after a worker
accepted it. Here they are taken again, and what they show (texts, fields, buttons)
must be what the committed images recorded. ``--update-examples`` rewrites them.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.site import worker_view

pytestmark = [pytest.mark.browser, pytest.mark.process]
AGAIN = "run `uv run pytest --update-examples tests/site/test_worker_view.py --no-cov`"


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with worker_view.worker_site() as url:
        yield url


@pytest.mark.parametrize("image", list(worker_view.IMAGES), ids=lambda image: image.stem)
def test_the_worker_view_is_the_real_worker_page(
    browser: Browser, request: pytest.FixtureRequest, image: Path, served: str
) -> None:
    url, link = served, worker_view.post_first_hit(served)
    assert link == f"{url}/sandbox/worker/projects/{link.split('/')[-2]}/tasks"
    png, shown = worker_view.capture(browser, url, link, worker_view.IMAGES[image])
    page, frame = shown["structure"]["page"], shown["structure"]["frame"]
    assert ["h1", "Tell us how the setup went"] in page
    assert ["dd", "$0.05"] in page
    assert ["dd", "10 minutes"] in page
    assert ["button", "Return this HIT"] in page
    assert ["p", "How did setting up your MTurk accounts go?"] in frame
    assert ["input", "feedback", "text", "required"] in frame
    assert ["button", "Submit"] in frame
    assert worker_view.size_of(png)[0] == worker_view.IMAGES[image]
    if request.config.getoption("update_examples"):
        image.write_bytes(worker_view.with_metadata(png, shown))
        PAGE.write_text(SIZE.sub(sized(image), PAGE.read_text("utf-8")), "utf-8")
        return
    recorded = worker_view.metadata_of(image.read_bytes())
    assert recorded is not None, f"{image.name} has no record of what it shows: {AGAIN}"
    assert recorded == shown, f"{image.name} shows another page than the worker site: {AGAIN}"


PAGE = worker_view.ROOT / "docs" / "first-hit.md"
SIZE = re.compile(
    r'\(assets/(first-hit-worker-view[-a-z]*\.png)\)(\{[^}]*?) width="\d+" height="\d+"'
)


def sized(image: Path) -> Callable[[re.Match[str]], str]:
    """The page's image attributes, with ``image``'s own width and height."""

    def replace(found: re.Match[str]) -> str:
        if found.group(1) != image.name:
            return found.group(0)
        width, height = worker_view.size_of(image.read_bytes())
        return f'(assets/{image.name}){found.group(2)} width="{width}" height="{height}"'

    return replace


@pytest.mark.parametrize("image", list(worker_view.IMAGES), ids=lambda image: image.stem)
def test_the_page_gives_each_images_size(image: Path) -> None:
    """So that the page keeps its place while the image loads (no layout shift)."""
    text = PAGE.read_text("utf-8")
    assert SIZE.sub(sized(image), text) == text, (
        f"the page's size for {image.name} is stale: {AGAIN}"
    )
    assert len([m for m in SIZE.finditer(text) if m.group(1) == image.name]) == 1


def test_the_alt_text_names_what_the_images_show() -> None:
    """Every text, field label and button the committed images recorded, other than
    dates, the account number and the site's own links, is in the page's alt text."""
    page = (worker_view.ROOT / "docs" / "first-hit.md").read_text("utf-8")
    for image in worker_view.IMAGES:
        [alt] = re.findall(rf"!\[([^\]]*)\]\(assets/{image.name}\)", page)
        recorded = worker_view.metadata_of(image.read_bytes())
        assert recorded is not None
        shown = [
            item[1]
            for part in ("page", "frame")
            for item in recorded["structure"][part]
            if item[0] in {"h1", "dd", "p", "label", "button"} and "<time>" not in item[1]
        ]
        left_out = {"Requester of AWS account 123456789012", "Sign out", "Your answer"}
        for text in shown:
            if text in left_out or text.startswith("Signed in as"):
                continue
            assert text.rstrip(".") in alt, f"{image.name}: the alt text leaves out {text!r}"
        assert "Your answer" in alt
        assert "A1EXAMPLEWORKER" in alt


def test_the_record_is_read_back() -> None:
    tagged = worker_view.with_metadata(PNG_1PX, {"structure": {"page": [["h1", "x"]]}})
    assert worker_view.metadata_of(tagged) == {"structure": {"page": [["h1", "x"]]}}
    assert worker_view.metadata_of(PNG_1PX) is None
    assert worker_view.size_of(tagged) == (1, 1)
    assert worker_view.normalized([["dd", "2026-12-07 18:40 UTC"]]) == [["dd", "<time> UTC"]]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


# One white pixel.
PNG_1PX = (
    b"\x89PNG\r\n\x1a\n"
    + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + png_chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    + png_chunk(b"IEND", b"")
)
