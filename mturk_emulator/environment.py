"""The process environment while the emulator runs: a new AWS account, nothing of yours.

Every ``AWS_*`` variable of the calling process is set aside (a profile, an endpoint
override, an output format, a session token: any of them would change what boto3 or
the AWS CLI does; only the AWS CLI's own entry in ``AWS_DATA_PATH`` and the
emulator's copy of the ``mturk`` model stay), the AWS
config and credentials files are moved to a private folder, and the account's root
key is set, as if its owner had just opened the account. On leaving, the environment
is restored exactly as it was.

This is the only place that isolates the AWS environment: the emulator, its pytest
fixtures and the guide's practice mode all use it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from .constants import REGION
from .service_model import DATA_PATH as MODEL_DATA_PATH

ROOT_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
"""AWS's documented example key pair: the only key-shaped strings this package holds."""
ROOT_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # noqa: S105

PREFIX = "AWS_"
DATA_PATH = "AWS_DATA_PATH"


def _package_data_paths() -> str | None:
    """The entries of ``AWS_DATA_PATH`` that installed packages put there, none of yours.

    The AWS CLI adds its own data folder to ``AWS_DATA_PATH`` when it is imported and
    cannot run without it, and the emulator adds its copy of the ``mturk`` model
    (``service_model.on_data_path``); anything else there would change the models.
    """
    kept = [
        entry
        for entry in os.environ.get(DATA_PATH, "").split(os.pathsep)
        if entry == str(MODEL_DATA_PATH) or (
            Path(entry).name == "data" and (Path(entry).parent / "__init__.py").is_file()
            and Path(entry).parent.name == "awscli"
        )
    ]  # fmt: skip
    return os.pathsep.join(kept) if kept else None


def aws_variables(folder: Path) -> dict[str, str]:
    """What the environment holds inside: root keys, the only region, private files."""
    return {
        "AWS_ACCESS_KEY_ID": ROOT_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": ROOT_SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(folder / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(folder / "credentials"),
    }


@contextmanager
def isolated_aws_environment(
    folder: Path | None = None, *, extra: Mapping[str, str] | None = None
) -> Iterator[Path]:
    """Run the block with only the emulator's AWS variables; yield the private folder.

    ``folder`` holds the AWS ``config`` and ``credentials`` files (created empty-handed:
    the files appear only when something writes them). Without it, a temporary folder is
    made and removed afterwards. ``extra`` adds or overrides variables.
    """
    with ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mturk-aws-")))
        folder.mkdir(parents=True, exist_ok=True)
        saved = {name: value for name, value in os.environ.items() if name.startswith(PREFIX)}
        data_path = _package_data_paths()
        for name in saved:
            del os.environ[name]
        os.environ.update(aws_variables(folder))
        if data_path:
            os.environ[DATA_PATH] = data_path
        os.environ.update(extra or {})
        _forget_boto3s_default_session()  # it caches the credentials it first found
        try:
            yield folder
        finally:
            for name in [name for name in os.environ if name.startswith(PREFIX)]:
                del os.environ[name]
            os.environ.update(saved)
            _forget_boto3s_default_session()


def _forget_boto3s_default_session() -> None:
    # Only if boto3 is imported: otherwise there is no session to forget, and
    # importing it would cost every caller a fifth of a second.
    boto3: Any = sys.modules.get("boto3")
    if boto3 is not None:
        boto3.DEFAULT_SESSION = None
