"""Keep your MTurk code's tests running (guide page: ``docs/keep-tests-running.md``).

    uv run --no-dev python -m snippets.keep_tests_running

The sections are what a lab's own project would hold: its MTurk code, and tests
that run it on the emulator (with the pytest fixtures, the decorator, a with
block, or the local server). ``main`` runs the code once on the emulator.
"""

import sys

# --8<-- [start:your-code]
SANDBOX = "https://mturk-requester-sandbox.us-east-1.amazonaws.com"
QUESTION = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>https://example.org/survey</ExternalURL>"
    "<FrameHeight>600</FrameHeight></ExternalQuestion>"
)


def post_survey(mturk, people: int) -> str:
    """Offer a ten-minute survey to ``people`` workers; return the HIT's id."""
    hit = mturk.create_hit(
        Title="A ten-minute survey",
        Description="Answer questions about your day.",
        Reward="1.50",
        MaxAssignments=people,
        LifetimeInSeconds=24 * 60 * 60,
        AssignmentDurationInSeconds=30 * 60,
        Question=QUESTION,
    )
    return hit["HIT"]["HITId"]


def approve_submitted(mturk, hit_id: str) -> list[str]:
    """Approve every submitted assignment of a HIT; return the workers' ids."""
    approved = []
    pages = mturk.get_paginator("list_assignments_for_hit").paginate(
        HITId=hit_id, AssignmentStatuses=["Submitted"]
    )
    for page in pages:
        for assignment in page["Assignments"]:
            mturk.approve_assignment(AssignmentId=assignment["AssignmentId"])
            approved.append(assignment["WorkerId"])
    return approved
# --8<-- [end:your-code]


# --8<-- [start:answer]
ANSWER = (
    '<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd">'
    "<Answer><QuestionIdentifier>mood</QuestionIdentifier>"
    "<FreeText>good</FreeText></Answer></QuestionFormAnswers>"
)
# --8<-- [end:answer]


# --8<-- [start:fixture]
import boto3


def test_submitted_work_is_approved(mturk_fake):
    mturk = boto3.client("mturk", region_name="us-east-1", endpoint_url=SANDBOX)
    hit_id = post_survey(mturk, people=3)
    mturk_fake.submit_assignment(hit_id, "A1EXAMPLEWORKER", ANSWER)
    mturk_fake.accept_hit(hit_id, "A2EXAMPLEWORKER")  # still working on it

    assert approve_submitted(mturk, hit_id) == ["A1EXAMPLEWORKER"]
# --8<-- [end:fixture]


# --8<-- [start:production]
import pytest
from botocore.exceptions import ClientError


def test_production_needs_prepaid_money(mturk_fake):
    mturk_fake.set_prepaid_balance("1.00")
    production = boto3.client("mturk", region_name="us-east-1")
    with pytest.raises(ClientError, match="insufficient funds"):
        post_survey(production, people=1)
# --8<-- [end:production]


# --8<-- [start:decorator]
from mturk_emulator import MTurkFake, mock_mturk


@mock_mturk
def test_with_the_decorator():
    MTurkFake().set_prepaid_balance("25.00")
    production = boto3.client("mturk", region_name="us-east-1")
    assert production.get_account_balance()["AvailableBalance"] == "25.00"


def test_with_a_block():
    with mock_mturk() as mturk_fake:
        mturk = boto3.client("mturk", region_name="us-east-1", endpoint_url=SANDBOX)
        hit_id = post_survey(mturk, people=1)
        mturk_fake.submit_assignment(hit_id, "A1EXAMPLEWORKER", ANSWER)
        assert approve_submitted(mturk, hit_id) == ["A1EXAMPLEWORKER"]
# --8<-- [end:decorator]


# --8<-- [start:server-client]
def local_client(url="http://127.0.0.1:5005/sandbox"):
    """A client of the local server: the keys come from AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY, set to AWS's example key pair as shown above."""
    return boto3.client("mturk", region_name="us-east-1", endpoint_url=url)
# --8<-- [end:server-client]


# --8<-- [start:data-path]
from mturk_emulator import on_data_path


def count_hits_with_the_shipped_model(url):
    with on_data_path():  # boto3 finds the mturk model here, even without botocore's
        mturk = local_client(url)
        return mturk.list_hits()["NumResults"]
# --8<-- [end:data-path]


# --8<-- [start:main]
import argparse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a study's MTurk code on the emulator.")
    parser.parse_args(argv)

    with mock_mturk() as mturk_fake:
        mturk = boto3.client("mturk", region_name="us-east-1", endpoint_url=SANDBOX)
        hit_id = post_survey(mturk, people=2)
        mturk_fake.submit_assignment(hit_id, "A1EXAMPLEWORKER", ANSWER)
        mturk_fake.submit_assignment(hit_id, "A2EXAMPLEWORKER", ANSWER)
        print("Approved:", ", ".join(approve_submitted(mturk, hit_id)))
        #> Approved: A1EXAMPLEWORKER, A2EXAMPLEWORKER
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.keep_tests_running"):
        sys.exit(main())
