"""The state file: a journal of the requests that changed the account, and checkpoints.

One SQLite file (standard library; WAL, so a transaction committed before the
answer is sent survives the process being killed at any moment):

* ``meta``: ``format`` (this file's layout, ``FORMAT``) and the emulator version;
* ``requests``: one row per request answered with success that could change the
  account, in the order they were served (``Journal.serve``);
* ``checkpoints``: the account pickled after the request ``seq`` (the latest only).
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import pickle
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from moto.core.authorization import disable_iam_authentication
from moto.core.base_backend import BackendDict
from moto.core.request import Request
from moto.core.responses import BaseResponse
from moto.core.utils import utcnow
from moto.iam.models import iam_backends
from moto.iam.responses import IamResponse
from moto.moto_api._internal import mock_random
from moto.sts.models import sts_backends
from moto.sts.responses import TokenResponse

from .. import __version__
from ..core import MTurkFake
from ..models import mturk_backends
from ..responses import MTurkResponse
from .errors import StateError

FORMAT = 1
"""The layout of the state file; a file of a later layout is refused."""
CHECKPOINT_EVERY = 1000
"""Requests between two checkpoints: a restart replays at most this many."""
HANDLERS: dict[str, type[BaseResponse]] = {
    "iam": IamResponse,
    "sts": TokenResponse,
    "mturk": MTurkResponse,
}
"""The services whose requests are kept, by the name the journal gives them."""
BACKENDS: tuple[Any, ...] = (iam_backends, sts_backends, mturk_backends)
CLOCKS = ("mturk_emulator.models", "moto.iam.models", "moto.sts.models")
"""The modules whose ``utcnow`` gives the time a replayed request was first served at."""
CONTROLS = ("set_linked", "set_prepaid_balance", "advance_time", "skew_client_clock",
            "add_worker", "accept_hit", "submit_assignment", "submit_answers",
            "return_assignment", "request_qualification", "start_qualification_test",
            "take_qualification_test")  # fmt: skip
"""The controls of ``MTurkFake`` that change the account: kept as requests are."""
READS = ("Get", "List", "Describe", "Simulate")
MINTS = {"GetSessionToken", "GetFederationToken"}
"""STS operations named like reads that create credentials."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (
    seq INTEGER PRIMARY KEY, service TEXT NOT NULL, seed TEXT NOT NULL, served TEXT NOT NULL,
    method TEXT NOT NULL, url TEXT NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (
    seq INTEGER PRIMARY KEY, emulator TEXT NOT NULL, data BLOB NOT NULL);
"""
Row = tuple[str, str, str, str, str, str, bytes]
"""service, seed, served (ISO time, UTC), method, url, headers (JSON), body."""


def changes(action: str) -> bool:
    """Whether an operation may change the account (reads are not kept)."""
    return action in MINTS or not action.startswith(READS)


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        if not path.exists():
            # The file will hold IAM secrets (in checkpoints): only its owner may read it.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            self._open()
        except BaseException:
            self.db.close()
            raise
        self.seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM requests").fetchone()[0]
        self.reads = 0
        self.checkpointed = 0

    def _open(self) -> None:
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError:
            raise StateError(
                f"{self.path} is not an emulator state file: give --state a new file name, "
                "or the file an earlier 'mturk-emulator serve --state' wrote."
            ) from None
        self._check_format()

    def _check_format(self) -> None:
        found = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if not found:
            self.db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("format", str(FORMAT)), ("emulator", __version__)],
            )
        elif found.get("format") != str(FORMAT):
            raise StateError(
                f"{self.path} was written by mturk-emulator {found.get('emulator', '?')} in a "
                f"layout this version ({__version__}) does not know: serve it with that "
                "version, or export it there and import the file here."
            )

    def close(self) -> None:
        self.db.close()

    # --- the requests ----------------------------------------------------------

    def rows(self, after: int = 0) -> Iterator[Row]:
        return iter(
            self.db.execute(
                "SELECT service, seed, served, method, url, headers, body FROM requests "
                "WHERE seq > ? ORDER BY seq",
                (after,),
            )
        )

    def append(self, rows: list[Row]) -> None:
        """Keep the rows, all or none (an error leaves the journal as it was)."""
        seq = self.seq
        with self.transaction():
            for row in rows:
                seq += 1
                self.db.execute("INSERT INTO requests VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                (seq, *row))  # fmt: skip
        self.seq = seq

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def serve(
        self,
        original: Callable[..., Any],
        response: BaseResponse,
        request: Request,
        full_url: str | None,
        headers: Any,
    ) -> Any:
        """Serve one request; keep it, before its answer leaves, if it may have changed
        the account."""

        def kept(answer: Any) -> tuple[str, str, str, str, bytes] | None:
            service = response.service_name
            if int(answer[0]) >= 400 or service not in HANDLERS:
                return None
            if not changes(response._get_action()):
                return None
            sent = headers if headers is not None else request.headers
            return (service, request.method, full_url or request.raw_url,
                    json.dumps(dict(sent)), _body(request))  # fmt: skip

        return self.one_at_a_time(lambda: original(response, request, full_url, headers), kept)

    def control(
        self, original: Callable[..., Any], fake: MTurkFake, args: Any, kwargs: Any
    ) -> Any:
        """Run one of the emulator's controls (a simulated worker, the clock); keep it."""
        call = json.dumps([args, kwargs]).encode()
        account = json.dumps({"account": fake.account_id})
        return self.one_at_a_time(
            lambda: original(fake, *args, **kwargs),
            lambda _: ("control", original.__name__, "", account, call),
        )

    def one_at_a_time(
        self,
        run: Callable[[], Any],
        kept: Callable[[Any], tuple[str, str, str, str, bytes] | None],
    ) -> Any:
        """Run one operation alone, with a seed of its own, at a time that stands still
        while it runs; write it to the journal if ``kept`` describes it (before its
        result is returned, so before any answer leaves)."""
        with self.lock:
            seed = f"{self.seq}:{self.reads}"
            mock_random.seed(seed)
            served = utcnow()
            self.reads += 1
            with clock_at(served):
                result = run()
            row = kept(result)
            if row is not None:
                service, method, url, sent, body = row
                self.append([(service, seed, served.isoformat(), method, url, sent, body)])
                self.reads = 0
                if self.seq - self.checkpointed >= CHECKPOINT_EVERY:
                    self.checkpoint()
            return result

    def forget(self) -> None:
        """A new account: no request of the old one is replayed again."""
        with self.transaction():
            self.db.execute("DELETE FROM requests")
            self.db.execute("DELETE FROM checkpoints")
        self.checkpointed, self.reads = self.seq, 0

    # --- the account -----------------------------------------------------------

    def checkpoint(self) -> None:
        with no_collector():
            data = pickle.dumps(
                [{account: dict(regions) for account, regions in b.items()} for b in BACKENDS],
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        with self.transaction():
            self.db.execute("DELETE FROM checkpoints")
            self.db.execute("INSERT INTO checkpoints VALUES (?, ?, ?)",
                            (self.seq, __version__, data))  # fmt: skip
        self.checkpointed = self.seq

    def restore(self) -> tuple[int, int]:
        """Load the latest checkpoint of this version and replay what came after it;
        return how many requests were replayed, and how many of them were refused."""
        found = self.db.execute("SELECT seq, emulator, data FROM checkpoints").fetchone()
        start = 0
        if found is not None and found[1] == __version__:
            # The server's own file, readable by its owner only, of this very version.
            with no_collector():
                accounts: list[dict[str, dict[str, Any]]] = pickle.loads(found[2])  # noqa: S301
            for backends, saved in zip(BACKENDS, accounts, strict=True):
                for account, regions in saved.items():
                    for region, backend in regions.items():
                        backends[account][region] = backend
            start = found[0]
        replayed = replay(self.rows(start))
        self.checkpointed = start
        return replayed


def _body(request: Request) -> bytes:
    """The body as it was sent: a form (IAM's and STS's requests) is parsed out of it."""
    if request.form:
        return urlencode(list(request.form.items(multi=True))).encode()
    return bytes(request.data)


@contextmanager
def no_collector() -> Iterator[None]:
    """Python's cycle collector off while millions of objects are pickled or made: it
    would walk them all again and again (a restart at 150,000 HITs and assignments
    took twice as long)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _again(service: str, method: str, url: str, headers: dict[str, str], body: bytes) -> int:
    if service == "control":
        args, kwargs = json.loads(body)
        getattr(MTurkFake(headers["account"]), method)(*args, **kwargs)
        return 200
    request = Request.from_primitives(method, url, headers, body)
    return int(HANDLERS[service].dispatch(request)[0])


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """The time stands at ``moment`` for the request served in the block (moto's clock
    and the emulator's): a request replayed later sees the very time it saw first."""
    modules: list[Any] = [importlib.import_module(name) for name in CLOCKS]
    saved = [module.utcnow for module in modules]
    for module in modules:
        module.utcnow = lambda: moment
    try:
        yield
    finally:
        for module, clock in zip(modules, saved, strict=True):
            module.utcnow = clock


def replay(rows: Iterator[Row]) -> tuple[int, int]:
    """Serve the requests again, each at the time and with the seed it first had;
    return how many were served and how many of them were refused this time."""
    served = refused = 0
    with disable_iam_authentication():
        for service, seed, when, method, url, headers, body in rows:
            mock_random.seed(seed)
            served += 1
            try:
                with clock_at(datetime.fromisoformat(when)):
                    status = _again(service, method, url, json.loads(headers), body)
            except Exception:  # a request (or control) the emulator cannot serve again
                status = 500
            refused += int(status) >= 400
    return served, refused


def _kept_control(journal: Journal, control: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(control)
    def run(fake: MTurkFake, *args: Any, **kwargs: Any) -> Any:
        return journal.control(control, fake, args, kwargs)

    return run


@contextmanager
def _replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    original = vars(owner)[name]
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


@contextmanager
def persistent_state(path: Path) -> Iterator[Journal]:
    """Keep the account served during the block in ``path``, restored from it first.

    Enter it after the account is new (``serving`` resets the backends and seeds the
    ids) and before the first request; every request is then served through it, and
    every control of ``MTurkFake``. A reset (``POST /moto-api/reset``) makes a new
    account: the file forgets the old one.
    """
    journal = Journal(path)
    try:
        journal.restore()
        original = BaseResponse._dispatch
        reset = BackendDict.reset

        def dispatch(
            response: BaseResponse,
            request: Request,
            full_url: str | None = None,
            headers: Any = None,
        ) -> Any:
            return journal.serve(original, response, request, full_url, headers)

        def new_account(cls: type[BackendDict[Any]]) -> None:
            with journal.lock:
                reset()
                journal.forget()

        with ExitStack() as patches:
            patches.enter_context(_replaced(BaseResponse, "_dispatch", dispatch))
            patches.enter_context(_replaced(BackendDict, "reset", classmethod(new_account)))
            for name in CONTROLS:
                kept = _kept_control(journal, getattr(MTurkFake, name))
                patches.enter_context(_replaced(MTurkFake, name, kept))
            yield journal
        journal.checkpoint()
    finally:
        journal.close()
