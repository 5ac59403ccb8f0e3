"""The question XML of a HIT: parsed and checked as MTurk checks it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..exceptions import ParameterValidationError

QUESTION_LIMIT = 65535
"""Bytes (botocore model, ``CreateHITRequest.Question``: "must not be larger than
64 kilobytes (65,535 bytes) in size, including whitespace")."""

REQUIRED_ELEMENTS = {
    "ExternalQuestion": ("ExternalURL", "FrameHeight"),
    "HTMLQuestion": ("HTMLContent", "FrameHeight"),
    "QuestionForm": ("Question",),
}


def parse_xml(text: str, parameter: str) -> ET.Element:
    """The XML of a parameter, or MTurk's refusal naming it (boto/boto3#2108)."""
    try:
        return ET.fromstring(text)  # noqa: S314 -- the requester's own input, in memory
    except ET.ParseError:
        raise ParameterValidationError.not_valid(parameter, text) from None


def local_name(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def check_size(parameter: str, text: str) -> None:
    if len(text.encode()) > QUESTION_LIMIT:
        raise ParameterValidationError(
            parameter,
            f"The value of {parameter} is not valid: it must not be larger than "
            f"64 kilobytes ({QUESTION_LIMIT:,} bytes), including whitespace.",
        )


def validate_question(question: str, parameter: str = "Question") -> str:
    """Check a QuestionForm, ExternalQuestion or HTMLQuestion; return which it is."""
    check_size(parameter, question)
    root = parse_xml(question, parameter)
    kind = local_name(root)
    children = {local_name(child) for child in root}
    if kind not in REQUIRED_ELEMENTS or any(
        name not in children for name in REQUIRED_ELEMENTS[kind]
    ):
        raise ParameterValidationError.not_valid(parameter, question)
    if kind == "ExternalQuestion":
        url = next(child for child in root if local_name(child) == "ExternalURL").text or ""
        if not url.strip().startswith("https://"):
            raise ParameterValidationError.not_valid(parameter, question)
    return kind
