"""``python -m snippets.doctor``: see ``snippets/doctor/__init__.py``."""

import sys

from snippets.doctor import main

if __name__ == "__main__":
    sys.exit(main())
