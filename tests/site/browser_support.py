"""Serve the built site on loopback and look at it in Chromium, the way a reader meets it.

Used by ``tests/test_browser.py`` and ``scripts/benchmark.py``. Nothing here reaches
past 127.0.0.1: the server binds to loopback, and Chromium is started with a host
resolver that knows no other host, so a page that asks for a web font or a CDN
script gets a failed request (and a failing test) instead of the internet.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import axe_playwright_python
import yaml

from guide_tools.sections import INCLUDE, WHOLE_FILE, SnippetFile
from site_content.facts import page_url

ROOT = Path(__file__).resolve().parents[2]
# Debian's builds, the lighter first: the headless shell (Chromium's old headless mode,
# which Playwright itself uses for headless runs) takes a quarter less CPU for the same
# audits than the full browser in its new headless mode (34 s against 46 s here).
DEFAULT_CHROMIUMS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
# Chromium reaches no host but loopback: every other name resolves to nothing.
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 812}


class MissingBrowserError(RuntimeError):
    """Chromium is not where the tests look for it."""


def chromium_executable() -> str:
    """``$CHROMIUM_PATH``, or Debian's Chromium; never a browser that Playwright downloads."""
    chosen = os.environ.get("CHROMIUM_PATH")
    candidates = [chosen] if chosen else list(DEFAULT_CHROMIUMS)
    for path in candidates:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    raise MissingBrowserError(
        f"Chromium not found at {' or '.join(candidates)}. "
        "The browser tests need it: on Debian or Ubuntu `apt-get install "
        "chromium-headless-shell` (.ci/run does this) or `apt-get install chromium`, "
        "elsewhere set CHROMIUM_PATH to a Chromium or Chrome binary. Do not use "
        "`playwright install`."
    )


# --- the pages -------------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: ``!ENV`` and ``!!python/...`` tags are kept, not evaluated."""


@dataclass(frozen=True)
class Tagged:
    tag: str
    value: Any


def _tagged(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_ConfigLoader.add_multi_constructor("!", _tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def read_mkdocs_config(path: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    return yaml.load(path.read_text("utf-8"), Loader=_ConfigLoader)


class _ConfigDumper(yaml.SafeDumper):
    """Writes a config read by ``read_mkdocs_config`` back with its tags."""


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_ConfigDumper.add_representer(Tagged, _represent_tagged)


def dump_mkdocs_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True)


def nav_files(nav: Any) -> Iterator[str]:
    """The Markdown files of a ``nav`` tree, in order (external links left out)."""
    if isinstance(nav, str):
        if not re.match(r"^[a-z][a-z0-9+.-]*:", nav):
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_files(value)


def nav_pages(config_path: Path = ROOT / "mkdocs.yml") -> list[str]:
    """Site paths of every page in mkdocs.yml's nav ("" is the home page)."""
    return [page_url(f) for f in nav_files(read_mkdocs_config(config_path).get("nav", []))]


def page_id(path: str) -> str:
    return path.strip("/") or "index"


def sitemap_pages(site: Path) -> list[str]:
    """Site paths listed in the built sitemap.xml."""
    locs = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    return [urlsplit(loc).path.lstrip("/") for loc in locs]


def configured_origin(site: Path) -> tuple[str, int | None]:
    """Host and port of the ``site_url`` the site was built for (read from its sitemap)."""
    match = re.search(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    if match is None:
        return "", None
    parts = urlsplit(match.group(1))
    return parts.hostname or "", parts.port


# --- the server ------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a plain web server sends them: no compression, no caching.

    ``no-store`` makes every page load a first visit, so the bytes a test sees are the
    bytes a new reader downloads.
    """

    protocol_version = "HTTP/1.1"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that leaves a page drops its connections: not worth a traceback."""


class SiteServer:
    """A built site served from a thread on 127.0.0.1."""

    def __init__(self, site: Path, port: int = 0) -> None:
        self.site = site
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.httpd = _Server(("127.0.0.1", port), handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @classmethod
    def for_site(cls, site: Path) -> SiteServer:
        """Serve on the port of the site's ``site_url`` when that port is free.

        Material's instant navigation only takes over links when the page's origin
        matches ``site_url``; serving there shows the site as readers get it. Another
        free port is used when that one is taken (everything else behaves the same).
        """
        host, port = configured_origin(site)
        if host in ("127.0.0.1", "localhost") and port:
            try:
                return cls(site, port)
            except OSError:
                pass
        return cls(site)

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def file_for(self, url: str) -> Path | None:
        """The file a URL of this server is answered from."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        path = self.site / unquote(parts.path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


# --- what a page load costs ------------------------------------------------------------

KINDS = ("html", "css", "js", "fonts", "images", "other")
_BY_SUFFIX = {
    ".html": "html",
    ".css": "css",
    ".js": "js",
    ".mjs": "js",
    ".woff2": "fonts",
    ".woff": "fonts",
    ".ttf": "fonts",
    ".otf": "fonts",
    ".eot": "fonts",
    ".png": "images",
    ".jpg": "images",
    ".jpeg": "images",
    ".gif": "images",
    ".svg": "images",
    ".webp": "images",
    ".avif": "images",
    ".ico": "images",
}
_BY_TYPE = {
    "text/html": "html",
    "text/css": "css",
    "text/javascript": "js",
    "application/javascript": "js",
}


def kind_of(url: str, content_type: str = "") -> str:
    """html, css, js, fonts, images or other (search index, sitemap)."""
    mime = content_type.split(";")[0].strip().lower()
    if mime in _BY_TYPE:
        return _BY_TYPE[mime]
    if mime.startswith("font/"):
        return "fonts"
    if mime.startswith("image/"):
        return "images"
    path = urlsplit(url).path
    if path.endswith("/") or not Path(path).suffix:
        return "html"
    return _BY_SUFFIX.get(Path(path).suffix.lower(), "other")


# --- auditing pages ------------------------------------------------------------------

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")

# Every page is audited on two devices: a desktop window and a phone (375 px, touch,
# a mobile viewport), each in both colour schemes. Material's chrome and styles are the
# same on every page, so the work is shared rather than repeated:
#
# - rules that do not read colours run once per page and device; the theme's chrome
#   (``CHROME``) is included on the first page of each device and left out after that;
# - the colour rules, most of axe's time, check each distinct *style* once per device
#   and scheme: every element with text gets a signature of what decides its contrast
#   (its colour, font size and weight, text shadow, opacity and decoration; for a link
#   the colour of the text around it; and the backgrounds behind it up to the first
#   opaque one), and axe checks only the elements whose signature no earlier page showed.
#   An element that axe cannot judge (axe's "incomplete", such as text under the sticky
#   header) does not count as checked: its signature is checked again where it shows next.
#
# ``DEVICES`` are Playwright context options.
DEVICES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": MOBILE, "is_mobile": True, "has_touch": True},
}
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
CHROME = [".md-banner", ".md-header", ".md-sidebar--primary", ".md-footer"]

# axe.run starts after the call returns (so other pages can be checked meanwhile) and
# reports back through a binding, reduced to what a failure message needs. ``only``:
# run just these rules; ``skip``: all rules but these; ``exclude``: selectors left out;
# ``include``: selectors checked (default: the whole page).
# With ``settle`` it waits until the site's own fixes have seen the first sizes
# (``data-guide-scrollers``, docs/assets/javascripts/accessibility.js), then two frames:
# Material adds some markup (code annotations) from a ResizeObserver, whose callbacks
# come with the first frame after the load event. If that has not come after
# ``patience`` frames, the result says so (``NOT_READY``); and a node found by
# scrollable-region-focusable comes with its tabindex and sizes (``states``), so that
# a failure shows which of the fixes did not happen.
NOT_READY = "guide-scrollers-not-ready"
_START_AXE = """({only, skip, exclude, include, settle, patience}) => {
  const options = {resultTypes: ["violations"]};
  if (only) options.runOnly = {type: "rule", values: only};
  if (skip) options.rules = Object.fromEntries(skip.map(id => [id, {enabled: false}]));
  const context = {};
  if (include) context.include = include.map(selector => [selector]);
  if (exclude) context.exclude = exclude.map(selector => [selector]);
  const signature = node => {
    const el = document.querySelector(node.target.join(" "));
    const marked = el && el.closest("[data-audit-sig]");
    return marked ? Number(marked.dataset.auditSig) : -1;
  };
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  let waited = 0;
  const isReady = () => document.documentElement.dataset.guideScrollers === "ready";
  const fixed = async () => {
    for (; waited < patience && !isReady(); waited++) await frame();
  };
  const notReady = () => settle && !isReady() ? [{id: "NOT_READY",
    impact: "critical", nodes: ["html"], help: "accessibility.js never set " +
    `data-guide-scrollers="ready" (${waited} frames, readyState ${document.readyState})`}] : [];
  // What a scrollable-region-focusable node looked like, so that a failure explains itself.
  const state = target => {
    const el = document.querySelector(target);
    if (!el) return target;
    return `${target} (tabindex ${el.getAttribute("tabindex")}, scrollWidth ` +
      `${el.scrollWidth}, clientWidth ${el.clientWidth}, guide-focusable ` +
      `${"guideFocusable" in el.dataset}, waited ${waited} frames, ${document.readyState})`;
  };
  const ready = settle ? fixed().then(frame).then(frame) : Promise.resolve();
  ready.then(() => axe.run(include || exclude ? context : document, options)).then(
    r => window.__auditAxeDone({
      violations: notReady().concat(r.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ")),
        states: v.id === "scrollable-region-focusable"
          ? v.nodes.map(n => state(n.target.join(" "))) : [] }))),
      unjudged: r.incomplete.filter(v => v.id === "color-contrast")
        .flatMap(v => v.nodes.map(signature)) }),
    e => window.__auditAxeDone({violations: [{id: "axe-error", impact: "critical",
                                help: String(e), nodes: []}], unjudged: []}));
}""".replace("NOT_READY", NOT_READY)
# The contrast signature of every element that shows text, or is a link (see above).
# Given the signatures already checked, it marks one element for each new signature
# (data-audit-check, and data-audit-sig="<its index in the returned list>") and returns
# the new signatures, in one task, so that the page cannot change in between.
_NEW_STYLES = """seen => {
  const known = new Set(seen);
  for (const el of document.querySelectorAll("[data-audit-check]")) {
    delete el.dataset.auditCheck;
    delete el.dataset.auditSig;
  }
  const backgrounds = new Map();
  const behind = el => {
    if (!el) return "";
    if (backgrounds.has(el)) return backgrounds.get(el);
    const s = getComputedStyle(el);
    let mine = "";
    if (s.opacity !== "1") mine += "o" + s.opacity + ";";
    if (s.backgroundImage !== "none") mine += s.backgroundImage + ";";
    const colour = s.backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)") mine += colour + ";";
    const opaque = colour.startsWith("rgb(") && s.opacity === "1";
    const all = opaque ? mine : mine + behind(el.parentElement);
    backgrounds.set(el, all);
    return all;
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const link = el.tagName === "A";
    const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!text && !link) continue;
    const s = getComputedStyle(el);
    if (s.display === "none" || s.visibility === "hidden") continue;
    const parts = [link ? "a" : "t", s.color, s.fontSize, s.fontWeight, s.textShadow,
                   s.textDecorationLine, s.textDecorationColor, s.textDecorationThickness];
    if (link && el.parentElement) {
      const around = getComputedStyle(el.parentElement);
      parts.push(around.color, around.display);
    }
    parts.push(behind(el));
    const signature = parts.join("|");
    if (known.has(signature)) continue;
    known.add(signature);
    el.dataset.auditCheck = "";
    el.dataset.auditSig = String(found.length);
    found.push(signature);
  }
  return found;
}"""
CHECK = "[data-audit-check]"
# Colour and layout transitions are jumped to their end, so that axe and the width check
# see the final state at once (animations that repeat forever are left alone).
_FINISH_TRANSITIONS = """() => document.getAnimations()
  .filter(a => a.effect?.getTiming().iterations !== Infinity)
  .forEach(a => a.finish())"""
_SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
_TOGGLE = """() => {
  const label = [...document.querySelectorAll("[data-md-component=palette] label")]
    .find(el => !el.hidden);
  label.click();
}"""
_WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@dataclass
class Violation:
    id: str
    impact: str
    help: str
    nodes: list[str]
    # For some rules, what each node looked like when axe ran (see ``_START_AXE``).
    states: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        listed = self.states or self.nodes
        shown = ", ".join(listed[:4]) + (" ..." if len(listed) > 4 else "")
        return f"{self.id} ({self.impact}): {self.help} [{shown}]"


@dataclass
class PageAudit:
    """One first visit of one page on one device."""

    path: str
    device: str = "desktop"
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    bytes_by_url: dict[str, int] = field(default_factory=dict)
    kind_by_url: dict[str, str] = field(default_factory=dict)
    axe: dict[str, list[Violation]] = field(default_factory=dict)
    styles_checked: dict[str, int] = field(default_factory=dict)  # new signatures per scheme
    widths: tuple[int, int] = (0, 0)
    seconds: float = 0.0

    def foreign_requests(self, origin: str) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(f"{origin}/") and not url.startswith(("data:", "blob:"))
        ]

    @property
    def total_bytes(self) -> int:
        return sum(self.bytes_by_url.values())

    def bytes_by_kind(self) -> dict[str, int]:
        totals = dict.fromkeys(KINDS, 0)
        for url, size in self.bytes_by_url.items():
            totals[self.kind_by_url[url]] += size
        return totals


Wait = tuple[str, Callable[[], bool]]  # what is awaited, and whether it is over
T = TypeVar("T")
Steps = Generator[Wait, None, T]


@dataclass
class _Shared:
    """What the auditors of a run share: the styles already checked, the pages done."""

    seen: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    chrome_checked: set[str] = field(default_factory=set)


class _Auditor:
    """One browser context and page, for one device, that audits pages one after another."""

    def __init__(self, browser: Any, server: SiteServer, device: str, shared: _Shared) -> None:
        self.server = server
        self.device = device
        self.shared = shared
        # Material turns its colour transitions off for readers who ask for less motion;
        # axe then never measures a colour halfway through one.
        self.context = browser.new_context(
            **DEVICES[device], reduced_motion="reduce", color_scheme="light"
        )
        # axe-core is in every page from the start (V8 then compiles it once per process).
        self.context.add_init_script(AXE_SOURCE)
        self.page = self.context.new_page()
        self.audit = PageAudit("")
        self.in_flight: set[Any] = set()
        self.last_activity = time.monotonic()
        self.loaded = False
        self.axe_result: dict[str, Any] | None = None
        self.context.expose_binding("__auditAxeDone", self._on_axe_done)
        self.page.on("load", self._on_load)
        self.context.on("request", self._on_request)
        self.context.on("requestfinished", self._on_done)
        self.context.on("requestfailed", self._on_failed)
        self.context.on("response", self._on_response)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.audit.console_errors.append(str(error)))

    def _on_load(self, page: Any) -> None:
        self.loaded = True

    def _on_axe_done(self, source: Any, result: dict[str, Any]) -> None:
        self.axe_result = result

    def _on_request(self, request: Any) -> None:
        self.audit.requests.append(request.url)
        self.in_flight.add(request)
        self.last_activity = time.monotonic()

    def _on_done(self, request: Any) -> None:
        self.in_flight.discard(request)
        self.last_activity = time.monotonic()

    def _on_failed(self, request: Any) -> None:
        self._on_done(request)
        self.audit.failed.append(f"{request.url} ({request.failure})")

    def _on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.audit.failed.append(f"{response.url} (HTTP {response.status})")
            return
        served = self.server.file_for(response.url)
        if served is not None:
            self.audit.bytes_by_url[response.url] = served.stat().st_size
            self.audit.kind_by_url[response.url] = kind_of(
                response.url, response.headers.get("content-type", "")
            )

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            self.audit.console_errors.append(f"{message.text} ({location.get('url', '')})")

    def _quiet(self, seconds: float = 0.1) -> bool:
        """No request in flight, and none started or ended for ``seconds``."""
        return not self.in_flight and time.monotonic() - self.last_activity >= seconds

    def _axe(self, run: dict[str, Any]) -> Steps[dict[str, Any]]:
        self.axe_result = None
        options = {
            "only": None,
            "skip": None,
            "exclude": None,
            "include": None,
            "settle": False,
            "patience": 600,
        }
        options.update(run)
        self.page.evaluate(_START_AXE, options)
        yield "axe-core result", lambda: self.axe_result is not None
        return self.axe_result or {"violations": [], "unjudged": []}

    def _confirmed_violations(
        self, run: dict[str, Any]
    ) -> Steps[tuple[list[Violation], list[int]]]:
        """Violations that a second axe run finds again, and the signatures axe could not judge.

        axe scrolls to each element to read its colours, and Material resizes its sticky
        sidebars on scroll a frame later: now and then a sidebar link is measured against
        the footer behind it. A real violation is there on every run. (Only the rules
        that found something run again.)
        """
        result = yield from self._axe(run)
        first = [Violation(**v) for v in result["violations"]]
        # Not an axe rule: the page's own fixes never said they were done (no re-run).
        never_ready = [v for v in first if v.id == NOT_READY]
        first = [v for v in first if v.id != NOT_READY]
        if not first:
            return never_ready, result["unjudged"]
        again = yield from self._axe({**run, "only": [v.id for v in first]})
        found = {(v["id"], node) for v in again["violations"] for node in v["nodes"]}
        confirmed = [
            Violation(
                v.id,
                v.impact,
                v.help,
                [n for n in v.nodes if (v.id, n) in found],
                # (only some rules have states)
                [s for n, s in zip(v.nodes, v.states, strict=False) if (v.id, n) in found],
            )
            for v in first
        ]
        return never_ready + [v for v in confirmed if v.nodes], result["unjudged"]

    def _colours(self, scheme: str) -> Steps[list[Violation]]:
        """The colour rules, on the elements whose style no earlier page showed."""
        seen = self.shared.seen.setdefault((self.device, scheme), set())
        new: list[str] = self.page.evaluate(_NEW_STYLES, sorted(seen))
        self.audit.styles_checked[scheme] = len(new)
        if not new:
            return []
        seen.update(new)
        found, unjudged = yield from self._confirmed_violations(
            {"only": COLOUR_RULES, "include": [CHECK]}
        )
        seen.difference_update(new[i] for i in unjudged if i >= 0)
        return found

    def steps(self, path: str) -> Steps[PageAudit]:
        """Audit one page, handing back what it waits for whenever it has to wait."""
        page = self.page
        started = time.monotonic()
        self.audit = PageAudit(path, self.device)
        self.in_flight.clear()
        self.loaded = False
        page.goto(self.server.url(path), wait_until="commit")
        yield "load event", lambda: self.loaded
        # axe runs while the search index may still be loading (that changes no markup);
        # the audit ends only once the network is quiet.
        whole = self.device not in self.shared.chrome_checked
        self.shared.chrome_checked.add(self.device)
        found, _ = yield from self._confirmed_violations(
            {"skip": COLOUR_RULES, "exclude": None if whole else CHROME, "settle": True}
        )
        first_scheme = page.evaluate(_SCHEME)
        self.audit.axe[first_scheme] = found
        for turn in range(2):
            scheme = page.evaluate(_SCHEME)
            colour_found = yield from self._colours(scheme)
            self.audit.axe[scheme] = self.audit.axe.get(scheme, []) + colour_found
            if turn == 0:
                page.evaluate(_TOGGLE)
                page.evaluate(_FINISH_TRANSITIONS)
        self.audit.widths = tuple(page.evaluate(_WIDTHS))
        yield "quiet network", self._quiet
        self.audit.seconds = time.monotonic() - started
        return self.audit

    def close(self) -> None:
        self.context.close()


def audit_pages(
    browser: Any,
    server: SiteServer,
    paths: list[str],
    *,
    devices: tuple[str, ...] = tuple(DEVICES),
    per_device: int = 1,
    timeout: float = 30.0,
) -> dict[str, dict[str, PageAudit]]:
    """Load every page once per device, as a first visit, and record what happened.

    ``{path: {device: audit}}``. For each: every request and response, console errors,
    failed requests, the bytes of each response, axe-core's violations in both colour
    schemes (the page is checked, its toggle clicked, and checked again; see ``DEVICES``
    for how the work is shared between pages), and the page's width.

    ``per_device`` contexts per device audit side by side (each has its own renderer
    process), so that axe runs on both cores. The Playwright sync API makes one call at
    a time: each audit is a generator that hands back what it waits for, and this loop
    lets Playwright deliver events until one of the waits is over (the events themselves
    set the flags waited for).
    """
    queues = {device: list(paths) for device in devices}
    results: dict[str, dict[str, PageAudit]] = {path: {} for path in paths}
    shared = _Shared()
    auditors = [
        _Auditor(browser, server, device, shared)
        for _ in range(max(1, min(per_device, len(paths))))
        for device in devices
    ]

    def work(auditor: _Auditor) -> Steps[None]:
        queue = queues[auditor.device]
        while queue:
            path = queue.pop(0)
            results[path][auditor.device] = yield from auditor.steps(path)

    try:
        waiting: list[tuple[_Auditor, Steps[None], Wait, float]] = []

        def advance(auditor: _Auditor, task: Steps[None]) -> None:
            wait = next(task, None)
            if wait is not None:
                waiting.append((auditor, task, wait, time.monotonic() + timeout))

        for auditor in auditors:
            advance(auditor, work(auditor))
        while waiting:
            ready = [entry for entry in waiting if entry[2][1]()]
            for entry in ready:
                waiting.remove(entry)
                advance(entry[0], entry[1])
            for auditor, _, (what, _), deadline in waiting:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"/{auditor.audit.path} ({auditor.device}): no {what} in {timeout:.0f} s"
                    )
            if waiting and not ready:
                auditors[0].page.wait_for_timeout(10)  # Playwright delivers events meanwhile
    finally:
        for auditor in auditors:
            auditor.close()
    return results


# --- the code a copy button should copy ------------------------------------------------

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
_HIDDEN_ANNOTATION = re.compile(r"# \(\d+\)!$")
_ANNOTATION = re.compile(r"\(\d+\)$")


def code_block_sources(markdown: Path, root: Path = ROOT) -> list[str]:
    """The text of each fenced code block of a page, in order, its includes expanded."""
    blocks: list[str] = []
    fence: tuple[str, str] | None = None  # (indent, fence) of the open block
    body: list[str] = []
    for line in markdown.read_text("utf-8").splitlines():
        if fence is None:
            opening = _FENCE.match(line)
            if opening:
                fence, body = (opening["indent"], opening["fence"]), []
            continue
        closing = line.strip()
        if closing and set(closing) == {fence[1][0]} and len(closing) >= len(fence[1]):
            blocks.append("\n".join(body))
            fence = None
            continue
        include = INCLUDE.match(line)
        if include:
            snippet = SnippetFile(root / include["file"])
            body.append(snippet.text(include["section"] or WHOLE_FILE).strip("\n"))
        else:
            body.append(line.removeprefix(fence[0]))
    return blocks


def copied_forms(text: str) -> set[str]:
    """What a copy button may copy for a block of this text.

    Material turns code annotations into markers when it mounts them and copies the block
    without them: ``# (1)!`` goes and leaves the spaces before it, ``# (1)`` leaves ``# ``.
    A block whose annotations are not mounted (yet) is copied as it is.
    """
    marked = "\n".join(
        _ANNOTATION.sub("", _HIDDEN_ANNOTATION.sub("", line)) for line in text.splitlines()
    )
    return {text.strip("\n"), marked.strip("\n")}
