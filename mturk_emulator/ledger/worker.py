"""Rules about the worker's side: the local worker site, its task frames, and the moves."""

from __future__ import annotations

from . import Rule

DOCS = "https://docs.aws.amazon.com/AWSMechTurk/latest/"
RENDERED = DOCS + "AWSMechanicalTurkRequester/mturk-hits-defining-questions-html-rendered.html"

RULES: tuple[Rule, ...] = (
    Rule(
        "worker.task-in-iframe",
        "An accepted HIT opens in an iframe.",
        "documented",
        RENDERED,
        "This page contains an iframe HTML element",
    ),
    Rule(
        "worker.four-parameters",
        "The frame's URL gets hitId, assignmentId, turkSubmitTo (the local site) and workerId.",
        "documented",
        RENDERED,
        "Mechanical Turk appends four query parameters to the URL",
    ),
    Rule(
        "worker.preview-assignment-id",
        "A preview gets assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE and no workerId.",
        "documented",
        DOCS + "AWSMturkAPI/ApiReference_ExternalQuestionArticle.html",
        "the assignmentId parameter is set to ASSIGNMENT_ID_NOT_AVAILABLE",
    ),
    Rule(
        "worker.external-submit",
        "A post to turkSubmitTo/mturk/externalSubmit with an assignmentId submits its fields.",
        "documented",
        DOCS + "AWSMechanicalTurkRequester/mturk-hits-defining-questions-html-define.html",
        "Mechanical Turk needs the form response to include the assignmentId",
    ),
    Rule(
        "worker.submit-address-made-local",
        "In an HTMLQuestion, MTurk's externalSubmit addresses and externalHIT_v1.js "
        "become the local site's.",
        "inferred",
        "Those addresses closed with the service; an offline site cannot reach them.",
    ),
    Rule(
        "worker.html-question-origin",
        "An HTMLQuestion comes from the other loopback name, sandboxed: its scripts "
        "cannot read the site's cookie or storage.",
        "inferred",
        "AWS served it from a location of its own; how to keep it apart locally is ours.",
    ),
    Rule(
        "worker.question-form-rendered",
        "A QuestionForm is shown as a web form: text boxes, radio buttons, check boxes.",
        "inferred",
        "MTurk drew QuestionForms in a look no page records.",
    ),
    Rule(
        "worker.actions-guarded",
        "A requirement guards the actions its ActionsGuarded names (default: Accept).",
        "documented",
        "botocore model: QualificationRequirement.ActionsGuarded",
        "Worker cannot accept, preview, or see the HIT",
    ),
    Rule(
        "worker.group-address",
        "One entry per HIT group; /projects/<HITTypeId>/tasks leads to its first HIT.",
        "inferred",
        "Workers browsed groups (AWS's HIT-type concepts); the address is the guide's.",
    ),
    Rule(
        "worker.system-qualification-scores",
        "Simulated workers meet every system qualification until given a score for it.",
        "inferred",
        "MTurk computed them from a worker's history, which the emulator has not got.",
    ),
    Rule(
        "worker.requester-name",
        "The site names the requester 'Requester of AWS account <id>'.",
        "inferred",
        "The display name was set on the requester site, which the emulator has not got.",
    ),
    Rule(
        "worker.moves-over-http",
        "POST /control/<move> with the control token runs a move; a wrong one gets one "
        "JSON error.",
        "inferred",
        "The emulator's own controls (MTurk had no API for workers).",
    ),
)
