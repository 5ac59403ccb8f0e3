"""Rules about qualification types, workers' scores and requirements on HITs."""

from __future__ import annotations

from . import Rule

ANSWER_KEY = (
    "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMturkAPI/"
    "ApiReference_AnswerKeyDataStructureArticle.html"
)

RULES: tuple[Rule, ...] = (
    Rule(
        "qualifications.name-unique",
        "A requester's qualification type names are unique: a second type with the same "
        "name is refused (QualificationTypeAlreadyExists).",
        "documented",
        "botocore model: CreateQualificationTypeRequest.Name",
        "It must be unique across all of your Qualification types.",
    ),
    Rule(
        "qualifications.only-owner",
        "Only the owner of a qualification type may grant, score or update it; the system "
        "types (Masters, Worker_Locale...) belong to no requester.",
        "documented",
        "botocore model: AssociateQualificationWithWorker",
        "You can only assign a Qualification of a Qualification type that you created",
    ),
    Rule(
        "qualifications.system-types",
        "Every requester can require the system types: Worker_Locale 00000000000000000071, "
        "Worker_NumberHITsApproved 00000000000000000040, Worker_PercentAssignmentsApproved "
        "000000000000000000L0, Worker_Adult 00000000000000000060, and Masters "
        "(2F1QJWKUDD8XADTFD2Q0G6UTO95ALH production, 2ARFPLSP75KLA8M8DH1HTEQVJT3SY6 sandbox).",
        "observed",
        "https://rdrr.io/cran/MTurkR/src/R/ListQualificationTypes.R",
        'c("Masters (Sandbox)","2ARFPLSP75KLA8M8DH1HTEQVJT3SY6"), c("Masters (Production)",'
        '"2F1QJWKUDD8XADTFD2Q0G6UTO95ALH")',
    ),
    Rule(
        "qualifications.revoke-keeps-record",
        "DisassociateQualificationFromWorker revokes: the qualification stays on record "
        "with the status Revoked, listed by ListWorkersWithQualificationType with "
        "Status=Revoked; granting again restores it.",
        "documented",
        "botocore model: ListWorkersWithQualificationTypeRequest.Status",
        "The status of the Qualifications to return. Can be Granted | Revoked.",
    ),
    Rule(
        "qualifications.revoked-score",
        "GetQualificationScore for a revoked qualification is a RequestError 'This "
        "operation can be called with a status of: Granted'.",
        "observed",
        "https://github.com/Dallinger/Dallinger/blob/master/dallinger/mturk.py",
        'if "operation can be called with a status of: Granted" in error: raise '
        "RevokedQualification(",
    ),
    Rule(
        "qualifications.delete-keeps-scores",
        "DeleteQualificationType does not revoke workers' scores: HITs created before still "
        "admit the workers who meet them.",
        "documented",
        "botocore model: DeleteQualificationType",
        "This operation does not revoke Qualifications already assigned to Workers because "
        "the Qualifications might be needed for active HITs.",
    ),
    Rule(
        "qualifications.delete-rejects-requests",
        "DeleteQualificationType rejects the type's pending requests and deletes the HIT "
        "types that require it; the type can no longer be used on new HITs.",
        "documented",
        "botocore model: DeleteQualificationType",
        "deletes any HIT types that are associated with the Qualification type... If there "
        "are any pending requests for the Qualification type, Amazon Mechanical Turk "
        "rejects those requests.",
    ),
    Rule(
        "qualifications.delete-name-48h",
        "A deleted type's name stays taken for 48 hours of service time, then can be used again.",
        "inferred",
        "botocore model, DeleteQualificationType: 'It may take up to 48 hours before ... "
        "the unique name of the Qualification type is available for reuse'; the emulator "
        "takes the longest time AWS names.",
    ),
    Rule(
        "qualifications.requirement-rules",
        "A QualificationRequirement breaking the model's documented rules is refused with "
        "ParameterValidationError naming QualificationRequirements: IntegerValues with "
        "Exists/DoesNotExist or with Worker_Locale, more than 15 IntegerValues or 30 "
        "LocaleValues for In/NotIn, LocaleValues on another type or with another "
        "comparator, more than one value for a single-value comparator, RequiredToPreview "
        "together with ActionsGuarded, more than 10 requirements.",
        "documented",
        "botocore model: QualificationRequirement.IntegerValues",
        "IntegerValue must not be present if Comparator is Exists or DoesNotExist... you "
        "can use up to 15 IntegerValue elements",
    ),
    Rule(
        "qualifications.requirement-error-wording",
        "Those refusals use the model's own sentences as the message, with TurkErrorCode "
        "AWS.MechanicalTurk.InvalidParameterValue.",
        "inferred",
        "No public paste of these errors was found (evidence.md section 7); the nearest "
        "documented behaviour is MTurk's ParameterValidationError for semantic checks.",
    ),
    Rule(
        "qualifications.comparators",
        "A worker meets a requirement as its comparator says (LessThan ... NotIn on the "
        "score; Exists/DoesNotExist on holding a granted qualification); simulated workers "
        "meet the system qualifications.",
        "documented",
        "botocore model: QualificationRequirement.Comparator",
        "a Qualification requirement can also test if a Qualification Exists or "
        "DoesNotExist in the user's profile, regardless of its value.",
    ),
    Rule(
        "qualifications.test-rules",
        "A qualification Test must be a QuestionForm of at most 65535 bytes, needs "
        "TestDurationInSeconds and cannot be combined with AutoGranted; an AnswerKey must "
        "parse and fit 65535 bytes.",
        "documented",
        "botocore model: CreateQualificationTypeRequest.Test",
        "If this parameter is specified, TestDurationInSeconds must also be specified. "
        "Constraints: Must not be longer than 65535 bytes. Must be a QuestionForm",
    ),
    Rule(
        "qualifications.auto-granted",
        "A request for an AutoGranted type is granted at once, with AutoGrantedValue (default 1).",
        "documented",
        "botocore model: CreateQualificationTypeRequest.AutoGranted",
        "Specifies whether requests for the Qualification type are granted immediately, "
        "without prompting the Worker with a Qualification test.",
    ),
    Rule(
        "qualifications.requests",
        "Qualification requests are listed per type, accepted (granting the score) or "
        "rejected, once each.",
        "documented",
        "botocore model: AcceptQualificationRequest",
        "The AcceptQualificationRequest operation approves a Worker's request for a "
        "Qualification.",
    ),
    Rule(
        "qualifications.inactive-cannot-assign",
        "A qualification of an Inactive type cannot be assigned (InvalidQualificationTypeState).",
        "inferred",
        "An Inactive type is one its owner switched off; the emulator refuses new grants "
        "with the state error MTurk used elsewhere.",
    ),
    # --- Qualification tests: answered, scored by an answer key, or sent to the requester.
    Rule(
        "qualifications.answer-key-scored-at-once",
        "A test whose type has an AnswerKey is scored when the worker sends the answers, and "
        "the qualification is granted at once with the value the key computes: no request "
        "waits for the requester.",
        "documented",
        "botocore model: CreateQualificationTypeRequest.AnswerKey",
        "The answers to the Qualification test specified in the Test parameter... If not "
        "specified, you must process Qualification requests manually.",
    ),
    Rule(
        "qualifications.answer-key-options",
        "Per question of the key, each AnswerOption whose SelectionIdentifiers are exactly "
        "the worker's selections adds its AnswerScore (which may be negative); when none "
        "matches, the question's DefaultScore (0 if absent) is added.",
        "documented",
        ANSWER_KEY,
        "The Worker must select all of the selections specified by the SelectionIdentifier "
        "elements, and no others, to earn the score.",
    ),
    Rule(
        "qualifications.answer-key-mapping",
        "The summed score becomes the value: as it is without a QualificationValueMapping; "
        "PercentageMapping: sum / MaximumSummedScore x 100, rounded; ScaleMapping: sum x "
        "SummedScoreMultiplier; RangeMapping: the QualificationValue of the SummedScoreRange "
        "holding the sum (inclusive bounds), else OutOfRangeQualificationValue.",
        "documented",
        ANSWER_KEY,
        "If no QualificationValueMapping is specified, the sum of the scores of the answers "
        "is used as the Qualification value.",
    ),
    Rule(
        "qualifications.answer-key-choices",
        "Where AWS is silent the emulator chooses: a half rounds away from zero, a scaled "
        "score is rounded too, the first of overlapping ranges counts, options that match "
        "alike all add, a MaximumSummedScore of 0 is refused, and the key's questions are "
        "not checked against the test's.",
        "inferred",
        "The AnswerKey page says 'rounded to the nearest integer' without naming ties, not "
        "how a scaled score becomes whole, and 'If ranges overlap, the behavior is "
        "undefined'; no source shows MTurk comparing a key with its test.",
    ),
    Rule(
        "qualifications.answer-key-schema",
        "An AnswerKey that is not laid out as the AnswerKey schema lays it out (Question with "
        "one QuestionIdentifier and AnswerOptions of SelectionIdentifiers and one whole "
        "AnswerScore; at most one mapping) is refused: ParameterValidationError, AnswerKey.",
        "documented",
        ANSWER_KEY,
        "The XML data must conform to the AnswerKey schema.",
    ),
    Rule(
        "qualifications.answer-key-needs-test",
        "An AnswerKey without a Test is refused (ParameterValidationError naming AnswerKey).",
        "documented",
        "botocore model: QualificationType.Test",
        "This parameter must be specified if AnswerKey is present.",
    ),
    Rule(
        "qualifications.update-test-drops-key",
        "UpdateQualificationType with a Test and no AnswerKey leaves the type without an "
        "answer key: its requests are then decided by the requester.",
        "documented",
        "botocore model: UpdateQualificationType",
        "If you provide an updated Test but no AnswerKey, the new test will not have an "
        "answer key. Requests for such Qualifications must be granted manually.",
    ),
    Rule(
        "qualifications.test-needs-answers",
        "A request for a type with a Test comes with the answers to its questions; without "
        "a Test it needs none.",
        "documented",
        "botocore model: CreateQualificationTypeRequest.Test",
        "If not specified, the Worker may request the Qualification without answering any "
        "questions.",
    ),
    Rule(
        "qualifications.test-duration",
        "A worker's time for a test runs from opening it, which is the request's time, for "
        "TestDurationInSeconds.",
        "documented",
        "botocore model: CreateQualificationTypeRequest.TestDurationInSeconds",
        "The number of seconds the Worker has to complete the Qualification test, starting "
        "from the time the Worker requests the Qualification.",
    ),
    Rule(
        "qualifications.test-late-answers",
        "Answers sent after the test's time are refused with one sentence and never reach "
        "the requester; the attempt counts as a request (the retry rules apply).",
        "inferred",
        "AWS gives the test's duration but not what happened to late answers; the emulator "
        "treats the time as a limit, and the opened test as the request it began.",
    ),
    Rule(
        "qualifications.retry-delay",
        "Without RetryDelayInSeconds a worker asks for a type once only, granted or not; "
        "with it, again once the delay since the last request has passed, also to retake a "
        "test for a better score.",
        "documented",
        "botocore model: CreateQualificationTypeRequest.RetryDelayInSeconds",
        "If not specified, retries are disabled and Workers can request a Qualification of "
        "this type only once, even if the Worker has not been granted the Qualification.",
    ),
    Rule(
        "qualifications.one-request-waiting",
        "While a worker's request waits for the requester, the worker cannot ask again; a "
        "retake's score replaces the score held.",
        "inferred",
        "A requester decides one request per worker at a time (AcceptQualificationRequest "
        "grants the value it is given), so the emulator keeps one waiting and the last score.",
    ),
    Rule(
        "qualifications.request-keeps-test",
        "A request without an answer key waits with Test (the QuestionForm as it was when "
        "the worker asked) and Answer (the answers, a QuestionFormAnswers document).",
        "documented",
        "botocore model: QualificationRequest.Test",
        "This value is identical to the QuestionForm associated with the Qualification type "
        "at the time the Worker requests the Qualification.",
    ),
)
