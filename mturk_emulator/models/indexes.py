"""The HITs each sparse listing shows, kept as the HITs change.

``ListReviewableHITs`` and ``ListHITsForQualificationType`` show a few HITs out of
all of them (10 reviewable among 100,000, say). Walking every HIT to find those few
made a page cost O(n); these indexes hold each listing's HITs in ``Ordered`` (the
order and the ``NextToken`` of ListHITs), so a page costs O(page + log n):

* ``by_review``: the HITs whose status is Reviewable or Reviewing, by status, and by
  status and HIT type (ListReviewableHITs' ``HITTypeId`` filter);
* ``by_qualification``: the HITs whose requirements name a qualification type.

A HIT becomes Reviewable by itself when it expires: ``expiries`` is a heap of the
HITs not yet expired, by expiration, and ``expire`` files the HITs whose time has
come before a listing reads the index. Every change of a HIT's status, type or
expiration calls ``review`` (or ``add`` / ``remove``), which files the HIT where its
status now puts it.
"""

from __future__ import annotations

from datetime import datetime
from heapq import heappop, heappush
from itertools import count
from typing import TYPE_CHECKING

from .ordered import Ordered, Walk

if TYPE_CHECKING:
    from .hits import HIT

REVIEW_STATUSES = frozenset({"Reviewable", "Reviewing"})
NOTHING: Ordered[HIT] = Ordered()
"""What a listing with no HIT filed walks: only ever read."""


class HITIndexes:
    """The sparse listings' HITs of one marketplace; built again, never pickled."""

    def __init__(self) -> None:
        self.by_review: dict[tuple[str, str | None], Ordered[HIT]] = {}
        self.by_qualification: dict[str, Ordered[HIT]] = {}
        self.filed: dict[str, tuple[str, str]] = {}
        """Each HIT in ``by_review``: the status and the HIT type it is filed under."""
        self.expiries: list[tuple[datetime, int, HIT]] = []
        self.pushed = count()
        self.queued: dict[str, datetime] = {}
        """Each HIT in ``expiries``: the expiration it is queued at (older entries are stale)."""

    # --- what a listing reads ----------------------------------------------------

    def reviewable(self, status: str, hit_type_id: str | None) -> Walk[HIT]:
        return self.by_review.get((status, hit_type_id), NOTHING).keyed_after

    def for_qualification(self, type_id: str) -> Walk[HIT]:
        return self.by_qualification.get(type_id, NOTHING).keyed_after

    def expire(self, now: datetime) -> None:
        """File the HITs that expired by ``now``: only those, each once (a heap)."""
        while self.expiries and self.expiries[0][0] <= now:
            expiration, _, hit = heappop(self.expiries)
            if self.queued.get(hit.id) == expiration:  # else moved or deleted since
                del self.queued[hit.id]
                self.review(hit, now)

    # --- what changes a HIT calls ------------------------------------------------

    def add(self, hit: HIT, now: datetime) -> None:
        for type_id in _required(hit):
            self.by_qualification.setdefault(type_id, Ordered()).add(hit.key, hit)
        self.review(hit, now)

    def remove(self, hit: HIT) -> None:
        for type_id in _required(hit):
            self.by_qualification[type_id].remove(hit.key)
        self._unfile(hit)
        self.queued.pop(hit.id, None)

    def review(self, hit: HIT, now: datetime) -> None:
        """File a HIT under the status it has at ``now`` (after any change to it)."""
        status = hit.status(now)
        wanted = (status, hit.hit_type.id) if status in REVIEW_STATUSES else None
        if self.filed.get(hit.id) != wanted:
            self._unfile(hit)
            if wanted is not None:
                self.filed[hit.id] = wanted
                for key in ((status, None), wanted):
                    self.by_review.setdefault(key, Ordered()).add(hit.key, hit)
        if not hit.expired(now) and self.queued.get(hit.id) != hit.expiration:
            self.queued[hit.id] = hit.expiration
            heappush(self.expiries, (hit.expiration, next(self.pushed), hit))

    def _unfile(self, hit: HIT) -> None:
        filed = self.filed.pop(hit.id, None)
        if filed is not None:
            for key in ((filed[0], None), filed):
                self.by_review[key].remove(hit.key)


def _required(hit: HIT) -> set[str]:
    return {r["QualificationTypeId"] for r in hit.hit_type.qualification_requirements}
