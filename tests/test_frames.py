"""The tables as DataFrames (pandas, polars, Arrow): the CSV tables' values, each
library's own types, the lookup error for a table name, and the extras."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import aseanplus3_events as apt
from aseanplus3_events.exports import install_hint
from aseanplus3_events.exports.tables import TABLES, tables, write_csv
from conftest import EVENT_ID, dataset_of


@pytest.fixture(scope="module")
def csv_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    write_csv(folder)
    return folder


def as_text(value: object, separator: str) -> str:
    """A DataFrame cell as its CSV cell."""
    if isinstance(value, list | tuple):
        return separator.join(value)
    if value is None or value is pd.NA or value is pd.NaT or value != value:  # NaN
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    return str(value)


@pytest.mark.parametrize("name", [t.name for t in TABLES])
def test_every_table_holds_the_csv_values_in_pandas_polars_and_arrow(
    name: str, csv_folder: Path
) -> None:
    table = next(t for t in tables() if t.name == name)
    want = pd.read_csv(csv_folder / f"{name}.csv", dtype=str, keep_default_na=False)
    seps = [table.separator(c) for c in want.columns]
    frames = {
        "pandas": apt.to_pandas(name).astype(object).to_numpy().tolist(),
        "polars": apt.to_polars(name).rows(),
        "arrow": [list(r.values()) for r in apt.to_arrow(name).to_pylist()],
    }
    for library, got in frames.items():
        text = [[as_text(v, s) for v, s in zip(row, seps, strict=True)] for row in got]
        assert text == want.to_numpy().tolist(), library
    assert list(apt.to_pandas(name).columns) == list(want.columns) == apt.to_polars(name).columns


def test_each_library_gets_its_own_types() -> None:
    events = apt.to_pandas("events").set_index("id")
    assert str(events["start_date"].dtype).startswith("datetime64")
    assert events.loc[EVENT_ID, "start_date"] == pd.Timestamp("2023-07-14")
    assert str(events["participants_complete"].dtype) == "boolean"
    assert events.loc[EVENT_ID, "source_ids"] == ["article-apt-low-carbon-seminar-2023"]
    assert str(apt.to_pandas("organizations")["founded"].dtype) == "Int64"
    polar = apt.to_polars("events")
    assert polar.schema["start_date"] == pl.Date
    assert polar.filter(pl.col("id") == EVENT_ID)["start_date"][0] == dt.date(2023, 7, 14)
    assert polar.schema["source_ids"] == pl.List(pl.String)
    assert polar.schema["participants_complete"] == pl.Boolean
    arrow = apt.to_arrow("events")
    assert arrow.schema.field("start_date").type == pa.date32()
    assert (
        apt.table_names()
        == tuple(t.name for t in TABLES)
        == apt.Dataset.table_names(apt.default_dataset())
    )


def test_a_dataset_of_your_own_gives_its_own_tables(catalog_dict: dict[str, object]) -> None:
    event = apt.get_event(EVENT_ID)
    del catalog_dict["events"][0]["statements"][-1]  # type: ignore[index]
    ds = dataset_of(catalog_dict)
    ids = [s.id for s in event.statements]
    assert ds.to_pandas("statements")["id"].tolist() == ids[:-1]
    bundled = apt.to_pandas("statements")  # the bundled one is not changed
    assert bundled[bundled["event_id"] == EVENT_ID]["id"].tolist() == ids
    assert len(bundled) == sum(len(e.statements) for e in apt.list_events())
    assert ds.to_polars("events")["id"].to_list() == [EVENT_ID]
    assert ds.to_arrow("topics").num_rows == len(ds.topics())


def test_an_unknown_table_names_the_closest(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(
        apt.UnknownTableError, match=r"unknown table 'session'; closest: 'sessions'"
    ):
        apt.to_pandas("session")
    with pytest.raises(LookupError, match=r"closest: 'organizations'"):
        apt.to_polars("organisations")
    with pytest.raises(TypeError, match="table must be a table name"):
        apt.to_arrow(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "module", "extra"),
    [("to_pandas", "pandas", "pandas"), ("to_polars", "polars", "polars"),
     ("to_arrow", "pyarrow", "parquet")],
)  # fmt: skip
def test_without_the_library_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, call: str, module: str, extra: str
) -> None:
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    with pytest.raises(ModuleNotFoundError) as caught:
        getattr(apt, call)("events")
    assert str(caught.value) == (
        f"{call} needs {module}, which is not installed: {install_hint(extra)}"
    )


def test_the_package_import_loads_no_dataframe_library() -> None:
    code = (
        "import sys, aseanplus3_events as apt; apt.get_event(); apt.table_names();"
        "print(sorted({'pandas', 'polars', 'pyarrow'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
