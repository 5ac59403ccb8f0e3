"""Rules about the worker's side: the local worker site, its task frames, and the moves."""

from __future__ import annotations

from . import Rule

DOCS = "https://docs.aws.amazon.com/AWSMechTurk/latest/"

RULES: tuple[Rule, ...] = (
    Rule(
        "worker.four-parameters",
        "A HIT opens in an iframe; its URL gets hitId, assignmentId, turkSubmitTo, workerId.",
        "documented",
        DOCS + "AWSMechanicalTurkRequester/mturk-hits-defining-questions-html-rendered.html",
        "Mechanical Turk appends four query parameters to the URL",
    ),
    Rule(
        "worker.preview-assignment-id",
        "A preview: assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE, no workerId.",
        "documented",
        DOCS + "AWSMturkAPI/ApiReference_ExternalQuestionArticle.html",
        "set to ASSIGNMENT_ID_NOT_AVAILABLE",
    ),
    Rule(
        "worker.external-submit",
        "A post to turkSubmitTo/mturk/externalSubmit with an assignmentId submits it.",
        "documented",
        DOCS + "AWSMechanicalTurkRequester/mturk-hits-defining-questions-html-define.html",
        "needs the form response to include the assignmentId",
    ),
    Rule(
        "worker.actions-guarded",
        "ActionsGuarded (default Accept) says what a requirement guards.",
        "documented",
        "botocore model: QualificationRequirement.ActionsGuarded",
        "Worker cannot accept, preview, or see the HIT",
    ),
    Rule(
        "worker.qualification-requests",
        "A worker's request for a qualification waits for the requester (or is auto-granted).",
        "documented",
        "botocore model: ListQualificationRequests",
        "The owner of the Qualification type calls this operation to poll for pending requests",
    ),
    Rule(
        "worker.crowd-elements-offline",
        "AWS's HIT scripts and submit address are local ones; crowd elements not "
        "implemented show a notice.",
        "inferred",
        "AWS's addresses closed with the service.",
    ),
    Rule(
        "worker.html-question-origin",
        "An HTMLQuestion is sandboxed, from the other loopback name.",
        "inferred",
        "Our way to keep its scripts apart.",
    ),
    Rule(
        "worker.question-form-rendered",
        "A QuestionForm is shown as a web form.",
        "inferred",
        "No page records how MTurk drew it.",
    ),
    Rule(
        "worker.group-address",
        "One entry per HIT group; /projects/<HITTypeId>/tasks opens one.",
        "inferred",
        "The worker site's address, as the guide records it.",
    ),
    Rule(
        "worker.local-stand-ins",
        "Workers meet system qualifications until scored; the requester is named by account.",
        "inferred",
        "The emulator has no worker history or requester name.",
    ),
    Rule(
        "worker.moves-over-http",
        "POST /control/<move> runs a move; a wrong one gets a JSON error.",
        "inferred",
        "The emulator's own controls: MTurk had none.",
    ),
)
