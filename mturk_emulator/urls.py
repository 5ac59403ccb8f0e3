"""The URLs the MTurk backend answers, in the shape of every moto backend's ``urls.py``.

moto finds this module from the backend class (``mturk_emulator.models`` gives
``mturk_emulator.urls``, as ``moto.sqs.models`` gives ``moto.sqs.urls``). Its
server mode routes a signed request here when the credential scope's service,
``mturk-requester``, makes a host that matches ``url_bases``. ``/sandbox`` and
``/production`` are the local server's way of choosing the marketplace
(``responses.wants_sandbox``); MTurk itself serves ``/`` on two host names.
"""

from __future__ import annotations

from .responses import MTurkResponse

url_bases = [r"https?://mturk-requester(?:-sandbox)?\.(.+)\.amazonaws\.com"]

url_paths = {
    "{0}/$": MTurkResponse.dispatch,
    "{0}/sandbox/?$": MTurkResponse.dispatch,
    "{0}/production/?$": MTurkResponse.dispatch,
}
