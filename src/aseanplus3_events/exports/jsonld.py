"""schema.org JSON-LD for events: ``to_jsonld(event)``, and ``to_jsonld_graph()`` for all.

The mapping, in short (docs/jsonld.md has the whole of it, with the reason for each term):

- an event is a schema.org ``Event``; its sessions are ``subEvent``s (``superEvent``
  pointing back), ``about`` their topics, with a ``performer`` ``Role`` per contribution;
- each participation is a ``Role`` under ``organizer``, ``sponsor``, ``attendee`` or
  ``contributor``, with ``roleName`` (our controlled role) and ``description`` (the
  source's own wording), holding the organization under the same property (schema.org's
  role pattern); the participant groups are ``attendee`` ``Role``s named for who came
  from where ("experts from China"), a country as ``countryOfOrigin``; an organization's
  ``parentOrganization`` is a ``Role`` whose ``roleName``
  is the ``parent_relation`` (``part_of``, ``directly_under``), holding the parent;
- the source is ``subjectOf`` the event: an ``Article`` ``about`` the event that
  ``mentions`` what it cites (the references, with their ``alternateName``s); each
  statement is a ``Claim`` ``about`` the event whose ``appearance`` is the article, with
  ``creditText`` (the source's word for who made it), ``mentions`` (the references it
  names) and ``citation`` (the earlier statements its wording refers back to); a session
  is ``about`` its topics and the references its words name;
- ``participants_complete`` (which schema.org cannot say) is a sentence in the event's
  ``rdfs:comment``; an organization's ``mission`` has no schema.org term, and its clauses
  are words of its ``description``;
- a session's ``ordinal`` is its ``position``; a source's ``title`` (ours, not quoted) is
  its ``description``; ``held`` has no ``eventStatus`` (``EventScheduled`` would add "as
  scheduled"); an organization's ``country`` is its ``countryOfOrigin``;
- topics are ``DefinedTerm``s ``inDefinedTermSet`` our topic vocabulary (``TOPICS_ID``);
- notes (what the dataset reads into the text) are ``rdfs:comment``;
- ``@id``s are IRIs made from our stable ids under the dataset's `Catalog.base_iri`
  (``<base_iri><kind>:<id>``, the kind spelled as the annotations and the tables'
  ``record_type`` spell it: ``participant_group``), an identifier its publisher mints;
  ``urn:aseanplus3-events:`` for the bundled dataset, whose sources give no web addresses
  (none is invented), and for any that declares none (`urn`).

The default ``@context`` is embedded (`CONTEXT`): a reader needs no network, and reads
the same RDF graph as from ``"@context": "https://schema.org"`` read with the context
schema.org publishes, whose ``@vocab`` is ``http://schema.org/``.  Enumeration values are
written as ``{"@id": ...}`` so that they are IRIs under both.  ``context="schema.org"``
gives that second form, for web pages.

Nothing the record leaves empty is emitted: no ``location`` when none is stated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal
from weakref import WeakKeyDictionary

from aseanplus3_events.citation import named
from aseanplus3_events.dataset import Dataset, attendance_label
from aseanplus3_events.exports import ITEMS, dataset_or_bundled, json_file
from aseanplus3_events.models import (
    Attendance,
    AttendanceMode,
    Contribution,
    Event,
    EventStatus,
    Organization,
    ParticipantGroup,
    Participation,
    ParticipationRole,
    Person,
    Place,
    Reference,
    ReferenceKind,
    Session,
    Source,
    SourceKind,
    Statement,
    Topic,
)

__all__ = [
    "CONTEXT",
    "SCHEMA_ORG",
    "SCHEMA_ORG_CONTEXT_URL",
    "TOPICS_ID",
    "jsonld_bytes",
    "to_jsonld",
    "to_jsonld_graph",
    "urn",
]

#: The namespace of schema.org's terms in RDF, as schema.org's published context maps them.
SCHEMA_ORG = "http://schema.org/"
#: What web pages put in ``@context``; schema.org serves its context there.
SCHEMA_ORG_CONTEXT_URL = "https://schema.org"
#: The embedded context: the definitions of the published schema.org context for the
#: terms this module writes (``@vocab``, the two prefixes, and the terms whose values
#: that context types).  Every other term expands through ``@vocab`` alike in both.
CONTEXT: dict[str, Any] = {
    "@vocab": SCHEMA_ORG,
    "schema": SCHEMA_ORG,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "startDate": {"@id": "schema:startDate", "@type": "schema:Date"},
    "endDate": {"@id": "schema:endDate", "@type": "schema:Date"},
    "foundingDate": {"@id": "schema:foundingDate", "@type": "schema:Date"},
    "inDefinedTermSet": {"@id": "schema:inDefinedTermSet", "@type": "@id"},
    "url": {"@id": "schema:url", "@type": "@id"},
}
#: XML Schema's datatypes, in full: a value typed so reads alike under either context.
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: The base of the IRIs of the bundled dataset, and of any that declares none.
BASE_IRI = "urn:aseanplus3-events:"
#: The ``@id`` of the bundled topic vocabulary, a ``DefinedTermSet``: ``<base_iri>topics``.
TOPICS_ID = f"{BASE_IRI}topics"

ContextChoice = Literal["embedded", "schema.org"]

_MODES = {
    AttendanceMode.IN_PERSON: "OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
    AttendanceMode.HYBRID: "MixedEventAttendanceMode",
}
#: ``held`` is not here: schema.org's EventScheduled "has taken place on the startDate as
#: scheduled", and a source that says "held" does not say "as scheduled".
_STATUSES = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.POSTPONED: "EventPostponed",
}
#: The Event property each participation role hangs under.  ``sponsor`` only where the
#: source says sponsor: schema.org's sponsor "supports ... through a pledge, promise, or
#: financial contribution", which "with support from" does not say.
_ROLE_PROPERTY = {
    ParticipationRole.ORGANIZER: "organizer",
    ParticipationRole.CO_ORGANIZER: "organizer",
    ParticipationRole.HOST: "organizer",
    ParticipationRole.SPONSOR: "sponsor",
    ParticipationRole.PARTICIPANT: "attendee",
    ParticipationRole.SUPPORTER: "contributor",
    ParticipationRole.GUIDANCE: "contributor",
    ParticipationRole.PARTNER: "contributor",
}
_SOURCE_TYPES = {SourceKind.ARTICLE: "Article", SourceKind.REFERENCE: "CreativeWork"}
_REFERENCE_TYPES = {
    ReferenceKind.DOCUMENT: "CreativeWork",
    ReferenceKind.EVENT: "Event",
    # a framework of cooperation (ASEAN Plus Three) has no closer schema.org type
    ReferenceKind.FRAMEWORK: "Thing",
}

#: What the event's ``rdfs:comment`` says of ``participants_complete``: schema.org has
#: no term for whether a list of attendees is whole.
_COMPLETE = {
    False: "participants_complete: false. The source says its list of participant groups "
    "is partial (“including …”): the attendee groups here are not all who took part.",
    True: "participants_complete: true. The source says its list of participant groups "
    "is whole: the attendee groups here are all who took part.",
}


def urn(kind: str, record_id: str, base: str | None = None) -> str:
    """The IRI of a record, here and in the annotations: ``<base><kind>:<id>``, ``base`` a
    dataset's `Catalog.base_iri` (`BASE_IRI` for None: the bundled one's).

    Examples:
        >>> urn("event", "apt-low-carbon-seminar-2023")
        'urn:aseanplus3-events:event:apt-low-carbon-seminar-2023'
        >>> urn("event", "clean-air-2024", "https://your-group.org/events/")
        'https://your-group.org/events/event:clean-air-2024'
    """
    return f"{base or BASE_IRI}{kind}:{record_id}"


def _base(ds: Dataset) -> str:
    return ds.catalog.base_iri or BASE_IRI


def _ref(kind: str, record_id: str, ds: Dataset) -> dict[str, str]:
    return {"@id": urn(kind, record_id, _base(ds))}


def _node(type_: str, kind: str, record_id: str, ds: Dataset) -> dict[str, Any]:
    return {"@type": type_, "@id": urn(kind, record_id, _base(ds)), "identifier": record_id}


def _put(node: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` unless ``value`` is empty (None, "", or an empty list): what the
    record does not state is not emitted.  A one-item list is written as its item."""
    if isinstance(value, tuple | list):
        value = list(value)
        if len(value) == 1:
            value = value[0]
    if value is None or value == "" or value == []:
        return
    node[key] = value


def _country(code: str, ds: Dataset) -> dict[str, Any]:
    """Where the source says people or a body are from ("experts from China", "China's
    Ministry"), or names the country: a node of its own, never the group or body itself."""
    country = ds.get_country(code)
    node = {**_node("Country", "country", code, ds), "name": country.name}
    _put(node, "alternateName", country.alternate_names)  # each quoted in its evidence
    return node


def _schema(term: str) -> dict[str, str]:
    """An enumeration member as a node reference: an IRI under either context."""
    return {"@id": SCHEMA_ORG + term}


# --- records -----------------------------------------------------------------------------
# One function per record kind; a new field is one more _put line in its function.


def _organization(org: Organization, ds: Dataset) -> dict[str, Any]:
    node = _node("Organization", "organization", org.id, ds)
    node["name"] = org.name
    _put(node, "additionalType", None if org.kind is None else org.kind.value)
    _put(node, "alternateName", org.alternate_names)
    _put(node, "countryOfOrigin", None if org.country is None else _country(org.country, ds))
    _put(node, "foundingDate", _year(org.founded))
    # the mission's clauses are words of this profile; schema.org has no term for them
    _put(node, "description", org.description)
    if org.parent_id is not None:
        parent = _organization(ds.get_organization(org.parent_id), ds)
        if org.parent_relation is None:
            node["parentOrganization"] = parent
        else:  # schema.org's role pattern: the Role says how it belongs to its parent
            node["parentOrganization"] = {
                "@type": "Role",
                # a blank node (no record of its own), one per organization: written
                # again wherever the organization is, it stays one node
                "@id": f"_:parent-relation-{org.id}",
                "roleName": org.parent_relation.value,
                "parentOrganization": parent,
            }
    _put(node, "rdfs:comment", org.note)
    return node


def _person(person: Person, ds: Dataset) -> dict[str, Any]:
    node = _node("Person", "person", person.id, ds)
    node["name"] = person.name
    _put(node, "honorificPrefix", person.honorific_prefix)
    orgs = [ds.get_organization(a.organization_id) for a in person.affiliations]
    _put(node, "affiliation", [_organization(org, ds) for org in orgs])
    _put(node, "jobTitle", [a.post for a in person.affiliations if a.post])
    _put(node, "rdfs:comment", person.note)
    return node


def _topic(topic: Topic, ds: Dataset) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "DefinedTerm", "@id": urn("topic", topic.id, _base(ds))}
    node["termCode"] = topic.id
    node["name"] = topic.label
    _put(node, "alternateName", topic.aliases)
    _put(node, "description", topic.description)
    dataset = ds.catalog.title and named(ds.catalog, short=True)  # none where it states none
    node["inDefinedTermSet"] = {"@type": "DefinedTermSet", "@id": f"{_base(ds)}topics"}
    _put(node["inDefinedTermSet"], "name", dataset and f"{dataset} topics")
    of = f"the {dataset} dataset" if dataset else "this dataset"
    node["inDefinedTermSet"]["description"] = f"The controlled topic vocabulary of {of}."
    return node


def _participation(part: Participation, ds: Dataset) -> dict[str, Any]:
    node = _node("Role", "participation", part.id, ds)
    node["roleName"] = part.role.value
    _put(node, "description", part.role_label)
    node[_ROLE_PROPERTY[part.role]] = _organization(ds.get_organization(part.organization_id), ds)
    _put(node, "rdfs:comment", part.note)
    return node


def _participant_group(group: ParticipantGroup, ds: Dataset) -> dict[str, Any]:
    node = _node("Role", "participant_group", group.id, ds)
    who = group.kind.value.rpartition("_from_")[0].replace("_", " ")  # "experts", ...
    node["name"] = f"{who} from {group.label}" if who else group.label  # not the place
    node["additionalType"] = group.kind.value
    _put(node, "countryOfOrigin", None if group.country is None else _country(group.country, ds))
    _put(node, "rdfs:comment", group.note)
    return node


def _contribution(contribution: Contribution, ds: Dataset) -> dict[str, Any]:
    node = _node("Role", "contribution", contribution.id, ds)
    node["roleName"] = contribution.role.value
    node["description"] = contribution.summary
    node["performer"] = _person(ds.get_person(contribution.person_id), ds)
    _put(node, "rdfs:comment", contribution.note)
    return node


def _session(session: Session, ds: Dataset) -> dict[str, Any]:
    node = _node("Event", "session", session.id, ds)
    _put(node, "name", session.title)
    _put(node, "startDate", session.start_date and session.start_date.isoformat())
    node["position"] = session.ordinal
    node["superEvent"] = _ref("event", session.event_id, ds)
    # what the session is about: its subject (where it has no title), its topics, then
    # the references its own words name
    about = [{"@type": "Thing", "name": session.subject}] if session.subject else []
    about += [_topic(ds.get_topic(t), ds) for t in session.topics]
    _put(node, "about", about + [_ref("reference", r, ds) for r in session.reference_ids])
    _put(node, "performer", [_contribution(c, ds) for c in session.contributions])
    _put(node, "rdfs:comment", session.note)
    return node


def _year(year: int | None) -> dict[str, str] | None:
    """A year alone, typed so under any context: schema.org's types a date as a day."""
    return None if year is None else {"@value": str(year), "@type": _XSD + "gYear"}


def _reference(reference: Reference, ds: Dataset) -> dict[str, Any]:
    node = _node(_REFERENCE_TYPES[reference.kind], "reference", reference.id, ds)
    node["name"] = reference.title
    _put(node, "alternateName", reference.alternate_names)
    start, end = reference.period_start, reference.period_end
    date = (reference.date and reference.date.isoformat()) or _year(reference.year)
    if reference.kind is ReferenceKind.DOCUMENT:
        if start is not None or end is not None:
            period = f"{'..' if start is None else start}/{'..' if end is None else end}"
            node["temporalCoverage"] = period
        _put(node, "temporal", date)
    else:
        _put(node, "startDate", date or _year(start))
        _put(node, "endDate", _year(end))
    relation = reference.relation  # schema.org has no term for what the event did with it
    said = relation and f"relation: {relation} ({relation.definition})"
    _put(node, "rdfs:comment", [c for c in (said, reference.note) if c])
    return node


def _place(place: Place) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Place"}
    _put(node, "name", place.name)
    address: dict[str, Any] = {"@type": "PostalAddress"}
    _put(address, "addressLocality", place.address_locality)
    _put(address, "addressRegion", place.address_region)
    _put(address, "addressCountry", place.address_country)  # ISO 3166-1 alpha-2, as text
    if len(address) > 1:
        node["address"] = address
    return node


def _source(source: Source, event: Event, ds: Dataset) -> dict[str, Any]:
    node = _node(_SOURCE_TYPES[source.kind], "source", source.id, ds)
    if source.sha256 is not None:
        digest = {"@type": "PropertyValue", "propertyID": "sha256", "value": source.sha256}
        node["identifier"] = [source.id, digest]
    node["description"] = source.title  # the dataset's, not the source's own headline
    node["inLanguage"] = source.language
    _put(node, "url", source.url)
    node["about"] = _ref("event", event.id, ds)
    # and each country it is the evidence for (an other name of it: "South Korea")
    refs = [_reference(r, ds) for r in event.references]
    _put(node, "mentions", [*refs, *(_country(c, ds) for c in _citing(source.id, ds))])
    _put(node, "rdfs:comment", source.note)
    return node


#: Per dataset (frozen, so the index never goes stale): source id -> the codes of the
#: countries it is evidence for.  Made once: a scan of every country's evidence for each
#: source grows with sources times that evidence, which both grow with the events.
_CITING: WeakKeyDictionary[Dataset, dict[str, list[str]]] = WeakKeyDictionary()


def _citing(source_id: str, ds: Dataset) -> list[str]:
    if (index := _CITING.get(ds)) is None:
        index = {}
        for country in ds.countries():
            for source in dict.fromkeys(e.source_id for e in country.evidence):
                index.setdefault(source, []).append(country.code)
        _CITING[ds] = index
    return index.get(source_id, [])


def _statement(statement: Statement, event: Event, ds: Dataset) -> dict[str, Any]:
    node = _node("Claim", "statement", statement.id, ds)
    node["text"] = statement.text
    node["genre"] = statement.kind.value
    # the source's own word for who made it ("experts"): text, not an agent
    _put(node, "creditText", statement.attributed_to)
    _put(node, "author", [_ref("person", p, ds) for p in statement.person_ids])
    # about the event, and the sessions it names ("the aforementioned subjects")
    sessions = [_ref("session", s, ds) for s in statement.session_ids]
    node["about"] = [_ref("event", event.id, ds), *sessions]
    _put(node, "appearance", [_ref("source", s, ds) for s in event.source_ids])
    _put(node, "mentions", [_ref("reference", r, ds) for r in statement.reference_ids])
    _put(node, "citation", [_ref("statement", s, ds) for s in statement.depends_on])
    _put(node, "rdfs:comment", statement.note)
    return node


def _event(event: Event, ds: Dataset) -> dict[str, Any]:
    node = _node("Event", "event", event.id, ds)
    node["name"] = event.name
    node["additionalType"] = event.kind.value
    _put(node, "alternateName", event.alternate_names)
    node["startDate"] = event.start_date.isoformat()
    node["endDate"] = event.end_date.isoformat()
    mode, status, place = event.attendance_mode, event.status, event.location
    _put(node, "eventAttendanceMode", None if mode is None else _schema(_MODES[mode]))
    _put(node, "eventStatus", _schema(_STATUSES[status]) if status in _STATUSES else None)
    _put(node, "location", None if place is None else _place(place))
    supers = [{"@type": "EventSeries", "name": event.series}] if event.series else []
    if event.super_event_id is not None:
        supers.append(_ref("event", event.super_event_id, ds))
    _put(node, "superEvent", supers)
    roles = [(_ROLE_PROPERTY[p.role], _participation(p, ds)) for p in event.participations]
    roles += [("attendee", _participant_group(g, ds)) for g in event.participants]
    roles += [("attendee", _attendance(a, ds)) for a in event.attendance]
    for prop in ("organizer", "sponsor", "contributor", "attendee"):
        _put(node, prop, [role for under, role in roles if under == prop])
    topics = dict.fromkeys(t for s in event.sessions for t in s.topics)
    _put(node, "about", [_topic(ds.get_topic(t), ds) for t in topics])
    _put(node, "performer", [_contribution(c, ds) for c in event.contributions])
    _put(node, "subEvent", [_session(s, ds) for s in event.sessions])
    works = [_source(ds.get_source(s), event, ds) for s in event.source_ids]
    node["subjectOf"] = works + [_statement(s, event, ds) for s in event.statements]
    comments = [] if event.note is None else [event.note]
    if event.edition is not None:  # schema.org has no term for an event's number
        comments.append(f"edition: {event.edition} (its number in the series {event.series})")
    if event.participants_complete is not None:  # schema.org has no term for it
        comments.append(_COMPLETE[event.participants_complete])
    _put(node, "rdfs:comment", comments)
    return node


def _attendance(figure: Attendance, ds: Dataset) -> dict[str, Any]:
    """An attendance figure: an ``attendee`` Role, as a participant group is, the figure
    in words in its ``description`` (schema.org has no term for how many came)."""
    node = _node("Role", "attendance", figure.id, ds)
    _put(node, "name", figure.label)  # the source's words for who they were
    node["description"] = f"attendance: {attendance_label(figure)}"  # as `show` words it
    _put(node, "rdfs:comment", figure.note)
    return node


def _context(context: ContextChoice) -> dict[str, Any] | str:
    if context == "embedded":
        return dict(CONTEXT)
    if context == "schema.org":
        return SCHEMA_ORG_CONTEXT_URL
    raise ValueError(f"context must be 'embedded' or 'schema.org', not {context!r}")


def to_jsonld(
    event: Event, dataset: Dataset | None = None, *, context: ContextChoice = "embedded"
) -> dict[str, Any]:
    """The event as a schema.org JSON-LD document (a ``dict`` ready for ``json.dumps``).

    ``dataset`` is the dataset the event comes from, which resolves the ids it refers
    to; by default the bundled one.  An event that is not in it raises `ValueError`
    saying what to pass (it is never looked up in another dataset).
    ``context="embedded"`` (the default) embeds `CONTEXT`, so that nothing is fetched;
    ``context="schema.org"`` writes ``"@context": "https://schema.org"`` instead, the
    form web pages use; both give the same RDF graph.  Raises `TypeError` for a
    non-`Event` and `ValueError` for another ``context``.

    Examples:
        >>> import aseanplus3_events as apt
        >>> event = apt.get_event("apt-low-carbon-seminar-2023")
        >>> doc = apt.to_jsonld(event)
        >>> doc["@type"], doc["startDate"], doc["eventAttendanceMode"]
        ('Event', '2023-07-14', {'@id': 'http://schema.org/MixedEventAttendanceMode'})
        >>> [s.get("name", s["about"][0]["name"])[:26] for s in doc["subEvent"]]
        ['Advancing Towards COP28: E', 'Promoting Low-Carbon Devel', 'Climate Change and Plastic']
        >>> apt.to_jsonld(event, context="schema.org")["@context"]
        'https://schema.org'
    """
    if not isinstance(event, Event):
        raise TypeError(f"event must be an Event, not {type(event).__name__}")
    ds = dataset_or_bundled(dataset)
    if event not in ds.list_events():  # by value: an equal copy of the event is the event
        where = "the bundled dataset" if dataset is None else "the dataset given"
        raise ValueError(
            f"event {event.id!r} is not in {where}; pass the dataset it comes from: "
            "apt.to_jsonld(event, dataset)"
        )
    return {"@context": _context(context), **_event(event, ds)}


def to_jsonld_graph(
    dataset: Dataset | None = None,
    events: Iterable[Event] | None = None,
    *,
    context: ContextChoice = "embedded",
) -> dict[str, Any]:
    """Every event of ``dataset`` (or just ``events``) as one JSON-LD document, whose
    ``@graph`` holds one node per event as `to_jsonld` gives it.

    Examples:
        >>> import aseanplus3_events as apt
        >>> doc = to_jsonld_graph()
        >>> len(doc["@graph"]) == len(apt.list_events())
        True
    """
    ds = dataset_or_bundled(dataset)
    chosen = ds.list_events() if events is None else tuple(events)
    return {"@context": _context(context), "@graph": [_event(event, ds) for event in chosen]}


def jsonld_bytes(
    dataset: Dataset | None = None,
    events: Iterable[Event] | None = None,
    *,
    context: ContextChoice = "embedded",
) -> bytes:
    """The file of `to_jsonld_graph`, its ``json.dumps`` (``indent=2``, UTF-8, a final
    newline), made an event at a time: one event's nodes are held at once, not all."""
    ds = dataset_or_bundled(dataset)
    chosen = ds.list_events() if events is None else events
    nodes = (_event(event, ds) for event in chosen)
    return json_file({"@context": _context(context), "@graph": ITEMS}, nodes, indent=2)
