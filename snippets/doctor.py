"""Entry point of ``python -m snippets.doctor``.

The setup doctor lives in ``guide_tools.doctor``.
"""

import sys

from guide_tools.doctor.cli import main

if __name__ == "__main__":
    sys.exit(main())
