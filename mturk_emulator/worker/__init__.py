"""The worker's half of MTurk: the moves a worker makes, over HTTP and in a web site.

``moves`` holds the JSON control routes (``/control/<move>``), which run the same
``MTurkFake`` methods a Python test calls; ``site`` the worker web site served at
``/sandbox/worker/`` and ``/production/worker/``; ``routes`` sends the server's
requests to either. It sits above the models and uses them as the API does.
"""

from __future__ import annotations

from .routes import WorkerRoutes

__all__ = ["WorkerRoutes"]
