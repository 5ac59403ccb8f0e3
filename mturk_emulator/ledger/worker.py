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
    # --- Qualification tests on the worker site (i32).
    Rule(
        "worker.qualification-test-form",
        "A qualification test opens on a page of its own ('Take the test' on a HIT's "
        "requirement or the type's page) as a form drawn from its QuestionForm as a "
        "QuestionForm HIT's is, with the time it must be sent by.",
        "inferred",
        "No page records how MTurk drew a test; the emulator reuses its QuestionForm form.",
    ),
    Rule(
        "worker.qualification-test-result",
        "Once sent, the worker sees the score (answer key) or that the answers went to the "
        "requester, and each HIT requiring the type with whether it can be accepted now.",
        "inferred",
        "The worker site's own result page; MTurk's wording was not recorded.",
    ),
    Rule(
        "worker.qualification-test-moves",
        "POST /control/start-qualification-test and take-qualification-test run the same "
        "MTurkFake methods as the worker site's test pages.",
        "inferred",
        "The emulator's own controls, so test suites in any language can take a test.",
    ),
    Rule(
        "worker.qualifications-tab",
        "A Qualifications tab lists the marketplace's active qualification types; each "
        "links to its page, where a worker takes its test or asks for it.",
        "observed",
        "https://github.com/cloudyr/MTurkR/wiki/Qualification-Requests",
        "the Qualifications tab on the worker site lists all Qualifications.",
    ),
)
