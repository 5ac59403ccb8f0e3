"""The first HIT as a worker saw it, drawn from the snippet's own files.

``render`` builds a page like the worker site's task page: the HIT's title, reward,
time allotted and number of tasks, taken from what ``snippets/first_hit.py`` sends to
``create_hit``, above a frame holding the HTMLContent of
``snippets/first_hit_question.xml`` at its FrameHeight. Amazon's crowd HTML elements
script cannot load here (no host but loopback), so a small stand-in draws
``<crowd-form>`` and ``<crowd-input>`` the way they worked: the form's fields, then a
Submit button.

The image is committed (``docs/assets/first-hit-worker-view.png``) with a text chunk
holding a hash of its sources and the structure of what was drawn (texts, fields,
buttons). Fonts differ from machine to machine, so the test compares those exactly and
the pixels only loosely.
"""

from __future__ import annotations

import hashlib
import html
import json
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

from snippets.first_hit import create_first_hit

ROOT = Path(__file__).resolve().parents[2]
QUESTION = ROOT / "snippets" / "first_hit_question.xml"
IMAGE = ROOT / "docs" / "assets" / "first-hit-worker-view.png"
NARROW_IMAGE = ROOT / "docs" / "assets" / "first-hit-worker-view-narrow.png"
KEYWORD = b"guide-worker-view"
NS = "{http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd}"
CROWD_SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>'
WIDTH = 800
NARROW_WIDTH = 400
"""The phone's drawing: at 400 px a 375 px screen shows its 15 px text at about 13 px
(the wide one's at 6 px, too small to read)."""
IMAGES = {IMAGE: WIDTH, NARROW_IMAGE: NARROW_WIDTH}

STAND_IN = """<style>
  body { font: 15px/1.5 system-ui, sans-serif; color: #16191f; margin: 16px; }
  crowd-form form { display: grid; gap: 16px; max-width: 560px; }
  label.crowd-input { display: block; font-size: 13px; color: #545b64; }
  label.crowd-input input { display: block; width: 100%; box-sizing: border-box; font: inherit; padding: 6px 0;
    border: 0; border-bottom: 1px solid #879596; background: transparent; }
  button { justify-self: start; font: inherit; font-weight: 600; padding: 6px 20px;
    border: 1px solid #ec7211; border-radius: 2px; background: #ec7211; color: #fff; }
</style>
<script>
 document.addEventListener("DOMContentLoaded", () => {
  customElements.define("crowd-input", class extends HTMLElement {
    connectedCallback() {
      if (this.firstChild) return;
      const label = document.createElement("label");
      label.className = "crowd-input";
      label.append(this.getAttribute("label") || "");
      const input = document.createElement("input");
      input.name = this.getAttribute("name") || "";
      input.required = this.hasAttribute("required");
      label.append(input);
      this.append(label);
    }
  });
  customElements.define("crowd-form", class extends HTMLElement {
    connectedCallback() {
      if (this.querySelector(":scope > form")) return;
      const form = document.createElement("form");
      form.append(...this.childNodes);
      const submit = document.createElement("button");
      submit.type = "submit";
      submit.textContent = "Submit";
      form.append(submit);
      this.append(form);
    }
  });
 });
</script>"""  # noqa: E501 (CSS kept as drawn: it is part of the hashed page)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>
  body {{ margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #16191f; background: #f2f3f3; }}
  .site {{ background: #232f3e; color: #fff; padding: 10px 16px; font-weight: 600; }}
  .task {{ margin: 12px 16px 0; background: #fff; border: 1px solid #d5dbdb; border-bottom: 0;
    padding: 12px 16px; }}
  h1 {{ font-size: 18px; margin: 0 0 8px; }}
  dl {{ display: flex; gap: 32px; margin: 0; }}
  dt {{ font-size: 12px; color: #545b64; }}
  dd {{ margin: 0; font-weight: 600; }}
  iframe {{ display: block; box-sizing: border-box; width: calc(100% - 32px); margin: 0 16px 16px;
    border: 1px solid #d5dbdb; background: #fff; }}
</style></head><body>
  <div class="site">Worker sandbox</div>
  <div class="task">
    <h1>{title}</h1>
    <dl>
      <div><dt>Reward</dt><dd>${reward} per task</dd></div>
      <div><dt>Time allotted</dt><dd>{minutes} minutes</dd></div>
      <div><dt>Tasks available</dt><dd>{tasks}</dd></div>
    </dl>
  </div>
  <iframe title="The HIT's question" height="{height}" srcdoc="{frame}"></iframe>
</body></html>"""

STRUCTURE = """() => {
  const out = [];
  const seen = (doc, where) => {
    for (const el of doc.querySelectorAll("h1, dt, dd, p, label, input, button")) {
      if (!el.getClientRects().length) continue;
      if (el.tagName === "INPUT")
        out.push([where, "input", el.name, el.required ? "required" : ""]);
      else if (el.tagName === "LABEL")
        out.push([where, "label", el.firstChild ? el.firstChild.textContent.trim() : ""]);
      else out.push([where, el.tagName.toLowerCase(), el.textContent.trim()]);
    }
  };
  seen(document, "page");
  seen(document.querySelector("iframe").contentDocument, "frame");
  return out;
}"""

DIFFERENCE = """async ([a, b]) => {
  const load = src => new Promise(resolve => { const i = new Image(); i.onload = () => resolve(i); i.src = src; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return {size: [x.width, x.height, y.width, y.height], share: 1};
  const pixels = img => { const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
    const g = c.getContext("2d"); g.drawImage(img, 0, 0); return g.getImageData(0, 0, img.width, img.height).data; };
  const p = pixels(x), q = pixels(y);
  let differ = 0;
  for (let i = 0; i < p.length; i += 4)
    if (Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i+1] - q[i+1]), Math.abs(p[i+2] - q[i+2])) > 48) differ++;
  return {size: [x.width, x.height], share: differ / (p.length / 4)};
}"""  # noqa: E501


class _Recorder:
    """Stands in for the MTurk client: keeps what the snippet asks create_hit for."""

    def __init__(self) -> None:
        self.sent: dict[str, Any] = {}

    def create_hit(self, **kwargs: Any) -> dict[str, Any]:
        self.sent = kwargs
        return {"HIT": {"HITId": "HIT", "HITTypeId": "TYPE", "HITStatus": "Assignable"}}


def hit_settings() -> dict[str, Any]:
    recorder = _Recorder()
    create_first_hit(recorder, QUESTION)
    return recorder.sent


def page_html() -> tuple[str, str]:
    """The page to draw, and a hash of everything it is drawn from."""
    sent = hit_settings()
    question = ET.fromstring(sent["Question"])
    content = question.findtext(f"{NS}HTMLContent") or ""
    height = int(question.findtext(f"{NS}FrameHeight") or "400")
    assert CROWD_SCRIPT in content, "the question no longer loads the crowd elements this way"
    frame = content.replace(CROWD_SCRIPT, STAND_IN)
    page = PAGE.format(
        title=html.escape(sent["Title"]),
        reward=html.escape(sent["Reward"]),
        minutes=sent["AssignmentDurationInSeconds"] // 60,
        tasks=sent["MaxAssignments"],
        height=height,
        frame=html.escape(frame, quote=True),
    )
    digest = hashlib.sha256(page.encode()).hexdigest()
    return page, digest


def render(browser: Any, width: int = WIDTH) -> tuple[bytes, dict[str, Any]]:
    """The PNG, ``width`` pixels wide, and its metadata (source hash and drawn structure)."""
    page_source, digest = page_html()
    context = browser.new_context(viewport={"width": width, "height": 600}, color_scheme="light")
    try:
        page = context.new_page()
        page.set_content(page_source, wait_until="load")
        height = page.evaluate(
            "() => Math.ceil(document.querySelector('iframe').getBoundingClientRect().bottom) + 16"
        )
        page.set_viewport_size({"width": width, "height": height})
        structure = page.evaluate(STRUCTURE)
        png = page.screenshot()
    finally:
        context.close()
    return png, {"source": digest, "structure": structure}


def difference(browser: Any, first: bytes, second: bytes) -> dict[str, Any]:
    """The share of pixels that differ clearly (more than 48 of 255 in a channel)."""
    import base64

    urls = [f"data:image/png;base64,{base64.b64encode(png).decode()}" for png in (first, second)]
    context = browser.new_context()
    try:
        page = context.new_page()
        result: dict[str, Any] = page.evaluate(DIFFERENCE, urls)
        return result
    finally:
        context.close()


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
