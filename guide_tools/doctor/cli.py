"""The doctor's command line: arguments, the run, the report, the exit status."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from guide_tools import constants, keys
from guide_tools.command import INTERRUPTED, STOPPED
from guide_tools.doctor.checks import TIMEOUT, Context, Diagnosis, Result, Status
from guide_tools.doctor.report import DOCTOR_FAILED, Report, redact, wrap
from guide_tools.errors import DOCTOR_COMMAND

DOCTOR_COMMAND_OUTSIDE_PRACTICE = DOCTOR_COMMAND.get()

PRACTICE_DOCTOR = "uv run --no-dev python -m snippets.practice doctor"
LIVE_SERVICE_CLOSED = (
    f"{constants.SERVICE_STATUS_SHORT.split('. ')[0]}: the checks that ask MTurk cannot pass "
    f"against the live service. To see the doctor at work, run `{PRACTICE_DOCTOR}`."
)
"""The doctor's first words outside practice mode (which names its own doctor step)."""

__all__ = ["main"]


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a wrong argument exits with 3: the doctor could not run."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(DOCTOR_FAILED, f"The doctor could not run: {message}\n")


def profile_name(value: str) -> str:
    """A name AWS tools could read back (the importer's rule, ``keys.profile_problem``)."""
    reason = keys.profile_problem(value)
    if reason is not None:
        raise argparse.ArgumentTypeError(reason)
    return value


def seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number <= 300:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds from 1 to 300")
    return number


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = ArgumentParser(
        prog="python -m snippets.doctor",
        description="Find which step of your MTurk setup is broken, and how to fix it.",
        epilog="Exit status: 0 all passed, 1 a warning, 2 a failure, 3 the doctor could not run, "
        "130 stopped with Ctrl-C.",
    )
    parser.add_argument(
        "--profile",
        type=profile_name,
        help='the AWS profile to check (default: "mturk" if it exists, else AWS\'s defaults)',
    )
    parser.add_argument(
        "--production", action="store_true", help="check production too, not only the sandbox"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--guide-url",
        help="where the guide lives, for the links the doctor prints "
        f"(default: ${constants.GUIDE_URL_VARIABLE}, else the pages' files in this copy)",
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=TIMEOUT,
        help="seconds to wait for AWS on each of two tries (default: %(default)g)",
    )
    args = parser.parse_args(argv)
    args.guide_url = constants.guide_url(args.guide_url)
    return args


def stopped(
    args: argparse.Namespace, diagnosis: Diagnosis, message: str, code: int = DOCTOR_FAILED
) -> int:
    """Say in one line why the doctor could not finish: never a traceback."""
    message = redact(message, diagnosis.secrets)
    if args.json:
        print(json.dumps({"exit_code": code, "summary": message}, indent=2))
    else:
        print(message, file=sys.stderr)
    return code


def where(error: BaseException) -> str:
    """The error's kind and the line that raised it: enough for a bug report.

    Never the error's own words: they can quote what a credential helper printed.
    """
    frames = traceback.extract_tb(error.__traceback__)
    place = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}{place}"


def without_mturk(results: list[Result]) -> bool:
    """A reader with no key at all, or whom AWS does not answer, outside practice mode."""
    if DOCTOR_COMMAND.get() != DOCTOR_COMMAND_OUTSIDE_PRACTICE:
        return False
    return results[0].status is not Status.PASS or any(r.status is Status.ERROR for r in results)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    diagnosis = Diagnosis(Context(args.profile, args.production, args.timeout))
    try:
        results = diagnosis.run()  # first: it decides which profile the report is about
        report = Report(diagnosis.subject, args.production, args.guide_url, results)
        output = report.json() if args.json else report.text()
    except KeyboardInterrupt:
        return stopped(args, diagnosis, STOPPED[__name__], INTERRUPTED)
    except Exception as error:
        message = f"The doctor stopped because of an error in the doctor itself ({where(error)})."
        return stopped(args, diagnosis, message)
    if not args.json and without_mturk(results):
        output = wrap(LIVE_SERVICE_CLOSED) + "\n\n" + output
    print(redact(output, diagnosis.secrets), end="")
    return report.exit_code
