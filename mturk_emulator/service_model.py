"""botocore's ``mturk`` service model, shipped with the emulator, and how botocore finds it.

MTurk closed on September 30, 2026, and botocore will drop its model; without it
``boto3.client("mturk")`` raises ``UnknownServiceError``. The package carries a copy
(``data/mturk/2017-01-17/``, see ``data/README.md``) and puts it on the data path of
everyone who reads models, only while the emulator is active:

* boto3, botocore and the AWS CLI (also in a subprocess) read ``AWS_DATA_PATH``, when
  a session first loads a model: the folder is put in front of it;
* moto builds its own loader (``moto.core.utils.create_loader``) and never reads
  ``AWS_DATA_PATH``: that function is wrapped to search the folder first.

The copy comes first in both, so everyone reads the same model whatever botocore has.
Importing this module changes nothing; ``service_model()`` reads the copy directly.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from botocore.model import ServiceModel
    from moto.core.loaders import Loader

# botocore and moto are imported when first needed: the pytest plugin imports this
# module in every test run of a project that installs the emulator.

DATA_PATH = Path(__file__).resolve().parent / "data"
"""The folder to put on botocore's data path (it holds ``mturk/2017-01-17/``)."""
BOTOCORE_VERSION = "1.44.5"
"""The botocore release the files were copied from."""
ENVIRONMENT_VARIABLE = "AWS_DATA_PATH"

_active = 0
_moto_active = 0
_saved_create_loader: Callable[[], Loader] | None = None


@cache
def service_model() -> ServiceModel:
    """The shipped ``mturk`` model, read with botocore's loader (nothing registered)."""
    from botocore.loaders import Loader as BotocoreLoader
    from botocore.model import ServiceModel

    loader = BotocoreLoader([str(DATA_PATH)], include_default_search_paths=False)
    return ServiceModel(loader.load_service_model("mturk", "service-2"), "mturk")


def _data_path_entries() -> list[str]:
    value = os.environ.get(ENVIRONMENT_VARIABLE, "")
    return [entry for entry in value.split(os.pathsep) if entry]


def _moto_loader(original: Callable[[], Loader]) -> Callable[[], Loader]:
    def create_loader() -> Loader:
        loader = original()
        loader.search_paths.insert(0, str(DATA_PATH))
        return loader

    return create_loader


@contextmanager
def on_data_path() -> Iterator[Path]:
    """Put the shipped model on botocore's and moto's data paths while the block runs.

    Blocks may nest; the outermost one undoes it. Yields the folder.
    """
    with on_botocore_data_path(), _on_motos_data_path():
        yield DATA_PATH


@contextmanager
def on_botocore_data_path() -> Iterator[Path]:
    """The botocore half of ``on_data_path`` (``AWS_DATA_PATH``), which imports nothing:
    the pytest plugin holds it for the whole session; the emulator adds moto's half."""
    global _active
    if _active == 0:
        os.environ[ENVIRONMENT_VARIABLE] = os.pathsep.join([str(DATA_PATH), *_data_path_entries()])
    _active += 1
    try:
        yield DATA_PATH
    finally:
        _active -= 1
        if _active == 0:
            entries = _data_path_entries()
            if str(DATA_PATH) in entries:
                entries.remove(str(DATA_PATH))
            if entries:
                os.environ[ENVIRONMENT_VARIABLE] = os.pathsep.join(entries)
            else:
                os.environ.pop(ENVIRONMENT_VARIABLE, None)


@contextmanager
def _on_motos_data_path() -> Iterator[None]:
    global _moto_active, _saved_create_loader
    import moto.core.utils as moto_utils

    if _moto_active == 0:
        _saved_create_loader = moto_utils.create_loader  # type: ignore[attr-defined]
        moto_utils.create_loader = _moto_loader(_saved_create_loader)  # type: ignore[attr-defined]
    _moto_active += 1
    try:
        yield
    finally:
        _moto_active -= 1
        if _moto_active == 0:
            assert _saved_create_loader is not None
            moto_utils.create_loader = _saved_create_loader  # type: ignore[attr-defined]
            _saved_create_loader = None
