"""The exception hierarchy.

Every error the package raises on purpose derives from `AseanPlusThreeError`.
Lookups that find nothing raise a `NotFoundError`, which is also a
``LookupError`` (but not a ``KeyError``, whose ``str()`` quotes the message);
a dataset that fails its checks raises `DatasetError`, also a ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .text import count, words

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

    def __reduce__(self) -> tuple[object, ...]:
        # Pickle (to another process: a pool's worker, a queue) as the message and the
        # attributes, not as a call of ``__init__`` with the message, whose parameters
        # differ (a NotFoundError's candidates are not kept, a DatasetError's are
        # problems): the copy is made by BaseException.__new__ (which sets the message),
        # of the same class, and given the same attributes.
        return (type(self).__new__, (type(self), *self.args), self.__dict__)


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
    #: The Python call and the CLI command that list the valid values (either may be
    #: empty), for a message with nothing close to suggest.
    listed_by = ("", "")

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
        self._empty = not pool
        super().__init__(self.message())

    def message(self, *, python: bool = True) -> str:
        """The message for a Python caller, or (``python=False``) for someone at the
        command line, whose message names the command alone."""
        if self.suggestions:
            why = "closest: " + ", ".join(repr(s) for s in self.suggestions)
        elif self._empty:
            why = "there are none to choose from"
        else:
            why = f"none is close ({self._listing(python)})"
        return f"unknown {self.what} {self.value!r}; {why}"

    def _listing(self, python: bool) -> str:
        call, command = self.listed_by
        command = command and f"`aseanplus3-events {command}`"
        call = call if python or not command else ""
        return " or ".join(filter(None, (call, command))) + " lists them"


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
    listed_by = ("apt.list_events()", "events")


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
    listed_by = ("apt.get_event(event_id).sessions", "sessions")


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
    listed_by = ("apt.topics()", "topics")


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
    listed_by = ("apt.organizations()", "orgs")


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
    listed_by = ("apt.people()", "people")


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
    listed_by = ("apt.sources()", "")


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
    listed_by = ("apt.countries()", "countries")


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
    listed_by = ("apt.table_names()", "")


class UnknownKindError(NotFoundError):
    """`search` was asked for a kind of record it does not index, `list_events` for an
    event kind that is not in `EventKind`, or `cite` for a style it does not write.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.search("carbon", kind="sessions")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.UnknownKindError: unknown search kind 'sessions'; closest: ...
    """

    what = "search kind"

    def __init__(self, value: str, candidates: Iterable[str], *, what: str = "") -> None:
        self.kinds = tuple(candidates)
        self.what = what or self.what
        super().__init__(value, self.kinds)

    def _listing(self, python: bool) -> str:
        return f"the {self.what.split()[-1]}s are " + ", ".join(self.kinds)


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
        lines = [f"{origin}: {count(len(self.problems), 'problem')}"]
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
    name) are compared as search compares text (`text.words`: NFKC, case, diacritics,
    dashes and punctuation folded), by the best of

    - a start: a value of 3 letters or more that begins a name (``"apt-low"``, the
      start of a cut id) ranks above all but the same name, more of the name first;
    - initials: ``"WRI"`` is World Resources Institute, ``"WWF"`` begins World Wide Fund
      for Nature (`_INITIALS`);
    - shared words, a word matching one that begins with it or shares its first
      `_PREFIX` letters ("plast", "plastic"; "financing", "finance"), small words
      ("for") aside: more of the value's words and of the candidate's, more alike;
    - spelling (`difflib`'s ratio, at least `_SPELLING`; `_SPELLING_SHORT` for codes of
      two or three letters, so that ``"CM"`` finds ``"CN"``).

    Only candidates within `_MARGIN` of the best one are kept, and a far-off value gets
    ``()``: suggestions are never just the first candidates in order.

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
    query = words(value)
    if not query:
        return ()
    scored: list[tuple[float, int, str]] = []
    for order, candidate in enumerate(dict.fromkeys(candidates)):
        others = names.get(candidate, ()) if names is not None else ()
        score = max(_likeness(query, words(name)) for name in (candidate, *others))
        if score > 0:
            scored.append((-score, order, candidate))
    scored.sort()
    return tuple(c for score, _, c in scored[:n] if -score >= -scored[0][0] - _MARGIN)


def did_you_mean(value: str, candidates: Iterable[str], n: int = 3) -> str:
    """``"; did you mean 'x'?"`` with the ``n`` `closest` candidates, or ``""``.

    Examples:
        >>> did_you_mean("moderater", ["speaker", "moderator"])
        "; did you mean 'moderator'?"
    """
    near = closest(value, [c for c in candidates if c != value], n)
    return f"; did you mean {' or '.join(map(repr, near))}?" if near else ""


#: How far below the best a suggestion may score (on a 0..1 scale) and still be shown.
_MARGIN = 0.15
#: The least score of a value that begins a name: above any other but the name itself.
_BEGINS = 0.99
#: The score of a value that is the initials of a name (or, from 3 letters, begins them).
_INITIALS = 0.9
#: Shared words score this, plus up to these shares of the value's and the name's words.
_SHARED, _OF_VALUE, _OF_NAME = 0.5, 0.25, 0.2
#: Two words match when one begins the other (from 3 letters) or they share this prefix,
#: counting this much of a word they would count whole.
_PREFIX, _PREFIX_MATCH = 4, 0.8
#: The least difflib ratio that counts, for words and for codes of 2 or 3 letters.
_SPELLING, _SPELLING_SHORT = 0.7, 0.5
_SMALL = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})


def _likeness(value: tuple[str, ...], name: tuple[str, ...]) -> float:
    """0 (not alike) to 1 (the same): the best of initials, shared words and spelling."""
    import difflib  # only an error path needs it

    compact, other = "".join(value), "".join(name)
    if not other:
        return 0.0
    if compact == other:
        return 1.0
    if len(compact) >= 3 and other.startswith(compact):
        return _BEGINS + (1 - _BEGINS) * len(compact) / len(other)
    score = 0.0
    if len(value) == 1 and len(name) > 1 and len(compact) >= 2:
        initials = {"".join(w[0] for w in name), "".join(w[0] for w in name if w not in _SMALL)}
        if any(i == compact or (len(compact) >= 3 and i.startswith(compact)) for i in initials):
            score = _INITIALS
    own = [w for w in value if w not in _SMALL] or list(value)
    theirs = [w for w in name if w not in _SMALL] or list(name)
    shared = sum(max(_alike(w, x) for x in theirs) for w in own)
    if shared:
        share = _OF_VALUE * shared / len(own) + _OF_NAME * min(1.0, shared / len(theirs))
        score = max(score, _SHARED + share)
    ratio = difflib.SequenceMatcher(None, compact, other).ratio()
    if ratio >= (_SPELLING_SHORT if len(compact) <= 3 and len(other) <= 3 else _SPELLING):
        score = max(score, ratio)
    return score


def _alike(word: str, other: str) -> float:
    """1 for the same word, `_PREFIX_MATCH` for one beginning the other (from 3 letters)
    or both beginning alike (`_PREFIX` letters), else 0."""
    if word == other:
        return 1.0
    shortest = min(len(word), len(other))
    common = next((i for i in range(shortest) if word[i] != other[i]), shortest)
    if common >= _PREFIX or common == shortest >= 3:
        return _PREFIX_MATCH
    return 0.0


def json_path(loc: tuple[int | str, ...]) -> str:
    """A location in a JSON document as a JSONPath (``("events", 0, "name")`` ->
    ``$.events[0].name``), the form every `Problem` uses."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


def require_str(value: object, name: str) -> str:
    """``value`` if it is a str; else a plain ``TypeError`` naming the argument."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value
