"""ASEAN Plus Three (10+3) cooperation events as typed, validated, citable data.

Examples:
    >>> import aseanplus3_events as apt
    >>> apt.get_event().name
    'ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership'

This module is the table of contents: it imports names and loads no data.  The bundled
dataset is read on the first call that needs it (see `default_dataset`).
"""

from .api import (
    countries,
    data_version,
    get_country,
    get_event,
    get_organization,
    get_person,
    get_session,
    get_source,
    get_topic,
    list_events,
    organizations,
    people,
    search,
    sessions_by_topic,
    sources,
    topics,
)
from .dataset import Dataset
from .errors import (
    AseanPlusThreeError,
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
from .exports.annotations import to_annotations
from .exports.html import to_html, write_html
from .exports.jsonld import to_jsonld
from .loading import default_dataset, load_dataset
from .models import (
    Affiliation,
    AttendanceMode,
    Catalog,
    Contribution,
    ContributionRole,
    Country,
    CountryGroup,
    Event,
    EventKind,
    EventStatus,
    Evidence,
    Organization,
    OrganizationKind,
    ParticipantGroup,
    ParticipantKind,
    Participation,
    ParticipationRole,
    Person,
    Reference,
    ReferenceKind,
    SearchHit,
    Session,
    Source,
    SourceKind,
    Statement,
    StatementKind,
    Topic,
)

#: The package version (the data has its own: `data_version`).
__version__ = "0.1.0"

__all__ = [
    "Affiliation",
    "AseanPlusThreeError",
    "AttendanceMode",
    "Catalog",
    "Contribution",
    "ContributionRole",
    "Country",
    "CountryGroup",
    "Dataset",
    "DatasetError",
    "Event",
    "EventKind",
    "EventNotFoundError",
    "EventStatus",
    "Evidence",
    "NotFoundError",
    "Organization",
    "OrganizationKind",
    "OrganizationNotFoundError",
    "ParticipantGroup",
    "ParticipantKind",
    "Participation",
    "ParticipationRole",
    "Person",
    "PersonNotFoundError",
    "Problem",
    "Reference",
    "ReferenceKind",
    "SearchHit",
    "Session",
    "SessionNotFoundError",
    "Source",
    "SourceKind",
    "SourceNotFoundError",
    "Statement",
    "StatementKind",
    "Topic",
    "UnknownCountryError",
    "UnknownTopicError",
    "__version__",
    "countries",
    "data_version",
    "default_dataset",
    "get_country",
    "get_event",
    "get_organization",
    "get_person",
    "get_session",
    "get_source",
    "get_topic",
    "list_events",
    "load_dataset",
    "organizations",
    "people",
    "search",
    "sessions_by_topic",
    "sources",
    "to_annotations",
    "to_html",
    "to_jsonld",
    "topics",
    "write_html",
]
