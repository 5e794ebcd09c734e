"""``python -m aseanplus3_events.cli``: the same command line as ``aseanplus3-events``."""

import sys

from . import main

sys.exit(main())
