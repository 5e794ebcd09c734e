"""Flat tables: one CSV per record kind, and a Frictionless Data Package over them.

Every table has one row per record, ids as join keys, and a Table Schema with field
types, a primary key and foreign keys (``datapackage.json``, Data Package v2).  CSV files
are UTF-8 without a byte-order mark, RFC 4180 (CRLF line ends, quotes doubled).

Each table is declared once, in `TABLES`: its name, description, the model its rows
are records of, which records it rows over, its columns (a model field each, or a value
of the row such as the parent's id) and its keys.  A column's type and vocabulary are the
model field's own; that one declaration drives the CSV files, the Table Schema, Parquet,
the workbook, SQLite and the DataFrames.  Adding a field to a table is adding its name.

The rows hold typed values (``str``, ``int``, ``bool``, ``datetime.date``, a tuple of
strings for a list, ``None`` for a value the source does not state), so that each writer
can keep the types its format has.  In CSV, a list becomes one cell (items joined by
`` | ``, the evidence ``fields`` by a space; the Table Schema says so with a ``list``
field's ``delimiter``), a boolean ``true`` or ``false``, a date its ISO form, an empty
value an empty cell; every text is written exactly as it is, with no guard against
spreadsheet formulas: that belongs to the `xlsx` export, which holds text as text.  An
item that contains its list's separator cannot be told apart from two items, so it is
refused (`ValueError`), not written.

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
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from aseanplus3_events.atomic import json_bytes, write_atomic
from aseanplus3_events.citation import rights
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports import dataset_or_bundled
from aseanplus3_events.exports.annotations import citations
from aseanplus3_events.models import (
    Affiliation,
    Attendance,
    Contribution,
    Country,
    Event,
    Evidence,
    Organization,
    ParticipantGroup,
    Participation,
    Person,
    Reference,
    Session,
    Source,
    Statement,
    Topic,
)
from aseanplus3_events.text import slug

__all__ = [
    "CONTENTS",
    "DESCRIPTION",
    "LIST_SEPARATOR",
    "TABLES",
    "Cell",
    "Column",
    "Table",
    "field_annotation",
    "short_name",
    "tables",
    "text_cells",
    "write_csv",
    "write_datapackage",
]

LIST_SEPARATOR = " | "
#: What the tables are, for the metadata of each format that carries some: what is true of
#: any dataset this toolkit builds; what it is about is its title's to say, beside it.
CONTENTS = (
    "Events with the organizations, people, sessions, statements and references their "
    "sources state; every fact cites an exact quote from its source"
)
DESCRIPTION = (
    f"{CONTENTS} (see the evidence table), and every controlled value has its definition "
    "(see the controlled_values table)."
)

#: A cell as the tables hold it; each writer renders it in its own format.
Cell = str | int | bool | dt.date | tuple[str, ...] | None
#: What a table rows over: a record (or None) and the row's own values (a parent's id...).
Row = tuple[Any, Mapping[str, Cell]]
Vocabulary = type[StrEnum]


@dataclass(frozen=True)
class Column:
    """One column: its name, type, description and how its value is read.

    ``type`` is ``string``, ``integer``, ``boolean``, ``date`` or ``list`` (of strings).
    ``read`` is the attribute path of the value on the row's record (``"title"``,
    ``"location.name"``), or None for a value of the row itself (``event_id`` of a
    participation); ``vocabulary`` the controlled values the column takes, if any.
    """

    name: str
    type: str
    description: str | None = None
    read: str | None = None
    vocabulary: Vocabulary | None = None
    separator: str = LIST_SEPARATOR

    def reader(self) -> Callable[[Row], Cell]:
        """How this column's value is read from a row, as the tables hold it (a controlled
        value as its plain string, a list as a tuple of str): made once per table filled,
        so that no cell parses `read` again."""
        name, read = self.name, self.read
        if read is None:
            return lambda row: row[1][name]
        head, _, tail = read.partition(".")  # a field of a value that may be None

        def value(row: Row) -> Any:
            found = getattr(row[0], head)
            return getattr(found, tail) if tail and found is not None else found

        if self.type == "list" or self.vocabulary is not None:
            return lambda row: _plain(value(row))
        return value


def _plain(value: Any) -> Cell:
    if isinstance(value, StrEnum):
        return value.value
    return tuple(map(str, value)) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Table:
    """One table: its name, columns, keys, the records it rows over, and (once filled by
    `tables`) its rows, each a tuple of cells."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, field)
    #: the model whose records the rows are (None for a link table)
    model: type[BaseModel] | None = None
    records: Callable[[Dataset], Iterable[Row]] = field(default=lambda ds: (), repr=False)
    rows: tuple[tuple[Cell, ...], ...] = field(default=(), repr=False)

    @property
    def fields(self) -> tuple[tuple[str, str], ...]:
        """(name, type) of each column, in order."""
        return tuple((c.name, c.type) for c in self.columns)

    def separator(self, name: str) -> str:
        """The string that joins the items of list field ``name`` in one CSV cell."""
        return next(c.separator for c in self.columns if c.name == name)

    def filled(self, dataset: Dataset) -> Table:
        """This table with the rows of ``dataset``."""
        readers = [column.reader() for column in self.columns]
        rows = tuple(tuple([read(row) for read in readers]) for row in self.records(dataset))
        return replace(self, rows=rows)

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
        fields = []
        for column in self.columns:
            spec: dict[str, Any] = {"name": column.name, "type": column.type}
            if column.type == "list":
                spec |= {"delimiter": column.separator, "itemType": "string"}
            text, vocabulary = column.description or self._about(column), column.vocabulary
            if vocabulary is not None:
                text += (
                    f" One of the controlled values of {vocabulary.__name__}; their "
                    f"definitions are the rows of controlled_values with table_name "
                    f"'{self.name}' and field_name '{column.name}'."
                )
                if column.type != "list":
                    values = [member.value for member in vocabulary]
                    spec |= {"categories": values, "constraints": {"enum": values}}
            spec["description"] = text
            if column.name in self.primary_key:
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

    def _about(self, column: Column) -> str:
        """A column's description where its table declares none: the model field's (at a
        dotted ``read`` too: ``location.name``), or what it refers to, or the row's id.

        Raises `TypeError` for a column with none of these: a field without a description
        (give it one, or the table a note for the column)."""
        refers = [f"{other}.{key}" for own, other, key in self.foreign_keys if own == column.name]
        info = _field(self.model, column.read) if self.model and column.read else None
        if info is not None and info.description:
            return info.description
        if refers:
            return f"The id of the row of {refers[0]} it belongs to or names."
        if column.name == "id":
            return f"The id of the {self.name} row: a stable slug."
        raise TypeError(
            f"table {self.name!r}, column {column.name!r}: no description; give its model "
            "field a description= or its table a note"
        )


_TYPES: dict[type, str] = {bool: "boolean", int: "integer", dt.date: "date", str: "string"}


def _type_of(annotation: Any) -> tuple[str, type[StrEnum] | None]:
    """A model field's annotation -> (column type, vocabulary)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_of(args[0])
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return _type_of(inner)
    if origin is tuple:
        return "list", _type_of(args[0])[1]
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return "string", annotation
    if annotation in _TYPES:
        return _TYPES[annotation], None
    raise TypeError(
        f"{annotation!r} is no column type: declare a column per field of it by path "
        "('location_name=location.name')"
    )


def field_annotation(model: type[BaseModel], path: str) -> Any:
    """The annotation of the field at attribute ``path`` (``"location.name"``) of ``model``."""
    return _field(model, path).annotation


def _field(model: type[BaseModel], path: str) -> FieldInfo:
    """The field at attribute ``path`` of ``model``; `KeyError` where it has none."""
    annotation: Any = model
    for name in path.split("."):
        while typing.get_args(annotation) and not isinstance(annotation, type):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        info: FieldInfo = annotation.model_fields[name]
        annotation = info.annotation
    return info


def _table(
    name: str,
    description: str,
    model: type[BaseModel] | None,
    columns: str,
    key: str,
    records: Callable[[Dataset], Iterable[Row]],
    *foreign_keys: str,
    notes: Mapping[str, str] | None = None,
    separators: Mapping[str, str] | None = None,
) -> Table:
    """Declare a table.  ``columns``: ``"id title"`` (fields of ``model``, typed as the
    model types them; ``name=path`` reads a path such as ``location.name``), or a value
    of the row (``event_id``, ``n:integer``).  ``key``: the primary key's columns;
    ``foreign_keys``: ``"event_id events.id"``; ``notes``: column descriptions."""
    declared = []
    for spec in columns.split():
        spec, _, kind = spec.partition(":")
        column, _, path = spec.partition("=")
        read: str | None = path or column
        vocabulary = None
        if model is not None and (path or column).split(".")[0] in model.model_fields:
            try:
                kind, vocabulary = _type_of(field_annotation(model, path or column))
            except TypeError as exc:
                raise TypeError(f"table {name!r}, column {column!r}: {exc}") from None
        else:
            read = None
        join = (separators or {}).get(column, LIST_SEPARATOR)
        declared.append(
            Column(column, kind or "string", (notes or {}).get(column), read, vocabulary, join)
        )
    parts = [spec.replace(".", " ").split() for spec in foreign_keys]  # own, table, column
    keys = tuple((own, table, column) for own, table, column in parts)
    return Table(name, description, tuple(declared), tuple(key.split()), keys, model, records)


def _each(records: Callable[[Dataset], Iterable[Any]]) -> Callable[[Dataset], Iterator[Row]]:
    return lambda ds: ((record, {}) for record in records(ds))


def _of_events(name: str) -> Callable[[Dataset], Iterator[Row]]:
    """The records in field ``name`` of every event, with their ``event_id``."""
    return lambda ds: (
        (record, {"event_id": e.id}) for e in ds.list_events() for record in getattr(e, name)
    )


def _link(name: str, which: str, parents: str, field: str, item: str) -> Table:
    """A link table: one row per item of the id-listing ``field`` of each row of the
    table ``parents``, keyed by both ids; ``item``: its column and what it joins
    (``"topic_id topics.id"``).  ``which``: what a row says, before "(the ... column)"."""
    own, (column, target) = parents.removesuffix("s") + "_id", item.split()
    rows = _each(Dataset.list_events) if parents == "events" else _of_events(parents)
    return _table(
        name, f"{which} (the {field} column of {parents}, one row each).", None,
        f"{own} {column}", f"{own} {column}",
        lambda ds: ((None, {own: p.id, column: x})
                    for p, _ in rows(ds) for x in getattr(p, field)),
        f"{own} {parents}.id", f"{column} {target}",
    )  # fmt: skip


def _contributions(ds: Dataset) -> Iterator[Row]:
    for e in ds.list_events():
        yield from ((c, {"event_id": e.id, "session_id": None}) for c in e.contributions)
        for s in e.sessions:
            yield from ((c, {"event_id": e.id, "session_id": s.id}) for c in s.contributions)


def _affiliations(ds: Dataset) -> Iterator[Row]:
    for p in ds.people():
        for n, a in enumerate(p.affiliations, start=1):
            yield a, {"person_id": p.id, "n": n}


def _evidence(ds: Dataset) -> Iterator[Row]:
    """One row per evidence item, in `annotations.citations` order; ``record_type`` is
    the record's kind as the annotation and JSON-LD URNs spell it (``participant_group``)."""
    counts: dict[tuple[str, str], int] = {}
    for c in citations(ds):
        n = counts[c.kind, c.record_id] = counts.get((c.kind, c.record_id), 0) + 1
        yield c.evidence, {"record_type": c.kind, "record_id": c.record_id, "n": n}


def _controlled_values(ds: Dataset) -> Iterator[Row]:
    for table in TABLES:
        for column in table.columns:
            for member in list(column.vocabulary or ()):
                definition = getattr(member, "definition", None)
                if not isinstance(definition, str):  # every vocabulary of models.py has them
                    raise TypeError(f"{type(member).__name__}.{member.name} has no definition")
                yield None, {
                    "table_name": table.name, "field_name": column.name, "value": member.value,
                    "definition": definition, "vocabulary": type(member).__name__,
                }  # fmt: skip


_REFERENCES = "Ids of the event's references (the references table) that "

#: Every table, in an order where each refers only to earlier ones (or to itself).
TABLES: tuple[Table, ...] = (
    _table(
        "sources", "Source documents (with full text) and reference data.", Source,
        "id title kind language sha256 url note text", "id", _each(Dataset.sources),
    ),
    _table(
        "countries", "Countries the data refers to (ISO 3166-1).", Country,
        "code name alternate_names groups source_id note", "code", _each(Dataset.countries),
        "source_id sources.id",
    ),
    _table(
        "topics", "The controlled topic vocabulary (editorial).", Topic,
        "id label aliases description", "id", _each(Dataset.topics),
    ),
    _table(
        "organizations",
        "Organizations; parent_id is the body an organization belongs to, parent_relation how.",
        Organization,
        "id name alternate_names kind country parent_id parent_relation founded description"
        " mission note",
        "id", _each(Dataset.organizations), "country countries.code", "parent_id organizations.id",
    ),
    _table("people", "People named by the sources.", Person, "id name honorific_prefix note",
           "id", _each(Dataset.people)),
    _table(
        "affiliations", "A person's post at an organization, one row each.", Affiliation,
        "person_id n:integer organization_id post", "person_id n", _affiliations,
        "person_id people.id", "organization_id organizations.id",
        notes={"n": "The affiliation's place in the person's affiliations, from 1."},
    ),
    _table(
        "events", "Events, by start date.", Event,
        "id name alternate_names kind series edition super_event_id start_date end_date"
        " attendance_mode status location_name=location.name"
        " location_locality=location.address_locality location_region=location.address_region"
        " location_country=location.address_country participants_complete source_ids note",
        "id", _each(Dataset.list_events), "super_event_id events.id",
        "location_country countries.code",
        notes={
            "participants_complete":
                "false where the source says its list of participant groups (the participants"
                " table) is partial (“including …”), true where it says the list is whole,"
                " empty where it says neither.",
            "source_ids": "Ids of the sources the event is built from (also event_sources).",
        },
    ),
    _link("event_sources", "Which sources each event is built from", "events", "source_ids",
          "source_id sources.id"),
    _table(
        "attendance", "What the source says of who came to an event and how many, one row "
        "per figure.", Attendance,
        "id event_id count count_qualifier attendance_mode label note", "id",
        _of_events("attendance"), "event_id events.id",
    ),
    _table(
        "participations",
        "The role each organization played in an event, with the source's wording.",
        Participation, "id event_id organization_id role role_label note", "id",
        _of_events("participations"), "event_id events.id", "organization_id organizations.id",
    ),
    _table(
        "participants",
        "The groups the source says people came from (experts from countries, groups "
        "of countries, kinds of organization).",
        ParticipantGroup, "id event_id label kind country note", "id", _of_events("participants"),
        "event_id events.id", "country countries.code",
    ),
    _table(
        "sessions", "Sessions of events, by event and ordinal.", Session,
        "id event_id ordinal title subject start_date topics reference_ids note", "id",
        _of_events("sessions"),
        "event_id events.id",
        notes={
            "topics": "Topic ids (also the session_topics table).",
            "reference_ids": _REFERENCES + "the session's own words name (also the "
            "session_references table).",
        },
    ),
    _link("session_topics", "Which topics each session has", "sessions", "topics",
          "topic_id topics.id"),
    _table(
        "contributions", "What each person did in a session, or in the event outside any "
        "session (session_id empty); summary quotes the source.",
        Contribution, "id event_id session_id person_id role summary note", "id",
        _contributions, "event_id events.id", "session_id sessions.id", "person_id people.id",
    ),
    _table(
        "statements",
        "What an event discussed, recommended, agreed or aimed at (quotations).",
        Statement,
        "id event_id kind text attributed_to person_ids reference_ids depends_on session_ids note",
        "id",
        _of_events("statements"), "event_id events.id",
        notes={
            "attributed_to": "The source's own word for who made the statement (“experts”, "
            "“participants”); empty where the source names no one.",
            "reference_ids": _REFERENCES + "the statement names (also the statement_references "
            "table).",
            "depends_on": "Ids of earlier statements whose meaning the statement's wording "
            "refers back to (“This alignment”); also the statement_dependencies table.",
            "person_ids": "Ids of the people the source names as making the statement (also "
            "the statement_people table).",
            "session_ids": "Ids of the event's sessions the statement is about (“the "
            "aforementioned subjects”); also the statement_sessions table.",
        },
    ),
    _table(
        "references", "Documents, events and frameworks an event's source names.", Reference,
        "id event_id kind title alternate_names period_start period_end date year relation note",
        "id",
        _of_events("references"), "event_id events.id",
    ),
    _link("session_references", "Which references each session's own words name", "sessions",
          "reference_ids", "reference_id references.id"),
    _link("statement_references", "Which references each statement names", "statements",
          "reference_ids", "reference_id references.id"),
    _link("statement_people",
          "Which people each statement is made by, as the source names them", "statements",
          "person_ids", "person_id people.id"),
    _link("statement_dependencies",
          "Which earlier statements each statement's wording refers back to", "statements",
          "depends_on", "depends_on_id statements.id"),
    _link("statement_sessions", "Which of the event's sessions each statement is about",
          "statements", "session_ids", "session_id sessions.id"),
    _table(
        "evidence",
        "Every quote behind every record: text[start:end] of the source equals quote.",
        Evidence,
        "id record_type record_id n:integer source_id start end quote prefix suffix fields items",
        "id", _evidence, "source_id sources.id",
        separators={"fields": " "},
        notes={
            "id": "The evidence's id: <record id>-evidence-<n>.",
            "record_type": "The kind of record the quote supports: its type in snake case "
            "(event, attendance, participation, participant_group, session, contribution, "
            "statement, reference, organization, person, country), as in the annotation and "
            "JSON-LD URNs. Joins to the table of that kind by record_id (a country's by code).",
            "record_id": "The id of the record the quote supports.",
            "n": "The quote's place in its record's evidence, from 1.",
            "prefix": "Where the quote occurs more than once in its source: the text just "
            "before it, enough (with suffix) to find this occurrence alone.",
            "suffix": "Where the quote occurs more than once: the text just after it.",
            "fields": "The fields of the record that the quote supports.",
            "items": "For a field that lists ids (topics, reference_ids, depends_on): the "
            "items of it that the quote supports.",
        },
    ),
    _table(
        "controlled_values",
        "Every value a controlled field of these tables can take, with its definition.",
        None, "table_name field_name value definition vocabulary", "table_name field_name value",
        _controlled_values,
        notes={
            "table_name": "The table whose field takes the value.",
            "field_name": "The field (column) that takes the value.",
            "value": "The value, as the field holds it.",
            "definition": "What the value means.",
            "vocabulary": "The vocabulary's name in the toolkit's Python API, such as EventKind.",
        },
    ),
)  # fmt: skip


def tables(dataset: Dataset | None = None) -> tuple[Table, ...]:
    """The dataset as flat tables (`TABLES` with their rows), in an order where every
    table refers only to earlier ones (or to itself).

    Examples:
        >>> from aseanplus3_events.exports.tables import tables
        >>> [t.name for t in tables()][:4]
        ['sources', 'countries', 'topics', 'organizations']
    """
    ds = dataset_or_bundled(dataset)
    return tuple(table.filled(ds) for table in TABLES)


def text_cells(table: Table) -> Iterator[list[str]]:
    """The rows of ``table`` as the text of their CSV cells, exactly: a list joined by its
    separator, a boolean as ``true`` or ``false``, a date in ISO form, ``None`` and an
    empty list as ``""``.

    Raises `ValueError` naming the table, row and field for a list item that holds its
    list's separator (or is empty): the cell could not be split back into the same items.

    Examples:
        >>> from aseanplus3_events.exports.tables import tables, text_cells
        >>> sessions = next(t for t in tables() if t.name == "sessions")
        >>> topics = [c.name for c in sessions.columns].index("topics")
        >>> next(c for c in text_cells(sessions) if c[0].endswith("seminar-2023-session-1"))[topics]
        'carbon-markets | regional-cooperation | green-finance'
    """
    for n, row in enumerate(table.rows, start=2):  # row 1 holds the field names
        yield [
            _text(cell, column, table, n) for cell, column in zip(row, table.columns, strict=True)
        ]


def _text(cell: Cell, column: Column, table: Table, n: int) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, tuple):
        join = column.separator
        bad = next((item for item in cell if join in item or item == ""), None)
        if bad is not None:
            raise ValueError(
                f"{table.name}, row {n}, field {column.name!r}: the item {bad!r} cannot be "
                f"written in a list joined by {join!r}"
            )
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
    return tuple(write_atomic(out / f"{t.name}.csv", _csv_bytes(t)) for t in tables(dataset))


def short_name(ds: Dataset) -> str:
    """A dataset's name as a slug: its title's, before a colon (what a subtitle follows);
    ``dataset`` where it states no title."""
    return slug((ds.catalog.title or "").split(":")[0]) or "dataset"


def write_datapackage(folder: str | Path, dataset: Dataset | None = None) -> Path:
    """Write the CSV tables and a ``datapackage.json`` (Data Package v2) describing them.

    Examples:
        >>> import json, tempfile
        >>> from aseanplus3_events.exports.tables import write_datapackage
        >>> package = json.loads(write_datapackage(tempfile.mkdtemp()).read_text())
        >>> package["name"], len(package["resources"])
        ('aseanplus3-events', 23)
    """
    ds = dataset_or_bundled(dataset)
    resources = []
    for table, path in zip(TABLES, write_csv(folder, ds), strict=True):
        data = path.read_bytes()
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
    cat = ds.catalog  # who made it and its license, only as the dataset states them
    ids = re.sub(r"[()]|\b(AND|OR|WITH)\b", " ", cat.license or "").split()  # SPDX ids, each met
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": short_name(ds),
        "title": cat.title,  # none where it states none
        "description": DESCRIPTION,
        "version": ds.data_version,
        "licenses": [{"name": n, "title": rights(cat.license)} for n in ids] or None,
        "contributors": [{"title": c, "roles": ["creator"]} for c in cat.creators] or None,
        "sources": [{"title": s.title} for s in ds.sources()],
        "citation": ds.cite(),
        "resources": resources,
    }
    stated = {key: value for key, value in package.items() if value is not None}
    return write_atomic(Path(folder) / "datapackage.json", json_bytes(stated))
