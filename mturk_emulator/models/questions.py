"""The question XML of a HIT: parsed and checked as MTurk checks it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..exceptions import InvalidParameter, RequestError


def parse_xml(text: str, what: str) -> ET.Element:
    try:
        return ET.fromstring(text)  # noqa: S314 -- the requester's own input, in memory
    except ET.ParseError as error:
        raise RequestError(
            f"There was an error parsing the XML {what} data in your request. Please make "
            "sure the data is well-formed and validates against the appropriate schema. "
            f"Details: {error}",
            "AWS.MechanicalTurk.XMLParseError",
        ) from None


def local_name(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def validate_question(question: str) -> None:
    if len(question.encode()) > 65535:
        raise InvalidParameter("Question must not be larger than 65535 bytes.")
    root = parse_xml(question, "question")
    kind = local_name(root)
    required = {
        "ExternalQuestion": ("ExternalURL", "FrameHeight"),
        "HTMLQuestion": ("HTMLContent", "FrameHeight"),
        "QuestionForm": ("Question",),
    }
    if kind not in required:
        raise RequestError(
            "The question must be a QuestionForm, ExternalQuestion or HTMLQuestion data "
            f"structure, not {kind}.",
            "AWS.MechanicalTurk.XMLParseError",
        )
    children = {local_name(child) for child in root}
    missing = [name for name in required[kind] if name not in children]
    if missing:
        raise RequestError(
            f"The {kind} is missing the element {missing[0]}.",
            "AWS.MechanicalTurk.XMLParseError",
        )
    if kind == "ExternalQuestion":
        url = next(child for child in root if local_name(child) == "ExternalURL").text or ""
        if not url.strip().startswith("https://"):
            raise RequestError(
                "The ExternalURL of an ExternalQuestion must use https.",
                "AWS.MechanicalTurk.XMLParseError",
            )
