"""A qualification test scored by its answer key, as MTurk scored it.

AWS, "AnswerKey" data structure (ledger ``qualifications.answer-key-*``):
https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMturkAPI/ApiReference_AnswerKeyDataStructureArticle.html

* each ``Question`` of the key names a ``QuestionIdentifier`` of the test and has
  ``AnswerOption`` elements: one or more ``SelectionIdentifier`` and an
  ``AnswerScore``. "The Worker must select all of the selections specified by the
  SelectionIdentifier elements, and no others, to earn the score"; an
  ``AnswerScore`` may be negative. ``DefaultScore`` (default 0) is added "if none of
  the answer options exactly match the Worker's answer for the question";
* the summed score becomes the qualification's value through an optional
  ``QualificationValueMapping``: none (the sum itself), ``PercentageMapping`` (the
  sum "divided by the maximum, multiplied by 100 and rounded to the nearest
  integer"), ``ScaleMapping`` (the sum "multiplied by the multiplier", a decimal) or
  ``RangeMapping`` (the ``QualificationValue`` of the ``SummedScoreRange`` whose
  inclusive bounds hold the sum, else ``OutOfRangeQualificationValue``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..exceptions import ParameterValidationError
from .questions import check_size, local_name, parse_xml

WHOLE = re.compile(r"^[+-]?[0-9]{1,10}$")
"""An ``xs:int``, as the AnswerKey schema types its scores and values."""


class AnswerKeyProblem(ValueError):
    """What makes an AnswerKey unreadable: one sentence."""


@dataclass(frozen=True)
class AnswerOption:
    selections: frozenset[str]
    score: int


@dataclass(frozen=True)
class KeyQuestion:
    identifier: str
    options: tuple[AnswerOption, ...]
    default: int = 0


@dataclass(frozen=True)
class Percentage:
    maximum: int


@dataclass(frozen=True)
class Scale:
    multiplier: Decimal


@dataclass(frozen=True)
class Ranges:
    ranges: tuple[tuple[int, int, int], ...]  # (inclusive lower, inclusive upper, value)
    out_of_range: int


Mapping_ = Percentage | Scale | Ranges | None


@dataclass(frozen=True)
class AnswerKey:
    questions: tuple[KeyQuestion, ...]
    mapping: Mapping_ = None

    def summed_score(self, selections: Mapping[str, frozenset[str]]) -> int:
        """The test's score: per question, every option matched exactly, else its default."""
        total = 0
        for question in self.questions:
            chosen = selections.get(question.identifier, frozenset())
            matched = [o.score for o in question.options if o.selections == chosen]
            total += sum(matched) if matched else question.default
        return total

    def value(self, selections: Mapping[str, frozenset[str]]) -> int:
        """The qualification value the key gives these selections."""
        return map_score(self.summed_score(selections), self.mapping)


def _nearest(number: Decimal) -> int:
    # "rounded to the nearest integer"; a half rounds away from zero (ledger
    # ``qualifications.answer-key-rounding``).
    return int(number.to_integral_value(rounding=ROUND_HALF_UP))


def map_score(total: int, mapping: Mapping_) -> int:
    if isinstance(mapping, Percentage):
        return _nearest(Decimal(total) * 100 / Decimal(mapping.maximum))
    if isinstance(mapping, Scale):
        return _nearest(Decimal(total) * mapping.multiplier)
    if isinstance(mapping, Ranges):
        return next(
            (value for low, high, value in mapping.ranges if low <= total <= high),
            mapping.out_of_range,
        )
    return total


def _children(element: ET.Element, allowed: set[str]) -> dict[str, list[ET.Element]]:
    found: dict[str, list[ET.Element]] = {}
    for child in element:
        name = local_name(child)
        if name not in allowed:
            raise AnswerKeyProblem(
                f"{local_name(element)} cannot hold a {name} element "
                f"(it holds {', '.join(sorted(allowed))})"
            )
        found.setdefault(name, []).append(child)
    return found


def _one(found: dict[str, list[ET.Element]], name: str, within: str) -> ET.Element:
    elements = found.get(name, [])
    if len(elements) != 1:
        raise AnswerKeyProblem(f"each {within} needs exactly one {name}")
    return elements[0]


def _whole(element: ET.Element) -> int:
    text = (element.text or "").strip()
    if not WHOLE.match(text) or not -(2**31) <= int(text) < 2**31:
        raise AnswerKeyProblem(f"{local_name(element)} must be a whole number, not {text!r}")
    return int(text)


def _question(element: ET.Element) -> KeyQuestion:
    found = _children(element, {"QuestionIdentifier", "AnswerOption", "DefaultScore"})
    identifier = (_one(found, "QuestionIdentifier", "Question").text or "").strip()
    if not found.get("AnswerOption"):
        raise AnswerKeyProblem(f"the Question {identifier!r} needs at least one AnswerOption")
    options = []
    for option in found["AnswerOption"]:
        parts = _children(option, {"SelectionIdentifier", "AnswerScore"})
        if not parts.get("SelectionIdentifier"):
            raise AnswerKeyProblem("each AnswerOption needs at least one SelectionIdentifier")
        selections = frozenset((s.text or "").strip() for s in parts["SelectionIdentifier"])
        score = _whole(_one(parts, "AnswerScore", "AnswerOption"))
        options.append(AnswerOption(selections, score))
    defaults = found.get("DefaultScore", [])
    if len(defaults) > 1:
        raise AnswerKeyProblem(f"the Question {identifier!r} has more than one DefaultScore")
    return KeyQuestion(identifier, tuple(options), _whole(defaults[0]) if defaults else 0)


def _mapping(element: ET.Element) -> Mapping_:
    found = _children(element, {"PercentageMapping", "ScaleMapping", "RangeMapping"})
    if sum(map(len, found.values())) != 1:
        raise AnswerKeyProblem(
            "QualificationValueMapping holds exactly one of PercentageMapping, ScaleMapping "
            "and RangeMapping"
        )
    [(kind, [mapping])] = found.items()
    if kind == "PercentageMapping":
        parts = _children(mapping, {"MaximumSummedScore"})
        maximum = _whole(_one(parts, "MaximumSummedScore", kind))
        if maximum == 0:
            raise AnswerKeyProblem("MaximumSummedScore cannot be 0: a percentage divides by it")
        return Percentage(maximum)
    if kind == "ScaleMapping":
        parts = _children(mapping, {"SummedScoreMultiplier"})
        text = (_one(parts, "SummedScoreMultiplier", kind).text or "").strip()
        try:
            multiplier = Decimal(text)
        except InvalidOperation:
            multiplier = Decimal("NaN")
        if not multiplier.is_finite() or len(text) > 32:
            raise AnswerKeyProblem(f"SummedScoreMultiplier must be a decimal number, not {text!r}")
        return Scale(multiplier)
    parts = _children(mapping, {"SummedScoreRange", "OutOfRangeQualificationValue"})
    if not parts.get("SummedScoreRange"):
        raise AnswerKeyProblem("a RangeMapping needs at least one SummedScoreRange")
    ranges = []
    for each in parts["SummedScoreRange"]:
        bounds = _children(each, {"InclusiveLowerBound", "InclusiveUpperBound",
                                  "QualificationValue"})  # fmt: skip
        ranges.append(tuple(
            _whole(_one(bounds, name, "SummedScoreRange"))
            for name in ("InclusiveLowerBound", "InclusiveUpperBound", "QualificationValue")
        ))  # fmt: skip
    out = _whole(_one(parts, "OutOfRangeQualificationValue", "RangeMapping"))
    return Ranges(tuple((low, high, value) for low, high, value in ranges), out)


def parse_answer_key(root: ET.Element) -> AnswerKey:
    """An AnswerKey document read as its schema lays it out, or the first thing wrong."""
    if local_name(root) != "AnswerKey":
        raise AnswerKeyProblem(f"its root element is {local_name(root)}, not AnswerKey")
    found = _children(root, {"Question", "QualificationValueMapping"})
    mappings = found.get("QualificationValueMapping", [])
    if len(mappings) > 1:
        raise AnswerKeyProblem("an AnswerKey has at most one QualificationValueMapping")
    questions = tuple(_question(q) for q in found.get("Question", []))
    return AnswerKey(questions, _mapping(mappings[0]) if mappings else None)


def selections_of(answer_xml: str) -> dict[str, frozenset[str]]:
    """The options a worker chose, by question, from a QuestionFormAnswers document."""
    root = ET.fromstring(answer_xml)  # noqa: S314 -- checked before (answers.check_answer_xml)
    chosen: dict[str, set[str]] = {}
    for answer in root:
        identifier = next(((c.text or "").strip() for c in answer
                           if local_name(c) == "QuestionIdentifier"), "")  # fmt: skip
        picked = chosen.setdefault(identifier, set())
        picked.update(
            (c.text or "").strip() for c in answer if local_name(c) == "SelectionIdentifier"
        )
    return {question: frozenset(picked) for question, picked in chosen.items()}


def check_answer_key(text: str, test: str | None) -> AnswerKey:
    """An AnswerKey parameter as MTurk took it: at most 65535 bytes, XML in the AnswerKey
    schema's layout, and only beside a Test (botocore model, ``QualificationType.Test``:
    "This parameter must be specified if AnswerKey is present")."""
    check_size("AnswerKey", text)
    root = parse_xml(text, "AnswerKey")
    if test is None:
        raise ParameterValidationError(
            "AnswerKey", "An AnswerKey needs a Test: give the test's QuestionForm as Test."
        )
    try:
        return parse_answer_key(root)
    except AnswerKeyProblem as problem:
        raise ParameterValidationError(
            "AnswerKey", f"The value of AnswerKey is not valid: {problem}."
        ) from None
