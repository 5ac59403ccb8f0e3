"""Items kept in the order a listing shows them, and pages of them as MTurk hands them out.

A ``NextToken`` is the sort key of the last item of its page, not a position in a
list: a walk goes on after that key, wherever the items created or deleted since
then have moved the others (ledger ``pagination.token-after-key``). Finding where a
page starts costs O(log n), the page itself O(page).
"""

from __future__ import annotations

import base64
import binascii
import json
from bisect import bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Generic, TypeVar

from ..exceptions import ParameterValidationError

Key = tuple[int | str, ...]
Item = TypeVar("Item")
Out = TypeVar("Out")
PAGE_SIZE = 100


class Ordered(Generic[Item]):
    """A mapping from sort keys to items, walked in key order from any key."""

    __slots__ = ("_items", "_keys")  # one per HIT: no dict of its own

    def __init__(self) -> None:
        self._keys: list[Key] = []
        self._items: dict[Key, Item] = {}

    def add(self, key: Key, item: Item) -> None:
        if not self._keys or key > self._keys[-1]:
            self._keys.append(key)  # the usual case: a new item sorts last
        else:
            insort(self._keys, key)
        self._items[key] = item

    def remove(self, key: Key) -> None:
        del self._items[key]
        del self._keys[bisect_right(self._keys, key) - 1]

    def keyed_after(self, key: Key | None) -> Iterator[tuple[Key, Item]]:
        """The items whose key sorts after ``key`` (all of them for None), in key order.

        Walked lazily, without copying the keys: a page costs what it shows.
        """
        start = 0 if key is None else bisect_right(self._keys, key)
        keys, items = self._keys, self._items
        return ((keys[i], items[keys[i]]) for i in range(start, len(keys)))


Walk = Callable[[Key | None], Iterator[tuple[Key, Item]]]


def sorted_walk(items: Iterable[Item], key: Callable[[Item], Key]) -> Walk[Item]:
    """A listing built whole for each page (the small ones): its items after a key."""
    ordered = sorted(((key(item), item) for item in items), key=lambda pair: pair[0])
    keys = [key for key, _ in ordered]

    def after(key: Key | None) -> Iterator[tuple[Key, Item]]:
        return iter(ordered[0 if key is None else bisect_right(keys, key) :])

    return after


def encode_token(key: Key) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def decode_token(token: str) -> Key:
    """The key a token names; a token MTurk did not hand out is refused (ledger
    ``pagination.made-up-token``)."""
    try:
        key = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, binascii.Error):
        key = None
    if not isinstance(key, list) or not key or not all(type(k) in (int, str) for k in key):
        raise ParameterValidationError.not_valid("NextToken", token)
    return tuple(key)


def paginate(
    after: Walk[Item],
    next_token: str | None,
    max_results: int | None,
    show: Callable[[Item], Out | None],
) -> tuple[list[Out], str | None]:
    """One page, and the token for the next: on every page that has results.

    ``show`` turns an item into what the page holds, or None to leave it out (a
    filter). The real service sent a NextToken even on a last page with one result
    (aws/aws-sdk-js#2522), and clients loop until an empty page (Mephisto's
    ``get_outstanding_hits``). Ledger ``pagination.token-on-every-page``.
    """
    size = PAGE_SIZE if max_results is None else max_results
    start = None if not next_token else decode_token(next_token)
    try:
        walked = after(start)  # finds the start at once
    except TypeError:  # a token of another listing: its key does not compare with these
        raise ParameterValidationError.not_valid("NextToken", next_token or "") from None
    shown = ((key, show(item)) for key, item in walked)
    page = list(islice(((key, out) for key, out in shown if out is not None), size))
    if not page:
        return [], None
    return [out for _, out in page], encode_token(page[-1][0])
