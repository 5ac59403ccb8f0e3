"""What a contribution to moto needs and can be checked (see mturk_emulator/UPSTREAM.md):
no import of the guide, nothing changed by importing, moto's urls.py layout, Python 3.10."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib

import pytest

from mturk_emulator import urls
from mturk_emulator.models import mturk_backends
from mturk_emulator.responses import MTurkResponse
from tests.conftest import ROOT
from tests.emulator.support import ACCOUNT_ID
from tests.emulator.test_package import aws_libraries_imported

PACKAGE = ROOT / "mturk_emulator"
GUIDE = ("guide_tools", "snippets", "tests")


def imported_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_emulator_imports_nothing_of_the_guide() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in imported_names(path.read_text())
                                            if n.split(".")[0] in GUIDE)
        for path in PACKAGE.rglob("*.py")
    }  # fmt: skip
    assert {path: names for path, names in offenders.items() if names} == {}
    assert imported_names("import snippets.x\nfrom guide_tools import y\nfrom . import z") == {
        "snippets.x",
        "guide_tools",
    }


# A fresh interpreter: moto's own modules first, then a snapshot of everything the
# emulator touches when it runs, then every module of the package, then the snapshot.
SIDE_EFFECTS_PROBE = """
import importlib, json, logging, os, pkgutil, sys
import botocore.handlers, moto.backend_index, moto.core.utils, moto.settings
from moto.core.base_backend import BackendDict
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.models import botocore_stubber
from moto.iam import access_control
from moto.sts.models import STSBackend
import moto.moto_server.werkzeug_app

def snapshot():
    return {
        "BUILTIN_HANDLERS": [repr(h) for h in botocore.handlers.BUILTIN_HANDLERS],
        "environ": dict(os.environ),
        "url patterns": [(n, p.pattern) for n, p in moto.backend_index.backend_url_patterns],
        "moto modules": sorted(m for m in sys.modules if m.startswith("moto.mturk")),
        "BackendDict instances": len(BackendDict._instances),
        "create_loader": repr(moto.core.utils.create_loader),
        "create_access_key": repr(access_control.create_access_key),
        "get_caller_identity": repr(STSBackend.get_caller_identity),
        "INITIAL_NO_AUTH_ACTION_COUNT": str(moto.settings.INITIAL_NO_AUTH_ACTION_COUNT),
        "request_count": ActionAuthenticatorMixin.request_count,
        "stubber enabled": botocore_stubber.enabled,
        "root logging handlers": len(logging.getLogger().handlers),
        "guide modules": sorted(m for m in sys.modules if m.split(".")[0] in %(guide)r),
    }

before = snapshot()
import mturk_emulator
names = sorted(m.name for m in pkgutil.walk_packages(mturk_emulator.__path__, "mturk_emulator."))
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "before": before, "after": snapshot()}))
"""


@pytest.mark.process
def test_importing_every_module_changes_nothing() -> None:
    ran = subprocess.run(
        [sys.executable, "-c", SIDE_EFFECTS_PROBE % {"guide": GUIDE}],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    assert {"mturk_emulator.server", "mturk_emulator.pytest_plugin", "mturk_emulator.urls"} <= set(
        found["imported"]
    )
    assert found["after"] == found["before"]
    assert found["after"]["guide modules"] == []


@pytest.mark.process
def test_the_pytest_plugin_loads_without_moto_or_boto3() -> None:
    # pytest loads the plugin (its pytest11 entry point) in every test run of a project
    # that installs the emulator, and runs its pytest_configure: neither may cost that
    # project the import of moto or boto3 (0.5 s) before a test asks for a fixture.
    probe = (
        "import pytest, mturk_emulator.pytest_plugin as plugin\n"
        "from mturk_emulator.environment import isolated_aws_environment\n"
        "class Config:\n"
        "    def add_cleanup(self, cleanup): cleanup()\n"
        "plugin.pytest_configure(Config())\n"
        "with isolated_aws_environment(): pass\n"
    )
    assert aws_libraries_imported(probe) == []


def test_moto_finds_urls_py_as_for_its_own_backends() -> None:
    # moto derives "<package>.urls" from the backend class's module (BaseBackend._url_module).
    backend = mturk_backends[ACCOUNT_ID]["us-east-1"]
    assert backend._url_module is urls
    assert set(backend.url_paths) == {"/$", "/sandbox/?$", "/production/?$"}
    assert {handler.__func__ for handler in backend.url_paths.values()} == {
        MTurkResponse.dispatch.__func__
    }
    for host in ("mturk-requester-sandbox", "mturk-requester"):
        assert any(
            re.match(base, f"https://{host}.us-east-1.amazonaws.com") for base in urls.url_bases
        )


# Modules that still use 3.11-only names (such as datetime.UTC): none since December
# 2026. A module added here keeps requires-python at ">=3.11"; empty, it is ">=3.10",
# as moto's (moto 5.2.5: Requires-Python >=3.10).
NOT_YET_310: set[str] = set()


@pytest.mark.process
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_python_310_as_moto_supports() -> None:
    # mypy reads the standard library as of Python 3.10 (typeshed's version guards) and
    # parses with 3.10's grammar: 3.11-only syntax and names are errors.
    ran = subprocess.run(
        [sys.executable, "-m", "mypy", "--python-version", "3.10", "mturk_emulator"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    errors = [line for line in ran.stdout.splitlines() if ": error:" in line]
    offending = {line.split(":")[0] for line in errors}
    assert offending == NOT_YET_310, "\n".join(errors)
    project = tomllib.loads((PACKAGE / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == (">=3.10" if not NOT_YET_310 else ">=3.11")
    assert (
        tomllib.loads((PACKAGE / "pyproject.toml").read_text())["tool"]["ruff"]["target-version"]
        == "py310"
    )
