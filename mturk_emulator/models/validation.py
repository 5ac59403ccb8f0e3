"""MTurk's own checks shared by every resource: ranges and lengths.

These are the service's semantic checks, answered with ``ParameterValidationError``
(ledger ``validation.parameter-validation-error``). The model's own constraints
(patterns, maximums, enums) are checked before any of this, in ``validator.py``.
"""

from __future__ import annotations

from ..exceptions import ParameterValidationError


def check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ParameterValidationError.out_of_range(name, value, low, high)


def check_length(name: str, value: str | None, high: int) -> None:
    # No public paste shows the real wording for a too-long text (ledger
    # ``validation.text-lengths``): the general "is not valid" sentence, with the reason.
    if value is not None and len(value) > high:
        raise ParameterValidationError(
            name, f"The value of {name} is not valid: it must be at most {high} characters long."
        )


ANNOTATION_LIMIT = 255


def check_annotation(annotation: str | None) -> None:
    """RequesterAnnotation "is limited to 255 ASCII characters" (ledger
    ``validation.requester-annotation``)."""
    if annotation is not None and (not annotation.isascii() or len(annotation) > ANNOTATION_LIMIT):
        raise ParameterValidationError(
            "RequesterAnnotation",
            "The value of RequesterAnnotation is not valid: it must be at most "
            f"{ANNOTATION_LIMIT} ASCII characters long.",
        )
