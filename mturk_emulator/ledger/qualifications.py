"""Rules about qualification types, workers' scores and requirements on HITs."""

from __future__ import annotations

from . import Rule

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
)
