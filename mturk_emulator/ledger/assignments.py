"""Rules about assignments: accepted, abandoned, submitted, approved, rejected."""

from __future__ import annotations

from . import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "assignments.abandoned-after-duration",
        "An accepted assignment not submitted within AssignmentDurationInSeconds is "
        "abandoned: the worker can no longer submit it and, while the HIT is live, its slot "
        "is available again.",
        "documented",
        "botocore model: CreateHITRequest.AssignmentDurationInSeconds",
        "the assignment is considered abandoned. If the HIT is still active (that is, its "
        "lifetime has not elapsed), the assignment becomes available for other users",
    ),
    Rule(
        "assignments.auto-approval",
        "A submitted assignment is approved by itself at SubmitTime + "
        "AutoApprovalDelayInSeconds (default 30 days), unless reviewed first.",
        "documented",
        "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/"
        "RetrievingResults.html",
        "This is computed by adding the auto-approval delay you set when creating the HIT "
        "to the SubmitTime.",
    ),
    Rule(
        "assignments.listed-when-submitted",
        "ListAssignmentsForHIT lists only Submitted, Approved and Rejected assignments, "
        "also while the HIT is still Assignable; work accepted but not submitted is not "
        "listed.",
        "documented",
        "botocore model: ListAssignmentsForHIT",
        "If a HIT requested multiple assignments, and has received some results but has "
        "not yet become Reviewable, you can still retrieve the partial results",
    ),
    Rule(
        "assignments.unsubmitted-does-not-exist",
        "An assignment accepted but not yet submitted (or abandoned) does not exist for "
        "GetAssignment, ApproveAssignment and SendBonus.",
        "observed",
        "https://github.com/facebookresearch/Mephisto/issues/1081",
        "RequestError: An error occurred (RequestError) when calling the SendBonus "
        "operation: Assignment [..] does not exist.",
    ),
    Rule(
        "assignments.only-submitted-reviewed",
        "Approving or rejecting an assignment that is not Submitted is refused: 'This "
        "operation can be called with a status of: Submitted', TurkErrorCode "
        "AWS.MechanicalTurk.InvalidAssignmentState.",
        "observed",
        "https://github.com/NRGI/resourcecontracts.org/issues/1384",
        '{"__type":"RequestError","Message":"This operation can be called with a status '
        'of: Submitted (1624047673908)"',
    ),
    Rule(
        "assignments.override-rejection-window",
        "A rejected assignment can be approved with OverrideRejection, only within 30 days "
        "of its submission and while its HIT is not deleted.",
        "documented",
        "botocore model: ApproveAssignment",
        "This only works on rejected assignments that were submitted within the previous "
        "30 days and only if the assignment's related HIT has not been deleted.",
    ),
    Rule(
        "assignments.file-upload-url",
        "GetFileUploadURL answers a URL valid for 60 seconds for a question the worker "
        "answered with a file, and an error otherwise.",
        "documented",
        "botocore model: GetFileUploadURL",
        "is valid for 60 seconds",
    ),
)
