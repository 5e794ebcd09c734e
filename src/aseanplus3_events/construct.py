"""Records from trusted JSON, driven by the models' own field types.

The build validates and checks the bundled catalog, writes it, and records the sha256 of
the bytes it wrote.  Once the loader has matched that digest, validating the same bytes
again would redo the build's work at every start-up, so `build` makes the records
straight from the parsed JSON: the same values, of the same types, in the same field
order, with the same set of given fields, as ``model_validate_json`` makes (the tests
compare the two on the bundled file and on generated datasets, record by record).  It
is never used on anything else: a user's file is always validated.

What a field becomes is read from its annotation (`plan`), so a field added to a model
is built without a change here; a field type this module does not know (a ``float``, a
``dict``, a union of two models) raises `TypeError` when its model's plan is first made,
never a silently different record.

`member_count` walks a validated record tree the same way, to count the members of the
JSON objects it was read from (the loader's check for duplicate keys).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from enum import Enum
from operator import attrgetter
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["build", "member_count", "plan"]

_M = TypeVar("_M", bound=BaseModel)

#: How a JSON value becomes a field's value; None when it is used as it is.
Convert = Callable[[Any], Any] | None
#: A model's plan: for each field, in order, (name, convert, required, default).
Plan = tuple[tuple[str, Convert, bool, Any], ...]

_PLANS: dict[type[BaseModel], Plan] = {}
_MISSING = object()
_set = object.__setattr__


def build(cls: type[_M], data: dict[str, Any]) -> _M:
    """The ``cls`` record that validating the JSON object ``data`` makes, made without
    validation.  Only for JSON whose bytes passed validation before (the bundled file).

    Raises `TypeError` for a field type it does not know (see the module docstring).

    Examples:
        >>> from aseanplus3_events.construct import build
        >>> from aseanplus3_events.models import Topic
        >>> data = {"id": "carbon-markets", "label": "Carbon markets"}
        >>> build(Topic, data) == Topic.model_validate(data)
        True
    """
    return _builder(cls)(data)  # type: ignore[return-value]


def plan(cls: type[BaseModel]) -> Plan:
    """The fields of ``cls`` in order, each with how its JSON value is converted.

    Examples:
        >>> from aseanplus3_events.construct import plan
        >>> from aseanplus3_events.models import Topic
        >>> [(name, required) for name, _, required, _ in plan(Topic)]
        [('id', True), ('label', True), ('aliases', False), ('description', False)]
    """
    found = _PLANS.get(cls)
    if found is None:
        steps = []
        for name, info in cls.model_fields.items():
            required = info.is_required()
            default = None if required else info.get_default(call_default_factory=True)
            steps.append((name, _convert(info.annotation), required, default))
        found = _PLANS[cls] = tuple(steps)
    return found


def _builder(cls: type[BaseModel]) -> Callable[[dict[str, Any]], BaseModel]:
    steps = plan(cls)
    new = cls.__new__

    def make(data: dict[str, Any]) -> BaseModel:
        values = {}
        for name, convert, required, default in steps:
            value = data.get(name, _MISSING)
            if value is _MISSING:
                if required:
                    raise KeyError(f"{cls.__name__}.{name} is missing from trusted data")
                values[name] = default
            else:
                values[name] = value if convert is None else convert(value)
        record = new(cls)
        # What model_validate leaves on an instance of a frozen model without extras.
        _set(record, "__dict__", values)
        _set(record, "__pydantic_fields_set__", set(data))
        _set(record, "__pydantic_extra__", None)
        _set(record, "__pydantic_private__", None)
        return record

    return make


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


def _many(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda values: tuple(map(convert, values))


def _convert(annotation: Any) -> Convert:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _convert(args[0])
    if origin in (typing.Union, types.UnionType):
        others = [a for a in args if a is not type(None)]
        if len(others) != 1 or len(args) != 2:
            raise TypeError(f"cannot build {annotation!r} from trusted JSON")
        inner = _convert(others[0])
        return None if inner is None else _optional(inner)
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"cannot build {annotation!r} from trusted JSON")
        inner = _convert(args[0])
        return tuple if inner is None else _many(inner)
    if annotation is str or annotation is int or annotation is bool:  # JSON gives them as is
        return None
    if annotation is dt.date:
        return dt.date.fromisoformat
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _builder(annotation)
    raise TypeError(f"cannot build {annotation!r} from trusted JSON")


# --- counting members -------------------------------------------------------------------

#: For each model: its fields that hold records, as (name, holds a tuple of them, model).
_NESTED: dict[type[BaseModel], tuple[tuple[str, bool, type[BaseModel]], ...]] = {}


def _nested(cls: type[BaseModel]) -> tuple[tuple[str, bool, type[BaseModel]], ...]:
    found = _NESTED.get(cls)
    if found is None:
        fields = []
        for name, info in cls.model_fields.items():
            kind = _records_in(info.annotation)
            if kind is not None:
                fields.append((name, *kind))
        found = _NESTED[cls] = tuple(fields)
    return found


def _records_in(annotation: Any) -> tuple[bool, type[BaseModel]] | None:
    """(many, model) when the field holds records: one, one or None, or a tuple of them;
    None when it holds none."""
    kind = _kind(annotation)
    if kind is None:
        return None
    how, model = kind
    return how == "many", model


def _kind(annotation: Any) -> tuple[str, type[BaseModel]] | None:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _kind(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "one", annotation
    inner = [_kind(a) for a in args if a is not type(None) and a is not Ellipsis]
    if all(k is None for k in inner):
        return None
    one = inner[0] if len(inner) == 1 and inner[0] is not None and inner[0][0] == "one" else None
    if one is not None and origin in (typing.Union, types.UnionType) and len(args) == 2:
        return "optional", one[1]
    if one is not None and origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return "many", one[1]
    raise TypeError(f"cannot count the members of {annotation!r}")


_fields_set = attrgetter("__pydantic_fields_set__")


def member_count(record: BaseModel) -> int:
    """How many members the JSON objects had that ``record`` and the records inside it
    were validated from: the number of fields given, summed over every record.

    Examples:
        >>> from aseanplus3_events.construct import member_count
        >>> from aseanplus3_events.models import Person
        >>> member_count(Person.model_validate_json(
        ...     '{"id": "a", "name": "A", "affiliations": [{"organization_id": "b"}],'
        ...     ' "evidence": [{"id": "a-evidence-1", "source_id": "s", "start": 0,'
        ...     ' "end": 1, "quote": "A", "fields": ["name"]}]}'
        ... ))
        11
    """
    total = 0
    level: dict[type[BaseModel], list[BaseModel]] = {type(record): [record]}
    while level:
        below: dict[type[BaseModel], list[BaseModel]] = {}
        for cls, records in level.items():
            total += sum(map(len, map(_fields_set, records)))
            for name, many, model in _nested(cls):
                values = map(attrgetter(name), records)
                into = below.setdefault(model, [])
                if many:
                    for value in values:
                        into.extend(value)
                else:
                    into.extend(v for v in values if v is not None)
        level = {cls: records for cls, records in below.items() if records}
    return total
