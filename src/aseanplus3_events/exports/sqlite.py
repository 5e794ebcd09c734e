"""SQLite, for Datasette and sqlite-utils: ``write_sqlite(path)``.

Every table of `tables` becomes a table of one database file (the standard library's
``sqlite3``; no extra), with its primary key and foreign keys: text as ``TEXT``,
integers as ``INTEGER``, booleans as 0 and 1, dates as ISO text (``2023-07-14``) and
lists as JSON arrays (``["carbon-markets", "green-finance"]``).  The table ``search``
holds the text of every record that `search` finds (its ``kind``, ``record_id``,
``event_id``, ``name``, ``body`` and ``about``), and ``search_fts`` is its FTS5
full-text index.  Beside the database, ``metadata.json`` tells Datasette the title,
license and sources and describes every table and column::

    datasette events.db --metadata metadata.json
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from aseanplus3_events.atomic import json_bytes, write_atomic
from aseanplus3_events.citation import rights
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports import dataset_or_bundled
from aseanplus3_events.exports.tables import DESCRIPTION, TABLES, Cell, Column, Table
from aseanplus3_events.fulltext import documents

__all__ = ["datasette_metadata", "write_sqlite"]

_SEARCH = Table(
    "search",
    "The text of every record that search finds, by kind; search_fts is its full-text "
    "index (FTS5).",
    tuple(Column(name, "string", about) for name, about in {
        "kind": "The kind of record (event, session, organization, ...).",
        "record_id": "The record's id in the table of its kind.",
        "event_id": "The event the record belongs to; empty for organizations, people, "
        "topics and countries.",
        "name": "The record's name or title.",
        "body": "The record's text: a statement, a summary, a description.",
        "about": "What the record links to (topics, names, roles) and its note.",
    }.items()),
    ("kind", "record_id"), (("event_id", "events", "id"),),
    records=lambda ds: (
        (None, {"record_id": d.id} | d._asdict())
        for d in documents(ds.catalog, ds.list_events())
    ),
)  # fmt: skip


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(table: Table) -> str:
    columns = [
        f"{_q(c.name)} {'INTEGER' if c.type in ('integer', 'boolean') else 'TEXT'}"
        + (" NOT NULL" if c.name in table.primary_key else "")
        for c in table.columns
    ]
    columns.append(f"PRIMARY KEY ({', '.join(map(_q, table.primary_key))})")
    columns += [
        f"FOREIGN KEY ({_q(own)}) REFERENCES {_q(other)} ({_q(key)}) DEFERRABLE INITIALLY DEFERRED"
        for own, other, key in table.foreign_keys
    ]
    return f"CREATE TABLE {_q(table.name)} ({', '.join(columns)})"


def _sql(cell: Cell) -> Any:
    if isinstance(cell, tuple):
        return json.dumps(list(cell), ensure_ascii=False)
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return int(cell) if isinstance(cell, bool) else cell


def write_sqlite(path: str | Path, dataset: Dataset | None = None) -> Path:
    """Write the tables as one SQLite database at ``path`` (replaced whole if it exists;
    its folder must exist), and Datasette's ``metadata.json`` beside it; return ``path``.

    Examples:
        >>> import sqlite3, tempfile
        >>> from aseanplus3_events.exports.sqlite import write_sqlite
        >>> db = sqlite3.connect(write_sqlite(tempfile.mkdtemp() + "/events.db"))
        >>> db.execute("SELECT start_date, source_ids FROM events "
        ...            "WHERE id = 'apt-low-carbon-seminar-2023'").fetchall()
        [('2023-07-14', '["article-apt-low-carbon-seminar-2023"]')]
        >>> db.execute("SELECT record_id FROM search WHERE rowid IN (SELECT rowid FROM "
        ...            "search_fts WHERE search_fts MATCH 'plastic youth') "
        ...            "AND event_id = 'apt-low-carbon-seminar-2023'").fetchall()
        [('apt-low-carbon-seminar-2023-session-3',)]
        >>> db.close()
    """
    ds = dataset_or_bundled(dataset)
    db = sqlite3.connect(":memory:")  # built in memory, written whole (`write_atomic`)
    try:
        with db:
            db.execute("PRAGMA foreign_keys = ON")  # checked at the commit: a parent may come later
            for table in (t.filled(ds) for t in (*TABLES, _SEARCH)):
                db.execute(_create(table))
                marks = ", ".join("?" for _ in table.columns)
                db.executemany(
                    f"INSERT INTO {_q(table.name)} VALUES ({marks})",
                    ([_sql(cell) for cell in row] for row in table.rows),
                )
            db.execute(
                "CREATE VIRTUAL TABLE search_fts USING fts5(name, body, about, "
                'content="search", tokenize="porter unicode61 remove_diacritics 2")'
            )
            db.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        out = write_atomic(path, db.serialize())
    finally:
        db.close()
    write_atomic(out.with_name("metadata.json"), json_bytes(datasette_metadata(out.stem, ds)))
    return out


def datasette_metadata(database: str, dataset: Dataset | None = None) -> dict[str, Any]:
    """Datasette's metadata for the database named ``database`` (its file name without
    ``.db``): title, license, sources, and a description of every table and column.

    Examples:
        >>> meta = datasette_metadata("events")
        >>> meta["databases"]["events"]["tables"]["search"]["fts_table"]
        'search_fts'
    """
    ds = dataset_or_bundled(dataset)
    described: dict[str, Any] = {}
    for table in (*TABLES, _SEARCH):  # their columns: no rows needed
        fields = table.schema()["fields"]
        described[table.name] = {
            "description": table.description,
            "columns": {f["name"]: f["description"] for f in fields},
        }
    described["search"] |= {"fts_table": "search_fts", "searchmode": "raw"}
    return {
        **({"title": ds.catalog.title} if ds.catalog.title else {}),  # none in its place
        "description": f"{DESCRIPTION} Data version {ds.data_version}.",
        **({"license": rights(ds.catalog.license)} if ds.catalog.license else {}),
        "source": "; ".join(s.title for s in ds.sources()),
        "databases": {database: {"tables": described}},
    }
