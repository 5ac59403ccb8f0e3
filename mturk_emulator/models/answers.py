"""A worker's answers as MTurk recorded them: a QuestionFormAnswers document.

Its layout depends on the HIT's question (AWS Requester guide, "Retrieving
results", https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/RetrievingResults.html):

* an ``HTMLQuestion`` whose page uses ``<crowd-form>``: ONE answer named
  ``taskAnswers``, whose FreeText is a JSON array holding one object with every
  field (ledger ``answers.crowd-form-task-answers``), each shaped as its crowd
  element shaped it (``crowd_answers``);
* a plain HTML ``<form>`` or an ``ExternalQuestion``: one answer per form field
  (``answers.plain-form-one-per-field``);
* a ``QuestionForm``: one answer per question, a ``SelectionIdentifier`` per
  option chosen (``answers.question-form-one-per-question``).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from xml.sax.saxutils import escape

from ..exceptions import InvalidAnswer
from .crowd_answers import Element, task_answers
from .questions import local_name

NAMESPACE = (
    "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/"
    "QuestionFormAnswers.xsd"
)
# The children an Answer may have (QuestionFormAnswers data structure; AWS's SDK fixtures).
ANSWER_PARTS = {
    "FreeText",
    "SelectionIdentifier",
    "OtherSelectionText",
    "UploadedFileSizeInBytes",
    "UploadedFileKey",
}

Answers = Mapping[str, str | Sequence[str]]


class _FormFields(HTMLParser):
    """The names of a web page's form fields, and whether it uses ``<crowd-form>``."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: dict[str, list[Element]] = {}  # what a crowd-form's answer is shaped by
        self.crowd_form = False

    @property
    def names(self) -> list[str]:
        return list(self.elements)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "crowd-form":
            self.crowd_form = True
        name = dict(attrs).get("name")
        if name and tag not in {"form", "crowd-form", "crowd-radio-group"}:
            self.elements.setdefault(name, []).append((tag, dict(attrs)))


NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, even as references (ledger ``answers.not-xml-characters``)."""


def _xml_text(value: str) -> str:
    # The documents are declared ASCII: other characters become references.
    text = NOT_IN_XML.sub("\ufffd", value)
    return escape(text).encode("ascii", "xmlcharrefreplace").decode()


def _document(answers: list[tuple[str, list[tuple[str, str]]]]) -> str:
    parts = [f'<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="{NAMESPACE}">']
    for question, children in answers:
        parts.append(f"<Answer><QuestionIdentifier>{_xml_text(question)}</QuestionIdentifier>")
        parts += [f"<{tag}>{_xml_text(text)}</{tag}>" for tag, text in children]
        parts.append("</Answer>")
    parts.append("</QuestionFormAnswers>")
    return "".join(parts)


def _values(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _check_names(given: Answers, known: Sequence[str], what: str) -> None:
    unknown = [name for name in given if name not in known]
    if unknown:
        raise InvalidAnswer(f"The {what} has no field named {unknown[0]!r}.")


def _question_form(root: ET.Element, given: Answers, owner: str) -> str:
    questions: dict[str, set[str] | None] = {}
    for question in root.iter():
        if local_name(question) != "Question":
            continue
        identifier = next(
            (c.text or "" for c in question if local_name(c) == "QuestionIdentifier"), ""
        )
        selections = {
            e.text or "" for e in question.iter() if local_name(e) == "SelectionIdentifier"
        }
        free_text = not any(local_name(e) == "SelectionAnswer" for e in question.iter())
        questions[identifier] = None if free_text else selections
    _check_names(given, list(questions), f"{owner}'s QuestionForm")
    answers = []
    for name, value in given.items():
        allowed = questions[name]
        if allowed is None:
            answers.append((name, [("FreeText", "|".join(_values(value)))]))
            continue
        wrong = [v for v in _values(value) if v not in allowed]
        if wrong:
            raise InvalidAnswer(f"The question {name!r} has no option {wrong[0]!r}.")
        answers.append((name, [("SelectionIdentifier", v) for v in _values(value)]))
    return _document(answers)


def build_answers(question: str | None, given: Answers, owner: str = "HIT") -> str:
    """The QuestionFormAnswers document MTurk made of a worker's answers to ``question``.

    ``question`` is the HIT's Question XML (``None`` for a HIT made from a layout,
    whose fields the emulator cannot know: it is answered like a plain form), or a
    qualification test's QuestionForm (``owner`` "test", for the refusal's wording).
    """
    if question is None:
        return _plain(given)
    root = ET.fromstring(question)  # noqa: S314 -- checked when the HIT was created
    kind = local_name(root)
    if kind == "QuestionForm":
        return _question_form(root, given, owner)
    if kind == "ExternalQuestion":
        return _plain(given)
    html = next(child.text or "" for child in root if local_name(child) == "HTMLContent")
    fields = _FormFields()
    fields.feed(html)
    _check_names(given, fields.names, "HIT's form")
    if fields.crowd_form:
        task = json.dumps([task_answers(fields.elements, given)], sort_keys=True)
        return _document([("taskAnswers", [("FreeText", task)])])
    return _plain(given)


def _plain(given: Answers) -> str:
    # Several values for one field (checkboxes): no AWS page says; MTurkR reports
    # MTurk joined them with "|" (ledger ``answers.checkbox-values-joined``).
    return _document([(name, [("FreeText", "|".join(_values(v)))]) for name, v in given.items()])


def check_answer_xml(text: str) -> None:
    """Refuse what is not a QuestionFormAnswers document (ledger ``answers.raw-xml-shape``)."""
    try:
        root = ET.fromstring(text)  # noqa: S314 -- a test's own input, in memory
    except ET.ParseError as error:
        raise InvalidAnswer(f"The answer is not a QuestionFormAnswers document: {error}") from None
    namespace = root.tag.partition("}")[0].lstrip("{") if root.tag.startswith("{") else None
    problem = None
    if local_name(root) != "QuestionFormAnswers" or namespace not in (None, NAMESPACE):
        problem = f"its root element is {root.tag}"
    for answer in root:
        parts = [local_name(child) for child in answer]
        if local_name(answer) != "Answer":
            problem = f"it holds a {local_name(answer)} element"
        elif parts[:1] != ["QuestionIdentifier"] or not set(parts[1:]) <= ANSWER_PARTS:
            problem = f"an Answer holds {parts}"
    if problem:
        raise InvalidAnswer(f"The answer is not a QuestionFormAnswers document: {problem}.")
