"""The SQLite export, opened by its consumers: sqlite-utils and Datasette (its own test
client): keys, foreign-key links, JSON lists, full-text search, the metadata."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from datasette.app import Datasette

import aseanplus3_events as apt
from aseanplus3_events.cli import main
from aseanplus3_events.exports.sqlite import write_sqlite
from aseanplus3_events.exports.tables import tables
from conftest import EVENT_ID


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sqlite(tmp_path_factory.mktemp("sqlite") / "events.db")


def test_sqlite_utils_reads_every_table_with_its_keys(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    for table in tables():
        found = db[table.name]
        assert found.count == len(table.rows), table.name  # type: ignore[union-attr]
        assert found.pks == list(table.primary_key), table.name  # type: ignore[union-attr]
        keys = {(k.column, k.other_table, k.other_column) for k in found.foreign_keys}  # type: ignore[union-attr]
        assert keys == set(table.foreign_keys), table.name
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert set(db.table_names()) >= {"search", "search_fts"}


def test_values_keep_their_types(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    event = apt.get_event(EVENT_ID)
    (row,) = db["events"].rows_where("id = ?", [EVENT_ID])
    assert row["start_date"] == event.start_date.isoformat() == "2023-07-14"
    assert row["participants_complete"] == 0  # a boolean as 0/1
    assert json.loads(row["source_ids"]) == list(event.source_ids)
    assert json.loads(row["alternate_names"]) == []
    sessions = list(db["sessions"].rows_where("event_id = ?", [EVENT_ID], order_by="ordinal"))
    assert [json.loads(s["topics"]) for s in sessions] == [list(s.topics) for s in event.sessions]
    assert [s["ordinal"] for s in sessions] == [1, 2, 3]
    assert db["sessions"].columns_dict["ordinal"] is int  # type: ignore[union-attr]
    evidence = {r["id"]: r for r in db["evidence"].rows}
    source = apt.get_source(evidence[f"{EVENT_ID}-evidence-1"]["source_id"])
    assert all(
        source.text is not None and source.text[r["start"] : r["end"]] == r["quote"]
        for r in evidence.values() if r["source_id"] == source.id
    )  # fmt: skip


def test_full_text_search_finds_what_apt_search_finds(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    assert db["search"].detect_fts() == "search_fts"  # type: ignore[union-attr]
    for query in ("plastic youth", "carbon markets", "Julia Mao"):
        found = {r["record_id"] for r in db["search"].search(query)}  # type: ignore[union-attr]
        assert {hit.id for hit in apt.search(query)} <= found, query


def _get(datasette: Datasette, path: str) -> Any:
    async def fetch() -> Any:
        response = await datasette.client.get(path)
        assert response.status_code == 200, path
        return response

    return asyncio.run(fetch())


def test_datasette_links_foreign_keys_and_searches(db_path: Path) -> None:
    metadata = json.loads((db_path.parent / "metadata.json").read_text(encoding="utf-8"))
    datasette = Datasette([str(db_path)], metadata=metadata)
    rows = _get(datasette, "/events/sessions.json?_labels=on&_shape=array").json()
    (first,) = [r for r in rows if r["id"] == f"{EVENT_ID}-session-1"]
    assert first["event_id"] == {"value": EVENT_ID, "label": apt.get_event(EVENT_ID).name}
    page = _get(datasette, "/events/sessions").text
    assert f'href="/events/events/{EVENT_ID}"' in page  # the link to the event's row
    assert "Sessions of events, by event and ordinal." in page  # the table's description
    hits = _get(datasette, "/events/search.json?_search=plastic+youth&_shape=array").json()
    assert f"{EVENT_ID}-session-3" in [h["record_id"] for h in hits]
    tables_meta = metadata["databases"]["events"]["tables"]
    for table in tables():
        columns = tables_meta[table.name]["columns"]
        assert list(columns) == [c.name for c in table.columns]
        assert all(isinstance(text, str) and text for text in columns.values()), table.name
    assert metadata["license"].startswith("MIT")
    assert apt.data_version() in metadata["description"]


def test_the_command_writes_the_database_and_its_metadata(tmp_path: Path) -> None:
    out = tmp_path / "new" / "apt.db"
    assert main(["export", "--format", "sqlite", "--out", str(out)]) == 0
    with sqlite3.connect(out) as db:
        sessions = len([s for e in apt.list_events() for s in e.sessions])
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (sessions,)
    metadata = json.loads((out.parent / "metadata.json").read_text(encoding="utf-8"))
    assert list(metadata["databases"]) == ["apt"]  # Datasette names a database by its file
    assert main(["export", "--format", "sqlite", "--out", str(out)]) == 0  # replaced whole
    assert sorted(p.name for p in out.parent.iterdir()) == ["apt.db", "metadata.json"]
