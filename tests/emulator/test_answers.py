"""What a worker's answers look like, for each kind of question.

AWS Requester guide, "Retrieving results"
(https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/RetrievingResults.html):
a ``crowd-form`` HIT answers with one ``taskAnswers`` whose FreeText is a JSON
array; a plain HTML form answers one ``Answer`` per field; a QuestionForm one
per question (QuestionFormAnswers data structure page).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from mturk_emulator import MTurkFake
from mturk_emulator.exceptions import InvalidAnswer
from tests.emulator.support import ANSWER, QUESTION, WORKER, new_hit

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

NS = "{http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd}"

PLAIN_FORM = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">'
    "<HTMLContent><![CDATA[<form name='mturk_form' method='post' "
    "action='https://workersandbox.mturk.com/mturk/externalSubmit'>"
    "<input type='hidden' name='assignmentId' value=''>"
    "<textarea name='feedback'></textarea>"
    "<input type='checkbox' name='parts' value='iam'>"
    "<input type='checkbox' name='parts' value='keys'>"
    "<input type='submit'></form>]]></HTMLContent><FrameHeight>400</FrameHeight></HTMLQuestion>"
)
EXTERNAL = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>https://lab.example.org/study</ExternalURL>"
    "<FrameHeight>600</FrameHeight></ExternalQuestion>"
)
QUESTION_FORM = (
    '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd">'
    "<Question><QuestionIdentifier>why</QuestionIdentifier>"
    "<QuestionContent><Text>Why?</Text></QuestionContent>"
    "<AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>"
    "<Question><QuestionIdentifier>colour</QuestionIdentifier>"
    "<QuestionContent><Text>Colours?</Text></QuestionContent>"
    "<AnswerSpecification><SelectionAnswer><Selections>"
    "<Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection>"
    "<Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>Blue</Text></Selection>"
    "</Selections></SelectionAnswer></AnswerSpecification></Question></QuestionForm>"
)


def answer_of(client: MTurkClient, assignment_id: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The Answer elements: (QuestionIdentifier, [(child element, text), ...])."""
    xml = client.get_assignment(AssignmentId=assignment_id)["Assignment"]["Answer"]
    root = ET.fromstring(xml)
    assert root.tag == f"{NS}QuestionFormAnswers"
    found = []
    for answer in root.findall(f"{NS}Answer"):
        question = answer.findtext(f"{NS}QuestionIdentifier", "")
        rest = [
            (child.tag.removeprefix(NS), child.text or "")
            for child in answer
            if child.tag != f"{NS}QuestionIdentifier"
        ]
        found.append((question, rest))
    return found


@pytest.mark.evidence("answers.crowd-form-task-answers")
def test_a_crowd_form_answers_with_one_json_task_answers(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, Question=QUESTION)  # <crowd-form>, field "feedback"
    assignment_id = mturk_fake.submit_answers(hit_id, WORKER, {"feedback": "Fine."})
    ((question, [(kind, text)]),) = answer_of(mturk_sandbox, assignment_id)
    assert (question, kind) == ("taskAnswers", "FreeText")
    assert json.loads(text) == [{"feedback": "Fine."}]


@pytest.mark.evidence("answers.plain-form-one-per-field", "answers.checkbox-values-joined")
def test_a_plain_form_answers_one_answer_per_field(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, Question=PLAIN_FORM)
    assignment_id = mturk_fake.submit_answers(
        hit_id, WORKER, {"feedback": "Fine.", "parts": ["iam", "keys"]}
    )
    assert answer_of(mturk_sandbox, assignment_id) == [
        ("feedback", [("FreeText", "Fine.")]),
        ("parts", [("FreeText", "iam|keys")]),
    ]


@pytest.mark.evidence("answers.plain-form-one-per-field")
def test_an_external_question_answers_one_answer_per_field(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, Question=EXTERNAL)
    assignment_id = mturk_fake.submit_answers(hit_id, WORKER, {"code": "X7", "age": "30"})
    assert answer_of(mturk_sandbox, assignment_id) == [
        ("code", [("FreeText", "X7")]),
        ("age", [("FreeText", "30")]),
    ]


@pytest.mark.evidence("answers.question-form-one-per-question")
def test_a_question_form_answers_per_question_with_selections(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, Question=QUESTION_FORM)
    assignment_id = mturk_fake.submit_answers(
        hit_id, WORKER, {"why": "Because.", "colour": ["red", "blue"]}
    )
    assert answer_of(mturk_sandbox, assignment_id) == [
        ("why", [("FreeText", "Because.")]),
        ("colour", [("SelectionIdentifier", "red"), ("SelectionIdentifier", "blue")]),
    ]


@pytest.mark.evidence("answers.fields-of-the-form")
@pytest.mark.parametrize(
    ("question", "answers"),
    [
        (QUESTION, {"comments": "No such field."}),
        (PLAIN_FORM, {"comments": "No such field."}),
        (QUESTION_FORM, {"colour": ["green"]}),
        (QUESTION_FORM, {"how": "No such question."}),
    ],
)
def test_a_worker_can_only_answer_what_the_form_asks(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake, question: str, answers: dict[str, str]
) -> None:
    hit_id = new_hit(mturk_sandbox, Question=question)
    with pytest.raises(InvalidAnswer):
        mturk_fake.submit_answers(hit_id, WORKER, answers)
    assert mturk_sandbox.get_hit(HITId=hit_id)["HIT"]["NumberOfAssignmentsPending"] == 0


@pytest.mark.evidence("answers.raw-xml-shape")
@pytest.mark.parametrize(
    "answer",
    [
        "<Answers/>",
        f"<QuestionFormAnswers xmlns='{NS[1:-1]}'><Answer><FreeText>x</FreeText></Answer>"
        "</QuestionFormAnswers>",
        f"<QuestionFormAnswers xmlns='{NS[1:-1]}'><Answer><QuestionIdentifier>q"
        "</QuestionIdentifier><Colour>red</Colour></Answer></QuestionFormAnswers>",
        f"<QuestionFormAnswers xmlns='{NS[1:-1]}'><Note/></QuestionFormAnswers>",
    ],
)
def test_raw_answer_xml_must_be_a_question_form_answers_document(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake, answer: str
) -> None:
    hit_id = new_hit(mturk_sandbox)
    with pytest.raises(InvalidAnswer, match="QuestionFormAnswers"):
        mturk_fake.submit_assignment(hit_id, WORKER, answer)
    assert mturk_fake.submit_assignment(hit_id, WORKER, ANSWER)  # the old signature still works


@pytest.mark.evidence("answers.plain-form-one-per-field")
def test_a_hit_made_from_a_layout_is_answered_like_a_plain_form(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    type_id = mturk_sandbox.create_hit_type(
        Title="t", Description="d", Reward="0.10", AssignmentDurationInSeconds=300
    )["HITTypeId"]
    hit_id = mturk_sandbox.create_hit_with_hit_type(
        HITTypeId=type_id,
        LifetimeInSeconds=600,
        HITLayoutId="3LAYOUTEXAMPLE",
        HITLayoutParameters=[{"Name": "image_url", "Value": "https://example.org/1.jpg"}],
    )["HIT"]["HITId"]
    assignment_id = mturk_fake.submit_answers(hit_id, WORKER, {"label": "cat"})
    assert answer_of(mturk_sandbox, assignment_id) == [("label", [("FreeText", "cat")])]
