"""Turn the doctor's results into a report: plain text for people, JSON for scripts.

Whatever the format, the secret access key and session token are masked out
of the finished text before it is printed, as a last line of defence.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from typing import Any, Final

from guide_tools import constants
from guide_tools.doctor.checks import Result, Status

WIDTH: Final = 99
INDENT: Final = " " * 6
LABELS: Final = {
    Status.PASS: "PASS",
    Status.WARN: "WARN",
    Status.FAIL: "FAIL",
    Status.ERROR: "ERROR",
    Status.SKIP: "SKIP",
}
EXIT_CODES: Final = {Status.FAIL: 2, Status.ERROR: 3, Status.WARN: 1}
"""Exit status by the worst result: a failure found outranks a check that could not run."""
DOCTOR_FAILED: Final = 3
HIDDEN: Final = "[hidden]"

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"\*([^*`\n]+)\*")


def plain(text: str) -> str:
    """The catalogue's Markdown emphasis removed, for a terminal (backticks stay)."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def wrap(line: str, indent: str = "") -> str:
    """Fold a line to the terminal's usual width; web addresses are never split."""
    return textwrap.fill(
        line, WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def exit_code(results: list[Result]) -> int:
    statuses = {result.status for result in results}
    for status, code in EXIT_CODES.items():
        if status in statuses:
            return code
    return 0


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        for variant in {secret, secret.strip(), json.dumps(secret)[1:-1]}:
            if len(variant) >= 8:
                text = text.replace(variant, HIDDEN)
    return text


@dataclass(frozen=True)
class Report:
    subject: str
    production: bool
    guide_url: str | None
    results: list[Result]

    @property
    def exit_code(self) -> int:
        return exit_code(self.results)

    def summary(self) -> str:
        count = {status: sum(r.status is status for r in self.results) for status in Status}
        if count[Status.FAIL]:
            warnings = (
                f", and {plural(count[Status.WARN], 'warning')}" if count[Status.WARN] else ""
            )
            return (
                f"{plural(count[Status.FAIL], 'problem')} to fix{warnings}. Start with the first "
                "problem: later checks may pass once it is fixed."
            )
        if count[Status.ERROR]:
            return "The doctor could not finish: the ERROR result says why."
        if count[Status.WARN]:
            return f"Your setup works, with {plural(count[Status.WARN], 'warning')} to read."
        if self.production:
            return "All checks passed: the sandbox and production are ready."
        return "All checks passed: the sandbox is ready. Add --production to check production."

    def text(self) -> str:
        scope = "sandbox and production" if self.production else "sandbox only"
        lines = [wrap(f"MTurk setup doctor: {self.subject}, {scope}"), ""]
        for result in self.results:
            lines.extend(self._text_lines(result))
        lines += ["", wrap(self.summary())]
        return "\n".join(lines) + "\n"

    def _text_lines(self, result: Result) -> list[str]:
        first = f"{LABELS[result.status]:<5}  {result.check:<17} "
        if result.problem is None:
            return [wrap(first + result.detail, indent=" " * len(first))]
        entry = result.problem
        lines = [wrap(f"{first}{entry.code} {entry.title}", indent=" " * len(first))]
        for name, value in (
            ("Cause", entry.cause),
            ("Found", result.detail),
            ("Error", result.error),
            ("Fix", entry.fix),
            ("Guide", constants.guide_link(entry.page, self.guide_url)),
        ):
            if value:
                lines.append(wrap(f"{INDENT}{name}: {plain(value)}", indent=INDENT + "  "))
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "production": self.production,
            "exit_code": self.exit_code,
            "summary": self.summary(),
            "checks": [self._result_dict(result) for result in self.results],
        }

    def _result_dict(self, result: Result) -> dict[str, Any]:
        entry = result.problem
        found = None
        if entry is not None:
            found = {
                "code": entry.code,
                "title": entry.title,
                "cause": plain(entry.cause),
                "fix": plain(entry.fix),
                "guide_url": constants.guide_link(entry.page, self.guide_url),
                "troubleshooting_url": constants.guide_link(
                    f"troubleshooting/#{entry.code}", self.guide_url
                ),
                "error": result.error,
            }
        return {
            "check": result.check,
            "status": result.status.value,
            "detail": result.detail,
            "problem": found,
        }

    def json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"
