"""Open-source MTurk clients, run unmodified against the emulator.

* mephisto 1.1.1: the functions of ``mephisto.abstractions.providers.mturk.mturk_utils``,
  which take a boto3 client (we build it, pointed at the emulator);
* dallinger 12.4.0: ``dallinger.mturk.MTurkService``, which builds its own client
  (in process it needs nothing; for the server a subclass overrides its ``host``).

Both are pinned in the ``conformance`` dependency group, with their dependencies cut
down to what these two modules import. Two pieces of harness, neither touching their
MTurk code:

* their package ``__init__`` is skipped (``_skip_package_init``): mephisto's crashes
  on Python 3.11 (a dataclass with a mutable default in ``operations/hydra_config``)
  and dallinger's imports its whole framework (gevent, sqlalchemy, redis...);
* dallinger's methods import ``handle_and_raise_recruitment_error`` from
  ``dallinger.recruiters`` on their error paths; that function logs, notifies the
  experiment's admin, then raises. The stand-in below only raises.

Every test runs twice: in process (``mturk_fake``, the real MTurk host names) and
against the local server (``http://127.0.0.1:PORT/sandbox``), with IAM enforced.
"""

from __future__ import annotations

import importlib.util
import sys
import types
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest

from mturk_emulator import MTurkFake
from mturk_emulator.constants import PRODUCTION_ENDPOINT, REGION, SANDBOX_ENDPOINT
from mturk_emulator.environment import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY
from mturk_emulator.server import serving


def _skip_package_init(name: str) -> None:
    spec = importlib.util.find_spec(name)
    assert spec is not None, name
    assert spec.submodule_search_locations is not None, name
    package = types.ModuleType(name)
    package.__path__ = list(spec.submodule_search_locations)
    package.__spec__ = spec
    sys.modules.setdefault(name, package)


def _handle_and_raise_recruitment_error(ex: Exception) -> None:
    raise ex


_skip_package_init("mephisto")
_skip_package_init("dallinger")
_recruiters = types.ModuleType("dallinger.recruiters")
_recruiters.handle_and_raise_recruitment_error = _handle_and_raise_recruitment_error
sys.modules.setdefault("dallinger.recruiters", _recruiters)
with warnings.catch_warnings():
    # mephisto's mturk_utils has an invalid escape (regex="\S") in a plain string,
    # a warning when Python first compiles it (Deprecation- in 3.11, Syntax- from
    # 3.12), which this suite's filterwarnings=error would turn into an error.
    warnings.simplefilter("ignore", DeprecationWarning)
    warnings.simplefilter("ignore", SyntaxWarning)
    importlib.import_module("mephisto.abstractions.providers.mturk.mturk_utils")

ANSWER = (
    '<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd">'
    "<Answer><QuestionIdentifier>q</QuestionIdentifier><FreeText>yes</FreeText></Answer>"
    "</QuestionFormAnswers>"
)
EXTERNAL_QUESTION = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    'AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>https://example.com/task</ExternalURL><FrameHeight>600</FrameHeight>"
    "</ExternalQuestion>"
)
WORKER = "A1EXAMPLEWORKER"
OTHER_WORKER = "A2EXAMPLEWORKER"


@dataclass
class Endpoint:
    """Where the clients talk to: the emulator in process, or the local server."""

    fake: MTurkFake
    server_url: str | None  # None: in process

    @property
    def sandbox_url(self) -> str:
        return SANDBOX_ENDPOINT if self.server_url is None else f"{self.server_url}/sandbox"

    @property
    def production_url(self) -> str:
        if self.server_url is None:
            return PRODUCTION_ENDPOINT
        return f"{self.server_url}/production"

    def client(self, *, sandbox: bool = True) -> Any:
        """A plain boto3 MTurk client signed with the root key (as mephisto's users make one)."""
        url = self.sandbox_url if sandbox else self.production_url
        return boto3.client(
            "mturk",
            region_name=REGION,
            endpoint_url=url,
            aws_access_key_id=ROOT_ACCESS_KEY_ID,
            aws_secret_access_key=ROOT_SECRET_ACCESS_KEY,
        )


@pytest.fixture(params=["in-process", "server"])
def endpoint(request: pytest.FixtureRequest) -> Iterator[Endpoint]:
    """The emulator, with the two workers the tests meet known in both environments.

    MTurk refused worker ids it did not know (ledger ``workers.unknown-worker``); a
    client's own code never creates workers, so the world it meets has them.
    """
    if request.param == "in-process":
        fake = request.getfixturevalue("mturk_fake")
        _known_workers(fake)
        yield Endpoint(fake, None)
        return
    with serving(port=0) as server:
        fake = MTurkFake()
        _known_workers(fake)
        yield Endpoint(fake, server.url)


def _known_workers(fake: MTurkFake) -> None:
    for sandbox in (True, False):
        fake.add_worker(WORKER, OTHER_WORKER, sandbox=sandbox)
