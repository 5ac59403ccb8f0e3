"""Qualifications and worker blocks (guide page: ``docs/qualifications.md``).

    uv run --no-dev python -m snippets.qualifications snippets/first_hit_question.xml

The example marks the workers who took part in a pilot, so that a follow-up
study can leave them out.
"""

import sys


# --8<-- [start:qualification-type]
def create_qualification_type(mturk, name: str, description: str) -> str:
    """Create a qualification type that you assign by hand; return its id."""
    qualification_type = mturk.create_qualification_type(
        Name=name,  # (1)!
        Description=description,
        QualificationTypeStatus="Active",
    )["QualificationType"]
    return qualification_type["QualificationTypeId"]
# --8<-- [end:qualification-type]


# --8<-- [start:assign-score]
def assign_score(mturk, qualification_type_id: str, worker_id: str, score: int = 1) -> None:
    """Give a worker the qualification, with a score (no email is sent)."""
    mturk.associate_qualification_with_worker(
        QualificationTypeId=qualification_type_id,
        WorkerId=worker_id,
        IntegerValue=score,
        SendNotification=False,
    )


def score_of(mturk, qualification_type_id: str, worker_id: str) -> int:
    """A worker's score for the qualification."""
    qualification = mturk.get_qualification_score(
        QualificationTypeId=qualification_type_id, WorkerId=worker_id
    )["Qualification"]
    return qualification["IntegerValue"]
# --8<-- [end:assign-score]


# --8<-- [start:require-qualification]
def exclude_holders(qualification_type_id: str) -> dict:
    """A requirement that hides a HIT from everyone who holds the qualification."""
    return {
        "QualificationTypeId": qualification_type_id,
        "Comparator": "DoesNotExist",
        "ActionsGuarded": "DiscoverPreviewAndAccept",  # (2)!
    }
# --8<-- [end:require-qualification]


# --8<-- [start:block-worker]
def block_worker(mturk, worker_id: str, reason: str) -> None:
    """Stop a worker from seeing any of your HITs. The reason is kept on record."""
    mturk.create_worker_block(WorkerId=worker_id, Reason=reason)


def unblock_worker(mturk, worker_id: str, reason: str) -> None:
    mturk.delete_worker_block(WorkerId=worker_id, Reason=reason)
# --8<-- [end:block-worker]


# --8<-- [start:main]
import argparse
from pathlib import Path

from snippets.check_setup import mturk_client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Leave a pilot's workers out of a new HIT.")
    parser.add_argument(
        "question", nargs="?", type=Path, default=Path("first_hit_question.xml"),
        help="the follow-up HIT's question file (default: first_hit_question.xml)",
    )  # fmt: skip
    args = parser.parse_args(argv)

    mturk = mturk_client()
    pilot = create_qualification_type(
        mturk, "Took part in the pilot", "Workers who completed our pilot study."
    )
    assign_score(mturk, pilot, "A1EXAMPLEWORKER")
    print(f"A1EXAMPLEWORKER has score {score_of(mturk, pilot, 'A1EXAMPLEWORKER')} for {pilot}")
    #> A1EXAMPLEWORKER has score 1 for 3EQD8RZ0MLE14Q19GNPH5QO1G0LUS5

    follow_up = mturk.create_hit(
        Title="Follow-up study (new participants only)",
        Description="A short follow-up study.",
        Reward="0.50",
        MaxAssignments=9,
        LifetimeInSeconds=24 * 60 * 60,
        AssignmentDurationInSeconds=15 * 60,
        Question=args.question.read_text(),
        QualificationRequirements=[exclude_holders(pilot)],
    )["HIT"]
    print(f"Created HIT {follow_up['HITId']}, hidden from the pilot's workers")
    #> Created HIT 3LYCAN1KMVV1RBZ2X52515TLQB7SXI, hidden from the pilot's workers
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.qualifications [QUESTION_FILE]"):
        sys.exit(main())
