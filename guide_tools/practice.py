"""Practice mode: run a step of the guide on your own computer, with no AWS account.

    uv run --no-dev python -m snippets.practice --list
    uv run --no-dev python -m snippets.practice check-setup
    uv run --no-dev --extra cli python -m snippets.practice check-setup --cli

Each run starts a fresh local emulator (moto for IAM and STS, plus the MTurk
emulator) as a brand-new AWS account, quietly replays the steps before the one
you asked for, then runs that page's own code and prints what the service
answered. Your real AWS files are never read or written: the run happens in a
temporary folder that is deleted afterwards, and every ``AWS_*`` variable of yours
is set aside while it runs (``mturk_emulator/environment.py``). Ctrl-C stops it
with one line, not a traceback.

    uv run --no-dev python -m snippets.practice first-hit --browser
    uv run --no-dev python -m snippets.practice review-and-pay

``first-hit`` runs against a real local server (``guide_tools/practice_server.py``),
so the HIT has a local worker site; with ``--browser`` the server keeps running
until Ctrl-C while the reader does the HIT, and ``review-and-pay`` (in another
terminal) reviews and pays the reader's own answer instead of a simulated worker's.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from types import FrameType

import snippets
from guide_tools import constants, practice_server
from guide_tools.command import INTERRUPTED, STOPPED, interrupt
from guide_tools.errors import DOCTOR_COMMAND
from guide_tools.practice_server import PracticeProblem
from guide_tools.run_module import run_module
from guide_tools.shell import Shell, run_section
from guide_tools.store_keys import read_key_file
from mturk_emulator import MTurkFake, emulator

SNIPPETS = Path(snippets.__file__).resolve().parent
WORKER_ID = "A1EXAMPLEWORKER"
ANSWER = {"feedback": "It worked."}
"""What the simulated worker types into the first HIT's form. The emulator records it
as MTurk did for a ``<crowd-form>``: one answer, ``taskAnswers``, holding the fields
as JSON (AWS Requester guide, "Retrieving results")."""


def _newest_hit(fake: MTurkFake) -> str:
    return max(fake.marketplace(sandbox=True).hits.values(), key=lambda h: h.creation_time).id


def _worker_submits(fake: MTurkFake, folder: Path) -> None:
    fake.submit_answers(_newest_hit(fake), WORKER_ID, ANSWER)


def _worker_signs_up(fake: MTurkFake, folder: Path) -> None:
    # MTurk refused worker ids it did not know in that environment (aws-sdk-java#2055).
    fake.add_worker(WORKER_ID, sandbox=True)


def _unlink_sandbox(fake: MTurkFake, folder: Path) -> None:
    fake.set_linked(False, sandbox=True)


def _rotation(folder: Path) -> list[tuple[str, ...]]:
    """The security page's commands: start the rotation, finish it, add the limited user."""
    import boto3

    keys = boto3.client("iam").list_access_keys(UserName="mturk-api")["AccessKeyMetadata"]
    return [("start",), ("finish", keys[0]["AccessKeyId"]), ("limited-user",)]


def _configure_answers(folder: Path) -> str:
    """What a reader types at ``aws configure``'s four prompts."""
    key = read_key_file(folder / "mturk-api_accessKeys.csv")
    return f"{key.key_id}\n{key.secret}\n{constants.REGION}\njson\n"


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    page: str
    script: str
    args: tuple[str, ...] = ()
    cli_sections: tuple[str, ...] = ()  # sections of the page's .sh file
    after: str | None = None
    prepare: Callable[[MTurkFake, Path], None] | None = None
    stdin: Callable[[Path], str] | None = None
    files: tuple[str, ...] = ()  # files from snippets/ the step's commands read
    ends_in_error: bool = False  # the step shows an error on purpose
    doctor: str = "doctor"  # the practice step that runs the doctor on this situation
    runs: Callable[[Path], list[tuple[str, ...]]] | None = None  # several commands, in order
    served: bool = False  # the Python run goes to a real local server (it has a worker site)

    @property
    def url(self) -> str:
        """The step's page: on the guide's site, or its file in the reader's copy."""
        path = self.page.removesuffix(".md")
        return constants.guide_link("" if path == "index" else path + "/")

    @property
    def shell_file(self) -> Path:
        return SNIPPETS / (self.script.removeprefix("snippets.") + ".sh")


STEPS = {
    step.name: step
    for step in (
        Step(
            "iam-user",
            "Create an IAM user for MTurk",
            "iam-user.md",
            "snippets.iam_user",
            cli_sections=("create-user", "create-key"),
        ),
        Step(
            "store-keys",
            "Store your keys safely",
            "store-keys.md",
            "snippets.store_keys",
            args=("mturk-api_accessKeys.csv", "--profile", "mturk"),
            cli_sections=("configure",),
            after="iam-user",
            stdin=_configure_answers,
        ),
        Step(
            "check-setup",
            "Check your keys and balance",
            "check-setup.md",
            "snippets.check_setup",
            cli_sections=("whoami", "sandbox-balance"),
            after="store-keys",
        ),
        Step(
            "not-linked",
            "What happens when the sandbox is not linked",
            "link-aws.md",
            "snippets.check_setup",
            cli_sections=("sandbox-balance",),
            after="store-keys",
            prepare=_unlink_sandbox,
            ends_in_error=True,
            doctor="doctor-not-linked",
        ),
        Step(
            "first-hit",
            "Create your first HIT in the sandbox",
            "first-hit.md",
            "snippets.first_hit",
            cli_sections=("create-hit", "list-hits"),
            after="check-setup",
            files=("first_hit_question.xml",),
            served=True,
        ),
        Step(
            "review-and-pay",
            "Review, approve and pay a bonus",
            "review-and-pay.md",
            "snippets.review_and_pay",
            cli_sections=("list-assignments", "approve", "bonus"),
            after="first-hit",
            prepare=_worker_submits,
        ),
        Step(
            "qualifications",
            "Qualifications and blocks",
            "qualifications.md",
            "snippets.qualifications",
            cli_sections=("qualification-type", "assign-score", "block-worker"),
            after="check-setup",
            prepare=_worker_signs_up,
            files=("first_hit_question.xml",),
        ),
        Step(
            "payments",
            "Pay for HITs",
            "payments.md",
            "snippets.payments",
            args=("1.50", "100", "--production"),
            cli_sections=("estimate", "production-balance"),
            after="check-setup",
        ),
        Step(
            "doctor",
            "Run the setup doctor on a working setup",
            "troubleshooting.md",
            "snippets.doctor",
            cli_sections=("clean",),
            after="store-keys",
        ),
        Step(
            "doctor-not-linked",
            "Run the setup doctor when the sandbox is not linked",
            "troubleshooting.md",
            "snippets.doctor",
            cli_sections=("not-linked",),
            after="store-keys",
            prepare=_unlink_sandbox,
            ends_in_error=True,
            doctor="doctor-not-linked",
        ),
        Step(
            "after-the-closure",
            "Switch off and delete the MTurk IAM user",
            "after-the-closure.md",
            "snippets.after_the_closure",
            args=("mturk-api", "--delete"),
            cli_sections=("remove-user", "check-gone"),
            after="iam-user",
        ),
        Step(
            "security",
            "Keep your keys safe",
            "security.md",
            "snippets.security",
            cli_sections=(
                "list-keys",
                "rotate-key",
                "check-rotation",
                "finish-rotation",
                "least-privilege",
            ),
            after="iam-user",
            files=("pay_bonuses_only.json",),
            runs=_rotation,
        ),
    )
}


def chain(step: Step) -> list[Step]:
    """The steps to replay before ``step``, oldest first."""
    steps: list[Step] = []
    while step.after is not None:
        step = STEPS[step.after]
        steps.insert(0, step)
    return steps


def run_script(step: Step, folder: Path) -> bool:
    """Run the page's script as ``python -m`` would; False if it exited with an error."""
    for args in step.runs(folder) if step.runs else [step.args]:
        if run_module(step.script, args) != 0:
            return False
    return True


def run_shell(step: Step, folder: Path) -> bool:
    shell = Shell(folder, stdin=step.stdin(folder) if step.stdin else "")
    for section in step.cli_sections:
        for result in run_section(step.shell_file, section, shell=shell):
            redirect = result.command.output_file
            print(f"$ {result.command.text}" + (f" > {redirect}" if redirect else ""))
            print(
                result.stdout,
                end="" if result.stdout.endswith("\n") or not result.stdout else "\n",
            )
            print(result.stderr, end="", file=sys.stderr)
            if result.exit_code != 0:
                return False
    return True


@dataclass(frozen=True)
class Browser:
    """``--browser``: keep the local service running and open its worker site."""

    open: bool = True  # False with --no-open: print the address only
    port: int = 0  # 0: a free port


def run(step: Step, *, cli: bool, browser: Browser | None = None) -> int:
    print(f"Practice mode: {step.title} ({step.url})", flush=True)
    print("Local emulator, no AWS account. " + constants.SERVICE_STATUS.split(". ")[0] + ".")
    if step.name == "review-and-pay":
        found = practice_server.find()
        if found is not None:
            return practice_server.review(
                found, lambda folder: run_shell(step, folder) if cli else run_script(step, folder)
            )
        print(practice_server.no_server_line())
    if browser is not None:
        practice_server.none_running()
    served = step.served and not cli
    with (
        tempfile.TemporaryDirectory(prefix="mturk-practice-") as name,
        contextlib.ExitStack() as stack,
    ):
        folder = Path(name)
        if served:
            fake, url = stack.enter_context(
                practice_server.served(folder / "aws", browser.port if browser else 0)
            )
        else:
            fake = stack.enter_context(emulator(aws_folder=folder / "aws"))
        stack.enter_context(contextlib.chdir(folder))
        for name in {name for each in [*chain(step), step] for name in each.files}:
            shutil.copy(SNIPPETS / name, folder / name)
        for earlier in chain(step):
            with contextlib.redirect_stdout(io.StringIO()):
                replayed = run_script(earlier, folder)
            if not replayed:
                print(f"Replaying the earlier step {earlier.name!r} failed.", file=sys.stderr)
                return 1
        if step.prepare:
            step.prepare(fake, folder)
        print()
        # An error points to the doctor: here, the practice step that runs it.
        hint = DOCTOR_COMMAND.set(f"uv run --no-dev python -m snippets.practice {step.doctor}")
        try:
            succeeded = run_shell(step, folder) if cli else run_script(step, folder)
        finally:
            DOCTOR_COMMAND.reset(hint)
        if served and succeeded:
            hit = fake.marketplace(sandbox=True).hits[_newest_hit(fake)]
            server = practice_server.PracticeServer(
                url, os.getpid(), str(folder / "aws"), hit.id, hit.hit_type.id
            )
            if browser is None:
                print(
                    "That address worked while this ran. To do the HIT yourself in your "
                    f"browser: {practice_server.BROWSER_COMMAND}"
                )
            else:
                practice_server.hand_over(server, open_browser=browser.open)
    if step.ends_in_error:
        print("\nThis step ends in an error on purpose: it is the one the page explains.")
        return 0 if not succeeded else 1
    return 0 if succeeded else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m snippets.practice",
        description="Run a step of the guide against the local emulator.",
    )
    parser.add_argument("step", nargs="?", help="the step to run (see --list)")
    parser.add_argument("--cli", action="store_true", help="run the AWS CLI version")
    parser.add_argument("--list", action="store_true", help="list the steps")
    parser.add_argument(
        "--browser",
        action="store_true",
        help="first-hit: keep the local service running and open its worker site, "
        "so you can do the HIT yourself (until Ctrl-C)",
    )
    parser.add_argument(
        "--no-open", action="store_true", help="with --browser: print the address only"
    )
    parser.add_argument(
        "--port", type=int, default=0, help="with --browser: the port (default: a free one)"
    )
    args = parser.parse_args(argv)
    if args.list or args.step is None:
        for step in STEPS.values():
            print(f"{step.name:<16} {step.title}")
        return 0 if args.list else 2
    if args.step not in STEPS:
        print(
            f"There is no step {args.step!r}. Choose one of: {', '.join(STEPS)}.",
            file=sys.stderr,
        )
        return 2
    if args.cli and find_spec("awscli") is None:
        print(
            "The AWS CLI runs need the guide's cli extra, which installs the AWS CLI: "
            f"uv run --no-dev --extra cli python -m snippets.practice {args.step} --cli",
            file=sys.stderr,
        )
        return 2
    wrong = _browser_problem(args)
    if wrong:
        print(wrong, file=sys.stderr)
        return 2
    browser = Browser(open=not args.no_open, port=args.port) if args.browser else None
    try:
        with _ctrl_c_stops_practice_mode():
            return run(STEPS[args.step], cli=args.cli, browser=browser)
    except PracticeProblem as problem:
        print(problem.message, file=sys.stderr)
        return problem.code
    except (KeyboardInterrupt, Stopped):
        print("\n" + STOPPED[__name__], file=sys.stderr)
        return INTERRUPTED


def _browser_problem(args: argparse.Namespace) -> str:
    """What is wrong with --browser, --no-open and --port together; '' if nothing."""
    if not args.browser:
        if args.no_open or args.port:
            return "--no-open and --port go with --browser: add it, or leave them out."
        return ""
    if not STEPS[args.step].served:
        return f"Only the first-hit step opens the worker site: {practice_server.BROWSER_COMMAND}"
    if args.cli:
        return f"--browser runs the Python version of the page: {practice_server.BROWSER_COMMAND}"
    if not 0 <= args.port <= 65535:
        return f"--port {args.port} is not a port number: choose one from 1024 to 65535."
    return ""


class Stopped(BaseException):
    """Ctrl-C in practice mode.

    Not a ``KeyboardInterrupt``: the page programs that practice mode runs stop on one
    with their own advice (the key importer: "Run the command again to be sure"), which
    is wrong here, and then the replay "failed" with exit code 1. This passes through
    them (``finally`` blocks still run) to the one sentence above.
    """


@contextlib.contextmanager
def _ctrl_c_stops_practice_mode() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C waits for the clean-up
        raise Stopped

    # Only where Ctrl-C stops the program (Python's own handler, or the command's:
    # guide_tools/command.py), not where it is ignored (as under nohup), and where the
    # handler can be replaced (the main thread).
    if signal.getsignal(signal.SIGINT) not in (signal.default_int_handler, interrupt):
        yield
        return
    try:
        previous = signal.signal(signal.SIGINT, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
