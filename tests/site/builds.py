"""The site, built by each builder the tests hold to the same checks.

MkDocs with Material builds the published site. Zensical, the Material authors'
successor, reads the same ``mkdocs.yml`` and runs the same content generators
(``site_content/``); the tests build the site with both, so that the day the site
moves, nothing vanishes unseen. Where Zensical cannot yet do something, the test is a
strict xfail (``@pytest.mark.zensical_gap``) that names the gap.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVED_AT = "http://127.0.0.1:8000/"
"""The address the tests serve a built site on (``navigation.instant`` only follows
links within ``site_url``, so each build is made for it)."""
ZENSICAL_VERSION = version("zensical")
COMMANDS = {
    "mkdocs": ["mkdocs", "build", "--strict"],
    # --clean: Zensical's cache (.cache/) keeps a page whose Markdown did not change,
    # even when what a macro on it generates did.
    "zensical": ["zensical", "build", "--strict", "--clean"],
}
"""Each builder's strict build, as the maintainers' page gives it (snippets/builders.sh)."""
BUILDERS = tuple(COMMANDS)


def build_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MTURK_GUIDE_URL": SERVED_AT}


def build(
    builder: str, site: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Build the site into ``site`` (which must not exist) with ``--strict``."""
    env = env or build_env()
    if builder == "mkdocs":
        command = [sys.executable, "-m", *COMMANDS[builder], "--site-dir", str(site)]
        return subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
    # Zensical has no --site-dir, and writes only inside the project: a configuration
    # beside mkdocs.yml inherits it and names a folder of its own, moved out after the
    # build.
    name = f".zensical-build-{os.getpid()}"
    config = ROOT / f"{name}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {name}\n", "utf-8")
    try:
        command = [sys.executable, "-m", *COMMANDS[builder]]
        result = subprocess.run(
            [*command, "--config-file", str(config)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            shutil.move(ROOT / name, site)
        return result
    finally:
        config.unlink()
        shutil.rmtree(ROOT / name, ignore_errors=True)


def shared_build(builder: str, shared: Path) -> tuple[Path, str | None]:
    """The site as ``builder`` builds it, made once per test run: ``(folder, failure)``.

    The test processes (pytest-xdist) share each build: the first to need it builds it
    under a lock in their common temporary folder, the others wait and read it.
    """
    site, failure = shared / f"site-{builder}", shared / f"site-{builder}-failed.txt"
    with (shared / f"site-{builder}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not site.exists() and not failure.exists():
            # Built beside and renamed, so that a build killed halfway is never read.
            partial = shared / f"site-{builder}.partial"
            result = build(builder, partial)
            if result.returncode == 0:
                partial.rename(site)
            else:
                failure.write_text(result.stderr + result.stdout)
    return site, failure.read_text() if failure.exists() else None
