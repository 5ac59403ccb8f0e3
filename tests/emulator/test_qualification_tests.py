"""Qualification tests: scored by an answer key as MTurk scored them, or sent to the requester.

The grader (``models/grading.py``) against an independent, plain computation of the
AnswerKey page's rules; the API as a requester sees it after a worker took a test
(``MTurkFake.take_qualification_test``, the move a test suite makes over HTTP and the
worker site's test pages make); the wrong moves, each refused with one sentence.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mturk_emulator import MTurkFake, WorkerCannotAccept, server
from mturk_emulator.exceptions import InvalidAnswer, ParameterValidationError
from mturk_emulator.models.answers import build_answers
from mturk_emulator.models.grading import (
    AnswerKey,
    AnswerOption,
    KeyQuestion,
    Percentage,
    Ranges,
    Scale,
    check_answer_key,
    parse_answer_key,
    selections_of,
)
from mturk_emulator.worker.moves import run_move
from tests.emulator.support import WORKER, mturk_client, parameter_error
from tests.emulator.test_worker import TOKEN, Browser, create_hit, move

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd"
TEST = (
    '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2017-11-06/QuestionForm.xsd"><Overview><Text>Three short questions.</Text></Overview>'
    "<Question><QuestionIdentifier>sum</QuestionIdentifier><QuestionContent><Text>2 + 2?"
    "</Text></QuestionContent><AnswerSpecification><SelectionAnswer><Selections>"
    "<Selection><SelectionIdentifier>3</SelectionIdentifier><Text>Three</Text></Selection>"
    "<Selection><SelectionIdentifier>4</SelectionIdentifier><Text>Four</Text></Selection>"
    "<Selection><SelectionIdentifier>5</SelectionIdentifier><Text>Five</Text></Selection>"
    "</Selections></SelectionAnswer></AnswerSpecification></Question>"
    "<Question><QuestionIdentifier>primes</QuestionIdentifier><QuestionContent><Text>"
    "Which are prime?</Text></QuestionContent><AnswerSpecification><SelectionAnswer>"
    "<MinSelectionCount>0</MinSelectionCount><MaxSelectionCount>3</MaxSelectionCount>"
    "<Selections><Selection><SelectionIdentifier>2</SelectionIdentifier><Text>2</Text>"
    "</Selection><Selection><SelectionIdentifier>3</SelectionIdentifier><Text>3</Text>"
    "</Selection><Selection><SelectionIdentifier>4</SelectionIdentifier><Text>4</Text>"
    "</Selection></Selections></SelectionAnswer></AnswerSpecification></Question>"
    "<Question><QuestionIdentifier>why</QuestionIdentifier><QuestionContent><Text>How did "
    "you work it out?</Text></QuestionContent><AnswerSpecification><FreeTextAnswer/>"
    "</AnswerSpecification></Question></QuestionForm>"
)
KEY = (
    f'<AnswerKey xmlns="{NS}"><Question><QuestionIdentifier>sum</QuestionIdentifier>'
    "<AnswerOption><SelectionIdentifier>4</SelectionIdentifier><AnswerScore>5</AnswerScore>"
    "</AnswerOption></Question><Question><QuestionIdentifier>primes</QuestionIdentifier>"
    "<AnswerOption><SelectionIdentifier>2</SelectionIdentifier><SelectionIdentifier>3"
    "</SelectionIdentifier><AnswerScore>5</AnswerScore></AnswerOption><AnswerOption>"
    "<SelectionIdentifier>2</SelectionIdentifier><AnswerScore>2</AnswerScore></AnswerOption>"
    "<DefaultScore>-1</DefaultScore></Question><QualificationValueMapping><PercentageMapping>"
    "<MaximumSummedScore>10</MaximumSummedScore></PercentageMapping>"
    "</QualificationValueMapping></AnswerKey>"
)
RIGHT = {"sum": "4", "primes": ["2", "3"], "why": "I counted."}


def new_type(client: MTurkClient, name: str = "Arithmetic", **fields: Any) -> str:
    fields.setdefault("Test", TEST)
    fields.setdefault("TestDurationInSeconds", 300)
    created = client.create_qualification_type(
        Name=name, Description="Sums and primes.", QualificationTypeStatus="Active", **fields
    )
    return created["QualificationType"]["QualificationTypeId"]


def score(client: MTurkClient, type_id: str, worker: str = WORKER) -> int:
    held = client.get_qualification_score(QualificationTypeId=type_id, WorkerId=worker)
    return held["Qualification"]["IntegerValue"]


def requests(client: MTurkClient, type_id: str) -> list[dict[str, Any]]:
    found = client.list_qualification_requests(QualificationTypeId=type_id)
    return list(found["QualificationRequests"])


# --- the grader ----------------------------------------------------------------------


def grade(key: str, answers: dict[str, str | list[str]]) -> int:
    return parse_answer_key(ET.fromstring(key)).value(selections_of(build_answers(TEST, answers)))


@pytest.mark.evidence(
    "qualifications.answer-key-options", "qualifications.answer-key-mapping"
)  # fmt: skip
@pytest.mark.parametrize(
    ("answers", "value"),
    [
        (RIGHT, 100),  # 5 + 5 of 10
        ({"sum": "4", "primes": ["2"]}, 70),  # 5 + 2: the option {2} alone
        ({"sum": "3", "primes": ["2", "3", "4"]}, -10),  # 0 + the default -1: no exact match
        ({"why": "No idea."}, -10),  # nothing chosen: no score for sum, -1 for primes
    ],
)
def test_the_key_scores_exact_selections(answers: dict[str, Any], value: int) -> None:
    assert grade(KEY, answers) == value


def ranged(*ranges: tuple[int, int, int], out: int = 0) -> str:
    parts = "".join(
        f"<SummedScoreRange><InclusiveLowerBound>{low}</InclusiveLowerBound>"
        f"<InclusiveUpperBound>{high}</InclusiveUpperBound><QualificationValue>{value}"
        "</QualificationValue></SummedScoreRange>"
        for low, high, value in ranges
    )
    return KEY.replace(
        "<PercentageMapping><MaximumSummedScore>10</MaximumSummedScore></PercentageMapping>",
        f"<RangeMapping>{parts}<OutOfRangeQualificationValue>{out}"
        "</OutOfRangeQualificationValue></RangeMapping>",
    )


@pytest.mark.evidence("qualifications.answer-key-mapping", "qualifications.answer-key-choices")
def test_every_mapping_kind() -> None:
    scaled = KEY.replace(
        "<PercentageMapping><MaximumSummedScore>10</MaximumSummedScore></PercentageMapping>",
        "<ScaleMapping><SummedScoreMultiplier>1.5</SummedScoreMultiplier></ScaleMapping>",
    )
    bare = KEY.replace(
        "<QualificationValueMapping><PercentageMapping><MaximumSummedScore>10"
        "</MaximumSummedScore></PercentageMapping></QualificationValueMapping>",
        "",
    )
    assert grade(bare, RIGHT) == 10  # no mapping: the sum itself
    assert grade(scaled, RIGHT) == 15
    assert grade(scaled, {"sum": "3", "primes": ["4"]}) == -2  # -1.5: a half away from zero
    assert grade(scaled, {"sum": "4", "primes": ["4"]}) == 6  # 4 x 1.5
    # AWS's example ranges: 5-7 gives 5, 8-10 gives 10, anything else 0.
    example = ranged((5, 7, 5), (8, 10, 10), out=0)
    assert [grade(example, a) for a in (RIGHT, {"sum": "4", "primes": ["2"]},
                                        {"sum": "4"}, {})] == [10, 5, 0, 0]  # fmt: skip
    overlapping = ranged((0, 10, 1), (5, 10, 2), out=-3)
    assert (grade(overlapping, RIGHT), grade(overlapping, {})) == (1, -3)  # the first range
    odd = KEY.replace(">10</MaximumSummedScore>", ">8</MaximumSummedScore>")
    assert grade(odd, {"sum": "4", "primes": ["4"]}) == 50  # 4 / 8
    assert grade(odd, {"sum": "3", "primes": ["2"]}) == 25  # 2 / 8
    third = KEY.replace(">10</MaximumSummedScore>", ">3</MaximumSummedScore>")
    assert grade(third, {"sum": "3", "primes": ["2"]}) == 67  # 66.67, to the nearest


# An independent reading of the AnswerKey page: plain fractions, rounding by hand.
def nearest(number: Fraction) -> int:
    whole = int(abs(number) + Fraction(1, 2))
    return whole if number >= 0 else -whole


def expected(key: AnswerKey, chosen: dict[str, frozenset[str]]) -> int:
    total = 0
    for question in key.questions:
        picked = chosen.get(question.identifier, frozenset())
        hits = [option.score for option in question.options if option.selections == picked]
        total += sum(hits) if hits else question.default
    mapping = key.mapping
    if isinstance(mapping, Percentage):
        return nearest(Fraction(total * 100, mapping.maximum))
    if isinstance(mapping, Scale):
        return nearest(total * Fraction(mapping.multiplier))
    if isinstance(mapping, Ranges):
        inside = [value for low, high, value in mapping.ranges if low <= total <= high]
        return inside[0] if inside else mapping.out_of_range
    return total


LETTERS = st.sampled_from("abcd")
SELECTIONS = st.frozensets(LETTERS, min_size=1, max_size=3)
SCORES = st.integers(-20, 20)
OPTIONS = st.lists(st.builds(AnswerOption, SELECTIONS, SCORES), min_size=1, max_size=4)
QUESTIONS = st.lists(
    st.builds(KeyQuestion, st.sampled_from(["q1", "q2", "q3"]), OPTIONS.map(tuple), SCORES),
    max_size=3,
    unique_by=lambda q: q.identifier,
)
MAPPINGS = st.one_of(
    st.none(),
    st.builds(Percentage, st.integers(-50, 50).filter(bool)),
    st.builds(Scale, st.decimals(-10, 10, places=2, allow_nan=False, allow_infinity=False)),
    st.builds(
        Ranges,
        st.lists(st.tuples(SCORES, SCORES, SCORES), min_size=1, max_size=3).map(tuple),
        SCORES,
    ),
)
CHOSEN = st.dictionaries(st.sampled_from(["q1", "q2", "q3", "q4"]), st.frozensets(LETTERS))


def key_xml(key: AnswerKey) -> str:
    questions = "".join(
        f"<Question><QuestionIdentifier>{q.identifier}</QuestionIdentifier>"
        + "".join(
            "<AnswerOption>"
            + "".join(f"<SelectionIdentifier>{s}</SelectionIdentifier>" for s in o.selections)
            + f"<AnswerScore>{o.score}</AnswerScore></AnswerOption>"
            for o in q.options
        )
        + f"<DefaultScore>{q.default}</DefaultScore></Question>"
        for q in key.questions
    )
    mapping = key.mapping
    if isinstance(mapping, Percentage):
        body = f"<PercentageMapping><MaximumSummedScore>{mapping.maximum}</MaximumSummedScore>"
        body += "</PercentageMapping>"
    elif isinstance(mapping, Scale):
        body = f"<ScaleMapping><SummedScoreMultiplier>{mapping.multiplier}"
        body += "</SummedScoreMultiplier></ScaleMapping>"
    elif isinstance(mapping, Ranges):
        body = "<RangeMapping>" + "".join(
            f"<SummedScoreRange><InclusiveLowerBound>{low}</InclusiveLowerBound>"
            f"<InclusiveUpperBound>{high}</InclusiveUpperBound>"
            f"<QualificationValue>{value}</QualificationValue></SummedScoreRange>"
            for low, high, value in mapping.ranges
        )
        body += f"<OutOfRangeQualificationValue>{mapping.out_of_range}"
        body += "</OutOfRangeQualificationValue></RangeMapping>"
    else:
        return f'<AnswerKey xmlns="{NS}">{questions}</AnswerKey>'
    return f'<AnswerKey xmlns="{NS}">{questions}<QualificationValueMapping>{body}' + (
        "</QualificationValueMapping></AnswerKey>"
    )


def answers_xml(chosen: dict[str, frozenset[str]]) -> str:
    parts = "".join(
        f"<Answer><QuestionIdentifier>{question}</QuestionIdentifier>"
        + "".join(f"<SelectionIdentifier>{s}</SelectionIdentifier>" for s in sorted(picked))
        + "</Answer>"
        for question, picked in chosen.items()
    )
    return f"<QuestionFormAnswers>{parts}</QuestionFormAnswers>"


@pytest.mark.evidence("qualifications.answer-key-options", "qualifications.answer-key-mapping")
@given(st.builds(AnswerKey, QUESTIONS.map(tuple), MAPPINGS), CHOSEN)
def test_the_grader_agrees_with_a_plain_reading_of_the_page(
    key: AnswerKey, chosen: dict[str, frozenset[str]]
) -> None:
    """Random keys of every mapping kind, read back from their XML, and random answers."""
    parsed = check_answer_key(key_xml(key), TEST)
    assert parsed == key
    assert parsed.value(selections_of(answers_xml(chosen))) == expected(key, chosen)


@pytest.mark.evidence("qualifications.answer-key-schema")
@given(
    st.lists(
        st.sampled_from(
            [
                "<Question>",
                "</Question>",
                "<QuestionIdentifier>q</QuestionIdentifier>",
                "<AnswerOption>",
                "</AnswerOption>",
                "<SelectionIdentifier>a</SelectionIdentifier>",
                "<AnswerScore>1</AnswerScore>",
                "<AnswerScore>x</AnswerScore>",
                "<DefaultScore>2</DefaultScore>",
                "<QualificationValueMapping>",
                "</QualificationValueMapping>",
                "<PercentageMapping>",
                "</PercentageMapping>",
                "<MaximumSummedScore>0</MaximumSummedScore>",
                "<ScaleMapping>",
                "</ScaleMapping>",
                "<SummedScoreMultiplier>1e400</SummedScoreMultiplier>",
                "<RangeMapping>",
                "</RangeMapping>",
                "<SummedScoreRange>",
                "</SummedScoreRange>",
                "<InclusiveLowerBound>99999999999</InclusiveLowerBound>",
                "<Other/>",
                "text",
            ]
        ),
        max_size=12,
    )
)
def test_any_answer_key_is_taken_or_refused_in_one_sentence(pieces: list[str]) -> None:
    """Shuffled pieces of the schema: the key is read, or refused naming AnswerKey."""
    text = f"<AnswerKey>{''.join(pieces)}</AnswerKey>"
    try:
        check_answer_key(text, TEST)
    except ParameterValidationError as refused:
        problem = refused
    else:
        return
    assert problem.parameter == "AnswerKey"
    assert problem.message.count(". ") <= 1, problem.message


BAD_KEYS = {
    "<Key/>": "its root element is Key, not AnswerKey",
    "<AnswerKey><Question><AnswerOption><SelectionIdentifier>a</SelectionIdentifier>"
    "<AnswerScore>1</AnswerScore></AnswerOption></Question></AnswerKey>": (
        "each Question needs exactly one QuestionIdentifier"
    ),
    "<AnswerKey><Question><QuestionIdentifier>q</QuestionIdentifier></Question></AnswerKey>": (
        "the Question 'q' needs at least one AnswerOption"
    ),
    "<AnswerKey><Question><QuestionIdentifier>q</QuestionIdentifier><AnswerOption>"
    "<AnswerScore>1</AnswerScore></AnswerOption></Question></AnswerKey>": (
        "each AnswerOption needs at least one SelectionIdentifier"
    ),
    "<AnswerKey><Question><QuestionIdentifier>q</QuestionIdentifier><AnswerOption>"
    "<SelectionIdentifier>a</SelectionIdentifier><AnswerScore>ten</AnswerScore>"
    "</AnswerOption></Question></AnswerKey>": "AnswerScore must be a whole number, not 'ten'",
    "<AnswerKey><Question><QuestionIdentifier>q</QuestionIdentifier><AnswerOption>"
    "<SelectionIdentifier>a</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption>"
    "<DefaultScore>1</DefaultScore><DefaultScore>2</DefaultScore></Question></AnswerKey>": (
        "the Question 'q' has more than one DefaultScore"
    ),
    "<AnswerKey><Hint/></AnswerKey>": (
        "AnswerKey cannot hold a Hint element (it holds QualificationValueMapping, Question)"
    ),
    "<AnswerKey><QualificationValueMapping/><QualificationValueMapping/></AnswerKey>": (
        "an AnswerKey has at most one QualificationValueMapping"
    ),
    "<AnswerKey><QualificationValueMapping/></AnswerKey>": (
        "QualificationValueMapping holds exactly one of PercentageMapping, ScaleMapping and "
        "RangeMapping"
    ),
    "<AnswerKey><QualificationValueMapping><PercentageMapping><MaximumSummedScore>0"
    "</MaximumSummedScore></PercentageMapping></QualificationValueMapping></AnswerKey>": (
        "MaximumSummedScore cannot be 0: a percentage divides by it"
    ),
    "<AnswerKey><QualificationValueMapping><ScaleMapping><SummedScoreMultiplier>x"
    "</SummedScoreMultiplier></ScaleMapping></QualificationValueMapping></AnswerKey>": (
        "SummedScoreMultiplier must be a decimal number, not 'x'"
    ),
    "<AnswerKey><QualificationValueMapping><RangeMapping><OutOfRangeQualificationValue>0"
    "</OutOfRangeQualificationValue></RangeMapping></QualificationValueMapping></AnswerKey>": (
        "a RangeMapping needs at least one SummedScoreRange"
    ),
}


@pytest.mark.evidence("qualifications.answer-key-schema", "qualifications.answer-key-choices")
@pytest.mark.parametrize(("key", "problem"), BAD_KEYS.items(), ids=range(len(BAD_KEYS)))
def test_a_key_off_the_schema_is_refused(
    mturk_sandbox: MTurkClient, key: str, problem: str
) -> None:
    message, parameter = parameter_error(
        mturk_sandbox, lambda: new_type(mturk_sandbox, AnswerKey=key)
    )
    assert (message, parameter) == (
        f"The value of AnswerKey is not valid: {problem}.",
        "AnswerKey",
    )
    assert (
        mturk_sandbox.list_qualification_types(MustBeRequestable=True, MustBeOwnedByCaller=True)[
            "NumResults"
        ]
        == 0
    )


@pytest.mark.evidence("qualifications.answer-key-needs-test")
def test_a_key_needs_a_test(mturk_sandbox: MTurkClient) -> None:
    message, parameter = parameter_error(
        mturk_sandbox,
        lambda: mturk_sandbox.create_qualification_type(
            Name="Keyed", Description="d", QualificationTypeStatus="Active", AnswerKey=KEY
        ),
    )
    assert (message, parameter) == (
        "An AnswerKey needs a Test: give the test's QuestionForm as Test.",
        "AnswerKey",
    )
    assert check_answer_key(KEY, TEST).mapping == Percentage(10)
    assert check_answer_key(ranged((1, 2, 3)), TEST).mapping == Ranges(((1, 2, 3),), 0)


# --- the API, after a worker took a test -------------------------------------------------


@pytest.mark.evidence(
    "qualifications.answer-key-scored-at-once", "qualifications.test-needs-answers"
)
def test_a_keyed_test_is_scored_and_granted_at_once(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    type_id = new_type(mturk_sandbox, AnswerKey=KEY)
    assert mturk_fake.take_qualification_test(type_id, WORKER, RIGHT) == {
        "request_id": "",
        "value": 100,
    }
    assert score(mturk_sandbox, type_id) == 100
    assert requests(mturk_sandbox, type_id) == []
    # The same, sent as a QuestionFormAnswers document by another worker.
    answer = build_answers(TEST, {"sum": "4", "primes": ["2"]})
    assert mturk_fake.request_qualification(type_id, "A2OTHER", answer) == ""
    assert score(mturk_sandbox, type_id, "A2OTHER") == 70
    with pytest.raises(WorkerCannotAccept, match=r"^Arithmetic has a qualification test: send"):
        mturk_fake.request_qualification(type_id, "A3THIRD")
    with pytest.raises(
        InvalidAnswer, match=r"^The test's QuestionForm has no field named 'colour'"
    ):
        mturk_fake.take_qualification_test(type_id, "A3THIRD", {"colour": "red"})
    with pytest.raises(InvalidAnswer, match="not a QuestionFormAnswers document"):
        mturk_fake.request_qualification(type_id, "A3THIRD", "<Answers/>")


@pytest.mark.evidence("qualifications.request-keeps-test", "qualifications.requests")
def test_without_a_key_the_answers_go_to_the_requester(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    type_id = new_type(mturk_sandbox)
    typed = {"sum": "5", "primes": ["2", "3"], "why": "Fünf, & <so> on."}
    outcome = mturk_fake.take_qualification_test(type_id, WORKER, typed)
    assert outcome["value"] is None
    [request] = requests(mturk_sandbox, type_id)
    assert request["QualificationRequestId"] == outcome["request_id"]
    assert request["Answer"] == build_answers(TEST, typed)
    assert "<FreeText>F&#252;nf, &amp; &lt;so&gt; on.</FreeText>" in request["Answer"]
    assert request["Test"] == TEST
    # The test as the worker saw it, even after the requester changed it.
    mturk_sandbox.update_qualification_type(
        QualificationTypeId=type_id,
        Test=TEST.replace("2 + 2?", "3 + 3?"),
        TestDurationInSeconds=60,
    )
    assert requests(mturk_sandbox, type_id)[0]["Test"] == TEST
    mturk_sandbox.accept_qualification_request(
        QualificationRequestId=outcome["request_id"], IntegerValue=80
    )
    assert score(mturk_sandbox, type_id) == 80


@pytest.mark.evidence("answers.not-xml-characters")
def test_characters_xml_cannot_hold_are_replaced(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    type_id = new_type(mturk_sandbox)
    mturk_fake.take_qualification_test(type_id, WORKER, {"why": "a\x08b\x00c\td"})
    [request] = requests(mturk_sandbox, type_id)
    assert "<FreeText>a&#65533;b&#65533;c\td</FreeText>" in request["Answer"]
    assert ET.fromstring(request["Answer"]).findtext(".//{*}FreeText") == "a\ufffdb\ufffdc\td"


@pytest.mark.evidence("qualifications.update-test-drops-key")
def test_a_new_test_without_a_key_is_decided_by_the_requester(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    type_id = new_type(mturk_sandbox, AnswerKey=KEY)
    mturk_sandbox.update_qualification_type(QualificationTypeId=type_id, Description="New.")
    kept = mturk_sandbox.get_qualification_type(QualificationTypeId=type_id)["QualificationType"]
    assert kept["AnswerKey"] == KEY  # no Test given: the key stays
    mturk_sandbox.update_qualification_type(
        QualificationTypeId=type_id, Test=TEST, TestDurationInSeconds=120
    )
    kind = mturk_sandbox.get_qualification_type(QualificationTypeId=type_id)["QualificationType"]
    assert ("AnswerKey" in kind, kind["TestDurationInSeconds"]) == (False, 120)
    assert mturk_fake.take_qualification_test(type_id, WORKER, RIGHT)["value"] is None
    assert len(requests(mturk_sandbox, type_id)) == 1


@pytest.mark.evidence("qualifications.test-duration", "qualifications.test-late-answers")
def test_answers_after_the_time_are_refused(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    type_id = new_type(mturk_sandbox, AnswerKey=KEY, RetryDelayInSeconds=600)
    opened = mturk_fake.start_qualification_test(type_id, WORKER)
    assert opened["test"] == TEST
    mturk_fake.advance_time(200)
    assert mturk_fake.start_qualification_test(type_id, WORKER) == opened  # the same test
    mturk_fake.advance_time(101)  # 301 seconds of 300
    with pytest.raises(WorkerCannotAccept) as late:
        mturk_fake.take_qualification_test(type_id, WORKER, RIGHT)
    assert str(late.value).startswith("The time for the Arithmetic test ran out at ")
    assert str(late.value).endswith(
        " UTC (300 seconds from its start): the answers were not sent."
    )
    assert requests(mturk_sandbox, type_id) == []
    market = mturk_fake.marketplace(sandbox=True)
    assert (type_id, WORKER) not in market.qualifications
    # The attempt was a request: the retry delay runs from when the test was opened.
    with pytest.raises(WorkerCannotAccept, match=r"^You can ask for Arithmetic again from "):
        mturk_fake.start_qualification_test(type_id, WORKER)
    mturk_fake.advance_time(300)
    assert mturk_fake.take_qualification_test(type_id, WORKER, RIGHT)["value"] == 100
    # A test left open too long is closed when the worker comes back.
    other = new_type(mturk_sandbox, "Other", AnswerKey=KEY)
    mturk_fake.start_qualification_test(other, WORKER)
    mturk_fake.advance_time(301)
    assert market.open_test(other, WORKER) is None
    with pytest.raises(WorkerCannotAccept, match=r"^You have already asked for Other: its"):
        mturk_fake.start_qualification_test(other, WORKER)


@pytest.mark.evidence("qualifications.retry-delay", "qualifications.one-request-waiting")
def test_retakes_wait_for_the_retry_delay(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    once = new_type(mturk_sandbox, "Once", AnswerKey=KEY)
    assert mturk_fake.take_qualification_test(once, WORKER, RIGHT)["value"] == 100
    with pytest.raises(WorkerCannotAccept) as again:
        mturk_fake.take_qualification_test(once, WORKER, RIGHT)
    assert str(again.value) == (
        "You have already asked for Once and hold it with the score 100: its owner allows one "
        "request only (no RetryDelayInSeconds)."
    )
    retry = new_type(mturk_sandbox, "Retry", AnswerKey=KEY, RetryDelayInSeconds=3600)
    assert mturk_fake.take_qualification_test(retry, WORKER, {"sum": "3"})["value"] == -10
    with pytest.raises(WorkerCannotAccept, match=r"again from .* UTC: its owner set a retry "
                       r"delay of 3600 seconds\.$"):  # fmt: skip
        mturk_fake.take_qualification_test(retry, WORKER, RIGHT)
    mturk_fake.advance_time(3600)
    assert mturk_fake.take_qualification_test(retry, WORKER, RIGHT)["value"] == 100
    assert score(mturk_sandbox, retry) == 100  # the retake's score replaces the first
    # Without a test: one request, and none while one waits.
    plain = mturk_sandbox.create_qualification_type(
        Name="Plain", Description="d", QualificationTypeStatus="Active", RetryDelayInSeconds=0
    )["QualificationType"]["QualificationTypeId"]
    request_id = mturk_fake.request_qualification(plain, WORKER)
    with pytest.raises(WorkerCannotAccept, match=r"^Your request for Plain is waiting for the"):
        mturk_fake.request_qualification(plain, WORKER)
    mturk_sandbox.reject_qualification_request(QualificationRequestId=request_id)
    assert mturk_fake.request_qualification(plain, WORKER)  # a delay of 0: again at once
    single = mturk_sandbox.create_qualification_type(
        Name="Single", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    mturk_sandbox.reject_qualification_request(
        QualificationRequestId=mturk_fake.request_qualification(single, WORKER)
    )
    with pytest.raises(WorkerCannotAccept, match=r"^You have already asked for Single: its"):
        mturk_fake.request_qualification(single, WORKER)


def test_a_test_needs_a_type_with_one(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    plain = mturk_sandbox.create_qualification_type(
        Name="Plain", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    for call in (
        lambda: mturk_fake.start_qualification_test(plain, WORKER),
        lambda: mturk_fake.take_qualification_test(plain, WORKER, {}),
    ):
        with pytest.raises(WorkerCannotAccept, match=r"^Plain has no qualification test: ask"):
            call()
    with pytest.raises(WorkerCannotAccept, match=r"^There is no qualification type 3NO\.$"):
        mturk_fake.take_qualification_test("3NO", WORKER, {})
    production = new_type(mturk_client(sandbox=False), "Elsewhere", AnswerKey=KEY)
    assert mturk_fake.take_qualification_test(production, "A9PROD", RIGHT)["value"] == 100


@pytest.mark.evidence("worker.qualification-test-moves")
def test_the_moves_take_a_test(mturk_sandbox: MTurkClient, mturk_fake: MTurkFake) -> None:
    keyed, plain = new_type(mturk_sandbox, AnswerKey=KEY), new_type(mturk_sandbox, "Plain")
    body: dict[str, Any] = {"qualification_type_id": keyed, "worker_id": WORKER}
    status, opened = run_move("start-qualification-test", json.dumps(body).encode())
    assert (status, opened["test"]) == (200, TEST)
    body["answers"] = RIGHT
    assert run_move("take-qualification-test", json.dumps(body).encode()) == (
        200,
        {"request_id": "", "value": 100},
    )
    status, refused = run_move("take-qualification-test", json.dumps(body).encode())
    assert (status, refused["error"]) == (409, "MoveNotAllowed")
    body = {"qualification_type_id": plain, "worker_id": WORKER, "answers": {"why": "Because."}}
    status, filed = run_move("take-qualification-test", json.dumps(body).encode())
    assert (status, filed["value"]) == (200, None)
    [request] = requests(mturk_sandbox, plain)
    assert request["QualificationRequestId"] == filed["request_id"]
    body["answers"] = {"why": 3}
    status, wrong = run_move("take-qualification-test", json.dumps(body).encode())
    assert (status, wrong["message"]) == (
        400,
        "'answers' must be an object of field names to a string or a list of strings.",
    )


TYPED = st.dictionaries(
    st.sampled_from(["sum", "primes", "why", "colour"]),
    st.one_of(st.text(max_size=20), st.lists(st.text(max_size=5), max_size=4)),
)


@pytest.mark.evidence("answers.fields-of-the-form")
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=TYPED)
def test_any_answers_are_scored_or_refused_in_one_sentence(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake, typed: dict[str, Any]
) -> None:
    """Whatever a form sends: a score the key computes from its selections, or one
    sentence naming the field or option the test does not have."""
    market = mturk_fake.marketplace(sandbox=True)
    type_id = next((k.id for k in market.qualification_types.values()), "")
    if not type_id:
        type_id = new_type(mturk_sandbox, AnswerKey=KEY, RetryDelayInSeconds=0)
    try:
        outcome = mturk_fake.take_qualification_test(type_id, WORKER, typed)
    except InvalidAnswer as refused:
        problem = str(refused)
    else:
        assert outcome["value"] == grade(KEY, typed)
        assert score(mturk_sandbox, type_id) == outcome["value"]
        return
    unknown = (
        next(name for name in typed if name not in {"sum", "primes", "why"})
        if ("colour" in typed)
        else None
    )
    if unknown:
        assert problem == "The test's QuestionForm has no field named 'colour'."
    else:
        assert problem.startswith(("The question 'sum' has no option ",
                                   "The question 'primes' has no option "))  # fmt: skip


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8),
       st.sampled_from(["take-qualification-test", "start-qualification-test"]))  # fmt: skip
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_json_gets_a_json_answer(aws: MTurkFake, body: Any, name: str) -> None:
    """Any JSON body sent to the two moves: an answer or one JSON error, never a crash."""
    status, reply = run_move(name, json.dumps(body).encode())
    assert status in {200, 400, 409}
    if status != 200:
        assert set(reply) == {"error", "message"}


# --- the worker site ------------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[server.MTurkServer]:
    with server.serving(port=0, control_token=TOKEN) as running:
        yield running


@pytest.mark.evidence(
    "worker.qualification-test-form", "worker.qualification-test-result",
    "qualifications.answer-key-scored-at-once", "worker.qualifications-tab",
)  # fmt: skip
def test_the_site_takes_a_keyed_test(served: server.MTurkServer) -> None:
    requester = mturk_client(endpoint_url=f"{served.url}/sandbox")
    type_id = new_type(requester, AnswerKey=KEY)
    hit_id = create_hit(served.url, TEST, Title="Needs arithmetic", QualificationRequirements=[{
                            "QualificationTypeId": type_id, "Comparator": "GreaterThan",
                            "IntegerValues": [50]}])  # fmt: skip
    browser = Browser(served.url)
    assert browser.go("POST", f"/qualification/{type_id}/test")[0] == 403
    tab = browser.go("GET", "/qualifications")[1]
    assert (
        f'<li><a href="/sandbox/worker/qualification/{type_id}">Arithmetic</a>: Sums and '
        "primes. (a test, scored at once; sign in to see whether you hold it)</li>"
    ) in tab
    assert (
        "No qualification can be asked for here yet."
        in Browser(served.url, market="production").go("GET", "/qualifications")[1]
    )
    status, about = browser.go("GET", f"/qualification/{type_id}")
    assert status == 200
    assert "Sign in</a> to ask for it." in about
    browser.sign_in()
    listed = browser.go("GET", "/")[1]
    assert f'action="/sandbox/worker/qualification/{type_id}/test"' in listed
    assert "<button>Take the test for Arithmetic</button>" in listed
    status, missing = browser.go("GET", f"/qualification/{type_id}/test")
    assert status == 409
    assert "Your Arithmetic test is not open" in missing
    assert browser.go("POST", f"/qualification/{type_id}/test")[0] == 303
    status, page = browser.go("GET", f"/qualification/{type_id}/test")
    assert status == 200
    assert "Send your answers by" in page
    assert "5 minutes" in page
    assert '<input type="radio" name="sum" value="4">' in page
    assert '<input type="checkbox" name="primes" value="3">' in page
    status, result = browser.go("POST", f"/qualification/{type_id}/answers", RIGHT)
    assert status == 200
    assert "Your score: 100. You now hold Arithmetic with that score." in result
    assert f'href="/sandbox/worker/hit/{hit_id}">Needs arithmetic</a>: you can accept it' in result
    assert browser.go("POST", f"/hit/{hit_id}/accept")[0] == 303
    about = browser.go("GET", f"/qualification/{type_id}")[1]
    assert "You hold it with the score 100." in about
    assert "One request only." in about
    status, again = browser.go("POST", f"/qualification/{type_id}/test")
    assert status == 409
    assert "You have already asked for Arithmetic and hold it" in again
    assert score(requester, type_id) == 100


@pytest.mark.evidence("qualifications.request-keeps-test", "qualifications.test-late-answers")
def test_the_site_sends_an_unkeyed_test_to_the_requester(served: server.MTurkServer) -> None:
    requester = mturk_client(endpoint_url=f"{served.url}/sandbox")
    type_id = new_type(requester, RetryDelayInSeconds=90, TestDurationInSeconds=61)
    browser = Browser(served.url)
    browser.sign_in()
    about = browser.go("GET", f"/qualification/{type_id}")[1]
    assert "1 minute 1 seconds to answer, checked by the requester." in about
    assert "Again after 1 minute 30 seconds." in about
    browser.go("POST", f"/qualification/{type_id}/test")
    typed = {"sum": "3", "primes": ["4"], "why": "Guessed <quickly>."}
    status, result = browser.go("POST", f"/qualification/{type_id}/answers", typed)
    assert status == 200
    assert "Your answers were sent to the requester" in result
    assert (
        "Your request is waiting for the requester."
        in browser.go("GET", f"/qualification/{type_id}")[1]
    )
    [request] = requests(requester, type_id)
    assert request["Answer"] == build_answers(TEST, typed)
    requester.reject_qualification_request(
        QualificationRequestId=request["QualificationRequestId"]
    )
    status, _ = move(served.url, "advance-time", {"seconds": 90})
    assert status == 200
    browser.go("POST", f"/qualification/{type_id}/test")
    move(served.url, "advance-time", {"seconds": 62})
    status, late = browser.go("POST", f"/qualification/{type_id}/answers", typed)
    assert status == 409
    assert "test ran out at" in late
    status, soon = browser.go("POST", f"/qualification/{type_id}/answers", typed)
    assert status == 409
    assert "You can ask for Arithmetic again from" in soon
    assert requests(requester, type_id) == []
    assert browser.go("GET", "/qualification/3NOTYPE")[0] == 404
    requester.update_qualification_type(
        QualificationTypeId=type_id, QualificationTypeStatus="Inactive"
    )
    assert browser.go("GET", f"/qualification/{type_id}")[0] == 404
    assert browser.go("PUT", f"/qualification/{type_id}")[0] == 404
    plain = requester.create_qualification_type(
        Name="Plain", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    about = browser.go("GET", f"/qualification/{plain}")[1]
    assert "<dd>No.</dd>" in about
    assert f"qualification/{plain}/request" in about
    assert browser.go("POST", f"/qualification/{plain}/test")[0] == 409
    second = new_type(requester, "Second")
    browser.go("POST", f"/qualification/{second}/test")
    status, wrong = browser.go("POST", f"/qualification/{second}/answers", {"colour": "red"})
    assert status == 409
    assert "The test&#x27;s QuestionForm has no field named" in wrong
    requester.delete_qualification_type(QualificationTypeId=second)
    assert browser.go("GET", f"/qualification/{second}/test")[0] == 404
