"""Parquet tables, read by DuckDB: every file, typed columns, the same rows and values as
the CSV tables, and a join that gives the Python API's answer."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

import aseanplus3_events as apt
from aseanplus3_events.cli import main
from aseanplus3_events.exports import install_hint
from aseanplus3_events.exports.annotations import citations
from aseanplus3_events.exports.parquet import write_parquet
from aseanplus3_events.exports.tables import TABLES, tables, write_csv
from conftest import EVENT_ID, ROOT, dataset_with_text_before


def synthetic(n: int) -> apt.Dataset:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import make_bytes
    finally:
        sys.path.pop(0)
    return apt.Dataset(apt.Catalog.model_validate_json(make_bytes(n)))


DATASETS = {
    "bundled": apt.default_dataset,
    "synthetic": lambda: synthetic(40),
    "formula-like text": lambda: dataset_with_text_before("-40% emissions"),
}


@pytest.fixture(scope="module", params=list(DATASETS))
def exported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[apt.Dataset, Path]:
    ds = DATASETS[request.param]()
    folder = tmp_path_factory.mktemp("tables")
    write_parquet(folder / "parquet", ds)
    write_csv(folder / "csv", ds)
    return ds, folder


def as_csv_cell(value: Any, separator: str) -> str:
    """How the CSV file writes a value DuckDB read from Parquet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return separator.join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def test_duckdb_reads_every_table_with_the_csv_rows_and_values(
    exported: tuple[apt.Dataset, Path],
) -> None:
    ds, folder = exported
    con = duckdb.connect()
    for table in tables(ds):
        path = folder / "parquet" / f"{table.name}.parquet"
        result = con.execute(f"SELECT * FROM read_parquet('{path}')")
        names = [d[0] for d in result.description]
        got = result.fetchall()
        with (folder / "csv" / f"{table.name}.csv").open(newline="", encoding="utf-8") as fh:
            header, *csv_rows = list(csv.reader(fh))
        assert names == header == [name for name, _ in table.fields]
        assert len(got) == len(csv_rows) == len(table.rows), table.name
        separators = [table.separator(name) for name in names]
        as_text = [
            [as_csv_cell(v, sep) for v, sep in zip(row, separators, strict=True)] for row in got
        ]
        assert as_text == csv_rows, table.name


def test_columns_are_typed(exported: tuple[apt.Dataset, Path]) -> None:
    ds, folder = exported
    want = {
        "string": "VARCHAR",
        "integer": "BIGINT",
        "boolean": "BOOLEAN",
        "date": "DATE",
        "list": "VARCHAR[]",
    }
    con = duckdb.connect()
    for table in tables(ds):
        path = folder / "parquet" / f"{table.name}.parquet"
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
        assert [(row[0], row[1]) for row in described] == [
            (name, want[kind]) for name, kind in table.fields
        ], table.name
    events = folder / "parquet" / "events.parquet"
    (first,) = con.execute(f"SELECT min(start_date) FROM read_parquet('{events}')").fetchone()  # type: ignore[misc]
    assert first == ds.list_events()[0].start_date
    evidence = folder / "parquet" / "evidence.parquet"
    (fields,) = con.execute(
        f"SELECT fields FROM read_parquet('{evidence}') WHERE record_type = 'event' LIMIT 1"
    ).fetchone()  # type: ignore[misc]
    assert fields == list(ds.list_events()[0].evidence[0].fields)


JOIN = """
    SELECT s.id, e.start_date
    FROM read_parquet('{folder}/sessions.parquet') AS s
    JOIN read_parquet('{folder}/events.parquet') AS e ON e.id = s.event_id
    WHERE list_contains(s.topics, ?)
    ORDER BY e.start_date, s.ordinal
"""


def test_a_join_gives_the_python_apis_answer(exported: tuple[apt.Dataset, Path]) -> None:
    ds, folder = exported
    con = duckdb.connect()
    for topic in ds.topics():
        got = con.execute(JOIN.format(folder=folder / "parquet"), [topic.id]).fetchall()
        want = [(s.id, ds.get_event(s.event_id).start_date) for s in ds.sessions_by_topic(topic)]
        assert got == want, topic.id
    assert any(ds.sessions_by_topic(t) for t in ds.topics())


def test_duckdb_reads_the_new_fields_as_the_api_gives_them(
    tmp_path: Path, seminar_dataset: apt.Dataset
) -> None:
    write_parquet(tmp_path, seminar_dataset)  # the seminar's part: every row is pinned
    con = duckdb.connect()

    def sql(query: str) -> list[tuple[Any, ...]]:
        return con.execute(query.format(p=tmp_path)).fetchall()

    event = apt.get_event(EVENT_ID)
    assert sql("SELECT participants_complete FROM '{p}/events.parquet'") == [(False,)]
    assert event.participants_complete is False  # the list begins "including"
    assert sql("SELECT attributed_to, reference_ids, depends_on FROM '{p}/statements.parquet'") == [
        (x.attributed_to, list(x.reference_ids), list(x.depends_on)) for x in event.statements
    ]
    assert sql("SELECT reference_ids FROM '{p}/sessions.parquet'") == [
        (list(x.reference_ids),) for x in event.sessions
    ]
    assert sql("SELECT alternate_names FROM '{p}/references.parquet'") == [
        (list(r.alternate_names),) for r in event.references
    ]
    assert sql("SELECT parent_relation, mission FROM '{p}/organizations.parquet'") == [
        (o.parent_relation.value if o.parent_relation else None, list(o.mission))
        for o in seminar_dataset.organizations()
    ]
    cited = citations(seminar_dataset)
    assert sql("SELECT id, record_type, prefix, suffix, items FROM '{p}/evidence.parquet'") == [
        (c.evidence.id, c.kind, c.evidence.prefix, c.evidence.suffix, list(c.evidence.items))
        for c in cited
    ]
    # what each statement depends on, by a join through the link table
    got = sql("""
        SELECT d.statement_id, s.text FROM '{p}/statement_dependencies.parquet' AS d
        JOIN '{p}/statements.parquet' AS s ON s.id = d.depends_on_id ORDER BY d.statement_id
    """)  # fmt: skip
    texts = {x.id: x.text for x in event.statements}
    assert got == sorted((x.id, texts[d]) for x in event.statements for d in x.depends_on)
    # the definition of every statement kind the data uses
    kinds = sql("""
        SELECT DISTINCT s.kind, v.definition FROM '{p}/statements.parquet' AS s
        JOIN '{p}/controlled_values.parquet' AS v
          ON v.table_name = 'statements' AND v.field_name = 'kind' AND v.value = s.kind
        ORDER BY s.kind
    """)  # fmt: skip
    assert kinds == sorted({(x.kind.value, x.kind.definition) for x in event.statements})


def test_the_cli_writes_one_file_per_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "parquet", "--out", str(tmp_path / "p")]) == 0
    cards = ["README.md", "croissant.json"]  # for data catalogs (tests/test_catalogs.py)
    wrote = f"wrote {len(TABLES) + len(cards)} files to {tmp_path / 'p'}"
    assert wrote in capsys.readouterr().err
    written = sorted(p.name for p in (tmp_path / "p").iterdir())
    assert written == sorted([f"{t.name}.parquet" for t in tables()] + cards)


def test_without_pyarrow_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    with pytest.raises(ModuleNotFoundError, match=re.escape(install_hint("parquet"))):
        write_parquet(tmp_path / "p")
    assert main(["export", "--format", "parquet", "--out", str(tmp_path / "p")]) == 1
    assert capsys.readouterr().err == (
        "aseanplus3-events: error: --format parquet needs pyarrow, which is not installed; "
        f"install it with: {install_hint('parquet')}\n"
    )
    assert not (tmp_path / "p").exists() or not any((tmp_path / "p").iterdir())
