"""The exception hierarchy.

Every error the package raises on purpose derives from `AseanPlusThreeError`.
Lookups that find nothing raise a `NotFoundError`, which is also a
``LookupError`` (but not a ``KeyError``, whose ``str()`` quotes the message);
a dataset that fails its checks raises `DatasetError`, also a ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable
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

    def __init__(self, value: str, candidates: Iterable[str]) -> None:
        self.value = value
        self.suggestions = closest(value, candidates)
        super().__init__(self._message())

    def _message(self) -> str:
        hint = ", ".join(repr(s) for s in self.suggestions)
        if not hint:
            return f"unknown {self.what} {self.value!r}; there are none to choose from"
        return f"unknown {self.what} {self.value!r}; closest: {hint}"


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


def closest(value: str, candidates: Iterable[str], n: int = 3) -> tuple[str, ...]:
    """The ``n`` candidates closest to ``value``; the first ``n`` in order if none is close.

    A caller who mistypes gets "did you mean"; a caller who is far off still learns
    what valid values look like.
    """
    import difflib  # only an error path needs it

    pool = sorted(set(candidates))
    near = difflib.get_close_matches(value, pool, n=n, cutoff=0.6)
    if not near:
        near = difflib.get_close_matches(value.casefold(), pool, n=n, cutoff=0.6)
    return tuple(near or pool[:n])


def json_path(loc: tuple[int | str, ...]) -> str:
    """A location in a JSON document as a JSONPath (``("events", 0, "name")`` ->
    ``$.events[0].name``), the form every `Problem` uses."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


def require_str(value: object, name: str) -> str:
    """``value`` if it is a str; else a plain ``TypeError`` naming the argument."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value
