"""Running the guide's commands in-process, as ``python -m`` would."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from guide_tools.run_module import exit_code, run_module


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (3, 3), ("a message", 1)])
def test_exit_codes_are_those_of_a_process(
    code: object, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_code(code) == status
    assert capsys.readouterr().err == ("a message\n" if isinstance(code, str) else "")


def test_a_module_runs_with_its_arguments_and_argv_comes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "say_args.py").write_text("import sys\nprint(sys.argv[1:])\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = list(sys.argv)
    assert run_module("say_args", ["one", "two"]) == 0
    assert capsys.readouterr().out == "['one', 'two']\n"
    assert sys.argv == before


def test_the_doctor_runs_as_a_module(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_module("guide_tools.doctor", ["--help"]) == 0
    assert "python -m snippets.doctor" in capsys.readouterr().out
