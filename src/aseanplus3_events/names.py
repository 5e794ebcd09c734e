"""How names are compared: one normalisation for topic names (and, later, search)."""

from __future__ import annotations

__all__ = ["topic_key"]

_SEPARATORS = str.maketrans("-_", "  ")


def topic_key(name: str) -> str:
    """How topic names are compared: case, spaces, hyphens and underscores do not count.

    Examples:
        >>> topic_key("Carbon markets") == topic_key("carbon-markets")
        True
    """
    return "".join(name.casefold().translate(_SEPARATORS).split())
