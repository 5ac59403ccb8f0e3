"""MTurk code as a lab wrote it in 2024: post a survey, pay whoever did it."""

import boto3

SANDBOX = "https://mturk-requester-sandbox.us-east-1.amazonaws.com"
QUESTION = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>https://example.org/survey</ExternalURL>"
    "<FrameHeight>600</FrameHeight></ExternalQuestion>"
)


def connect(sandbox=True):
    if sandbox:
        return boto3.client("mturk", region_name="us-east-1", endpoint_url=SANDBOX)
    return boto3.client("mturk", region_name="us-east-1")


def post_survey(mturk, people):
    hit = mturk.create_hit(
        Title="A ten-minute survey",
        Description="Answer questions about your day.",
        Reward="1.50",
        AssignmentDurationInSeconds=1800,
        LifetimeInSeconds=86400,
        MaxAssignments=people,
        Question=QUESTION,
    )
    return hit["HIT"]["HITId"]


def pay_everyone(mturk, hit_id, bonus):
    paid = []
    pages = mturk.get_paginator("list_assignments_for_hit").paginate(
        HITId=hit_id, AssignmentStatuses=["Submitted"]
    )
    for page in pages:
        for assignment in page["Assignments"]:
            mturk.approve_assignment(AssignmentId=assignment["AssignmentId"])
            mturk.send_bonus(
                WorkerId=assignment["WorkerId"],
                AssignmentId=assignment["AssignmentId"],
                BonusAmount=bonus,
                Reason="Thank you for finishing the survey.",
                UniqueRequestToken=assignment["AssignmentId"],
            )
            paid.append(assignment["WorkerId"])
    return paid
