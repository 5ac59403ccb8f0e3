"""How fast the gate, the tests and the build are, and how heavy the pages, next to a baseline.

    uv run python scripts/benchmark.py [--baseline REF] [--skip-tests] [--skip-weights]
                                       [--skip-lighthouse] [--warm-runs N] [--lighthouse-runs N]

Prints:

1. Speed, each figure for this tree and for ``--baseline`` (a git ref, by default the
   commit before ``HEAD``; ``--baseline none`` leaves it out), side by side, so that a
   regression shows in one run. The baseline is checked out in a temporary worktree
   with its own ``uv sync``; both trees run with the environment as it is (here that
   includes ``PYTHONDONTWRITEBYTECODE=1``), each with its own ``pyproject.toml``:
   - the README's test command, the full gate (``pytest``);
   - the tests without the browser module (``--ignore`` of its files, so the figure means the
     same in a tree without markers), and the browser module alone;
   - the fast loop the README documents (this tree only, if the baseline has none);
   - ``mkdocs build --strict``: cold (new interpreter, empty site folder, no compiled
     bytecode anywhere) and warm (the median of ``--warm-runs`` builds straight after,
     with ``PYTHONDONTWRITEBYTECODE`` unset so bytecode is written and reused), and the
     same two for stock Material on the same pages, with the ratio; and the same two
     for Zensical's strict build of this tree (``tests/site/builds.py``, with
     ``--clean``), the second builder the tests use;
   ``--skip-tests`` leaves the test figures out (they take minutes).
2. For every page in the nav, the bytes a first visit loads (HTML, CSS, JS, fonts,
   images, other), recorded from Chromium's responses, for this site and for a stock
   Material build of the same pages side by side, then the files one loads and the
   other does not. "Stock" is this mkdocs.yml without ``custom_dir``, ``hooks``,
   ``extra_css`` and ``extra_javascript``: the cost of each addition shows up as a
   difference. This site loads its search index and worker only when the reader opens
   search (``docs/assets/javascripts/search-on-demand.js``); what that adds is printed
   too. Then the same table for the MkDocs build and the Zensical build side by side.
   ``--skip-weights`` leaves this and Lighthouse out.
3. Lighthouse scores (performance, accessibility, best practices, SEO; Lighthouse's
   default mobile run) and its paint and blocking times for the home page and the
   heaviest page, and for stock Material's home page to compare: the median of
   ``--lighthouse-runs`` runs each (performance moves by several points from run to run
   on a busy machine). Only when the npm ``lighthouse`` command and Chromium are
   installed (``npm install -g lighthouse``).

Everything is served from 127.0.0.1; Chromium resolves no other host.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.site.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    DESKTOP,
    KINDS,
    MissingBrowserError,
    SiteServer,
    chromium_executable,
    dump_mkdocs_config,
    kind_of,
    nav_pages,
    page_id,
    read_mkdocs_config,
)
from tests.site.builds import build as site_build  # noqa: E402

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WARM_ENV = {k: v for k, v in BUILD_ENV.items() if k != "PYTHONDONTWRITEBYTECODE"}
KIB = 1024
FAST_LOOP = ("-m", "not slow", "--no-cov")
"""The README's fast loop for developers."""


# --- the trees compared --------------------------------------------------------------------


@dataclass(frozen=True)
class Tree:
    """A checkout of the project with its own environment."""

    label: str
    root: Path

    @property
    def python(self) -> str:
        return str(self.root / ".venv" / "bin" / "python")

    @property
    def browser_tests(self) -> list[str]:
        """The browser module: one file in older trees, the audits and the interactions
        (``tests/site/test_audit.py``, ``tests/site/test_browser.py``) now."""
        found = [
            *self.root.glob("tests/**/test_browser.py"),
            *self.root.glob("tests/**/test_audit.py"),
        ]
        return sorted(str(path.relative_to(self.root)) for path in found)

    def has_fast_loop(self) -> bool:
        return '"slow:' in (self.root / "pyproject.toml").read_text("utf-8")


def baseline_tree(ref: str, folder: Path) -> Tree:
    """``ref`` checked out in a temporary worktree, with its own synced environment."""
    commit = git("rev-parse", "--short", ref)
    root = folder / "baseline"
    git("worktree", "add", "--detach", str(root), commit)
    uv = ["uv", "sync", "--frozen", "--quiet"]
    subprocess.run(uv, cwd=root, check=True)  # noqa: S603 (uv, fixed arguments)
    if (root / "tests" / "js" / "package-lock.json").is_file():
        # The JavaScript SDK the server tests drive, as .ci/run installs it.
        npm = ["npm", "ci", "--prefix", "tests/js", "--no-audit", "--no-fund", "--loglevel=error"]
        subprocess.run(npm, cwd=root, check=True)  # noqa: S603 (npm, fixed arguments)
    return Tree(f"baseline {commit}", root)


def git(*args: str) -> str:
    command = ["git", *args]
    result = subprocess.run(  # noqa: S603 (git, fixed arguments)
        command, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


# --- builds ------------------------------------------------------------------------------


def mkdocs_build(
    tree: Tree,
    site: Path,
    config: Path | None = None,
    *,
    strict: bool = True,
    pycache: Path | None = None,
) -> float:
    """Seconds one ``mkdocs build`` takes in a new interpreter.

    Raises ``BuildFailed`` (with MkDocs' warnings) when the build fails.

    With ``pycache`` (an empty folder) Python finds no compiled bytecode and compiles
    MkDocs, Material, the extensions and the hooks from source, as on a first run.
    Without it the build is warm: bytecode may be written and is reused.
    """
    command = [tree.python, "-m", "mkdocs", "build", "--site-dir", str(site)]
    command += ["--strict"] if strict else ["--no-strict"]
    command += ["--config-file", str(config)] if config else []
    env = {**BUILD_ENV, "PYTHONPYCACHEPREFIX": str(pycache)} if pycache else WARM_ENV
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        command, cwd=tree.root, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        problems = [
            line for line in result.stderr.splitlines() if line.startswith(("WARN", "ERR"))
        ]
        raise BuildFailed("\n".join(problems) or result.stderr)
    return seconds


class BuildFailed(Exception):
    """``mkdocs build`` exited with an error."""


def stock_config(tree: Tree, folder: Path) -> Path:
    """The tree's mkdocs.yml as stock Material: no custom_dir, hooks, extra CSS or JS.

    The docs, nav, theme settings (palette, features, ``font: false``) and Markdown
    extensions stay, so both builds have the same pages. Without the hooks some anchors
    they generate are missing, so this build is not strict.
    """
    config = read_mkdocs_config(tree.root / "mkdocs.yml")
    theme = dict(config.get("theme") or {"name": "material"})
    theme.pop("custom_dir", None)
    config["theme"] = theme
    for key in ("hooks", "extra_css", "extra_javascript", "watch"):
        config.pop(key, None)
    config["docs_dir"] = str(tree.root / "docs")
    # The macros' module is found from the config's folder, which is not the tree's here.
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "module_name" in (plugin.get("macros") or {}):
            plugin["macros"]["module_name"] = str(tree.root / plugin["macros"]["module_name"])
    config["strict"] = False
    path = folder / f"mkdocs.stock.{tree.root.name}.yml"
    path.write_text(dump_mkdocs_config(config), "utf-8")
    return path


@dataclass
class Builds:
    cold: float
    warm: float
    stock_cold: float
    stock_warm: float
    strict: bool


def zensical_build(site: Path, *, pycache: Path | None = None) -> float:
    """Seconds one strict ``zensical build --clean`` of this tree takes in a new interpreter
    (``tests/site/builds.py``'s build, so the same one the tests make); cold with
    ``pycache`` as in ``mkdocs_build``."""
    env = {**BUILD_ENV, "PYTHONPYCACHEPREFIX": str(pycache)} if pycache else dict(WARM_ENV)
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    result = site_build("zensical", site, env)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise BuildFailed(result.stderr + result.stdout)
    return seconds


def time_zensical(folder: Path, warm_runs: int) -> tuple[float, float]:
    site = folder / "site-zensical"
    cold = zensical_build(site, pycache=folder / "pycache-zensical")
    warm = statistics.median(zensical_build(site) for _ in range(max(1, warm_runs)))
    return cold, warm


def time_builds(tree: Tree, folder: Path, warm_runs: int) -> Builds:
    site = folder / f"site-{tree.root.name}"
    strict = True
    try:
        cold = mkdocs_build(tree, site, pycache=folder / f"pycache-{tree.root.name}")
    except BuildFailed as failure:
        # Pages are being written: measure the non-strict build rather than nothing.
        print(f"  {tree.label}: THE STRICT BUILD FAILS:\n{failure}\n  timing `mkdocs build`")
        strict = False
        cold = mkdocs_build(
            tree, site, pycache=folder / f"pycache2-{tree.root.name}", strict=False
        )
    warm = statistics.median(
        mkdocs_build(tree, site, strict=strict) for _ in range(max(1, warm_runs))
    )
    config = stock_config(tree, folder)
    stock_site = folder / f"stock-site-{tree.root.name}"
    stock_cold = mkdocs_build(
        tree, stock_site, config, strict=False, pycache=folder / f"pycache-stock-{tree.root.name}"
    )
    stock_warm = statistics.median(
        mkdocs_build(tree, stock_site, config, strict=False) for _ in range(max(1, warm_runs))
    )
    return Builds(cold, warm, stock_cold, stock_warm, strict)


# --- the test suite ----------------------------------------------------------------------


def run_tests(tree: Tree, *args: str) -> tuple[float, str]:
    """Wall seconds of one pytest run in ``tree``, and its closing line."""
    command = [tree.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        command, cwd=tree.root, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    summary = lines[-1].strip("= ") if lines else f"exit code {result.returncode}"
    # A figure of a run that failed says which tests failed and why (pytest's -ra lines).
    failed = [line[:400] for line in lines if line.startswith(("FAILED ", "ERROR "))]
    return seconds, "; ".join([summary, *failed])


def test_figures(tree: Tree) -> dict[str, tuple[float, str] | None]:
    return {
        "full gate (pytest)": run_tests(tree),
        "tests without the browser module": run_tests(
            tree, *(f"--ignore={path}" for path in tree.browser_tests), "--no-cov"
        ),
        "browser module alone": run_tests(tree, *tree.browser_tests, "--no-cov"),
        "fast loop (-m 'not slow' --no-cov)": (
            run_tests(tree, *FAST_LOOP) if tree.has_fast_loop() else None
        ),
    }


def side_by_side(rows: dict[str, list[str]], labels: list[str]) -> None:
    width = max(len(name) for name in rows) + 2
    print(f"  {'':<{width}}" + "".join(f"{label:>24}" for label in labels))
    for name, cells in rows.items():
        print(f"  {name:<{width}}" + "".join(f"{cell:>24}" for cell in cells))


def seconds(figure: tuple[float, str] | None) -> str:
    return "n/a" if figure is None else f"{figure[0]:.1f} s"


def speed(trees: list[Tree], folder: Path, *, warm_runs: int, tests: bool) -> None:
    print("Speed")
    rows: dict[str, list[str]] = {}
    summaries: list[str] = []
    if tests:
        figures = [test_figures(tree) for tree in trees]
        for name in figures[0]:
            rows[name] = [seconds(f[name]) for f in figures]
        for tree, found in zip(trees, figures, strict=True):
            summaries += [f"  {tree.label}, {n}: {f[1]}" for n, f in found.items() if f]
    builds = [time_builds(tree, folder, warm_runs) for tree in trees]
    rows["cold build --strict"] = [f"{b.cold:.2f} s" for b in builds]
    rows[f"warm build --strict (median of {warm_runs})"] = [f"{b.warm:.2f} s" for b in builds]
    rows["stock Material, cold / warm"] = [
        f"{b.stock_cold:.2f} / {b.stock_warm:.2f} s" for b in builds
    ]
    rows["cold build / stock cold"] = [f"{b.cold / b.stock_cold:.2f}x" for b in builds]
    # Zensical, the second builder the tests use: this tree only (older trees lack it).
    cold, warm = time_zensical(folder, warm_runs)
    rows["Zensical --clean, cold / warm"] = [f"{cold:.2f} / {warm:.2f} s"] + [""] * (
        len(trees) - 1
    )
    side_by_side(rows, [tree.label for tree in trees])
    if summaries:
        print("\n".join(summaries))
    print()


# --- page weights ------------------------------------------------------------------------


@dataclass
class Visit:
    """What a first visit to one page loaded: url -> (kind, bytes, gzip bytes)."""

    files: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def by_kind(self) -> dict[str, int]:
        totals = dict.fromkeys(KINDS, 0)
        for kind, size, _ in self.files.values():
            totals[kind] += size
        return totals

    @property
    def total(self) -> int:
        return sum(size for _, size, _ in self.files.values())

    @property
    def gzip_total(self) -> int:
        return sum(packed for _, _, packed in self.files.values())


def first_visits(browser: Any, server: SiteServer, paths: list[str]) -> dict[str, Visit]:
    """Load each page in a new browser context (empty cache) and record its responses."""
    visits = {}
    for path in paths:
        context = browser.new_context(viewport=DESKTOP)
        responses: list[Any] = []
        visit = Visit()
        context.on("response", lambda response, seen=responses: seen.append(response))
        context.on("requestfailed", lambda r, v=visit: v.problems.append(f"failed: {r.url}"))
        page = context.new_page()
        page.goto(server.url(path), wait_until="networkidle")
        for response in responses:
            local = urlsplit(response.url).path
            if not response.url.startswith(f"{server.origin}/"):
                visit.problems.append(f"other host: {response.url}")
            elif response.status >= 400:
                visit.problems.append(f"HTTP {response.status}: {local}")
            else:
                body = response.body()
                kind = kind_of(response.url, response.headers.get("content-type", ""))
                visit.files[local] = (kind, len(body), len(gzip.compress(body)))
        context.close()
        visits[path] = visit
    return visits


SEARCH_READY = (
    "() => document.querySelector('.md-search-result__meta').textContent.includes('Type to')"
)


def search_cost(browser: Any, server: SiteServer) -> dict[str, int]:
    """The files (path -> bytes) that opening search on the home page loads."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.url(), wait_until="networkidle")
    responses: list[Any] = []
    context.on("response", lambda response: responses.append(response))
    page.locator("input.md-search__input").click()
    page.wait_for_function(SEARCH_READY, timeout=10_000)
    page.wait_for_load_state("networkidle")
    files = {urlsplit(r.url).path: len(r.body()) for r in responses if r.ok}
    context.close()
    return files


def kib(size: int) -> str:
    return f"{size / KIB:.1f}"


def print_weights(
    paths: list[str],
    ours: dict[str, Visit],
    stock: dict[str, Visit],
    names: tuple[str, str] = ("this site", "stock"),
) -> None:
    columns = [*KINDS, "total", "gzip"]
    print(f"First visit per page, KiB uncompressed (gzip: compressed total): {'/'.join(names)}")
    print(f"{'page':<20}" + "".join(f"{name:>14}" for name in columns) + f"{'added':>8}")
    for path in paths:
        cells = []
        mine, theirs = ours[path].by_kind(), stock[path].by_kind()
        for kind in KINDS:
            cells.append(f"{kib(mine[kind])}/{kib(theirs[kind])}")
        cells.append(f"{kib(ours[path].total)}/{kib(stock[path].total)}")
        cells.append(f"{kib(ours[path].gzip_total)}/{kib(stock[path].gzip_total)}")
        added = (ours[path].total - stock[path].total) / KIB
        print(f"{'/' + path:<20}" + "".join(f"{c:>14}" for c in cells) + f"{added:>+8.1f}")
    print()
    print("Files one build loads and the other does not (KiB; same name, other size: both):")
    differences: dict[str, set[str]] = {}
    for path in paths:
        mine, theirs = ours[path].files, stock[path].files
        for name in sorted(set(mine) | set(theirs)):
            a = mine[name][1] if name in mine else None
            b = theirs[name][1] if name in theirs else None
            if a == b or (name == f"/{path}" and a is not None and b is not None):
                continue
            if b is None:
                where = f"{names[0]} only, {kib(a or 0)}"
            elif a is None:
                where = f"{names[1]} only, {kib(b)}"
            else:
                where = f"{kib(a)} {names[0]}, {kib(b)} {names[1]}"
            differences.setdefault(f"  {name}: {where}", set()).add(page_id(path))
    for line, pages in differences.items():
        shown = "every page" if len(pages) == len(paths) else ", ".join(sorted(pages))
        print(f"{line} ({shown})")
    html_added = [(ours[p].by_kind()["html"] - stock[p].by_kind()["html"]) / KIB for p in paths]
    print(f"  page HTML: {min(html_added):+.1f} to {max(html_added):+.1f} KiB per page")
    problems = [
        f"  {side} /{p}: {x}"
        for side, visits in zip(names, (ours, stock), strict=True)
        for p, v in visits.items()
        for x in v.problems
    ]
    if problems:
        print("Problems seen while loading:")
        print("\n".join(problems))


# --- Lighthouse --------------------------------------------------------------------------


def lighthouse_command() -> str | None:
    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    return str(local) if local.exists() else shutil.which("lighthouse")


METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}


def lighthouse_run(
    command: str, chromium: str, url: str, categories: str
) -> dict[str, float] | None:
    """One Lighthouse run: category scores (0-100) and metrics (ms; CLS unitless)."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        flags = " ".join(["--headless=new", "--no-sandbox", f'"{CHROMIUM_ARGS[0]}"'])
        result = subprocess.run(  # noqa: S603 (the lighthouse CLI, fixed arguments)
            [
                command,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={categories}",
                f"--chrome-flags={flags}",
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not report.exists():
            return None
        data = json.loads(report.read_text("utf-8"))
    figures = {name: (cat["score"] or 0) * 100 for name, cat in data["categories"].items()}
    audits = data["audits"]
    figures |= {
        short: audits[name]["numericValue"] for name, short in METRICS.items() if name in audits
    }
    return figures


def lighthouse_summary(command: str, chromium: str, url: str, runs: int) -> str:
    """Performance alone, ``runs`` times (median); the other categories in one more run.

    Runs of all four categories now and then recorded a layout shift of the whole body
    (CLS 2, performance 20-30 points down; 3 of about 25 such runs here), never seen in
    runs of performance alone, where nothing but the page load is traced.
    """
    timed = [
        r
        for _ in range(max(1, runs))
        if (r := lighthouse_run(command, chromium, url, "performance"))
    ]
    rest = lighthouse_run(command, chromium, url, "accessibility,best-practices,seo")
    if not timed or rest is None:
        return "Lighthouse failed"
    median = {name: statistics.median(r[name] for r in timed) for name in timed[0]}
    low, high = (f(r["performance"] for r in timed) for f in (min, max))
    scores = [f"performance {median['performance']:.0f} ({low:.0f}-{high:.0f})"]
    scores += [
        f"{name} {score:.0f}" for name, score in rest.items() if name not in METRICS.values()
    ]
    times = [f"{short} {median[short] / 1000:.1f} s" for short in ("FCP", "LCP")]
    times += [f"TBT {median['TBT']:.0f} ms", f"CLS {median['CLS']:.3f}"]
    return ", ".join(scores) + "; " + ", ".join(times) + f" (median of {len(timed)} runs)"


# --- main --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="HEAD~1", help="git ref to compare with, or 'none'")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the tests")
    parser.add_argument("--skip-weights", action="store_true", help="no page weights")
    parser.add_argument("--skip-lighthouse", action="store_true", help="no Lighthouse runs")
    parser.add_argument("--warm-runs", type=int, default=3, help="warm builds to time")
    parser.add_argument(
        "--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median)"
    )
    options = parser.parse_args()
    here = Tree(f"this tree {git('rev-parse', '--short', 'HEAD')}", ROOT)

    with tempfile.TemporaryDirectory(prefix="benchmark-") as temporary:
        folder = Path(temporary)
        trees = [here]
        if options.baseline != "none":
            trees.append(baseline_tree(options.baseline, folder))
        try:
            speed(trees, folder, warm_runs=options.warm_runs, tests=not options.skip_tests)
        finally:
            if len(trees) > 1:
                git("worktree", "remove", "--force", str(trees[1].root))
        if not options.skip_weights:
            weights(folder, here, options)


def weights(folder: Path, here: Tree, options: argparse.Namespace) -> None:
    paths = nav_pages()
    site, stock_site = folder / f"site-{here.root.name}", folder / "stock-weights"
    if not site.exists():
        mkdocs_build(here, site)
    mkdocs_build(here, stock_site, stock_config(here, folder), strict=False)
    zensical_site = folder / "site-zensical"
    if not zensical_site.exists():
        zensical_build(zensical_site)
    try:
        chromium = chromium_executable()
    except MissingBrowserError as missing:
        sys.exit(str(missing))
    with (
        SiteServer(site) as ours,
        SiteServer(stock_site) as stock,
        SiteServer(zensical_site) as zensical,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        our_visits = first_visits(browser, ours, paths)
        stock_visits = first_visits(browser, stock, paths)
        zensical_visits = first_visits(browser, zensical, paths)
        searching = search_cost(browser, ours)
        browser.close()
        print_weights(paths, our_visits, stock_visits)
        print()
        print_weights(paths, our_visits, zensical_visits, ("MkDocs", "Zensical"))
        shown = ", ".join(f"{name} {kib(size)}" for name, size in searching.items())
        print(
            f"  opening search loads {kib(sum(searching.values()))} KiB more on this site "
            f"({shown or 'nothing'}); stock Material loads its index and worker on "
            "every first visit"
        )
        print()

        heaviest = max(paths, key=lambda p: our_visits[p].total)
        command = lighthouse_command()
        if options.skip_lighthouse:
            print("Lighthouse: skipped (--skip-lighthouse)")
        elif command is None:
            print("Lighthouse: skipped, the npm `lighthouse` command is not installed")
            print("  (npm install -g lighthouse; it drives the same Chromium)")
        else:
            print(
                "Lighthouse (its default mobile run: simulated slow 4G and CPU; "
                "served uncompressed):"
            )
            runs = [("this site, /", ours.url())]
            runs += [(f"this site, heaviest page /{heaviest}", ours.url(heaviest))]
            runs += [("stock Material, / (for comparison)", stock.url())]
            for label, url in runs:
                summary = lighthouse_summary(command, chromium, url, options.lighthouse_runs)
                print(f"  {label}:\n    {summary}")


if __name__ == "__main__":
    main()
