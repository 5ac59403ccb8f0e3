"""The lab's tests, run on the emulator: its fixtures come from installing it."""

import boto3
import pytest
from botocore.exceptions import ClientError
from survey_tools import connect, pay_everyone, post_survey

from mturk_emulator import MTurkFake, mock_mturk

ANSWER = (
    '<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd">'
    "<Answer><QuestionIdentifier>mood</QuestionIdentifier><FreeText>good</FreeText>"
    "</Answer></QuestionFormAnswers>"
)


def test_everyone_who_submitted_is_paid(mturk_fake):
    mturk = connect()
    hit_id = post_survey(mturk, people=3)
    mturk_fake.submit_assignment(hit_id, "A1EXAMPLEWORKER", ANSWER)
    mturk_fake.submit_assignment(hit_id, "A2EXAMPLEWORKER", ANSWER)
    mturk_fake.accept_hit(hit_id, "A3EXAMPLEWORKER")  # still working on it

    assert pay_everyone(mturk, hit_id, "0.50") == ["A1EXAMPLEWORKER", "A2EXAMPLEWORKER"]
    bonuses = mturk.list_bonus_payments(HITId=hit_id)["BonusPayments"]
    assert sorted(b["WorkerId"] for b in bonuses) == ["A1EXAMPLEWORKER", "A2EXAMPLEWORKER"]


def test_production_needs_money(aws):
    aws.set_prepaid_balance("1.00")
    with pytest.raises(ClientError, match="insufficient funds"):
        post_survey(connect(sandbox=False), people=1)


@mock_mturk
def test_with_the_decorator():
    MTurkFake().set_prepaid_balance("100.00")
    assert connect(sandbox=False).get_account_balance()["AvailableBalance"] == "100.00"


def test_with_a_block():
    with mock_mturk() as mturk_fake:
        hit_id = post_survey(connect(), people=1)
        mturk_fake.submit_assignment(hit_id, "A1EXAMPLEWORKER", ANSWER)
        assert pay_everyone(connect(), hit_id, "0.10") == ["A1EXAMPLEWORKER"]


def test_iam_is_enforced(aws):
    iam = boto3.client("iam")
    iam.create_user(UserName="no-rights")
    key = iam.create_access_key(UserName="no-rights")["AccessKey"]
    stranger = boto3.client(
        "mturk",
        region_name="us-east-1",
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )
    with pytest.raises(ClientError, match="not authorized"):
        stranger.get_account_balance()
