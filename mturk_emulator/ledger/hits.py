"""Rules about HIT types and HITs: creation, expiry, review status, deletion."""

from __future__ import annotations

from . import Rule

UPDATE_EXPIRATION = (
    "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMturkAPI/"
    "ApiReference_UpdateExpirationForHITOperation.html"
)

RULES: tuple[Rule, ...] = (
    Rule(
        "hits.identical-types-one",
        "CreateHITType with the same settings as an existing HIT type returns that type's "
        "id; CreateHIT files its HIT under it.",
        "documented",
        "botocore model: CreateHITType",
        "If you register a HIT type with values that match an existing HIT type, the HIT "
        "type ID of the existing type will be returned.",
    ),
    Rule(
        "hits.group-id",
        "Every HIT type has a HITGroupId of its own, different from its HITTypeId; HITs of "
        "the same type share it.",
        "observed",
        "https://github.com/Dallinger/Dallinger/blob/master/tests/test_mturk.py",
        '"HITGroupId": "36IAL8HYPYM1MDNBSTAEZW89WH74RJ", ... "HITTypeId": '
        '"3V76OXST9SAE3THKN85FUPK7730050"',
    ),
    Rule(
        "hits.question-or-layout",
        "A HIT needs either a Question or a HITLayoutId (with its HITLayoutParameters), "
        "not both and not neither.",
        "documented",
        "botocore model: CreateHITRequest.Question",
        "Either a Question parameter or a HITLayoutId parameter must be provided.",
    ),
    Rule(
        "hits.question-kinds",
        "A Question must be a QuestionForm, an ExternalQuestion (ExternalURL, FrameHeight) "
        "or an HTMLQuestion (HTMLContent, FrameHeight).",
        "documented",
        "botocore model: CreateHITRequest.Question",
        "Must be a QuestionForm data structure, an ExternalQuestion data structure, or an "
        "HTMLQuestion data structure.",
    ),
    Rule(
        "hits.question-size",
        "A Question larger than 65,535 bytes is refused.",
        "documented",
        "botocore model: CreateHITRequest.Question",
        "The XML question data must not be larger than 64 kilobytes (65,535 bytes) in "
        "size, including whitespace.",
    ),
    Rule(
        "hits.external-url-https",
        "An ExternalQuestion's ExternalURL must use https.",
        "inferred",
        "AWS's ExternalQuestion page requires an HTTPS address for the frame (page not "
        "retrieved in this research pass; workers' browsers refuse mixed content).",
    ),
    Rule(
        "hits.request-token-duplicate",
        "A second CreateHIT with the same UniqueRequestToken is refused with "
        "AWS.MechanicalTurk.HitAlreadyExists naming the first HIT's id.",
        "documented",
        "botocore model: CreateHITRequest.UniqueRequestToken",
        "subsequent calls will return a AWS.MechanicalTurk.HitAlreadyExists error with a "
        "message containing the HITId.",
    ),
    Rule(
        "hits.request-token-24h",
        "MTurk forgets a UniqueRequestToken (of CreateHIT, SendBonus, "
        "CreateAdditionalAssignmentsForHIT) 24 hours of service time after its use; the same "
        "token then creates again.",
        "documented",
        "botocore model: CreateHITRequest.UniqueRequestToken",
        "The unique token expires after 24 hours. Subsequent calls using the same "
        "UniqueRequestToken made after the 24 hour limit could create duplicate HITs.",
    ),
    Rule(
        "hits.status-lifecycle",
        "A HIT is Assignable while slots are free, Unassignable while every slot is taken "
        "by a worker, Reviewable once every assignment is submitted or the HIT expired.",
        "documented",
        "botocore model: HITStatus",
        "Assignable | Unassignable | Reviewable | Reviewing | Disposed",
    ),
    Rule(
        "hits.expires-after-lifetime",
        "After LifetimeInSeconds the HIT can no longer be accepted (its available count "
        "stays: hits.available-after-expiry).",
        "documented",
        "botocore model: CreateHITRequest.LifetimeInSeconds",
        "An amount of time, in seconds, after which the HIT is no longer available for "
        "users to accept.",
    ),
    Rule(
        "hits.available-after-expiry",
        "An expired HIT keeps its NumberOfAssignmentsAvailable (MaxAssignments less the "
        "assignments taken) and its HITStatus is Reviewable. AWS's 'Retrieving HIT status' "
        "page (https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/"
        "RetrievingHitStatus.html) says an expired HIT has no assignments pending or "
        "available; the response pasted from the service after UpdateExpirationForHIT into "
        "the past shows 4 of 5 still available, and its reporter saw HITs that really "
        "expired stay the same. The recorded response wins.",
        "observed",
        "https://github.com/boto/boto3/issues/2226",
        "'HITStatus': 'Reviewable', 'MaxAssignments': 5, ... 'NumberOfAssignmentsPending': 0, "
        "'NumberOfAssignmentsAvailable': 4, 'NumberOfAssignmentsCompleted': 0",
    ),
    Rule(
        "hits.review-status-transitions",
        "UpdateHITReviewStatus moves a HIT from Reviewable to Reviewing, and with Revert "
        "back; any other state is refused (InvalidHITState).",
        "documented",
        "botocore model: UpdateHITReviewStatusRequest.Revert",
        "Setting this to false will only transition a HIT from Reviewable to Reviewing.",
    ),
    Rule(
        "hits.reviewable-status",
        "ListReviewableHITs returns only HITs whose status is Reviewable (or Reviewing): a "
        "HIT with several assignments that is still Assignable is not listed, even with "
        "submitted work.",
        "documented",
        "botocore model: ListReviewableHITs",
        "retrieves the HITs with Status equal to Reviewable or Status equal to Reviewing",
    ),
    Rule(
        "hits.reviewable-ids-only",
        "ListReviewableHITs answers HIT objects that hold only the HITId (use GetHIT for "
        "the rest).",
        "observed",
        "https://github.com/aws/aws-sdk-js/issues/2522",
        "HITs: [ { HITId: '388FBO7JZT48TG61MZMH91GBEYPYNF' } ]",
    ),
    Rule(
        "hits.expiry-cannot-shorten",
        "UpdateExpirationForHIT cannot bring a HIT's expiration forward to a time still "
        "in the future.",
        "documented",
        UPDATE_EXPIRATION,
        "You cannot shorten the expiration time so that you're not affecting Workers who "
        "have accepted your HIT.",
    ),
    Rule(
        "hits.expire-now",
        "UpdateExpirationForHIT with 0 or a time in the past expires the HIT now.",
        "documented",
        UPDATE_EXPIRATION,
        "To expire a HIT immediately, provide the value 0 or set ExpireAt to a time in the past.",
    ),
    Rule(
        "hits.expiration-increment-range",
        "A later ExpireAt becomes an increment over the current expiration, which must be "
        "60 s to one year; otherwise ParameterValidationError naming "
        "ExpirationIncrementInSeconds (a negative value for a shortening).",
        "observed",
        "https://github.com/aws/aws-sdk-ruby/issues/2065",
        "The value -380572 is invalid for ExpirationIncrementInSeconds. Valid values range "
        "from 60 to 31536000.",
    ),
    Rule(
        "hits.expiration-idempotency",
        "The same UpdateExpirationForHIT (same HIT, same ExpireAt) twice is refused: 'The "
        'idempotency token "<HITId><date>" has already been processed.\'',
        "observed",
        "https://github.com/Dallinger/Dallinger/issues/3109",
        'The idempotency token "3VJ4PFXFJ5VXUC3I783DUQKOMF2UAWWed Jul 14 20:26:06 UTC '
        '2021" has already been processed.',
    ),
    Rule(
        "hits.additional-assignments-ten",
        "CreateAdditionalAssignmentsForHIT cannot take a HIT from fewer than 10 to 10 or "
        "more assignments (InvalidMaximumAssignmentsIncrease); a repeated token is refused.",
        "documented",
        "botocore model: CreateAdditionalAssignmentsForHIT",
        "will result in an AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease exception.",
    ),
    Rule(
        "hits.delete-rules",
        "DeleteHIT works only on a Reviewable or Reviewing HIT whose assignments are all "
        "approved or rejected; otherwise 'This HIT is currently in the state '<s>'.  This "
        "operation can be called with a status of: Reviewing, Reviewable'.",
        "observed",
        "https://github.com/boto/boto3/issues/2107",
        "This HIT is currently in the state 'Reviewable'.  This operation can be called "
        "with a status of: Reviewing, Reviewable",
    ),
    Rule(
        "hits.list-excludes-deleted",
        "ListHITs returns HITs of every status except deleted ones; a deleted HIT does not "
        "exist any more for every operation.",
        "documented",
        "botocore model: ListHITs",
        "returns HITs of any status, except for HITs that have been deleted of with the "
        "DeleteHIT operation",
    ),
    Rule(
        "hits.does-not-exist",
        "An unknown HIT, assignment, HIT type, qualification type or request is a "
        "RequestError '<Kind> <id> does not exist. (<ms>)' with TurkErrorCode "
        "AWS.MechanicalTurk.<Kind>DoesNotExist.",
        "observed",
        "https://github.com/NRGI/resourcecontracts.org/issues/1384",
        '"Message":"Hit 3PR3LXCWSFNV4OJWZBHIMQOIJVSX9G does not exist. (1624047673969)",'
        '"TurkErrorCode":"AWS.MechanicalTurk.HITDoesNotExist"',
    ),
    Rule(
        "hits.environments-separate",
        "The sandbox and production are separate: a sandbox HIT's id does not exist in "
        "production.",
        "observed",
        "https://github.com/aws/aws-cli/issues/6116",
        "Hit 36818Z1KV5CDQ807J1UQ45304AOA3Z does not exist. (1619128282649)",
    ),
    Rule(
        "hits.notification-version",
        "A NotificationSpecification must use Version 2006-05-05, and the Ping event only "
        "in SendTestEventNotification; otherwise ParameterValidationError naming "
        "Notification.",
        "documented",
        "botocore model: NotificationSpecification",
        "The version of the Notification API to use. Valid value is 2006-05-05.",
    ),
    Rule(
        "hits.notification-needs-spec",
        "UpdateNotificationSettings with only Active needs a specification given before.",
        "documented",
        "botocore model: UpdateNotificationSettings",
        "the HIT type must already have a notification specification, or one must be "
        "provided in the same call to UpdateNotificationSettings.",
    ),
)
