"""Loading: nothing accepted silently, safe across processes, the bundled file trusted
only after its digest matches and then built into exactly the records validation gives."""

from __future__ import annotations

import copy
import decimal
import json
import os
import re
import subprocess
import sys
import typing
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import aseanplus3_events as apt
from aseanplus3_events import construct, loading
from conftest import EVENT_ID, ROOT, rich_catalog_dict

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
    if "references" in where:  # evidence names a field that has a value
        catalog_dict["events"][0]["references"][1]["evidence"][0]["fields"].append("date")
    node: Any = apt.load_dataset(write_json(catalog_dict)).catalog
    for key in where:
        node = node[key] if isinstance(key, int) else getattr(node, key)
    assert type(node) is dt.date
    assert node == dt.date(2023, 7, 14)


def test_a_date_in_python_is_a_date_not_a_string_or_a_datetime() -> None:
    import datetime as dt

    event = apt.get_event(EVENT_ID)
    fields = event.model_dump()
    for wrong in ["2023-07-14", dt.datetime(2023, 7, 14), 1689292800]:
        with pytest.raises(ValueError, match="start_date"):
            apt.Event(**{**fields, "start_date": wrong})


@pytest.mark.parametrize("value", [v for v in NOT_A_FULL_DATE if v != "2023-02-30"] + [0, 1.5])
def test_lax_mode_for_json_load_data_reads_full_dates_only(value: object) -> None:
    # The documented way to validate json.load's output (docs/data-model.md) is lax mode,
    # where pydantic's own date would read "0" as 1970-01-01.
    data = apt.get_event(EVENT_ID).model_dump(mode="json")
    assert apt.Event.model_validate(data, strict=False) == apt.get_event(EVENT_ID)
    data["start_date"] = value
    with pytest.raises(ValueError, match="start_date"):
        apt.Event.model_validate(data, strict=False)


# --- duplicate keys -------------------------------------------------------------------


def test_a_key_twice_is_refused_at_its_path_every_one(
    catalog_dict: dict[str, Any], write_json: Any
) -> None:
    text = json.dumps(catalog_dict, ensure_ascii=False)
    # Duplicate keys cannot be made with json.dumps: write them into the text.
    text = text.replace(
        '"start_date": "2023-07-14"', '"start_date": "2023-07-14", "start_date": "2023-07-15"', 1
    )
    text = text.replace('"name": "Julia Mao"', '"name": "Julia Mao", "name": "X", "name": "Y"', 1)
    text = text.replace('"data_version": ', '"data_version": "0", "data_version": ', 1)
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(write_json(text))
    assert [(p.path, p.message.split(";")[0]) for p in info.value.problems] == [
        ("$.data_version", "the key occurs 2 times in this object"),
        ("$.events[0].start_date", "the key occurs 2 times in this object"),
        ("$.people[0].name", "the key occurs 3 times in this object"),
    ]


def test_a_misspelt_controlled_value_names_the_closest_valid_one(
    catalog_dict: dict[str, Any], write_json: Any
) -> None:
    # as the build does (`validate FILE` said only "Input should be 'seminar', 'forum', ...")
    event = catalog_dict["events"][0]
    kind, role = event["kind"], event["participations"][0]["role"]
    event["kind"], event["participations"][0]["role"] = kind[:-1], role[1:]
    event["status"] = "zzzzqq"  # nothing close: the valid values, in the same words
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(write_json(catalog_dict))
    problems = dict(info.value.problems)
    said = problems.pop("$.events[0].kind")
    assert said.startswith(f"{kind[:-1]!r}: did you mean {kind!r}? (the values: ")
    assert re.findall(r"'(\w+)'", said)[2:] == list(apt.EventKind)
    nested = problems.pop("$.events[0].participations[0].role")
    assert nested.startswith(f"{role[1:]!r}: did you mean {role!r}? (the values: ")
    (status,) = problems.values()
    assert status.startswith("'zzzzqq': not one of the values (the values: ")
    assert re.findall(r"'(\w+)'", status)[1:] == list(apt.EventStatus)


def test_a_schema_problem_names_the_bad_value_and_the_rule_in_words(
    catalog_dict: dict[str, Any], write_json: Any
) -> None:
    # a new user's trial: `validate` said "Input should be a valid integer" (of "1") and
    # "String should match pattern '^[0-9]{4}-...'", never the value it did not take
    event = catalog_dict["events"][0]
    event["id"], event["start_date"], event["end_date"] = (
        "Clean Air 2024",
        "2023-7-14",
        "2023-02-30",
    )
    event["sessions"][0]["ordinal"], event["sessions"][0]["topics"] = "1", "air"
    event["name"] = "Seminar " * 20 + " "  # a long value is shortened
    event["evidence"][0]["start"] = -7
    catalog_dict["countries"][0]["code"] = "China"
    catalog_dict["organizations"][0]["country"] = "jp"  # JP, as the file lists it
    event["sessions"][1]["titel"] = "Green finance"  # a misspelt key: the field it is near
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(write_json(catalog_dict))
    said = dict(info.value.problems)
    assert "'1' (a string)" in said["$.events[0].sessions[0].ordinal"]
    assert "'air' (a string)" in said["$.events[0].sessions[0].topics"]
    assert "-7" in said["$.events[0].evidence[0].start"]
    start, end = said["$.events[0].start_date"], said["$.events[0].end_date"]
    assert "'2023-7-14'" in start
    assert "dates are written YYYY-MM-DD, such as 20" in start
    assert "2023-02-30" in end
    assert "February 2023 has 28 days" in end
    assert "datetime" not in end
    slug = said["$.events[0].id"]
    assert "'Clean Air 2024'" in slug
    assert "'clean-air-2024'" in slug
    assert "lowercase letters, digits and hyphens" in slug
    code = said["$.countries[0].code"]
    assert "'China'" in code
    assert "two capital letters" in code
    assert "ISO 3166-1 alpha-2" in code
    assert said["$.organizations[0].country"].endswith("'jp': not an ISO 3166-1 alpha-2 code: two "
                                                       "capital letters, such as 'JP'")  # fmt: skip
    assert "did you mean 'title'?" in said["$.events[0].sessions[1].titel"]
    name = said["$.events[0].name"]
    assert "'Seminar Seminar" in name
    assert "…" in name
    assert len(name) < 160
    assert not any("pattern" in m or "^" in m for m in said.values()), said


def test_a_file_not_in_utf8_names_the_byte_and_says_to_save_it_as_utf8(
    seminar_file: Path, write_json: Any
) -> None:
    data = seminar_file.read_bytes()
    at = data.index(b"Julia Mao")
    bad = data[:at] + "Julia Mão".encode("latin-1") + data[at + 9 :]  # a Windows editor's
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(write_json(bad))
    line = data[:at].count(b"\n") + 1
    (problem,) = info.value.problems
    assert problem == apt.Problem("$", f"not UTF-8 (byte {at + 7}, line {line}): save it as UTF-8")


def test_a_key_twice_is_listed_with_the_other_problems(
    catalog_dict: dict[str, Any], write_json: Any
) -> None:
    catalog_dict["events"][0]["kind"] = "party"
    text = json.dumps(catalog_dict).replace('"end_date": ', '"end_date": 1, "end_date": ', 1)
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(write_json(text))
    assert [p.path for p in info.value.problems] == ["$.events[0].end_date", "$.events[0].kind"]


@pytest.mark.parametrize(
    "spacing", ['"quote" :', '"quote"\n\t:', '"quote"\r\n :'], ids=["space", "tab", "crlf"]
)
def test_a_key_twice_is_found_whatever_the_spacing(
    catalog_dict: dict[str, Any], write_json: Any, spacing: str
) -> None:
    text = json.dumps(catalog_dict).replace('"quote":', spacing)
    plain = apt.load_dataset(write_json(catalog_dict, "plain.json")).catalog
    assert apt.load_dataset(write_json(text)).catalog == plain
    twice = text.replace(spacing, f'{spacing} "x", {spacing}', 1)  # the first quote in the file
    assert refused_at(write_json(twice)) == ["$.events[0].participations[0].evidence[0].quote"]


def test_colons_and_escaped_quotes_in_text_are_not_duplicates(
    catalog_dict: dict[str, Any], write_json: Any
) -> None:
    # ":" and '\\":' inside strings make the quick count disagree; the exact search
    # then finds no duplicate, and the file loads.
    catalog_dict["sources"][0]["note"] = 'Read as: "quoted": yes; "a" :b'
    assert apt.load_dataset(write_json(catalog_dict)).sources()[0].note.startswith("Read as")


# --- the bundled file: built without a second validation, exactly as validation would ---


def assert_identical(built: object, validated: object, where: str = "$") -> None:
    """Equal values of identical types at every level, fields in the same order, the same
    fields given: what model_validate_json makes, made another way."""
    assert type(built) is type(validated), where
    if isinstance(validated, BaseModel):
        assert isinstance(built, BaseModel)
        assert list(built.__dict__) == list(validated.__dict__), where
        assert built.model_fields_set == validated.model_fields_set, where
        assert built.__pydantic_extra__ == validated.__pydantic_extra__, where
        assert built.__pydantic_private__ == validated.__pydantic_private__, where
        for name, value in validated.__dict__.items():
            assert_identical(built.__dict__[name], value, f"{where}.{name}")
    elif isinstance(validated, tuple):
        assert isinstance(built, tuple)
        assert len(built) == len(validated), where
        for i, (b, v) in enumerate(zip(built, validated, strict=True)):
            assert_identical(b, v, f"{where}[{i}]")
    else:
        assert built == validated, where


def _models_in(cls: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """Every model reachable from cls through its fields' annotations."""
    seen.add(cls)

    def walk(annotation: object) -> None:
        is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
        if is_model and annotation not in seen:
            _models_in(annotation, seen)
        for arg in typing.get_args(annotation):
            walk(arg)

    for info in cls.model_fields.values():
        walk(info.annotation)
    return seen


def _models_built(record: object, found: set[type]) -> set[type]:
    if isinstance(record, BaseModel):
        found.add(type(record))
        for value in record.__dict__.values():
            _models_built(value, found)
    elif isinstance(record, tuple):
        for value in record:
            _models_built(value, found)
    return found


def test_the_bundled_file_is_built_exactly_as_validation_builds_it() -> None:
    data = loading.read_bundled(loading.DATA_FILE)
    validated = apt.Catalog.model_validate_json(data)
    assert_identical(construct.build(apt.Catalog, json.loads(data)), validated)
    assert_identical(apt.default_dataset().catalog, validated)
    # every model of the schema is in the bundled file or in one with every field filled,
    # so every one was compared
    rich = json.dumps(rich_catalog_dict())
    filled = apt.Catalog.model_validate_json(rich)
    assert_identical(construct.build(apt.Catalog, json.loads(rich)), filled)
    found = _models_built(validated, set()) | _models_built(filled, set())
    assert found == _models_in(apt.Catalog, set())


def test_generated_datasets_are_built_exactly_as_validation_builds_them() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import make_bytes
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    for events in (1, 3, 40):
        data = make_bytes(events, seed=events)
        assert_identical(
            construct.build(apt.Catalog, json.loads(data)), apt.Catalog.model_validate_json(data)
        )


def test_records_given_the_same_fields_share_one_set_that_a_copy_never_changes(
    tmp_path: Path,
) -> None:
    """A loaded file's records given the same field names share one set of those names
    (what keeps a large load's memory and collector time down: benchmarks/run.py); what a
    caller changes in one record's ``model_fields_set``, or a copy with an update
    (pydantic's way to change a frozen record), changes no other."""
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(rich_catalog_dict()), encoding="utf-8")
    records = [record for _, record in loading.walk(apt.load_dataset(path).catalog)]
    records = [r for r in records if len(r.model_fields_set) < len(type(r).model_fields)]
    first, second = next(
        (a, b) for a in records for b in records
        if a is not b and a.model_fields_set == b.model_fields_set
    )  # fmt: skip
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    before = set(second.model_fields_set)
    first.model_fields_set.add("not-a-field")
    first.model_fields_set.clear()
    unset = next(name for name in type(first).model_fields if name not in before)
    copied = first.model_copy(update={unset: getattr(first, unset)})
    assert unset in copied.model_fields_set
    assert second.model_fields_set == first.model_fields_set == before


def _strategy(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    """JSON values valid against one node of the shipped schema (its shape, not its
    integrity checks), each optional field present, null or absent."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return st.deferred(lambda: _strategy(SCHEMA["$defs"][name]))
    if "anyOf" in node:
        return st.one_of([_strategy(option) for option in node["anyOf"]])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(node.get("minimum"), node.get("maximum"))
    if kind == "string":
        if node.get("format") == "date":
            return st.dates().map(lambda d: d.isoformat())
        if "pattern" in node:
            return st.from_regex(node["pattern"].replace("$", r"\Z"), fullmatch=True)
        return st.text(min_size=node.get("minLength", 0), max_size=12)
    if kind == "array":
        low = node.get("minItems", 0)
        return st.lists(_strategy(node["items"]), min_size=low, max_size=low + 2)
    if kind == "object":
        required = set(node.get("required", ()))
        fields = {
            name: _strategy(sub) if name in required else st.just(_ABSENT) | _strategy(sub)
            for name, sub in node["properties"].items()
        }
        return st.fixed_dictionaries(fields).map(
            lambda d: {k: v for k, v in d.items() if v is not _ABSENT}
        )
    raise AssertionError(f"the test does not know the schema node {node}")


_ABSENT = object()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_strategy(SCHEMA))
def test_any_shape_the_schema_allows_is_built_exactly_as_validation_builds_it(
    document: dict[str, Any],
) -> None:
    data = json.dumps(document).encode()
    assert_identical(
        construct.build(apt.Catalog, json.loads(data)), apt.Catalog.model_validate_json(data)
    )


def test_a_field_type_construct_does_not_know_is_refused_not_guessed() -> None:
    class Odd(BaseModel):
        ratio: float

    with pytest.raises(TypeError, match="cannot build"):
        construct.build(Odd, {"ratio": 1})


def test_the_bundled_file_is_not_validated_or_checked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Validation on the bundled path would go through Catalog's validator; the build
    # ran the integrity checks on the file whose digest matched.
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated or checked the bundled file again")

    from aseanplus3_events import checks

    monkeypatch.setattr(apt.Catalog, "model_validate_json", refuse)
    monkeypatch.setattr(apt.Catalog, "model_validate", refuse)
    monkeypatch.setattr(checks, "check", refuse)
    monkeypatch.setattr(loading, "_default", None)
    assert apt.default_dataset().get_event(EVENT_ID).start_date.isoformat() == "2023-07-14"


def test_a_users_file_is_always_validated(write_json: Any) -> None:
    # The same bytes as the bundled file, elsewhere, are not trusted.
    data = loading.read_bundled(loading.DATA_FILE).replace(b'"2023-07-14"', b'"0"', 1)
    n = [e.id for e in apt.default_dataset().catalog.events].index(EVENT_ID)
    assert refused_at(write_json(data)) == [f"$.events[{n}].start_date"]


# --- across processes -----------------------------------------------------------------


def test_a_dataset_pickles_and_deep_copies_as_its_catalog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import copy
    import pickle

    from aseanplus3_events import checks

    ds = apt.default_dataset()
    ds.search("carbon")  # a built search index is not part of the state

    def refuse(*args: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(checks, "check", refuse)
    for twin in (pickle.loads(pickle.dumps(ds)), copy.deepcopy(ds), copy.copy(ds)):
        assert type(twin) is apt.Dataset
        assert twin is not ds
        assert repr(twin) == repr(ds)
        assert twin.catalog == ds.catalog
        assert twin.get_event(EVENT_ID) == ds.get_event(EVENT_ID)
        assert twin.sessions_by_topic("carbon markets") == ds.sessions_by_topic("carbon markets")
        assert twin.search("carbon") == ds.search("carbon")
    assert copy.deepcopy(ds).catalog is not ds.catalog


def test_a_dataset_goes_to_a_spawn_pool_and_back(write_json: Any) -> None:
    import multiprocessing
    from operator import methodcaller

    ds = apt.load_dataset(write_json(loading.read_bundled(loading.DATA_FILE)))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        events = pool.map(methodcaller("get_event", EVENT_ID), [ds, ds])
        hits = pool.apply(methodcaller("search", "green finance"), (ds,))
        origins = pool.map(repr, [ds])
    assert events == [ds.get_event(EVENT_ID), ds.get_event(EVENT_ID)]
    assert hits == ds.search("green finance")
    assert origins == [repr(ds)]


FORK_DURING_LOAD = """
import gc, os, signal, threading
import aseanplus3_events as apt
from aseanplus3_events import dataset, loading

inside, release = threading.Event(), threading.Event()
real = dataset.Dataset._build

def slow_build(self, catalog, origin):  # runs under the lock
    inside.set()
    release.wait()
    real(self, catalog, origin)

dataset.Dataset._build = slow_build
loader = threading.Thread(target=apt.default_dataset)
loader.start()
inside.wait()
pid = os.fork()  # while the other thread holds the load's lock
if pid == 0:
    dataset.Dataset._build = real
    signal.alarm(20)  # a deadlock ends the child with SIGALRM, not a hung test
    ok = apt.get_event("apt-low-carbon-seminar-2023").start_date.year == 2023 and gc.isenabled()
    os._exit(0 if ok else 1)
release.set()
loader.join()
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status), gc.isenabled())
"""

FORK_DURING_SEARCH_BUILD = """
import os, signal, threading
import aseanplus3_events as apt

ds = apt.default_dataset()
held, release = threading.Event(), threading.Event()

def builder():  # as a thread building the search index holds the lock
    with ds._search_lock:
        held.set()
        release.wait()

thread = threading.Thread(target=builder)
thread.start()
held.wait()
pid = os.fork()  # while the other thread holds the search lock
if pid == 0:
    signal.alarm(20)
    os._exit(0 if ds.search("green finance") else 1)
release.set()
thread.join()
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status), bool(ds.search("green finance")))
"""


# Nothing is imported or locked in the parent for a fork it did not ask for: a program
# that imports the package and forks pays nothing, and the child works.
FORK_IMPORTS_NOTHING = """
import os, signal, sys
import aseanplus3_events as apt

before = set(sys.modules)
pid = os.fork()
if pid == 0:
    signal.alarm(20)
    os._exit(0 if apt.search("carbon markets") else 1)
_, status = os.waitpid(pid, 0)
lazy = {"sqlite3", "aseanplus3_events.fulltext", "aseanplus3_events.construct"} & set(sys.modules)
print(os.waitstatus_to_exitcode(status), not lazy and set(sys.modules) == before)
"""


@pytest.mark.parametrize(
    "script",
    [FORK_DURING_LOAD, FORK_DURING_SEARCH_BUILD, FORK_IMPORTS_NOTHING],
)
def test_a_fork_during_a_load_or_an_index_build_leaves_a_working_child(script: str) -> None:
    # Before the fix the child waited forever on a lock the loading thread held
    # (SIGALRM: exit code -14).  The child gets fresh locks (os.register_at_fork's
    # after_in_child); the parent does nothing before a fork.
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True"]


# --- the shipped schema and the loader agree ----------------------------------------------
#
# A differential test: mutate the bundled catalog (values replaced by other JSON types
# and edge values; keys dropped, added, duplicated; strings reformatted) and compare
# the verdicts.  CI runs a few hundred examples; a larger run:
#
#     APT_EXAMPLES=20000 pytest tests/test_loading.py -k differential

EXAMPLES = int(os.environ.get("APT_EXAMPLES", "250"))
BUNDLED_JSON: dict[str, Any] = json.loads(loading.read_bundled(loading.DATA_FILE))


def _paths(node: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield loc
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*loc, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*loc, i))


def _get(node: Any, loc: tuple[str | int, ...]) -> Any:
    for key in loc:
        node = node[key]
    return node


def _by_place(paths: list[tuple[str | int, ...]]) -> st.SearchStrategy[tuple[str | int, ...]]:
    """A path, drawn so that every place in the schema (a path with its indices left out)
    is as likely as every other, however many nodes the file has there."""
    places: dict[tuple[str, ...], list[tuple[str | int, ...]]] = {}
    for path in paths:
        places.setdefault(tuple("[]" if isinstance(k, int) else k for k in path), []).append(path)
    return st.sampled_from(sorted(places)).flatmap(lambda place: st.sampled_from(places[place]))


PATHS = _by_place([p for p in _paths(BUNDLED_JSON) if p])
OBJECT_PATHS = _by_place(
    [p for p in _paths(BUNDLED_JSON) if isinstance(_get(BUNDLED_JSON, p), dict)]
)
KEYS = sorted({p[-1] for p in _paths(BUNDLED_JSON) if p and isinstance(p[-1], str)})


class Raw(str):
    """JSON text written as it is (``1e3``), not as a Python value would be dumped."""


EDGE_VALUES = st.sampled_from([
    None, True, False, 0, -1, 1, 2023, 10**20, "", " ", "x", "0", "1689292800", "2023-7-14",
    "2023-07-14T00:00:00Z", " 2023-07-14", "2023-07-14\n", "apt-low-carbon-seminar-2023",
    "Carbon markets", "\x1cX", "X\x1f", "\u00a0X", "X\u2028", "\ufeffX", "X\u0085", "X\ry",
    "１", "CN", "cn", "1.1.0", "1.1", "１.1.0", "held", "HELD", [], [None], [""], {}, {"x": 1},
    Raw("1e3"), Raw("1000.0"), Raw("-0"), Raw("1.5"), Raw("2e0"),
])  # fmt: skip
REFORMATS = [
    lambda s: " " + s, lambda s: s + " ", lambda s: s + "\n", lambda s: "\t" + s,
    lambda s: s.upper(), lambda s: s.replace("-", "_"), lambda s: s.replace("-0", "-"),
    lambda s: s + "T00:00:00Z", lambda s: s.replace("-", ""), lambda s: s[:-1], lambda s: "",
]  # fmt: skip


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    """The bundled catalog with one to three mutations, as the bytes of a file."""
    data = copy.deepcopy(BUNDLED_JSON)
    duplicates: list[tuple[tuple[str | int, ...], str, Any]] = []
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["replace", "reformat", "drop", "add", "duplicate", "move"]))
        if how in ("replace", "reformat", "move"):
            loc = draw(PATHS)
            try:
                parent, old = _get(data, loc[:-1]), _get(data, loc)
            except (KeyError, IndexError, TypeError):
                continue  # an earlier mutation removed the place
            if not isinstance(parent, dict | list):
                continue
            if how == "replace":
                value = draw(EDGE_VALUES)
            elif how == "move":
                value = copy.deepcopy(_get(BUNDLED_JSON, draw(PATHS)))
            elif isinstance(old, str):
                value = draw(st.sampled_from(REFORMATS))(old)
            else:
                continue
            parent[loc[-1]] = value
        else:
            loc = draw(OBJECT_PATHS)
            try:
                obj = _get(data, loc)
            except (KeyError, IndexError, TypeError):
                continue
            if not isinstance(obj, dict):
                continue
            if how == "drop" and obj:
                del obj[draw(st.sampled_from(sorted(obj)))]
            elif how == "add":
                obj[draw(st.sampled_from(KEYS))] = draw(EDGE_VALUES)
            elif how == "duplicate" and obj:
                duplicates.append((loc, draw(st.sampled_from(sorted(obj))), draw(EDGE_VALUES)))
    for loc, key, value in duplicates:
        try:
            obj = _get(data, loc)
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(obj, dict) and key in obj:
            # written as a second member just before the first, by a marker key
            obj.update({f"\x00dup\x00{key}": value, **{k: obj.pop(k) for k in list(obj)}})
    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace('"\\u0000dup\\u0000', '"')
    for raw in ("1e3", "1000.0", "-0", "1.5", "2e0"):
        text = text.replace(json.dumps(raw), raw)
    return text.encode()


def _loader_accepts(data: bytes, folder: Path) -> bool:
    path = folder / "mutant.json"
    path.write_bytes(data)
    try:
        apt.load_dataset(path)
    except apt.DatasetError:
        return False
    return True


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=mutants())
def test_differential_what_the_schema_rejects_the_loader_rejects(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    document = json.loads(data)
    if not WITH_FORMATS.is_valid(document):
        assert not _loader_accepts(data, tmp_path_factory.mktemp("m"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=mutants())
def test_differential_what_validation_rejects_the_schema_rejects(data: bytes) -> None:
    # The other way round, for the file's shape (the integrity checks are beyond any
    # JSON Schema).  Read as the standard reads it: patterns with ECMA-262's "$"; and a
    # number written with a fraction or exponent is not an integer here, which JSON
    # Schema's data model cannot say (it calls 1e3 an integer), so the test reads such
    # numbers as Decimal, and the one disagreement left is documented in
    # docs/performance.md.
    try:
        apt.Catalog.model_validate_json(data)
    except ValueError:
        document = json.loads(data, parse_float=decimal.Decimal)
        ecma = jsonschema.validators.extend(
            jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
        )(SCHEMA, format_checker=FORMATS)
        assert not ecma.is_valid(document)


def test_a_key_twice_inside_a_value_that_was_given_twice_is_found_too(
    catalog_dict: dict[str, Any], write_json: Any
) -> None:
    # The first "note" object is dropped by every parser that keeps the last value;
    # its own repeated key is a problem all the same.
    text = json.dumps(catalog_dict).replace(
        '"note": null', '"note": {"x": 1, "x": 2}, "note": null', 1
    )
    paths = refused_at(write_json(text))
    assert paths == [
        "$.events[0].participations[0].note",
        "$.events[0].participations[0].note.x",
    ]


def test_start_up_loads_nothing_it_does_not_use() -> None:
    # Start-up is measured against pydantic's floor (benchmarks/run.py): a module the
    # first lookup does not need costs every command.  importlib.metadata pulls in the
    # email package (a missing extra's message needs it, nothing else does); the exports
    # are imported on first use; the importlib.resources backport imports its own modules
    # and the standard library's, which reads the one file as well; the build checked
    # the bundled file, which is not checked again.
    unused = {
        *("email", "importlib.metadata", "sqlite3", "argparse"),
        *("importlib_resources", "aseanplus3_events.exports", "aseanplus3_events.checks"),
    }
    code = (
        "import sys, aseanplus3_events as apt; apt.get_event();"
        f"print(sorted({unused!r} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    lazy = (  # the names, and each export module under its own name
        "from aseanplus3_events.exports import annotations; print(annotations.__name__);"
        "import aseanplus3_events as apt; print(apt.to_html.__module__, apt.write_html.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", lazy], capture_output=True, text=True, check=True)
    html, annotations = "aseanplus3_events.exports.html", "aseanplus3_events.exports.annotations"
    assert out.stdout.split() == [annotations, html, html]


def test_the_bundled_data_is_read_from_a_zipped_package(tmp_path: Path) -> None:
    # importlib.resources reads the file through the package's loader: a zip import works too.
    package = Path(apt.__file__).parent
    with zipfile.ZipFile(tmp_path / "pkg.zip", "w") as archive:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                archive.write(path, path.relative_to(package.parent))
    code = "import aseanplus3_events as apt; print(apt.__file__, apt.get_event().id)"
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "pkg.zip")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.split() == [f"{tmp_path}/pkg.zip/aseanplus3_events/__init__.py", EVENT_ID]
