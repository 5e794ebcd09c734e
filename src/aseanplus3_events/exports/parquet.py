"""Apache Parquet: the tables of `tables`, one typed file each, for DuckDB and Spark.

The same tables, rows and column names as the CSV files, with the types Parquet has:
``string`` as UTF-8 strings, ``integer`` as 64-bit integers, ``boolean`` as booleans,
``date`` as dates (``date32``) and a list as a list of strings (an empty list where the
record has none; ``None`` stays null).  Written with pyarrow, which is the optional extra
``parquet``::

    pip install 'aseanplus3-events[parquet]'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aseanplus3_events.atomic import write_atomic
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports import dataset_or_bundled, require
from aseanplus3_events.exports.catalogs import write_cards
from aseanplus3_events.exports.tables import Table, tables

if TYPE_CHECKING:  # pragma: no cover - pyarrow is optional
    import pyarrow as pa

__all__ = ["arrow_schema", "arrow_table", "write_parquet"]


def _pyarrow() -> Any:
    require("pyarrow.parquet", "parquet", "the Parquet export")
    return require("pyarrow", "parquet", "the Parquet export")


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of ``table``: its fields in order, with their types.

    Raises `ModuleNotFoundError` naming the extra when pyarrow is not installed.

    Examples:
        >>> from aseanplus3_events.exports.parquet import arrow_schema
        >>> from aseanplus3_events.exports.tables import tables
        >>> sessions = next(t for t in tables() if t.name == "sessions")
        >>> schema = arrow_schema(sessions)
        >>> str(schema.field("start_date").type), str(schema.field("topics").type)
        ('date32[day]', 'list<item: string>')
    """
    pa = _pyarrow()
    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }
    required = set(table.primary_key)
    return pa.schema(
        [pa.field(name, types[kind], nullable=name not in required) for name, kind in table.fields]
    )


def write_parquet(folder: str | Path, dataset: Dataset | None = None) -> tuple[Path, ...]:
    """Write one ``<table>.parquet`` per table into ``folder`` (created if needed), with
    the dataset card and Croissant description of `catalogs`; return the Parquet files'
    paths, in the order of `tables`.

    Raises `ModuleNotFoundError` naming the extra ``parquet`` when pyarrow is missing.

    Examples:
        >>> import tempfile
        >>> import pyarrow.parquet as pq
        >>> from aseanplus3_events.exports.parquet import write_parquet
        >>> paths = write_parquet(tempfile.mkdtemp())
        >>> [p.name for p in paths][:3]
        ['sources.parquet', 'countries.parquet', 'topics.parquet']
        >>> events = pq.read_table(paths[6])
        >>> events.column_names[0], str(events.schema.field("start_date").type)
        ('id', 'date32[day]')
    """
    pa = _pyarrow()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths, ds = [], dataset_or_bundled(dataset)
    built = tables(ds)
    for table in built:
        buffer = pa.BufferOutputStream()
        pa.parquet.write_table(arrow_table(table), buffer)
        paths.append(write_atomic(out / f"{table.name}.parquet", buffer.getvalue().to_pybytes()))
    write_cards(out, built, paths, ds)
    return tuple(paths)


def arrow_table(table: Table) -> pa.Table:
    """``table`` (with its rows) as an Arrow table with `arrow_schema`."""
    pa = _pyarrow()
    schema = arrow_schema(table)
    columns = list(zip(*table.rows, strict=True)) or [() for _ in table.fields]
    arrays = [
        pa.array(list(column), type=f.type) for column, f in zip(columns, schema, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)
