"""A local Amazon Mechanical Turk: moto for IAM and STS, plus an MTurk backend.

MTurk closed on September 30, 2026; this emulator is how the guide's steps can
still be run. Use it as a context manager::

    from snippets.mturk_fake import emulator

    with emulator() as mturk_fake:
        ...  # every boto3 client and the AWS CLI now talk to the emulator
"""

from .core import MTurkFake, emulator, handle_mturk_request, install_mturk_managed_policies
from .exceptions import WorkerCannotAccept

__all__ = [
    "MTurkFake",
    "WorkerCannotAccept",
    "emulator",
    "handle_mturk_request",
    "install_mturk_managed_policies",
]
