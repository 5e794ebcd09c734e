"""Loading: bytes -> checked `Dataset`.

The bundled file is read through ``importlib.resources``, lazily, once, under a lock
(`default_dataset`), and refused if its bytes no longer match the sha256 the build
recorded.  A user's file (`load_dataset`) is validated in one ``model_validate_json``
pass.  Either way the integrity checks run and every problem is reported at once.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .dataset import Dataset
from .errors import DatasetError, Problem, json_path
from .models import SCHEMA_VERSION, Catalog

__all__ = ["DATA_FILE", "DIGEST_FILE", "SCHEMA_FILE", "default_dataset", "load_dataset"]

_SCHEMA_MAJOR = SCHEMA_VERSION.split(".")[0]

#: Where the bundled files live inside the package.
DATA_FILE = "catalog.json"
SCHEMA_FILE = "catalog.schema.json"
#: The sha256 of DATA_FILE, recorded by the build (``sha256sum -c`` reads it too).
DIGEST_FILE = "catalog.sha256"


def _schema_version(data: bytes) -> str | None:
    """The file's schema_version, if it has one, whatever else is wrong with it.

    Used on the failure path only: a file of another major version fails validation for
    reasons not worth listing.  The class is made here so that the common path never
    pays for it.
    """

    class Header(BaseModel):
        model_config = ConfigDict(extra="ignore")
        schema_version: str

    try:
        return Header.model_validate_json(data).schema_version
    except ValidationError:
        return None


def parse_catalog(data: bytes, origin: str) -> Catalog:
    try:
        return Catalog.model_validate_json(data)
    except ValidationError as exc:
        version = _schema_version(data)
        if version is not None and version.split(".")[0] != _SCHEMA_MAJOR:
            problem = Problem(
                "$.schema_version",
                f"unsupported schema_version {version!r}; this version reads {_SCHEMA_MAJOR}.x",
            )
            raise DatasetError([problem], origin=origin) from None
        if version is not None and version != SCHEMA_VERSION:
            upgraded = _upgraded(data)
            if upgraded is not None:
                return parse_catalog(upgraded, origin)
        problems = [
            Problem(json_path(tuple(e["loc"])), e["msg"])
            for e in exc.errors(include_url=False, include_input=False)
        ]
        raise DatasetError(problems, origin=origin) from None


def _upgraded(data: bytes) -> bytes | None:
    """A file of an older 1.x version, with what the current version added derived
    (`upgrade`); None when that is not possible or changes nothing."""
    import json

    from .upgrade import upgrade

    try:
        document = upgrade(json.loads(data))
    except (ValueError, RecursionError):
        return None
    return None if document is None else json.dumps(document, ensure_ascii=False).encode()


def load_dataset(path: str | os.PathLike[str], *, freeze: bool = False) -> Dataset:
    """Load, validate and check a dataset file of your own (same format as the bundled one).

    Every problem is reported in one `DatasetError` with its
    JSON path; an unreadable file is a ``DatasetError`` too, chained to the ``OSError``.

    ``freeze=True`` (opt-in, for long-running programs holding a large dataset) calls
    `gc.freeze` after loading, so that the garbage collector skips the dataset's
    objects in every later collection.  It is process-wide: it also freezes every other
    object alive at that moment; `gc.unfreeze` undoes it.

    Examples:
        >>> import aseanplus3_events as apt, json, pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> catalog = apt.default_dataset().catalog.model_dump_json()
        >>> _ = (folder / "mine.json").write_text(catalog, encoding="utf-8")
        >>> apt.load_dataset(folder / "mine.json").get_event().name == apt.get_event().name
        True
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    origin = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DatasetError(
            [Problem("$", f"cannot read the file: {exc.strerror}")], origin=origin
        ) from exc
    dataset = _from_bytes(data, origin)
    if freeze:
        gc.freeze()
    return dataset


def _from_bytes(data: bytes, origin: str) -> Dataset:
    """Parse, validate, check and index, with the cyclic garbage collector paused.

    Loading makes hundreds of thousands of objects and frees none of them, but each
    batch of new objects sets off a collection that scans all the ones made so far: at
    10,000 events the collector took more than half of the load time, left on
    (benchmarks/RESULTS.md).  The load makes no cyclic garbage worth collecting, so the
    collector is paused for its duration and left as it was found afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return Dataset(parse_catalog(data, origin), origin=origin)
    finally:
        if was_enabled:
            gc.enable()


def _read_bundled(name: str) -> bytes:
    # Read as bytes through importlib.resources, inside the loader: zip-safe, and
    # nothing happens at import time.  Pythons before 3.13 use the backport, whose
    # files() API the standard library only caught up with in 3.13.
    if sys.version_info >= (3, 13):
        from importlib.resources import files
    else:
        from importlib_resources import files
    return files(__package__ or "aseanplus3_events").joinpath("data", name).read_bytes()


def _load_bundled() -> Dataset:
    import hashlib

    origin = f"{__package__}/data/{DATA_FILE}"
    data = _read_bundled(DATA_FILE)
    # The build recorded the digest of the file it checked; a file that no longer
    # matches was changed after installation, and nothing it says can be trusted.
    recorded = _read_bundled(DIGEST_FILE).decode("ascii").split()[0]
    actual = hashlib.sha256(data).hexdigest()
    if actual != recorded:
        message = (
            f"the installed data file does not match the sha256 recorded when it was built "
            f"(recorded {recorded}, found {actual}): the installation was modified or "
            "damaged; reinstall aseanplus3-events"
        )
        raise DatasetError([Problem("$", message)], origin=origin)
    return _from_bytes(data, origin)


_default: Dataset | None = None
_default_lock = threading.Lock()


def default_dataset() -> Dataset:
    """The bundled dataset, loaded on first use (once, even under many threads) and cached.

    Examples:
        >>> import aseanplus3_events as apt
        >>> apt.default_dataset() is apt.default_dataset()
        True
    """
    global _default
    dataset = _default
    if dataset is None:
        with _default_lock:
            dataset = _default
            if dataset is None:
                dataset = _default = _load_bundled()
    return dataset
