"""The first HIT as a worker sees it: a screenshot of the emulator's real worker site.

``worker_site`` starts ``mturk-emulator serve``, ``post_first_hit`` posts the first HIT with
``snippets/first_hit.py``'s own ``create_first_hit`` (and its question file), signs in
on the local worker site as the guide's example worker, opens the address the
snippet's ``worker_link`` gives, accepts the HIT and takes a screenshot of the
whole page, at a desktop and at a phone width.

Each image is committed (``docs/assets/first-hit-worker-view*.png``) with a text chunk
recording the structure of what it shows (texts, fields and buttons, of the page and
of the HIT's frame; dates and times as ``<time>``: they are the day it was taken).
The test takes the screenshots again and compares that structure exactly; pixels are
not compared, since fonts differ from machine to machine. To refresh the images:

    uv run pytest --update-examples tests/site/test_worker_view.py --no-cov
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from snippets.first_hit import create_first_hit, worker_link
from tests.emulator.processes import start_process, stop_process
from tests.emulator.support import mturk_client

ROOT = Path(__file__).resolve().parents[2]
QUESTION = ROOT / "snippets" / "first_hit_question.xml"
IMAGE = ROOT / "docs" / "assets" / "first-hit-worker-view.png"
NARROW_IMAGE = ROOT / "docs" / "assets" / "first-hit-worker-view-narrow.png"
KEYWORD = b"guide-worker-view"
WORKER = "A1EXAMPLEWORKER"
WIDTH = 800
NARROW_WIDTH = 400
"""The phone's picture: at 400 px a 375 px screen shows the site's 16 px text at 15 px
(the wide one's at about 7 px, too small to read)."""
IMAGES = {IMAGE: WIDTH, NARROW_IMAGE: NARROW_WIDTH}
TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?")

STRUCTURE = """() => {
  const out = [];
  for (const el of document.querySelectorAll(
      "h1, h2, dt, dd, p, li, label, input, textarea, button, a")) {
    if (!el.getClientRects().length) continue;
    const tag = el.tagName.toLowerCase();
    if (tag === "input" || tag === "textarea")
      out.push([tag, el.name || "", el.type || "", el.required ? "required" : ""]);
    else out.push([tag, el.textContent.replace(/\\s+/g, " ").trim()]);
  }
  return out;
}"""


@contextmanager
def worker_site() -> Iterator[str]:
    """A real ``mturk-emulator serve``: its address."""
    process, url = start_process()
    try:
        yield url
    finally:
        stop_process(process)


def post_first_hit(url: str) -> str:
    """Post the first HIT with the snippet's code; return the snippet's worker link."""
    root = (ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)  # the new account's root user
    mturk = mturk_client(endpoint_url=f"{url}/sandbox", key=root)
    hit = create_first_hit(mturk, QUESTION)
    return worker_link(mturk, hit["HITTypeId"])


def capture(browser: Any, url: str, link: str, width: int) -> tuple[bytes, dict[str, Any]]:
    """The page as a PNG ``width`` pixels wide, and the structure it shows."""
    context = browser.new_context(
        viewport={"width": width, "height": 600}, color_scheme="light", device_scale_factor=1
    )
    try:
        page = context.new_page()
        page.goto(f"{url}/sandbox/worker/")
        page.get_by_label("Worker id").fill(WORKER)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text(f"Signed in as {WORKER}").wait_for()
        page.goto(link)
        page.get_by_role("button", name="Accept").click()
        page.get_by_role("button", name="Return this HIT").wait_for()
        task = page.frame_locator("iframe")
        task.get_by_role("button", name="Submit").wait_for()
        [frame] = [frame for frame in page.frames if frame is not page.main_frame]
        structure = {
            "page": normalized(page.evaluate(STRUCTURE)),
            "frame": normalized(frame.evaluate(STRUCTURE)),
        }
        # The HIT's frame has an origin of its own, so Chromium draws it in a process of
        # its own: a full-page screenshot (which resizes the page) leaves it blank. The
        # window is made as tall as the page instead, and the frame drawn first.
        height = page.evaluate("() => document.documentElement.scrollHeight")
        page.set_viewport_size({"width": width, "height": height})
        task.get_by_role("button", name="Submit").scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        png = page.screenshot()
    finally:
        context.close()
    return png, {"width": width, "structure": structure}


def normalized(items: list[list[str]]) -> list[list[str]]:
    return [[TIME.sub("<time>", part) for part in item] for item in items]


def with_metadata(png: bytes, metadata: dict[str, Any]) -> bytes:
    """The PNG with one tEXt chunk (keyword, NUL, JSON) before its IEND chunk."""
    data = KEYWORD + b"\0" + json.dumps(metadata, sort_keys=True).encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + data) & 0xFFFFFFFF)
    end = png.rindex(b"IEND") - 4
    return png[:end] + chunk + png[end:]


def metadata_of(png: bytes) -> dict[str, Any] | None:
    position = 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"tEXt" and body.startswith(KEYWORD + b"\0"):
            found: dict[str, Any] = json.loads(body[len(KEYWORD) + 1 :].decode("latin-1"))
            return found
        position += 12 + length
    return None


def size_of(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its IHDR chunk."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height
