"""Checks shared by every resource: ranges, lengths, pages of results."""

from __future__ import annotations

import base64
from typing import Any

from ..exceptions import InvalidParameter


def check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidParameter(
            f"Value {value} for parameter {name} is invalid. "
            f"Valid values are between {low} and {high}."
        )


def check_length(name: str, value: str | None, high: int) -> None:
    if value is not None and len(value) > high:
        raise InvalidParameter(f"{name} must be at most {high} characters long.")


def paginate(
    items: list[Any], next_token: str | None, max_results: int | None
) -> tuple[list[Any], str | None]:
    size = 100 if max_results is None else max_results
    check_range("MaxResults", size, 1, 100)
    start = 0
    if next_token:
        try:
            start = int(base64.urlsafe_b64decode(next_token.encode()).decode())
            if start < 0:
                raise ValueError(start)
        except ValueError:
            raise InvalidParameter("The pagination token is not valid.") from None
    page = items[start : start + size]
    end = start + size
    return page, base64.urlsafe_b64encode(str(end).encode()).decode() if end < len(items) else None
