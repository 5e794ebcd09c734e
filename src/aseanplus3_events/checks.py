"""Integrity checks: what a valid `Catalog` must also satisfy across its records.

Unique ids; every reference resolves (a session's and a statement's ``reference_ids`` to
the event's references, a statement's ``depends_on`` to an earlier statement of the
event); every evidence quote equals its span and backs the facts it names, and every item
of a field that lists ids has a quote of its own; ``end_date >= start_date``; session
ordinals count 1..n.  The checks
never stop at the first problem: `check` returns every one, each with its JSON path.

They run in two passes.  `_all_good` only answers "all good?", in one tight pass that
builds no paths and stops at the first problem; almost every catalog checked is good,
so that is all most loads pay.  Only when it says no does the detailed checker
(`_Checker`) run, to find every problem and say where.  The two must agree on every
catalog: a differential test (tests/test_checks.py) holds them to it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import TypeAlias

from .errors import Problem, json_path
from .models import (
    SCHEMA_VERSION,
    Affiliation,
    Attendance,
    Catalog,
    Contribution,
    Country,
    Event,
    Organization,
    ParticipantGroup,
    Participation,
    Person,
    Reference,
    Session,
    Statement,
)
from .names import topic_key

__all__ = ["check"]

_SCHEMA_MAJOR = SCHEMA_VERSION.split(".")[0]
#: The major versions read: 1.x files that validate as the current version mean the same
#: (what 2.0 changed, ``location``, is upgraded by the loader where a file gives it).
_READS = ("1", _SCHEMA_MAJOR)

#: The records built from a source: they carry evidence and may carry a note.
_Cited: TypeAlias = (
    Event
    | Attendance
    | Country
    | Participation
    | ParticipantGroup
    | Session
    | Contribution
    | Statement
    | Reference
    | Organization
    | Person
)


def check(catalog: Catalog) -> list[Problem]:
    """Every integrity problem of ``catalog`` (``[]`` when it has none), in document order.

    Examples:
        >>> import aseanplus3_events as apt
        >>> from aseanplus3_events.checks import check
        >>> check(apt.default_dataset().catalog)
        []
    """
    if _all_good(catalog):
        return []
    return _Checker(catalog).run()


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
        self.events = {e.id: e for e in catalog.events}
        self.nested_ids: dict[str, Loc] = {}
        self.evidence_ids: dict[str, Loc] = {}

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(json_path(loc), message))

    def run(self) -> list[Problem]:
        cat = self.catalog
        if cat.schema_version.split(".")[0] not in _READS:
            self.add(
                ("schema_version",),
                f"unsupported schema_version {cat.schema_version!r}; "
                f"this version reads {' and '.join(m + '.x' for m in _READS)}",
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
            if country.evidence or country.alternate_names:
                self._cited(("countries", i), country, None)
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
            self._acyclic((*loc, "parent_id"), org.id, self.organizations)
        self._cited(loc, org, None)

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

    def _child_id(self, loc: Loc, actual: str, expected: str) -> None:
        if actual != expected:
            self.add((*loc, "id"), f"is {actual!r}; expected {expected!r}")
        first = self.nested_ids.setdefault(actual, loc)
        if first is not loc:
            self.add((*loc, "id"), f"duplicate id {actual!r} (first at {json_path(first)})")

    def _event(self, loc: Loc, event: Event) -> None:
        if event.end_date < event.start_date:
            self.add(
                (*loc, "end_date"), f"{event.end_date} is before start_date {event.start_date}"
            )
        if event.super_event_id is not None and self._ref(
            (*loc, "super_event_id"), event.super_event_id, self.events, "event"
        ):
            self._acyclic((*loc, "super_event_id"), event.id, self.events)
        place = event.location
        if place is not None and place.address_country is not None:
            here = (*loc, "location", "address_country")
            self._ref(here, place.address_country, self.countries, "country")
        for j, source_id in enumerate(event.source_ids):
            self._ref((*loc, "source_ids", j), source_id, self.sources, "source")
        allowed = frozenset(event.source_ids)
        self._cited(loc, event, allowed)
        prefix = event.id + "-"
        references = {r.id: r for r in event.references}
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
        for j, figure in enumerate(event.attendance):
            here = (*loc, "attendance", j)
            self._child_id(here, figure.id, f"{prefix}attendance-{j + 1}")
            if figure.count_qualifier is not None and figure.count is None:
                self.add((*here, "count_qualifier"), "qualifies no count")
            self._cited(here, figure, allowed)
        self._contributions((*loc, "contributions"), event.contributions, prefix, allowed)
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
            if session.title is None and session.subject is None:
                self.add(here, "has neither a title nor a subject")
            day = session.start_date
            if day is not None and not event.start_date <= day <= event.end_date:
                self.add((*here, "start_date"), f"{day} is outside the event's dates")
            self._unique((*here, "topics"), list(session.topics), key="")
            for k, topic in enumerate(session.topics):
                self._ref((*here, "topics", k), topic, self.topics, "topic")
            self._unique((*here, "reference_ids"), list(session.reference_ids), key="")
            for k, ref_id in enumerate(session.reference_ids):
                self._ref((*here, "reference_ids", k), ref_id, references, "reference of the event")
            self._cited(here, session, allowed)
            self._items(here, session, {"topics": self.topics, "reference_ids": references})
            self._contributions(
                (*here, "contributions"), session.contributions, session.id + "-", allowed
            )
        earlier: dict[str, int] = {}
        for j, statement in enumerate(event.statements):
            here = (*loc, "statements", j)
            self._child_id(here, statement.id, f"{prefix}statement-{j + 1}")
            self._unique((*here, "reference_ids"), list(statement.reference_ids), key="")
            for k, ref_id in enumerate(statement.reference_ids):
                self._ref((*here, "reference_ids", k), ref_id, references, "reference of the event")
            self._unique((*here, "person_ids"), list(statement.person_ids), key="")
            for k, person in enumerate(statement.person_ids):
                self._ref((*here, "person_ids", k), person, self.people, "person")
            self._unique((*here, "depends_on"), list(statement.depends_on), key="")
            for k, other in enumerate(statement.depends_on):
                if other not in earlier:
                    self.add(
                        (*here, "depends_on", k),
                        f"{other!r} is not an earlier statement of event {event.id!r}",
                    )
            self._cited(here, statement, allowed)
            valid: dict[str, Collection[str]] = {"reference_ids": references}
            self._items(
                here, statement, {**valid, "person_ids": self.people, "depends_on": earlier}
            )
            earlier[statement.id] = j
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

    def _contributions(
        self,
        loc: Loc,
        contributions: tuple[Contribution, ...],
        prefix: str,
        allowed: frozenset[str],
    ) -> None:
        for k, contribution in enumerate(contributions):
            here = (*loc, k)
            self._child_id(here, contribution.id, f"{prefix}contribution-{k + 1}")
            self._ref((*here, "person_id"), contribution.person_id, self.people, "person")
            self._cited(here, contribution, allowed)

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
        evidence_ids = self.evidence_ids
        stem = f"{record.id}-evidence-"
        for j, ev in enumerate(evidence):
            expected = f"{stem}{j + 1}"
            if ev.id != expected:
                self.add((*loc, "evidence", j, "id"), f"is {ev.id!r}; expected {expected!r}")
            first = evidence_ids.setdefault(ev.id, (*loc, "evidence", j))
            if len(first) != len(loc) + 2 or first[:-2] != loc or first[-1] != j:
                self.add(
                    (*loc, "evidence", j, "id"),
                    f"duplicate id {ev.id!r} (first at {json_path(first)})",
                )
            fields = ev.fields
            if not facts.issuperset(fields):
                for field in fields:
                    if field not in facts:
                        self.add(
                            (*loc, "evidence", j, "fields"),
                            f"{field!r} is not a fact field of {cls.__name__}",
                        )
            named.update(fields)
            if ev.items and not cls.item_fields:
                self.add(
                    (*loc, "evidence", j, "items"),
                    f"{cls.__name__} has no field that lists ids for items to name",
                )
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
            elif ev.prefix is not None or ev.suffix is not None or text.count(ev.quote) > 1:
                self._selector(
                    (*loc, "evidence", j), ev.start, ev.quote, ev.prefix, ev.suffix, text
                )
        for field in cls.fact_fields:
            value = _value(values, field)
            if value is not None and value != () and field not in named:
                self.add((*loc, *field.split(".")), "has a value but no evidence names this field")
        for field in cls.verbatim_fields:
            value = _value(values, field)
            if not value or field not in named:
                continue
            for words in (value,) if type(value) is str else _texts(value):
                for ev in evidence:
                    if field in ev.fields and words in ev.quote:
                        break
                else:
                    self.add((*loc, *field.split(".")), f"{words!r} does not occur in its evidence")

    def _items(
        self, loc: Loc, record: Session | Statement, valid: Mapping[str, Collection[str]]
    ) -> None:
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
                    self.add(
                        (*loc, "evidence", j, "items", k), f"{item!r} is not a value of {what}"
                    )
            for field in fields:
                covered.setdefault(field, set()).update(ev.items)
        for field in record.item_fields:
            if field in whole:
                continue
            for k, item in enumerate(getattr(record, field)):
                if item in valid[field] and item not in covered.get(field, ()):
                    self.add(
                        (*loc, field, k),
                        f"{item!r} has no evidence: none names {field!r} with it in its items",
                    )

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
        before, after = prefix or "", suffix or ""
        matches, at = 0, text.find(quote)
        while at != -1 and matches < 2:
            if text.endswith(before, 0, at) and text.startswith(after, at + len(quote)):
                matches += 1
            at = text.find(quote, at + 1)
        if matches > 1:
            self.add(
                (*loc, "quote"),
                "occurs more than once in its source; prefix and suffix must pick one",
            )

    def _span_problem(self, loc: Loc, start: int, end: int, text: str) -> None:
        if not 0 <= start < end <= len(text):
            self.add(loc, f"span [{start}, {end}) is outside the text (length {len(text)})")
        else:
            self.add(
                (*loc, "quote"),
                f"does not equal the source text at [{start}, {end}): {text[start:end]!r}",
            )


_CITED_TYPES = (
    Event,
    Attendance,
    Country,
    Participation,
    ParticipantGroup,
    Session,
    Contribution,
    Statement,
    Reference,
    Organization,
    Person,
)
_FACT_SETS: dict[type, frozenset[str]] = {cls: frozenset(cls.fact_fields) for cls in _CITED_TYPES}


def _parent(record: Organization | Event) -> str | None:
    return record.parent_id if isinstance(record, Organization) else record.super_event_id


def _value(values: dict[str, object], field: str) -> object:
    """A fact's value: ``field`` of a record's ``__dict__``, or, dotted, a field of a nested
    value without evidence of its own (``location.name``: the name of the event's place)."""
    if "." not in field:
        return values[field]
    head, _, tail = field.partition(".")
    inner = values[head]
    return None if inner is None else inner.__dict__[tail]


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


# --- the fast pass ---------------------------------------------------------------------


def _all_good(catalog: Catalog) -> bool:
    """Whether `_Checker` would find no problem in ``catalog``: the same checks, in one
    pass that stops at the first problem and formats nothing.

    Written for speed: one function, locals for everything looked up in loops, sets
    compared whole where the detailed checker walks item by item.
    """
    import hashlib

    cat = catalog
    if cat.schema_version.split(".")[0] not in _READS:
        return False
    events, orgs, people = cat.events, cat.organizations, cat.people
    topics, countries, sources = cat.topics, cat.countries, cat.sources
    source_ids = {s.id for s in sources}
    org_table = {o.id: o for o in orgs}
    person_ids = {p.id for p in people}
    topic_ids = {t.id for t in topics}
    country_codes = {c.code for c in countries}
    if (
        len({e.id for e in events}) != len(events)
        or len(org_table) != len(orgs)
        or len(person_ids) != len(people)
        or len(topic_ids) != len(topics)
        or len(source_ids) != len(sources)
        or len(country_codes) != len(countries)
    ):
        return False
    owner: dict[str, str] = {}
    for topic in topics:
        tid = topic.id
        for name in (tid, topic.label, *topic.aliases):
            if owner.setdefault(topic_key(name), tid) != tid:
                return False
    texts: dict[str, str] = {}
    sha256 = hashlib.sha256
    for source in sources:
        text = source.text
        if text is None:
            if source.sha256 is not None:
                return False
        elif source.sha256 != sha256(text.encode("utf-8")).hexdigest():
            return False
        else:
            texts[source.id] = text
    if not {c.source_id for c in countries} <= source_ids:
        return False

    facts_of = _FACT_SETS
    fact_fields_of = _FACT_FIELDS
    verbatim_of = _VERBATIM
    item_fields_of = _ITEM_FIELDS
    # Evidence ids: each is checked to be its derived id, ``<record id>-evidence-<n>``,
    # which names its record and n unambiguously; so two are equal exactly when two
    # records share an id (an organisation and a person may), which this list finds.
    cited_ids: list[str] = []
    add_id = cited_ids.append

    def cited(record: _Cited, allowed: frozenset[str] | None) -> bool:
        cls = type(record)
        facts = facts_of[cls]
        evidence = record.evidence
        stem = f"{record.id}-evidence-"
        add_id(record.id)
        named: set[str] | tuple[str, ...]
        if len(evidence) == 1:
            named = evidence[0].fields
        else:
            named = set()
            for ev in evidence:
                named.update(ev.fields)
        if not facts.issuperset(named):
            return False
        for n, ev in enumerate(evidence, 1):
            if ev.id != f"{stem}{n}" or (ev.items and not item_fields_of[cls]):
                return False
            source_id = ev.source_id
            if allowed is not None and source_id not in allowed:
                return False
            text = texts.get(source_id)
            quote = ev.quote
            if text is None or text[ev.start : ev.end] != quote:
                return False
            prefix, suffix = ev.prefix, ev.suffix
            if (
                prefix is not None or suffix is not None or text.count(quote) > 1
            ) and not _selector_picks(text, ev.start, quote, prefix, suffix):
                return False
        values = record.__dict__
        for field in fact_fields_of[cls]:
            value = _value(values, field)
            if value is not None and value != () and field not in named:
                return False
        for field in verbatim_of[cls]:
            value = _value(values, field)
            if not value or field not in named:
                continue
            for words in (value,) if type(value) is str else _texts(value):
                for ev in evidence:
                    if field in ev.fields and words in ev.quote:
                        break
                else:
                    return False
        return True

    for country in countries:
        if (country.evidence or country.alternate_names) and not cited(country, None):
            return False
    for org in orgs:
        if org.country is not None and org.country not in country_codes:
            return False
        parent = org.parent_id
        if parent is not None:
            if parent not in org_table:
                return False
            seen = {org.id}
            while parent is not None and parent in org_table:
                if parent in seen:
                    return False
                seen.add(parent)
                parent = org_table[parent].parent_id
        if not cited(org, None):
            return False
    for person in people:
        for aff in person.affiliations:
            if aff.organization_id not in org_table:
                return False
        if not cited(person, None):
            return False

    # The detailed checker also looks for a nested id used twice.  Here each is checked to
    # be its derived id, ``<event id>-<kind>-<n>`` (a contribution's: ``<session
    # id>-contribution-<n>``), and a derived id names its parent, kind and n unambiguously
    # (read from the right: n is digits, kind one word); event ids are unique, so derived
    # ids are too, and a duplicate is always also a wrong id, which is found.
    event_table = {e.id: e for e in events}
    for event in events:
        eid = event.id
        if event.end_date < event.start_date:
            return False
        allowed = frozenset(event.source_ids)
        if not allowed <= source_ids or not cited(event, allowed):
            return False
        seen, parent = {eid}, event.super_event_id
        while parent is not None:
            if parent in seen or parent not in event_table:
                return False
            seen.add(parent)
            parent = event_table[parent].super_event_id
        place = event.location
        if place is not None and place.address_country not in (None, *country_codes):
            return False
        prefix = eid + "-"
        for j, figure in enumerate(event.attendance, 1):
            if (
                figure.id != f"{prefix}attendance-{j}"
                or (figure.count_qualifier is not None and figure.count is None)
                or not cited(figure, allowed)
            ):
                return False
        for k, contribution in enumerate(event.contributions, 1):
            if (
                contribution.id != f"{prefix}contribution-{k}"
                or contribution.person_id not in person_ids
                or not cited(contribution, allowed)
            ):
                return False
        for j, part in enumerate(event.participations, 1):
            if (
                part.id != f"{prefix}participation-{j}"
                or part.organization_id not in org_table
                or not cited(part, allowed)
            ):
                return False
        for j, group in enumerate(event.participants, 1):
            if group.id != f"{prefix}participant-{j}" or (
                group.country is not None and group.country not in country_codes
            ):
                return False
            if not cited(group, allowed):
                return False
        refs = {r.id for r in event.references}
        for j, session in enumerate(event.sessions, 1):
            sid = session.id
            session_topics = session.topics
            if (
                sid != f"{prefix}session-{j}"
                or session.ordinal != j
                or session.event_id != eid
                or (session.title is None and session.subject is None)
                or (
                    session.start_date is not None
                    and not event.start_date <= session.start_date <= event.end_date
                )
                or len(set(session_topics)) != len(session_topics)
                or not topic_ids.issuperset(session_topics)
                or not _unique_within(session.reference_ids, refs)
                or not cited(session, allowed)
                or not _items_ok(session, {"topics": topic_ids, "reference_ids": refs})
            ):
                return False
            session_prefix = sid + "-contribution-"
            for k, contribution in enumerate(session.contributions, 1):
                if (
                    contribution.id != f"{session_prefix}{k}"
                    or contribution.person_id not in person_ids
                    or not cited(contribution, allowed)
                ):
                    return False
        earlier: set[str] = set()
        for j, statement in enumerate(event.statements, 1):
            if (
                statement.id != f"{prefix}statement-{j}"
                or not _unique_within(statement.person_ids, person_ids)
                or not _unique_within(statement.reference_ids, refs)
                or not _unique_within(statement.depends_on, earlier)
                or not cited(statement, allowed)
                or not _items_ok(
                    statement,
                    {"person_ids": person_ids, "reference_ids": refs, "depends_on": earlier},
                )
            ):
                return False
            earlier.add(statement.id)
        for j, reference in enumerate(event.references, 1):
            if reference.id != f"{prefix}reference-{j}":
                return False
            start, end = reference.period_start, reference.period_end
            if start is not None and end is not None and end < start:
                return False
            if not cited(reference, allowed):
                return False
    return len(set(cited_ids)) == len(cited_ids)


def _unique_within(ids: tuple[str, ...], valid: Collection[str]) -> bool:
    """No id twice, and each one of ``valid``."""
    return len(set(ids)) == len(ids) and all(i in valid for i in ids)


def _items_ok(record: Session | Statement, valid: Mapping[str, Collection[str]]) -> bool:
    """`_Checker._items` finds no problem."""
    item_fields = record.item_fields
    whole: set[str] = set()
    covered: dict[str, set[str]] = {}
    for ev in record.evidence:
        fields = [f for f in ev.fields if f in item_fields]
        if not ev.items:
            whole.update(fields)
            continue
        for item in ev.items:
            if not any(item in getattr(record, f) for f in fields):
                return False
        for field in fields:
            covered.setdefault(field, set()).update(ev.items)
    for field in item_fields:
        if field in whole:
            continue
        for item in getattr(record, field):
            if item in valid[field] and item not in covered.get(field, ()):
                return False
    return True


def _selector_picks(
    text: str, start: int, quote: str, prefix: str | None, suffix: str | None
) -> bool:
    """`_Checker._selector` finds no problem: the prefix and suffix are the text around
    the quote at ``start``, and with them the quote occurs there only."""
    end = start + len(quote)
    if prefix is not None and not text.endswith(prefix, 0, start):
        return False
    if suffix is not None and not text.startswith(suffix, end):
        return False
    before, after = prefix or "", suffix or ""
    matches, at = 0, text.find(quote)
    while at != -1 and matches < 2:
        if text.endswith(before, 0, at) and text.startswith(after, at + len(quote)):
            matches += 1
        at = text.find(quote, at + 1)
    return matches < 2


_FACT_FIELDS: dict[type, tuple[str, ...]] = {cls: cls.fact_fields for cls in _CITED_TYPES}
_VERBATIM: dict[type, tuple[str, ...]] = {cls: cls.verbatim_fields for cls in _CITED_TYPES}
_ITEM_FIELDS: dict[type, tuple[str, ...]] = {cls: cls.item_fields for cls in _CITED_TYPES}
