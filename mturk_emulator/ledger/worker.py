"""Rules about the worker's side: the local worker site, its task frames, and the moves."""

from __future__ import annotations

from . import Rule

RENDERED = (
    "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/"
    "mturk-hits-defining-questions-html-rendered.html"
)
EXTERNAL = (
    "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMturkAPI/"
    "ApiReference_ExternalQuestionArticle.html"
)
HTML_FORM = (
    "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/"
    "mturk-hits-defining-questions-html-define.html"
)

RULES: tuple[Rule, ...] = (
    Rule(
        "worker.task-in-iframe",
        "The worker site shows an accepted HIT in an iframe: an ExternalQuestion's own URL, "
        "an HTMLQuestion's HTML from an address of the emulator.",
        "documented",
        RENDERED,
        "This page contains an iframe HTML element that has a URL for your task interface.",
    ),
    Rule(
        "worker.four-parameters",
        "The frame's URL gets hitId, assignmentId, turkSubmitTo and workerId appended (with "
        "'&' when the URL already has a query); turkSubmitTo is the local worker site.",
        "documented",
        RENDERED,
        "Mechanical Turk appends four query parameters to the URL that provide your task "
        "interface with information about the assignment",
    ),
    Rule(
        "worker.preview-assignment-id",
        "In a preview the frame gets assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE and no "
        "workerId; a post with that assignmentId records nothing.",
        "documented",
        EXTERNAL,
        "the assignmentId parameter is set to ASSIGNMENT_ID_NOT_AVAILABLE",
    ),
    Rule(
        "worker.external-submit",
        "A form posted to turkSubmitTo + /mturk/externalSubmit with the assignmentId of an "
        "accepted assignment submits it; every other field is an answer, in the shape the "
        "answers rules give.",
        "documented",
        HTML_FORM,
        "To be able to successfully process the worker's response, Mechanical Turk needs "
        "the form response to include the assignmentId",
    ),
    Rule(
        "worker.submit-address-made-local",
        "An HTMLQuestion's form action https://www.mturk.com/mturk/externalSubmit (or the "
        "sandbox's) and AWS's externalHIT_v1.js are replaced by the local site's submit "
        "address and a local script with the same two functions.",
        "inferred",
        "The real addresses closed with the service, and an offline site cannot reach "
        "them; AWS's example form uses both (" + HTML_FORM + ").",
    ),
    Rule(
        "worker.html-question-origin",
        "An HTMLQuestion's HTML is served under the other loopback host name (localhost "
        "or 127.0.0.1) with 'Content-Security-Policy: sandbox allow-scripts allow-forms', "
        "in an iframe sandboxed the same way: its scripts cannot read the worker site's "
        "cookie or storage.",
        "inferred",
        "AWS served it from 'a Mechanical Turk location' apart from the worker site ("
        + RENDERED
        + "); the emulator's own choice of how to keep it apart locally.",
    ),
    Rule(
        "worker.actions-guarded",
        "A qualification requirement guards the actions its ActionsGuarded names: Accept; "
        "PreviewAndAccept; DiscoverPreviewAndAccept (hidden from the HIT list). Without it, "
        "Accept, or Preview and Accept with RequiredToPreview.",
        "documented",
        "botocore model: QualificationRequirement.ActionsGuarded",
        '"DiscoverPreviewAndAccept" (Worker cannot accept, preview, or see the HIT in '
        "their search results)",
    ),
    Rule(
        "worker.system-qualification-scores",
        "Simulated workers meet every system qualification (Masters, HITs approved, "
        "percent approved, adult, locale) until given a score for one with "
        "grant_system_qualification; from then on the score decides.",
        "inferred",
        "MTurk computed these scores from a worker's history, which the emulator has not "
        "got; a test sets them instead.",
    ),
    Rule(
        "worker.requester-name",
        "The worker site names the requester 'Requester of AWS account <account id>'.",
        "inferred",
        "A requester's display name was set on the requester site, which the emulator has "
        "not got.",
    ),
    Rule(
        "worker.moves-over-http",
        "POST /control/<move> with the control token runs a worker's move (add-worker, "
        "accept-hit, submit-answers, return-assignment, advance-time, set-linked, "
        "set-prepaid-balance, grant-system-qualification); a wrong move gets one JSON "
        "error: 409 for a move MTurk refused, 400 for a wrong request, 404 for no such move.",
        "inferred",
        "The emulator's own control surface (MTurk had no API for workers); the sentences "
        "are MTurkFake's.",
    ),
)
