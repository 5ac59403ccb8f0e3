"""``python -m guide_tools.doctor`` (and ``python -m snippets.doctor``): see ``__init__``."""

import sys

from guide_tools.command import run

if __name__ == "__main__":
    sys.exit(run("guide_tools.doctor.cli"))
