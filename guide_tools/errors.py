"""Turn errors into a sentence a reader can act on, instead of a traceback.

The guide's scripts run their examples inside ``friendly_errors()``: a bad
argument, a missing profile or an error from AWS ends the script with a short
message naming the problem and where the guide explains the fix, and an exit
code (1: AWS refused, 2: the input was wrong). Links start with the guide's address
(``constants.guide_link()``: on ``$MTURK_GUIDE_URL``, else the page's file in the copy).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from botocore.exceptions import BotoCoreError, ClientError, ProfileNotFound

from guide_tools import constants

DOCTOR_COMMAND: ContextVar[str] = ContextVar(
    "DOCTOR_COMMAND", default="uv run --no-dev python -m snippets.doctor"
)
"""The command that finds the cause. Practice mode names its own doctor step instead:
there, the real doctor would find no keys to check."""


def troubleshooting() -> str:
    return constants.guide_link("troubleshooting/")


@contextmanager
def friendly_errors(usage: str = "") -> Iterator[None]:
    try:
        yield
    except ClientError as error:
        details = error.response.get("Error", {})
        print(
            f"AWS refused the request: {details.get('Code')}: {details.get('Message')}\n"
            f"Run `{DOCTOR_COMMAND.get()}` to find the cause, or see {troubleshooting()}",
            file=sys.stderr,
        )
        sys.exit(1)
    except ProfileNotFound as error:
        print(
            f"{error}. Store your keys first: {constants.guide_link('store-keys/')}",
            file=sys.stderr,
        )
        sys.exit(2)
    except FileExistsError as error:
        print(
            f"{error.filename} already exists, and this script never overwrites a key file. "
            "Move it somewhere safe (or delete it if you no longer need it), then run again.",
            file=sys.stderr,
        )
        sys.exit(2)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        reason = error.strerror or error
        print(f"{where}{reason}. Check the file's name and folder.", file=sys.stderr)
        if usage:
            print(f"Usage: {usage}", file=sys.stderr)
        sys.exit(2)
    except BotoCoreError as error:
        print(f"The request did not reach AWS: {error}\nSee {troubleshooting()}", file=sys.stderr)
        sys.exit(1)
    except (ValueError, ArithmeticError, IndexError) as error:
        print(f"That input is not valid ({error}).", file=sys.stderr)
        if usage:
            print(f"Usage: {usage}", file=sys.stderr)
        sys.exit(2)
