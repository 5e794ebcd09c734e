"""Every field of every model reaches every view that shows records: the JSON-LD graph,
the search index and the data model's page (the tables have their own test, in
test_tables.py).  A field added to a model and to nothing else fails here, naming the
place to map it, unless it is on a list below with the reason it stays out.

Reach is measured, not declared: for each field, one record of the invented corpus (or,
for what it leaves empty, of the bundled data) that fills it is given another value of
the same type (another member of its vocabulary, a day later, one more word), and the
view must change.  A field no record fills cannot be tried, and fails too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import aseanplus3_events as apt
from aseanplus3_events import models
from aseanplus3_events.exports.jsonld import jsonld_bytes
from aseanplus3_events.fulltext import documents
from aseanplus3_events.loading import record_fields
from aseanplus3_events.models import Catalog

ROOT = Path(__file__).resolve().parents[1]
Step = tuple[str, int | None]  # a field of the parent, and the place in it if a tuple

#: Fields the JSON-LD graph leaves out, each with its reason (docs/jsonld.md).
NOT_IN_JSONLD = {
    "Catalog.schema_version": "the file's format, not a fact about an event",
    "Catalog.data_version": "the package's release of the data, not a fact",
    "Catalog.title": "the dataset's metadata (datapackage.json, the citation)",
    "Catalog.creators": "the dataset's metadata (datapackage.json, the citation)",
    "Catalog.license": "the dataset's metadata (datapackage.json, the citation)",
    "Source.language": "the text's language; the graph quotes no text of it",
    "Source.sha256": "a digest of the text the graph does not carry",
    "Source.text": "the whole article: the annotations export carries it",
    "Evidence.*": "provenance is the W3C annotations export (docs/provenance.md)",
    "Session.event_id": "subEvent/superEvent already link a session to its event",
    "Country.source_id": "the reference data's source: provenance, not a fact",
    "Attendance.id": "a figure is a sentence of the event's rdfs:comment (schema.org has "
    "no term for how many came), not a node with an @id",
    "Country.alternate_names": "countries are reference data: their code and name "
    "(docs/jsonld.md); the tables and search have the other names",
    "Organization.mission": "its clauses are words of the description, which the graph "
    "carries whole (schema.org has no term for a mission)",
}

#: Fields no record of the corpus or the bundled data fills: no change can try them, so
#: their reach is not known; each is here until a record fills it.
UNFILLED = {
    "Country.groups": "no source states a country's groups (test_corpus.py says why)",
    "Country.note": "no country needs a reading of its own in either dataset",
    "Place.address_region": "no source of either dataset names a region",
    "Source.url": "no source gives a web address, and none is invented",
}

#: Fields search does not index, each with its reason (docs/search.md).
NOT_SEARCHED = {
    "*.id": "ids are looked up (get_event, show), not searched",
    "*.evidence": "a record's quotes are its fields' own words, already indexed",
    "*.source_ids": "ids: the source is not a searchable record",
    "Catalog.*": "the file's metadata, not a record",
    "Source.*": "sources are cited, not searched",
    "Evidence.*": "provenance: the quotes are the fields' own words",
    "Event.start_date": "a date: list_events(start=, end=) selects by date",
    "Event.end_date": "a date: list_events(start=, end=) selects by date",
    "Session.start_date": "a date: search matches words",
    "Reference.date": "a date: search matches words",
    "Reference.period_start": "a date: search matches words",
    "Reference.period_end": "a date: search matches words",
    "Reference.year": "a year: search matches words",
    "Organization.founded": "a year: search matches words",
    "Event.edition": "a number: the words of the event's name say which one it is",
    "Session.ordinal": "a number: its place in the event",
    "Attendance.count": "a number: the figure is found by its label's words",
    "Attendance.count_qualifier": "qualifies a number, which search does not match",
    "Attendance.attendance_mode": "qualifies a figure, found by its label's words",
    "Event.super_event_id": "an id: the event it names is found by its own words",
    "Session.event_id": "an id: its event is found by its own words",
    "Organization.parent_id": "an id: the parent is found by its own words",
    "Organization.parent_relation": "how it relates to its parent_id, an id",
    "Organization.country": "a code: the country is found by its own names",
    "Statement.depends_on": "ids of earlier statements, each found by its own words",
    "Statement.session_ids": "ids: each session is found by its own words",
    "Country.source_id": "an id: sources are cited, not searched",
    "Event.participants_complete": "true or false: no words to match",
}


#: Every ``Model.field`` of the data model (not of `SearchHit`, a search's answer).
MODELS = [
    model
    for name in models.__all__
    if isinstance(model := getattr(models, name), type)
    and issubclass(model, BaseModel)
    and model is not models.SearchHit
]
FIELDS = {f"{model.__name__}.{field}" for model in MODELS for field in model.model_fields}
#: The fields that hold records: tried through the fields of the records they hold.
HOLDERS = {f"{model.__name__}.{field}" for model in MODELS for field in record_fields(model)}


def _walk(node: BaseModel, path: tuple[Step, ...] = ()) -> Iterator[tuple[tuple[Step, ...], Any]]:
    """Every model instance under ``node`` (itself first), with its path."""
    yield path, node
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, BaseModel):
            yield from _walk(value, (*path, (name, None)))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*path, (name, i)))


def _replace(node: Any, path: tuple[Step, ...], field: str, value: object) -> Any:
    """``node`` with the field at ``path`` set to ``value``, every parent copied."""
    if not path:
        return node.model_copy(update={field: value})
    (name, i), rest = path[0], path[1:]
    child = getattr(node, name)
    if i is None:
        new = _replace(child, rest, field, value)
    else:
        new = (*child[:i], _replace(child[i], rest, field, value), *child[i + 1 :])
    return node.model_copy(update={name: new})


def _other(value: object, ids: dict[str, list[str]]) -> object:
    """Another value of the same type as ``value`` (another record's id for an id), or
    None where there is none to make."""
    if isinstance(value, str) and value in ids:
        return next((i for i in ids[value] if i != value), None)
    if isinstance(value, StrEnum):
        return next((m for m in type(value) if m != value), None)
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, str):
        return f"{value} Zanzibarish"
    if isinstance(value, tuple) and value and not isinstance(value[0], BaseModel):
        last = _other(value[-1], {k: [i for i in v if i not in value] for k, v in ids.items()})
        return None if last is None else (*value[:-1], last)
    return None


def _cases(catalog: Catalog) -> dict[str, tuple[tuple[Step, ...], str, object]]:
    """Per ``Model.field``, the first record that fills it: its path, the field and
    another value for it.  Nested records (a tuple of models, a place) are tried as
    records of their own."""
    cases: dict[str, tuple[tuple[Step, ...], str, object]] = {}
    records = [record for _, record in _walk(catalog)]
    pools: dict[type, list[str]] = {}
    for record in records:  # the ids (a country's code) of each kind of record
        key = getattr(record, "id", None) or getattr(record, "code", None)
        if isinstance(key, str):
            pools.setdefault(type(record), []).append(key)
    ids = {i: pool for pool in pools.values() for i in pool}
    for path, record in _walk(catalog):
        for field in type(record).model_fields:
            key = f"{type(record).__name__}.{field}"
            if key not in cases and (other := _other(getattr(record, field), ids)) is not None:
                cases[key] = (path, field, other)
    return cases


def _dataset(catalog: Catalog) -> apt.Dataset:
    """A dataset over ``catalog`` without its checks (as the bundled one is made): a
    changed quote no longer matches its field, and these tests ask what a view shows,
    not whether the data is sound."""
    return apt.Dataset._checked_by_the_build(catalog, "reach")


def _excluded(key: str, exclusions: dict[str, str]) -> bool:
    model, field = key.split(".")
    return any(k in exclusions for k in (key, f"{model}.*", f"*.{field}"))


def _unreached(
    catalogs: list[Catalog], view: Callable[[Catalog], object], exclusions: dict[str, str]
) -> list[str]:
    """The fields whose change leaves ``view`` as it was, each tried in the first of
    ``catalogs`` that fills it; and, as not tried, every field none fills."""
    unreached, tried = [], set()
    for catalog in catalogs:
        before = view(catalog)
        for key, (path, field, other) in sorted(_cases(catalog).items()):
            if key in tried or _excluded(key, exclusions):
                continue
            tried.add(key)
            try:
                after = view(_replace(catalog, path, field, other))
            except Exception:  # an id the view looked up and did not find: it reads it
                continue
            if after == before:
                unreached.append(key)
    untried = FIELDS - tried - HOLDERS - set(UNFILLED)
    return unreached + sorted(k for k in untried if not _excluded(k, exclusions))


def _message(key: str, unreached: str, place: str, exclusions: str) -> str:
    return (
        f"{key} {unreached}: map it in {place}, or add {key!r} with the reason to "
        f"{exclusions} in tests/test_reach.py; or, if no record fills it, no test can "
        "tell: give one a value, with its evidence, in tests/corpus/ (see test_corpus.py)"
    )


@pytest.fixture(scope="module")
def catalogs(corpus_dataset: apt.Dataset) -> list[Catalog]:
    """The invented corpus, which fills every field it can (test_corpus.py), then the
    bundled data, for what the corpus leaves empty."""
    return [corpus_dataset.catalog, apt.default_dataset().catalog]


def test_every_field_reaches_the_jsonld_graph(catalogs: list[Catalog]) -> None:
    unreached = _unreached(catalogs, lambda c: jsonld_bytes(_dataset(c)), NOT_IN_JSONLD)
    assert not unreached, "\n".join(
        _message(
            key,
            "reaches no node of the JSON-LD graph",
            "src/aseanplus3_events/exports/jsonld.py (and say how in docs/jsonld.md)",
            "NOT_IN_JSONLD",
        )
        for key in unreached
    )
    stale = [k for k in (*NOT_IN_JSONLD, *NOT_SEARCHED, *UNFILLED) if "*" not in k]
    stale = [k for k in stale if k not in FIELDS]
    assert not stale, f"exclusions of fields no model has: {stale}"


def _search_view(catalog: Catalog) -> list[object]:
    return list(documents(catalog))


def test_every_text_field_reaches_the_search_index(catalogs: list[Catalog]) -> None:
    unreached = _unreached(catalogs, _search_view, NOT_SEARCHED)
    assert not unreached, "\n".join(
        _message(
            key,
            "reaches no searched text",
            "its kind's text (TEXTS) in src/aseanplus3_events/fulltext.py (and docs/search.md)",
            "NOT_SEARCHED",
        )
        for key in unreached
    )


def test_the_reach_tests_fail_on_a_field_that_reaches_nothing(catalogs: list[Catalog]) -> None:
    """A change no view shows (a field the views never read) is reported, named; so is a
    field no record fills, which no change can try."""
    unreached = _unreached(catalogs, lambda c: "the same view", {})
    assert "Session.title" in unreached
    assert "Event.name" in unreached
    empty = [c.model_copy(update={"events": ()}) for c in catalogs]  # no session at all
    assert "Session.title" in _unreached(empty, lambda c: "the same view", {})


def test_the_data_model_page_names_every_field_of_every_model() -> None:
    """docs/data-model.md's table of records lists each model's fields, every one."""
    page = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| (.*) \|[^|\n]*\|$", page, re.MULTILINE))
    missing = []
    for key in sorted(FIELDS):
        name, field = key.split(".")
        if name not in ("Catalog", "SearchHit") and f"`{field}`" not in rows.get(name, ""):
            missing.append(key)
    assert rows, "the table of records was not found in docs/data-model.md"
    assert not missing, (
        f"docs/data-model.md's table of records does not name {missing}: add each to its "
        "model's row, with what it holds"
    )
