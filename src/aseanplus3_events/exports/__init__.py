"""The data in the forms other tools read: one module per format.

`jsonld` (schema.org JSON-LD), `annotations` (the evidence as W3C Web Annotations),
`html` (the source view: each source's text with the evidence highlighted), `tables`
(the flat tables, CSV and a Frictionless Data Package), `parquet` (the same tables as
Parquet; the extra ``parquet``), `xlsx` (as a workbook; the extra ``xlsx``), `sqlite`
(as a SQLite database for Datasette) and `frames` (each table as a pandas, polars or
Arrow DataFrame).  They read a `Dataset` through its public methods, like any other
caller; importing this package imports none of them.  `require` imports what an extra
installs, or says how to install the extra (`install_hint`); `dataset_or_bundled` is the
dataset an export reads; `json_file` writes a JSON document a list item at a time.
"""

import importlib  # (no `from __future__ import annotations`: it would hide the submodule)
import json
from collections.abc import Iterable
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


#: The value that stands, in the document given to `json_file`, for the list it writes.
ITEMS = "\0items"


def json_file(doc: dict[str, Any], items: Iterable[Any], indent: int | None = None) -> bytes:
    """The file of ``doc`` (its ``json.dumps``, ``indent=2``, UTF-8, a final newline) with
    ``items`` as the list where ``doc`` holds `ITEMS`, made an item at a time (one item's
    dicts held at once, not all): each item ``indent``-ed below the list, or, for None, on
    one line, which json writes with its C encoder, ~7x faster than with any indent.  A
    ``doc`` without `ITEMS` is written as it is (``items`` ignored)."""
    head, found, tail = json.dumps(doc, ensure_ascii=False, indent=2).partition(json.dumps(ITEMS))
    key = head[head.rfind("\n") + 1 :]  # the line of the list's key, indented as it is
    outer = "\n" + " " * (len(key) - len(key.lstrip()))
    pad, encode = outer + "  ", json.JSONEncoder(ensure_ascii=False, indent=indent).encode
    # JSON text holds no raw newline: each is a line break.  Bytes, not str: a str with a
    # character beyond Latin-1 (a curly quote) takes 2 or 4 bytes for each of its characters
    body = f",{pad}".encode().join(encode(item).replace("\n", pad).encode() for item in items)
    listed = [f"[{pad}".encode(), body, f"{outer}]".encode()] if body else [b"[]" * bool(found)]
    return b"".join([head.encode(), *listed, f"{tail}\n".encode()])  # one copy of body


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
