"""A test suite plays the workers over HTTP (guide page: ``docs/keep-tests-running.md``).

    uv run --no-dev python -m snippets.worker_moves http://127.0.0.1:5005

Needs a running ``mturk-emulator serve``, the control token in
``MTURK_EMULATOR_CONTROL_TOKEN`` and AWS's example keys in the environment. The
requester's side is plain boto3; the workers' moves are ``POST /control/<move>``
with the token, sent with the standard library. ``snippets/worker_moves.mjs`` is
the same in JavaScript.
"""

import sys

# --8<-- [start:moves]
import http.client
import json
import os
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import boto3

SURVEY = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA['
    '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>'
    '<crowd-form><crowd-input name="mood" label="How are you?"></crowd-input>'
    "</crowd-form>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>"
)
ANSWERS = (
    "{http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/"
    "QuestionFormAnswers.xsd}"
)


def move(server, name, **members):
    """Make a worker's move: POST /control/<name> with the control token."""
    connection = http.client.HTTPConnection(urlsplit(server).netloc)
    try:
        connection.request(
            "POST",
            f"/control/{name}",
            body=json.dumps(members),
            headers={
                "Authorization": f"Bearer {os.environ['MTURK_EMULATOR_CONTROL_TOKEN']}",
                "Content-Type": "application/json",
            },
        )
        return json.load(connection.getresponse())  # refused: status 409 and an error
    finally:
        connection.close()


def task_answers(assignment):
    """The worker's crowd-form answers: the JSON in the one taskAnswers answer."""
    root = ET.fromstring(assignment["Answer"])
    return json.loads(root.findtext(f"{ANSWERS}Answer/{ANSWERS}FreeText"))
# --8<-- [end:moves]


# --8<-- [start:scenario]
def play_workers(mturk, server):
    hit_id = mturk.create_hit(
        Title="How are you?",
        Description="One question.",
        Reward="0.10",
        MaxAssignments=2,
        LifetimeInSeconds=3600,
        AssignmentDurationInSeconds=600,  # ten minutes to submit
        Question=SURVEY,
    )["HIT"]["HITId"]

    move(server, "add-worker", worker_ids=["A1EXAMPLEWORKER", "A2EXAMPLEWORKER"])
    move(server, "accept-hit", hit_id=hit_id, worker_id="A1EXAMPLEWORKER")
    move(server, "submit-answers", hit_id=hit_id, worker_id="A1EXAMPLEWORKER",
         answers={"mood": "tired & hungry"})  # fmt: skip

    move(server, "accept-hit", hit_id=hit_id, worker_id="A2EXAMPLEWORKER")
    move(server, "advance-time", seconds=601)  # the second worker runs out of time
    late = move(server, "submit-answers", hit_id=hit_id, worker_id="A2EXAMPLEWORKER",
                answers={"mood": "late"})  # fmt: skip
    print("Late answer:", late["error"])
    #> Late answer: MoveNotAllowed

    for assignment in mturk.list_assignments_for_hit(HITId=hit_id)["Assignments"]:
        print(assignment["WorkerId"], task_answers(assignment))
        #> A1EXAMPLEWORKER [{'mood': 'tired & hungry'}]
    return hit_id
# --8<-- [end:scenario]


# --8<-- [start:main]
import argparse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Play MTurk's workers on a local emulator.")
    parser.add_argument("server", nargs="?", default="http://127.0.0.1:5005")
    server = parser.parse_args(argv).server
    mturk = boto3.client("mturk", region_name="us-east-1", endpoint_url=f"{server}/sandbox")
    play_workers(mturk, server)
    return 0
# --8<-- [end:main]


if __name__ == "__main__":
    from guide_tools.errors import friendly_errors

    with friendly_errors("python -m snippets.worker_moves"):
        sys.exit(main())
