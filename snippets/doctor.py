"""Entry point of ``python -m snippets.doctor``.

The setup doctor lives in ``guide_tools.doctor``; ``guide_tools.command`` runs it so
that Ctrl-C, even while it starts, stops it with one sentence.
"""

import sys

from guide_tools.command import run

if __name__ == "__main__":
    sys.exit(run("guide_tools.doctor.cli"))
