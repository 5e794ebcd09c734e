"""The export formats of ``aseanplus3-events export``: one table, one entry a format."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aseanplus3_events.atomic import json_bytes
from aseanplus3_events.dataset import Dataset

__all__ = ["FORMATS", "ExportFormat"]


@dataclass(frozen=True)
class ExportFormat:
    """One ``export --format``: what it writes, and how.

    A single-file format has ``file`` (the dataset and the parsed options -> the
    file's bytes): it goes to ``--out FILE``, or to standard output without ``--out`` or
    with ``--out -``.  A folder format has ``folder`` (called with an empty folder to
    write into, the dataset and the options).  ``writes`` says what is written, for
    ``--help``.  ``binary`` formats are not written to a terminal.  ``extra`` names the
    package extra whose libraries the writer imports (``pip install
    'aseanplus3-events[EXTRA]'``), if any.  ``beside`` (the dataset and the output
    file's path -> a file name and its bytes) writes one more file next to ``--out``.  A
    format whose readers go by the file's name has ``suffixes``: ``--out`` ends in one.
    A file format's ``example`` is the file an ``--out`` that is a folder is offered.

    Examples:
        >>> from aseanplus3_events.cli import FORMATS
        >>> FORMATS["csv"].writes
        'a folder: one CSV file per table'
    """

    writes: str
    file: Callable[[Dataset, argparse.Namespace], bytes] | None = None
    folder: Callable[[Path, Dataset, argparse.Namespace], object] | None = None
    binary: bool = False
    extra: str | None = None
    beside: Callable[[Dataset, str], tuple[str, bytes]] | None = None
    suffixes: tuple[str, ...] = ()
    example: str = "catalog.json"


def _writer(name: str) -> Callable[..., Any]:
    """``exports.<module>.<function>`` (``name``: ``"tables.write_csv"``), imported when
    the format is written: an export's libraries load only for the command that needs them."""
    module, _, function = name.partition(".")
    exports = importlib.import_module(f"aseanplus3_events.exports.{module}")
    writer: Callable[..., Any] = getattr(exports, function)
    return writer


def _folder(name: str) -> Callable[[Path, Dataset, argparse.Namespace], object]:
    """A folder format written by `_writer` ``name`` (the folder, the dataset)."""
    return lambda out, ds, options: _writer(name)(out, ds)


def _file(name: str, file_name: str) -> Callable[[Dataset, argparse.Namespace], bytes]:
    """A file format that `_writer` ``name`` writes to a path: the bytes it wrote there."""

    def write(ds: Dataset, options: argparse.Namespace) -> bytes:
        import tempfile  # here: only two formats need it, and it imports shutil, random...

        with tempfile.TemporaryDirectory() as folder:
            written: Path = _writer(name)(Path(folder) / file_name, ds)
            return written.read_bytes()

    return write


#: ``export --format`` NAME -> how it is written.  Adding a format is one entry here.
FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat(
        "a file: the whole dataset (what `schema` describes)",
        file=lambda ds, options: ds.catalog.model_dump_json(indent=2).encode("utf-8") + b"\n",
    ),
    "jsonld": ExportFormat(
        "a file: every event as schema.org JSON-LD (see --context)",
        file=lambda ds, options: _writer("jsonld.jsonld_bytes")(ds, context=options.context),
        example="events.jsonld",
    ),
    "annotations": ExportFormat(
        "a file: every evidence item as a W3C Web Annotation (JSON-LD)",
        file=lambda ds, options: _writer("annotations.annotations_bytes")(ds),
        example="annotations.jsonld",
    ),
    "csv": ExportFormat("a folder: one CSV file per table", folder=_folder("tables.write_csv")),
    "datapackage": ExportFormat(
        "a folder: the CSV tables and datapackage.json (Frictionless)",
        folder=_folder("tables.write_datapackage"),
    ),
    "parquet": ExportFormat(
        "a folder: one Parquet file per table, typed columns; a dataset card (README.md) "
        "and croissant.json for data catalogs",
        folder=_folder("parquet.write_parquet"),
        extra="parquet",
    ),
    "xlsx": ExportFormat(
        "a file: a workbook, one worksheet per table",
        file=_file("xlsx.write_xlsx", "events.xlsx"),
        binary=True,
        extra="xlsx",
        suffixes=(".xlsx",),  # openpyxl reads no other
        example="events.xlsx",
    ),
    "sqlite": ExportFormat(
        "a file: a SQLite database (keys, full-text search) and Datasette's metadata.json "
        "beside it",
        file=_file("sqlite.write_sqlite", "events.db"),
        binary=True,
        suffixes=(".db", ".sqlite", ".sqlite3"),  # Datasette's folder of databases serves these
        example="events.db",
        beside=lambda ds, out: (
            "metadata.json",
            json_bytes(_writer("sqlite.datasette_metadata")(Path(out).stem, ds)),
        ),
    ),
    "html": ExportFormat(
        "a folder: the source view, each source's text with its evidence highlighted",
        folder=_folder("html.write_html"),
    ),
}
