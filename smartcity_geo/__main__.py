"""``python -m smartcity_geo``: the command line for the people who run the server."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
