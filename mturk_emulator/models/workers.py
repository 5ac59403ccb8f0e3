"""Workers as a requester meets them: messages and blocks."""

from __future__ import annotations

from ..exceptions import ParameterValidationError
from .state import MarketplaceState, Notification
from .validation import check_length


class Workers(MarketplaceState):
    def notify_workers(
        self, subject: str, message: str, worker_ids: list[str]
    ) -> list[dict[str, str]]:
        check_length("Subject", subject, 200)
        check_length("MessageText", message, 4096)
        if not 1 <= len(worker_ids) <= 100:
            # botocore model: "You can notify upto 100 Workers at a time."
            raise ParameterValidationError(
                "WorkerIds", "You can notify up to 100 Workers at a time, and at least one."
            )
        reviewed = self.reviewed_workers
        failures = []
        for worker_id in worker_ids:
            if worker_id in reviewed:
                self.notifications.append(
                    Notification(
                        "Email", {"WorkerId": worker_id, "Subject": subject, "Text": message}
                    )
                )
            else:
                failures.append(
                    {
                        "NotifyWorkersFailureCode": "HardFailure",
                        "NotifyWorkersFailureMessage": (
                            f"Cannot send a message to {worker_id}: you have not approved "
                            "or rejected work from this Worker."
                        ),
                        "WorkerId": worker_id,
                    }
                )
        return failures

    def create_worker_block(self, worker_id: str, reason: str) -> None:
        # aws/aws-sdk-java#2055: CreateWorkerBlock refused a worker of the other environment.
        self.check_worker(worker_id)
        self.worker_blocks[worker_id] = reason

    def delete_worker_block(self, worker_id: str) -> None:
        self.check_worker(worker_id)
        self.worker_blocks.pop(worker_id, None)
