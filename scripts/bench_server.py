"""How fast the emulator's local server starts, and how many requests it answers a second.

    uv run python scripts/bench_server.py [--runs N] [--seconds S] [--threads T]

Prints:

1. Start time: from launching ``python -m mturk_emulator serve --port 0`` to its first
   line (the address it listens on), the median of ``--runs`` launches; then the same
   for ``serving()`` in a process that has already imported the emulator.
2. Requests per second over ``--seconds`` each, on one server (IAM enforced, as
   always): ``GetAccountBalance`` from one client, ``ListHITs`` with 100 HITs on
   file, ``CreateHIT``, and ``GetAccountBalance`` from ``--threads`` clients at once.
   Each client is boto3 with retries off, so the figure includes boto3's own signing
   and parsing, as a reader's code would see it.

Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY  # noqa: E402
from mturk_emulator.server import serving  # noqa: E402

QUESTION = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>https://example.org/t</ExternalURL><FrameHeight>400</FrameHeight>"
    "</ExternalQuestion>"
)
HIT = {
    "Title": "t",
    "Description": "d",
    "Reward": "0.10",
    "AssignmentDurationInSeconds": 600,
    "LifetimeInSeconds": 3600,
    "Question": QUESTION,
}


def client(url: str) -> Any:
    return boto3.session.Session().client(
        "mturk",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id=ROOT_ACCESS_KEY_ID,
        aws_secret_access_key=ROOT_SECRET_ACCESS_KEY,
        config=Config(retries={"total_max_attempts": 1}),
    )


def process_start(runs: int) -> list[float]:
    times = []
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mturk_emulator", "serve", "--port", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=environment,
        )
        assert process.stdout is not None
        process.stdout.readline()
        times.append(time.perf_counter() - started)
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    return times


def in_process_start(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with serving(port=0):
            times.append(time.perf_counter() - started)
    return times


def rate(call: Callable[[], object], seconds: float) -> float:
    count, deadline = 0, time.perf_counter() + seconds
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        call()
        count += 1
    return count / (time.perf_counter() - started)


def threaded_rate(url: str, threads: int, seconds: float) -> float:
    counts = [0] * threads
    clients = [client(url) for _ in range(threads)]
    deadline = time.perf_counter() + seconds

    def work(index: int) -> None:
        while time.perf_counter() < deadline:
            clients[index].get_account_balance()
            counts[index] += 1

    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)

    cold = process_start(args.runs)
    print(f"start, new process:  median {statistics.median(cold):.2f} s  "
          f"({', '.join(f'{t:.2f}' for t in cold)})")  # fmt: skip
    warm = in_process_start(args.runs)
    print(f"start, in process:   median {statistics.median(warm) * 1000:.0f} ms")

    with serving(port=0) as server:
        url = f"{server.url}/sandbox"
        mturk = client(url)
        print(f"GetAccountBalance:   {rate(mturk.get_account_balance, args.seconds):6.0f} req/s")
        for _ in range(100):
            mturk.create_hit(**HIT)
        listing = rate(lambda: mturk.list_hits(MaxResults=100), args.seconds)
        print(f"ListHITs (100 HITs): {listing:6.0f} req/s")
        creating = rate(lambda: mturk.create_hit(**HIT), args.seconds)
        print(f"CreateHIT:           {creating:6.0f} req/s")
        together = threaded_rate(url, args.threads, args.seconds)
        print(f"GetAccountBalance, {args.threads} clients at once: {together:6.0f} req/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
