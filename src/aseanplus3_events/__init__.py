"""ASEAN Plus Three (10+3) cooperation events as typed, validated, citable data.

Examples:
    >>> import aseanplus3_events as apt
    >>> apt.get_event("apt-low-carbon-seminar-2023").name
    'ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership'

This module is the table of contents: it imports names and loads no data.  The bundled
dataset is read on the first call that needs it (see `default_dataset`), and the exports
named here (`to_annotations`, `to_html`, `write_html`, `to_jsonld`) are imported on first
use (module ``__getattr__``): start-up pays only for what a lookup needs.
"""

import typing

from .api import (
    cite,
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
    table_names,
    to_arrow,
    to_pandas,
    to_polars,
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
    UnknownKindError,
    UnknownTableError,
    UnknownTopicError,
)
from .loading import default_dataset, load_dataset
from .models import (
    Affiliation,
    Attendance,
    AttendanceMode,
    Catalog,
    Contribution,
    ContributionRole,
    CountQualifier,
    Country,
    CountryGroup,
    Event,
    EventKind,
    EventStatus,
    Evidence,
    Organization,
    OrganizationKind,
    ParentRelation,
    ParticipantGroup,
    ParticipantKind,
    Participation,
    ParticipationRole,
    Person,
    Place,
    Reference,
    ReferenceKind,
    ReferenceRelation,
    SearchHit,
    Session,
    Source,
    SourceKind,
    Statement,
    StatementKind,
    Topic,
)

if typing.TYPE_CHECKING:  # mypy sees the names; an unknown name stays an error
    from .exports.annotations import to_annotations
    from .exports.html import to_html, write_html
    from .exports.jsonld import to_jsonld
else:
    _LAZY = {
        "to_annotations": "annotations",
        "to_jsonld": "jsonld",
        "to_html": "html",
        "write_html": "html",
    }

    def __getattr__(name: str) -> object:  # the exports, imported on first use
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        value = globals()[name] = getattr(import_module(f".exports.{module}", __name__), name)
        return value


#: The package version (the data has its own: `data_version`).
__version__ = "0.1.0"

__all__ = [
    "Affiliation", "AseanPlusThreeError", "Attendance", "AttendanceMode", "Catalog",
    "Contribution", "ContributionRole", "CountQualifier", "Country", "CountryGroup", "Dataset",
    "DatasetError", "Event", "EventKind", "EventNotFoundError", "EventStatus", "Evidence",
    "NotFoundError", "Organization", "OrganizationKind", "OrganizationNotFoundError",
    "ParentRelation", "ParticipantGroup", "ParticipantKind", "Participation", "ParticipationRole",
    "Person", "PersonNotFoundError", "Place", "Problem", "Reference", "ReferenceKind",
    "ReferenceRelation", "SearchHit", "Session", "SessionNotFoundError", "Source", "SourceKind",
    "SourceNotFoundError", "Statement", "StatementKind", "Topic", "UnknownCountryError",
    "UnknownKindError", "UnknownTableError", "UnknownTopicError", "__version__", "cite",
    "countries", "data_version", "default_dataset", "get_country", "get_event", "get_organization",
    "get_person", "get_session", "get_source", "get_topic", "list_events", "load_dataset",
    "organizations", "people", "search", "sessions_by_topic", "sources", "table_names",
    "to_annotations", "to_arrow", "to_html", "to_jsonld", "to_pandas", "to_polars", "topics",
    "write_html",
]  # fmt: skip
