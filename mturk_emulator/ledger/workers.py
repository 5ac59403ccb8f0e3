"""Rules about workers as a requester meets them: ids, blocks and messages."""

from __future__ import annotations

from . import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "workers.unknown-worker",
        "A well-formed WorkerId of no worker in that environment (e.g. a production worker "
        'in the sandbox) is refused: ParameterValidationError \'The value "<id>" is not '
        "valid for the parameter WorkerId.' Workers are known once they accept a HIT, ask "
        "for a qualification, or are added with MTurkFake.add_worker.",
        "observed",
        "https://github.com/aws/aws-sdk-java/issues/2055",
        'The value "REDACTED" is not valid for the parameter WorkerId. (1563818969320 s)',
    ),
    Rule(
        "workers.blocks",
        "A blocked worker cannot accept the requester's HITs until unblocked; unblocking "
        "twice is no error.",
        "documented",
        "botocore model: CreateWorkerBlock",
        "The CreateWorkerBlock operation allows you to prevent a Worker from working on "
        "your HITs.",
    ),
    Rule(
        "workers.notify-only-reviewed",
        "NotifyWorkers emails only workers whose work the requester approved or rejected; "
        "the others come back as failure statuses.",
        "documented",
        "botocore model: NotifyWorkers",
        "will send a notification email to a Worker only if you have previously approved "
        "or rejected work from the Worker.",
    ),
    Rule(
        "workers.notify-limits",
        "NotifyWorkers takes 1 to 100 workers, a Subject of up to 200 and a MessageText of "
        "up to 4,096 characters.",
        "documented",
        "botocore model: NotifyWorkersRequest",
        "You can notify upto 100 Workers at a time.",
    ),
)
