"""schema.org JSON-LD for events: ``to_jsonld(event)``.

The mapping, in short (docs/jsonld.md has the whole of it):

- an event is a schema.org ``Event``; its sessions are ``subEvent``s, each with
  ``superEvent`` pointing back, ``about`` its topics and ``performer`` its speakers;
- ``eventAttendanceMode`` and ``eventStatus`` are full schema.org URLs; a held event is
  ``EventScheduled`` ("has taken place on the startDate as scheduled");
- organisers (and co-organisers, hosts) are ``organizer``; supporters and sponsors are
  ``sponsor``; the other roles (guidance, partner, participant) are ``contributor``;
- the source documents are ``isBasedOn`` and ``citation``;
- ``@id``s are URNs made from our stable ids (``urn:aseanplus3-events:event:<id>``): the
  sources give no web addresses, and we invent none.

Nothing the record leaves empty is emitted: no ``location`` when none is stated.
"""

from __future__ import annotations

from typing import Any

from aseanplus3_events.dataset import Dataset
from aseanplus3_events.loading import default_dataset
from aseanplus3_events.models import (
    AttendanceMode,
    Event,
    EventStatus,
    Organization,
    ParticipationRole,
    Person,
    Session,
    Topic,
)

__all__ = ["SCHEMA_ORG", "to_jsonld", "urn"]

SCHEMA_ORG = "https://schema.org/"

_MODES = {
    AttendanceMode.IN_PERSON: "OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
    AttendanceMode.HYBRID: "MixedEventAttendanceMode",
}
_STATUSES = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.HELD: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.POSTPONED: "EventPostponed",
}
_ROLE_PROPERTY = {
    ParticipationRole.ORGANIZER: "organizer",
    ParticipationRole.CO_ORGANIZER: "organizer",
    ParticipationRole.HOST: "organizer",
    ParticipationRole.SUPPORTER: "sponsor",
    ParticipationRole.SPONSOR: "sponsor",
    ParticipationRole.GUIDANCE: "contributor",
    ParticipationRole.PARTNER: "contributor",
    ParticipationRole.PARTICIPANT: "contributor",
}


def urn(kind: str, record_id: str) -> str:
    """The ``@id`` of a record: ``urn:aseanplus3-events:<kind>:<id>``.

    Examples:
        >>> urn("event", "apt-low-carbon-seminar-2023")
        'urn:aseanplus3-events:event:apt-low-carbon-seminar-2023'
    """
    return f"urn:aseanplus3-events:{kind}:{record_id}"


def _organization(org: Organization, dataset: Dataset) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Organization",
        "@id": urn("organization", org.id),
        "identifier": org.id,
        "name": org.name,
    }
    if org.alternate_names:
        node["alternateName"] = list(org.alternate_names)
    if org.founded is not None:
        node["foundingDate"] = str(org.founded)
    if org.description is not None:
        node["description"] = org.description
    if org.parent_id is not None:
        parent = dataset.get_organization(org.parent_id)
        node["parentOrganization"] = _organization(parent, dataset)
    return node


def _person(person: Person, dataset: Dataset) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Person",
        "@id": urn("person", person.id),
        "identifier": person.id,
        "name": person.name,
    }
    orgs = [dataset.get_organization(a.organization_id) for a in person.affiliations]
    if orgs:
        node["affiliation"] = [_organization(org, dataset) for org in orgs]
    posts = [a.post for a in person.affiliations if a.post]
    if posts:
        node["jobTitle"] = posts[0] if len(posts) == 1 else posts
    return node


def _topic(topic: Topic) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "DefinedTerm",
        "@id": urn("topic", topic.id),
        "termCode": topic.id,
        "name": topic.label,
    }
    if topic.description:
        node["description"] = topic.description
    return node


def _session(session: Session, event: Event, dataset: Dataset) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Event",
        "@id": urn("session", session.id),
        "identifier": session.id,
        "name": session.title,
        "superEvent": {"@id": urn("event", event.id)},
    }
    if session.topics:
        node["about"] = [_topic(dataset.get_topic(t)) for t in session.topics]
    people = dict.fromkeys(c.person_id for c in session.contributions)
    if people:
        node["performer"] = [_person(dataset.get_person(p), dataset) for p in people]
    return node


def to_jsonld(event: Event, dataset: Dataset | None = None) -> dict[str, Any]:
    """The event as a schema.org JSON-LD document (a ``dict`` ready for ``json.dumps``).

    ``dataset`` resolves the ids the event refers to; by default the bundled one.

    Examples:
        >>> import aseanplus3_events as apt
        >>> doc = apt.to_jsonld(apt.get_event())
        >>> doc["@type"], doc["startDate"], doc["eventAttendanceMode"]
        ('Event', '2023-07-14', 'https://schema.org/MixedEventAttendanceMode')
        >>> [s["name"][:26] for s in doc["subEvent"]]
        ['Advancing Towards COP28: E', 'Promoting Low-Carbon Devel', 'Climate Change and Plastic']
    """
    if not isinstance(event, Event):
        raise TypeError(f"event must be an Event, not {type(event).__name__}")
    ds = default_dataset() if dataset is None else dataset
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": urn("event", event.id),
        "identifier": event.id,
        "name": event.name,
    }
    if event.alternate_names:
        doc["alternateName"] = list(event.alternate_names)
    doc["startDate"] = event.start_date.isoformat()
    doc["endDate"] = event.end_date.isoformat()
    if event.attendance_mode is not None:
        doc["eventAttendanceMode"] = SCHEMA_ORG + _MODES[event.attendance_mode]
    if event.status is not None:
        doc["eventStatus"] = SCHEMA_ORG + _STATUSES[event.status]
    if event.location is not None:
        doc["location"] = {"@type": "Place", "name": event.location}
    for part in event.participations:
        org = _organization(ds.get_organization(part.organization_id), ds)
        doc.setdefault(_ROLE_PROPERTY[part.role], []).append(org)
    topics = dict.fromkeys(t for s in event.sessions for t in s.topics)
    if topics:
        doc["about"] = [_topic(ds.get_topic(t)) for t in topics]
    if event.sessions:
        doc["subEvent"] = [_session(s, event, ds) for s in event.sessions]
    sources = [ds.get_source(s) for s in event.source_ids]
    works = [
        {
            "@type": "CreativeWork",
            "@id": urn("source", s.id),
            "identifier": s.id,
            "name": s.title,
            "inLanguage": s.language,
        }
        for s in sources
    ]
    doc["isBasedOn"] = works
    doc["citation"] = [{"@id": w["@id"]} for w in works]
    return doc
