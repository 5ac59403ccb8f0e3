"""Qualifications and worker blocks (guide page: ``docs/qualifications.md``).

    uv run python -m snippets.qualifications

The example marks the workers who took part in a pilot, so that a follow-up
study can leave them out.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_mturk.type_defs import QualificationRequirementTypeDef

# --8<-- [start:qualification-type]
from snippets.check_setup import mturk_client


def create_qualification_type(name: str, description: str) -> str:
    """Create a qualification type that you assign by hand; return its id."""
    qualification_type = mturk_client().create_qualification_type(
        Name=name,  # (1)!
        Description=description,
        QualificationTypeStatus="Active",
    )["QualificationType"]
    return qualification_type["QualificationTypeId"]
# --8<-- [end:qualification-type]


# --8<-- [start:assign-score]
def assign_score(qualification_type_id: str, worker_id: str, score: int = 1) -> None:
    """Give a worker the qualification, with a score (no email is sent)."""
    mturk_client().associate_qualification_with_worker(
        QualificationTypeId=qualification_type_id,
        WorkerId=worker_id,
        IntegerValue=score,
        SendNotification=False,
    )


def score_of(qualification_type_id: str, worker_id: str) -> int:
    """A worker's score for the qualification."""
    qualification = mturk_client().get_qualification_score(
        QualificationTypeId=qualification_type_id, WorkerId=worker_id
    )["Qualification"]
    return qualification["IntegerValue"]
# --8<-- [end:assign-score]


# --8<-- [start:require-qualification]
def exclude_holders(qualification_type_id: str) -> "QualificationRequirementTypeDef":
    """A requirement that hides a HIT from everyone who holds the qualification."""
    return {
        "QualificationTypeId": qualification_type_id,
        "Comparator": "DoesNotExist",
        "ActionsGuarded": "DiscoverPreviewAndAccept",  # (2)!
    }
# --8<-- [end:require-qualification]


# --8<-- [start:block-worker]
def block_worker(worker_id: str, reason: str) -> None:
    """Stop a worker from seeing any of your HITs. The reason is kept on record."""
    mturk_client().create_worker_block(WorkerId=worker_id, Reason=reason)


def unblock_worker(worker_id: str, reason: str) -> None:
    mturk_client().delete_worker_block(WorkerId=worker_id, Reason=reason)
# --8<-- [end:block-worker]


if __name__ == "__main__":
    from pathlib import Path

    from snippets.errors import friendly_errors

    with friendly_errors("python -m snippets.qualifications"):
        # --8<-- [start:main]
        pilot = create_qualification_type(
            "Took part in the pilot", "Workers who completed our pilot study."
        )
        assign_score(pilot, "A1EXAMPLEWORKER")
        print(f"A1EXAMPLEWORKER has score {score_of(pilot, 'A1EXAMPLEWORKER')} for {pilot}")
        #> A1EXAMPLEWORKER has score 1 for 3XAVUF816KJ6PDOTB0TXYTASJ0HF5V

        follow_up = mturk_client().create_hit(
            Title="Follow-up study (new participants only)",
            Description="A short follow-up study.",
            Reward="0.50",
            MaxAssignments=9,
            LifetimeInSeconds=24 * 60 * 60,
            AssignmentDurationInSeconds=15 * 60,
            Question=Path(__file__).with_name("first_hit_question.xml").read_text(),
            QualificationRequirements=[exclude_holders(pilot)],
        )["HIT"]
        print(f"Created HIT {follow_up['HITId']}, hidden from the pilot's workers")
        #> Created HIT 3LRJMWUV20HMTRKZDUV6N1J6Y8AEA5, hidden from the pilot's workers
        # --8<-- [end:main]
