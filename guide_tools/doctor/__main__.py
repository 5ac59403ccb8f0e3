"""``python -m guide_tools.doctor`` (and ``python -m snippets.doctor``): see ``__init__``."""

import sys

from guide_tools.doctor.cli import main

if __name__ == "__main__":
    sys.exit(main())
