"""Each table of the CSV and Parquet exports as a DataFrame: pandas, polars or Arrow.

The tables are those of `tables.TABLES`, with the same names, columns and rows; each
library gets the types it has: dates as ``datetime64`` in pandas and ``Date`` in polars,
lists as lists, booleans as booleans, integers as integers (missing values as nulls).
Each library is an optional extra (``pandas``, ``polars``, ``parquet`` for Arrow),
imported on the first call, never with the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aseanplus3_events.dataset import Dataset
from aseanplus3_events.errors import UnknownTableError
from aseanplus3_events.exports import dataset_or_bundled, require
from aseanplus3_events.exports.tables import TABLES, Table

if TYPE_CHECKING:  # pragma: no cover - the libraries are optional
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = ["table_names", "to_arrow", "to_pandas", "to_polars"]

_PANDAS = {"string": "string", "integer": "Int64", "boolean": "boolean", "date": "datetime64[s]",
           "list": object}  # fmt: skip


def table_names() -> tuple[str, ...]:
    """The names of the tables, in the order of the exports.

    Examples:
        >>> table_names()[:4]
        ('sources', 'countries', 'topics', 'organizations')
    """
    return tuple(t.name for t in TABLES)


def _filled(table: str, dataset: Dataset | None) -> Table:
    if not isinstance(table, str):
        raise TypeError(f"table must be a table name (str), not {type(table).__name__}")
    declared = next((t for t in TABLES if t.name == table), None)
    if declared is None:
        raise UnknownTableError(table, table_names())
    return declared.filled(dataset_or_bundled(dataset))


def to_pandas(table: str, dataset: Dataset | None = None) -> pd.DataFrame:
    """The table named ``table`` as a pandas DataFrame (the extra ``pandas``).

    Examples:
        >>> sessions = to_pandas("sessions").set_index("id")
        >>> first = sessions.loc["apt-low-carbon-seminar-2023-session-1"]
        >>> str(sessions["ordinal"].dtype), first["topics"][:2]
        ('Int64', ['carbon-markets', 'regional-cooperation'])
    """
    pandas = require("pandas", "pandas", "to_pandas")
    filled = _filled(table, dataset)
    columns = {}
    for i, column in enumerate(filled.columns):
        values: list[Any] = [row[i] for row in filled.rows]
        if column.type == "list":
            values = [None if v is None else list(v) for v in values]
        columns[column.name] = pandas.Series(values, dtype=_PANDAS.get(column.type))
    frame: pd.DataFrame = pandas.DataFrame(columns)
    return frame


def to_polars(table: str, dataset: Dataset | None = None) -> pl.DataFrame:
    """The table named ``table`` as a polars DataFrame (the extra ``polars``).

    Examples:
        >>> to_polars("events").schema["start_date"]
        Date
    """
    polars = require("polars", "polars", "to_polars")
    types: dict[str, Any] = {"string": polars.String, "integer": polars.Int64,
                             "boolean": polars.Boolean, "date": polars.Date,
                             "list": polars.List(polars.String)}  # fmt: skip
    filled = _filled(table, dataset)
    rows = [[list(v) if isinstance(v, tuple) else v for v in row] for row in filled.rows]
    schema = {c.name: types[c.type] for c in filled.columns}
    frame: pl.DataFrame = polars.DataFrame(rows, schema=schema, orient="row")
    return frame


def to_arrow(table: str, dataset: Dataset | None = None) -> pa.Table:
    """The table named ``table`` as an Arrow table (the extra ``parquet``), typed as
    the Parquet file.

    Examples:
        >>> str(to_arrow("events").schema.field("start_date").type)
        'date32[day]'
    """
    require("pyarrow", "parquet", "to_arrow")
    from aseanplus3_events.exports.parquet import arrow_table

    return arrow_table(_filled(table, dataset))
