"""Integrity checks: what a valid `Catalog` must also satisfy across its records.

Unique ids; every reference resolves (a session's and a statement's ``reference_ids`` to
the event's references, a statement's ``depends_on`` to an earlier statement of the
event); every evidence quote equals its span and backs the facts it names, and every item
of a field that lists ids has a quote of its own; ``end_date >= start_date``; session
ordinals count 1..n.  The checks
never stop at the first problem: `check` returns every one, each with its JSON path.
One checker does all of it, in one pass; a good catalog, the common case, costs what
the walk over its records costs, and nothing is formatted until something is wrong.
"""

from __future__ import annotations

import operator
from collections.abc import Collection, Iterator, Mapping
from typing import Any, TypeAlias, get_args

from pydantic import BaseModel

from .errors import Problem, did_you_mean, json_path
from .models import (
    SCHEMA_VERSION,
    Affiliation,
    Attendance,
    Catalog,
    Contribution,
    Country,
    Event,
    Evidence,
    Organization,
    ParticipantGroup,
    Participation,
    Person,
    Place,
    Reference,
    Session,
    Statement,
)
from .text import resolve_quote, topic_key

__all__ = ["check"]

#: The major versions read: 1.x files that validate as the current version mean the same
#: (what 2.0 changed, ``location``, is upgraded by the loader where a file gives it).
_READS = ("1", SCHEMA_VERSION.split(".")[0])

#: The records built from a source: they carry evidence and may carry a note.
_Cited: TypeAlias = (
    Event | Attendance | Country | Participation | ParticipantGroup | Session | Contribution
    | Statement | Reference | Organization | Person
)  # fmt: skip


def unsupported(version: str) -> str | None:
    """Why a file of schema ``version`` is not read (None when it is)."""
    if version.split(".")[0] in _READS:
        return None
    reads = " and ".join(m + ".x" for m in _READS)
    return f"unsupported schema_version {version!r}; this version reads {reads}"


def check(catalog: Catalog) -> list[Problem]:
    """Every integrity problem of ``catalog`` (``[]`` when it has none), in document order.

    Examples:
        >>> import aseanplus3_events as apt
        >>> from aseanplus3_events.checks import check
        >>> check(apt.default_dataset().catalog)
        []
    """
    return _Checker(catalog).run()


Loc = tuple[str | int, ...]
_Valid: TypeAlias = dict[str, Collection[str]]


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
        self.events = {e.id: e for e in catalog.events}
        # the first record (evidence) of each id, by reference: its location is found
        # for a duplicate only, so that checking a good catalog keeps nothing per record
        self.nested_ids: dict[str, object] = {}
        self.evidence_ids: dict[str, Evidence] = {}
        # the event being checked: the sources its evidence may cite (None outside
        # events) and the ids each of its fields that list ids may name
        self.allowed: frozenset[str] | None = None
        self.valid: _Valid = {}

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(json_path(loc), message))

    def run(self) -> list[Problem]:
        cat = self.catalog
        if why := unsupported(cat.schema_version):
            self.add(("schema_version",), why)
        for table in ("events", "organizations", "people", "topics", "sources"):
            self._unique((table,), [record.id for record in getattr(cat, table)])
        self._unique(("countries",), [c.code for c in cat.countries], key="code")
        self._topic_names()
        self._sources()
        for i, country in enumerate(cat.countries):
            self._ref(("countries", i, "source_id"), country.source_id, self.sources, "source")
            if country.evidence or country.alternate_names:
                self._cited(("countries", i), country)
            if country.source_id in self.texts:  # code and name come from reference data
                why = (
                    "is a text; cite reference data (ISO 3166-1) for the code and name, and "
                    "give the text's name for the country in alternate_names, quoted"
                )
                self.add(("countries", i, "source_id"), f"{country.source_id!r} {why}")
        for i, org in enumerate(cat.organizations):
            self._organization(("organizations", i), org)
        for i, person in enumerate(cat.people):
            for j, aff in enumerate(person.affiliations):
                loc = ("people", i, "affiliations", j, "organization_id")
                self._ref(loc, aff.organization_id, self.organizations, "organization")
            self._cited(("people", i), person)
        for i, event in enumerate(cat.events):
            self._event(("events", i), event)
        return self.problems

    def _unique(self, loc: Loc, ids: list[str], key: str = "id") -> None:
        if len(set(ids)) == len(ids):
            return
        seen: dict[str, int] = {}
        for i, value in enumerate(ids):
            if seen.setdefault(value, i) != i:
                where = (*loc, i, key) if key else (*loc, i)
                what = f"duplicate {key} {value!r}" if key else f"duplicate {value!r}"
                self.add(where, f"{what} (first at [{seen[value]}])")

    def _listed(self, loc: Loc, record: BaseModel, field: str, what: str) -> None:
        """A field listing ids (of ``what``, in ``self.valid[field]``): each once, each known."""
        ids, table = getattr(record, field), self.valid[field]
        if len(set(ids)) != len(ids):
            self._unique((*loc, field), list(ids), key="")
        for k, value in enumerate(ids):
            if value not in table:
                self._ref((*loc, field, k), value, table, what)

    def _ref(self, loc: Loc, value: str | None, table: Collection[str], what: str) -> bool:
        """Whether ``value`` is one of ``table``; a problem where it is not (None: none given)."""
        if value is not None and value not in table:
            self.add(loc, f"unknown {what} {value!r}{did_you_mean(value, table)}")
            return False
        return value is not None

    def _topic_names(self) -> None:
        owner: dict[str, str] = {}
        for i, topic in enumerate(self.catalog.topics):
            names: list[tuple[Loc, str]] = [(("id",), topic.id), (("label",), topic.label)]
            names += [(("aliases", j), a) for j, a in enumerate(topic.aliases)]
            for field, name in names:
                other = owner.setdefault(topic_key(name), topic.id)
                if other != topic.id:
                    message = f"topic name {name!r} is also a name of topic {other!r}"
                    self.add(("topics", i, *field), message)

    def _sources(self) -> None:
        import hashlib  # here, not at the top: most imports of the package never load data

        for i, source in enumerate(self.catalog.sources):
            self._utf8(("sources", i, "url"), source.url)
            text = self._utf8(("sources", i, "text"), source.text)
            if source.text is None:
                if source.sha256 is not None:
                    self.add(("sources", i, "sha256"), "a source without text has no sha256")
            elif text is not None and source.sha256 != (digest := hashlib.sha256(text).hexdigest()):
                message = f"is {source.sha256!r}; the text hashes to {digest!r}"
                self.add(("sources", i, "sha256"), message)

    def _utf8(self, loc: Loc, value: str | None) -> bytes | None:
        """``value`` in UTF-8; None, and a problem, where it holds a lone surrogate (not text)."""
        try:
            return None if value is None else value.encode()
        except UnicodeEncodeError as exc:  # raised for a surrogate, and only for one
            at = exc.start
            self.add(loc, f"U+{ord(exc.object[at]):04X} at {at}, a lone surrogate, is not text")
            return None

    def _organization(self, loc: Loc, org: Organization) -> None:
        self._ref((*loc, "country"), org.country, self.countries, "country")
        if self._ref((*loc, "parent_id"), org.parent_id, self.organizations, "organization"):
            self._acyclic((*loc, "parent_id"), org.id, self.organizations)
        self._cited(loc, org)

    def _acyclic(self, loc: Loc, first: str, table: Mapping[str, Organization | Event]) -> None:
        """The chain of parents (an organization's, an event's super-event) from ``first``
        ends; a parent that does not resolve is reported where it is given."""
        seen, parent = {first}, _parent(table[first])
        while parent is not None and parent in table:
            if parent in seen:
                self.add(loc, f"the chain of {loc[-1]} from {first!r} is a cycle")
                return
            seen.add(parent)
            parent = _parent(table[parent])

    def _child_id(self, loc: Loc, record: _Cited, expected: str) -> None:
        if (key := record.id) != expected:
            self.add((*loc, "id"), f"is {key!r}; expected {expected!r}")
        if (first := self.nested_ids.setdefault(key, record)) is not record:
            self._duplicate((*loc, "id"), key, first)

    def _duplicate(self, loc: Loc, key: str, seen: object) -> None:
        self.add(loc, f"duplicate id {key!r} (first at {json_path(_location(self.catalog, seen))})")

    def _event(self, loc: Loc, event: Event) -> None:
        if event.end_date < event.start_date:
            message = f"{event.end_date} is before start_date {event.start_date}"
            self.add((*loc, "end_date"), message)
        for j, source_id in enumerate(event.source_ids):
            self._ref((*loc, "source_ids", j), source_id, self.sources, "source")
        self.allowed = frozenset(event.source_ids)
        self._cited(loc, event)
        prefix = event.id + "-"
        self._event_parts(loc, event, prefix)
        earlier: dict[str, int] = {}
        valid = self.valid = {"topics": self.topics, "person_ids": self.people}
        valid["depends_on"] = earlier
        valid["reference_ids"] = {r.id: r for r in event.references}
        valid["session_ids"] = {s.id: s for s in event.sessions}
        for j, part in enumerate(event.participations):
            here = (*loc, "participations", j)
            self._child_id(here, part, f"{prefix}participation-{j + 1}")
            self._ref(
                (*here, "organization_id"), part.organization_id, self.organizations, "organization"
            )
            self._cited(here, part)
        for j, group in enumerate(event.participants):
            here = (*loc, "participants", j)
            self._child_id(here, group, f"{prefix}participant-{j + 1}")
            self._ref((*here, "country"), group.country, self.countries, "country")
            self._cited(here, group)
        for j, session in enumerate(event.sessions):
            self._session((*loc, "sessions", j), j, session, event)
        for j, statement in enumerate(event.statements):
            here = (*loc, "statements", j)
            self._child_id(here, statement, f"{prefix}statement-{j + 1}")
            self._statement(here, statement, event.id)
            earlier[statement.id] = j
        for j, reference in enumerate(event.references):
            here = (*loc, "references", j)
            self._child_id(here, reference, f"{prefix}reference-{j + 1}")
            start, end = reference.period_start, reference.period_end
            if start is not None and end is not None and end < start:
                self.add((*here, "period_end"), "is before period_start")
            if reference.date is not None and reference.year is not None:
                self.add((*here, "year"), f"{reference.year} and date {reference.date}: give "
                         "one, the date where its day is stated, else the year")  # fmt: skip
            self._cited(here, reference)

    def _event_parts(self, loc: Loc, event: Event, prefix: str) -> None:
        """What schema 2.0 added to an event: its super-event, place, attendance figures and
        contributions outside any session."""
        if self._ref((*loc, "super_event_id"), event.super_event_id, self.events, "event"):
            self._acyclic((*loc, "super_event_id"), event.id, self.events)
        if (place := event.location) is not None:
            here = (*loc, "location", "address_country")
            self._ref(here, place.address_country, self.countries, "country")
        for j, figure in enumerate(event.attendance):
            here = (*loc, "attendance", j)
            self._child_id(here, figure, f"{prefix}attendance-{j + 1}")
            if figure.count_qualifier is not None and figure.count is None:
                self.add((*here, "count_qualifier"), "qualifies no count")
            self._cited(here, figure)
        self._contributions((*loc, "contributions"), event.contributions, prefix)

    def _contributions(self, loc: Loc, records: tuple[Contribution, ...], prefix: str) -> None:
        for k, contribution in enumerate(records):
            here = (*loc, k)
            self._child_id(here, contribution, f"{prefix}contribution-{k + 1}")
            self._ref((*here, "person_id"), contribution.person_id, self.people, "person")
            self._cited(here, contribution)

    def _session(self, here: Loc, j: int, session: Session, event: Event) -> None:
        event_id = event.id
        self._child_id(here, session, f"{event_id}-session-{j + 1}")
        if session.ordinal != j + 1:
            message = f"is {session.ordinal}; sessions count 1..n, expected {j + 1}"
            self.add((*here, "ordinal"), message)
        if session.event_id != event_id:
            self.add((*here, "event_id"), f"is {session.event_id!r}; expected {event_id!r}")
        if session.title is None and session.subject is None:
            self.add(here, "has neither a title nor a subject")
        day = session.start_date
        if day is not None and not event.start_date <= day <= event.end_date:
            span = " to ".join(dict.fromkeys(map(str, (event.start_date, event.end_date))))
            self.add((*here, "start_date"), f"{day} is outside the event's dates ({span})")
        self._listed(here, session, "topics", "topic")
        self._listed(here, session, "reference_ids", "reference of the event")
        self._cited(here, session)
        self._items(here, session)
        self._contributions((*here, "contributions"), session.contributions, session.id + "-")

    def _statement(self, here: Loc, statement: Statement, event_id: str) -> None:
        self._listed(here, statement, "reference_ids", "reference of the event")
        self._listed(here, statement, "person_ids", "person")
        self._unique((*here, "depends_on"), list(statement.depends_on), key="")
        for k, other in enumerate(statement.depends_on):
            if other not in self.valid["depends_on"]:
                message = f"{other!r} is not an earlier statement of event {event_id!r}"
                message += did_you_mean(other, self.valid["depends_on"])
                self.add((*here, "depends_on", k), message)
        self._cited(here, statement)
        self._listed(here, statement, "session_ids", "session of the event")
        self._items(here, statement)

    def _cited(self, loc: Loc, record: _Cited) -> None:
        """Evidence quotes equal their spans, name real fields, and back every fact.

        This runs once per record of a dataset, so it is written for speed: plain loops,
        field values read from the instance dict, nothing formatted unless it is wrong.
        """
        cls = type(record)
        facts, fact_fields, verbatim_fields, item_fields = _FIELDS[cls]
        evidence = record.evidence
        named: set[str] = set()
        stem, allowed = f"{record.id}-evidence-", self.allowed
        for j, ev in enumerate(evidence):
            fields, ev_id = ev.fields, ev.id
            named.update(fields)
            if ev_id != (expected := f"{stem}{j + 1}"):
                self.add((*loc, "evidence", j, "id"), f"is {ev_id!r}; expected {expected!r}")
            if (first := self.evidence_ids.setdefault(ev_id, ev)) is not ev:
                self._duplicate((*loc, "evidence", j, "id"), ev_id, first)
            if not facts.issuperset(fields):
                for field in (f for f in fields if f not in facts):
                    message = f"{field!r} is not a fact field of {cls.__name__}"
                    message += did_you_mean(field, facts, 1)
                    self.add((*loc, "evidence", j, "fields"), message)
            if ev.items and not item_fields:
                message = f"{cls.__name__} has no field that lists ids for items to name"
                self.add((*loc, "evidence", j, "items"), message)
            self._quote(loc, j, ev, allowed)
        values = _values(record)
        for field in fact_fields:  # only the unnamed are read: most facts are named
            if field not in named and values[field] not in (None, ()):
                message = "has a value but no evidence names this field"
                if field == "ordinal":  # the build counts it: the guide says not to write it
                    message += ': add "ordinal" to the fields of the quote that places it'
                self.add((*loc, *field.split(".")), message)
            elif field in named and values[field] in (None, ()):  # evidence for nothing
                j = next(j for j, ev in enumerate(evidence) if field in ev.fields)
                message = f"{field!r} has no value: give it one, or take it out of fields"
                self.add((*loc, "evidence", j, "fields"), message)
        for field in verbatim_fields:
            if field not in named or not (value := values[field]):
                continue
            for words in (value,) if isinstance(value, str) else _texts(value):
                for ev in evidence:
                    if words in ev.quote and field in ev.fields:
                        break
                else:
                    self.add((*loc, *field.split(".")), f"{words!r} does not occur in its evidence")

    def _quote(self, loc: Loc, j: int, ev: Evidence, allowed: frozenset[str] | None) -> None:
        """Evidence ``j`` of the record at ``loc`` cites one of the event's sources, and its
        quote is the text of its span there, picked alone by its prefix and suffix."""
        source_id, start, end, quote, prefix, suffix = _SPAN(ev.__dict__)
        if allowed is not None and source_id not in allowed:
            message = f"{source_id!r} is not one of the event's source_ids"
            self.add((*loc, "evidence", j, "source_id"), message)
        if (text := self.texts.get(source_id)) is None:
            what = "unknown source" if source_id not in self.sources else "no text in source"
            self.add((*loc, "evidence", j, "source_id"), f"{what} {source_id!r}")
        elif not 0 <= start < end <= len(text):
            message = f"span [{start}, {end}) is outside the text (length {len(text)})"
            self.add((*loc, "evidence", j), message)
        elif text[start:end] != quote:
            message = f"{quote!r} does not equal the source text at [{start}, {end}): "
            message += repr(text[start:end])
            self.add((*loc, "evidence", j, "quote"), message)
        elif prefix is not None or suffix is not None or text.count(quote) > 1:
            self._selector((*loc, "evidence", j), start, quote, prefix, suffix, text)

    def _items(self, loc: Loc, record: Session | Statement) -> None:
        """Evidence ``items`` name values of the id-listing fields the evidence names, and
        every value of such a field is backed: by an evidence naming the field and the
        value, or by one naming the field with no ``items`` (which backs the whole field,
        as in files of schema 1.0).  An unknown id is reported where it is resolved, not
        again here."""
        whole: set[str] = set()
        covered: dict[str, set[str]] = {}
        for j, ev in enumerate(record.evidence):
            fields = [f for f in ev.fields if f in record.item_fields]
            if not ev.items:
                whole.update(fields)
                continue
            for k, item in enumerate(ev.items):
                if not any(item in getattr(record, f) for f in fields):
                    what = " or ".join(repr(f) for f in fields) if fields else "a field it names"
                    message = f"{item!r} is not a value of {what}"
                    self.add((*loc, "evidence", j, "items", k), message)
            for field in fields:
                covered.setdefault(field, set()).update(ev.items)
        for field in record.item_fields:
            if field in whole:
                continue
            for k, item in enumerate(getattr(record, field)):
                if item in self.valid[field] and item not in covered.get(field, ()):
                    message = f"{item!r} has no evidence: none names {field!r} with it in its items"
                    self.add((*loc, field, k), message)

    def _selector(
        self, loc: Loc, start: int, quote: str, prefix: str | None, suffix: str | None, text: str
    ) -> None:
        """The quote with its prefix and suffix (a W3C TextQuoteSelector) finds this span
        alone: a reader who matches the selector finds the place the span gives."""
        end = start + len(quote)
        if prefix is not None and not text.endswith(prefix, 0, start):
            self.add((*loc, "prefix"), f"is not the text just before the quote at {start}")
            return
        if suffix is not None and not text.startswith(suffix, end):
            self.add((*loc, "suffix"), f"is not the text just after the quote at {end}")
            return
        if len(resolve_quote(text, quote, prefix or "", suffix or "")) > 1:
            message = "occurs more than once in its source; prefix and suffix must pick one"
            self.add((*loc, "quote"), message)


#: Read at once: a pydantic model's attribute costs 3 dict lookups, its class's a dozen.
_SPAN = operator.itemgetter("source_id", "start", "end", "quote", "prefix", "suffix")
_FIELDS = {
    cls: (frozenset(cls.fact_fields), cls.fact_fields, cls.verbatim_fields, cls.item_fields)
    for cls in get_args(_Cited)
}


def _location(catalog: Catalog, target: object) -> Loc:
    """Where ``target`` (a record or an evidence item) is in ``catalog``, found by a walk
    in document order: only a problem's message needs it."""
    from .loading import walk

    return next((loc for loc, node in walk(catalog) if node is target), ())


def _parent(record: Organization | Event) -> str | None:
    return record.parent_id if isinstance(record, Organization) else record.super_event_id


def _values(record: _Cited) -> dict[str, Any]:
    """A record's facts by name; an event's place's as ``location.name`` (it has no evidence)."""
    if not isinstance(record, Event):
        return record.__dict__
    place = dict.fromkeys(Place.model_fields) if (at := record.location) is None else at.__dict__
    return record.__dict__ | {f"location.{field}": value for field, value in place.items()}


def _texts(value: object) -> Iterator[str]:
    """The strings of a verbatim fact that lists them (a tuple of str, or affiliations)."""
    for item in value if isinstance(value, tuple) else (value,):
        text = item.post if isinstance(item, Affiliation) else item
        if isinstance(text, str):
            yield text
