"""Rules about parameter checks: the model's constraints, and MTurk's own checks."""

from __future__ import annotations

from . import Rule

DALLINGER_1052 = "https://github.com/Dallinger/Dallinger/issues/1052"

RULES: tuple[Rule, ...] = (
    Rule(
        "validation.model-constraints",
        "A value that breaks a constraint of the botocore model (pattern, maximum length or "
        "value, enum) is refused with ValidationException, '1 validation error detected: "
        "Value ... at '<member>' failed to satisfy constraint: Member must ...'.",
        "observed",
        DALLINGER_1052,
        "An error occurred (ValidationException) when calling the SendBonus operation: 1 "
        "validation error detected: Value '0.9752' at 'bonusAmount' failed to satisfy "
        "constraint",
    ),
    Rule(
        "validation.from-the-model",
        "Every pattern, length, value range, enum and required member the emulator checks "
        "is read from botocore's mturk model (botocore does not check patterns, maximums or "
        "enums on the client side); none is retyped.",
        "documented",
        "botocore model: every operation's input shape (e.g. CustomerId, CurrencyAmount, "
        "ResultSize, Comparator)",
        "CustomerId: min 1, max 64, pattern ^A[A-Z0-9]+$",
    ),
    Rule(
        "validation.model-required",
        "A required member that is missing (possible only when botocore's own check is "
        "switched off) is refused as 'Value null at '<member>' failed to satisfy "
        "constraint: Member must not be null'.",
        "observed",
        "https://github.com/boto/boto3/issues/1223",
        "Value null at 'reason' failed to satisfy constraint: Member must not be null.",
    ),
    Rule(
        "validation.several-errors",
        "Several violations in one request are reported together: 'N validation errors "
        "detected: ...; ...'.",
        "inferred",
        "The usual AWS framework wording for several errors; no MTurk paste shows more "
        "than one (evidence.md section 0).",
    ),
    Rule(
        "validation.nested-member-path",
        "A violation inside a list or structure names its path as AWS does, e.g. "
        "'qualificationRequirements.1.member.comparator' (lower-case first letter, "
        "1-based list positions).",
        "inferred",
        "The usual AWS framework form for nested members; not seen for MTurk "
        "(evidence.md section 0).",
    ),
    Rule(
        "validation.currency-amount",
        "Reward and BonusAmount must match ^[0-9]+(\\.)?[0-9]{0,2}$: ' 0.50', '1_000', "
        "'0.505', '-1' and non-ASCII digits are refused with ValidationException.",
        "documented",
        "botocore model: CurrencyAmount",
        "pattern ^[0-9]+(\\.)?[0-9]{0,2}$",
    ),
    Rule(
        "validation.worker-id-pattern",
        "A WorkerId must match ^A[A-Z0-9]+$ (1 to 64 characters): 'nonsense' or an id with "
        "a stray space is refused with ValidationException.",
        "documented",
        "botocore model: CustomerId",
        "pattern ^A[A-Z0-9]+$",
    ),
    Rule(
        "validation.parameter-validation-error",
        "MTurk's own checks (ranges, unknown workers, bad XML, rules between parameters) "
        "answer ParameterValidationError with Message, Parameter and TurkErrorCode "
        "AWS.MechanicalTurk.InvalidParameterValue; it is not a modeled error, so "
        "client.exceptions.RequestError does not catch it.",
        "observed",
        "https://github.com/boto/boto3/issues/2108",
        '..."Parameter":"Test","TurkErrorCode":"AWS.MechanicalTurk.InvalidParameterValue"}',
    ),
    Rule(
        "validation.range-wording",
        "An integer out of MTurk's range is refused as 'The value <v> is invalid for "
        "<Parameter>. Valid values range from <a> to <b>.' (observed for "
        "ExpirationIncrementInSeconds).",
        "observed",
        "https://github.com/aws/aws-sdk-java/issues/1817",
        "The value 11 is invalid for ExpirationIncrementInSeconds. Valid values range from "
        "60 to 31536000.",
    ),
    Rule(
        "validation.range-other-parameters",
        "LifetimeInSeconds and AssignmentDurationInSeconds (30 s to 1 year), "
        "AutoApprovalDelayInSeconds (0 to 30 days) and MaxAssignments (1 to 1,000,000) use "
        "the same wording. Relabelled: facts.md section 8 showed a LifetimeInSeconds message "
        "as observed; it was extrapolated from the ExpirationIncrementInSeconds one.",
        "inferred",
        "Only the ExpirationIncrementInSeconds message was ever pasted (aws-sdk-java#1817, "
        "aws-sdk-ruby#2065); the ranges are from the CreateHIT reference as remembered, and "
        "Dallinger notes '34 seconds (30 is minimum)' (evidence.md section 2).",
    ),
    Rule(
        "validation.bad-xml",
        "XML that does not parse, or is not the structure the parameter needs (Question, "
        'Test, AnswerKey), is refused as ParameterValidationError \'The value "<xml>" is '
        "not valid for the parameter <Parameter>.'",
        "observed",
        "https://github.com/boto/boto3/issues/2108",
        '...is not valid for the parameter Test. (1567545210650 s)","Parameter":"Test"',
    ),
    Rule(
        "validation.text-lengths",
        "Title (128), Description (2000), Keywords (1000), Subject (200) and MessageText "
        "(4096 characters) longer than MTurk allows are refused with "
        "ParameterValidationError naming the parameter.",
        "inferred",
        "The limits are in AWS's API reference (Subject and MessageText also in the botocore "
        "model's docs); no paste of the real refusal was found (evidence.md section 2).",
    ),
    Rule(
        "validation.requester-annotation",
        "A RequesterAnnotation longer than 255 characters, or with a character that is not "
        "ASCII, is refused with ParameterValidationError naming RequesterAnnotation.",
        "documented",
        "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/"
        "HITReferences.html",
        "Although it is limited to 255 ASCII characters, this is generally adequate to capture "
        "identifiers that denote the origin of your data.",
    ),
    Rule(
        "validation.amount-too-large",
        "An amount that fits the CurrencyAmount pattern but has more digits than MTurk "
        "holds (e.g. forty nines) is refused with ParameterValidationError.",
        "inferred",
        "The pattern allows any number of digits; a money amount that large cannot be "
        "stored, and MTurk's semantic checks answer ParameterValidationError.",
    ),
)
