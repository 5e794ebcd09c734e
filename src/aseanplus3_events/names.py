"""How names and text are compared: one normalisation for topic names, search and the
suggestions in lookup errors.

- `fold` is what both search's index and its queries see: NFKC (full-width letters,
  ligatures and no-break spaces become their plain forms), apostrophes that Unicode
  counts as letters (``ʼ``) made plain, NUL and lone surrogates made harmless.  Case,
  diacritics and English word endings are folded by the index's tokenizer (see
  `fulltext`); typographic quotes and dashes separate words there exactly as ``'``
  and ``-`` do.
- `words` applies the same folding in Python, for the suggestions (`errors.closest`).
- `topic_key` is how topic names are compared: case, spaces, dashes and underscores do
  not count.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "initials", "slug", "stem", "topic_key", "words"]

# Apostrophe-like characters that Unicode files under letters (Lm), so a tokenizer would
# keep them inside a word: "regionʼs" would be one word, never "region's".  The others
# (’ ‘ ” – — ...) are punctuation, word separators for the tokenizer as ' and - are.
_APOSTROPHES = "\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u02ca\u02cb"
# NUL ends strings in C; U+0001 is what the index marks matches with (`fulltext`).
_CONTROLS = "\x00\x01"
_FOLD = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_CONTROLS, " ")})
_SURROGATE = re.compile("[\ud800-\udfff]")
# Every dash and space a person may type between the words of a topic's name.
_TOPIC_SEPARATORS = re.compile(r"[\s_\-\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]+")
_WORD = re.compile(r"[^\W_]+")
_ENDINGS = ("ing", "ies", "es", "ed", "s", "e")
_STOP = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})


def fold(text: str) -> str:
    """``text`` as search compares it: NFKC, letter-like apostrophes made ``'``, the
    control characters NUL and U+0001 made spaces, and lone surrogates (which no
    encoding can carry) made U+FFFD.

    Examples:
        >>> fold("ﬁnance\u00a0regionʼs")
        "finance region's"
    """
    if text.isascii():
        return text.translate(_FOLD) if "\x00" in text or "\x01" in text else text
    text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as search matches them: folded (`fold`), in lower case,
    without diacritics; punctuation, dashes and underscores separate words.

    Examples:
        >>> words("Hà Nội’s low–carbon_plan")
        ('ha', 'noi', 's', 'low', 'carbon', 'plan')
    """
    decomposed = unicodedata.normalize("NFKD", fold(text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(_WORD.findall(plain))


def stem(word: str) -> str:
    """A word without its commonest English endings, so that "markets" meets "market" and
    "financing" meets "finance" (a light cousin of the Porter stemmer search uses).

    Examples:
        >>> stem("markets"), stem("financing"), stem("finance"), stem("gas")
        ('market', 'financ', 'financ', 'gas')
    """
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def initials(text: str) -> tuple[str, ...]:
    """The initials of ``text``'s words, with and without the small words ("for", "of").

    Examples:
        >>> initials("world-wide-fund-for-nature")
        ('wwffn', 'wwfn')
    """
    every = words(text)
    full = "".join(w[0] for w in every)
    content = "".join(w[0] for w in every if w not in _STOP)
    return (full,) if content == full else (full, content)


def is_small_word(word: str) -> bool:
    """Whether ``word`` (as `words` gives it) is too common to say two names are alike.

    Examples:
        >>> is_small_word("for"), is_small_word("fund")
        (True, False)
    """
    return word in _STOP


def topic_key(name: str) -> str:
    """How topic names are compared: case, spaces (no-break ones too), hyphens, dashes
    (en, em, minus, ...) and underscores do not count.

    Examples:
        >>> topic_key("Carbon markets") == topic_key("carbon-markets")
        True
        >>> {topic_key(n) for n in ("CARBON\u2013MARKETS", "carbon\u00a0markets", "carbon_markets")}
        {'carbonmarkets'}
    """
    return _TOPIC_SEPARATORS.sub("", fold(name).casefold())


# Letters that NFKD does not take apart into an ASCII letter and marks; apostrophes.
_ASCII = str.maketrans(dict(zip("đĐøØłŁıðÐ", "dDoOlLidD", strict=True)) | dict.fromkeys("'’", ""))
_ASCII |= str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th"})


def slug(name: str) -> str:
    """The id a name gives: letters without their marks (NFKD), a few in their ASCII
    spelling (đ is d, ß is ss), lower case, words joined by hyphens.

    Examples:
        >>> slug("Nguyễn Thị Lan"), slug("Đà Nẵng Forum"), slug("Women’s Forum (2024)")
        ('nguyen-thi-lan', 'da-nang-forum', 'womens-forum-2024')
    """
    plain = unicodedata.normalize("NFKD", name.translate(_ASCII))
    letters = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", letters))
