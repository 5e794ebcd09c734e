"""The schema: frozen Pydantic models and the enums they use.

Every model is frozen, forbids unknown fields and holds tuples rather than lists, so a
value handed to one caller cannot be changed under the next one.  The models describe
the *shape* of the data; the checks that span records (ids resolve, quotes match their
spans) live in `checks`.

Records built from an article carry ``evidence``: each `Evidence` quotes the
source exactly and names the ``fields`` of the record it supports.  Records that state
something the text only implies say so in ``note``.
"""

import datetime as dt
import inspect
import re
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

__all__ = [
    "SCHEMA_VERSION",
    "Affiliation",
    "Attendance",
    "AttendanceMode",
    "Catalog",
    "Contribution",
    "ContributionRole",
    "CountQualifier",
    "Country",
    "CountryGroup",
    "Event",
    "EventKind",
    "EventStatus",
    "Evidence",
    "Organization",
    "OrganizationKind",
    "ParentRelation",
    "ParticipantGroup",
    "ParticipantKind",
    "Participation",
    "ParticipationRole",
    "Person",
    "Place",
    "Reference",
    "ReferenceKind",
    "ReferenceRelation",
    "SearchHit",
    "Session",
    "Source",
    "SourceKind",
    "Statement",
    "StatementKind",
    "Topic",
]


#: The schema version this package writes; it reads any file with the same major version.
SCHEMA_VERSION = "2.4.0"


#: Each pattern's rule in words, for the message of a value that does not match it.
RULES: dict[str, str] = {}


class _Pattern:
    """A ``str`` constraint handed to pydantic as a ready core schema.

    Same validation and JSON Schema as ``StringConstraints(pattern=...)``; but pydantic
    takes the schema as it is instead of interpreting constraint metadata for every
    field that uses it: schema building is most of the first load's cost.
    """

    def __init__(self, pattern: str, rule: str) -> None:
        self.schema = core_schema.str_schema(pattern=pattern)
        RULES[pattern] = rule

    def __get_pydantic_core_schema__(self, source: object, handler: object) -> CoreSchema:
        return self.schema


#: A stable id: a lowercase, hyphenated slug such as ``"apt-low-carbon-seminar-2023"``.
_SLUG = "not an id; ids are slugs, such as {slug}: lowercase letters, digits and hyphens"
Slug = Annotated[str, _Pattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", _SLUG)]
#: ISO 3166-1 alpha-2 country code, such as ``"CN"``.
_CODE = "not an ISO 3166-1 alpha-2 code: two capital letters, such as {code}"
CountryCode = Annotated[str, _Pattern(r"^[A-Z]{2}$", _CODE)]
#: White space as any engine that reads these patterns counts it: Unicode's White_Space
#: (the Rust engine pydantic uses), and also U+001C..U+001F (Python's re) and U+FEFF
#: (ECMA-262, the JSON Schema standard's).  Spelled out, so that all of them agree.
_SPACE = (
    r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    r"\ufeff"
)
#: What an IRI excludes (RFC 3987): white space and <>"{}|\^`.
_NO_IRI = rf'{_SPACE}<>"{{}}|\\^`'
#: A non-empty string on one line, without leading or trailing white space.
TEXT_PATTERN = rf"^[^{_SPACE}](?:[^\n\r\u2028\u2029]*[^{_SPACE}])?$"
_TEXT = "must be one line of text, not empty, with no white space at either end"
Text = Annotated[str, _Pattern(TEXT_PATTERN, _TEXT)]
Year = Annotated[int, Field(ge=1000, le=9999)]

#: RFC 3339 full-date, the only form a date takes in a dataset file.  ASCII digits only
#: (``\d`` would also match other scripts' digits in the Rust and Python engines).
FULL_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _full_date_or_date(value: object) -> object:
    if isinstance(value, str):
        if re.fullmatch(FULL_DATE_PATTERN, value) is None:
            raise ValueError(f"a date is written YYYY-MM-DD, not {value!r}")
    elif not isinstance(value, dt.date):
        raise ValueError(f"a date is a datetime.date or YYYY-MM-DD, not {type(value).__name__}")
    return value


class _FullDate:
    """A `datetime.date` that JSON gives only as ``YYYY-MM-DD``.

    Pydantic's own date reads a JSON string of digits as a Unix timestamp, even in strict
    mode (``"0"`` is 1970-01-01, ``"1689292800"`` is 2023-07-14), which the shipped JSON
    Schema rejects.  Here JSON input must match `FULL_DATE_PATTERN` before it is parsed
    (which still refuses impossible days such as ``2023-02-30``); Python input must be a
    `datetime.date` (not a ``datetime``, not a string), and in lax mode, asked for to read
    ``json.load``'s data, a date or a full-date string.  The JSON Schema says the same:
    ``format: date`` for readers that assert formats and the pattern for those that do not.
    """

    def __get_pydantic_core_schema__(self, source: object, handler: object) -> CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.chain_schema(
                [
                    core_schema.str_schema(pattern=FULL_DATE_PATTERN),
                    core_schema.date_schema(strict=False),  # parses the str the pattern let by
                ]
            ),
            # strict (the models' mode): a date; lax (asked for, for json.load's data): a
            # date or a full-date string, never a timestamp
            python_schema=core_schema.no_info_before_validator_function(
                _full_date_or_date, core_schema.date_schema()
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                dt.date.isoformat, when_used="json"
            ),
        )

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: object) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": FULL_DATE_PATTERN}


#: A calendar date, written ``YYYY-MM-DD`` in JSON (RFC 3339 full-date) and nothing else.
Date = Annotated[dt.date, _FullDate()]


class _Fact:
    """A field's mark, ``Annotated[T, FACT]``: what its record's evidence must do for it.

    Only `_Frozen` reads it (into the class's ``fact_fields``, ...); pydantic and the JSON
    Schema do not see it.
    """

    def __init__(self, *kinds: str) -> None:
        self.kinds = ("fact", *kinds)


#: A fact: its value, when present, is backed by evidence naming the field.
FACT = _Fact()
#: A fact in the source's own words: each string occurs in a quote naming the field.
VERBATIM = _Fact("verbatim")
#: A fact listing ids: each item is backed by a quote naming the field and the item.
ITEMS = _Fact("items")
#: A value without evidence of its own (a `Place`): its facts are the record's, cited
#: under dotted names (``location.name``).
PARTS = _Fact("parts")


class _Frozen(BaseModel):
    # strict: no silent coercion ("1" stays a str); JSON still gives dates and enums
    # from their string forms.  frozen + tuples: returned values cannot be mutated.
    # defer_build: no validator per class; Catalog builds one for the whole tree, once,
    # on first use (see loading.py), instead of every class at import.
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    #: For records built from a source: the fields whose value, when present, must be
    #: backed by evidence naming them (empty for reference data), marked `FACT` (or
    #: `VERBATIM`, `ITEMS`), in the order declared, then the dotted parts of a `PARTS`.
    fact_fields: ClassVar[tuple[str, ...]] = ()
    #: The fact fields holding the source's own words (`VERBATIM`): each string must occur
    #: verbatim in a quote that names the field.  The others (enums, dates, ids) are
    #: normalised.
    verbatim_fields: ClassVar[tuple[str, ...]] = ()
    #: The fact fields that list ids (`ITEMS`): each item is backed by an evidence that
    #: names the field and the item in its ``items`` (the bundled data cites every item
    #: so), or by one that names the field with no ``items`` (the whole field, as schema
    #: 1.0 did).
    item_fields: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Read the fields' marks (`FACT`, ...) into ``fact_fields``, ``verbatim_fields``
        and ``item_fields``: adding a fact is one line, its field's.  A string in a field's
        ``Annotated`` is its description, given to pydantic as ``use_attribute_docstrings``
        gives a docstring (before the deferred schema is built): half the import cost of a
        ``Field(description=...)``, which pydantic merges field by field."""
        super().__pydantic_init_subclass__(**kwargs)
        found: dict[str, list[str]] = {"fact": [], "verbatim": [], "items": [], "parts": []}
        for name, info in cls.model_fields.items():
            for mark in info.metadata:
                if isinstance(mark, str):
                    info.description = mark
                for kind in mark.kinds if isinstance(mark, _Fact) else ():
                    found[kind].append(name)
        for name in found.pop("parts"):
            found["fact"].remove(name)  # cited by its parts, never whole
            part = next(
                t for t in get_args(cls.model_fields[name].annotation) if issubclass(t, _Frozen)
            )
            found["fact"] += [f"{name}.{field}" for field in part.fact_fields]
            found["verbatim"] += [f"{name}.{field}" for field in part.verbatim_fields]
        cls.fact_fields, cls.verbatim_fields, cls.item_fields = map(tuple, found.values())

    @model_validator(mode="after")
    def _share_given_fields(self) -> Self:
        # Why: a loaded file holds ~30 records per event, and each would keep its own
        # set of given field names (pydantic's ``model_fields_set``), a third of the
        # objects the garbage collector walks, again in every collection while the file
        # loads.  Records given the same names share one set instead (a 10,000-event load
        # spends about half as long in the collector: benchmarks/run.py, "validation").
        # Safe because the records are frozen: pydantic adds to the set only on
        # assignment, and `model_copy` copies it first.
        given = self.__pydantic_fields_set__
        shared = _GIVEN_FIELDS.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)
        return self

    @property
    def model_fields_set(self) -> set[str]:
        """The names of the fields this record was given (not filled from defaults): a
        copy, since records given the same names share one set, which changing this one
        must not change for any other record."""
        return set(self.__pydantic_fields_set__)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # A short repr (a notebook shows it): the record's keys and one of its texts,
        # cut, never its evidence.
        text = next((n for n in _REPR_TEXTS if getattr(self, n, None) is not None), None)
        for name in (*_REPR_KEYS, text):
            value = getattr(self, name, None) if name in type(self).model_fields else None
            if isinstance(value, str):  # a str enum as its plain value; a text cut
                value = str(value)
                yield name, value if name != text or len(value) <= 80 else value[:79] + "\u2026"
            elif value is not None:
                yield name, value


#: One set of given field names per distinct set (see `_Frozen._share_given_fields`):
#: bounded by the models' field names, which are fixed.
_GIVEN_FIELDS: dict[frozenset[str], set[str]] = {}

#: What a record's repr shows: each of these it has, and the first of `_REPR_TEXTS`.
_REPR_KEYS: tuple[str, ...] = ("kind", "id", "code", "role", "organization_id", "person_id")
_REPR_KEYS += ("schema_version", "data_version", "event_id", "score")
_REPR_TEXTS: tuple[str, ...] = ("name", "title", "subject", "label", "snippet", "quote")
_REPR_TEXTS += ("text", "summary", "post")


# --- enums -------------------------------------------------------------------------
#
# Every controlled value has a definition a user can read: ``member.definition`` in
# Python, a "Values:" list in the enum's description (its ``__doc__`` and its JSON
# Schema's), and the tables in docs/data-model.md.  Each member is declared once, with
# its definition: ``SEMINAR = "seminar", "A gathering the source calls a seminar."``.


class _Vocabulary(StrEnum):
    """A controlled value whose members each carry a ``definition``."""

    _definition: str

    def __new__(cls, value: str, definition: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._definition = definition or cls._define(value)
        return member

    @classmethod
    def _define(cls, value: str) -> str:
        """The definition of a member declared without one: none, a bug (a vocabulary
        whose definitions are made from its values overrides this)."""
        raise TypeError(f"{cls.__name__}: {value!r} has no definition")

    @property
    def definition(self) -> str:
        """What this value means, in a sentence a user can read.

        Examples:
            >>> from aseanplus3_events import StatementKind
            >>> StatementKind.CONSENSUS.definition
            'A view the source says the participants held in common (“unanimously acknowledged”).'
        """
        return self._definition


_C = TypeVar("_C", bound=type)
_V = TypeVar("_V", bound=_Vocabulary)


def _described(summary: str, *more: str) -> Callable[[_C], _C]:
    """Give a class its description (``__doc__``, and so its JSON Schema's) from strings.

    Not from its docstring: ``python -OO`` drops docstrings and Python 3.13 strips their
    indentation (cpython#81283), and the schema must be the same on every Python.  The
    docstring holds the examples only, which follow the description where Python kept
    them; the API reference reads the description here too (``mkdocs_hooks.Described``).
    """

    def apply(cls: _C) -> _C:
        doc = "\n" + inspect.cleandoc(cls.__doc__ or "")
        _, found, examples = doc.partition("\nExamples:\n")
        cls.__doc__ = "\n\n".join([summary, *more, *([f"Examples:\n{examples}"] if found else [])])
        return cls

    return apply


def _defined(summary: str) -> Callable[[type[_V]], type[_V]]:
    """Describe a vocabulary: the summary, then every member with its definition."""

    def apply(cls: type[_V]) -> type[_V]:
        listing = "\n".join(f"- ``{m.value}``: {m.definition}" for m in cls)
        return _described(summary, f"Values:\n\n{listing}")(cls)

    return apply


@_defined("What kind of gathering an event is.")
class EventKind(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_event("apt-low-carbon-seminar-2023").kind == "seminar"
        True
    """

    SEMINAR = "seminar", "A gathering the source calls a seminar."
    FORUM = "forum", "A gathering the source calls a forum."
    CONFERENCE = "conference", "A gathering the source calls a conference."
    WORKSHOP = "workshop", "A gathering the source calls a workshop."
    MEETING = "meeting", "A gathering the source calls a meeting."
    SUMMIT = "summit", "A gathering the source calls a summit."
    DIALOGUE = "dialogue", "A gathering the source calls a dialogue."
    ROUNDTABLE = "roundtable", "A gathering the source calls a roundtable (or round table)."
    SYMPOSIUM = "symposium", "A gathering the source calls a symposium."
    WEBINAR = "webinar", "A gathering the source calls a webinar: held online."
    TRAINING = "training", "A gathering the source calls a training or training course."
    CONSULTATION = "consultation", "A gathering the source calls a consultation."


@_defined("How people took part (schema.org ``eventAttendanceMode``).")
class AttendanceMode(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> seminar = apt.get_event("apt-low-carbon-seminar-2023")
        >>> seminar.attendance_mode is apt.AttendanceMode.HYBRID
        True
    """

    IN_PERSON = "in_person", "Attended in person only."
    ONLINE = "online", "Attended online only."
    HYBRID = "hybrid", "Attended both in person and online."


@_defined("Whether the event happened (schema.org ``eventStatus``).")
class EventStatus(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> str(apt.get_event("apt-low-carbon-seminar-2023").status)
        'held'
    """

    SCHEDULED = "scheduled", "Announced and not yet held."
    HELD = "held", "The source says it took place."
    CANCELLED = "cancelled", "The source says it was called off."
    POSTPONED = "postponed", "The source says it was put off to a later date."


@_defined("The role an organization played in an event.")
class ParticipationRole(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> [str(p.role) for p in apt.get_event("apt-low-carbon-seminar-2023").participations]
        ['guidance', 'organizer', 'supporter', 'supporter']
    """

    GUIDANCE = (
        "guidance",
        "Gave the event guidance (“under the guidance of”): direction from above, "
        "without the source saying it organized the event.",
    )
    ORGANIZER = "organizer", "Organized the event."
    CO_ORGANIZER = (
        "co_organizer",
        "Organized the event jointly with another organizer, as the source says.",
    )
    HOST = "host", "Hosted the event, as the source says."
    SUPPORTER = (
        "supporter",
        "Supported the event (“with support from”), without the source saying how.",
    )
    SPONSOR = "sponsor", "Funded the event, as the source says."
    PARTNER = "partner", "Named by the source as a partner of the event."
    PARTICIPANT = (
        "participant",
        "Took part as an organization, with no other role the source names.",
    )


#: Who the people of a participant group were, in the source's word for them ...
_WHO = {
    "experts": "Experts",
    "officials": "Officials",
    "researchers": "Researchers",
    "delegations": "Delegations",
    "representatives": "Representatives",
    "young_people": "Young people",
    "participants": "People the source calls only participants",
}
#: ... and where it says they came from (a kind without ``_from_`` says nowhere).
_FROM = {
    "country": "from a country (its code in ``country``)",
    "country_group": "from a group of countries (“ASEAN countries”)",
    "organization_group": "from a kind of organization (“United Nations agencies”), not "
    "naming which ones",
}

_NOT_A_DELEGATION = (
    " (people from a country are not its official delegation unless the source says so)"
)


@_defined(
    "What kind of group a `ParticipantGroup` is: who the people were (experts, officials, "
    "...) and, where the source says, whom they came from."
)
class ParticipantKind(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> sorted({str(g.kind) for g in apt.get_event("apt-low-carbon-seminar-2023").participants})
        ['experts_from_country', 'experts_from_country_group', 'experts_from_organization_group']
    """

    EXPERTS = "experts"
    EXPERTS_FROM_COUNTRY = "experts_from_country"
    EXPERTS_FROM_COUNTRY_GROUP = "experts_from_country_group"
    EXPERTS_FROM_ORGANIZATION_GROUP = "experts_from_organization_group"
    OFFICIALS = "officials"
    OFFICIALS_FROM_COUNTRY = "officials_from_country"
    OFFICIALS_FROM_COUNTRY_GROUP = "officials_from_country_group"
    OFFICIALS_FROM_ORGANIZATION_GROUP = "officials_from_organization_group"
    RESEARCHERS = "researchers"
    RESEARCHERS_FROM_COUNTRY = "researchers_from_country"
    RESEARCHERS_FROM_COUNTRY_GROUP = "researchers_from_country_group"
    RESEARCHERS_FROM_ORGANIZATION_GROUP = "researchers_from_organization_group"
    DELEGATIONS = "delegations"
    DELEGATIONS_FROM_COUNTRY = "delegations_from_country"
    DELEGATIONS_FROM_COUNTRY_GROUP = "delegations_from_country_group"
    DELEGATIONS_FROM_ORGANIZATION_GROUP = "delegations_from_organization_group"
    REPRESENTATIVES = "representatives"
    REPRESENTATIVES_FROM_COUNTRY = "representatives_from_country"
    REPRESENTATIVES_FROM_COUNTRY_GROUP = "representatives_from_country_group"
    REPRESENTATIVES_FROM_ORGANIZATION_GROUP = "representatives_from_organization_group"
    YOUNG_PEOPLE = "young_people"
    YOUNG_PEOPLE_FROM_COUNTRY = "young_people_from_country"
    YOUNG_PEOPLE_FROM_COUNTRY_GROUP = "young_people_from_country_group"
    YOUNG_PEOPLE_FROM_ORGANIZATION_GROUP = "young_people_from_organization_group"
    PARTICIPANTS = "participants"
    PARTICIPANTS_FROM_COUNTRY = "participants_from_country"
    PARTICIPANTS_FROM_COUNTRY_GROUP = "participants_from_country_group"
    PARTICIPANTS_FROM_ORGANIZATION_GROUP = "participants_from_organization_group"
    COUNTRY = "country"
    COUNTRY_GROUP = "country_group"
    ORGANIZATION_GROUP = "organization_group"

    @classmethod
    def _define(cls, value: str) -> str:
        """Who (`_WHO`) and from where (`_FROM`), as the value says."""
        if value in _FROM:
            return (
                f"Deprecated since schema 1.1.0 (read as ``experts_from_{value}``): kept so "
                "that files of schema 1.0 still load."
            )
        who, _, where = value.partition("_from_")
        if not where:
            return f"{_WHO[who]}, as the source calls them, from where it does not say."
        # a delegation is one by name; anyone else is not one unless the source says so
        apart = "" if who == "delegations" else _NOT_A_DELEGATION
        return f"{_WHO[who]} {_FROM[where]}, as the source calls them: no more{apart}."


@_defined("A person's role in a session, or in the event outside any session.")
class ContributionRole(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> str(apt.get_event("apt-low-carbon-seminar-2023").sessions[0].contributions[0].role)
        'speaker'
    """

    SPEAKER = (
        "speaker",
        "Spoke in the session or event (gave perspectives, insights or a summary of "
        "others' views); the role recorded when the source reports what a person said but names no "
        "formal role.",
    )
    MODERATOR = "moderator", "Named by the source as moderating the session or event."
    PANELIST = "panelist", "Named by the source as a member of the session's panel."
    CHAIR = "chair", "Named by the source as chairing the session or event."
    KEYNOTE = "keynote", "Gave a keynote speech or address, as the source calls it."
    OPENING_REMARKS = (
        "opening_remarks",
        "Opened the event or session (opening remarks, an opening or "
        "welcome address), as the source says.",
    )
    CLOSING_REMARKS = (
        "closing_remarks",
        "Closed the event or session (closing remarks or address), as the source says.",
    )
    PRESENTER = "presenter", "Presented something the source names (a report, a study, a case)."
    RAPPORTEUR = "rapporteur", "Named by the source as rapporteur: reported on the discussion."


@_defined("What an event-level statement records, by its substance, not the source's verb.")
class StatementKind(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> [str(s.kind) for s in apt.get_event("apt-low-carbon-seminar-2023").statements][:3]
        ['discussion', 'recommendation', 'objective']
    """

    DISCUSSION = (
        "discussion",
        "An account of what was discussed or exchanged, with no conclusion drawn.",
    )
    RECOMMENDATION = (
        "recommendation",
        "A course of action put forward as what should be done, however the "
        "source words it (“recommendations”, “are encouraged to”, “highlighted as essential”).",
    )
    OBJECTIVE = "objective", "What the event itself set out to achieve."
    CONSENSUS = (
        "consensus",
        "A view the source says the participants held in common (“unanimously acknowledged”).",
    )
    ASSESSMENT = (
        "assessment",
        "A view of how things stand or what matters that the source states "
        "without saying that it was agreed.",
    )
    PURPOSE = (
        "purpose",
        "What a recommended course of action is meant to achieve (“This alignment aims to …”).",
    )
    ENCOURAGEMENT = (
        "encouragement",
        "Deprecated since schema 1.1.0 (read as ``recommendation``): kept so "
        "that files of schema 1.0 still load; the bundled data does not use it.",
    )
    HIGHLIGHT = (
        "highlight",
        "Deprecated since schema 1.1.0 (classified by substance instead): kept so "
        "that files of schema 1.0 still load; the bundled data does not use it.",
    )


@_defined("What an event refers to.")
class ReferenceKind(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> [str(r.kind) for r in apt.get_event("apt-low-carbon-seminar-2023").references]
        ['document', 'event', 'framework']
    """

    DOCUMENT = "document", "A document the source names, such as a work plan."
    EVENT = "event", "Another event the source names, such as a conference."
    FRAMEWORK = (
        "framework",
        "A framework of cooperation the source names, such as ASEAN Plus Three.",
    )


@_defined("What the event did with something it refers to, as the source says.")
class ReferenceRelation(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> str(apt.get_event("apt-low-carbon-seminar-2023").references[0].relation)
        'cited'
    """

    CITED = (
        "cited",
        "Named in the account of the event (in a title, a statement, a "
        "recommendation), with nothing said of the event doing more with it.",
    )
    ADOPTED = "adopted", "Adopted, agreed or approved at the event, as the source says."
    ENDORSED = (
        "endorsed",
        "Endorsed or welcomed at the event, as the source says, without its "
        "saying the event adopted it.",
    )
    LAUNCHED = "launched", "Launched or released at the event, as the source says."
    SIGNED = "signed", "Signed at the event, as the source says."
    ANNOUNCED = "announced", "Announced at the event, as the source says."
    PRESENTED = "presented", "Presented at the event (a report, a study), as the source says."


@_defined("How the source qualifies a number of people (an `Attendance`'s ``count``).")
class CountQualifier(_Vocabulary):
    """
    Examples:
        >>> CountQualifier.MORE_THAN.definition
        'More than the number (“more than 120”, “over 120”).'
    """

    EXACTLY = "exactly", "The number as stated, unqualified (“120 participants”)."
    MORE_THAN = "more_than", "More than the number (“more than 120”, “over 120”)."
    AT_LEAST = "at_least", "At least the number (“at least 120”)."
    ABOUT = "about", "About the number (“about”, “approximately”, “some”, “nearly”, “around 120”)."
    UP_TO = "up_to", "Up to the number, at most (“up to 120”)."


@_defined("What kind of body an organization is, as its name or the text says.")
class OrganizationKind(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> str(apt.get_organization("ministry-of-ecology-and-environment").kind)
        'ministry'
    """

    MINISTRY = "ministry", "A government ministry."
    DEPARTMENT = (
        "department",
        "A unit inside a larger organization, such as a ministry's or an institute's department.",
    )
    INSTITUTION = "institution", "A body the source calls an institution."
    INSTITUTE = "institute", "A body whose name calls it an institute."
    NETWORK = (
        "network",
        "A network of members (organizations, experts, cities), as its name or the source says.",
    )
    AGENCY = "agency", "A government agency, as its name or the source says."
    NGO = "ngo", "A non-governmental, non-profit organization, as the source says."
    INTERGOVERNMENTAL_ORGANIZATION = (
        "intergovernmental_organization",
        "An organization of governments, such as ASEAN or its secretariat.",
    )
    UN_AGENCY = (
        "un_agency",
        "A body of the United Nations system (a program, fund, agency or commission of the UN).",
    )
    FUND = "fund", "A fund that finances projects, as its name says."
    UNIVERSITY = "university", "A university or college."
    COMPANY = "company", "A business: a company, bank or firm."


@_defined("How an organization stands to the body in its ``parent_id``, as the source says.")
class ParentRelation(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> org = apt.get_organization("china-asean-environmental-cooperation-center")
        >>> str(org.parent_relation)
        'directly_under'
    """

    PART_OF = (
        "part_of",
        "A unit inside its parent (“International Cooperation Department of China’s Ministry …”).",
    )
    DIRECTLY_UNDER = (
        "directly_under",
        "A body of its own placed directly under its parent, as the source "
        "says (“directly under the Ministry …”).",
    )


@_defined(
    "The two halves of ASEAN Plus Three.  A country has a group only where a source in the "
    "dataset states its membership; none of the bundled sources does."
)
class CountryGroup(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_country("JP").groups
        ()
    """

    ASEAN = "asean", "A member of ASEAN, where a source in the dataset states it."
    PLUS_THREE = (
        "plus_three",
        "One of the three countries of ASEAN Plus Three beside ASEAN (the “Plus "
        "Three”), where a source in the dataset states it.",
    )


@_defined("What a source is: a document with text, or reference data without.")
class SourceKind(_Vocabulary):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> str(apt.get_source("iso-3166-1").kind)
        'reference'
        >>> str(apt.get_source("article-apt-low-carbon-seminar-2023").kind)
        'article'
    """

    ARTICLE = "article", "A text whose words the records quote."
    REFERENCE = "reference", "Reference data, such as ISO 3166-1, cited by id without a span."


# --- records -----------------------------------------------------------------------


@_described(
    "An exact quote from a source, with its position.\n\nThis is the W3C Web Annotation model: a "
    "TextPositionSelector (``start``, ``end``: 0-based Unicode code points, end exclusive) and a "
    "TextQuoteSelector (``quote``, with ``prefix`` and ``suffix`` where the quote occurs more "
    "than once in its source, so that the selector alone finds this occurrence).  "
    "``quote == source.text[start:end]`` always holds in a loaded dataset.  ``id`` is "
    "``<record id>-evidence-<n>``.\n\nWhere a record's field lists ids (``topics``, "
    "``reference_ids``, ``depends_on``), a quote supports single items of it: ``items`` names "
    "them."
)
class Evidence(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> ev = apt.get_event("apt-low-carbon-seminar-2023").evidence[0]
        >>> apt.get_source(ev.source_id).text[ev.start:ev.end] == ev.quote
        True
        >>> seminar = apt.get_event("apt-low-carbon-seminar-2023")
        >>> [(ev.quote, ev.items) for ev in seminar.sessions[2].evidence][1]
        ('Climate Change', ('climate-change',))
    """

    id: Annotated[Slug, "``<record id>-evidence-<n>``: n counts from 1 in the record's evidence."]
    source_id: Slug
    start: int = Field(ge=0, description="Where the quote starts: a 0-based code point offset.")
    end: int = Field(ge=1, description="Where the quote ends: a code point offset, exclusive.")
    quote: str = Field(min_length=1, description="The source text at [start, end), exactly.")
    prefix: str | None = Field(
        default=None,
        min_length=1,
        description="The text just before the quote, where the quote occurs more than once in "
        "its source: long enough, with suffix, to pick this occurrence.",
    )
    suffix: str | None = Field(
        default=None,
        min_length=1,
        description="The text just after the quote, where the quote occurs more than once.",
    )
    fields: tuple[str, ...] = Field(
        min_length=1, description="The fields of the record that this quote supports."
    )
    items: Annotated[
        tuple[str, ...],
        "For a field that lists ids (a session's ``topics``, ``reference_ids``, ``depends_on``): "
        "the items of it that this quote supports.  Every item of such a field is named by some "
        "quote.",
    ] = ()


#: The quotes that support a record; at least one.
Evidences = Annotated[
    tuple[Evidence, ...],
    Field(min_length=1, description="Quotes from the sources supporting this record."),
]
#: What the dataset reads into the text where the text only implies it.  Records built
#: from a source end with ``evidence: Evidences`` and ``note: Note = None``, so that their
#: own fields come first in their JSON.
Note = Annotated[
    Text | None,
    Field(description="Says what the dataset reads into the text where the text only implies it."),
]


@_described(
    "An organization's role in an event.\n\n``role`` is the normalised value; ``role_label`` "
    "keeps the source's own wording."
)
class Participation(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> part = apt.get_event("apt-low-carbon-seminar-2023").participations[2]
        >>> part.organization_id, str(part.role), part.role_label
        ('world-resources-institute', 'supporter', 'with support from')
    """

    id: Slug
    organization_id: Annotated[Slug, FACT]
    role: Annotated[
        ParticipationRole,
        FACT,
        "The organization's role in the event, normalised from the source's wording.",
    ]
    role_label: Annotated[
        Text | None,
        VERBATIM,
        "The source's words for the role (“with support from”), quoted verbatim.",
    ] = None
    evidence: Evidences
    note: Note = None


@_described(
    "A group the source says people came from: experts from a country, a group of countries, or "
    'a kind of organization ("United Nations agencies").  ``label`` is the source\'s wording; '
    "``kind`` says what the group is (see `ParticipantKind`)."
)
class ParticipantGroup(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> seminar = apt.get_event("apt-low-carbon-seminar-2023")
        >>> [(g.label, g.country) for g in seminar.participants][:2]
        [('ASEAN countries', None), ('China', 'CN')]
        >>> [g.label for g in seminar.participants if g.country == "SG"]
        ['Singapore']
    """

    id: Slug
    label: Annotated[
        Text,
        VERBATIM,
        "Where the people came from, quoted verbatim (in the bundled data: “ASEAN countries”, "
        "“China”).",
    ]
    kind: Annotated[
        ParticipantKind,
        FACT,
        "Who the people were, and what kind of place or body the label names.",
    ]
    country: Annotated[
        CountryCode | None,
        FACT,
        "The ISO 3166-1 alpha-2 code of the country the label names, if one.",
    ] = None
    evidence: Evidences
    note: Note = None


@_described("One thing a person did in a session; ``summary`` quotes the source.")
class Contribution(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> contribution = apt.get_event("apt-low-carbon-seminar-2023").sessions[0].contributions[1]
        >>> contribution.person_id, contribution.summary[:22]
        ('julia-mao', 'She summarized the vie')
    """

    id: Slug
    person_id: Annotated[Slug, FACT]
    role: Annotated[
        ContributionRole,
        FACT,
        "What the person did; speaker where the source names no formal role.",
    ]
    summary: Annotated[
        Text, VERBATIM, "The source's account of what the person did or said, quoted verbatim."
    ]
    evidence: Evidences
    note: Note = None


@_described(
    "A part of an event, with its title or, where the source names it only by its subject, "
    "its ``subject``; ``ordinal`` counts from 1 per event."
)
class Session(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> session = apt.get_event("apt-low-carbon-seminar-2023").sessions[0]
        >>> session.id, session.ordinal
        ('apt-low-carbon-seminar-2023-session-1', 1)
        >>> session.topics
        ('carbon-markets', 'regional-cooperation', 'green-finance')
        >>> session.reference_ids
        ('apt-low-carbon-seminar-2023-reference-2',)
    """

    id: Slug
    event_id: Slug
    ordinal: Annotated[int, FACT] = Field(
        ge=1, description="The session's place in its event, from 1 (schema.org `position`)."
    )
    title: Annotated[
        Text | None,
        VERBATIM,
        "The title the source gives the session (the text inside its quotation marks); empty where "
        "it names the session only by its subject.",
    ] = None
    subject: Annotated[
        Text | None,
        VERBATIM,
        "What the session was on, in the source's words, where the source gives no title; a "
        "session has a title or a subject.",
    ] = None
    start_date: Annotated[
        Date | None, FACT, "The day of the session, where stated or read (see note)."
    ] = None
    topics: Annotated[
        tuple[Slug, ...],
        ITEMS,
        "Topic ids: a topic where the session's own words (its title, what a contribution to it "
        "is reported to say) name the topic's subject; each topic is cited by a quote whose "
        "``items`` name it.",
    ] = ()
    reference_ids: Annotated[
        tuple[Slug, ...],
        ITEMS,
        "Ids of the event's references (documents, events, frameworks) the session's own words "
        "name.",
    ] = ()
    contributions: tuple[Contribution, ...] = ()
    evidence: Evidences
    note: Note = None

    @property
    def heading(self) -> str:
        """What to call the session: its title, or its subject where it has no title."""
        return self.title or self.subject or ""


@_described(
    "Something the event produced or voiced: a consensus, a recommendation, ...\n\n"
    '``attributed_to`` is the source\'s own word for who made it (``"experts"``, '
    '``"participants"``), None where the source names no one (a passive "are encouraged"). '
    "``reference_ids`` are the event's references it names; ``depends_on`` the earlier "
    'statements its wording refers back to ("This alignment", "Within this framework"); '
    '``session_ids`` the event\'s sessions it is about ("the aforementioned subjects").'
)
class Statement(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> statement = apt.get_event("apt-low-carbon-seminar-2023").statements[3]
        >>> str(statement.kind), statement.attributed_to, statement.text[:44]
        ('consensus', 'participants', 'The participants unanimously acknowledged th')
        >>> apt.get_event("apt-low-carbon-seminar-2023").statements[6].depends_on
        ('apt-low-carbon-seminar-2023-statement-6',)
    """

    id: Slug
    kind: Annotated[
        StatementKind,
        FACT,
        "What the statement records, by its substance, not by the source's verb.",
    ]
    text: Annotated[Text, VERBATIM, "The statement, quoted verbatim (schema.org Claim `text`)."]
    attributed_to: Annotated[
        Text | None,
        VERBATIM,
        "The source's own word for who made the statement; None where it names no one.",
    ] = None
    person_ids: Annotated[
        tuple[Slug, ...], ITEMS, "Ids of the people the source names as making the statement."
    ] = ()
    reference_ids: Annotated[
        tuple[Slug, ...], ITEMS, "Ids of the event's references the statement names."
    ] = ()
    depends_on: Annotated[
        tuple[Slug, ...],
        ITEMS,
        "Ids of earlier statements of the event that its wording refers back to.",
    ] = ()
    session_ids: Annotated[
        tuple[Slug, ...], ITEMS, "Ids of the event's sessions the statement is about."
    ] = ()
    evidence: Evidences
    note: Note = None


@_described(
    "A document, another event or a framework the source names; the period or date where "
    "stated.  ``alternate_names`` are the other names the source uses for it."
)
class Reference(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> plan = apt.get_event("apt-low-carbon-seminar-2023").references[0]
        >>> plan.title, plan.period_start, plan.period_end
        ('ASEAN Plus Three Cooperation Work Plan (2023-2027)', 2023, 2027)
    """

    id: Slug
    kind: Annotated[
        ReferenceKind, FACT, "What is referred to: a document, an event or a framework."
    ]
    title: Annotated[Text, VERBATIM, "Its title or name, quoted verbatim (schema.org `name`)."]
    alternate_names: Annotated[
        tuple[Text, ...],
        VERBATIM,
        "Other names the source uses for it, each quoted verbatim (in the bundled data: “10+3” "
        "and “APT”, for ASEAN Plus Three).",
    ] = ()
    period_start: Annotated[
        Year | None, FACT, "The first year it covers, an integer (“2023-2027”: 2023), where stated."
    ] = None
    period_end: Annotated[
        Year | None, FACT, "The last year it covers, an integer (“2023-2027”: 2027), where stated."
    ] = None
    date: Annotated[
        Date | None, FACT, "Its date, YYYY-MM-DD (ISO 8601), where stated or read (with a note)."
    ] = None
    year: Annotated[
        Year | None, FACT, "The year it is dated, where no day is stated (“signed in 2011”: 2011)."
    ] = None
    relation: Annotated[
        ReferenceRelation | None,
        FACT,
        "What the event did with it (cited, adopted ...), as the source says.",
    ] = None
    evidence: Evidences
    note: Note = None


@_described(
    "Where an event was held (schema.org ``Place`` with a ``PostalAddress``): each part "
    "only where the source states it. A place has no id and no evidence of its own: the "
    "event's evidence cites it by dotted field names (``location.name``, "
    "``location.address_locality``, ...)."
)
class Place(_Frozen):
    """
    Examples:
        >>> Place(name="National Convention Center", address_country="VN")
        Place(name='National Convention Center', address_country='VN')
    """

    name: Annotated[
        Text | None, VERBATIM, "The venue, quoted verbatim (schema.org Place `name`)."
    ] = None
    address_locality: Annotated[
        Text | None, VERBATIM, "The city, quoted verbatim (schema.org `addressLocality`)."
    ] = None
    address_region: Annotated[
        Text | None,
        VERBATIM,
        "The province, state or region, quoted verbatim (schema.org `addressRegion`).",
    ] = None
    address_country: Annotated[
        CountryCode | None,
        FACT,
        "The ISO 3166-1 alpha-2 code, where stated (schema.org `addressCountry`).",
    ] = None

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        return ((name, value) for name, value in self if value is not None)  # every part


@_described(
    "What the source says of who came and how many: one figure (“more than 120 officials "
    "and researchers in person”). An event has one per figure the source gives."
)
class Attendance(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_event("apt-low-carbon-seminar-2023").attendance  # no figure given
        ()
    """

    id: Slug
    count: Annotated[int | None, FACT] = Field(
        default=None, ge=0, description="How many people, an integer, where stated."
    )
    count_qualifier: Annotated[
        CountQualifier | None,
        FACT,
        "How the source qualifies the count (“more than 120”), where it gives one.",
    ] = None
    attendance_mode: Annotated[
        AttendanceMode | None, FACT, "How these people took part, where the source says."
    ] = None
    label: Annotated[
        Text | None, VERBATIM, "The source's words for who they were (“officials and researchers”)."
    ] = None
    evidence: Evidences
    note: Note = None


@_described("An ASEAN Plus Three cooperation event.")
class Event(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> event = apt.get_event("apt-low-carbon-seminar-2023")
        >>> event.start_date.isoformat(), event.attendance_mode.value, event.location
        ('2023-07-14', 'hybrid', None)
    """

    id: Slug
    name: Annotated[Text, VERBATIM, "The event's name, quoted verbatim (schema.org `name`)."]
    alternate_names: Annotated[
        tuple[Text, ...],
        VERBATIM,
        "Its other names in the source, quoted verbatim (schema.org `alternateName`).",
    ] = ()
    kind: Annotated[EventKind, FACT, "What the source calls the event (a seminar, a forum ...)."]
    series: Annotated[
        Text | None, VERBATIM, "The name of a series the event belongs to, as stated."
    ] = None
    edition: Annotated[int | None, FACT] = Field(
        default=None, ge=1, description="The event's number in its series (“the 16th”)."
    )
    super_event_id: Annotated[
        Slug | None,
        FACT,
        "The id of an event of the dataset that this one was part of or held alongside.",
    ] = None
    start_date: Annotated[
        Date, FACT, "The first day, YYYY-MM-DD (schema.org `startDate`), stated or read (a note)."
    ]
    end_date: Annotated[
        Date, FACT, "The last day, YYYY-MM-DD (schema.org `endDate`); a one-day event's start_date."
    ]
    attendance_mode: Annotated[
        AttendanceMode | None,
        FACT,
        "How people took part, where stated (schema.org `eventAttendanceMode`).",
    ] = None
    status: Annotated[
        EventStatus | None,
        FACT,
        "Whether the event happened, where the source says (schema.org `eventStatus`).",
    ] = None
    location: Annotated[Place | None, PARTS, "None when the source names none."] = None
    attendance: tuple[Attendance, ...] = ()
    participations: tuple[Participation, ...] = ()
    participants: tuple[ParticipantGroup, ...] = ()
    participants_complete: Annotated[
        bool | None,
        FACT,
        "False where the source says its list of participant groups is partial (“including …”), "
        "True where it says the list is whole, None where it says neither.",
    ] = None
    contributions: Annotated[
        tuple[Contribution, ...],
        "What people did outside any session: opening or closing remarks, a keynote.",
    ] = ()
    sessions: tuple[Session, ...] = ()
    statements: tuple[Statement, ...] = ()
    references: tuple[Reference, ...] = ()
    source_ids: tuple[Slug, ...] = Field(min_length=1)
    evidence: Evidences
    note: Note = None

    def _repr_html_(self) -> str:  # the card a notebook shows
        from .notebook import event_card

        return event_card(self)


@_described("A person's post at an organization (Popolo's Membership, reduced).")
class Affiliation(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_person("julia-mao").affiliations[0].post
        'Director'
    """

    organization_id: Slug
    post: Annotated[
        Text | None, "The person's post there, quoted verbatim (schema.org `jobTitle`)."
    ] = None


@_described(
    "An organization; ``parent_id`` points to the body it belongs to, and ``parent_relation`` "
    "says how (a unit of it, or a body directly under it). ``description`` quotes the source's "
    "profile whole; ``mission`` quotes each clause of the mission the profile states."
)
class Organization(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> org = apt.get_organization("china-asean-environmental-cooperation-center")
        >>> org.founded, org.parent_id, str(org.parent_relation)
        (2010, 'ministry-of-ecology-and-environment', 'directly_under')
        >>> len(org.mission)
        3
    """

    id: Slug
    name: Annotated[Text, VERBATIM, "The organization's name, quoted verbatim (schema.org `name`)."]
    alternate_names: Annotated[
        tuple[Text, ...],
        VERBATIM,
        "Its other names in the source, quoted verbatim (schema.org `alternateName`).",
    ] = ()
    kind: Annotated[
        OrganizationKind | None, FACT, "What kind of body it is, as its name or the source says."
    ] = None
    country: Annotated[
        CountryCode | None,
        FACT,
        "Its country's ISO 3166-1 alpha-2 code, where the source ties it to one.",
    ] = None
    parent_id: Annotated[
        Slug | None,
        FACT,
        "The id of the organization it is part of or directly under, where stated.",
    ] = None
    parent_relation: Annotated[
        ParentRelation | None,
        FACT,
        "How it stands to its parent_id: a unit of it, or a body directly under it.",
    ] = None
    founded: Annotated[
        Year | None, FACT, "The year founded, an integer, where stated (schema.org `foundingDate`)."
    ] = None
    description: Annotated[
        Text | None,
        VERBATIM,
        "The source's profile of the organization, quoted verbatim and whole.",
    ] = None
    mission: Annotated[
        tuple[Text, ...],
        VERBATIM,
        "Each clause of the mission its profile states, quoted verbatim.",
    ] = ()
    evidence: Evidences
    note: Note = None


@_described("A person named by a source, with the posts it gives them.")
class Person(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.get_person("julia-mao").name
        'Julia Mao'
    """

    id: Slug
    name: Annotated[Text, VERBATIM, "The person's name, quoted verbatim (schema.org `name`)."]
    honorific_prefix: Annotated[
        Text | None, VERBATIM, "A title before the name (“Dr.”, “Mr.”), as stated."
    ] = None
    affiliations: Annotated[tuple[Affiliation, ...], VERBATIM] = ()
    evidence: Evidences
    note: Note = None


@_described("A term of the controlled topic vocabulary (editorial, not quoted).")
class Topic(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> topic = apt.get_topic("carbon market")
        >>> topic.id, topic.label
        ('carbon-markets', 'Carbon markets')
    """

    id: Slug
    label: Annotated[Text, "The topic's name, editorial (schema.org DefinedTerm `name`)."]
    aliases: Annotated[
        tuple[Text, ...], "Other names that find the topic, editorial (schema.org `alternateName`)."
    ] = ()
    description: Annotated[
        Text | None, "What the topic covers, editorial (schema.org `description`)."
    ] = None


@_described("A country from reference data (ISO 3166-1), cited by ``source_id``.")
class Country(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> country = apt.get_country("CN")
        >>> country.name, country.source_id
        ('China', 'iso-3166-1')
    """

    code: Annotated[
        CountryCode, "The ISO 3166-1 alpha-2 code (“CN”), from the reference data in source_id."
    ]
    name: Annotated[
        Text, "The English short name in ISO 3166-1 (“China”), from the reference data."
    ]
    alternate_names: Annotated[
        tuple[Text, ...],
        VERBATIM,
        "Other names the sources use for the country (“South Korea”), each quoted in the "
        "country's evidence.",
    ] = ()
    groups: Annotated[
        tuple[CountryGroup, ...],
        "The groups of countries it belongs to, only where a source in the dataset states it.",
    ] = ()
    source_id: Slug
    evidence: Annotated[
        tuple[Evidence, ...], "Quotes from text sources supporting the alternate names."
    ] = ()
    note: Note = None

    @property
    def id(self) -> str:
        """The code in lowercase: what the country's evidence ids start with."""
        return self.code.lower()


@_described("A source document, with its full text, or reference data (``text`` is None).")
class Source(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> source = apt.get_source("article-apt-low-carbon-seminar-2023")
        >>> source.language, len(source.text)
        ('en', 3455)
    """

    id: Slug
    title: Annotated[
        Text, "The source's title, the dataset's words, not a quote (JSON-LD `description`)."
    ]
    kind: Annotated[
        SourceKind, "What the source is: an article with its text, or reference data without."
    ]
    language: Annotated[
        str,
        _Pattern(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$", "not a BCP 47 tag, such as 'en' or 'zh-Hans'"),
        "The language of the text, a BCP 47 tag such as en (schema.org `inLanguage`).",
    ]
    sha256: Annotated[
        Annotated[str, _Pattern(r"^[0-9a-f]{64}$", "not a SHA-256: 64 lowercase hex digits")]
        | None,
        "The SHA-256 of the text in UTF-8, in lowercase hex; none for reference data.",
    ] = None
    url: Annotated[
        str | None, "Where it is published, if it is (schema.org `url`); none is invented."
    ] = None
    note: Annotated[
        Text | None, "What the dataset says of the source itself: which copy it is, what it lacks."
    ] = None
    text: Annotated[
        str | None, "The full text, verbatim; evidence start and end are code point offsets in it."
    ] = None


@_described("The whole dataset file.  Its JSON Schema is the one shipped in ``data/``.")
class Catalog(_Frozen):
    """
    Examples:
        >>> import aseanplus3_events as apt
        >>> catalog = apt.default_dataset().catalog
        >>> catalog.schema_version, len(catalog.events) == len(apt.list_events())
        ('2.4.0', True)
    """

    schema_version: Annotated[
        str, _Pattern(r"^[0-9]+\.[0-9]+\.[0-9]+$", f"three numbers, such as {SCHEMA_VERSION!r}")
    ]
    data_version: Text
    title: Annotated[
        Text | None,
        "The dataset's title, as its publisher gives it (schema.org name, Frictionless title, CFF "
        "title); None where it states none.",
    ] = None
    creators: Annotated[
        tuple[Text, ...],
        "Who made the data, as they are to be credited: people or organizations (schema.org "
        "creator, CFF authors); empty where the publisher names none.",
    ] = ()
    license: Annotated[
        Text | None,
        "The license of the data, an SPDX identifier such as CC-BY-4.0 (schema.org license, "
        "Frictionless licenses, CFF license); None where none is stated. The quoted source texts "
        "remain their authors'.",
    ] = None
    base_iri: Annotated[
        Annotated[  # an absolute IRI: a scheme, then "//" and a host (a web address) or a
            str,  # name not starting with "/" (a URN), none of the characters IRIs exclude
            _Pattern(
                rf"^[A-Za-z][A-Za-z0-9+.-]*:(?://[^/?#{_NO_IRI}]+(?:[/?#][^{_NO_IRI}]*)?[/#]"
                rf"|[^/{_NO_IRI}][^{_NO_IRI}]*[:#])$",
                "not a base IRI: a web address with its host (https://host/...) or a URN, with no "
                "spaces, ending in '/' or '#' (a URN in ':' or '#'), such as {iri}",
            ),
        ]
        | None,
        "The prefix of every IRI the JSON-LD and annotations exports mint (<base_iri><kind>:<id>), "
        "an identifier the publisher mints and controls, not a fact from a source; None mints "
        "urn:aseanplus3-events:, which every dataset that declares none shares.",
    ] = None
    events: tuple[Event, ...] = ()
    organizations: tuple[Organization, ...] = ()
    people: tuple[Person, ...] = ()
    topics: tuple[Topic, ...] = ()
    countries: tuple[Country, ...] = ()
    sources: tuple[Source, ...] = ()


class SearchHit(_Frozen):
    """One record that matched `search`, with how well it matched.

    ``kind`` names the record type (``"event"``, ``"session"``, ``"contribution"``,
    ``"statement"``, ``"reference"``, ``"participation"``, ``"participant_group"``,
    ``"organization"``, ``"person"``, ``"topic"``, ``"country"``), ``id`` its id (a
    country's code), ``event_id`` the event it belongs to (None for organizations,
    people, topics and countries), ``name`` what the record is called (a name, a title,
    a session's subject, a label; None for contributions, statements and participations,
    which have none) and ``text`` the record's searchable text (its
    fields, the names of what it links to, and its note, joined by ``" | "``).
    ``score`` is BM25 relevance (higher is better; comparable within one search only)
    and ``snippet`` the part of ``text`` that matched, each matched word between ``**``
    and gaps shown as ``...``.

    Examples:
        >>> import aseanplus3_events as apt
        >>> hit = apt.search("Julia Mao", kind="person")[0]
        >>> hit.id, hit.event_id, hit.snippet
        ('julia-mao', None, '**Julia** **Mao**')
        >>> hit.score > 0
        True
    """

    kind: str
    id: str
    event_id: str | None
    name: str | None = None
    text: str
    score: float
    snippet: str

    def _repr_html_(self) -> str:  # the card a notebook shows
        from .notebook import hit_card

        return hit_card(self)
