"""What the MTurk emulator costs a test: the fixture, a client, a call, and its test modules.

    uv run python scripts/bench_fake.py [--runs N] [--skip-tests]

Prints, as median and 95th percentile over N runs (default 200):

1. ``emulator()`` entered and left: what the ``aws`` + ``mturk_fake`` fixtures
   cost a test (moto's mock, the root user, the two MTurk policies, a fresh backend);
2. a boto3 MTurk client made as reader code makes it (a new default session each
   time, as ``tests/conftest.py`` resets it), and one sharing a botocore loader
   (as ``mturk_emulator/pytest_plugin.py`` makes them);
3. one ``GetAccountBalance`` and one ``CreateHIT`` through the emulator;

then the wall time of the emulator's own test modules (``tests/emulator/test_*.py``)
in a fresh interpreter, unless ``--skip-tests``.

    uv run python scripts/bench_fake.py --scale [--sizes 1000,10000,100000] [--budget S]

prints instead what the emulator costs as its state grows: for each number of HITs
on file, one ListHITs page, a walk of every page (stopped after ``--budget``
seconds and extrapolated from the pages walked), a GetHIT, a worker's submit, a
CreateHIT with 10,000 HIT types on file, and the memory per 10,000 HITs; then one
HIT filled with 10,000 assignments; then ``mock_mturk`` entered and left with a
first call against moto's ``mock_aws`` with a first STS call, and the first of each
in a fresh process. For each number of HITs it also prints a page of the listings
that show few of them (ListReviewableHITs, ListHITsForQualificationType, with 10
matches); ``--sparse-only`` prints only those.

    uv run python scripts/bench_fake.py --scale --state 100000,50000

prints instead what ``serve --state`` costs: CreateHIT over HTTP with and without
it (a new account, and at that many HITs over one checkpoint interval), and the
time a restart takes to serve again after a clean stop and after a kill -9.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import boto3  # noqa: E402

from guide_tools import constants  # noqa: E402
from mturk_emulator import emulator  # noqa: E402
from tests.emulator.support import hit_args, mturk_client  # noqa: E402


def timed(runs: int, setup: Callable[[], Any], measured: Callable[[Any], object]) -> list[float]:
    """Time ``measured(setup())`` ``runs`` times, each inside a fresh emulator."""
    times = []
    for _ in range(runs):
        with emulator():
            boto3.DEFAULT_SESSION = None
            prepared = setup()
            start = time.perf_counter()
            measured(prepared)
            times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)))]
    print(
        f"  {name:<44} median {statistics.median(times) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"
    )


def fixture_times(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with emulator():
            pass
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--skip-tests", action="store_true")
    parser.add_argument("--scale", action="store_true", help="costs as the state grows")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per walk at most")
    parser.add_argument(
        "--sparse-only", action="store_true", help="with --scale: only the sparse listings"
    )
    parser.add_argument(
        "--state",
        metavar="HITS,ASSIGNMENTS",
        help="with --scale: serve --state's CreateHIT rate and restart at this size",
    )
    args = parser.parse_args()
    if args.scale:
        from bench_scale import scale_report  # only for --scale

        sizes = [int(size) for size in args.sizes.split(",")]
        state = tuple(int(n) for n in args.state.split(",")) if args.state else None
        scale_report(
            sizes,
            args.budget,
            min(args.runs, 50),
            state,  # type: ignore[arg-type]
            sparse_only=args.sparse_only,
        )
        return

    def plain_client(_: object) -> object:
        return boto3.client("mturk", endpoint_url=constants.SANDBOX_ENDPOINT)

    first = fixture_times(1)[0]
    print(
        f"Per test, over {args.runs} runs (the first emulator of a process: {first * 1000:.0f} ms)"
    )
    report("aws + mturk_fake fixtures (emulator in, out)", fixture_times(args.runs))
    report(
        "boto3.client('mturk'), new default session", timed(args.runs, lambda: None, plain_client)
    )
    report(
        "mturk_client(), shared botocore loader",
        timed(args.runs, lambda: None, lambda _: mturk_client()),
    )
    report(
        "GetAccountBalance",
        timed(args.runs, mturk_client, lambda client: client.get_account_balance()),
    )
    report(
        "CreateHIT",
        timed(args.runs, mturk_client, lambda client: client.create_hit(**hit_args())),
    )

    if not args.skip_tests:
        modules = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("tests/emulator/test_*.py"))
        command = [
            sys.executable,
            "-m",
            "pytest",
            *modules,
            "-q",
            "--no-cov",
            "-p",
            "no:cacheprovider",
        ]
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
        wall = time.perf_counter() - start
        summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "no output"
        print(
            f"\nThe emulator's test modules ({len(modules)} files): {wall:.1f} s wall, {summary}"
        )
        if result.returncode != 0:
            sys.exit(result.returncode)


if __name__ == "__main__":
    main()
