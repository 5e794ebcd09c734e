"""Loading: bytes -> checked `Dataset`.

The bundled file is read through ``importlib.resources``, lazily, once, under a lock
(`default_dataset`), and refused if its bytes no longer match the sha256 the build
recorded; once they match, its records are built without a second validation
(`construct`: the build validated exactly these bytes).  A user's file (`load_dataset`)
is validated in one ``model_validate_json`` pass, and refused if an object in it has a
key twice (JSON readers differ on which value wins).  Either way the integrity checks
run on what validates, each stage's every problem reported at once.

Loading leaves the garbage collector alone (it is the program's).  A child made by
``fork()`` gets fresh locks, this one and every dataset's (`os.register_at_fork`): a
thread that held one does not exist in the child.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import threading
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .dataset import _LIVE, Dataset
from .errors import DatasetError, Problem, did_you_mean, json_path
from .models import FULL_DATE_PATTERN, RULES, SCHEMA_VERSION, Catalog
from .text import number, slug

__all__ = ["DATA_FILE", "DIGEST_FILE", "SCHEMA_FILE", "default_dataset", "load_dataset"]


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


_BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

#: The package's own exports, told by their bytes once a load failed: (pattern, what).
_EXPORTS = (
    (rb"SQLite format 3\x00", "a SQLite export"),
    (rb"PK\x03\x04", "an xlsx export (a zip)"),
    (rb"PAR1", "a Parquet export"),
    (rb'\s*\{\s*"@context"\s*:\s*"http://www\.w3\.org/ns/anno', "a W3C annotations export"),
    (rb'\s*\{\s*"@context"', "a JSON-LD export"),
    (rb'\s*\{\s*"\$schema"\s*:\s*"[^"]*datapackage', "a datapackage.json export"),
    (rb'(?s).*"databases"\s*:\s*\{', "a Datasette metadata.json export"),
)


def _newer(version: str | None) -> list[Problem]:
    """A file of a newer minor version than this package reads may use fields it does
    not know: say so first, so that the problems after it read as what they are."""
    try:
        major, minor = (int(part) for part in (version or "").split(".")[:2])
    except ValueError:
        return []
    if (major, minor) <= tuple(int(part) for part in SCHEMA_VERSION.split(".")[:2]):
        return []
    message = (
        f"is {version!r}, newer than the {SCHEMA_VERSION} this version of aseanplus3-events "
        "reads; fields it does not know are listed below: upgrade aseanplus3-events"
    )
    return [Problem("$.schema_version", message)]


def _validation_problems(exc: ValidationError) -> list[Problem]:
    """pydantic's errors as problems, less the echoes: a tuple whose item failed is also
    reported "too short" (the failed item no longer counts), which the file is not."""
    errors = exc.errors(include_url=False)
    failed_items = {tuple(e["loc"][:-1]) for e in errors if len(e["loc"]) > 1}
    failed_items |= {loc[:n] for loc in list(failed_items) for n in range(1, len(loc))}
    return [
        Problem(json_path(tuple(e["loc"])), _message(e))
        for e in errors
        if not (e["type"] == "too_short" and tuple(e["loc"]) in failed_items)
    ]


def _message(error: Any) -> str:
    """pydantic's message in the user's terms, with the bad value: a pattern's rule in
    words (`RULES`), a date as `build` says it; for a controlled value, the closest valid
    one first, where one is close (as `build` says); a country code in capitals ("th" for
    "TH"), a base IRI with its end ({iri}), a whole number in digits ("5th" or "fifth" for 5)."""
    kind, value, pattern = error["type"], error["input"], error.get("ctx", {}).get("pattern")
    values = re.findall(r"'([^']*)'", error["msg"]) if kind == "enum" else []
    if values:  # "did you mean" only where one is close
        hint = isinstance(value, str) and did_you_mean(value, values, 1)[2:]
        listed = ", ".join(map(repr, values))
        return f"{_shown(value)}: {hint or 'not one of the values'} (the values: {listed})"
    if kind == "extra_forbidden":  # the field a misspelt key was meant to be, as `build` says
        model: type[BaseModel] = Catalog
        for step in (s for s in error["loc"][:-1] if isinstance(s, str)):
            model = record_fields(model).get(step, model)
        key, hint = error["loc"][-1], did_you_mean(error["loc"][-1], model.model_fields, 1)[2:]
        return f"{key!r} is not a field here: {hint or 'remove it, or correct its spelling'}"
    if kind == "missing":
        return str(error["msg"])
    told = kind.endswith(("_type", "_parsing")) and _KINDS.get(type(value))  # "1" for 1
    shown = _shown(value) + (f" ({told})" if told else "")
    if kind.startswith("int") and isinstance(value, str | float):  # "5th", "third", 5.0
        n = number(value) if isinstance(value, str) else int(value) if value.is_integer() else None
        return f"{shown}: write a whole number, such as {5 if n is None else n}"
    if kind in ("greater_than_equal", "less_than_equal"):  # edition = 0
        bound, side = ("ge", "more") if kind.startswith("greater") else ("le", "less")
        return f"{shown}: must be {error['ctx'][bound]} or {side}"
    if isinstance(value, str) and (kind.startswith("date") or pattern == FULL_DATE_PATTERN):
        from .origins import DATES, dates

        return f"{shown}: {why}" if (why := dates(value)).startswith(DATES) else why
    if pattern in RULES and isinstance(value, str):
        code = re.fullmatch("[a-zA-Z]{2}", value)  # "cn", not "Vietnam"
        rule = RULES[pattern].replace("{code}", repr(value.upper() if code else "VN"))
        end = "/" if "//" in value else "#" if value.lower().startswith("urn:uuid:") else ":"
        mended = value[-1:] not in ":/#" and re.fullmatch(pattern, value + end)  # its end
        iri = repr(value + end) if mended else _IRIS
        rule = rule.replace("{iri}", iri).replace("{slug}", repr(slug(value) or "my-id"))
        return f"{shown}: {rule}"
    return f"{error['msg']}, got {shown}"


_IRIS = "'https://your-group.org/events/' or 'urn:your-group-events:'"  # the base IRIs offered
_KINDS = {str: "a string", int: "a number", float: "a number", bool: "true or false"}


def _shown(value: Any) -> str:
    """A JSON value as a message shows it: a text or number shortened to 60 characters,
    a list or an object by its kind only."""
    if isinstance(value, list | dict):
        return f"a list of {len(value)}" if isinstance(value, list) else "an object"
    text = (
        "null" if value is None else str(value).lower() if isinstance(value, bool) else repr(value)
    )
    return text if len(text) <= 60 else f"{text[:56]}…{text[-1]}"


def utf8_problem(data: bytes) -> str | None:
    """Where ``data`` is not UTF-8, what to say (its first bad byte, from 0, and line)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"not UTF-8 (byte {exc.start}, line {line}): save it as UTF-8"
    return None


def parse_catalog(data: bytes, origin: str) -> Catalog:
    """Validate the bytes of a dataset file into a `Catalog`, in one pass.

    Raises `DatasetError` listing every problem: each validation error, and each key
    that an object of the file has more than once.

    Examples:
        >>> from aseanplus3_events.loading import parse_catalog
        >>> parse_catalog(b'{"schema_version": "1.0.0", "data_version": "x"}', "mine").events
        ()
        >>> parse_catalog(b'{"schema_version": "1.0.0", "data_version": "x", '
        ...               b'"data_version": "y"}', "mine")
        Traceback (most recent call last):
        ...
        aseanplus3_events.errors.DatasetError: mine: 1 problem
          $.data_version: the key occurs 2 times in this object; JSON readers differ on ...
    """
    try:
        catalog = Catalog.model_validate_json(data)
    except ValidationError as exc:
        from .checks import unsupported  # here: start-up (the bundled file) never needs it

        empty = "is empty: give a dataset file's JSON" * (not data.strip())  # not "EOF while"
        if empty or data.startswith(_BYTE_ORDER_MARKS):
            bom = "the file starts with a byte-order mark; save it as UTF-8 without one"
            raise DatasetError([Problem("$", empty or bom)], origin=origin) from None
        version = _schema_version(data)
        exported = [what for pattern, what in _EXPORTS if re.match(pattern, data)][:1]
        if version is None and exported:
            said = f"{exported[0]}, not a dataset file; give the dataset .json it was exported from"
            raise DatasetError([Problem("$", said)], origin=origin) from None
        if why := utf8_problem(data):
            raise DatasetError([Problem("$", why)], origin=origin) from None
        if version is not None and (why := unsupported(version)):
            raise DatasetError([Problem("$.schema_version", why)], origin=origin) from None
        duplicates = duplicate_keys(data)
        # an older file is upgraded once its keys are known to be single (upgrading
        # parses it into a dict, where the last of two equal keys would win)
        if duplicates or version in (None, SCHEMA_VERSION) or (upgraded := _upgraded(data)) is None:
            problems = _newer(version) + duplicates + _validation_problems(exc)
            raise DatasetError(problems, origin=origin) from None
        return parse_catalog(upgraded, origin)
    if _may_repeat_a_key(data, catalog):
        problems = duplicate_keys(data)
        if problems:
            raise DatasetError(problems, origin=origin)
    if catalog.schema_version != SCHEMA_VERSION and (upgraded := _upgraded(data)) is not None:
        return parse_catalog(upgraded, origin)  # an older file that fits: say it is current
    return catalog


# --- duplicate keys ----------------------------------------------------------------------
#
# The parser pydantic uses keeps the last of two equal keys, silently; so does Python's
# json module.  Why the count below is exact: every member of a JSON object is a key
# string followed by a colon (``":``, or ``"``, white space, ``:``), so the file has at
# most as many members as such colons; and every member survives validation as a field
# given to a record (the models forbid other keys), except the second of two equal
# keys, which collapses into the first.  So colons == fields given (`_members`) means
# the file has as many members as the records keep: no key occurred twice.  When the
# counts differ (a colon inside a text, or a duplicate), the exact search runs.  It
# costs a second parse, which the benchmark shows at several times this count.


def _may_repeat_a_key(data: bytes, catalog: Catalog) -> bool:
    colons = data.count(b'":') + len(re.findall(rb'"[ \t\n\r]+:', data))
    return colons != _members(catalog)


def _members(record: BaseModel) -> int:
    """The fields given, summed over ``record`` and every record inside it."""
    total, stack = 0, [record]
    while stack:
        record = stack.pop()
        total += len(record.__pydantic_fields_set__)
        for name in record_fields(type(record)):
            value = getattr(record, name)
            if type(value) is tuple:
                stack.extend(value)
            elif value is not None:
                stack.append(value)
    return total


@functools.cache
def record_fields(cls: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The fields of ``cls`` that hold records (one, None, or a tuple of them), each with
    the model of its records."""

    def model(annotation: Any) -> type[BaseModel] | None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        return next(filter(None, map(model, typing.get_args(annotation))), None)

    return {n: m for n, f in cls.model_fields.items() if (m := model(f.annotation))}


Loc = tuple[str | int, ...]


def walk(node: object, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Every record in ``node`` (a record or a tuple of them) with its location, in
    document order: a record before the records inside it, its evidence items among them.
    """
    if isinstance(node, tuple):
        for i, item in enumerate(node):
            yield from walk(item, (*loc, i))
    elif isinstance(node, BaseModel):
        yield loc, node
        for name in record_fields(type(node)):
            yield from walk(getattr(node, name), (*loc, name))


class _Repeated:
    """The key under which an object keeps, for each key it has more than once, every
    value given for it (the last is the one ``dict`` kept)."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[Any, Any]:
    obj: dict[Any, Any] = dict(pairs)
    if len(obj) != len(pairs):
        given: dict[str, list[Any]] = {}
        for key, value in pairs:
            given.setdefault(key, []).append(value)
        obj[_Repeated] = {k: values for k, values in given.items() if len(values) > 1}
    return obj


def duplicate_keys(data: bytes) -> list[Problem]:
    """A problem for every key that an object of the JSON ``data`` has more than once, at
    its JSON path, in document order (``[]`` for JSON without, or for no JSON at all).

    Examples:
        >>> from aseanplus3_events.loading import duplicate_keys
        >>> duplicate_keys(b'{"a": [{"b": 1, "b": 2, "b": 3}], "a": []}')
        [Problem(path='$.a', message='the key occurs 2 times in this object; ...'), \
Problem(path='$.a[0].b', message='the key occurs 3 times in this object; ...')]
    """
    import json

    try:
        root = json.loads(data, object_pairs_hook=_pairs)
    except (ValueError, RecursionError):  # not JSON: validation says why
        return []
    problems = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(root, ())]
    while stack:  # depth first, in document order, without recursion
        node, loc = stack.pop()
        if isinstance(node, dict):
            repeated: dict[str, list[Any]] = node.pop(_Repeated, {})
            for key, values in repeated.items():
                problems.append(
                    Problem(
                        json_path((*loc, key)),
                        f"the key occurs {len(values)} times in this object; JSON readers "
                        "differ on which value counts",
                    )
                )
            for key in reversed(node):  # every value given, the ones dict dropped too
                for value in reversed(repeated.get(key, [node[key]])):
                    stack.append((value, (*loc, key)))
        elif isinstance(node, list):
            stack.extend((node[i], (*loc, i)) for i in reversed(range(len(node))))
    return problems


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

    The file is validated in full, whatever its bytes (only the bundled file, whose
    digest the build recorded, is trusted): it must be what the shipped JSON Schema
    describes, with dates written ``YYYY-MM-DD`` and no object holding a key twice, and
    pass the integrity checks.  Every problem is reported in one `DatasetError` with its
    JSON path; an unreadable file is a ``DatasetError`` too, chained to the ``OSError``,
    and a seeds folder (or a seed file) one that says how to build its dataset file.

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
    if origin.endswith(".toml"):  # a seed file, told by its name before its TOML is parsed
        _not_seeds(origin)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        why = f"cannot read the file: {exc.strerror}"
        if Path(path).is_dir():  # looked for only once a read failed: a good file costs no stat
            _not_seeds(origin)
            why = "a folder, not a dataset file; give a file"
        raise DatasetError([Problem("$", why)], origin=origin) from exc
    dataset = _from_bytes(data, origin)
    if freeze:
        gc.freeze()
    return dataset


def _not_seeds(origin: str) -> None:
    """Raise `DatasetError` saying how to build ``origin`` where it is seeds."""
    if seeds := seeds_advice(origin):
        advice = f"{seeds[0]}, then load_dataset({seeds[1]!r})"
        raise DatasetError([Problem("$", advice)], origin=origin) from None


def seeds_advice(name: str) -> tuple[str, str] | None:
    """Where ``name`` is a seeds folder or a seed file, not a dataset file: what it is and
    how to build it, and the file the build writes."""
    seeds = Path(name) if Path(name).is_dir() else Path(name).parent
    if (seeds / "catalog.toml").is_file() and (seeds == Path(name) or name.endswith(".toml")):
        what = "a seeds folder" if seeds == Path(name) else "a seed file"
        build = f"build it first: aseanplus3-events build {seeds} --out {events_file(seeds)}"
        return f"{what}, not a dataset file; {build}", events_file(seeds)
    return None


def events_file(seeds: Path) -> str:
    """The dataset file the guide builds a seeds folder into: my-seeds -> my-events.json."""
    return f"{seeds.resolve().name.removesuffix('-seeds')}-events.json"


def _from_bytes(data: bytes, origin: str) -> Dataset:
    return Dataset(parse_catalog(data, origin), origin=origin)


def read_bundled(name: str) -> bytes:
    """The bytes of the package data file ``name`` (``catalog.json``, its schema, its
    digest); ``FileNotFoundError`` if the installation lacks it."""
    # Read as bytes through importlib.resources, inside the loader: zip-safe, and nothing
    # happens at import time.  The standard library's, on every Python: reading one file
    # needs nothing newer, and the backport imports its own modules and the standard
    # library's (5% of start-up, in instructions).
    from importlib.resources import files

    return files(__package__ or "aseanplus3_events").joinpath("data").joinpath(name).read_bytes()


def _load_bundled() -> Dataset:
    import hashlib
    import json

    from .construct import build

    origin = f"{__package__}/data/{DATA_FILE}"
    data = read_bundled(DATA_FILE)
    recorded = read_bundled(DIGEST_FILE).decode("ascii").split()[0]
    actual = hashlib.sha256(data).hexdigest()
    if actual != recorded:
        message = (
            f"the installed data file does not match the sha256 recorded when it was built "
            f"(recorded {recorded}, found {actual}): the installation was modified or "
            "damaged; reinstall aseanplus3-events"
        )
        raise DatasetError([Problem("$", message)], origin=origin)
    return Dataset._checked_by_the_build(build(Catalog, json.loads(data)), origin)


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


def _after_fork_in_child() -> None:
    """A lock another thread held at the fork stays held in the child, where that thread
    does not exist: the child gets fresh ones, to load the data (itself, if that thread was
    loading it) and for every dataset's search (each builds its own search index there: a
    SQLite connection must not cross a fork)."""
    global _default_lock
    _default_lock = threading.Lock()
    for dataset in list(_LIVE):
        dataset._search_lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)
