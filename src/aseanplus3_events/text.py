"""Text: how names and text are compared, and where a quote stands in its source.

- `fold` is what both search's index and its queries see: NFKC (full-width letters,
  ligatures and no-break spaces become their plain forms), apostrophes that Unicode
  counts as letters (``ʼ``) made plain, NUL and lone surrogates made harmless.  Case,
  diacritics and English word endings are folded by the index's tokenizer (see
  `fulltext`); typographic quotes and dashes separate words there exactly as ``'``
  and ``-`` do.
- `words` applies the same folding in Python, for the suggestions (`errors.closest`);
  `spelled` gives the letters that have no decomposition (đ, ø, ł, ß...) their ASCII
  spelling, for search and suggestions alike.
- `topic_key` is how topic names are compared: case, spaces, dashes and underscores do
  not count; `slug` is the id a name gives.
- `stated` reads the dates and numbers a text states, in digits or words ("18-19
  September 2025", "the fourth"): the editorial rules hold facts to their quotes with it,
  and messages offer the number or date a user wrote in words.
- `resolve_quote` and `unique_context` are the W3C TextQuoteSelector's rules (Web
  Annotation Data Model, section 4.2.4): a quote with an optional ``prefix`` (the text
  right before it) and ``suffix`` (right after it) selects every place where all three
  occur in that order.  The build turns quotes into spans with them; the checks, the
  upgrade of older files and the exports make and verify selectors with them.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "MONTHS",
    "NUMBERS",
    "fold",
    "missing_day",
    "padded",
    "resolve_quote",
    "slug",
    "spelled",
    "stated",
    "topic_key",
    "unique_context",
    "words",
]

# Apostrophe-like characters that Unicode files under letters (Lm), so a tokenizer would
# keep them inside a word: "regionʼs" would be one word, never "region's".  The others
# (’ ‘ ” – — ...) are punctuation, word separators for the tokenizer as ' and - are.
_APOSTROPHES = "\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u02ca\u02cb"
# NUL ends strings in C; U+0001 is what the index marks matches with (`fulltext`).
_CONTROLS = "\x00\x01"
_FOLD = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_CONTROLS, " ")})
# Every dash a person may type between the words of a topic's name (and every space).
_DASHES = str.maketrans(
    "", "", "_-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
)
_WORD = re.compile(r"[^\W_]+")


def count(n: int, word: str) -> str:
    """``n`` and ``word``, plural for any number but 1: "1 event", "2 events", "2 people"."""
    if n != 1:
        word = "people" if word == "person" else word + "s"
    return f"{n} {word}"


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
    if not text.isprintable():  # lone surrogates are not; compiled on first use, not at import
        text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as search matches them: folded (`fold`), in lower case,
    without diacritics; punctuation, dashes and underscores separate words.

    Examples:
        >>> words("Hà Nội’s low–carbon_plan in Đà Nẵng")
        ('ha', 'noi', 's', 'low', 'carbon', 'plan', 'in', 'da', 'nang')
    """
    decomposed = unicodedata.normalize("NFKD", spelled(fold(text)).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(_WORD.findall(plain))


def topic_key(name: str) -> str:
    """How topic names are compared: case, spaces (no-break ones too), hyphens, dashes
    (en, em, minus, ...) and underscores do not count.

    Examples:
        >>> topic_key("Carbon markets") == topic_key("carbon-markets")
        True
        >>> {topic_key(n) for n in ("CARBON\u2013MARKETS", "carbon\u00a0markets", "carbon_markets")}
        {'carbonmarkets'}
    """
    return "".join(fold(name).casefold().translate(_DASHES).split())


# Latin letters that NFKD does not take apart into an ASCII letter and marks (nor does
# the search tokenizer fold them): their ASCII spelling, for slugs, search and suggestions.
_LETTERS = str.maketrans(dict(zip("đĐøØłŁıðÐħĦŧŦ", "dDoOlLidDhHtT", strict=True)))
_LETTERS |= str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th"})
_ASCII = _LETTERS | str.maketrans(dict.fromkeys("'’", ""))


def spelled(text: str) -> str:
    """``text`` with the letters NFKD cannot take apart in their ASCII spelling, so that
    ``Da Nang`` finds ``Đà Nẵng`` (`fulltext`, `words`).

    Examples:
        >>> spelled("Đà Nẵng, Łódź, Straße")
        'Dà Nẵng, Lódź, Strasse'
    """
    return text if text.isascii() else text.translate(_LETTERS)


def slug(name: str) -> str:
    """The id a name gives: letters without their marks (NFKD), a few in their ASCII
    spelling (đ is d, ß is ss: `spelled`), lower case, words joined by hyphens.

    Examples:
        >>> slug("Nguyễn Thị Lan"), slug("Đà Nẵng Forum"), slug("Women’s Forum (2024)")
        ('nguyen-thi-lan', 'da-nang-forum', 'womens-forum-2024')
    """
    plain = unicodedata.normalize("NFKD", name.translate(_ASCII))
    letters = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", letters))


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
    # (prefix length, suffix length), fewest first; the whole text always picks one
    before, after = next(
        (b, a)
        for n in range(1, len(text) + 1)
        for b, a in ((n, 0), (0, n), (n, n))
        if resolve_quote(text, quote, text[max(0, start - b) : start], text[end : end + a])
        == [start]
    )
    left, right = max(0, start - before), min(len(text), end + after)
    if before:
        while left > 0 and not text[left - 1].isspace():
            left -= 1
    if after:
        while right < len(text) and not text[right].isspace():
            right += 1
    context = {"prefix": text[left:start], "suffix": text[end:right]}
    return {k: v for k, v in context.items() if v}


def missing_day(value: str) -> str | None:
    """What is wrong with a ``YYYY-MM-DD`` date whose day its month lacks, else None.

    Examples:
        >>> missing_day("2025-09-31"), missing_day("2025-09-30"), missing_day("2025-9-31")
        ('September 2025 has 30 days', None, None)
    """
    import calendar  # only for a date already found wrong: nothing at import time

    m = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])-(\d\d)", value)
    if m and int(m[1]) and int(m[3]) > (days := calendar.monthrange(int(m[1]), int(m[2]))[1]):
        return f"{calendar.month_name[int(m[2])]} {m[1]} has {days} days"
    return None


def padded(value: str, example: str) -> str:
    """``value``, a date written without its zeros (``2025-11-9``), as ``YYYY-MM-DD``;
    else ``example``: the date a message on how to write dates offers.

    Examples:
        >>> padded("2025-11-9", "2023-07-14"), padded("2025-11-31", "2023-07-14")
        ('2025-11-09', '2023-07-14')
    """
    import datetime as dt

    m = re.fullmatch(r"(\d{4})-(\d\d?)-(\d\d?)", value)
    try:
        return dt.date(*map(int, m.groups())).isoformat() if m else example
    except ValueError:  # no such day
        return example


#: Months and numbers as a quote writes them ("5 March", "the fourth"), for `stated`.
_MONTHS = "January February March April May June July August September October November December"
MONTHS = tuple(_MONTHS.split())
_NAMES = {m[:3]: i for i, m in enumerate(MONTHS, 1)}  # 'Jan': 1
_MONTH = "(" + "|".join(f"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + r"|Sept)\b\.?"
_TO = r"(?:\s*(?:-|–|to|and)\s*"  # a range: "18-19", "5 to 7", "18 and 19"
_RANGE = r"\s*(-|–|to)\s*"  # between two whole dates: one range ("30 September to 2 October")
_DAY = rf"(?<![\d,])(\d\d?)(?:st|nd|rd|th)?\b{_TO}(\d\d?)\b)?"
_DATE = rf"(?:{_DAY}(?:\s+of)?\s+{_MONTH}|{_MONTH}\s+{_DAY})(?:,?\s+(\d{{4}})\b)?"
_WORDS = """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty first second third fourth fifth sixth
    seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth
    seventeenth eighteenth nineteenth twentieth"""
NUMBERS = {w: i % 20 + 1 for i, w in enumerate(_WORDS.split())}
_TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBERS |= {w: 30 + 10 * i for i, w in enumerate(_TENS)}
_UNITS = "|".join(w for w, n in NUMBERS.items() if n < 10)  # "first" as "one"
_WORDED = rf"\b(?:(twenty|{'|'.join(_TENS)})[\s-]+({_UNITS})|({'|'.join(NUMBERS)}))\b"


def number(value: str) -> int | None:
    """The number ``value`` reads as in whole, in digits or words, else None.

    Examples:
        >>> [number(v) for v in ("5th", "the twenty first", "Thirty-One", "one hundred")]
        [5, 21, 31, None]
    """
    one = re.fullmatch(rf"(?:the\s+)?(?:\d+(?:st|nd|rd|th)?|{_WORDED})", value.strip().lower())
    return stated([value])["number"][0][0] if one else None


def stated(quotes: list[str]) -> dict[str, list[tuple[int, int]]]:
    """What the quotes state, as ranges (low, high) by "year", "month", "day" (a day
    beside a month, as YYYYMMDD, its year 0 where it has none; "30 September to 2
    October 2025" is one range) and "number" (digits or words; the "Three" of "ASEAN
    Plus Three" is a name).

    Examples:
        >>> stated(["held on 18-19 September 2025"])  # doctest: +NORMALIZE_WHITESPACE
        {'year': [(2025, 2025)], 'month': [(9, 9)], 'day': [(20250918, 20250919)],
         'number': [(18, 19), (2025, 2025)]}
        >>> stated(["July 14, 2023", "5th of Sept. and 2024-03-05", "5 and 7 Oct"])["day"]
        [(20230714, 20230714), (905, 905), (20240305, 20240305), (1005, 1005), (1007, 1007)]
        >>> stated(["30 December 2024 to 2 January 2025"])["day"]
        [(20241230, 20250102)]
        >>> stated(["between 5 and 7 May", "between 30 September and 2 October 2025"])["day"]
        [(505, 507), (20250930, 20251002)]
        >>> stated(["More than 2,000", "the fourth ASEAN Plus Three (2021 to 2025)"])["number"]
        [(2000, 2000), (2021, 2025), (4, 4)]
    """
    found: dict[str, list[tuple[int, int]]] = {"year": [], "month": [], "day": [], "number": []}
    text = re.sub(r"(?i:plus three)|\+ ?3\b", " ", " ".join(quotes))  # a name, not a number
    iso = r"\b(\d{4})-(0[1-9]|1[0-2])-(\d\d)\b"  # read as "05 March 2024"
    text = re.sub(iso, lambda m: f"{m[3]} {MONTHS[int(m[2]) - 1]} {m[1]}", text)
    for m in re.finditer(_MONTH, text):
        found["month"].append((_NAMES[m[1][:3]], _NAMES[m[1][:3]]))
    end, to = 0, _RANGE  # from where the last day ended, a dash or "to" (after "between", "and")
    for m in re.finditer(_DATE, text):
        day = int(m[7] or 0) * 10000 + _NAMES[(m[3] or m[4])[:3]] * 100  # YYYYMM00
        low, high = day + int(m[1] or m[5]), day + int(m[2] or m[6] or m[1] or m[5])
        between = re.search(r"(?i)\bbetween\s+$", text[: m.start()])  # "between 5 and 7 May"
        if found["day"] and re.fullmatch(to, text[end : m.start()]):
            low = found["day"].pop()[0]  # "30 September to 2 October 2025": one range
            if low < 10000 < high:  # its first day takes its year, or the one before
                year = high // 10000 - (low > high % 10000)  # "30 December to 2 January"
                low += year * 10000
                found["year"].append((year, year))
        if " and " in m[0] and high - low > 1 and not between:  # "5 and 7 October": two days
            found["day"], low = [*found["day"], (low, low)], high
        found["day"].append((low, high))
        end, to = m.end(), r"\s*and\s*" if between else _RANGE
    for m in re.finditer(rf"(\d+(?:,\d{{3}})*)(?:st|nd|rd|th)?\b{_TO}(\d+(?:,\d{{3}})*))?", text):
        low, high = (int((n or m[1]).replace(",", "")) for n in (m[1], m[2]))
        spans = [(low, high)] if low <= high else [(low, low), (high, high)]  # "2024 to 2 May"
        found["number"] += spans
        found["year"] += [(a, b) for a, b in spans if a >= 1000]
    for m in re.finditer(_WORDED, text.lower()):  # "twenty-five", "twenty five": 25
        n = NUMBERS[m[1]] + NUMBERS[m[2]] if m[1] else NUMBERS[m[3]]
        found["number"].append((n, n))
    return found
