"""The Markdown the site's generated sections are made of: plain functions of their sources.

The Troubleshooting page's list of problems comes from the doctor's catalogue
(``guide_tools/doctor/catalogue.py``), the fidelity page's rules from the emulator's
ledger (``mturk_emulator/ledger/``, which imports neither boto3 nor moto), the status
notice from ``guide_tools.constants`` and the versions table from ``uv.lock``. Pages
call them through the macros in :mod:`site_content.macros`.
"""

from __future__ import annotations

import re

from guide_tools import constants
from guide_tools.doctor.catalogue import CATALOGUE, PAGES, AwsError, Evidence, Problem, step
from mturk_emulator.ledger import LABELS, Rule, all_rules
from site_content.facts import pinned_versions

TOPIC_TITLES = {
    "account": "The requester account",
    "hits": "HITs",
    "assignments": "Assignments",
    "answers": "Answers",
    "qualifications": "Qualifications",
    "payments": "Payments",
    "workers": "Workers",
    "validation": "Checks of parameters",
    "pagination": "Pages of results",
    "time": "Time and clocks",
    "ids": "Identifiers",
    "auth": "Keys, signatures and permissions",
    "edge": "Requests no operation sees (the local server)",
    "worker": "The worker's side (the local worker site and moves)",
}
BARE_URL = re.compile(r"(?<![`<(])https?://[^\s`<>()]+[^\s`<>().,;:]")


def status_admonition() -> str:
    """The full notice (the overview's; the banner links to it as ``#service-status``)."""
    return (
        '<div id="service-status" markdown>\n\n'
        '!!! danger "Service status"\n\n'
        f"    {constants.SERVICE_STATUS}\n\n"
        f"    Source: [AWS's MTurk documentation]({constants.SERVICE_STATUS_SOURCE}). "
        "Questions about closing accounts go to "
        f"[MTurk's help page]({constants.SERVICE_HELP_PAGE}).\n\n"
        "</div>\n"
    )


def linked(text: str) -> str:
    """Bare web addresses made into links (the terminal shows them as they are)."""
    return BARE_URL.sub(lambda match: f"<{match.group(0)}>", text)


def evidence_markdown(evidence: Evidence) -> str:
    return f"*{evidence.label}*: {linked(evidence.source)}"


def error_markdown(error: AwsError) -> str:
    return (
        f"- {error.source} `{error.name}`: `{error.message}`  \n"
        f"  Words known as {evidence_markdown(error.evidence)}"
    )


def page_link(problem: Problem) -> str:
    return f"[{PAGES[problem.page]}]({problem.page.removesuffix('/')}.md)"


def problem_markdown(problem: Problem) -> str:
    """One catalogue entry as a section of the Troubleshooting page.

    The severity, the step and how the cause is known come first, on one line, so the
    page can be scanned; then the cause and the fix. The sources and the error texts
    (which site search finds) sit in a folded block. Error texts are inline code, not
    code blocks: every code block on the site must come from ``snippets/``.
    """
    count = len(problem.errors)
    fold = "How we know" + (f", and the error messages that lead here ({count})" if count else "")
    lines = [
        f"### {problem.code}: {problem.title} {{#{problem.code}}}",
        "",
        f"**{problem.severity.value.upper()}** · {step(problem.code)} · "
        f"cause *{problem.evidence.label}* · fix explained on {page_link(problem)}",
        "",
        f"**Cause:** {linked(problem.cause)}",
        "",
        f"**Fix:** {linked(problem.fix)}",
        "",
        f'??? quote "{fold}"',
        "",
        f"    - Cause known as {evidence_markdown(problem.evidence)}",
    ]
    lines += ["    " + line for e in problem.errors for line in error_markdown(e).split("\n")]
    return "\n".join([*lines, ""])


def summary_markdown() -> str:
    """One row per step of the setup: each code's severity, code and title, linked."""
    by_step: dict[str, list[str]] = {}
    for problem in CATALOGUE:
        by_step.setdefault(step(problem.code), []).append(
            f"**{problem.severity.value.upper()}** [{problem.code}](#{problem.code}) "
            f"{problem.title}"
        )
    lines = ["| Step | Problems |", "| --- | --- |"]
    lines += [f"| {name} | {'<br>'.join(entries)} |" for name, entries in by_step.items()]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell, shown as written (patterns, tags, pipes)."""
    for plain, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(plain, escaped)
    return re.sub(r"([\\|*_`\[\]])", r"\\\1", text)


def source_name(url: str) -> str:
    """A short name for a source: ``owner/repo#123`` for a GitHub thread, else host and page."""
    host, _, path = url.removeprefix("https://").partition("/")
    parts = path.split("/")
    if host == "github.com" and len(parts) == 4 and parts[2] in {"issues", "pull"}:
        return f"{parts[0]}/{parts[1]}#{parts[3]}"
    if host == "github.com" and len(parts) > 2:
        return f"{parts[0]}/{parts[1]}: {parts[-1]}"
    page = parts[-1].removesuffix(".html") if parts[-1] else host
    return f"{host}: {page}" if page != host else host


def rule_evidence_markdown(rule: Rule) -> str:
    if rule.source.startswith("https://"):
        source = f"[{_cell(source_name(rule.source))}]({rule.source})"
    elif rule.label == "inferred":
        source = _cell(rule.source)
    else:
        source = _cell(rule.source.replace("botocore model: ", "botocore model, "))
    return source + (f": “{_cell(rule.quote)}”" if rule.quote else "")


FIDELITY_PAGES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "requester": (
        "fidelity-requester.md",
        "The requester's API",
        ("account", "hits", "assignments", "answers", "qualifications", "payments", "workers"),
    ),
    "checks": (
        "fidelity-checks.md",
        "Checks, pages of results, time and ids",
        ("validation", "pagination", "time", "ids"),
    ),
    "server": (
        "fidelity-server.md",
        "Keys, the local server and the worker site",
        ("auth", "edge", "worker"),
    ),
}
"""The ledger's pages: a file in docs/, its title, and the topics it shows. One page
held every rule until its first visit reached the site's weight budget (397 of 400 KiB,
December 2026); each of these holds about a third."""


def _counts(rules: list[Rule]) -> str:
    return ", ".join(f"{sum(r.label == label for r in rules)} {label}" for label in LABELS)


def fidelity_markdown(page: str = "") -> str:
    """The ledger as pages: with no ``page``, the index (the count by label, then each
    topic, under its old anchor, with a link to where its rules are); with one of
    ``FIDELITY_PAGES``, that page's rules, one table per topic."""
    rules = all_rules()
    if not page:
        counts = {label: sum(rule.label == label for rule in rules) for label in LABELS}
        lines = [
            "| Label | Rules |",
            "|---|---|",
            *(f"| {label} | {count} |" for label, count in counts.items()),
            f"| **all** | **{len(rules)}** |",
            "",
        ]
        for name, title, topics in FIDELITY_PAGES.values():
            lines += [f"## {title}", ""]
            for topic in topics:
                mine = [rule for rule in rules if rule.id.split(".")[0] == topic]
                heading = TOPIC_TITLES.get(topic, topic.capitalize())
                lines += [
                    f"### {heading} {{#{topic}}}",
                    "",
                    f"[{len(mine)} rules]({name}#{topic}) ({_counts(mine)}).",
                    "",
                ]
        return "\n".join(lines)
    _, _, topics = FIDELITY_PAGES[page]
    lines = []
    for topic in topics:
        lines += [
            f"## {TOPIC_TITLES.get(topic, topic.capitalize())} {{#{topic}}}",
            "",
            "| Rule | What the emulator does | Label | Evidence |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{rule.id}` | {_cell(rule.behaviour)} | {rule.label} | "
            f"{rule_evidence_markdown(rule)} |"
            for rule in rules
            if rule.id.split(".")[0] == topic
        ]
        lines.append("")
    return "\n".join(lines)


def versions_markdown() -> str:
    rows = [f"| `{name}` | `{version}` |" for name, version in pinned_versions().items()]
    return "\n".join(["| Package | Version this guide was tested with |", "|---|---|", *rows])
