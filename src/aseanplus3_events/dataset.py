"""Dataset: load a catalog, check its integrity, index it once, answer queries.

Loading is one ``model_validate_json`` pass over the file's bytes; the integrity checks
then run over the validated records and report *every* problem at once, each with its
JSON path; the indices are plain dicts built once, so lookups are dictionary hits.
The bundled dataset is read lazily, on first use, under a lock (`default_dataset`).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import (
    DatasetError,
    EventNotFoundError,
    NotFoundError,
    OrganizationNotFoundError,
    PersonNotFoundError,
    Problem,
    SessionNotFoundError,
    SourceNotFoundError,
    UnknownCountryError,
    UnknownTopicError,
)
from .models import (
    Affiliation,
    Catalog,
    Contribution,
    Country,
    Event,
    Organization,
    ParticipantGroup,
    Participation,
    Person,
    Reference,
    SearchHit,
    Session,
    Source,
    Statement,
    Topic,
)

#: The records built from a source: they carry evidence and may carry a note.
_Cited: TypeAlias = (
    Event
    | Participation
    | ParticipantGroup
    | Session
    | Contribution
    | Statement
    | Reference
    | Organization
    | Person
)

if TYPE_CHECKING:
    from .searchindex import SearchIndex

__all__ = ["SCHEMA_VERSION", "Dataset", "default_dataset", "load_dataset", "topic_key"]

#: The schema version this package writes; it reads any file with the same major version.
SCHEMA_VERSION = "1.0.0"
_SCHEMA_MAJOR = SCHEMA_VERSION.split(".")[0]

#: Where the bundled files live inside the package.
DATA_FILE = "catalog.json"
SCHEMA_FILE = "catalog.schema.json"
#: The sha256 of DATA_FILE, recorded by the build (``sha256sum -c`` reads it too).
DIGEST_FILE = "catalog.sha256"

_T = TypeVar("_T")
_SEPARATORS = str.maketrans("-_", "  ")


def topic_key(name: str) -> str:
    """How topic names are compared: case, spaces, hyphens and underscores do not count.

    Examples:
        >>> topic_key("Carbon markets") == topic_key("carbon-markets")
        True
    """
    return "".join(name.casefold().translate(_SEPARATORS).split())


def _require_str(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


def _json_path(loc: tuple[int | str, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


# --- integrity checks --------------------------------------------------------------


Loc = tuple[str | int, ...]


class _Checker:
    """Collects every problem in a catalog; the checks never stop at the first one.

    Locations are tuples (``("events", 0, "name")``), turned into JSON paths only for the
    problems found: formatting a path for every record would cost more than the checks.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.problems: list[Problem] = []
        self.sources = {s.id: s for s in catalog.sources}
        self.texts = {s.id: s.text for s in catalog.sources if s.text is not None}
        self.organizations = {o.id: o for o in catalog.organizations}
        self.people = {p.id: p for p in catalog.people}
        self.topics = {t.id: t for t in catalog.topics}
        self.countries = {c.code: c for c in catalog.countries}
        self.nested_ids: dict[str, Loc] = {}

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(_json_path(loc), message))

    def run(self) -> list[Problem]:
        cat = self.catalog
        if cat.schema_version.split(".")[0] != _SCHEMA_MAJOR:
            self.add(
                ("schema_version",),
                f"unsupported schema_version {cat.schema_version!r}; "
                f"this version reads {_SCHEMA_MAJOR}.x",
            )
        self._unique(("events",), [e.id for e in cat.events])
        self._unique(("organizations",), [o.id for o in cat.organizations])
        self._unique(("people",), [p.id for p in cat.people])
        self._unique(("topics",), [t.id for t in cat.topics])
        self._unique(("sources",), [s.id for s in cat.sources])
        self._unique(("countries",), [c.code for c in cat.countries], key="code")
        self._topic_names()
        self._sources()
        for i, country in enumerate(cat.countries):
            self._ref(("countries", i, "source_id"), country.source_id, self.sources, "source")
        for i, org in enumerate(cat.organizations):
            self._organization(("organizations", i), org)
        for i, person in enumerate(cat.people):
            for j, aff in enumerate(person.affiliations):
                loc = ("people", i, "affiliations", j, "organization_id")
                self._ref(loc, aff.organization_id, self.organizations, "organization")
            self._cited(("people", i), person, None)
        for i, event in enumerate(cat.events):
            self._event(("events", i), event)
        return self.problems

    def _unique(self, loc: Loc, ids: list[str], key: str = "id") -> None:
        if len(set(ids)) == len(ids):
            return
        seen: dict[str, int] = {}
        for i, value in enumerate(ids):
            if value in seen:
                where = (*loc, i, key) if key else (*loc, i)
                what = f"duplicate {key} {value!r}" if key else f"duplicate {value!r}"
                self.add(where, f"{what} (first at [{seen[value]}])")
            else:
                seen[value] = i

    def _ref(self, loc: Loc, value: str, table: Mapping[str, object], what: str) -> bool:
        if value not in table:
            self.add(loc, f"unknown {what} {value!r}")
            return False
        return True

    def _topic_names(self) -> None:
        owner: dict[str, str] = {}
        for i, topic in enumerate(self.catalog.topics):
            names: list[tuple[Loc, str]] = [(("id",), topic.id), (("label",), topic.label)]
            names += [(("aliases", j), a) for j, a in enumerate(topic.aliases)]
            for field, name in names:
                other = owner.setdefault(topic_key(name), topic.id)
                if other != topic.id:
                    self.add(
                        ("topics", i, *field),
                        f"topic name {name!r} is also a name of topic {other!r}",
                    )

    def _sources(self) -> None:
        import hashlib  # here, not at the top: most imports of the package never load data

        for i, source in enumerate(self.catalog.sources):
            if source.text is None:
                if source.sha256 is not None:
                    self.add(("sources", i, "sha256"), "a source without text has no sha256")
                continue
            digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
            if source.sha256 != digest:
                self.add(
                    ("sources", i, "sha256"),
                    f"is {source.sha256!r}; the text hashes to {digest!r}",
                )

    def _organization(self, loc: Loc, org: Organization) -> None:
        if org.country is not None:
            self._ref((*loc, "country"), org.country, self.countries, "country")
        if org.parent_id is not None and self._ref(
            (*loc, "parent_id"), org.parent_id, self.organizations, "organization"
        ):
            seen = {org.id}
            parent: str | None = org.parent_id
            while parent is not None and parent in self.organizations:
                if parent in seen:
                    self.add((*loc, "parent_id"), f"parent chain of {org.id!r} is a cycle")
                    break
                seen.add(parent)
                parent = self.organizations[parent].parent_id
        self._cited(loc, org, None)

    def _child_id(self, loc: Loc, actual: str, expected: str) -> None:
        if actual != expected:
            self.add((*loc, "id"), f"is {actual!r}; expected {expected!r}")
        first = self.nested_ids.setdefault(actual, loc)
        if first is not loc:
            self.add((*loc, "id"), f"duplicate id {actual!r} (first at {_json_path(first)})")

    def _event(self, loc: Loc, event: Event) -> None:
        if event.end_date < event.start_date:
            self.add(
                (*loc, "end_date"), f"{event.end_date} is before start_date {event.start_date}"
            )
        for j, source_id in enumerate(event.source_ids):
            self._ref((*loc, "source_ids", j), source_id, self.sources, "source")
        allowed = frozenset(event.source_ids)
        self._cited(loc, event, allowed)
        prefix = event.id + "-"
        for j, part in enumerate(event.participations):
            here = (*loc, "participations", j)
            self._child_id(here, part.id, f"{prefix}participation-{j + 1}")
            self._ref(
                (*here, "organization_id"), part.organization_id, self.organizations, "organization"
            )
            self._cited(here, part, allowed)
        for j, group in enumerate(event.participants):
            here = (*loc, "participants", j)
            self._child_id(here, group.id, f"{prefix}participant-{j + 1}")
            if group.country is not None:
                self._ref((*here, "country"), group.country, self.countries, "country")
            self._cited(here, group, allowed)
        for j, session in enumerate(event.sessions):
            here = (*loc, "sessions", j)
            self._child_id(here, session.id, f"{prefix}session-{j + 1}")
            if session.ordinal != j + 1:
                self.add(
                    (*here, "ordinal"),
                    f"is {session.ordinal}; sessions count 1..n, expected {j + 1}",
                )
            if session.event_id != event.id:
                self.add((*here, "event_id"), f"is {session.event_id!r}; expected {event.id!r}")
            self._unique((*here, "topics"), list(session.topics), key="")
            for k, topic in enumerate(session.topics):
                self._ref((*here, "topics", k), topic, self.topics, "topic")
            self._cited(here, session, allowed)
            session_prefix = session.id + "-contribution-"
            for k, contribution in enumerate(session.contributions):
                there = (*here, "contributions", k)
                self._child_id(there, contribution.id, f"{session_prefix}{k + 1}")
                self._ref((*there, "person_id"), contribution.person_id, self.people, "person")
                self._cited(there, contribution, allowed)
        for j, statement in enumerate(event.statements):
            here = (*loc, "statements", j)
            self._child_id(here, statement.id, f"{prefix}statement-{j + 1}")
            self._cited(here, statement, allowed)
        for j, reference in enumerate(event.references):
            here = (*loc, "references", j)
            self._child_id(here, reference.id, f"{prefix}reference-{j + 1}")
            if (
                reference.period_start is not None
                and reference.period_end is not None
                and reference.period_end < reference.period_start
            ):
                self.add((*here, "period_end"), "is before period_start")
            self._cited(here, reference, allowed)

    def _cited(self, loc: Loc, record: _Cited, allowed: frozenset[str] | None) -> None:
        """Evidence quotes equal their spans, name real fields, and back every fact.

        This runs once per record of a dataset, so it is written for speed: plain loops,
        field values read from the instance dict, nothing formatted unless it is wrong.
        """
        cls = type(record)
        facts = _FACT_SETS[cls]
        evidence = record.evidence
        values = record.__dict__
        named: set[str] = set()
        texts = self.texts
        for j, ev in enumerate(evidence):
            fields = ev.fields
            if not facts.issuperset(fields):
                for field in fields:
                    if field not in facts:
                        self.add(
                            (*loc, "evidence", j, "fields"),
                            f"{field!r} is not a fact field of {cls.__name__}",
                        )
            named.update(fields)
            source_id = ev.source_id
            if allowed is not None and source_id not in allowed:
                self.add(
                    (*loc, "evidence", j, "source_id"),
                    f"{source_id!r} is not one of the event's source_ids",
                )
            text = texts.get(source_id)
            if text is None:
                what = "unknown source" if source_id not in self.sources else "no text in source"
                self.add((*loc, "evidence", j, "source_id"), f"{what} {source_id!r}")
            elif text[ev.start : ev.end] != ev.quote:
                self._span_problem((*loc, "evidence", j), ev.start, ev.end, text)
        for field in cls.fact_fields:
            value = values[field]
            if value is not None and value != () and field not in named:
                self.add((*loc, field), "has a value but no evidence names this field")
        for field in cls.verbatim_fields:
            value = values[field]
            if not value or field not in named:
                continue
            for words in (value,) if type(value) is str else _texts(value):
                for ev in evidence:
                    if field in ev.fields and words in ev.quote:
                        break
                else:
                    self.add((*loc, field), f"{words!r} does not occur in its evidence")

    def _span_problem(self, loc: Loc, start: int, end: int, text: str) -> None:
        if not 0 <= start < end <= len(text):
            self.add(loc, f"span [{start}, {end}) is outside the text (length {len(text)})")
        else:
            self.add(
                (*loc, "quote"),
                f"does not equal the source text at [{start}, {end}): {text[start:end]!r}",
            )


_FACT_SETS: dict[type, frozenset[str]] = {
    cls: frozenset(cls.fact_fields)
    for cls in (
        Event,
        Participation,
        ParticipantGroup,
        Session,
        Contribution,
        Statement,
        Reference,
        Organization,
        Person,
    )
}


def _texts(value: object) -> Iterator[str]:
    """The strings of a verbatim fact (a str, a tuple of str, or posts of affiliations)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            if isinstance(item, Affiliation):
                if item.post is not None:
                    yield item.post
            else:
                yield from _texts(item)


# --- loading -----------------------------------------------------------------------


def _schema_version(data: bytes) -> str | None:
    """The file's schema_version, if it has one, whatever else is wrong with it.

    Used on the failure path only: a file of another major version fails validation for
    reasons not worth listing.  The class is made here so that the common path never
    pays for it.
    """

    class Header(BaseModel):
        model_config = ConfigDict(extra="ignore")
        schema_version: str

    try:
        return Header.model_validate_json(data).schema_version
    except ValidationError:
        return None


def _parse(data: bytes, origin: str) -> Catalog:
    try:
        return Catalog.model_validate_json(data)
    except ValidationError as exc:
        version = _schema_version(data)
        if version is not None and version.split(".")[0] != _SCHEMA_MAJOR:
            problem = Problem(
                "$.schema_version",
                f"unsupported schema_version {version!r}; this version reads {_SCHEMA_MAJOR}.x",
            )
            raise DatasetError([problem], origin=origin) from None
        problems = [
            Problem(_json_path(tuple(e["loc"])), e["msg"])
            for e in exc.errors(include_url=False, include_input=False)
        ]
        raise DatasetError(problems, origin=origin) from None


def load_dataset(path: str | os.PathLike[str], *, freeze: bool = False) -> Dataset:
    """Load, validate and check a dataset file of your own (same format as the bundled one).

    Every problem is reported in one `DatasetError` with its
    JSON path; an unreadable file is a ``DatasetError`` too, chained to the ``OSError``.

    ``freeze=True`` (opt-in, for long-running programs holding a large dataset) calls
    `gc.freeze` after loading, so that the garbage collector skips the dataset's
    objects in every later collection.  It is process-wide: it also freezes every other
    object alive at that moment; `gc.unfreeze` undoes it.

    Examples:
        >>> import aseanplus3_events as apt, json, pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> catalog = apt.default_dataset().catalog.model_dump_json()
        >>> _ = (folder / "mine.json").write_text(catalog, encoding="utf-8")
        >>> apt.load_dataset(folder / "mine.json").get_event().name == apt.get_event().name
        True
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    origin = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DatasetError(
            [Problem("$", f"cannot read the file: {exc.strerror}")], origin=origin
        ) from exc
    dataset = _from_bytes(data, origin)
    if freeze:
        gc.freeze()
    return dataset


def _from_bytes(data: bytes, origin: str) -> Dataset:
    """Parse, validate, check and index, with the cyclic garbage collector paused.

    Loading makes hundreds of thousands of objects and frees none of them, but each
    batch of new objects sets off a collection that scans all the ones made so far: at
    10,000 events the collector took more than half of the load time, left on
    (benchmarks/RESULTS.md).  The load makes no cyclic garbage worth collecting, so the
    collector is paused for its duration and left as it was found afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return Dataset(_parse(data, origin), origin=origin)
    finally:
        if was_enabled:
            gc.enable()


def _read_bundled(name: str) -> bytes:
    # Read as bytes through importlib.resources, inside the loader: zip-safe, and
    # nothing happens at import time.  Pythons before 3.13 use the backport, whose
    # files() API the standard library only caught up with in 3.13.
    if sys.version_info >= (3, 13):
        from importlib.resources import files
    else:
        from importlib_resources import files
    return files(__package__).joinpath("data", name).read_bytes()


def _load_bundled() -> Dataset:
    import hashlib

    origin = f"{__package__}/data/{DATA_FILE}"
    data = _read_bundled(DATA_FILE)
    # The build recorded the digest of the file it checked; a file that no longer
    # matches was changed after installation, and nothing it says can be trusted.
    recorded = _read_bundled(DIGEST_FILE).decode("ascii").split()[0]
    actual = hashlib.sha256(data).hexdigest()
    if actual != recorded:
        message = (
            f"the installed data file does not match the sha256 recorded when it was built "
            f"(recorded {recorded}, found {actual}): the installation was modified or "
            "damaged; reinstall aseanplus3-events"
        )
        raise DatasetError([Problem("$", message)], origin=origin)
    return _from_bytes(data, origin)


_default: Dataset | None = None
_default_lock = threading.Lock()


def default_dataset() -> Dataset:
    """The bundled dataset, loaded on first use (once, even under many threads) and cached.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.default_dataset() is apt.default_dataset()
        True
    """
    global _default
    dataset = _default
    if dataset is None:
        with _default_lock:
            dataset = _default
            if dataset is None:
                dataset = _default = _load_bundled()
    return dataset


# --- the query object --------------------------------------------------------------


def _index(records: tuple[_T, ...], key: str) -> dict[str, _T]:
    return {getattr(r, key): r for r in records}


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
        problems = _Checker(catalog).run()
        if problems:
            raise DatasetError(problems, origin=origin)
        self._catalog = catalog
        self._origin = origin
        self._events_sorted = tuple(sorted(catalog.events, key=lambda e: (e.start_date, e.id)))
        self._events = _index(catalog.events, "id")
        self._organizations = _index(catalog.organizations, "id")
        self._people = _index(catalog.people, "id")
        self._topics = _index(catalog.topics, "id")
        self._sources = _index(catalog.sources, "id")
        self._countries = _index(catalog.countries, "code")
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

    def __repr__(self) -> str:
        return (
            f"<Dataset {self._origin!r} data_version={self._catalog.data_version!r} "
            f"events={len(self._events)}>"
        )

    @property
    def catalog(self) -> Catalog:
        """The validated catalog this dataset queries."""
        return self._catalog

    @property
    def data_version(self) -> str:
        """The version of the data, apart from the package version."""
        return self._catalog.data_version

    # events and sessions

    def list_events(self) -> tuple[Event, ...]:
        """Every event, by start date, then id."""
        return self._events_sorted

    # Each lookup tries the dictionary first, so that the common case is one hit; the
    # checks on the argument run only when that fails, to say what was wrong.

    def get_event(self, event_id: str | None = None) -> Event:
        """The event with this id; without one, the most recent (last of ``list_events()``)."""
        try:
            return self._events[event_id]  # type: ignore[index]
        except (KeyError, TypeError):
            pass
        if event_id is None:
            if not self._events_sorted:
                raise EventNotFoundError("(the default event)", ()) from None
            return self._events_sorted[-1]
        raise EventNotFoundError(_require_str(event_id, "event_id"), self._events)

    def get_session(self, session_id: str) -> Session:
        """The session with this id (``<event id>-session-<ordinal>``)."""
        return _get(self._sessions, session_id, "session_id", SessionNotFoundError)

    def sessions_by_topic(self, topic: Topic | str) -> tuple[Session, ...]:
        """Sessions on a topic across all events, by event date, then ordinal.

        ``topic`` is a `Topic` or any of its names (id, label, alias), compared
        without regard to case, spaces, hyphens or underscores.
        """
        try:
            return self._by_topic[self._topic_names[topic]]  # type: ignore[index]
        except (KeyError, TypeError):
            return self._by_topic[self.get_topic(topic).id]

    # vocabularies and reference data

    def topics(self) -> tuple[Topic, ...]:
        """The controlled topic vocabulary."""
        return self._catalog.topics

    def get_topic(self, topic: Topic | str) -> Topic:
        """A topic by its id, label or an alias (or a `Topic`, matched by id)."""
        if isinstance(topic, Topic):
            return _get(self._topics, topic.id, "topic", UnknownTopicError)
        topic_id = self._topic_names.get(_require_str(topic, "topic"))
        if topic_id is None:
            topic_id = self._topic_keys.get(topic_key(topic))
        if topic_id is None:
            raise UnknownTopicError(topic, self._topics)
        return self._topics[topic_id]

    def countries(self) -> tuple[Country, ...]:
        """The countries the data refers to (ISO 3166-1)."""
        return self._catalog.countries

    def get_country(self, code: str) -> Country:
        """A country by its ISO 3166-1 alpha-2 code (``"CN"``; case does not matter)."""
        try:
            return self._countries[_require_str(code, "code").upper()]
        except KeyError:
            raise UnknownCountryError(code, self._countries) from None

    def organizations(self) -> tuple[Organization, ...]:
        """Every organisation, by id."""
        return self._catalog.organizations

    def get_organization(self, org_id: str) -> Organization:
        """The organisation with this id."""
        return _get(self._organizations, org_id, "org_id", OrganizationNotFoundError)

    def people(self) -> tuple[Person, ...]:
        """Every person, by id."""
        return self._catalog.people

    def get_person(self, person_id: str) -> Person:
        """The person with this id."""
        return _get(self._people, person_id, "person_id", PersonNotFoundError)

    def sources(self) -> tuple[Source, ...]:
        """The source documents (with full text) and reference data."""
        return self._catalog.sources

    def get_source(self, source_id: str) -> Source:
        """The source with this id."""
        return _get(self._sources, source_id, "source_id", SourceNotFoundError)

    # search

    def search(self, text: str) -> tuple[SearchHit, ...]:
        """Records whose text holds every word of ``text`` (case-insensitive), in dataset order.

        The first search builds an index of the records' words (see
        `searchindex`); later ones look candidates up there.
        """
        query = _require_str(text, "text")
        index = self._search_index
        if index is None:
            with self._search_lock:
                index = self._search_index
                if index is None:
                    from .searchindex import SearchIndex  # only datasets that are searched pay

                    index = self._search_index = SearchIndex(self._hits())
        return index.find(query)

    def _hits(self) -> Iterator[SearchHit]:
        def hit(kind: str, record_id: str, event_id: str | None, *texts: str | None) -> SearchHit:
            text = " | ".join(t for t in texts if t)
            return SearchHit(kind=kind, id=record_id, event_id=event_id, text=text)

        for event in self._events_sorted:
            yield hit("event", event.id, event.id, event.name, *event.alternate_names)
            for session in event.sessions:
                yield hit("session", session.id, event.id, session.title)
            for session in event.sessions:
                for contribution in session.contributions:
                    yield hit("contribution", contribution.id, event.id, contribution.summary)
            for statement in event.statements:
                yield hit("statement", statement.id, event.id, statement.text)
            for reference in event.references:
                yield hit("reference", reference.id, event.id, reference.title)
        for org in self._catalog.organizations:
            yield hit("organization", org.id, None, org.name, *org.alternate_names, org.description)
        for person in self._catalog.people:
            yield hit(
                "person", person.id, None, person.name, *(a.post for a in person.affiliations)
            )


def _get(table: Mapping[str, _T], key: object, name: str, error: type[NotFoundError]) -> _T:
    """``table[key]``, or the package's error: TypeError for a non-str key, else ``error``."""
    try:
        return table[key]  # type: ignore[index]
    except (KeyError, TypeError):
        raise error(_require_str(key, name), table) from None
