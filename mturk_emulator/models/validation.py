"""MTurk's own checks shared by every resource: ranges, lengths, pages of results.

These are the service's semantic checks, answered with ``ParameterValidationError``
(ledger ``validation.parameter-validation-error``). The model's own constraints
(patterns, maximums, enums) are checked before any of this, in ``validator.py``.
"""

from __future__ import annotations

import base64
from typing import Any

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


def paginate(
    items: list[Any], next_token: str | None, max_results: int | None
) -> tuple[list[Any], str | None]:
    """One page, and the token for the next: on every page that has results.

    The real service sent a NextToken even on a last page with one result
    (aws/aws-sdk-js#2522), and clients loop until an empty page (Mephisto's
    ``get_outstanding_hits``). Ledger ``pagination.token-on-every-page``.
    """
    size = 100 if max_results is None else max_results
    start = 0
    if next_token:
        try:
            start = int(base64.urlsafe_b64decode(next_token.encode()).decode())
            if start < 0:
                raise ValueError(start)
        except ValueError:
            raise ParameterValidationError.not_valid("NextToken", next_token) from None
    page = items[start : start + size]
    end = start + len(page)
    return page, base64.urlsafe_b64encode(str(end).encode()).decode() if page else None
