"""Create your first HIT in the sandbox (guide page: ``docs/first-hit.md``).

    uv run --no-dev python -m snippets.first_hit first_hit_question.xml

The question is the HTML form in ``first_hit_question.xml``: save it in the folder
you run the code from (or pass the path of another question file).
"""

import sys

# --8<-- [start:create-hit]
from pathlib import Path


def create_first_hit(mturk, question_file: Path) -> dict[str, str]:
    """Post a one-question HIT in the sandbox; return its ids and status."""
    hit = mturk.create_hit(
        Title="Tell us how the setup went",
        Description="Answer one question about this guide (a sandbox test).",
        Keywords="survey, test",
        Reward="0.05",  # (1)!
        MaxAssignments=1,
        LifetimeInSeconds=24 * 60 * 60,  # on offer for one day
        AssignmentDurationInSeconds=10 * 60,  # ten minutes to answer
        AutoApprovalDelayInSeconds=3 * 24 * 60 * 60,  # approved after three days
        Question=question_file.read_text(),
    )["HIT"]
    return {"HITId": hit["HITId"], "HITTypeId": hit["HITTypeId"], "HITStatus": hit["HITStatus"]}
# --8<-- [end:create-hit]


# --8<-- [start:worker-link]
from urllib.parse import urlsplit


def worker_link(mturk, hit_type_id: str) -> str:
    """Where a worker finds the HIT: the worker site of the client's endpoint."""
    endpoint = urlsplit(mturk.meta.endpoint_url)
    if endpoint.hostname.endswith(".amazonaws.com"):  # MTurk itself (closed in 2026)
        sandbox = "sandbox" in endpoint.hostname
        site = "https://workersandbox.mturk.com" if sandbox else "https://worker.mturk.com"
    else:  # the local emulator: its worker site sits beside the API (/sandbox/worker)
        api = endpoint.path.rstrip("/") or "/sandbox"
        site = f"{endpoint.scheme}://{endpoint.netloc}{api}/worker"
    return f"{site}/projects/{hit_type_id}/tasks"
# --8<-- [end:worker-link]


# --8<-- [start:main]
import argparse

from snippets.check_setup import mturk_client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create your first HIT in the sandbox.")
    parser.add_argument(
        "question", nargs="?", type=Path, default=Path("first_hit_question.xml"),
        help="the question file (default: first_hit_question.xml in this folder)",
    )  # fmt: skip
    args = parser.parse_args(argv)

    mturk = mturk_client()  # (1)!
    hit = create_first_hit(mturk, args.question)
    print(f"Created HIT {hit['HITId']}, status {hit['HITStatus']}")
    #> Created HIT 3CEZ9YYTOR60X18A89B2C41802CJLR, status Assignable
    print("Do it as a worker at:")
    #> Do it as a worker at:
    print(worker_link(mturk, hit["HITTypeId"]))
    #> http://127.0.0.1:5005/sandbox/worker/projects/3CFW2MOWMT35EXY8VBTB6M2HWWGXHK/tasks
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.first_hit [QUESTION_FILE]"):
        sys.exit(main())
