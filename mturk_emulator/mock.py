"""``mock_mturk``: the emulator as a context manager and a decorator, like moto's ``mock_aws``.

::

    with mock_mturk() as mturk_fake:     # a block
        ...

    @mock_mturk                          # a function: a new emulator for each call
    def test_balance(): ...

    @mock_mturk(enforce_authorization=False)
    class TestStudy:                     # a class: each ``test*`` method on its own;
        def test_one(self): ...          # a unittest.TestCase from setUp to its cleanups

Inside a decorated function, ``MTurkFake()`` gives the controls.
"""

from __future__ import annotations

import functools
import inspect
import unittest
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, overload

from .core import MTurkFake, emulator

Target = TypeVar("Target", bound=Callable[..., Any])


class MockMTurk:
    """One way of running the emulator; enter it, or decorate with it."""

    def __init__(self, *, enforce_authorization: bool = True, aws_folder: Path | None = None):
        self.enforce_authorization = enforce_authorization
        self.aws_folder = aws_folder
        self._running: list[AbstractContextManager[MTurkFake]] = []

    def _emulator(self) -> AbstractContextManager[MTurkFake]:
        return emulator(
            enforce_authorization=self.enforce_authorization, aws_folder=self.aws_folder
        )

    def __enter__(self) -> MTurkFake:
        running = self._emulator()
        fake = running.__enter__()
        self._running.append(running)
        return fake

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._running.pop().__exit__(kind, error, traceback)

    def __call__(self, target: Target) -> Target:
        if isinstance(target, type):
            return self._decorate_class(target)  # type: ignore[return-value]
        if inspect.iscoroutinefunction(target) or inspect.isgeneratorfunction(target):
            raise TypeError(f"mock_mturk cannot decorate {target.__qualname__}: use a with block.")

        @functools.wraps(target)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self._emulator():
                return target(*args, **kwargs)

        return run  # type: ignore[return-value]

    def _decorate_class(self, cls: type) -> type:
        if issubclass(cls, unittest.TestCase):
            set_up = cls.setUp

            @functools.wraps(set_up)
            def setUp(test: unittest.TestCase) -> None:
                stack = ExitStack()
                stack.enter_context(self._emulator())
                test.addCleanup(stack.close)
                set_up(test)

            cls.setUp = setUp  # type: ignore[method-assign,assignment]
            return cls
        for name, member in list(vars(cls).items()):
            if name.startswith("test") and inspect.isfunction(member):
                setattr(cls, name, self(member))
        return cls


@overload
def mock_mturk(target: Target, /) -> Target: ...
@overload
def mock_mturk(
    *, enforce_authorization: bool = True, aws_folder: Path | None = None
) -> MockMTurk: ...
def mock_mturk(
    target: Target | None = None,
    /,
    *,
    enforce_authorization: bool = True,
    aws_folder: Path | None = None,
) -> Target | MockMTurk:
    """Run moto (IAM, STS) and the MTurk emulator as a brand-new AWS account.

    As ``with mock_mturk() as mturk_fake:`` it yields the controls (``MTurkFake``);
    as ``@mock_mturk`` or ``@mock_mturk(...)`` it runs each call of a function (or
    each test of a class) in a fresh emulator. The options are ``emulator()``'s.
    """
    mock = MockMTurk(enforce_authorization=enforce_authorization, aws_folder=aws_folder)
    if target is None:
        return mock
    return mock(target)
