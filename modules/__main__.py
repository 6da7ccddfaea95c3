"""`python -m modules …` runs the command line (see modules/cli.py)."""

import sys

from modules.cli import main

sys.exit(main())
