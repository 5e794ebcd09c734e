"""The data in the forms other tools read: one module per format.

`jsonld` (schema.org JSON-LD), `annotations` (the evidence as W3C Web Annotations),
`html` (the source view: each source's text with the evidence highlighted), `tables`
(the flat tables, CSV and a Frictionless Data Package), `parquet` (the same tables as
Parquet; the extra ``parquet``), `xlsx` (as a workbook; the extra ``xlsx``), `sqlite`
(as a SQLite database for Datasette) and `frames` (each table as a pandas, polars or
Arrow DataFrame).  They read a `Dataset` through its public methods, like any other
caller; importing this package imports none of them.  `require` imports what an extra
installs, or says how to install the extra (`install_hint`); `dataset_or_bundled` is the
dataset an export reads.
"""

import importlib  # (no `from __future__ import annotations`: it would hide the submodule)
import json
from typing import Any
from urllib.parse import unquote

from aseanplus3_events.dataset import Dataset
from aseanplus3_events.loading import default_dataset


def require(module: str, extra: str, what: str) -> Any:
    """``module``, imported; else `ModuleNotFoundError` in one line naming the extra.

    Examples:
        >>> require("no_such_module", "parquet", "the Parquet export")
        Traceback (most recent call last):
        ...
        ModuleNotFoundError: the Parquet export needs no_such_module, which is not installed: ...
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        name = module.partition(".")[0]
        raise ModuleNotFoundError(
            f"{what} needs {name}, which is not installed: {install_hint(extra)}",
            name=name,
        ) from exc


def dataset_or_bundled(dataset: Dataset | None) -> Dataset:
    """``dataset``, or the bundled one for None; a `TypeError` for anything else."""
    if dataset is None:
        return default_dataset()
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a Dataset, not {type(dataset).__name__}")
    return dataset


def install_hint(extra: str) -> str:
    """How to add ``extra`` to this installation: from the wheel file or folder pip
    installed it from (its ``direct_url.json``, PEP 610), else from an index."""
    from importlib import metadata  # here: only a missing extra's message needs it

    index = f"pip install 'aseanplus3-events[{extra}]'"
    try:
        found = metadata.distribution("aseanplus3-events").read_text("direct_url.json")
        direct = json.loads(found or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        direct = {}
    url = str(direct.get("url", "")) if isinstance(direct, dict) else ""
    if not url.startswith("file://"):
        return f"{index} (from a clone of the repository: pip install '.[{extra}]')"
    editable = "-e " if (direct.get("dir_info") or {}).get("editable") else ""
    where = f"'{unquote(url.removeprefix('file://'))}[{extra}]'"
    return f"pip install {editable}{where} (the copy this one came from; from an index: {index})"
