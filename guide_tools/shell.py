"""Run the AWS CLI commands the guide shows, in this process.

The pages' "AWS CLI" tabs include named sections of ``snippets/<page>.sh``. This
module reads those same sections and runs each ``aws ...`` command through the
AWS CLI's own driver, in-process, so the MTurk emulator and moto answer it. The
``#>`` lines under a command are what it prints; ``check_section`` compares them
with what the command really printed.

The files use a small, plain subset of shell, which is all the guide needs:

* ``aws ...`` commands, continued over lines with a trailing backslash;
* ``uv run --no-dev python -m snippets.<module> ...``: the guide's own tools, run
  in-process too (without ``uv run`` and its options it works the same);
* ``NAME=$(aws ...)`` to keep a command's output, and ``"$NAME"`` to use it;
* ``aws ... > FILE`` to save a command's output in a file, and ``umask 077``
  before it so that the file is readable only by you (as a real shell would);
* ``if [ "$NAME" = "text" ]; then aws ...; fi`` (or ``!=``) to run a command only
  when a kept output is (or is not) that text, on one logical line;
* ``# comments`` and ``#> expected output`` lines.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# botocore must be imported before awscli: awscli 1.46 ships its own botocore
# fork and aliases it to "botocore" for whoever imports next, which would split
# the process between two botocores (and moto patches only one). awscli is the
# readers' opt-in ``cli`` extra: imported here when it is installed (its import puts
# its data folder on AWS_DATA_PATH, which the emulator's environment keeps).
import botocore  # noqa: F401  isort: skip

with contextlib.suppress(ImportError):
    import awscli  # noqa: F401

from guide_tools.run_module import run_module
from guide_tools.sections import SectionError, read_section

ASSIGNMENT = re.compile(r"^([A-Z_][A-Z0-9_]*)=\$\((.*)\)$", re.S)
REDIRECT = re.compile(r"^(.*?)\s+>\s*(\S+)$", re.S)
UMASK = re.compile(r"^umask\s+([0-7]{3})$")
VARIABLE = re.compile(r"\$\{?([A-Z_][A-Z0-9_]*)\}?")
CONDITION = re.compile(
    r'^if \[ "\$\{?([A-Z_][A-Z0-9_]*)\}?" (=|!=) "([^"$`]*)" \]; then (.+); fi$', re.S
)


class ShellSnippetError(Exception):
    """A shell snippet is malformed, or one of its commands failed."""


@dataclass
class Command:
    """One ``aws`` command of a snippet, with the output the page says it prints."""

    text: str
    line: int
    variable: str | None = None
    output_file: str | None = None
    expected: list[str] = field(default_factory=list)
    condition: tuple[str, str, str] | None = None  # (variable, "=" or "!=", text)


@dataclass
class Result:
    command: Command
    exit_code: int
    stdout: str
    stderr: str


def parse_commands(lines: list[str], *, first_line: int = 1) -> list[Command]:
    commands: list[Command] = []
    pending: list[str] = []
    start = first_line
    for number, line in enumerate(lines, start=first_line):
        stripped = line.strip()
        if pending:
            pending.append(stripped.removesuffix("\\").strip())
            if not stripped.endswith("\\"):
                commands.append(_command(" ".join(pending), start))
                pending = []
        elif stripped.startswith("#>"):
            if not commands:
                raise ShellSnippetError(f"line {number}: output with no command above it")
            commands[-1].expected.append(stripped[3:] if stripped != "#>" else "")
        elif not stripped or stripped.startswith("#"):
            continue
        elif stripped.endswith("\\"):
            pending, start = [stripped.removesuffix("\\").strip()], number
        else:
            commands.append(_command(stripped, number))
    if pending:
        raise ShellSnippetError(f"line {start}: the command's last line ends with a backslash")
    return commands


def _command(text: str, line: int) -> Command:
    condition = CONDITION.match(text)
    if condition:
        name, operator, value, inner = condition.groups()
        return Command(inner.strip(), line, condition=(name, operator, value))
    assignment = ASSIGNMENT.match(text)
    if assignment:
        return Command(assignment.group(2).strip(), line, variable=assignment.group(1))
    redirect = REDIRECT.match(text)
    if redirect:
        return Command(redirect.group(1).strip(), line, output_file=redirect.group(2))
    return Command(text, line)


@dataclass
class Shell:
    """What a command may change for the ones after it: variables and the umask."""

    directory: Path
    variables: dict[str, str] = field(default_factory=dict)
    umask: int = 0o022
    stdin: str = ""

    def write(self, name: str, text: str) -> None:
        path = self.directory / name
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 & ~self.umask)
        with os.fdopen(descriptor, "w") as file:
            file.write(text)


def run_command(command: Command, shell: Shell) -> Result:
    """Run one command with the AWS CLI's driver, in ``shell``'s directory."""
    if command.condition:
        name, operator, value = command.condition
        if (shell.variables.get(name, "") == value) != (operator == "="):
            return Result(command, 0, "", "")  # as bash: a false condition is no error
    umask = UMASK.match(command.text)
    if umask:
        shell.umask = int(umask.group(1), 8)
        return Result(command, 0, "", "")
    try:
        words = shlex.split(
            VARIABLE.sub(lambda m: shell.variables.get(m.group(1), m.group(0)), command.text)
        )
    except ValueError as error:
        raise ShellSnippetError(f"line {command.line}: {error}") from None
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(shell.directory),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
        _stdin(shell.stdin),
    ):
        exit_code = _run_words(words, command.line)
    result = Result(command, exit_code, stdout.getvalue(), stderr.getvalue())
    if command.variable:
        shell.variables[command.variable] = result.stdout.strip()
    if command.output_file:
        shell.write(command.output_file, result.stdout)
        result.stdout = ""
    return result


def _uv_run_options(words: list[str]) -> list[str]:
    """The command after ``uv run`` and its options (``--no-dev``, ``--extra cli``)."""
    rest = words[2:]
    while rest[:1] and rest[0].startswith("--"):
        rest = rest[2:] if rest[0] in ("--extra", "--group") else rest[1:]
    return rest


def _run_words(words: list[str], line: int) -> int:
    if words[:1] == ["aws"]:
        from awscli.clidriver import create_clidriver

        # The driver returns None for commands that succeed without output.
        return int(create_clidriver().main(words[1:]) or 0)
    module_args = _uv_run_options(words) if words[:2] == ["uv", "run"] else words
    if module_args[:2] == ["python", "-m"] and module_args[2:3] != []:
        module = module_args[2]
        if module.startswith("snippets."):
            return run_module(module, module_args[3:])
    raise ShellSnippetError(
        f"line {line}: only aws, umask and 'uv run python -m snippets...' commands can run here"
    )


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


def run_section(
    path: Path,
    name: str,
    *,
    directory: Path | None = None,
    stdin: str = "",
    shell: Shell | None = None,
) -> list[Result]:
    """Run every command of a section, stopping at the first that fails.

    Commands run in ``directory`` (default: the current one); ``stdin`` is what
    a reader would type at the prompts of interactive commands. Pass the same
    ``shell`` to several calls to keep variables from one section to the next,
    as a reader's terminal would.
    """
    shell = shell or Shell(directory or Path.cwd(), stdin=stdin)
    results = []
    try:
        lines = read_section(path, name)
    except SectionError as error:
        raise ShellSnippetError(str(error)) from None
    for command in parse_commands(lines):
        result = run_command(command, shell)
        results.append(result)
        if result.exit_code != 0:
            break
    return results


def check_section(
    path: Path,
    name: str,
    *,
    directory: Path | None = None,
    stdin: str = "",
    shell: Shell | None = None,
) -> list[Result]:
    """Run a section and fail unless every command succeeds and prints its ``#>`` lines."""
    results = run_section(path, name, directory=directory, stdin=stdin, shell=shell)
    for result in results:
        where = f"{path.name}:{name}, line {result.command.line}"
        if result.exit_code != 0:
            raise ShellSnippetError(
                f"{where}: exit code {result.exit_code}\n{result.stderr.strip()}"
            )
        printed = result.stdout.rstrip("\n").splitlines() if result.stdout.strip() else []
        if result.command.expected and printed != result.command.expected:
            raise ShellSnippetError(
                f"{where}: the page shows\n  "
                + "\n  ".join(result.command.expected)
                + "\nbut the command printed\n  "
                + "\n  ".join(printed)
            )
    return results
