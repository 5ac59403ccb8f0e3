"""The emulated account kept on disk: ``mturk-emulator serve --state PATH``.

The store sits below everything else: the models do not know it exists. It keeps,
in one SQLite file (``journal.py``):

* the **journal**: every request the server answered with success that could
  change something (IAM, STS and MTurk alike), written in the same transaction
  as it is answered, before the answer leaves; with the time it was served at
  and the seed of the random ids it drew. Replayed in order, with the same
  clock and the same seeds, the requests give the same account again, to the
  last key id and secret.
* the **controls** of ``MTurkFake`` that change the account (simulated workers,
  the clock, links and balance), kept as requests are;
* **checkpoints**: the whole account (moto's IAM and STS backends and the MTurk
  backends, pickled) every ``CHECKPOINT_EVERY`` (1,000) requests and when the server
  stops, so that a restart replays only the requests after the last one.

A checkpoint written by another emulator version is never read: the journal is
replayed from its first request instead (the API is the same across versions).
``export``/``import`` write and read the journal as a JSON file (``exchange.py``);
``commands.py`` is their command line. The server enters ``persistent_state``.
"""

from __future__ import annotations

from .errors import StateError

__all__ = ["StateError"]
