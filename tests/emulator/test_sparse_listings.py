"""ListReviewableHITs and ListHITsForQualificationType read an index, not every HIT.

Each page must show exactly what a filter over every HIT (ListHITs, walked whole)
shows, in the same order, whatever happened to the HITs before; a walk must not
skip or repeat a HIT that matched the whole time, whatever changed between its
pages (the token is the last HIT's key, as ListHITs' is: ledger
``pagination.token-after-key``); and a page must cost what it shows, however many
HITs do not match. On main both listings walked every HIT: with 10 matches among
10,000 a page looked at all 10,000.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import ExitStack, suppress
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)

from mturk_emulator import MTurkFake, emulator
from mturk_emulator.exceptions import WorkerCannotAccept
from mturk_emulator.models import HIT, Marketplace
from mturk_emulator.models.indexes import REVIEW_STATUSES
from mturk_emulator.models.ordered import Ordered
from tests.emulator.support import ANSWER, hit_args, mturk_client, new_hit

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient

Listing = tuple[str, dict[str, Any]]
WORKERS = ("A1SPARSE", "A2SPARSE", "A3SPARSE")
EXPIRE_NOW = datetime(2020, 1, 1, tzinfo=UTC)


def walk(client: MTurkClient, listing: Listing, size: int = 100) -> list[dict[str, Any]]:
    """Every page of a listing, ``size`` at a time."""
    operation, args = listing
    found: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        page = getattr(client, operation)(
            MaxResults=size, **args, **({"NextToken": token} if token else {})
        )
        found += page["HITs"]
        token = page.get("NextToken")
        if not token:
            return found


def brute_force(
    client: MTurkClient, listing: Listing, every: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """What a listing shows, filtered from every HIT (ListHITs walked whole, or ``every``)."""
    operation, args = listing
    every = walk(client, ("list_hits", {})) if every is None else every
    if operation == "list_hits_for_qualification_type":
        wanted = args["QualificationTypeId"]
        return [
            hit
            for hit in every
            if any(r["QualificationTypeId"] == wanted for r in hit["QualificationRequirements"])
        ]
    return [
        {"HITId": hit["HITId"]}  # ledger hits.reviewable-ids-only
        for hit in every
        if hit["HITStatus"] == args["Status"] and args.get("HITTypeId") in (None, hit["HITTypeId"])
    ]


def ids(hits: list[dict[str, Any]]) -> list[str]:
    return [hit["HITId"] for hit in hits]


class SparseListings(RuleBasedStateMachine):
    """Random creates, deletes, expiries (now and by time), extensions, review status
    updates, type changes, work submitted, returned, approved and rejected; every
    listing, walked at any page size, equals the brute force; walks that go on while
    the HITs change skip and repeat nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.stack = ExitStack()
        self.fake: MTurkFake = self.stack.enter_context(emulator())
        self.client = mturk_client()
        self.fake.add_worker(*WORKERS)
        self.quals = [
            self.client.create_qualification_type(
                Name=f"Sparse {n}", Description="d", QualificationTypeStatus="Active"
            )["QualificationType"]["QualificationTypeId"]
            for n in range(2)
        ]
        requirements: list[list[Any]] = [
            [],
            [{"QualificationTypeId": self.quals[0], "Comparator": "DoesNotExist"}],
            [
                {"QualificationTypeId": self.quals[0], "Comparator": "DoesNotExist"},
                {"QualificationTypeId": self.quals[1], "Comparator": "DoesNotExist"},
            ],
        ]
        self.types = [
            self.client.create_hit_type(
                Title=f"Type {n}", Description="d", Reward="0.10",
                AssignmentDurationInSeconds=300, AutoApprovalDelayInSeconds=600,
                QualificationRequirements=required,
            )["HITTypeId"]
            for n, required in enumerate(requirements)
        ]  # fmt: skip
        self.listings: list[Listing] = [
            ("list_reviewable_hits", {"Status": status, **({"HITTypeId": t} if t else {})})
            for status in ("Reviewable", "Reviewing")
            for t in (None, *self.types)
        ] + [("list_hits_for_qualification_type", {"QualificationTypeId": q}) for q in self.quals]
        self.assignments: list[str] = []
        self.walking: dict[str, Any] | None = None
        self.created: list[str] = []
        self.latest = self.market.now()
        """The latest the clock has been: before it, a clock set back may have undone expiries."""

    def teardown(self) -> None:
        try:
            self.every_listing_is_the_brute_force()
        finally:
            self.stack.close()

    def every_listing_is_the_brute_force(self) -> None:
        every = walk(self.client, ("list_hits", {}))
        for listing in self.listings:  # small pages: the rule ``check``
            shown = walk(self.client, listing)
            assert shown == brute_force(self.client, listing, every), listing

    def tolerated(self, call: Any, *args: Any, **kwargs: Any) -> None:
        """A change the emulator may refuse (a HIT deleted, in the wrong state...)."""
        with suppress(ClientError, WorkerCannotAccept):
            call(*args, **kwargs)

    @rule(kind=st.integers(0, 2), lifetime=st.sampled_from([60, 300, 3600]),
          size=st.integers(1, 2))  # fmt: skip
    def create(self, kind: int, lifetime: int, size: int) -> None:
        self.created.append(self.client.create_hit_with_hit_type(
            HITTypeId=self.types[kind], MaxAssignments=size, LifetimeInSeconds=lifetime,
            Question=hit_args()["Question"],
        )["HIT"]["HITId"])  # fmt: skip

    def recent(self, pick: int) -> str:
        """One of the three HITs made last: changes meet on few HITs, as they must to
        make one Reviewable and then not again."""
        return self.created[-1 - pick % min(3, len(self.created))]

    @precondition(lambda self: self.created)
    @rule(pick=st.integers(0, 2))
    def expire_now(self, pick: int) -> None:
        hit = self.recent(pick)
        self.tolerated(self.client.update_expiration_for_hit, HITId=hit, ExpireAt=EXPIRE_NOW)

    @precondition(lambda self: self.created)
    @rule(pick=st.integers(0, 2), seconds=st.sampled_from([120, 3600]))
    def extend(self, pick: int, seconds: int) -> None:
        hit = self.recent(pick)
        try:
            expiration = self.client.get_hit(HITId=hit)["HIT"]["Expiration"]
        except ClientError:
            return
        now = self.fake.backend.now()
        later = max(expiration, now) + timedelta(seconds=seconds)
        self.tolerated(self.client.update_expiration_for_hit, HITId=hit, ExpireAt=later)

    @rule(seconds=st.sampled_from([-400, 30, 90, 400, 4000]))
    def time_passes(self, seconds: int) -> None:
        self.fake.advance_time(seconds)
        self.latest = max(self.latest, self.market.now() - timedelta(seconds=seconds))

    @precondition(lambda self: self.created)
    @rule(pick=st.integers(0, 2), worker=st.sampled_from(WORKERS))
    def submit(self, pick: int, worker: str) -> None:
        hit = self.recent(pick)
        with suppress(WorkerCannotAccept):
            self.assignments.append(self.fake.submit_assignment(hit, worker, ANSWER))

    @precondition(lambda self: self.created)
    @rule(pick=st.integers(0, 2), worker=st.sampled_from(WORKERS))
    def accept_and_return(self, pick: int, worker: str) -> None:
        hit = self.recent(pick)
        self.tolerated(self.fake.accept_hit, hit, worker)
        if worker != WORKERS[0]:  # the first worker keeps what they accepted
            self.tolerated(self.fake.return_assignment, hit, worker)

    @precondition(lambda self: self.assignments)
    @rule(pick=st.integers(0, 1000), approve=st.booleans())
    def review_work(self, pick: int, approve: bool) -> None:
        assignment = self.assignments[pick % len(self.assignments)]
        if approve:
            self.tolerated(self.client.approve_assignment, AssignmentId=assignment)
        else:
            self.tolerated(
                self.client.reject_assignment, AssignmentId=assignment, RequesterFeedback="no"
            )

    @precondition(lambda self: self.created)
    @rule(pick=st.integers(0, 2), revert=st.booleans())
    def review_status(self, pick: int, revert: bool) -> None:
        hit = self.recent(pick)
        self.tolerated(self.client.update_hit_review_status, HITId=hit, Revert=revert)

    @precondition(lambda self: self.created)
    @rule(pick=st.integers(0, 2), kind=st.integers(0, 2))
    def retype(self, pick: int, kind: int) -> None:
        hit = self.recent(pick)
        self.tolerated(self.client.update_hit_type_of_hit, HITId=hit, HITTypeId=self.types[kind])

    @precondition(lambda self: self.created)
    @rule(pick=st.integers(0, 2))
    def more_assignments(self, pick: int) -> None:
        hit = self.recent(pick)
        self.tolerated(
            self.client.create_additional_assignments_for_hit,
            HITId=hit, NumberOfAdditionalAssignments=1,
        )  # fmt: skip

    @precondition(lambda self: self.created)
    @rule(pick=st.integers(0, 2))
    def delete(self, pick: int) -> None:
        hit = self.recent(pick)
        self.tolerated(self.client.delete_hit, HITId=hit)

    @rule(pick=st.integers(0, 9), size=st.integers(1, 3))
    def check(self, pick: int, size: int) -> None:
        listing = self.listings[pick]
        assert walk(self.client, listing, size) == brute_force(self.client, listing)

    @rule(pick=st.integers(0, 9), size=st.integers(1, 2))
    def walk_a_page(self, pick: int, size: int) -> None:
        """A page of the walk in progress (or of a new one): other rules run between pages."""
        if self.walking is None:
            listing = self.listings[pick]
            now = set(ids(brute_force(self.client, listing)))
            self.walking = {"listing": listing, "token": None, "seen": [], "always": now,
                            "ever": set(now)}  # fmt: skip
        operation, args = self.walking["listing"]
        token = self.walking["token"]
        page = getattr(self.client, operation)(
            MaxResults=size, **args, **({"NextToken": token} if token else {})
        )
        self.walking["seen"] += ids(page["HITs"])
        self.walking["token"] = page.get("NextToken")
        if not self.walking["token"]:
            seen = self.walking["seen"]
            assert len(seen) == len(set(seen)), "a HIT shown twice"
            assert self.walking["always"] <= set(seen), "a HIT that matched throughout skipped"
            assert set(seen) <= self.walking["ever"], "a HIT shown that never matched"
            keys = [self.market.hits[hit].key for hit in seen]
            assert keys == sorted(keys)
            self.walking = None

    @invariant()
    def every_hit_is_filed_where_its_status_puts_it(self) -> None:
        """After every step (without a listing, which would apply the expiries): a HIT
        of a review status is filed under it and its type, or about to be, when its
        expiry is queued; a HIT filed has that status (unless a clock set back undid
        an expiry); a HIT is filed under each qualification type it requires."""
        indexes, now = self.market.indexes, self.market.now()
        hits = [hit for _, hit in self.market.hit_order.keyed_after(None)]
        for hit in hits:
            status = hit.status(now)
            filed = indexes.filed.get(hit.id)
            if status in REVIEW_STATUSES and filed != (status, hit.hit_type.id):
                assert status == "Reviewable"  # by its expiry, which a listing will apply:
                assert hit.expired(now)
                assert indexes.queued.get(hit.id) == hit.expiration
            if filed is not None and now >= self.latest:
                assert filed == (status, hit.hit_type.id)
        for (status, type_id), ordered in indexes.by_review.items():
            assert [hit.id for _, hit in ordered.keyed_after(None)] == [
                hit.id
                for hit in hits
                if indexes.filed.get(hit.id) in {(status, type_id), (status, hit.hit_type.id)}
                and type_id in (None, hit.hit_type.id)
            ]
        for type_id, ordered in indexes.by_qualification.items():
            assert [hit.id for _, hit in ordered.keyed_after(None)] == [
                hit.id
                for hit in hits
                if any(r["QualificationTypeId"] == type_id
                       for r in hit.hit_type.qualification_requirements)
            ]  # fmt: skip

    @invariant()
    def note_what_matches(self) -> None:
        if self.walking is not None:
            now = set(ids(brute_force(self.client, self.walking["listing"])))
            self.walking["always"] &= now
            self.walking["ever"] |= now

    @property
    def market(self) -> Marketplace:
        return self.fake.marketplace(sandbox=True)


SparseListings.TestCase.settings = settings(
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_sparse_listings_equal_a_filter_over_every_hit = SparseListings.TestCase


def test_each_change_of_a_hit_moves_it_between_the_listings() -> None:
    """The changes the random walk above meets only now and then, one after another,
    each followed by every listing against the brute force and the index check."""
    machine = SparseListings()
    steps: list[tuple[Any, tuple[Any, ...]]] = [
        (SparseListings.create, (1, 3600, 1)),  # a HIT requiring the first type
        (SparseListings.submit, (0, WORKERS[1])),  # Reviewable: its one assignment is done
        (SparseListings.more_assignments, (0,)),  # Assignable again
        (SparseListings.submit, (0, WORKERS[2])),  # Reviewable again
        (SparseListings.review_status, (0, False)),  # Reviewing
        (SparseListings.retype, (0, 2)),  # now requires both types, still Reviewing
        (SparseListings.review_status, (0, True)),  # Reviewable
        (SparseListings.review_work, (0, True)),
        (SparseListings.review_work, (1, False)),
        (SparseListings.create, (0, 60, 2)),
        (SparseListings.time_passes, (90,)),  # it expires by itself: Reviewable
        (SparseListings.extend, (0, 3600)),  # Assignable
        (SparseListings.expire_now, (0,)),  # Reviewable
        (SparseListings.time_passes, (-400,)),  # before its expiry again: Assignable
        (SparseListings.time_passes, (4000,)),
        (SparseListings.delete, (1,)),  # the first HIT, its work reviewed
        (SparseListings.delete, (0,)),
    ]
    try:
        for rule_of, args in steps:
            rule_of(machine, *args)
            machine.every_hit_is_filed_where_its_status_puts_it()
            machine.every_listing_is_the_brute_force()
        assert len(machine.market.hits) == 2
        assert [hit.disposed for hit in machine.market.hits.values()] == [True, True]
    finally:
        machine.stack.close()


@pytest.mark.evidence("pagination.token-after-key")
@pytest.mark.parametrize("listing", ["reviewable", "qualification"])
def test_changes_during_a_walk_skip_and_repeat_nothing(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake, listing: str
) -> None:
    """Ten matching HITs stop matching (five seen, five not yet), one starts: the walk
    shows the others once each, in order, and the one that started (it sorts last)."""
    qual = mturk_sandbox.create_qualification_type(
        Name="Walk", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    required: list[Any] = [{"QualificationTypeId": qual, "Comparator": "DoesNotExist"}]
    plain = mturk_sandbox.create_hit_type(
        Title="Plain", Description="d", Reward="0.10", AssignmentDurationInSeconds=300
    )["HITTypeId"]
    guarded = mturk_sandbox.create_hit_type(
        Title="Guarded", Description="d", Reward="0.10", AssignmentDurationInSeconds=300,
        QualificationRequirements=required,
    )["HITTypeId"]  # fmt: skip

    def create() -> str:
        hit_type = guarded if listing == "qualification" else plain
        return mturk_sandbox.create_hit_with_hit_type(
            HITTypeId=hit_type, LifetimeInSeconds=60, Question=hit_args()["Question"]
        )["HIT"]["HITId"]

    created = [create() for _ in range(30)]
    call: Listing = (
        ("list_hits_for_qualification_type", {"QualificationTypeId": qual})
        if listing == "qualification"
        else ("list_reviewable_hits", {})
    )
    mturk_fake.advance_time(61)  # every HIT expires: Reviewable
    operation, args = call
    first = getattr(mturk_sandbox, operation)(MaxResults=5, **args)
    for hit_id in created[:10]:
        if listing == "qualification":
            mturk_sandbox.update_hit_type_of_hit(HITId=hit_id, HITTypeId=plain)
        else:
            mturk_sandbox.update_hit_review_status(HITId=hit_id)  # Reviewing now
    added = create()
    if listing == "reviewable":
        mturk_sandbox.update_expiration_for_hit(HITId=added, ExpireAt=EXPIRE_NOW)
    seen = ids(first["HITs"])
    token = first["NextToken"]
    while token:
        page = getattr(mturk_sandbox, operation)(MaxResults=5, NextToken=token, **args)
        seen += ids(page["HITs"])
        token = page.get("NextToken")
    assert seen == created[:5] + created[10:] + [added]


MATCHES = 10
ON_FILE = 10_000


def fill_sparse(fake: MTurkFake) -> tuple[str, set[str], set[str]]:
    """10,000 HITs on file: 10 guarded by a qualification type, 10 Reviewable (five
    expired now, five by the passing of time); the type, and the two sets of HITs."""
    client = mturk_client()
    market = fake.marketplace(sandbox=True)
    qual = client.create_qualification_type(
        Name="Sparse", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    guarded = {new_hit_of(market, [qual], 600) for _ in range(MATCHES)}
    soon = [new_hit_of(market, [], 60) for _ in range(MATCHES // 2)]
    others = [new_hit_of(market, [], 600) for _ in range(ON_FILE - MATCHES - len(soon))]
    now = [others[n * 1000] for n in range(MATCHES // 2)]
    for hit_id in now:
        client.update_expiration_for_hit(HITId=hit_id, ExpireAt=EXPIRE_NOW)
    fake.advance_time(61)
    return qual, guarded, {*soon, *now}


def new_hit_of(market: Marketplace, required: list[str], lifetime: int) -> str:
    hit_type = market.create_hit_type(
        title="Sparse", description="d", reward="0.10", assignment_duration=300,
        auto_approval_delay=None, keywords=None,
        qualification_requirements=[
            {"QualificationTypeId": q, "Comparator": "DoesNotExist"} for q in required
        ],
    )  # fmt: skip
    return market.create_hit_with_hit_type(
        hit_type_id=hit_type.id, max_assignments=1, lifetime=lifetime, question=None,
        layout_id="LAYOUT", layout_parameters=[], requester_annotation=None,
        unique_request_token=None, assignment_review_policy=None, hit_review_policy=None,
    ).id  # fmt: skip


def test_a_page_touches_only_the_hits_it_shows(
    mturk_fake: MTurkFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 10 matches among 10,000 HITs, a page looks at those 10 HITs and no other:
    every HIT walked from an index or the list of all HITs, and every HIT whose status
    is read, is counted (main looked at all 10,000 for either listing)."""
    qual, guarded, reviewable = fill_sparse(mturk_fake)
    touched: set[str] = set()
    keyed_after, status = Ordered.keyed_after, HIT.status

    def counted_walk(self: Ordered[Any], key: Any) -> Iterator[Any]:
        for found in keyed_after(self, key):
            if isinstance(found[1], HIT):
                touched.add(found[1].id)
            yield found

    def counted_status(self: HIT, now: Any) -> str:
        touched.add(self.id)
        return status(self, now)

    monkeypatch.setattr(Ordered, "keyed_after", counted_walk)
    monkeypatch.setattr(HIT, "status", counted_status)
    client = mturk_client()
    page = client.list_reviewable_hits()  # applies the five expiries, and no other
    assert ({hit["HITId"] for hit in page["HITs"]}, touched) == (reviewable, reviewable)
    touched.clear()
    page = client.list_hits_for_qualification_type(QualificationTypeId=qual)
    assert ({hit["HITId"] for hit in page["HITs"]}, touched) == (guarded, guarded)


def test_a_restored_state_files_its_hits_again(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    """The indexes are not in the state file's checkpoints (a pickle of the account): they
    are built again from the HITs, at the time of the first call after the restore."""
    qual = mturk_sandbox.create_qualification_type(
        Name="Kept", Description="d", QualificationTypeStatus="Active"
    )["QualificationType"]["QualificationTypeId"]
    required: list[Any] = [{"QualificationTypeId": qual, "Comparator": "DoesNotExist"}]
    guarded = [new_hit(mturk_sandbox, QualificationRequirements=required) for _ in range(2)]
    plain = [new_hit(mturk_sandbox, LifetimeInSeconds=60) for _ in range(3)]
    mturk_sandbox.update_expiration_for_hit(HITId=guarded[1], ExpireAt=EXPIRE_NOW)
    mturk_sandbox.update_hit_review_status(HITId=guarded[1])  # Reviewing
    restored = pickle.loads(pickle.dumps(mturk_fake.backend))
    market = restored.marketplace(sandbox=True)
    assert market.built_indexes is None
    restored.clock_offset += timedelta(seconds=61)  # the plain HITs expire meanwhile
    indexes = market.indexes
    indexes.expire(restored.now())
    shown = {
        key: [hit.id for _, hit in walked(None)]
        for key, walked in {
            "Reviewable": indexes.reviewable("Reviewable", None),
            "Reviewing": indexes.reviewable("Reviewing", None),
            "guarded": indexes.for_qualification(qual),
        }.items()
    }
    assert shown == {"Reviewable": plain, "Reviewing": [guarded[1]], "guarded": guarded}
