"""Review, approve and pay a bonus (guide page: ``docs/review-and-pay.md``).

    uv run --no-dev python -m snippets.review_and_pay            # all work waiting for review
    uv run --no-dev python -m snippets.review_and_pay HIT_ID     # one HIT
"""

import sys


# --8<-- [start:list-assignments]
def submitted_assignments(mturk, hit_id: str) -> list[dict]:
    """Every assignment of a HIT that waits for you to approve or reject it."""
    pages = mturk.get_paginator("list_assignments_for_hit").paginate(
        HITId=hit_id, AssignmentStatuses=["Submitted"]
    )
    return [assignment for page in pages for assignment in page["Assignments"]]


def all_submitted_work(mturk) -> list[dict]:
    """Every assignment, of every one of your HITs, that waits for you to review it."""
    pages = mturk.get_paginator("list_hits").paginate()
    return [
        assignment
        for page in pages
        for hit in page["HITs"]
        for assignment in submitted_assignments(mturk, hit["HITId"])
    ]
# --8<-- [end:list-assignments]


# --8<-- [start:read-answers]
import json
import xml.etree.ElementTree as ET

ANSWERS = "{http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd}"


def answers(assignment: dict) -> dict:
    """The worker's answers, by field name, from the assignment's XML."""
    found = {}
    for answer in ET.fromstring(assignment["Answer"]).iter(f"{ANSWERS}Answer"):
        name = answer.findtext(f"{ANSWERS}QuestionIdentifier")
        text = answer.findtext(f"{ANSWERS}FreeText", "")
        if name == "taskAnswers":  # a crowd-form: all fields in one JSON answer
            found.update(json.loads(text)[0])
        else:  # other forms: one answer per field
            found[name] = text
    return found
# --8<-- [end:read-answers]


# --8<-- [start:approve]
def approve(mturk, assignment_id: str, feedback: str = "Thank you!") -> None:
    """Approve an assignment: the worker is paid the reward, MTurk its fee."""
    mturk.approve_assignment(AssignmentId=assignment_id, RequesterFeedback=feedback)


def reject(mturk, assignment_id: str, feedback: str) -> None:
    """Reject an assignment. The worker sees your feedback: say what was wrong."""
    mturk.reject_assignment(AssignmentId=assignment_id, RequesterFeedback=feedback)
# --8<-- [end:approve]


# --8<-- [start:bonus]
def pay_bonus(mturk, worker_id: str, assignment_id: str, amount: str, reason: str) -> bool:
    """Pay a bonus for an assignment, unless one was paid before. True if paid now."""
    if mturk.list_bonus_payments(AssignmentId=assignment_id)["BonusPayments"]:
        return False  # already paid: running the script again never pays twice
    mturk.send_bonus(
        WorkerId=worker_id,
        AssignmentId=assignment_id,
        BonusAmount=amount,  # dollars and cents, as a string: "0.25"
        Reason=reason,  # the worker sees this
        UniqueRequestToken=f"bonus-{assignment_id}",  # (1)!
    )
    return True
# --8<-- [end:bonus]


# --8<-- [start:main]
import argparse

from snippets.check_setup import mturk_client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Approve submitted work and pay a bonus.")
    parser.add_argument("hit_ids", nargs="*", help="the HITs to review (default: all)")
    args = parser.parse_args(argv)

    mturk = mturk_client()
    if args.hit_ids:
        work = [a for hit_id in args.hit_ids for a in submitted_assignments(mturk, hit_id)]
    else:
        work = all_submitted_work(mturk)
    for assignment in work:
        worker = assignment["WorkerId"]
        print(f"{worker} answered {answers(assignment)}")
        #> A1EXAMPLEWORKER answered {'feedback': 'It worked.'}
        assignment_id = assignment["AssignmentId"]
        approve(mturk, assignment_id)
        if pay_bonus(mturk, worker, assignment_id, "0.25", "Thanks for the detail."):
            print(f"Approved and paid a $0.25 bonus to {worker}")
            #> Approved and paid a $0.25 bonus to A1EXAMPLEWORKER
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.review_and_pay [HIT_ID ...]"):
        sys.exit(main())
