"""Flat tables: one CSV per record kind, and a Frictionless Data Package over them.

Every table has one row per record, ids as join keys, and a Table Schema with field
types, a primary key and foreign keys (``datapackage.json``, Data Package v2).  CSV files
are UTF-8 without a byte-order mark, RFC 4180 (CRLF line ends, quotes doubled).

The rows hold typed values (``str``, ``int``, ``bool``, ``datetime.date``, a tuple of
strings for a list, ``None`` for a value the source does not state), so that each writer
can keep the types its format has: the CSV writer here, `parquet` and `xlsx` beside it.
In CSV, a list becomes one cell (items joined by `` | ``, the evidence ``fields`` by a
space; the Table Schema says so with a ``list`` field's ``delimiter``), a boolean
``true`` or ``false``, a date its ISO form, an empty value an empty cell; every text is
written exactly as it is, with no guard against spreadsheet formulas: that belongs to the
`xlsx` export, which holds text as text.  An item that contains its list's separator
cannot be told apart from two items, so it is refused (`ValueError`), not written.

A field that lists ids (an event's sources, a session's topics and references, a
statement's references and the statements it depends on) is also a link table, one row
per item, with foreign keys, so that it joins like any other table.  Every controlled
value of every table, with its definition, is a row of ``controlled_values``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from aseanplus3_events.atomic import write_atomic
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports.annotations import citations
from aseanplus3_events.loading import default_dataset
from aseanplus3_events.models import (
    AttendanceMode,
    ContributionRole,
    CountryGroup,
    EventKind,
    EventStatus,
    OrganizationKind,
    ParentRelation,
    ParticipantKind,
    ParticipationRole,
    ReferenceKind,
    SourceKind,
    StatementKind,
)

__all__ = [
    "LIST_SEPARATOR",
    "Cell",
    "Table",
    "tables",
    "text_cells",
    "write_csv",
    "write_datapackage",
]

LIST_SEPARATOR = " | "

#: A cell as the tables hold it; each writer renders it in its own format.
Cell = str | int | bool | dt.date | tuple[str, ...] | None


@dataclass(frozen=True)
class Table:
    """One table: its name, typed fields, keys and rows (each a tuple of cells)."""

    name: str
    description: str
    #: (name, type): ``string``, ``integer``, ``boolean``, ``date`` or ``list`` (a tuple
    #: of strings)
    fields: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, field)
    rows: tuple[tuple[Cell, ...], ...] = field(default=(), repr=False)
    #: how a list field is joined into one CSV cell, where not by `LIST_SEPARATOR`
    separators: tuple[tuple[str, str], ...] = ()
    #: (field, vocabulary): the fields whose values are controlled, and by what
    vocabularies: tuple[tuple[str, type[StrEnum]], ...] = ()
    #: (field, description) for the fields whose meaning the name alone does not give
    descriptions: tuple[tuple[str, str], ...] = ()

    def separator(self, name: str) -> str:
        """The string that joins the items of list field ``name`` in one CSV cell."""
        return dict(self.separators).get(name, LIST_SEPARATOR)

    def schema(self) -> dict[str, Any]:
        """The Table Schema (Frictionless, v2) of this table.

        A list is a ``list`` field of strings with its ``delimiter``; a controlled field
        lists its values (``constraints.enum`` and ``categories``) and says in its
        ``description`` where their definitions are (``controlled_values``).

        Examples:
            >>> from aseanplus3_events.exports.tables import tables
            >>> statements = next(t for t in tables() if t.name == "statements")
            >>> [f for f in statements.schema()["fields"] if f["name"] == "depends_on"][0]["type"]
            'list'
        """
        required = set(self.primary_key)
        vocabularies = dict(self.vocabularies)
        descriptions = dict(self.descriptions)
        fields = []
        for name, kind in self.fields:
            spec: dict[str, Any] = {"name": name, "type": kind}
            if kind == "list":
                spec["delimiter"] = self.separator(name)
                spec["itemType"] = "string"
            text = descriptions.get(name)
            if name in vocabularies:
                values = [member.value for member in vocabularies[name]]
                where = (
                    f"One of the controlled values of {vocabularies[name].__name__}; their "
                    f"definitions are the rows of controlled_values with table_name "
                    f"'{self.name}' and field_name '{name}'."
                )
                text = where if text is None else f"{text} {where}"
                if kind != "list":
                    spec["categories"] = values
                    spec["constraints"] = {"enum": values}
            if text is not None:
                spec["description"] = text
            if name in required:
                spec.setdefault("constraints", {})["required"] = True
            fields.append(spec)
        schema: dict[str, Any] = {"fields": fields, "primaryKey": list(self.primary_key)}
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": [own],
                    "reference": {"resource": "" if other == self.name else other, "fields": [key]},
                }
                for own, other, key in self.foreign_keys
            ]
        return schema


def _fields(spec: str) -> tuple[tuple[str, str], ...]:
    """``"id founded:integer"`` -> ``(("id", "string"), ("founded", "integer"))``."""
    fields = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        fields.append((name, kind or "string"))
    return tuple(fields)


def _evidence(ds: Dataset) -> Iterator[tuple[Cell, ...]]:
    """One row per evidence item, in `annotations.citations` order; ``record_type`` is
    the record's kind as the annotation and JSON-LD URNs spell it (``participant-group``)."""
    counts: dict[tuple[str, str], int] = {}
    for c in citations(ds):
        n = counts[c.kind, c.record_id] = counts.get((c.kind, c.record_id), 0) + 1
        ev = c.evidence
        yield (
            ev.id,
            c.kind,
            c.record_id,
            n,
            ev.source_id,
            ev.start,
            ev.end,
            ev.quote,
            ev.prefix,
            ev.suffix,
            ev.fields,
            ev.items,
        )


def _controlled_values(tables: Sequence[Table]) -> Table:
    rows = tuple(
        (table.name, name, member.value, _definition(member), vocabulary.__name__)
        for table in tables
        for name, vocabulary in table.vocabularies
        for member in vocabulary
    )
    return Table(
        "controlled_values",
        "Every value a controlled field of these tables can take, with its definition.",
        _fields("table_name field_name value definition vocabulary"),
        ("table_name", "field_name", "value"),
        rows=rows,
        descriptions=(
            ("table_name", "The table whose field takes the value."),
            ("field_name", "The field (column) that takes the value."),
            ("value", "The value, as the field holds it."),
            ("definition", "What the value means."),
            ("vocabulary", "The name of the vocabulary in the Python API (aseanplus3_events)."),
        ),
    )


def _definition(member: StrEnum) -> str:
    definition = getattr(member, "definition", None)
    if not isinstance(definition, str):  # every vocabulary of models.py defines its values
        raise TypeError(f"{type(member).__name__}.{member.name} has no definition")
    return definition


def tables(dataset: Dataset | None = None) -> tuple[Table, ...]:
    """The dataset as flat tables, in an order where every table refers only to earlier
    ones (or to itself).

    Examples:
        >>> from aseanplus3_events.exports.tables import tables
        >>> [(t.name, len(t.rows)) for t in tables()][:4]
        [('sources', 2), ('countries', 4), ('topics', 10), ('organizations', 7)]
    """
    ds = default_dataset() if dataset is None else dataset
    events = ds.list_events()
    sessions = [s for e in events for s in e.sessions]
    statements = [s for e in events for s in e.statements]
    ids_of_references = "Ids of the event's references (the references table) that "

    data = (
        Table(
            "sources",
            "Source documents (with full text) and reference data.",
            _fields("id title kind language sha256 url note text"),
            ("id",),
            rows=tuple(
                (s.id, s.title, s.kind.value, s.language, s.sha256, s.url, s.note, s.text)
                for s in ds.sources()
            ),
            vocabularies=(("kind", SourceKind),),
        ),
        Table(
            "countries",
            "Countries the data refers to (ISO 3166-1).",
            _fields("code name groups:list source_id"),
            ("code",),
            (("source_id", "sources", "id"),),
            tuple(
                (c.code, c.name, tuple(g.value for g in c.groups), c.source_id)
                for c in ds.countries()
            ),
            vocabularies=(("groups", CountryGroup),),
        ),
        Table(
            "topics",
            "The controlled topic vocabulary (editorial).",
            _fields("id label aliases:list description"),
            ("id",),
            rows=tuple((t.id, t.label, t.aliases, t.description) for t in ds.topics()),
        ),
        Table(
            "organizations",
            "Organizations; parent_id is the body an organization belongs to, parent_relation how.",
            _fields(
                "id name alternate_names:list kind country parent_id parent_relation"
                " founded:integer description mission:list note"
            ),
            ("id",),
            (("country", "countries", "code"), ("parent_id", "organizations", "id")),
            tuple(
                (
                    o.id,
                    o.name,
                    o.alternate_names,
                    o.kind.value if o.kind else None,
                    o.country,
                    o.parent_id,
                    o.parent_relation.value if o.parent_relation else None,
                    o.founded,
                    o.description,
                    o.mission,
                    o.note,
                )
                for o in ds.organizations()
            ),
            vocabularies=(("kind", OrganizationKind), ("parent_relation", ParentRelation)),
            descriptions=(
                ("description", "The source's profile of the organization, quoted whole."),
                ("mission", "Each clause of the mission the profile states, quoted."),
            ),
        ),
        Table(
            "people",
            "People named by the sources.",
            _fields("id name note"),
            ("id",),
            rows=tuple((p.id, p.name, p.note) for p in ds.people()),
        ),
        Table(
            "affiliations",
            "A person's post at an organization, one row each.",
            _fields("person_id n:integer organization_id post"),
            ("person_id", "n"),
            (("person_id", "people", "id"), ("organization_id", "organizations", "id")),
            tuple(
                (p.id, n, a.organization_id, a.post)
                for p in ds.people()
                for n, a in enumerate(p.affiliations, start=1)
            ),
        ),
        Table(
            "events",
            "Events, by start date.",
            _fields(
                "id name alternate_names:list kind start_date:date end_date:date attendance_mode"
                " status location participants_complete:boolean source_ids:list note"
            ),
            ("id",),
            rows=tuple(
                (
                    e.id,
                    e.name,
                    e.alternate_names,
                    e.kind.value,
                    e.start_date,
                    e.end_date,
                    e.attendance_mode.value if e.attendance_mode else None,
                    e.status.value if e.status else None,
                    e.location,
                    e.participants_complete,
                    e.source_ids,
                    e.note,
                )
                for e in events
            ),
            vocabularies=(
                ("kind", EventKind),
                ("attendance_mode", AttendanceMode),
                ("status", EventStatus),
            ),
            descriptions=(
                (
                    "participants_complete",
                    "false where the source says its list of participant groups (the "
                    "participants table) is partial (“including …”), true where it says the "
                    "list is whole, empty where it says neither.",
                ),
                ("source_ids", "Ids of the sources the event is built from (also event_sources)."),
            ),
        ),
        Table(
            "event_sources",
            "Which sources each event is built from (the source_ids column of events, one row "
            "each).",
            _fields("event_id source_id"),
            ("event_id", "source_id"),
            (("event_id", "events", "id"), ("source_id", "sources", "id")),
            tuple((e.id, x) for e in events for x in e.source_ids),
        ),
        Table(
            "participations",
            "The role each organization played in an event, with the source's wording.",
            _fields("id event_id organization_id role role_label note"),
            ("id",),
            (("event_id", "events", "id"), ("organization_id", "organizations", "id")),
            tuple(
                (p.id, e.id, p.organization_id, p.role.value, p.role_label, p.note)
                for e in events
                for p in e.participations
            ),
            vocabularies=(("role", ParticipationRole),),
        ),
        Table(
            "participants",
            "The groups the source says people came from (experts from countries, groups "
            "of countries, kinds of organization).",
            _fields("id event_id label kind country note"),
            ("id",),
            (("event_id", "events", "id"), ("country", "countries", "code")),
            tuple(
                (g.id, e.id, g.label, g.kind.value, g.country, g.note)
                for e in events
                for g in e.participants
            ),
            vocabularies=(("kind", ParticipantKind),),
        ),
        Table(
            "sessions",
            "Sessions of events, by event and ordinal.",
            _fields("id event_id ordinal:integer title topics:list reference_ids:list note"),
            ("id",),
            (("event_id", "events", "id"),),
            tuple(
                (s.id, s.event_id, s.ordinal, s.title, s.topics, s.reference_ids, s.note)
                for s in sessions
            ),
            descriptions=(
                ("topics", "Topic ids (also the session_topics table)."),
                (
                    "reference_ids",
                    ids_of_references + "the session's own words name (also the "
                    "session_references table).",
                ),
            ),
        ),
        Table(
            "session_topics",
            "Which topics each session has (the topics column of sessions, one row each).",
            _fields("session_id topic_id"),
            ("session_id", "topic_id"),
            (("session_id", "sessions", "id"), ("topic_id", "topics", "id")),
            tuple((s.id, t) for s in sessions for t in s.topics),
        ),
        Table(
            "contributions",
            "What each person did in a session; summary quotes the source.",
            _fields("id session_id person_id role summary note"),
            ("id",),
            (("session_id", "sessions", "id"), ("person_id", "people", "id")),
            tuple(
                (c.id, s.id, c.person_id, c.role.value, c.summary, c.note)
                for s in sessions
                for c in s.contributions
            ),
            vocabularies=(("role", ContributionRole),),
        ),
        Table(
            "statements",
            "What an event discussed, recommended, agreed or aimed at (quotations).",
            _fields("id event_id kind text attributed_to reference_ids:list depends_on:list note"),
            ("id",),
            (("event_id", "events", "id"),),
            tuple(
                (
                    s.id,
                    e.id,
                    s.kind.value,
                    s.text,
                    s.attributed_to,
                    s.reference_ids,
                    s.depends_on,
                    s.note,
                )
                for e in events
                for s in e.statements
            ),
            vocabularies=(("kind", StatementKind),),
            descriptions=(
                (
                    "attributed_to",
                    "The source's own word for who made the statement (“experts”, "
                    "“participants”); empty where the source names no one.",
                ),
                (
                    "reference_ids",
                    ids_of_references + "the statement names (also the statement_references "
                    "table).",
                ),
                (
                    "depends_on",
                    "Ids of earlier statements whose meaning the statement's wording refers "
                    "back to (“This alignment”); also the statement_dependencies table.",
                ),
            ),
        ),
        Table(
            "references",
            "Documents, events and frameworks an event's source names.",
            _fields(
                "id event_id kind title alternate_names:list period_start:integer"
                " period_end:integer date:date note"
            ),
            ("id",),
            (("event_id", "events", "id"),),
            tuple(
                (
                    r.id,
                    e.id,
                    r.kind.value,
                    r.title,
                    r.alternate_names,
                    r.period_start,
                    r.period_end,
                    r.date,
                    r.note,
                )
                for e in events
                for r in e.references
            ),
            vocabularies=(("kind", ReferenceKind),),
            descriptions=(
                ("alternate_names", "The other names the source uses for it (“10+3”, “APT”)."),
            ),
        ),
        Table(
            "session_references",
            "Which references each session's own words name (the reference_ids column of "
            "sessions, one row each).",
            _fields("session_id reference_id"),
            ("session_id", "reference_id"),
            (("session_id", "sessions", "id"), ("reference_id", "references", "id")),
            tuple((s.id, r) for s in sessions for r in s.reference_ids),
        ),
        Table(
            "statement_references",
            "Which references each statement names (the reference_ids column of statements, "
            "one row each).",
            _fields("statement_id reference_id"),
            ("statement_id", "reference_id"),
            (("statement_id", "statements", "id"), ("reference_id", "references", "id")),
            tuple((s.id, r) for s in statements for r in s.reference_ids),
        ),
        Table(
            "statement_dependencies",
            "Which earlier statements each statement's wording refers back to (the "
            "depends_on column of statements, one row each).",
            _fields("statement_id depends_on_id"),
            ("statement_id", "depends_on_id"),
            (("statement_id", "statements", "id"), ("depends_on_id", "statements", "id")),
            tuple((s.id, d) for s in statements for d in s.depends_on),
        ),
        Table(
            "evidence",
            "Every quote behind every record: text[start:end] of the source equals quote.",
            _fields(
                "id record_type record_id n:integer source_id start:integer end:integer quote"
                " prefix suffix fields:list items:list"
            ),
            ("id",),
            (("source_id", "sources", "id"),),
            tuple(_evidence(ds)),
            separators=(("fields", " "),),
            descriptions=(
                ("id", "The evidence's id: <record id>-evidence-<n>."),
                (
                    "record_type",
                    "The kind of record the quote supports: its type in lower case with "
                    "hyphens (event, participation, participant-group, session, contribution, "
                    "statement, reference, organization, person), as in the annotation and "
                    "JSON-LD URNs. Joins to the table of that kind by record_id.",
                ),
                ("record_id", "The id of the record the quote supports."),
                ("n", "The quote's place in its record's evidence, from 1."),
                ("start", "Where the quote starts: a 0-based code point offset."),
                ("end", "Where the quote ends: a code point offset, exclusive."),
                (
                    "prefix",
                    "Where the quote occurs more than once in its source: the text just "
                    "before it, enough (with suffix) to find this occurrence alone.",
                ),
                ("suffix", "Where the quote occurs more than once: the text just after it."),
                ("fields", "The fields of the record that the quote supports."),
                (
                    "items",
                    "For a field that lists ids (topics, reference_ids, depends_on): the "
                    "items of it that the quote supports.",
                ),
            ),
        ),
    )
    return (*data, _controlled_values(data))


def text_cells(table: Table) -> Iterator[list[str]]:
    """The rows of ``table`` as the text of their CSV cells, exactly: a list joined by its
    separator, a boolean as ``true`` or ``false``, a date in ISO form, ``None`` and an
    empty list as ``""``.

    Raises `ValueError` naming the table, row and field for a list item that holds its
    list's separator (or is empty): the cell could not be split back into the same items.

    Examples:
        >>> from aseanplus3_events.exports.tables import tables, text_cells
        >>> sessions = next(t for t in tables() if t.name == "sessions")
        >>> next(text_cells(sessions))[4]
        'carbon-markets | regional-cooperation | green-finance'
    """
    joins = [table.separator(name) if kind == "list" else None for name, kind in table.fields]
    names = [name for name, _ in table.fields]
    for n, row in enumerate(table.rows, start=2):  # row 1 holds the field names
        cells = []
        for cell, join, name in zip(row, joins, names, strict=True):
            if isinstance(cell, tuple) and join is not None:
                bad = next((item for item in cell if join in item or item == ""), None)
                if bad is not None:
                    raise ValueError(
                        f"{table.name}, row {n}, field {name!r}: the item {bad!r} cannot be "
                        f"written in a list joined by {join!r}"
                    )
            cells.append(_text(cell, join))
        yield cells


def _text(cell: Cell, join: str | None) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, tuple):
        assert join is not None
        return join.join(cell)
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def _csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(name for name, _ in table.fields)
    writer.writerows(text_cells(table))
    return buffer.getvalue().encode("utf-8")


def write_csv(folder: str | Path, dataset: Dataset | None = None) -> tuple[Path, ...]:
    """Write one ``<table>.csv`` per table into ``folder`` (created if needed).

    Examples:
        >>> import tempfile
        >>> from aseanplus3_events.exports.tables import write_csv
        >>> [p.name for p in write_csv(tempfile.mkdtemp())][:3]
        ['sources.csv', 'countries.csv', 'topics.csv']
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in tables(dataset):
        paths.append(write_atomic(out / f"{table.name}.csv", _csv_bytes(table)))
    return tuple(paths)


def write_datapackage(folder: str | Path, dataset: Dataset | None = None) -> Path:
    """Write the CSV tables and a ``datapackage.json`` (Data Package v2) describing them.

    Examples:
        >>> import json, tempfile
        >>> from aseanplus3_events.exports.tables import write_datapackage
        >>> package = json.loads(write_datapackage(tempfile.mkdtemp()).read_text())
        >>> package["name"], len(package["resources"])
        ('aseanplus3-events', 20)
    """
    ds = default_dataset() if dataset is None else dataset
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    resources = []
    for table in tables(ds):
        data = _csv_bytes(table)
        path = write_atomic(out / f"{table.name}.csv", data)
        resources.append(
            {
                "name": table.name,
                "type": "table",
                "path": path.name,
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "schema": table.schema(),
            }
        )
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "aseanplus3-events",
        "title": "ASEAN Plus Three (10+3) cooperation events",
        "description": (
            "ASEAN Plus Three cooperation events with the organizations, people, sessions, "
            "statements and references their sources state; every fact cites an exact "
            "quote from its source (see the evidence table), and every controlled value "
            "has its definition (see the controlled_values table)."
        ),
        "version": ds.data_version,
        "licenses": [
            {
                "name": "MIT",
                "title": "MIT License (annotations and code); quoted source texts remain "
                "their authors'",
            }
        ],
        "sources": [{"title": s.title} for s in ds.sources()],
        "resources": resources,
    }
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    return write_atomic(out / "datapackage.json", text.encode("utf-8"))
