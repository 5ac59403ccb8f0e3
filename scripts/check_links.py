"""Check the built site's links to other sites, and report the ones that stopped working.

AWS keeps removing MTurk's pages now that MTurk has closed, and other sites move: a
link that worked when a page was written may not today. The gate cannot see that (it
has no network); ``.github/workflows/links.yml`` runs this once a week on a fresh
build and reports, without failing anything::

    uv run mkdocs build --strict --site-dir site
    uv run python scripts/check_links.py site

It prints a Markdown report (also written to ``$GITHUB_STEP_SUMMARY`` when that is
set), and a GitHub warning per broken link. The exit code is 0 whatever it finds;
``--strict`` makes a broken link exit 1. Links within the site are MkDocs' strict
build's job (``validation`` in ``mkdocs.yml``), not this script's.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

LINK = re.compile(r'<(?:a|link|img|script)\b[^>]*?\s(?:href|src)="(https?://[^"]+)"', re.I)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
USER_AGENT = "Mozilla/5.0 (compatible; mturk-setup-guide link check)"
# Answers that say "the page is there, but not for a robot" rather than "gone".
REFUSED = {401, 403, 429}


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None  # None: no answer at all
    detail: str

    @property
    def broken(self) -> bool:
        return self.status is None or (self.status >= 400 and self.status not in REFUSED)


def external_links(site: Path) -> dict[str, list[str]]:
    """Each link to another site (without its #fragment), and the pages that hold it."""
    own = ""
    home = site / "index.html"
    if home.is_file():
        found = CANONICAL.search(home.read_text("utf-8"))
        own = found.group(1) if found else ""
    links: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        path = "/" + page.relative_to(site).as_posix().removesuffix("index.html")
        for raw in LINK.findall(page.read_text("utf-8")):
            url = urldefrag(unescape(raw)).url
            if own and url.startswith(own):
                continue
            pages = links.setdefault(url, [])
            if path not in pages:
                pages.append(path)
    return links


def check(url: str, timeout: float = 20.0) -> Result:
    """Ask for ``url`` (HEAD, then GET where HEAD is refused), following redirects."""
    # Only http(s) addresses come here (LINK matches no other scheme).
    for method in ("HEAD", "GET"):
        headers = {"User-Agent": USER_AGENT}
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
                return Result(url, answer.status, "ok")
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in {403, 404, 405, 501}:
                continue  # some servers answer HEAD alone wrongly: ask with GET
            return Result(url, error.code, str(error.reason))
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return Result(url, None, str(reason))
    raise AssertionError("unreachable")  # pragma: no cover


def report(results: list[Result], links: dict[str, list[str]]) -> str:
    broken = [r for r in results if r.broken]
    refused = [r for r in results if not r.broken and r.status in REFUSED]
    lines = [
        "# External links",
        "",
        f"{len(results)} links checked: {len(broken)} broken, {len(refused)} refused a robot "
        "(check those by hand).",
    ]
    for title, group in (("Broken", broken), ("Refused a robot", refused)):
        if group:
            lines += ["", f"## {title}", "", "| Link | Answer | On pages |", "|---|---|---|"]
            lines += [
                f"| <{r.url}> | {r.status or 'no answer'}: {r.detail} | "
                f"{', '.join(links[r.url])} |"
                for r in group
            ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, checker: Callable[[str], Result] = check) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a link is broken")
    parser.add_argument("--workers", type=int, default=8)
    options = parser.parse_args(argv)
    if not (options.site / "index.html").is_file():
        print(f"{options.site} holds no built site: build it first (mkdocs build).")
        return 2
    links = external_links(options.site)
    hosts = sorted({urlsplit(url).hostname or "" for url in links})
    print(f"Checking {len(links)} links on {len(hosts)} hosts...", file=sys.stderr)
    with ThreadPoolExecutor(options.workers) as pool:
        results = sorted(pool.map(checker, links), key=lambda r: r.url)
    text = report(results, links)
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(text)
    for result in results:
        if result.broken:
            print(f"::warning title=Broken link::{result.url} ({result.status or result.detail})"
                  f" on {', '.join(links[result.url])}")  # fmt: skip
    return 1 if options.strict and any(r.broken for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
