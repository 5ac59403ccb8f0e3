"""Shared test setup: no network, no real AWS account.

The emulator's fixtures ``aws`` and ``mturk_fake`` come from its pytest plugin.
Other projects get it through the package's ``pytest11`` entry point; here it is
loaded below instead (the entry point is switched off in ``pyproject.toml``), so
that coverage, which starts after entry points load, measures it too.
"""

from __future__ import annotations

import atexit
import copy
import functools
import gc
import inspect
import multiprocessing.util
import os
import re
import runpy
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_examples.run_code
from hypothesis import settings
from pytest_examples.config import ExamplesConfig
from pytest_examples.find_examples import CodeExample
from pytest_examples.run_code import InsertPrintStatements

from mturk_emulator.environment import isolated_aws_environment
from tests.setup_tools import install_sdk
from tests.site.builds import BUILDERS, ZENSICAL_VERSION, shared_build

if TYPE_CHECKING:
    from botocore.loaders import Loader

    from mturk_emulator import MTurkFake

# boto3, botocore and moto are imported by the fixtures that use them, not here: with
# pytest-xdist the process that hands out the tests imports this file too, and its
# import came before any test process could start (0.4 s of every run).

pytest_plugins = ["mturk_emulator.pytest_plugin"]

# The garbage collector: a test process holds a few hundred thousand long-lived objects
# (botocore's models, moto's backends, the collected tests), and every client or mock a
# test makes allocates thousands more, so the default thresholds run a collection of
# the young objects every 700 allocations and a full one often. Fewer, larger young
# collections, with everything alive after collection moved out of the collector's
# sight (``gc.freeze``), take a fifth off the emulator's tests (39.5 s -> 30.4 s serial).
# The middle generation is collected every 50 young collections, not 10: it held the
# objects of the last few tests, scanned again and again (collector time in the two
# processes of the fast loop, two runs each: 2.95/3.26 s -> 2.61/2.16 s; same memory).
GC_THRESHOLDS = (50_000, 50, 10)
gc.set_threshold(*GC_THRESHOLDS)

ROOT = Path(__file__).resolve().parent.parent

# Property tests: a few dozen examples each while developing ("dev", the default);
# HYPOTHESIS_PROFILE=thorough runs many more. Tests that set max_examples keep theirs.
settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile("thorough", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
EXAMPLES_CONFIG = ExamplesConfig(line_length=99)


LONGEST_FIRST = (
    "tests/site/test_audit.py",
    "tests/site/test_audit_zensical.py",
    "tests/site/test_browser.py",
    "tests/emulator/test_sparse_listings.py",
    "tests/emulator/test_worker_browser.py",
    "tests/emulator/test_races.py",
    "tests/tools/test_ctrl_c.py",
    "tests/site/test_phone.py",
    "tests/tools/test_doctor_fuzz.py",
    "tests/emulator/test_state.py",
    "tests/tools/test_doctor_helpers.py",
    "tests/emulator/test_distribution.py",
    "tests/emulator/test_upstream_readiness.py",  # 3 s with warm caches, 20-40 s cold
    "tests/test_lint.py",  # mypy: 1-2 s with its cache, 25 s without
    "tests/tools/test_doctor.py",
    "tests/emulator/test_service_model.py",
    "tests/tools/test_practice.py",
    "tests/tools/test_store_keys_inputs.py",
    "tests/emulator/test_server_edge.py",
    "tests/site/test_reader_walk.py",
    "tests/tools/test_store_keys.py",
    "tests/emulator/test_server.py",
    "tests/emulator/test_server_limits.py",
    "tests/tools/test_doctor_cli.py",
    "tests/emulator/test_iam_policy.py",
    "tests/conformance/test_mephisto.py",
    "tests/test_keep_tests_running.py",
    "tests/emulator/test_worker.py",
    "tests/test_review_and_pay.py",
    "tests/emulator/test_hook.py",
    "tests/site/test_reader_path.py",
    "tests/emulator/test_operations.py",
    "tests/test_security.py",
    "tests/emulator/test_validation.py",
    "tests/emulator/test_hits.py",
)
"""The test files that take longest (``scripts/benchmark.py``), longest first.

Each file runs in one test process (``--dist=loadfile``), and files are handed out in
the order they are collected: starting with the longest lets both processes finish
together instead of one waiting for the other. The order changes nothing else.
"""


def pytest_configure(config: pytest.Config) -> None:
    """A test process of pytest-xdist ends as soon as its results are sent.

    The run waits for its test processes to end, and each spent 1.5-2 s after its last
    test on work whose result nobody sees:

    * pytest collects all garbage once more (two passes) to report what a finaliser
      raised (``_pytest.unraisableexception``). In an xdist test process that report
      goes nowhere: the results have been sent, and a finaliser's error at that point
      (a cycle whose ``__del__`` raises, with ``filterwarnings = error``) left the run
      green and silent, while the same test in one process failed it. The pass freed
      ~450,000 objects (dropped botocore clients) in 0.6-1.0 s. Errors in finalisers
      during the tests are still reported with their test.
    * Python then frees every object and module one by one (about 1 s here).

    So a test process skips that collection and, once its exit handlers have run, ends
    (``_end_after_the_exit_handlers``). The process that prints the results is unchanged.
    """
    if hasattr(config, "workerinput"):
        from _pytest.unraisableexception import gc_collect_iterations_key

        config.stash[gc_collect_iterations_key] = 0
    else:
        # A fresh clone: the pinned JavaScript SDK, before any test process starts.
        install_sdk()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        atexit.register(_end_after_the_exit_handlers)


def _end_after_the_exit_handlers() -> None:
    """Run the other exit handlers (once, in their order), flush, and end the process.

    Registered last, so it runs first: everything registered before it runs here, as
    it would have, and only the freeing of memory is left out. After an uncaught
    error, Python ends as usual, with its exit code.
    """
    atexit.unregister(_end_after_the_exit_handlers)
    # Python sets sys.last_exc (3.12+) or sys.last_value (3.11) for an uncaught error.
    if getattr(sys, "last_exc", getattr(sys, "last_value", None)) is not None:
        return
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection left alive: the collector no longer scans it."""
    gc.collect()
    gc.freeze()


SITES = {"built_site", "zensical_site", "each_site"}


def zensical_gap(item: pytest.Item) -> None:
    """``@pytest.mark.zensical_gap(reason)``: the test's Zensical run is a strict xfail.

    It names what Zensical cannot yet do; the day it can, the test passes, the xfail
    fails the run, and the mark comes off.
    """
    gap = item.get_closest_marker("zensical_gap")
    callspec = getattr(item, "callspec", None)
    if gap and callspec is not None and callspec.params.get("each_site") == "zensical":
        reason = f"Zensical {ZENSICAL_VERSION}: {gap.args[0]}"
        item.add_marker(pytest.mark.xfail(reason=reason, strict=True))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the browser, the site build, packaging, processes, lint and types out of
    the fast loop (``slow``); and measure no coverage in property-based tests and the
    conformance suite (``no_cover``).

    Coverage cost a third of the run's time on Python 3.11 (its tracer sees every call
    of boto3 and moto; 3.13's sys.monitoring much less). Property tests run hundreds of
    examples through code the example tests already cover, and the conformance suite
    runs other projects' code: they exist to find wrong behaviour, not unrun lines. The
    gate still requires every line to be covered by the other tests.
    """
    # pytest-cov 7.1 pauses coverage for no_cover tests even when --no-cov left it
    # stopped (and then fails on a missing controller): mark them only when it runs.
    measuring = getattr(config.pluginmanager.get_plugin("_cov"), "cov_controller", None)
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))
    for item in items:
        needs_site = SITES & set(getattr(item, "fixturenames", ()))
        marked = ("browser", "package", "process")
        if needs_site or any(item.get_closest_marker(name) for name in marked):
            item.add_marker(pytest.mark.slow)
        zensical_gap(item)
        function = getattr(item, "obj", None)
        property_based = getattr(function, "is_hypothesis_test", False)
        if measuring and (property_based or item.nodeid.startswith("tests/conformance/")):
            item.add_marker(pytest.mark.no_cover)


@pytest.fixture(autouse=True)
def _processes_are_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """A fast-loop test that starts a process fails: mark it ``process``.

    Starting Python and importing boto3 costs 0.2 s or more a time: half of the fast
    loop's time went to the 48 tests that did, so they run in the gate only.
    """
    if request.node.get_closest_marker("slow"):
        yield
        return
    started: list[str] = []
    popen = subprocess.Popen.__init__
    spawn = multiprocessing.util.spawnv_passfds

    def noted_popen(self: subprocess.Popen[Any], args: Any, *more: Any, **options: Any) -> None:
        started.append(str(args))
        popen(self, args, *more, **options)

    def noted_spawn(path: Any, args: Any, passfds: Any) -> int:
        started.append(str(args))
        return spawn(path, args, passfds)

    monkeypatch.setattr(subprocess.Popen, "__init__", noted_popen)
    monkeypatch.setattr(multiprocessing.util, "spawnv_passfds", noted_spawn)
    yield
    if started:
        pytest.fail(
            f"{request.node.nodeid} started a process ({started[0][:120]}): mark it "
            "@pytest.mark.process, so that the fast loop leaves it to the gate",
            pytrace=False,
        )


@pytest.fixture(autouse=True, scope="session")
def _botocore_and_moto_bookkeeping_shared() -> Iterator[None]:
    """What botocore and moto work out again for every session, client, mock or request
    and which never changes in a run, worked out once for the whole run (each function
    below says what and why). Nothing they answer changes."""
    with pytest.MonkeyPatch.context() as patch:
        _share_loaders(patch)
        _share_handler_bookkeeping(patch)
        _share_tls_context(patch)
        _reuse_moto_bookkeeping(patch)
        yield


def _share_loaders(patch: pytest.MonkeyPatch) -> None:
    """All botocore sessions of the run share one loader per data path.

    Each new session (one per ``boto3.Session``, one per AWS CLI command) would
    otherwise read and parse the JSON service models again: about 150 ms a time,
    which made up a third of the suite's run time. The models are read-only data,
    so sharing them changes nothing else.
    """
    import botocore.session

    loaders: dict[str | None, Loader] = {}
    original = botocore.session.create_loader

    def shared_loader(search_path_string: str | None = None) -> Loader:
        if search_path_string not in loaders:
            loaders[search_path_string] = original(search_path_string)
        return loaders[search_path_string]

    patch.setattr(botocore.session, "create_loader", shared_loader)


def _share_handler_bookkeeping(patch: pytest.MonkeyPatch) -> None:
    """What botocore works out for each of its ~140 built-in handlers, once per run.

    Every new session registers the built-in handlers again, and for each one botocore
    renames the event through its alias table and inspects the handler's signature:
    about 20 ms a session, for the 1,400 sessions the doctor's tests create. Both
    results depend only on the event name and the function, so they are kept for the
    whole run (botocore keeps the first per session only).
    """
    import botocore.hooks

    aliases: dict[str, str] = {}
    original_alias = botocore.hooks.EventAliaser._alias_event_name
    original_accepts = botocore.hooks.accepts_kwargs
    accepts: dict[object, bool] = {}

    def alias_event_name(self: botocore.hooks.EventAliaser, event_name: str) -> str:
        if self._event_aliases is not botocore.hooks.EVENT_ALIASES:
            return original_alias(self, event_name)  # type: ignore[no-any-return]
        if event_name not in aliases:
            aliases[event_name] = original_alias(self, event_name)
        return aliases[event_name]

    def accepts_kwargs(func: object) -> bool:
        # A partial takes ``**kwargs`` exactly when its function does (the AWS CLI
        # registers new partials of the same few functions for every command).
        key = getattr(func, "__func__", func)
        while isinstance(key, functools.partial):
            key = getattr(key.func, "__func__", key.func)
        if key not in accepts:
            accepts[key] = bool(original_accepts(func))
        return accepts[key]

    def copy_aliaser(self: botocore.hooks.EventAliaser) -> botocore.hooks.EventAliaser:
        # botocore copies the alias table with the emitter for every client, which
        # made every client's events miss the table above; botocore never changes it.
        aliases_table = self._event_aliases
        if aliases_table is not botocore.hooks.EVENT_ALIASES:
            aliases_table = copy.copy(aliases_table)
        return type(self)(copy.copy(self._emitter), aliases_table)

    patch.setattr(botocore.hooks.EventAliaser, "_alias_event_name", alias_event_name)
    patch.setattr(botocore.hooks.EventAliaser, "__copy__", copy_aliaser)
    patch.setattr(botocore.hooks, "accepts_kwargs", accepts_kwargs)


def _share_tls_context(patch: pytest.MonkeyPatch) -> None:
    """One TLS context for the connection pools of every client of the run.

    Each botocore client builds a new ``ssl.SSLContext`` for its pool (2 ms, a tenth
    of a client's cost), and in these tests no request ever leaves the process over
    TLS: moto answers before the connection, the emulator's server speaks plain
    HTTP on loopback. Proxies, which change their context, still get their own.
    """
    import botocore.httpsession

    context = botocore.httpsession.create_urllib3_context()
    original = botocore.httpsession.URLLib3Session._get_ssl_context

    def ssl_context(self: botocore.httpsession.URLLib3Session) -> Any:
        proxy = self._proxy_config.settings
        if proxy.get("proxy_ca_bundle") or proxy.get("proxy_client_cert"):
            return original(self)  # botocore changes this one for the proxy
        return context

    patch.setattr(botocore.httpsession.URLLib3Session, "_get_ssl_context", ssl_context)


def _reuse_moto_bookkeeping(patch: pytest.MonkeyPatch) -> None:
    """What moto works out again for every mock and every request, once per run.

    Each ``mock_aws`` start registers one ``requests`` interceptor per method and per
    URL pattern of every AWS service (some 2,600 objects, half of a mock's start-up
    cost), and every request lists the methods of its response class through
    ``inspect``. The interceptors are rebuilt from the same three values and the
    classes never change, so both are made once; the interceptors are still added
    and removed with every mock, as moto does.
    """
    import moto.core.custom_responses_mock
    import moto.core.models
    import moto.core.responses

    made: dict[tuple[object, ...], moto.core.custom_responses_mock.CallbackResponse] = {}
    original_response = moto.core.models.CallbackResponse

    def callback_response(
        *, method: str, url: Any, callback: Any
    ) -> moto.core.custom_responses_mock.CallbackResponse:
        # A compiled pattern hashes its whole program every time: key on its text.
        pattern = (url.pattern, url.flags) if isinstance(url, re.Pattern) else url
        key = (method, pattern, callback)
        if key not in made:
            made[key] = original_response(method=method, url=url, callback=callback)
        return made[key]

    names = functools.cache(moto.core.responses.method_names_from_class)
    patch.setattr(moto.core.models, "CallbackResponse", callback_response)
    patch.setattr(moto.core.responses, "method_names_from_class", names)


@pytest.fixture(autouse=True)
def _no_real_aws() -> Iterator[None]:
    """Every test runs with fake credentials and its own, empty AWS config files.

    They live in a temporary folder removed after the test, not under ``tmp_path``:
    most tests never write them, and a ``tmp_path`` for every test cost a folder and a
    link each (1 ms) plus their removal when a later run cleans up (1 s at its end).
    A test that uses the emulator (``aws``) gets its files under ``tmp_path``.
    """
    with isolated_aws_environment():
        yield


@pytest.fixture
def mturk_profile(aws: MTurkFake) -> str:
    """An IAM user with MTurk full access, saved as the ``mturk`` profile, as the guide says."""
    import boto3

    from guide_tools.store_keys import save_profile
    from snippets.iam_user import create_mturk_user

    key = create_mturk_user(boto3.client("iam"))
    save_profile(key["AccessKeyId"], key["SecretAccessKey"], "mturk")
    return "mturk"


RunSnippet = Callable[..., dict[str, Any]]


@pytest.fixture
def run_snippet(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> RunSnippet:
    """Run a file under ``snippets/`` as a script and check its ``#>`` output lines.

    ``run_snippet("snippets/x.py", "--flag")`` runs the file from its real path
    (so coverage counts it) with those command-line arguments. With
    ``--update-examples`` the ``#>`` lines are rewritten instead of checked.
    """
    update = request.config.getoption("update_examples")
    # pytest-examples finds each print's line with inspect.stack(), which also reads
    # five lines of source for every frame of the stack; it uses only the frames.
    frames_only = types.SimpleNamespace(
        stack=functools.partial(inspect.stack, 0),  # no frame of its own in the stack
        iscoroutinefunction=inspect.iscoroutinefunction,
    )
    monkeypatch.setattr(pytest_examples.run_code, "inspect", frames_only)

    def run(relative_path: str, *args: str) -> dict[str, Any]:
        path = ROOT / relative_path
        monkeypatch.setattr(sys, "argv", [str(path), *args])
        example = CodeExample.create(path.read_text(), path=path)
        printer = InsertPrintStatements(path, EXAMPLES_CONFIG, True, None, None)
        namespace: dict[str, Any] = {}
        with printer:
            try:
                namespace = runpy.run_path(str(path), run_name="__main__")
            except SystemExit as leaving:
                if leaving.code not in (0, None):
                    pytest.fail(f"{relative_path} exited with {leaving.code}", pytrace=False)
        if update:
            new_source = printer.updated_print_statements(example)
            if new_source is not None:
                path.write_text(new_source)
        else:
            printer.check_print_statements(example)
        return namespace

    return run


@dataclass
class Ran:
    exit_code: int
    out: str
    err: str


RunFailing = Callable[..., Ran]


@pytest.fixture
def run_failing(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> RunFailing:
    """Run a file under ``snippets/`` that is meant to stop with an error; return how it ended."""

    def run(relative_path: str, *args: str) -> Ran:
        path = ROOT / relative_path
        monkeypatch.setattr(sys, "argv", [str(path), *args])
        capsys.readouterr()
        code: int | str | None = 0
        try:
            runpy.run_path(str(path), run_name="__main__")
        except SystemExit as leaving:
            code = leaving.code
        captured = capsys.readouterr()
        assert isinstance(code, int), code
        return Ran(code, captured.out, captured.err)

    return run


def _site(builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Under xdist each process has its own folder in this run's common one.
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site, failure = shared_build(builder, shared)
    if failure is not None:
        pytest.fail(f"{builder} build --strict failed:\n{failure}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per test run with ``mkdocs build --strict`` (tests/site/builds.py)."""
    return _site("mkdocs", tmp_path_factory)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per test run with ``zensical build --strict``."""
    return _site("zensical", tmp_path_factory)


@pytest.fixture(scope="session", params=BUILDERS)
def each_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as each builder builds it: a test using it runs once per builder."""
    return _site(request.param, tmp_path_factory)
