"""Entry point of ``python -m snippets.practice``.

Practice mode lives in ``guide_tools.practice``.
"""

import sys

from guide_tools.practice import main

if __name__ == "__main__":
    sys.exit(main())
