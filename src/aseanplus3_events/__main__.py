"""``python -m aseanplus3_events``: see :mod:`aseanplus3_events.cli`."""

from .cli import main

raise SystemExit(main())
