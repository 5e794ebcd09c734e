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
never a silently different record.  Records are made with pydantic's public
``model_construct`` (the given fields converted, the defaults pydantic's own).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["build", "plan"]

_M = TypeVar("_M", bound=BaseModel)

#: How a JSON value becomes a field's value; None when it is used as it is.
Convert = Callable[[Any], Any] | None
#: A model's plan: for each field, in order, (name, convert).
Plan = tuple[tuple[str, Convert], ...]

_PLANS: dict[type[BaseModel], Plan] = {}


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
        >>> [name for name, _ in plan(Topic)]
        ['id', 'label', 'aliases', 'description']
    """
    found = _PLANS.get(cls)
    if found is None:
        found = tuple((name, _convert(f.annotation)) for name, f in cls.model_fields.items())
        _PLANS[cls] = found
    return found


def _builder(cls: type[BaseModel]) -> Callable[[dict[str, Any]], BaseModel]:
    steps = plan(cls)
    construct = cls.model_construct

    def make(data: dict[str, Any]) -> BaseModel:
        values = {
            name: value if convert is None else convert(value)
            for name, convert in steps
            if (value := data.get(name, _MISSING)) is not _MISSING
        }
        return construct(set(data), **values)

    return make


_MISSING = object()


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
