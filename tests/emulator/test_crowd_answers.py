"""The shapes crowd HTML elements gave a crowd-form's one ``taskAnswers`` answer.

Each element's Output section in AWS's "Crowd HTML Elements Reference"
(https://docs.aws.amazon.com/sagemaker/latest/dg/sms-ui-template-reference.html):
a check box, a toggle button and a radio button give ``{name: {value: true or
false}}``, a classifier ``{name: {"label": category}}``; a slider (no Output
section) its number. The Python controller (``submit_answers``) and the worker
site's form posts (``test_worker_browser.py``) build them the same way.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mturk_emulator.exceptions import InvalidAnswer
from mturk_emulator.models.answers import build_answers
from tests.emulator.support import WORKER, new_hit

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

    from mturk_emulator import MTurkFake

NS = "{http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd}"


def crowd_form(elements: str) -> str:
    return (
        '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/'
        'AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA['
        f"<crowd-form>{elements}</crowd-form>]]></HTMLContent>"
        "<FrameHeight>0</FrameHeight></HTMLQuestion>"
    )


# AWS's own examples, from the checkbox, radio button and toggle button pages.
CHECKBOXES = crowd_form(
    '<crowd-checkbox name="image_attributes" value="blurry"> Blurry </crowd-checkbox>'
    '<crowd-checkbox name="image_attributes" value="dim"> Too Dim </crowd-checkbox>'
    '<crowd-checkbox name="image_attributes" value="exposed"> Too Bright </crowd-checkbox>'
    '<crowd-checkbox name="Stop" value="Red"> Red </crowd-checkbox>'
    '<crowd-checkbox name="Slow" value="Yellow"> Yellow </crowd-checkbox>'
    '<crowd-checkbox name="Go" value="Green"> Green </crowd-checkbox>'
)
RADIO_AND_TOGGLE = crowd_form(
    '<crowd-radio-group name="ignored"><crowd-radio-button name="btn1" value="yes">Yes'
    '</crowd-radio-button><crowd-radio-button name="btn2" value="no">No</crowd-radio-button>'
    '</crowd-radio-group><crowd-toggle-button name="theToggler"></crowd-toggle-button>'
)
SLIDER_AND_CLASSIFIER = crowd_form(
    '<crowd-slider name="howMuch" min="1" max="10"></crowd-slider>'
    '<crowd-classifier name="category" categories="[&quot;news&quot;, &quot;other&quot;]">'
    '</crowd-classifier><crowd-classifier name="free" categories="{{ labels }}">'
    '</crowd-classifier><crowd-classifier name="odd" categories="{&quot;a&quot;: 1}">'
    "</crowd-classifier>"
)


def task(question: str, answers: dict[str, str | list[str]]) -> tuple[str, object]:
    root = ET.fromstring(build_answers(question, answers))
    [answer] = root.findall(f"{NS}Answer")
    assert answer.findtext(f"{NS}QuestionIdentifier") == "taskAnswers"
    text = answer.findtext(f"{NS}FreeText") or ""
    return text, json.loads(text)


@pytest.mark.evidence("answers.crowd-checkbox", "answers.crowd-members-sorted")
def test_check_boxes_as_aws_printed_them() -> None:
    text, found = task(CHECKBOXES, {"image_attributes": ["blurry", "dim"], "Stop": "Red"})
    assert found == [{
        "Go": {"Green": False},
        "Slow": {"Yellow": False},
        "Stop": {"Red": True},
        "image_attributes": {"blurry": True, "dim": True, "exposed": False},
    }]  # fmt: skip
    assert text.startswith('[{"Go": {"Green": false}, "Slow"')  # sorted, as AWS printed it


@pytest.mark.evidence("answers.crowd-radio-button", "answers.crowd-toggle-button")
def test_radio_buttons_and_a_toggle_as_aws_printed_them() -> None:
    _, found = task(RADIO_AND_TOGGLE, {"btn1": "yes", "theToggler": "on"})
    assert found == [{"btn1": {"yes": True}, "btn2": {"no": False}, "theToggler": {"on": True}}]


@pytest.mark.evidence("answers.crowd-slider", "answers.crowd-classifier")
def test_a_slider_and_classifiers() -> None:
    _, found = task(
        SLIDER_AND_CLASSIFIER,
        {"howMuch": "7", "category": ["news"], "free": "anything", "odd": "b"},
    )
    assert found == [{
        "howMuch": 7, "category": {"label": "news"}, "free": {"label": "anything"},
        "odd": {"label": "b"},
    }]  # fmt: skip
    assert task(SLIDER_AND_CLASSIFIER, {"howMuch": "2.5"})[1] == [{"howMuch": 2.5}]


@pytest.mark.parametrize(
    ("question", "answers", "sentence"),
    [
        (CHECKBOXES, {"Stop": "Green"},
         "The crowd-checkbox 'Stop' has no value 'Green': use 'Red'."),
        (RADIO_AND_TOGGLE, {"theToggler": ["on", "off"]},
         "The crowd-toggle-button 'theToggler' has no value 'off': use 'on'."),
        (SLIDER_AND_CLASSIFIER, {"howMuch": "lots"},
         "The crowd-slider 'howMuch' takes a number, not 'lots'."),
        (SLIDER_AND_CLASSIFIER, {"howMuch": "inf"},
         "The crowd-slider 'howMuch' takes a number, not 'inf'."),
        (SLIDER_AND_CLASSIFIER, {"howMuch": ["1", "2"]},
         "The crowd-slider 'howMuch' takes one value, not 2."),
        (SLIDER_AND_CLASSIFIER, {"category": "sports"},
         "The crowd-classifier 'category' has no category 'sports': use 'news', 'other'."),
        (RADIO_AND_TOGGLE, {"ignored": "yes"}, "The HIT's form has no field named 'ignored'."),
    ],
)  # fmt: skip
def test_answers_an_element_could_not_give_are_refused(
    question: str, answers: dict[str, str | list[str]], sentence: str
) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        build_answers(question, answers)
    assert str(refused.value) == sentence


@given(st.text())
def test_a_slider_takes_only_a_finite_number(text: str) -> None:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if math.isfinite(number):
        [found] = task(SLIDER_AND_CLASSIFIER, {"howMuch": text})[1]  # type: ignore[misc]
        assert found["howMuch"] == number
    else:
        with pytest.raises(InvalidAnswer) as refused:
            build_answers(SLIDER_AND_CLASSIFIER, {"howMuch": text})
        assert str(refused.value) == f"The crowd-slider 'howMuch' takes a number, not {text!r}."


@pytest.mark.evidence("answers.crowd-radio-button", "answers.crowd-toggle-button")
def test_the_python_controller_gives_the_same_shapes(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    hit_id = new_hit(mturk_sandbox, Question=RADIO_AND_TOGGLE)
    assignment_id = mturk_fake.submit_answers(hit_id, WORKER, {"btn2": "no"})
    xml = mturk_sandbox.get_assignment(AssignmentId=assignment_id)["Assignment"]["Answer"]
    text = ET.fromstring(xml).findtext(f"{NS}Answer/{NS}FreeText") or ""
    assert json.loads(text) == [
        {"btn1": {"yes": False}, "btn2": {"no": True}, "theToggler": {"on": False}}
    ]
