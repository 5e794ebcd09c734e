"""W3C TextQuoteSelectors: finding a quote in its source, and the context that makes it
unique (Web Annotation Data Model, section 4.2.4).

A selector is a quote with an optional ``prefix`` (the text right before it) and
``suffix`` (the text right after it); it selects every place where all three occur in
that order.  The build uses these rules to turn quotes into spans; the checks, the
upgrade of older files and the exports use them to make and verify selectors.
"""

from __future__ import annotations

__all__ = ["resolve_quote", "unique_context"]


def resolve_quote(text: str, quote: str, prefix: str = "", suffix: str = "") -> list[int]:
    """Every start offset where ``quote`` occurs in ``text`` with ``prefix`` right before
    it and ``suffix`` right after it (the W3C TextQuoteSelector's matching rule).

    Examples:
        >>> resolve_quote("a cat and a cat sat", "cat", suffix=" sat")
        [12]
    """
    starts = []
    at = text.find(quote)
    while at != -1:
        if text.startswith(suffix, at + len(quote)) and text.endswith(prefix, 0, at):
            starts.append(at)
        at = text.find(quote, at + 1)
    return starts


def unique_context(text: str, start: int, end: int) -> dict[str, str]:
    """The ``prefix`` and/or ``suffix`` a TextQuoteSelector needs to pick ``text[start:end]``.

    ``{}`` when the quote occurs once in ``text``.  Otherwise the shortest context that
    makes `resolve_quote` find this occurrence alone (text before, after, or both, the
    fewest code points in all), widened to whole words so that a reader sees words.

    Examples:
        >>> unique_context("a cat and a cat sat", 12, 15)
        {'suffix': ' sat'}
        >>> unique_context("one cat", 4, 7)
        {}
    """
    quote = text[start:end]
    if text.count(quote) == 1:
        return {}
    best: tuple[int, int] | None = None  # (prefix length, suffix length)
    for n in range(1, len(text) + 1):
        for before, after in ((n, 0), (0, n), (n, n)):
            prefix, suffix = text[max(0, start - before) : start], text[end : end + after]
            if resolve_quote(text, quote, prefix, suffix) == [start]:
                best = (before, after)
                break
        if best is not None:
            break
    assert best is not None, "the whole text always picks one occurrence"
    left, right = max(0, start - best[0]), min(len(text), end + best[1])
    if best[0]:
        while left > 0 and not text[left - 1].isspace():
            left -= 1
    if best[1]:
        while right < len(text) and not text[right].isspace():
            right += 1
    context = {"prefix": text[left:start], "suffix": text[end:right]}
    return {k: v for k, v in context.items() if v}
