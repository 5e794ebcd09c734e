"""Dataset: the query object over one checked `Catalog`.

``Dataset(catalog)`` runs the integrity checks (`checks`) and builds the indices once,
so that lookups are dictionary hits.  Loading files into a `Catalog` is `loading`'s job.

A dataset pickles and deep-copies as its catalog and origin (so it can be handed to
``spawn`` workers); the copy rebuilds its indices without checking again.  In a child
made by ``fork()`` its lock is a fresh one (see `loading._after_fork_in_child`).
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from .errors import (
    DatasetError,
    EventNotFoundError,
    NotFoundError,
    OrganizationNotFoundError,
    PersonNotFoundError,
    SessionNotFoundError,
    SourceNotFoundError,
    UnknownCountryError,
    UnknownKindError,
    UnknownTopicError,
    require_str,
)
from .models import (
    Attendance,
    Catalog,
    Country,
    Event,
    EventKind,
    Organization,
    OrganizationKind,
    Person,
    SearchHit,
    Session,
    Source,
    Topic,
)
from .text import padded, topic_key

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from .fulltext import SearchIndex

__all__ = ["Dataset", "attendance_label", "org_label"]

_T = TypeVar("_T")


class Dataset:
    """The query object over one checked `Catalog`.

    ``Dataset(catalog)`` runs the integrity checks (raising one
    `DatasetError` that lists every problem) and builds the
    indices.  Every module-level query function is a method here too.

    Examples:
        >>> import aseanplus3_events as apt
        >>> ds = apt.Dataset(apt.default_dataset().catalog)
        >>> [t.id for t in ds.topics()][:2]
        ['carbon-markets', 'climate-change']
    """

    def __init__(self, catalog: Catalog, *, origin: str = "catalog") -> None:
        if not isinstance(catalog, Catalog):
            raise TypeError(f"catalog must be a Catalog, not {type(catalog).__name__}")
        from .checks import check  # here: the bundled dataset, checked by the build, skips it

        problems = check(catalog)
        if problems:
            raise DatasetError(problems, origin=origin)
        self._build(catalog, origin)

    @classmethod
    def _checked_by_the_build(cls, catalog: Catalog, origin: str) -> Dataset:
        """A dataset over the bundled catalog, whose file matched the digest the build
        recorded after running these same checks on it: they are not run again."""
        dataset = cls.__new__(cls)
        dataset._build(catalog, origin)
        return dataset

    def _build(self, catalog: Catalog, origin: str) -> None:
        """The indices over a checked catalog."""
        _LIVE.add(self)
        self._catalog = catalog
        self._origin = origin
        self._events_sorted = tuple(sorted(catalog.events, key=lambda e: (e.start_date, e.id)))
        self._events = {e.id: e for e in catalog.events}
        self._organizations = {o.id: o for o in catalog.organizations}
        self._people = {p.id: p for p in catalog.people}
        self._topics = {t.id: t for t in catalog.topics}
        self._sources = {s.id: s for s in catalog.sources}
        self._countries = {c.code: c for c in catalog.countries}
        self._sessions: dict[str, Session] = {}
        self._topic_keys: dict[str, str] = {}  # by topic_key(name)
        self._topic_names: dict[str, str] = {}  # by exact name: the fast path
        for topic in catalog.topics:
            for name in (topic.id, topic.label, *topic.aliases):
                self._topic_keys[topic_key(name)] = topic.id
                self._topic_names[name] = topic.id
        by_topic: dict[str, list[Session]] = {t.id: [] for t in catalog.topics}
        for event in self._events_sorted:  # already by date, so sessions come by date
            for session in event.sessions:
                self._sessions[session.id] = session
                for topic_id in session.topics:
                    by_topic[topic_id].append(session)
        self._by_topic = {k: tuple(v) for k, v in by_topic.items()}
        self._search_index: SearchIndex | None = None
        self._search_lock = threading.Lock()

    def __getstate__(self) -> dict[str, object]:
        # The catalog was checked when this dataset was made; the copy only re-indexes.
        return {"catalog": self._catalog, "origin": self._origin}

    def __setstate__(self, state: dict[str, object]) -> None:
        catalog, origin = state["catalog"], state["origin"]
        if not isinstance(catalog, Catalog) or not isinstance(origin, str):
            raise TypeError("a Dataset's state is its catalog (a Catalog) and origin (a str)")
        self._build(catalog, origin)

    def __repr__(self) -> str:
        return (
            f"<Dataset {self._origin!r} data_version={self._catalog.data_version!r} "
            f"events={len(self._events)}>"
        )

    def _repr_html_(self) -> str:
        """The card a notebook shows: what the dataset holds, and its first events."""
        from .notebook import dataset_card

        return dataset_card(self, self._origin)

    def cite(self, style: str = "text") -> str:
        """How to cite this data (`citation`): ``style`` ``"text"``, ``"bibtex"`` or ``"cff"``
        (a CITATION.cff), naming its data version, and the package version for the bundled
        data, the file for any other.

        Examples:
            >>> import aseanplus3_events as apt
            >>> f"data version {apt.data_version()}" in apt.default_dataset().cite()
            True
        """
        from . import __version__
        from .citation import citation

        of = None if self._origin.startswith(f"{__package__}/data/") else self._origin
        cat = self._catalog
        return citation(
            __version__, cat.data_version, style, of,
            title=cat.title, creators=cat.creators, license=cat.license,
        )  # fmt: skip

    @property
    def catalog(self) -> Catalog:
        """The validated catalog this dataset queries."""
        return self._catalog

    @property
    def data_version(self) -> str:
        """The version of the data, apart from the package version."""
        return self._catalog.data_version

    # events and sessions

    def list_events(
        self,
        *,
        kind: EventKind | str | None = None,
        country: Country | str | None = None,
        topic: Topic | str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> tuple[Event, ...]:
        """The events, by start date, then id; each filter given keeps fewer of them.

        - ``kind``: an `EventKind` or its value (``"seminar"``; case, spaces and dashes
          do not count); an unknown kind raises `UnknownKindError`.
        - ``country``: a `Country`, an ISO 3166-1 alpha-2 code or a name the data gives
          the country; keeps the events that *involve* it: held there (the location's
          ``address_country``), with a participant group from it, or with an
          organization taking part whose ``country`` it is.  Unknown: `UnknownCountryError`.
        - ``topic``: as in `sessions_by_topic`; keeps events with a session on it.
        - ``since``, ``until``: a ``datetime.date`` or an ISO date (``"2023-07-01"``);
          keeps the events that run on a day on or after ``since`` and on a day on or
          before ``until``: with both, those of any day from one to the other; ``since``
          after ``until``, those that run over every day from ``until`` to ``since``.
        """
        events = self._events_sorted
        if kind is not None:
            wanted = _event_kind(kind)
            events = tuple(e for e in events if e.kind is wanted)
        if country is not None:
            code = self._country_code(country)
            events = tuple(e for e in events if code in self._event_countries(e))
        if topic is not None:
            ids = {s.event_id for s in self.sessions_by_topic(topic)}
            events = tuple(e for e in events if e.id in ids)
        first = _date(since, "since") if since is not None else date.min
        last = _date(until, "until") if until is not None else date.max
        return tuple(e for e in events if e.end_date >= first and e.start_date <= last)

    def _country_code(self, country: Country | str) -> str:
        if isinstance(country, Country):
            return self.get_country(country.code).code
        key = topic_key(require_str(country, "country"))
        names = {c.code: (c.name, *c.alternate_names) for c in self._catalog.countries}
        for code, others in names.items():
            if key in {topic_key(n) for n in (code, *others)}:
                return code
        raise UnknownCountryError(country, names, names=names)

    def _event_countries(self, event: Event) -> set[str | None]:
        orgs = (self._organizations[p.organization_id] for p in event.participations)
        held = event.location.address_country if event.location else None
        return {held, *(o.country for o in orgs), *(g.country for g in event.participants)}

    # Each lookup tries the dictionary first, so that the common case is one hit; the
    # checks on the argument run only when that fails, to say what was wrong.

    def get_event(self, event_id: str | None = None) -> Event:
        """The event with this id; without one, the most recent (last of ``list_events()``)."""
        if event_id is None:
            if not self._events_sorted:
                raise EventNotFoundError("(the default event)", ())
            return self._events_sorted[-1]
        return _get(self._events, event_id, "event_id", EventNotFoundError, _named)

    def get_session(self, session_id: str) -> Session:
        """The session with this id (``<event id>-session-<ordinal>``)."""
        return _get(
            self._sessions, session_id, "session_id", SessionNotFoundError, lambda s: (s.heading,)
        )

    def sessions_by_topic(self, topic: Topic | str) -> tuple[Session, ...]:
        """Sessions on a topic across all events, by event date, then ordinal.

        ``topic`` is a `Topic` or any of its names (id, label, alias), compared
        without regard to case, spaces, dashes (hyphen, en or em dash) or underscores.
        """
        try:
            return self._by_topic[self._topic_names[topic]]  # type: ignore[index]
        except (KeyError, TypeError):
            pass  # not an exact name: out of the handler, so an error here chains nothing
        return self._by_topic[self.get_topic(topic).id]

    # vocabularies and reference data

    def topics(self) -> tuple[Topic, ...]:
        """The controlled topic vocabulary."""
        return self._catalog.topics

    def get_topic(self, topic: Topic | str) -> Topic:
        """A topic by its id, label or an alias (or a `Topic`, matched by id)."""
        if isinstance(topic, Topic):
            return _get(self._topics, topic.id, "topic", UnknownTopicError)
        topic_id = self._topic_names.get(require_str(topic, "topic"))
        if topic_id is None:
            topic_id = self._topic_keys.get(topic_key(topic))
        if topic_id is None:
            names = {t.id: (t.label, *t.aliases) for t in self._catalog.topics}
            raise UnknownTopicError(topic, self._topics, names=names)
        return self._topics[topic_id]

    def countries(self) -> tuple[Country, ...]:
        """The countries the data refers to (ISO 3166-1)."""
        return self._catalog.countries

    def get_country(self, code: str) -> Country:
        """A country by its ISO 3166-1 alpha-2 code (``"CN"``; case does not matter)."""
        try:
            return self._countries[require_str(code, "code").upper()]
        except KeyError:
            names = {c.code: (c.name,) for c in self._catalog.countries}
            raise UnknownCountryError(code, self._countries, names=names) from None

    def organizations(self) -> tuple[Organization, ...]:
        """Every organisation, by id."""
        return self._catalog.organizations

    def get_organization(self, org_id: str) -> Organization:
        """The organisation with this id."""
        return _get(self._organizations, org_id, "org_id", OrganizationNotFoundError, _named)

    def people(self) -> tuple[Person, ...]:
        """Every person, by id."""
        return self._catalog.people

    def get_person(self, person_id: str) -> Person:
        """The person with this id."""
        return _get(self._people, person_id, "person_id", PersonNotFoundError, lambda p: (p.name,))

    def sources(self) -> tuple[Source, ...]:
        """The source documents (with full text) and reference data."""
        return self._catalog.sources

    def get_source(self, source_id: str) -> Source:
        """The source with this id."""
        return _get(
            self._sources, source_id, "source_id", SourceNotFoundError, lambda s: (s.title,)
        )

    # tables (the CSV and Parquet exports' tables, as DataFrames: `exports.frames`)

    def table_names(self) -> tuple[str, ...]:
        """The names of the tables `to_pandas`, `to_polars` and `to_arrow` read."""
        from .exports.frames import table_names

        return table_names()

    def to_pandas(self, table: str) -> pd.DataFrame:
        """The table as a pandas DataFrame (the extra ``pandas``); unknown names raise
        `UnknownTableError`."""
        from .exports.frames import to_pandas

        return to_pandas(table, self)

    def to_polars(self, table: str) -> pl.DataFrame:
        """The table as a polars DataFrame (the extra ``polars``)."""
        from .exports.frames import to_polars

        return to_polars(table, self)

    def to_arrow(self, table: str) -> pa.Table:
        """The table as an Arrow table (the extra ``parquet``)."""
        from .exports.frames import to_arrow

        return to_arrow(table, self)

    def search(
        self, text: str, *, kind: str | None = None, limit: int | None = None
    ) -> tuple[SearchHit, ...]:
        """The records that hold every word of ``text``, best first.

        Words match whatever their case, diacritics, English ending ("markets" finds
        "Market", "Mao's" finds "Mao") or the punctuation between them ("low carbon"
        finds "Low-Carbon"; a straight apostrophe finds a curly one).  Hits are ranked
        by BM25: a word in a record's name or title counts most, then its text (a
        statement, a summary, a description), then what it links to (a session's topics,
        a speaker's name) and its note; equal scores keep dataset order.  ``kind`` keeps
        only records of that kind (see `SearchHit`), ``limit`` the best ``limit`` hits.

        No query string is an error: quotes, ``AND``, ``*`` or ``NEAR(`` are plain
        words, and a query without words gives ``()``.  Raises ``TypeError`` for a
        non-str ``text`` or ``kind`` or a non-int ``limit``, ``ValueError`` for a
        negative ``limit``, `UnknownKindError` (naming the closest kinds) for an
        unknown ``kind``, and `AseanPlusThreeError` if Python's ``sqlite3`` lacks FTS5.

        The first search builds an in-memory SQLite FTS5 index, once, under a lock
        (see `fulltext`).
        """
        from .fulltext import check_kind, check_limit  # only datasets that are searched pay

        query = require_str(text, "text")
        kind = check_kind(kind)
        limit = check_limit(limit)
        # Queries run under the lock too (SQLite serializes a connection's calls anyway).
        with self._search_lock:
            index = self._search_index
            if index is None or index.pid != os.getpid():
                from .fulltext import SearchIndex

                index = self._search_index = SearchIndex(self._catalog, self._events_sorted)
            hits = index.find(query, kind, limit)
        from .notebook import SearchResults  # a tuple that a notebook shows as cards

        return SearchResults(hits, query, self)


#: Every dataset alive, for `dataset_of` and `loading._after_fork_in_child`.
_LIVE: weakref.WeakSet[Dataset] = weakref.WeakSet()


def dataset_of(event: Event) -> Dataset | None:
    """The dataset alive that holds this very ``event`` object, if one does (by identity:
    never another dataset's record of the same id)."""
    return next((ds for ds in list(_LIVE) if ds._events.get(event.id) is event), None)


def org_label(ds: Dataset, org_id: str) -> str:
    """An organization's name, and a department's with the body it belongs to: its name
    alone ("International Cooperation Department") may be another body's department's."""
    org = ds.get_organization(org_id)
    if org.kind is OrganizationKind.DEPARTMENT and org.parent_id is not None:
        return f"{org.name}, {ds.get_organization(org.parent_id).name}"
    return org.name


def attendance_label(figure: Attendance) -> str:
    """An attendance figure in words, as `show` gives it: "more than 120 officials in person"."""
    qualifier = figure.count_qualifier
    count = figure.count is not None and " ".join(
        filter(None, (qualifier and qualifier.value.replace("_", " "), str(figure.count)))
    )
    mode = figure.attendance_mode and figure.attendance_mode.value.replace("_", " ")
    return " ".join(filter(None, (count or None, figure.label, mode)))


def _event_kind(kind: object) -> EventKind:
    if isinstance(kind, EventKind):
        return kind
    values = {topic_key(k.value): k for k in EventKind}
    try:
        return values[topic_key(require_str(kind, "kind"))]
    except KeyError:
        raise UnknownKindError(str(kind), [k.value for k in EventKind], what="event kind") from None


def _date(value: object, name: str) -> date:
    if isinstance(value, date):  # a datetime too: its day
        return date(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a date or a str, not {type(value).__name__}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        such = f"YYYY-MM-DD, such as {padded(value, '2023-07-14')}"
        raise ValueError(f"{name} must be a date ({such}), not {value!r}") from None


def _named(record: Event | Organization) -> tuple[str, ...]:
    return (record.name, *record.alternate_names)


def _get(
    table: Mapping[str, _T],
    key: object,
    name: str,
    error: type[NotFoundError],
    names: Callable[[_T], Iterable[str]] | None = None,
) -> _T:
    """``table[key]``, or the package's error: TypeError for a non-str key, else ``error``
    suggesting keys whose key or ``names`` (of the record) are close."""
    try:
        return table[key]  # type: ignore[index]
    except (KeyError, TypeError):
        key = require_str(key, name)
        other = None if names is None else {k: tuple(names(r)) for k, r in table.items()}
        raise error(key, table, names=other) from None
