"""``python -m aseanplus3_events``: see `cli`."""

from .cli import main

raise SystemExit(main())
