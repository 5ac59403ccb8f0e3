"""What the MTurk emulator costs as its state grows (``bench_fake.py --scale``).

The state is filled through the marketplace's own methods (what a CreateHIT does
after its request is parsed), then every figure is a call through boto3, as reader
code makes it. A walk is stopped after the budget and extrapolated from the pages
walked (``~`` marks an extrapolated figure).
"""

from __future__ import annotations

import gc
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mturk_emulator import emulator
from tests.emulator.support import ANSWER, QUESTION, ROOT_KEY, hit_args, mturk_client

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    """The resident memory of this process now (not its peak), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 1e6


def median_ms(runs: int, call: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fill(fake: Any, hits: int) -> list[str]:
    market = fake.marketplace(sandbox=True)
    hit_type = market.create_hit_type(
        title="Scale", description="d", reward="0.10", assignment_duration=600,
        auto_approval_delay=None, keywords=None, qualification_requirements=None,
    )  # fmt: skip
    made = []
    for _ in range(hits):
        hit = market.create_hit_with_hit_type(
            hit_type_id=hit_type.id, max_assignments=3, lifetime=86400, question=QUESTION,
            layout_id=None, layout_parameters=None, requester_annotation=None,
            unique_request_token=None, assignment_review_policy=None, hit_review_policy=None,
        )  # fmt: skip
        made.append(hit.id)
    return made


def walk(client: Any, budget: float, total: int) -> str:
    start = time.perf_counter()
    pages = seen = 0
    token = None
    while True:
        page = client.list_hits(**({"NextToken": token} if token else {}))
        pages += 1
        seen += page["NumResults"]
        token = page.get("NextToken")
        if not token:
            return f"{time.perf_counter() - start:8.2f} s"
        if time.perf_counter() - start > budget:
            spent = time.perf_counter() - start
            return f"~{spent / pages * (total // 100 + 1):7.0f} s ({pages} pages in {spent:.0f} s)"


def hit_scale(size: int, budget: float, runs: int) -> None:
    with emulator() as fake:
        gc.collect()
        before = rss_mb()
        started = time.perf_counter()
        ids = fill(fake, size)
        filled = time.perf_counter() - started
        gc.collect()
        per_10k = (rss_mb() - before) / size * 10_000
        client = mturk_client()
        client.list_hits(MaxResults=1)  # warm the client
        page = median_ms(min(runs, 10), lambda: client.list_hits())
        get = median_ms(runs, lambda: client.get_hit(HITId=ids[size // 2]))
        targets = iter(ids)
        submit = median_ms(runs, lambda: fake.submit_assignment(next(targets), "AW1", ANSWER))
        walked = walk(client, budget, size)
        print(
            f"  {size:>7} HITs (filled in {filled:5.1f} s): ListHITs page {page:8.2f} ms, "
            f"GetHIT {get:6.2f} ms, submit {submit:6.2f} ms, {per_10k:5.1f} MB per 10k HITs"
        )
        print(f"  {'':>7}       full walk of {size // 100} pages: {walked}")


SPARSE = 10


def sparse_scale(size: int, runs: int) -> None:
    """A page of each listing that shows few of the HITs: ``size`` HITs on file, of which
    10 are Reviewable (five expired now, five by the passing of time) and 10 others
    name a qualification type in their requirements."""
    with emulator() as fake:
        client = mturk_client()
        market = fake.marketplace(sandbox=True)
        ids = fill(fake, size - 2 * SPARSE)
        for hit_id in ids[:: len(ids) // (SPARSE // 2)][: SPARSE // 2]:
            client.update_expiration_for_hit(HITId=hit_id, ExpireAt=0)  # type: ignore[arg-type]
        qual = client.create_qualification_type(
            Name="Sparse", Description="d", QualificationTypeStatus="Active"
        )["QualificationType"]["QualificationTypeId"]
        for guarded, lifetime in ((False, 60), (True, 86400)):
            hit_type = market.create_hit_type(
                title="Sparse", description="d", reward="0.10", assignment_duration=600,
                auto_approval_delay=None, keywords=None,
                qualification_requirements=(
                    [{"QualificationTypeId": qual, "Comparator": "Exists"}] if guarded else None
                ),
            )  # fmt: skip
            for _ in range(SPARSE if guarded else SPARSE // 2):
                market.create_hit_with_hit_type(
                    hit_type_id=hit_type.id, max_assignments=1, lifetime=lifetime,
                    question=QUESTION, layout_id=None, layout_parameters=None,
                    requester_annotation=None, unique_request_token=None,
                    assignment_review_policy=None, hit_review_policy=None,
                )  # fmt: skip
        fake.advance_time(61)
        assert len(client.list_reviewable_hits()["HITs"]) == SPARSE
        assert len(client.list_hits_for_qualification_type(QualificationTypeId=qual)["HITs"]) == (
            SPARSE
        )
        reviewable = median_ms(min(runs, 10), lambda: client.list_reviewable_hits())
        for_type = median_ms(
            min(runs, 10),
            lambda: client.list_hits_for_qualification_type(QualificationTypeId=qual),
        )
        print(
            f"  {size:>7} HITs, {SPARSE} of them matching: ListReviewableHITs page "
            f"{reviewable:8.2f} ms, ListHITsForQualificationType page {for_type:8.2f} ms"
        )


def hit_type_scale(types: int, runs: int) -> None:
    with emulator() as fake:
        market = fake.marketplace(sandbox=True)
        client = mturk_client()
        titles = iter(range(10**9))

        def create() -> object:
            return client.create_hit(**hit_args(Title=f"New {next(titles)}"))

        first = median_ms(runs, create)
        for number in range(types):
            market.create_hit_type(
                title=f"Type {number}", description="d", reward="0.10",
                assignment_duration=600, auto_approval_delay=None, keywords=None,
                qualification_requirements=None,
            )  # fmt: skip
        many = median_ms(runs, create)
        print(f"  CreateHIT: {first:6.2f} ms with 1 HIT type, {many:6.2f} ms with {types} more")


def assignment_scale(assignments: int, runs: int, budget: float) -> None:
    with emulator() as fake:
        client = mturk_client()
        hit_id = client.create_hit(**hit_args(MaxAssignments=1_000_000))["HIT"]["HITId"]
        first = median_ms(
            runs, lambda: fake.submit_assignment(hit_id, f"AW{time.perf_counter_ns()}", ANSWER)
        )
        started = time.perf_counter()
        done = runs
        while done < assignments and time.perf_counter() - started < budget:
            fake.submit_assignment(hit_id, f"AX{done}", ANSWER)
            done += 1
        spent = time.perf_counter() - started
        last = median_ms(
            runs, lambda: fake.submit_assignment(hit_id, f"AY{time.perf_counter_ns()}", ANSWER)
        )
        get = median_ms(runs, lambda: client.get_hit(HITId=hit_id))
        page = median_ms(min(runs, 10), lambda: client.list_assignments_for_hit(HITId=hit_id))
        filled = f"{spent:.1f} s" if done >= assignments else f"stopped at {done} in {spent:.0f} s"
        print(
            f"  One HIT, {done} assignments (filled: {filled}): submit {first:.2f} ms at the "
            f"start, {last:.2f} ms at the end; GetHIT {get:.2f} ms; "
            f"ListAssignmentsForHIT page {page:.2f} ms"
        )


MOCK_MTURK = """
from mturk_emulator import mock_mturk
from tests.emulator.support import mturk_client
def once():
    with mock_mturk():
        mturk_client().get_account_balance()
"""
MOCK_AWS = """
from moto import mock_aws
from mturk_emulator.environment import isolated_aws_environment
from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from tests.emulator.support import sts_client
def once():
    with isolated_aws_environment(None), mock_aws():
        sts_client(key=(ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY)).get_caller_identity()
"""
FIRST = """
import sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
{setup}
imported = time.perf_counter() - start
start = time.perf_counter()
once()
first = time.perf_counter() - start
times = []
for _ in range({runs}):
    start = time.perf_counter()
    once()
    times.append(time.perf_counter() - start)
times.sort()
print(first * 1000, times[len(times) // 2] * 1000, imported * 1000)
"""


def startup(runs: int) -> None:
    figures = {}
    for name, setup in (("mock_mturk", MOCK_MTURK), ("mock_aws", MOCK_AWS)):
        script = FIRST.format(root=str(ROOT), setup=setup, runs=runs)
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        figures[name] = (float(out[0]), float(out[1]), float(out[2]))
    (mf, mm, mi), (af, am, ai) = figures["mock_mturk"], figures["mock_aws"]
    print(
        f"  mock_mturk in+out + GetAccountBalance {mm:6.2f} ms vs mock_aws + GetCallerIdentity "
        f"{am:6.2f} ms: {mm / am:.2f}x"
    )
    print(
        f"  first in a fresh process (after imports): mock_mturk {mf:6.0f} ms vs mock_aws "
        f"{af:6.0f} ms: {mf / af:.2f}x; imports first: {mi + mf:6.0f} ms vs {ai + af:6.0f} ms: "
        f"{(mi + mf) / (ai + af):.2f}x"
    )


def scale_report(
    sizes: list[int],
    budget: float,
    runs: int,
    state: tuple[int, int] | None = None,
    *,
    sparse_only: bool = False,
) -> None:
    if state is not None:
        print("With --state (a SQLite file):")
        state_scale(*state, calls=runs * 10)
        return
    print(f"As the state grows (medians of {runs} calls; walks stopped after {budget:.0f} s):")
    for size in sizes if not sparse_only else []:
        hit_scale(size, budget, runs)
    for size in sizes:
        sparse_scale(size, runs)
    if sparse_only:
        return
    hit_type_scale(10_000, runs)
    assignment_scale(10_000, runs, budget * 2)
    startup(runs)


def _create_request(number: int) -> Any:
    from moto.core.request import Request

    body = json.dumps({**hit_args(Title=f"Study {number % 10}"), "MaxAssignments": 1})
    headers = {"X-Amz-Target": "MTurkRequesterServiceV20170117.CreateHIT",
               "Content-Type": "application/x-amz-json-1.1"}  # fmt: skip
    return Request.from_primitives("POST", "http://127.0.0.1/sandbox", headers, body.encode())


def create_rate(url: str, calls: int) -> float:
    """CreateHIT over HTTP, calls per second, from one client."""
    client = mturk_client(endpoint_url=f"{url}/sandbox", key=ROOT_KEY)
    client.get_account_balance()
    start = time.perf_counter()
    for _ in range(calls):
        client.create_hit(**hit_args())
    return calls / (time.perf_counter() - start)


def state_scale(hits: int, assignments: int, calls: int) -> None:
    """``serve --state``: CreateHIT's rate against memory's, and a restart at ``hits`` HITs
    and ``assignments`` assignments, after a clean stop and after a kill -9 that left
    all but one checkpoint interval of requests to replay."""
    from mturk_emulator import MTurkFake, server
    from mturk_emulator.responses import MTurkResponse
    from mturk_emulator.store import journal

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.state"
        with server.serving(port=0) as running:
            memory = create_rate(running.url, calls)
        with server.serving(port=0, state=path) as running:
            kept = create_rate(running.url, calls)
        print(
            f"  CreateHIT over HTTP, new account: {memory:5.0f}/s in memory, {kept:5.0f}/s with "
            f"--state ({kept / memory:.2f}x)"
        )
        path.unlink()
        with emulator() as fake:  # the account as the journal would have made it, quicker
            started = time.perf_counter()
            ids = fill(fake, hits)
            for number in range(assignments):
                fake.submit_assignment(ids[number], "A1BENCH", ANSWER)
            made = journal.Journal(path)
            made.checkpoint()
            made.close()
            print(
                f"  {hits} HITs and {assignments} assignments made and checkpointed in "
                f"{time.perf_counter() - started:.0f} s ({path.stat().st_size / 1e6:.0f} MB)"
            )
        tail = journal.CHECKPOINT_EVERY - 1
        crash = Path(folder) / "crashed.state"
        with server.serving(port=0, enforce_authorization=False, state=path) as running:
            memory_at = create_rate(running.url, journal.CHECKPOINT_EVERY)
            for number in range(tail):
                MTurkResponse.dispatch(_create_request(number))
            for suffix in ("", "-wal"):  # the file as a kill -9 would leave it
                source = Path(f"{path}{suffix}")
                if source.exists():
                    shutil.copyfile(source, f"{crash}{suffix}")
        with server.serving(port=0) as running:
            for number in range(hits):
                MTurkResponse.dispatch(_create_request(number))
            memory_big = create_rate(running.url, journal.CHECKPOINT_EVERY)
        print(
            f"  CreateHIT over HTTP at {hits} HITs, {journal.CHECKPOINT_EVERY} calls (one "
            f"checkpoint): {memory_big:.0f}/s in memory, {memory_at:.0f}/s with --state "
            f"({memory_at / memory_big:.2f}x)"
        )
        for name, restored in (("clean stop", path), (f"kill -9 ({tail} to replay)", crash)):
            started = time.perf_counter()
            with server.serving(port=0, state=restored):
                ready = time.perf_counter() - started
                count = len(MTurkFake().marketplace(sandbox=True).hits)
            print(f"  restart after a {name}: {ready:5.1f} s to serve {count} HITs again")
