"""The shipped JSON Schema: generated from the models, and the data validates against it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import typing
from pathlib import Path

import jsonschema

import aseanplus3_events as apt
from aseanplus3_events import models
from aseanplus3_events.build import json_schema
from conftest import ROOT

DATA = ROOT / "src" / "aseanplus3_events" / "data"


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_shipped_schema_is_the_catalog_models_schema() -> None:
    shipped = load("catalog.schema.json")
    assert shipped == json_schema(), (
        "catalog.schema.json is not the models' schema: rebuild the data "
        "(PYTHONPATH=src python -m aseanplus3_events.build)"
    )
    # the models' own schema, less the docstring examples in descriptions
    assert json.dumps(shipped).replace('"description"', "") != json.dumps(shipped)
    assert ">>>" not in json.dumps(shipped)
    generated = apt.Catalog.model_json_schema()
    assert generated["properties"] == shipped["properties"]
    assert generated["$defs"].keys() == shipped["$defs"].keys()
    for name, definition in generated["$defs"].items():
        assert definition.get("properties") == shipped["$defs"][name].get("properties")


def test_bundled_data_validates_against_the_shipped_schema() -> None:
    schema = load("catalog.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(load("catalog.json"))


def test_schema_rejects_what_the_models_reject(tmp_path: Path) -> None:
    schema = load("catalog.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    data = load("catalog.json")
    data["events"][0]["attendance_mode"] = "virtual"
    data["events"][0]["extra"] = 1
    data["people"][0]["id"] = "Julia Mao"
    errors = {tuple(e.absolute_path) for e in validator.iter_errors(data)}
    assert errors == {("events", 0, "attendance_mode"), ("events", 0), ("people", 0, "id")}


def test_schema_pins_the_public_shape() -> None:
    defs = apt.Catalog.model_json_schema()["$defs"]
    assert defs["AttendanceMode"]["enum"] == ["in_person", "online", "hybrid"]
    assert defs["EventStatus"]["enum"] == ["scheduled", "held", "cancelled", "postponed"]
    assert defs["ParticipationRole"]["enum"] == [
        "guidance", "organizer", "co_organizer", "host", "supporter", "sponsor", "partner",
        "participant",
    ]  # fmt: skip
    assert list(defs["Evidence"]["properties"]) == [
        "id", "source_id", "start", "end", "quote", "prefix", "suffix", "fields", "items",
    ]  # fmt: skip
    assert set(defs["Event"]["required"]) == {
        "id", "name", "kind", "start_date", "end_date", "source_ids", "evidence",
    }  # fmt: skip
    start_date = dict(defs["Event"]["properties"]["start_date"])
    assert "YYYY-MM-DD" in start_date.pop("description")  # prose: not the shape
    assert start_date == {
        "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "title": "Start Date",
        "type": "string",
    }  # fmt: skip
    assert defs["Event"]["additionalProperties"] is False
    assert set(apt.Catalog.model_json_schema()["properties"]) == {
        "schema_version", "data_version", "title", "creators", "license", "base_iri", "events",
        "organizations", "people", "topics", "countries", "sources",
    }  # fmt: skip


def test_the_schema_is_the_same_without_docstrings() -> None:
    """cpython#81283: descriptions are strings, not docstrings, which ``python -OO`` drops
    (and Python 3.13 re-indents: .ci/run runs the suite, and so the fresh-build test, on
    the newest supported Python too)."""
    code = "import json, sys; from aseanplus3_events.build import json_schema; "
    code += "sys.stdout.write(json.dumps(json_schema()))"
    result = subprocess.run(
        [sys.executable, "-OO", "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == json_schema()


def test_descriptions_do_not_depend_on_docstring_indentation() -> None:
    """cpython#81283: Python 3.13 strips a docstring's indentation at compile time."""
    indented = "Drop me.\n\n    Examples:\n        >>> 1\n        1\n    "
    stripped = "Drop me.\n\nExamples:\n    >>> 1\n    1\n"
    docs = []
    for doc in (indented, stripped, None):
        cls = type("Kind", (), {"__doc__": doc})
        docs.append(models._described("Kept.", "Values:\n\n- ``a``: A.")(cls).__doc__)
    assert docs[0] == docs[1] == ("Kept.\n\nValues:\n\n- ``a``: A.\n\nExamples:\n    >>> 1\n    1")
    assert docs[2] == "Kept.\n\nValues:\n\n- ``a``: A."


def test_the_api_reference_shows_each_models_description() -> None:
    """A model's description (its JSON Schema's) is written once, in its decorator; the API
    reference reads it there (mkdocs_hooks.Described), before the docstring's examples."""
    import griffe

    tree = ast.parse((ROOT / "src" / "aseanplus3_events" / "models.py").read_text("utf-8"))
    described = [
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(
            ast.unparse(d).startswith(("_described(", "_defined(")) for d in node.decorator_list
        )
    ]
    assert len(described) >= 25
    loaded = griffe.load(
        "aseanplus3_events.models",
        search_paths=[ROOT / "src"],
        extensions=griffe.load_extensions(f"{ROOT / 'mkdocs_hooks.py'}:Described"),
        allow_inspection=False,
    )
    for name in described:
        shown, _, examples = loaded[name].docstring.value.partition("Examples:")
        runtime = getattr(models, name).__doc__ or ""
        assert shown.split() == runtime.split("Values:")[0].split("Examples:")[0].split(), name
        assert examples.split() == runtime.partition("Examples:")[2].split(), name


def _holds(annotation: object, pattern: str) -> bool:
    """Whether a field's type is, or holds, a string constrained by ``pattern``."""
    marks = getattr(annotation, "__metadata__", ())
    return any(getattr(m, "schema", {}).get("pattern") == pattern for m in marks) or any(
        _holds(a, pattern) for a in typing.get_args(annotation)
    )


def test_each_fact_is_marked_as_what_it_holds() -> None:
    """models.py marks each fact where it is declared (FACT, VERBATIM, ITEMS): a fact in
    the source's words is VERBATIM (its words are checked against its quote) and one that
    lists ids is ITEMS (each id is cited); marked FACT, either would go unchecked."""
    slug = models.Evidence.model_fields["id"].metadata[0].schema["pattern"]
    records = [m for m in vars(models).values() if getattr(m, "fact_fields", ())]
    assert {m.__name__ for m in records} >= {"Event", "Session", "Statement", "Country"}
    for model in records:
        for name in (f for f in model.fact_fields if "." not in f):
            annotation = model.model_fields[name].annotation
            where = f"models.py: {model.__name__}.{name}"
            if _holds(annotation, models.TEXT_PATTERN):
                assert name in model.verbatim_fields, f"{where} is text: mark it VERBATIM"
            if typing.get_origin(annotation) is tuple and _holds(annotation, slug):
                assert name in model.item_fields, f"{where} lists ids: mark it ITEMS"
    assert apt.Event.fact_fields[-4:] == tuple(f"location.{f}" for f in apt.Place.fact_fields)
