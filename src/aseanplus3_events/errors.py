"""The exception hierarchy.

Every error the package raises on purpose derives from `AseanPlusThreeError`.
Lookups that find nothing raise a `NotFoundError`, which is also a
``LookupError`` (but not a ``KeyError``, whose ``str()`` quotes the message);
a dataset that fails its checks raises `DatasetError`, also a ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

__all__ = [
    "AseanPlusThreeError",
    "DatasetError",
    "EventNotFoundError",
    "NotFoundError",
    "OrganizationNotFoundError",
    "PersonNotFoundError",
    "Problem",
    "SessionNotFoundError",
    "SourceNotFoundError",
    "UnknownCountryError",
    "UnknownKindError",
    "UnknownTableError",
    "UnknownTopicError",
]


class AseanPlusThreeError(Exception):
    """Base class of every error this package raises on purpose.

    Examples:
        >>> import aseanplus3_events as apt
        >>> issubclass(apt.DatasetError, apt.AseanPlusThreeError)
        True
    """


class NotFoundError(AseanPlusThreeError, LookupError):
    """A lookup by id (or, for topics, by any name) found nothing.

    ``value`` is what the caller passed and ``suggestions`` the closest valid keys.

    Examples:
        >>> import aseanplus3_events as apt
        >>> try:
        ...     apt.get_person("julia-mau")
        ... except apt.NotFoundError as error:
        ...     print(error.value, error.suggestions)
        julia-mau ('julia-mao',)
    """

    #: What is being looked up, for the message ("event id", "topic", ...).
    what = "id"
    #: What lists the valid values, for a message with nothing close to suggest.
    listed_by = ""

    def __init__(
        self,
        value: str,
        candidates: Iterable[str],
        *,
        names: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.value = value
        pool = tuple(candidates)
        self.suggestions = closest(value, pool, names=names)
        super().__init__(self._message(bool(pool)))

    def _message(self, any_valid: bool) -> str:
        hint = ", ".join(repr(s) for s in self.suggestions)
        if hint:
            return f"unknown {self.what} {self.value!r}; closest: {hint}"
        if not any_valid:
            return f"unknown {self.what} {self.value!r}; there are none to choose from"
        return f"unknown {self.what} {self.value!r}; none is close ({self.listed_by})"


class EventNotFoundError(NotFoundError):
    """No event has this id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_event("apt-seminar-2023")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.EventNotFoundError: unknown event id 'apt-seminar-2023'; ...
    """

    what = "event id"
    listed_by = "apt.list_events() or `aseanplus3-events events` lists them"


class SessionNotFoundError(NotFoundError):
    """No session has this id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_session("session-1")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.SessionNotFoundError: unknown session id 'session-1'; closest: ...
    """

    what = "session id"
    listed_by = "apt.get_event(event_id).sessions or `aseanplus3-events sessions` lists them"


class UnknownTopicError(NotFoundError):
    """No topic has this id, label or alias.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.sessions_by_topic("green financing")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.UnknownTopicError: unknown topic 'green financing'; closest: ...
    """

    what = "topic"
    listed_by = "apt.topics() or `aseanplus3-events topics` lists them"


class OrganizationNotFoundError(NotFoundError):
    """No organisation has this id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_organization("wwf")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.OrganizationNotFoundError: unknown organization id 'wwf'; ...
    """

    what = "organization id"
    listed_by = "apt.organizations() or `aseanplus3-events orgs` lists them"


class PersonNotFoundError(NotFoundError):
    """No person has this id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_person("mao")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.PersonNotFoundError: unknown person id 'mao'; closest: ...
    """

    what = "person id"
    listed_by = "apt.people() or `aseanplus3-events people` lists them"


class SourceNotFoundError(NotFoundError):
    """No source has this id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_source("iso-3166")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.SourceNotFoundError: unknown source id 'iso-3166'; closest: ...
    """

    what = "source id"
    listed_by = "apt.sources() lists them"


class UnknownCountryError(NotFoundError):
    """No country has this ISO 3166-1 alpha-2 code.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_country("SK")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.UnknownCountryError: unknown country code 'SK'; closest: ...
    """

    what = "country code"
    listed_by = "apt.countries() lists them"


class UnknownTableError(NotFoundError):
    """No table of the tabular exports has this name.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.to_pandas("session")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.UnknownTableError: unknown table 'session'; closest: 'sessions'...
    """

    what = "table"
    listed_by = "apt.table_names() lists them"


class UnknownKindError(NotFoundError):
    """`search` was asked for a kind of record it does not index, or `list_events` for
    an event kind that is not in `EventKind`.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.search("carbon", kind="sessions")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.UnknownKindError: unknown search kind 'sessions'; closest: ...
    """

    what = "search kind"

    def __init__(self, value: str, candidates: Iterable[str], *, what: str = "") -> None:
        kinds = tuple(candidates)
        self.what = what or self.what
        self.listed_by = "the kinds are " + ", ".join(kinds)
        super().__init__(value, kinds)


class Problem(NamedTuple):
    """One thing wrong with a dataset: where (a JSON path such as ``$.events[0].name``)
    and what.

    Examples:
        >>> from aseanplus3_events import Problem
        >>> print(Problem("$.events[0].name", "Field required"))
        $.events[0].name: Field required
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DatasetError(AseanPlusThreeError, ValueError):
    """A dataset file or catalog failed its checks; ``problems`` lists every one.

    Examples:
        >>> import aseanplus3_events as apt
        >>> try:
        ...     apt.load_dataset("no-such-file.json")
        ... except apt.DatasetError as error:
        ...     print(error.problems[0].path)
        $
    """

    def __init__(self, problems: Iterable[Problem], *, origin: str = "dataset") -> None:
        self.problems = tuple(problems)
        self.origin = origin
        count = len(self.problems)
        lines = [f"{origin}: {count} problem{'s' if count != 1 else ''}"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def closest(
    value: str,
    candidates: Iterable[str],
    n: int = 3,
    *,
    names: Mapping[str, Iterable[str]] | None = None,
) -> tuple[str, ...]:
    """Up to ``n`` of ``candidates`` close to ``value``, closest first; ``()`` if none is.

    The one suggestion helper behind every lookup error.  ``value`` and each candidate
    (and each of its other ``names``: a topic's label and aliases, an organisation's
    name) are compared as search compares text (`names.words`: NFKC, case, diacritics,
    dashes and punctuation folded), by

    - the words they share, whole, by their stem ("markets", "market") or as a prefix
      of three letters or more ("plast", "plastic"), small words ("for") aside;
    - initials: ``"WRI"`` is World Resources Institute, ``"WWF"`` begins World Wide
      Fund for Nature;
    - spelling (`difflib`'s ratio, at least 0.6; 0.5 for codes of two or three
      letters, so that ``"CM"`` finds ``"CN"``).

    Only candidates near the best one are kept, and a far-off value gets ``()``:
    suggestions are never just the first candidates in order.

    Examples:
        >>> closest("WWF", ["world-resources-institute", "world-wide-fund-for-nature"])
        ('world-wide-fund-for-nature',)
        >>> closest("plastic", ["climate-change", "plastic-pollution"])
        ('plastic-pollution',)
        >>> closest("Japan", ["CN", "JP"], names={"JP": ["Japan"], "CN": ["China"]})
        ('JP',)
        >>> closest("zzzz", ["climate-change", "plastic-pollution"])
        ()
    """
    from .names import fold

    query = _Key(fold(value))
    if not query.compact:
        return ()
    pool = list(dict.fromkeys(candidates))
    pairs = [(c, name) for c in pool for name in (c, *(names or {}).get(c, ()))]
    if len(pairs) > _SHORTLIST_ABOVE:
        keep = _shortlist(value, query, pairs)
        pool = [c for c in pool if c in keep]
    scored: list[tuple[float, int, str]] = []
    for order, candidate in enumerate(pool):
        others = names.get(candidate, ()) if names is not None else ()
        score = max(query.likeness(_Key(name)) for name in (candidate, *others))
        if score > 0:
            scored.append((-score, order, candidate))
    if not scored:
        return ()
    scored.sort()
    best = -scored[0][0]
    return tuple(c for score, _, c in scored[:n] if -score >= best - _MARGIN)


#: How far below the best a suggestion may score (on a 0..1 scale) and still be shown.
_MARGIN = 0.15
#: Above this many names, only a shortlist is compared in full (see `_shortlist`).
_SHORTLIST_ABOVE = 2000
_WINDOW = 25  # names on each side of the value in sorted order
_COMMON = 200  # a word in more names than this does not shortlist them


def _shortlist(value: str, query: _Key, pairs: list[tuple[str, str]]) -> set[str]:
    """The candidates worth comparing in full when there are many (a large dataset's
    events or sessions): comparing every one would take seconds.  They are those whose
    names sort next to ``value`` (a typo late in an id), those that hold one of its
    rarer words (a typo early, a word of a title), and, for a short ``value``, those
    whose initials begin with it."""
    from bisect import bisect_left

    lowered = sorted((name.casefold(), candidate) for candidate, name in pairs)
    keys = [name for name, _ in lowered]
    at = bisect_left(keys, value.casefold())
    keep = {c for _, c in lowered[max(0, at - _WINDOW) : at + _WINDOW]}
    for word in query.words:
        if len(word) >= 2:
            hits = [c for name, c in lowered if word in name]
            if len(hits) <= _COMMON:
                keep.update(hits)
    if len(query.words) == 1 and 2 <= len(query.compact) <= 8:
        first = query.compact[0]
        for name, candidate in lowered:
            if name[:1] == first and any(i.startswith(query.compact) for i in _Key(name).initials):
                keep.add(candidate)
    return keep


class _Key:
    """A name as `closest` compares it: its words, their stems, its initials."""

    __slots__ = ("compact", "initials", "stems", "words")

    def __init__(self, text: str) -> None:
        from .names import initials, is_small_word, stem, words

        self.words = tuple(w for w in words(text) if not is_small_word(w)) or words(text)
        self.stems = tuple(stem(w) for w in self.words)
        self.compact = "".join(words(text))
        self.initials = initials(text) if len(self.words) > 1 else ()

    def likeness(self, other: _Key) -> float:
        """0 (not alike) to 1 (the same), the best of the three signals."""
        import difflib  # only an error path needs it

        if not other.compact:
            return 0.0
        if self.compact == other.compact:
            return 1.0
        score = 0.0
        if len(self.words) == 1 and len(self.compact) >= 2:
            for letters in other.initials:
                if self.compact == letters or (
                    len(self.compact) >= 3 and letters.startswith(self.compact)
                ):
                    score = 0.9
        shared = sum(1 for w, s in zip(self.words, self.stems, strict=True) if other._has(w, s))
        if shared:
            score = max(
                score,
                0.5 + 0.25 * shared / len(self.words) + 0.2 * shared / len(other.words),
            )
        ratio = difflib.SequenceMatcher(None, self.compact, other.compact).ratio()
        short = len(self.compact) <= 3 and len(other.compact) <= 3
        if ratio >= (0.5 if short else 0.6):
            score = max(score, ratio)
        return score

    def _has(self, word: str, stem: str) -> bool:
        if stem in self.stems:
            return True
        return len(word) >= 3 and any(w.startswith(word) for w in self.words)


def json_path(loc: tuple[int | str, ...]) -> str:
    """A location in a JSON document as a JSONPath (``("events", 0, "name")`` ->
    ``$.events[0].name``), the form every `Problem` uses."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


def require_str(value: object, name: str) -> str:
    """``value`` if it is a str; else a plain ``TypeError`` naming the argument."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value
