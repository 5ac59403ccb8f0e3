"""The doctor's command line: arguments, the run, the report, the exit status."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import NoReturn

from guide_tools import constants
from guide_tools.doctor.checks import Doctor
from guide_tools.doctor.report import DOCTOR_FAILED, Report, redact

__all__ = ["main"]


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a wrong argument exits with 3: the doctor could not run."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(DOCTOR_FAILED, f"The doctor could not run: {message}\n")


def profile_name(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("a profile name cannot be empty")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = ArgumentParser(
        prog="python -m snippets.doctor",
        description="Find which step of your MTurk setup is broken, and how to fix it.",
        epilog="Exit status: 0 all passed, 1 a warning, 2 a failure, 3 the doctor could not run.",
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
        default=os.environ.get("MTURK_GUIDE_URL") or constants.GUIDE_URL,
        help="where the guide lives, for the links the doctor prints "
        "(default: $MTURK_GUIDE_URL, else %(default)s)",
    )
    args = parser.parse_args(argv)
    args.guide_url = args.guide_url.rstrip("/") + "/"
    return args


def stopped(args: argparse.Namespace, doctor: Doctor, reason: str) -> int:
    """Say in one line why the doctor could not finish: never a traceback."""
    message = redact(f"The doctor stopped because {reason}.", doctor.secrets)
    if args.json:
        print(json.dumps({"exit_code": DOCTOR_FAILED, "summary": message}, indent=2))
    else:
        print(message, file=sys.stderr)
    return DOCTOR_FAILED


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    doctor = Doctor(args.profile, production=args.production)
    try:
        results = doctor.run()  # first: it decides which profile the report is about
        report = Report(doctor.subject, args.production, args.guide_url, results)
        output = report.json() if args.json else report.text()
    except KeyboardInterrupt:
        return stopped(args, doctor, "it was interrupted")
    except Exception as error:
        return stopped(
            args, doctor, f"of an error in the doctor itself ({type(error).__name__}: {error})"
        )
    print(redact(output, doctor.secrets), end="")
    return report.exit_code
