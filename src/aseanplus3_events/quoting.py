"""Where words stand in a source text, and how a seed quotes them there (the ``quote``
command).  Words are typed as on a keyboard: a straight quote matches a typographic
one, a hyphen a dash, a space any white space, and case does not count."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from typing import NamedTuple

from .text import unique_context
from .text import words as folded

__all__ = ["Place", "close_matches", "find_quote", "invisible", "position", "toml_string"]

_TYPED = {'"': '["“”„]', "'": "['‘’]", "-": "[-‐‑–—]"}


def invisible(char: str) -> bool:
    """Whether ``char`` looks like a space or nothing on screen but is not a space: a
    no-break space, a thin space, a zero-width joiner (Unicode's Zs, Zl, Zp and Cf)."""
    return char != " " and unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf")


def toml_string(value: str) -> str:
    """A TOML basic string to paste: JSON's escapes, DEL's (TOML escapes it, JSON does
    not), and ``\\uXXXX`` for each `invisible` character, which a copy from a terminal
    would turn into a space or lose.

    Examples:
        >>> print(toml_string("more than\u00a0140 “participants”"))
        "more than\\u00a0140 “participants”"
    """
    text = json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return "".join(f"\\u{ord(c):04x}" if invisible(c) else c for c in text)


class Place(NamedTuple):
    """One place of a quote: 1-based line and column, code point offsets, the exact
    quote, and the prefix/suffix a selector needs there (``{}`` when it is unique)."""

    line: int
    column: int
    start: int
    end: int
    quote: str
    context: dict[str, str]


def find_quote(text: str, words: str) -> list[Place]:
    """Every place of ``words`` in ``text``, as typed (see the module's docstring).

    Examples:
        >>> text = "The “Clean Air” plan.\\nThe plan's aim: clean air."
        >>> [(p.line, p.quote, p.context) for p in find_quote(text, '"clean air"')]
        [(1, '“Clean Air”', {})]
        >>> [(p.line, p.column, p.quote, p.context) for p in find_quote(text, "plan")]
        [(1, 17, 'plan', {'suffix': '.'}), (2, 5, 'plan', {'suffix': "'s"})]
    """
    pattern = r"\s+".join(
        "".join(_TYPED.get(char, re.escape(char)) for char in word) for word in words.split()
    )
    if not pattern:
        return []
    places = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        (start, end), (line, column) = match.span(), position(text, match.start())
        places.append(Place(line, column, start, end, match[0], unique_context(text, start, end)))
    return places


def position(text: str, start: int) -> tuple[int, int]:
    """The 1-based line and column of code point ``start`` in ``text``."""
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)


def close_matches(text: str, words: str, n: int = 3) -> list[str]:
    """Up to ``n`` runs of ``text``'s words closest to ``words`` (difflib), for a "did
    you mean" when `find_quote` finds nothing: of as many words, or one more or less
    ("in person" is "in-person"), none holding a closer one.

    Examples:
        >>> close_matches("The participants agreed to share data.", "participant agreed")
        ['participants agreed', 'The participants']
        >>> close_matches("Held in Đà Nẵng, Viet Nam.", "Da Nang")
        ['Đà Nẵng']
        >>> close_matches("Held in-person in Hanoi.", "in person")
        ['in-person']
        >>> close_matches("It gave early-warning forecasts. Then", "early warning forecasts.", 1)
        ['early-warning forecasts.']
    """
    # spelling alone, not errors.closest: that ranks by shared words and initials, and
    # would offer a run that merely shares a word ('agreed to', in the example above)
    size = len(words.split())
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    cut = "".join(c for c in ".,;:!?()" if c not in words[:1] + words[-1:])  # keep what they typed
    runs = {
        text[spans[i][0] : spans[i + length - 1][1]].strip(cut)
        for length in range(max(1, size - 1), size + 2)
        for i in range(len(spans) - length + 1)
    }
    # compared as search compares words: "Da Nang" is close to "Đà Nẵng"
    keys = {" ".join(folded(run)): run for run in sorted(runs, reverse=True)}
    found: list[str] = []
    for key in difflib.get_close_matches(" ".join(folded(words)), keys, len(keys) or 1, 0.6):
        if len(found) < n and not any(f in keys[key] or keys[key] in f for f in found):
            found.append(keys[key])
    return found
