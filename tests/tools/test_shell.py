"""Tests for ``snippets/shell.py``, which runs the pages' AWS CLI blocks."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from guide_tools.sections import SectionError, read_section
from guide_tools.shell import (
    Command,
    ShellSnippetError,
    check_section,
    parse_commands,
    run_section,
)
from mturk_emulator import MTurkFake


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "example.sh"
    path.write_text(text)
    return path


def test_sections_are_read_as_the_page_includes_them(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# intro\n# --8<-- [start:one]\naws a\n# --8<-- [end:one]\n"
        "# --8<-- [start:two]\naws b\n# --8<-- [end:two]\n",
    )
    assert read_section(path, "one") == ["aws a"]
    assert read_section(path, "two") == ["aws b"]
    with pytest.raises(SectionError, match="no complete section 'three'"):
        read_section(path, "three")


def test_a_section_without_its_end_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "# --8<-- [end:one]\n# --8<-- [start:one]\naws a\n")
    with pytest.raises(SectionError, match="no complete section"):
        read_section(path, "one")
    with pytest.raises(ShellSnippetError, match="no complete section"):
        run_section(path, "one")


def test_commands_continuations_assignments_redirects_and_outputs() -> None:
    commands = parse_commands(
        [
            "# a comment",
            "aws sts get-caller-identity \\",
            "    --query Arn",
            "#> arn:aws:iam::123456789012:root",
            "#>",
            "",
            "HIT_ID=$(aws mturk list-hits --query 'HITs[0].HITId' --output text)",
            "aws iam create-access-key --user-name u > key.json",
        ]
    )
    assert commands == [
        Command(
            "aws sts get-caller-identity --query Arn",
            2,
            expected=["arn:aws:iam::123456789012:root", ""],
        ),
        Command("aws mturk list-hits --query 'HITs[0].HITId' --output text", 7, variable="HIT_ID"),
        Command("aws iam create-access-key --user-name u", 8, output_file="key.json"),
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["#> output first"], "output with no command above it"),
        (["aws a \\"], "ends with a backslash"),
    ],
)
def test_malformed_snippets_are_reported(lines: list[str], message: str) -> None:
    with pytest.raises(ShellSnippetError, match=message):
        parse_commands(lines)


def test_variables_carry_outputs_between_commands(aws: MTurkFake, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# --8<-- [start:s]\n"
        "ARN=$(aws sts get-caller-identity --query Arn --output text)\n"
        'aws iam get-user --user-name "$ARN"\n'
        "# --8<-- [end:s]\n",
    )
    results = run_section(path, "s")
    assert results[0].stdout == "arn:aws:iam::123456789012:root\n"
    assert results[1].exit_code != 0
    assert "arn:aws:iam::123456789012:root" in results[1].stderr


def test_umask_and_redirect_make_a_private_file(aws: MTurkFake, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# --8<-- [start:open]\naws sts get-caller-identity > open.json\n# --8<-- [end:open]\n"
        "# --8<-- [start:private]\numask 077\naws sts get-caller-identity > private.json\n"
        "# --8<-- [end:private]\n",
    )
    check_section(path, "open", directory=tmp_path)
    check_section(path, "private", directory=tmp_path)
    assert stat.S_IMODE((tmp_path / "open.json").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.json").stat().st_mode) == 0o600
    assert '"Arn": "arn:aws:iam::123456789012:root"' in (tmp_path / "private.json").read_text()


def test_check_section_compares_the_shown_output(aws: MTurkFake, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# --8<-- [start:s]\naws sts get-caller-identity --query Account --output text\n"
        "#> 999999999999\n# --8<-- [end:s]\n",
    )
    with pytest.raises(ShellSnippetError, match="the page shows\n  999999999999\n"):
        check_section(path, "s")


def test_check_section_fails_on_a_failing_command(aws: MTurkFake, tmp_path: Path) -> None:
    path = write(
        tmp_path, "# --8<-- [start:s]\naws iam get-user --user-name nobody\n# --8<-- [end:s]\n"
    )
    with pytest.raises(ShellSnippetError, match="exit code 255"):
        check_section(path, "s")


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("rm -rf /", "only aws, umask"),
        ("uv run python -m os", "only aws, umask"),
        ("python -m", "only aws, umask"),
        ("aws 'unbalanced", "No closing quotation"),
    ],
)
def test_only_the_supported_commands_run(tmp_path: Path, command: str, message: str) -> None:
    path = write(tmp_path, f"# --8<-- [start:s]\n{command}\n# --8<-- [end:s]\n")
    with pytest.raises(ShellSnippetError, match=message):
        run_section(path, "s")


def test_the_guides_own_tools_run_in_process(aws: MTurkFake, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# --8<-- [start:s]\nuv run python -m snippets.practice --list\n"
        "python -m snippets.practice no-such-step\n# --8<-- [end:s]\n",
    )
    results = run_section(path, "s")
    assert results[0].exit_code == 0
    assert "check-setup" in results[0].stdout
    assert results[1].exit_code == 2
    assert "There is no step 'no-such-step'" in results[1].stderr


def test_a_condition_parses_into_its_command() -> None:
    (command,) = parse_commands(
        ['if [ "$PAID" = "0" ]; then aws mturk send-bonus \\', "    --bonus-amount 0.25; fi"]
    )
    assert command == Command(
        "aws mturk send-bonus --bonus-amount 0.25", 1, condition=("PAID", "=", "0")
    )


@pytest.mark.parametrize(
    ("test", "runs"),
    [('"$SEEN" = "0"', True), ('"$SEEN" = "1"', False), ('"${SEEN}" != "1"', True),
     ('"$SEEN" != "0"', False), ('"$NEVER_SET" = ""', True)],
)  # fmt: skip
def test_a_command_runs_only_when_its_condition_holds(
    aws: MTurkFake, tmp_path: Path, test: str, runs: bool
) -> None:
    path = write(
        tmp_path,
        "# --8<-- [start:s]\n"
        "SEEN=$(aws mturk list-hits --region us-east-1 --endpoint-url "
        "https://mturk-requester-sandbox.us-east-1.amazonaws.com "
        '--query "length(HITs)" --output text)\n'
        f"if [ {test} ]; then aws mturk get-account-balance --region us-east-1 "
        "--endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com "
        "--query AvailableBalance --output text; fi\n"
        "# --8<-- [end:s]\n",
    )
    results = check_section(path, "s", directory=tmp_path)
    assert results[0].stdout.strip() == "0"
    assert results[1].exit_code == 0  # as in bash, a false condition is not a failure
    assert results[1].stdout.strip() == ("10000.00" if runs else "")
