"""``python -m mturk_emulator``: the same as the ``mturk-emulator`` command."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
