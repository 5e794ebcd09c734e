"""Loading: nothing accepted silently, safe across processes, the bundled file trusted
only after its digest matches and then built into exactly the records validation gives."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import aseanplus3_events as apt
from conftest import ROOT

SCHEMA = json.loads((ROOT / "src/aseanplus3_events/data/catalog.schema.json").read_text())
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
WITH_FORMATS = jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS)


def _ecma_pattern(
    validator: Any, pattern: str, instance: object, schema: object
) -> Iterator[jsonschema.ValidationError]:
    # A JSON Schema pattern is an ECMA-262 regex, where "$" is the end of the input only;
    # Python's re also lets "$" match before a final newline.  Our patterns use "$" only
    # as the final anchor.
    if isinstance(instance, str) and not re.search(pattern.replace("$", r"\Z"), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


#: The shipped schema as the standard reads it, for readers that do not assert formats.
WITHOUT_FORMATS = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)(SCHEMA)


def refused_at(path: Path) -> list[str]:
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(path)
    return [p.path for p in info.value.problems]


# --- dates: RFC 3339 full-date and nothing else ----------------------------------------

NOT_A_FULL_DATE = [
    "0",  # pydantic's own date reads this as the Unix timestamp 0: 1970-01-01
    "1689292800",  # ... and this as 2023-07-14
    "2023-7-14",
    "2023-07-14T00:00:00Z",
    "2023-07-14T00:00:00",
    " 2023-07-14",
    "2023-07-14 ",
    "2023-07-14\n",
    "20230714",
    "2023-W28-5",
    "2023-195",
    "２０２３-07-14",  # fullwidth digits
    "2023-02-30",
    "",
]
DATE_FIELDS = [
    (("events", 0, "start_date"), "$.events[0].start_date"),
    (("events", 0, "end_date"), "$.events[0].end_date"),
    (("events", 0, "references", 1, "date"), "$.events[0].references[1].date"),
]


def _put(data: dict[str, Any], where: tuple[str | int, ...], value: object) -> None:
    node: Any = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value


@pytest.mark.parametrize("value", NOT_A_FULL_DATE)
@pytest.mark.parametrize(("where", "path"), DATE_FIELDS)
def test_a_date_is_yyyy_mm_dd_and_nothing_else(
    catalog_dict: dict[str, Any], write_json: Any, where: tuple[str | int, ...], path: str,
    value: str,
) -> None:  # fmt: skip
    _put(catalog_dict, where, value)
    assert path in refused_at(write_json(catalog_dict))
    # the shipped schema says the same, with or without a format checker (without one,
    # only the calendar is left unchecked: the pattern lets 2023-02-30 by)
    assert not WITH_FORMATS.is_valid(catalog_dict)
    assert WITHOUT_FORMATS.is_valid(catalog_dict) is (value == "2023-02-30")


@pytest.mark.parametrize(("where", "path"), DATE_FIELDS)
def test_a_full_date_is_read_as_a_date(
    catalog_dict: dict[str, Any], write_json: Any, where: tuple[str | int, ...], path: str
) -> None:
    import datetime as dt

    _put(catalog_dict, where, "2023-07-14")
    catalog_dict["events"][0]["references"][1]["evidence"][0]["fields"].append("date")
    node: Any = apt.load_dataset(write_json(catalog_dict)).catalog
    for key in where:
        node = node[key] if isinstance(key, int) else getattr(node, key)
    assert type(node) is dt.date
    assert node == dt.date(2023, 7, 14)


def test_a_date_in_python_is_a_date_not_a_string_or_a_datetime() -> None:
    import datetime as dt

    event = apt.get_event()
    fields = event.model_dump()
    for wrong in ["2023-07-14", dt.datetime(2023, 7, 14), 1689292800]:
        with pytest.raises(ValueError, match="start_date"):
            apt.Event(**{**fields, "start_date": wrong})
