"""The local server's edge: what every request meets before a backend sees it.

``app.Edge`` is a WSGI application in front of moto's Flask apps; ``checks`` holds
its checks of a request, ``errors`` the refusals in AWS's wire formats, ``cors``
which web pages may read the answers. Used by :mod:`mturk_emulator.server`.
"""

from __future__ import annotations

from .app import MAX_BODY, Edge, EdgeSettings
from .cors import OriginPolicy

__all__ = ["MAX_BODY", "Edge", "EdgeSettings", "OriginPolicy"]
