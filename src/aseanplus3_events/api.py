"""The module-level API: each function asks the bundled dataset (`default_dataset`).

They are thin on purpose: the behaviour, and its documentation in full, is that of the
`Dataset` method of the same name.  The first call loads the
bundled data; every later call is a dictionary hit or a return of a cached tuple.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .loading import default_dataset
from .models import (
    Country,
    Event,
    EventKind,
    Organization,
    Person,
    SearchHit,
    Session,
    Source,
    Topic,
)

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = [
    "cite",
    "countries",
    "data_version",
    "get_country",
    "get_event",
    "get_organization",
    "get_person",
    "get_session",
    "get_source",
    "get_topic",
    "list_events",
    "organizations",
    "people",
    "search",
    "sessions_by_topic",
    "sources",
    "table_names",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "topics",
]


def data_version() -> str:
    """The version of the bundled data (CalVer), apart from the package's ``__version__``.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.data_version() == apt.default_dataset().catalog.data_version
        True
    """
    return default_dataset().data_version


def cite(style: str = "text") -> str:
    """How to cite the bundled data: ``style`` ``"text"``, ``"bibtex"`` or ``"cff"``
    (`Dataset.cite`).

    Examples:
        >>> import aseanplus3_events as apt
        >>> print(apt.cite("bibtex").splitlines()[0])
        @misc{aseanplus3-events-...,
    """
    return default_dataset().cite(style)


def list_events(
    *,
    kind: EventKind | str | None = None,
    country: Country | str | None = None,
    topic: Topic | str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
) -> tuple[Event, ...]:
    """The events, by start date, then id, filtered as `Dataset.list_events` says:
    ``kind``, ``country`` (held there, or a participant group or organization from
    there), ``topic`` (a session on it), ``since`` and ``until`` (ISO dates, inclusive).

    Examples:
        >>> import aseanplus3_events as apt
        >>> "apt-low-carbon-seminar-2023" in [e.id for e in apt.list_events(country="Japan")]
        True
    """
    return default_dataset().list_events(
        kind=kind, country=country, topic=topic, since=since, until=until
    )


def get_event(event_id: str | None = None) -> Event:
    """The event with ``event_id``; without one, the most recent event: the last of
    `list_events()`, which changes whenever a later event is added (name the id to
    mean one event).

    Raises `EventNotFoundError` (a ``LookupError``) naming the closest ids.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_event("apt-low-carbon-seminar-2023").start_date
        datetime.date(2023, 7, 14)
        >>> try:
        ...     apt.get_event("apt-low-carbon-seminar")
        ... except apt.EventNotFoundError as error:
        ...     print(error.suggestions)
        ('apt-low-carbon-seminar-2023',)
    """
    return default_dataset().get_event(event_id)


def get_session(session_id: str) -> Session:
    """The session with ``session_id`` (``<event id>-session-<ordinal>``).

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_session("apt-low-carbon-seminar-2023-session-2").subject[:40]
        'Promoting Low-Carbon Development and Est'
    """
    return default_dataset().get_session(session_id)


def sessions_by_topic(topic: Topic | str) -> tuple[Session, ...]:
    """Sessions on ``topic`` across all events, by date, then ordinal.

    ``topic`` is a `Topic` or its id, label or an alias; case, spaces, dashes (hyphen,
    en or em dash) and underscores do not count.  An unknown topic raises
    `UnknownTopicError` naming the closest topics; a known topic without sessions
    gives ``()``.

    Examples:
        >>> import aseanplus3_events as apt
        >>> [s.ordinal for s in apt.sessions_by_topic("Carbon markets")]
        [1]
    """
    return default_dataset().sessions_by_topic(topic)


def topics() -> tuple[Topic, ...]:
    """The controlled topic vocabulary, by id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.topics()[0].label
        'Carbon markets'
    """
    return default_dataset().topics()


def get_topic(topic: Topic | str) -> Topic:
    """A topic by id, label or alias, compared as in `sessions_by_topic`.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_topic("PLASTIC_REDUCTION").id
        'plastic-pollution'
    """
    return default_dataset().get_topic(topic)


def organizations() -> tuple[Organization, ...]:
    """Every organisation, by id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> "world-resources-institute" in [org.id for org in apt.organizations()]
        True
    """
    return default_dataset().organizations()


def get_organization(org_id: str) -> Organization:
    """The organisation with ``org_id``; `OrganizationNotFoundError` if none.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_organization("china-asean-environmental-cooperation-center").founded
        2010
    """
    return default_dataset().get_organization(org_id)


def people() -> tuple[Person, ...]:
    """Every person, by id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> "Julia Mao" in [p.name for p in apt.people()]
        True
    """
    return default_dataset().people()


def get_person(person_id: str) -> Person:
    """The person with ``person_id``; `PersonNotFoundError` if none.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_person("julia-mao").affiliations[0].post
        'Director'
    """
    return default_dataset().get_person(person_id)


def countries() -> tuple[Country, ...]:
    """The countries the data refers to, by ISO 3166-1 alpha-2 code.

    Examples:
        >>> import aseanplus3_events as apt
        >>> [c.code for c in apt.countries() if c.name == "Japan"]
        ['JP']
    """
    return default_dataset().countries()


def get_country(code: str) -> Country:
    """A country by ISO 3166-1 alpha-2 code; `UnknownCountryError` if none.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_country("kr").name
        'Korea, Republic of'
    """
    return default_dataset().get_country(code)


def sources() -> tuple[Source, ...]:
    """The source documents, with their full text, and the reference data, by id.

    Examples:
        >>> import aseanplus3_events as apt
        >>> [s.kind.value for s in apt.sources() if s.id == "iso-3166-1"]
        ['reference']
    """
    return default_dataset().sources()


def get_source(source_id: str) -> Source:
    """The source with ``source_id``; `SourceNotFoundError` if none.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_source("article-apt-low-carbon-seminar-2023").text[:16]
        'On July 14, 2023'
    """
    return default_dataset().get_source(source_id)


def search(
    text: str, *, kind: str | None = None, limit: int | None = None
) -> tuple[SearchHit, ...]:
    """Records holding every word of ``text``, best first (BM25), as `SearchHit` values.

    Words match whatever their case, diacritics, English ending or the punctuation
    between them; ``kind`` keeps one kind of record (``"session"``, ...), ``limit`` the
    best ``limit`` hits.  No query string is an error (``()`` when nothing matches);
    the rules in full are `Dataset.search`'s.

    Examples:
        >>> import aseanplus3_events as apt
        >>> [hit.id for hit in apt.search("carbon markets", kind="session")]
        ['apt-low-carbon-seminar-2023-session-1']
        >>> hit = apt.search("plastics youth")[0]
        >>> hit.id
        'apt-low-carbon-seminar-2023-session-3'
        >>> hit.snippet[-49:]
        'and **Youth** Leadership in **Plastic** Reduction'
    """
    return default_dataset().search(text, kind=kind, limit=limit)


def table_names() -> tuple[str, ...]:
    """The names of the tables of the CSV and Parquet exports, which `to_pandas`,
    `to_polars` and `to_arrow` read.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.table_names()[-3:]
        ('statement_sessions', 'evidence', 'controlled_values')
    """
    return default_dataset().table_names()


def to_pandas(table: str) -> pd.DataFrame:
    """The table named ``table`` as a pandas DataFrame (the extra ``pandas``): dates as
    ``datetime64``, lists as lists, booleans as booleans.  An unknown name raises
    `UnknownTableError` naming the closest tables.

    Examples:
        >>> import aseanplus3_events as apt
        >>> events = apt.to_pandas("events").set_index("id").loc["apt-low-carbon-seminar-2023"]
        >>> events["start_date"], bool(events["participants_complete"])
        (Timestamp('2023-07-14 00:00:00'), False)
    """
    return default_dataset().to_pandas(table)


def to_polars(table: str) -> pl.DataFrame:
    """The table named ``table`` as a polars DataFrame (the extra ``polars``): dates as
    ``Date``, lists as ``List(String)``.

    Examples:
        >>> import aseanplus3_events as apt
        >>> sessions = apt.to_polars("sessions").filter(id="apt-low-carbon-seminar-2023-session-1")
        >>> sessions["topics"][0].to_list()
        ['carbon-markets', 'regional-cooperation', 'green-finance']
    """
    return default_dataset().to_polars(table)


def to_arrow(table: str) -> pa.Table:
    """The table named ``table`` as a ``pyarrow.Table`` typed as its Parquet file (the
    extra ``parquet``).

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.to_arrow("sessions").num_rows == sum(len(e.sessions) for e in apt.list_events())
        True
    """
    return default_dataset().to_arrow(table)
