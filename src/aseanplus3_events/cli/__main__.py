"""``python -m aseanplus3_events.cli``: the same command line as ``aseanplus3-events``."""

from . import main

raise SystemExit(main())
