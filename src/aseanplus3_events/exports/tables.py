"""Flat tables: one CSV per record kind, and a Frictionless Data Package over them.

Every table has one row per record, ids as join keys, and a Table Schema with field
types, a primary key and foreign keys (``datapackage.json``, Data Package v2).  CSV files
are UTF-8 without a byte-order mark, RFC 4180 (CRLF line ends, quotes doubled).

The rows hold typed values (``str``, ``int``, ``datetime.date``, a tuple of strings for
a list, ``None`` for a value the source does not state), so that each writer can keep the
types its format has: the CSV writer here, `parquet` and `xlsx` beside it.  In CSV, a
list becomes one cell (names joined by `` | ``, the evidence ``fields`` by a space), a date
its ISO form, an empty value an empty cell; every text is written exactly as it is, with
no guard against spreadsheet formulas: that belongs to the `xlsx` export, which holds
text as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aseanplus3_events.dataset import Dataset
from aseanplus3_events.loading import default_dataset
from aseanplus3_events.models import (
    Contribution,
    Evidence,
    ParticipantGroup,
    Participation,
    Reference,
    Session,
    Statement,
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
Cell = str | int | dt.date | tuple[str, ...] | None


@dataclass(frozen=True)
class Table:
    """One table: its name, typed fields, keys and rows (each a tuple of cells)."""

    name: str
    description: str
    #: (name, type): ``string``, ``integer``, ``date`` or ``list`` (a tuple of strings)
    fields: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, field)
    rows: tuple[tuple[Cell, ...], ...] = field(default=(), repr=False)
    #: how a list field is joined into one CSV cell, where not by `LIST_SEPARATOR`
    separators: tuple[tuple[str, str], ...] = ()

    def separator(self, name: str) -> str:
        """The string that joins the items of list field ``name`` in one CSV cell."""
        return dict(self.separators).get(name, LIST_SEPARATOR)

    def schema(self) -> dict[str, Any]:
        """The Table Schema (Frictionless) of this table: a list is one ``string`` cell."""
        required = set(self.primary_key)
        fields = []
        for name, kind in self.fields:
            spec: dict[str, Any] = {"name": name, "type": "string" if kind == "list" else kind}
            if name in required:
                spec["constraints"] = {"required": True}
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


def _evidence(
    kind: str, record_id: str, evidence: Sequence[Evidence]
) -> Iterator[tuple[Cell, ...]]:
    for n, ev in enumerate(evidence, start=1):
        yield (kind, record_id, n, ev.source_id, ev.start, ev.end, ev.quote, ev.fields)


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
    evidence: list[tuple[Cell, ...]] = []
    for org in ds.organizations():
        evidence += _evidence("organization", org.id, org.evidence)
    for person in ds.people():
        evidence += _evidence("person", person.id, person.evidence)
    for event in events:
        evidence += _evidence("event", event.id, event.evidence)
        records: list[
            Participation | ParticipantGroup | Session | Contribution | Statement | Reference
        ] = [*event.participations, *event.participants, *event.sessions]
        records += [c for s in event.sessions for c in s.contributions]
        records += [*event.statements, *event.references]
        for record in records:
            kind = type(record).__name__.lower()
            evidence += _evidence(kind, record.id, record.evidence)
    sessions = [s for e in events for s in e.sessions]

    return (
        Table(
            "sources",
            "Source documents (with full text) and reference data.",
            _fields("id title kind language sha256 url note text"),
            ("id",),
            rows=tuple(
                (s.id, s.title, s.kind.value, s.language, s.sha256, s.url, s.note, s.text)
                for s in ds.sources()
            ),
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
            "Organisations; parent_id is the body an organisation belongs to.",
            _fields(
                "id name alternate_names:list kind country parent_id founded:integer description"
                " note"
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
                    o.founded,
                    o.description,
                    o.note,
                )
                for o in ds.organizations()
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
            "A person's post at an organisation, one row each.",
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
                " status"
                " location note"
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
                    e.note,
                )
                for e in events
            ),
        ),
        Table(
            "participations",
            "The role each organisation played in an event, with the source's wording.",
            _fields("id event_id organization_id role role_label note"),
            ("id",),
            (("event_id", "events", "id"), ("organization_id", "organizations", "id")),
            tuple(
                (p.id, e.id, p.organization_id, p.role.value, p.role_label, p.note)
                for e in events
                for p in e.participations
            ),
        ),
        Table(
            "participants",
            "The groups the source says took part (countries, kinds of organisation).",
            _fields("id event_id label kind country note"),
            ("id",),
            (("event_id", "events", "id"), ("country", "countries", "code")),
            tuple(
                (g.id, e.id, g.label, g.kind.value, g.country, g.note)
                for e in events
                for g in e.participants
            ),
        ),
        Table(
            "sessions",
            "Sessions of events, by event and ordinal.",
            _fields("id event_id ordinal:integer title topics:list note"),
            ("id",),
            (("event_id", "events", "id"),),
            tuple((s.id, s.event_id, s.ordinal, s.title, s.topics, s.note) for s in sessions),
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
        ),
        Table(
            "statements",
            "What an event acknowledged, encouraged, recommended or aimed at (quotations).",
            _fields("id event_id kind text note"),
            ("id",),
            (("event_id", "events", "id"),),
            tuple((s.id, e.id, s.kind.value, s.text, s.note) for e in events for s in e.statements),
        ),
        Table(
            "references",
            "Documents and events an event's source cites.",
            _fields(
                "id event_id kind title period_start:integer period_end:integer date:date note"
            ),
            ("id",),
            (("event_id", "events", "id"),),
            tuple(
                (
                    r.id,
                    e.id,
                    r.kind.value,
                    r.title,
                    r.period_start,
                    r.period_end,
                    r.date,
                    r.note,
                )
                for e in events
                for r in e.references
            ),
        ),
        Table(
            "evidence",
            "Every quote behind every record: text[start:end] of the source equals quote.",
            _fields(
                "record_type record_id n:integer source_id start:integer end:integer quote"
                " fields:list"
            ),
            ("record_id", "n"),
            (("source_id", "sources", "id"),),
            tuple(evidence),
            separators=(("fields", " "),),
        ),
    )


def text_cells(table: Table) -> Iterator[list[str]]:
    """The rows of ``table`` as the text of their CSV cells, exactly: a list joined by its
    separator, a date in ISO form, ``None`` and an empty list as ``""``.

    Examples:
        >>> from aseanplus3_events.exports.tables import tables, text_cells
        >>> sessions = next(t for t in tables() if t.name == "sessions")
        >>> next(text_cells(sessions))[4]
        'carbon-markets | regional-cooperation | green-finance'
    """
    joins = [table.separator(name) if kind == "list" else None for name, kind in table.fields]
    for row in table.rows:
        yield [_text(cell, join) for cell, join in zip(row, joins, strict=True)]


def _text(cell: Cell, join: str | None) -> str:
    if cell is None:
        return ""
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
        path = out / f"{table.name}.csv"
        path.write_bytes(_csv_bytes(table))
        paths.append(path)
    return tuple(paths)


def write_datapackage(folder: str | Path, dataset: Dataset | None = None) -> Path:
    """Write the CSV tables and a ``datapackage.json`` (Data Package v2) describing them.

    Examples:
        >>> import json, tempfile
        >>> from aseanplus3_events.exports.tables import write_datapackage
        >>> package = json.loads(write_datapackage(tempfile.mkdtemp()).read_text())
        >>> package["name"], len(package["resources"])
        ('aseanplus3-events', 15)
    """
    ds = default_dataset() if dataset is None else dataset
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    resources = []
    for table in tables(ds):
        data = _csv_bytes(table)
        path = out / f"{table.name}.csv"
        path.write_bytes(data)
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
            "ASEAN Plus Three cooperation events with the organisations, people, sessions, "
            "statements and references their sources state; every fact cites an exact "
            "quote from its source (see the evidence table)."
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
    path = out / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
