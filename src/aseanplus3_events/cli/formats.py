"""The export formats of ``aseanplus3-events export``: one table, one entry a format."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aseanplus3_events.dataset import Dataset

from .output import json_bytes

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
    file's path -> a file name and its bytes) writes one more file next to ``--out``.

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


def _catalog_json(ds: Dataset, options: argparse.Namespace) -> bytes:
    return ds.catalog.model_dump_json(indent=2).encode("utf-8") + b"\n"


def _jsonld(ds: Dataset, options: argparse.Namespace) -> bytes:
    from aseanplus3_events.exports.jsonld import jsonld_bytes

    return jsonld_bytes(ds, context=options.context)


def _annotations(ds: Dataset, options: argparse.Namespace) -> bytes:
    from aseanplus3_events.exports.annotations import to_annotations

    return json_bytes(to_annotations(ds))


def _xlsx(ds: Dataset, options: argparse.Namespace) -> bytes:
    import tempfile  # here: only two formats need it, and it imports shutil, random...

    from aseanplus3_events.exports.xlsx import write_xlsx

    with tempfile.TemporaryDirectory() as folder:
        return write_xlsx(Path(folder) / "events.xlsx", ds).read_bytes()


def _sqlite(ds: Dataset, options: argparse.Namespace) -> bytes:
    import tempfile

    from aseanplus3_events.exports.sqlite import write_sqlite

    with tempfile.TemporaryDirectory() as folder:
        return write_sqlite(Path(folder) / "events.db", ds).read_bytes()


def _datasette(ds: Dataset, out: str) -> tuple[str, bytes]:
    from aseanplus3_events.exports.sqlite import datasette_metadata

    return "metadata.json", json_bytes(datasette_metadata(Path(out).stem, ds))


def _csv(out: Path, ds: Dataset, options: argparse.Namespace) -> object:
    from aseanplus3_events.exports.tables import write_csv

    return write_csv(out, ds)


def _datapackage(out: Path, ds: Dataset, options: argparse.Namespace) -> object:
    from aseanplus3_events.exports.tables import write_datapackage

    return write_datapackage(out, ds)


def _html(out: Path, ds: Dataset, options: argparse.Namespace) -> object:
    from aseanplus3_events.exports.html import write_html

    return write_html(out, ds)


def _parquet(out: Path, ds: Dataset, options: argparse.Namespace) -> object:
    from aseanplus3_events.exports.parquet import write_parquet

    return write_parquet(out, ds)


#: ``export --format`` NAME -> how it is written.  Adding a format is one entry here.
FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("a file: the whole dataset (what `schema` describes)", file=_catalog_json),
    "jsonld": ExportFormat(
        "a file: every event as schema.org JSON-LD (see --context)", file=_jsonld
    ),
    "annotations": ExportFormat(
        "a file: every evidence item as a W3C Web Annotation (JSON-LD)", file=_annotations
    ),
    "csv": ExportFormat("a folder: one CSV file per table", folder=_csv),
    "datapackage": ExportFormat(
        "a folder: the CSV tables and datapackage.json (Frictionless)", folder=_datapackage
    ),
    "parquet": ExportFormat(
        "a folder: one Parquet file per table, typed columns; a dataset card (README.md) "
        "and croissant.json for data catalogs",
        folder=_parquet,
        extra="parquet",
    ),
    "xlsx": ExportFormat(
        "a file: a workbook, one worksheet per table", file=_xlsx, binary=True, extra="xlsx"
    ),
    "sqlite": ExportFormat(
        "a file: a SQLite database (keys, full-text search) and Datasette's metadata.json "
        "beside it",
        file=_sqlite,
        binary=True,
        beside=_datasette,
    ),
    "html": ExportFormat(
        "a folder: the source view, each source's text with its evidence highlighted",
        folder=_html,
    ),
}
