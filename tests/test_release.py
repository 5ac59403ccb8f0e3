"""Releasing and staying current: the changelog, the release workflow, Dependabot and the
weekly link check (``scripts/check_links.py``, run here against a local server)."""

from __future__ import annotations

import http.server
import importlib.util
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from mturk_emulator import __version__
from site_content import facts
from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    return data


def steps(job: object) -> list[dict[str, object]]:
    assert isinstance(job, dict)
    found: list[dict[str, object]] = job["steps"]
    return found


# --- versions and the changelog ------------------------------------------------------------


def test_the_changelog_names_each_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    emulator, guide = text.split("\n## mturk-emulator\n")[1].split("\n## The guide\n")
    release = facts.guide_release()
    assert re.findall(r"^### (\S+)", emulator, re.M)[0] == __version__
    assert re.findall(r"^### (\S+) \((\S+)\)", guide, re.M)[0] == (
        release["version"],
        release["released"],
    )


def test_the_emulators_licence_is_the_projects() -> None:
    licence = (ROOT / "LICENSE").read_text("utf-8")
    assert licence.startswith("MIT License")
    assert (ROOT / "mturk_emulator" / "LICENSE").read_text("utf-8") == licence


# --- the release workflow --------------------------------------------------------------------


def test_the_release_workflow_checks_what_it_publishes_as_the_gate_does() -> None:
    release = workflow("release.yml")
    assert release[True]["push"]["tags"] == ["emulator-v*"]  # type: ignore[index]  # YAML's on
    jobs = release["jobs"]
    assert isinstance(jobs, dict)
    build = steps(jobs["build"])
    runs = [str(step.get("run", "")) for step in build]
    assert "uv build --package mturk-emulator --out-dir dist" in runs
    [check] = [step for step in build if "test_distribution.py" in str(step.get("run"))]
    assert check["env"] == {"MTURK_EMULATOR_DIST": "dist"}
    assert runs.index("uv build --package mturk-emulator --out-dir dist") < build.index(check)
    publish = jobs["publish"]
    assert publish["needs"] == "build"
    assert publish["if"] == "startsWith(github.ref, 'refs/tags/emulator-v')"
    assert publish["permissions"] == {"id-token": "write"}  # trusted publishing, no token
    assert steps(publish)[-1]["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert release["permissions"] == {"contents": "read"}


# --- staying current ---------------------------------------------------------------------------


def test_dependabot_watches_every_kind_of_dependency() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    watched = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert watched == {("uv", "/"), ("npm", "/tests/js"), ("github-actions", "/")}
    assert (ROOT / "uv.lock").is_file()
    assert (ROOT / "tests" / "js" / "package-lock.json").is_file()


def test_the_link_check_runs_weekly_and_never_fails() -> None:
    links = workflow("links.yml")
    assert links[True]["schedule"]  # type: ignore[index]
    runs = [str(step.get("run", "")) for step in steps(links["jobs"]["links"])]  # type: ignore[index]
    assert "uv run python scripts/check_links.py site" in runs
    assert not any("--strict" in run and "check_links" in run for run in runs)


# --- the link check itself ------------------------------------------------------------------


@pytest.fixture(scope="module")
def check_links() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_links", ROOT / "scripts/check_links.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_links"] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


class _Answers(http.server.BaseHTTPRequestHandler):
    """/ok answers 200, /gone 404, /moved redirects to /ok, /robots 403, /get-only
    refuses HEAD; anything else 500."""

    def answer(self, body: bool) -> None:
        codes = {"/ok": 200, "/gone": 404, "/moved": 301, "/robots": 403}
        code = codes.get(self.path, 500)
        if self.path == "/get-only":
            code = 200 if body else 405
        self.send_response(code)
        if code == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def far_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def built_pages(folder: Path, far: str, own: str = "https://guide.example.org/") -> Path:
    (folder / "a").mkdir(parents=True)
    (folder / "index.html").write_text(
        f'<link rel="canonical" href="{own}"><a href="{own}a/">own</a>'
        f'<a href="{far}/ok#part">ok</a><a href="{far}/gone">gone</a>'
        f'<a href="a/">relative</a><img src="{far}/moved">'
    )
    (folder / "a" / "index.html").write_text(
        f'<a href="{far}/gone">again</a><a href="{far}/robots">robots</a>'
        f'<a href="{far}/get-only">get</a><a class="x" href="http://127.0.0.1:9/closed">x</a>'
    )
    return folder


def test_the_links_to_other_sites_and_their_pages(
    check_links: ModuleType, tmp_path: Path, far_site: str
) -> None:
    links = check_links.external_links(built_pages(tmp_path, far_site))
    assert links == {
        f"{far_site}/ok": ["/"],
        f"{far_site}/gone": ["/a/", "/"],
        f"{far_site}/moved": ["/"],
        f"{far_site}/robots": ["/a/"],
        f"{far_site}/get-only": ["/a/"],
        "http://127.0.0.1:9/closed": ["/a/"],
    }


def test_broken_links_are_reported_never_failed(
    check_links: ModuleType,
    tmp_path: Path,
    far_site: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    site = built_pages(tmp_path / "site", far_site)
    assert check_links.main([str(site)], checker=lambda url: check_links.check(url, 5)) == 0
    out = capsys.readouterr().out
    assert "6 links checked: 2 broken, 1 refused a robot" in out
    assert f"| <{far_site}/gone> | 404: Not Found | /a/, / |" in out
    assert "| <http://127.0.0.1:9/closed> | no answer: " in out
    assert f"| <{far_site}/robots> | 403: Forbidden | /a/ |" in out
    assert f"::warning title=Broken link::{far_site}/gone (404) on /a/, /" in out
    assert "/ok>" not in out
    assert "/get-only>" not in out
    assert "/moved>" not in out
    assert summary.read_text("utf-8") in out
    assert check_links.main([str(site), "--strict"]) == 1


def test_a_folder_without_a_site_says_so(
    check_links: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_links.main([str(tmp_path)]) == 2
    assert (
        capsys.readouterr().out
        == f"{tmp_path} holds no built site: build it first (mkdocs build).\n"
    )
