"""Serve every MTurk client, whenever it was made: one ``before-send`` handler in
botocore's built-in handlers, registered before any client exists.

botocore copies its built-in handlers into each session when the session is made,
so a handler registered when the first emulator starts misses the clients a module
made at import time. ``install()`` registers the handler at once if botocore is
loaded, else the moment ``botocore.handlers`` is imported (a post-import hook), so
the pytest plugin can call it without importing botocore. The handler does nothing
until an emulator has run (``core.handle_mturk_request`` then answers only while a
moto mock is active).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

EVENT = "before-send.mturk"
HANDLERS_MODULE = "botocore.handlers"


def serve(request: Any, **kwargs: Any) -> Any:
    """botocore ``before-send`` handler: the emulator's answer, or None (send as usual)."""
    core = sys.modules.get("mturk_emulator.core")
    return None if core is None else core.handle_mturk_request(request, **kwargs)


HANDLER = (EVENT, serve)


def _register(handlers: ModuleType) -> None:
    if HANDLER not in handlers.BUILTIN_HANDLERS:
        handlers.BUILTIN_HANDLERS.append(HANDLER)


class _WhenImported(importlib.abc.MetaPathFinder):
    """Registers the handler right after ``botocore.handlers`` is executed."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != HANDLERS_MODULE:
            return None
        sys.meta_path.remove(self)  # once; and the real finders find the module
        spec = importlib.util.find_spec(fullname)
        loader: Any = spec.loader if spec is not None else None
        if loader is not None:
            run = loader.exec_module

            def run_then_register(module: ModuleType) -> None:
                run(module)
                _register(module)

            loader.exec_module = run_then_register
        return spec


def install() -> None:
    """Register the handler now, or as soon as botocore's handlers are imported."""
    handlers = sys.modules.get(HANDLERS_MODULE)
    if handlers is not None:
        _register(handlers)
    elif not any(isinstance(finder, _WhenImported) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported())
