"""What holds for any dataset, run over every event and source of each dataset under test:
the bundled one and the invented corpus (``tests/corpus/``, see the ``dataset`` fixture).

A test here names no record: adding an event to either dataset changes nothing here.
The facts of one event are pinned in ``test_facts.py`` (the bundled seminar) and
``test_corpus.py`` (the corpus).
"""

from __future__ import annotations

import base64
import csv
import itertools
import json
import os
import subprocess
import sys
import unicodedata
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import rdflib

import aseanplus3_events as apt
from aseanplus3_events.exports.jsonld import to_jsonld_graph, urn
from conftest import ROOT, cited_records, field_value

sys.path.insert(0, str(ROOT))
import mkdocs_hooks

SCHEMA = rdflib.Namespace("http://schema.org/")


@pytest.fixture(scope="module")
def dataset_file(dataset: apt.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset under test as a file, for the command line's ``--dataset``."""
    path = tmp_path_factory.mktemp("data") / "dataset.json"
    path.write_text(dataset.catalog.model_dump_json(), encoding="utf-8")
    return path


def cli(dataset_file: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "aseanplus3_events", "--dataset", str(dataset_file), *args],
        capture_output=True,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    return result.stdout.decode("utf-8")


# --- provenance ------------------------------------------------------------------------


def test_every_quote_equals_its_span_in_its_own_source(dataset: apt.Dataset) -> None:
    items = [ev for record in cited_records(dataset) for ev in record.evidence]
    assert items
    for ev in items:
        text = dataset.get_source(ev.source_id).text
        assert text is not None, ev.id
        assert text[ev.start : ev.end] == ev.quote, ev.id
    # every source with a text is quoted, and every event cites the sources it names
    texts = {s.id for s in dataset.sources() if s.text is not None}
    assert texts == {ev.source_id for ev in items}
    for event in dataset.list_events():
        cited = {ev.source_id for r in cited_records_of(event) for ev in r.evidence}
        assert set(event.source_ids) == cited, event.id


def cited_records_of(event: apt.Event) -> list[Any]:
    class One:  # cited_records walks the ``catalog`` of what it is given
        catalog = event

    return cited_records(One)  # type: ignore[arg-type]


def test_every_fact_is_cited_and_every_text_is_quoted(dataset: apt.Dataset) -> None:
    for record in cited_records(dataset):
        for field in type(record).fact_fields:
            value = field_value(record, field)
            if value in (None, ()):
                continue
            named = [ev.quote for ev in record.evidence if field in ev.fields]
            assert named, (record.id, field)
            if field in type(record).verbatim_fields:
                words = value if isinstance(value, tuple) else (value,)
                for word in words:
                    if isinstance(word, str):
                        assert any(word in q for q in named), (record.id, field, word)


def test_every_quote_is_tight_and_a_repeated_one_carries_its_context(
    dataset: apt.Dataset,
) -> None:
    for record in cited_records(dataset):
        for ev in record.evidence:
            text = dataset.get_source(ev.source_id).text
            assert text is not None
            assert ev.quote == ev.quote.strip(), ev.id
            assert not ev.quote.startswith(("the ", "a ", "an ")), ev.id  # no leading article
            assert ev.quote.count("“") == ev.quote.count("”"), ev.id
            if text.count(ev.quote) > 1:
                assert ev.prefix or ev.suffix, ev.id
            else:
                assert (ev.prefix, ev.suffix) == (None, None), ev.id


def test_the_editorial_rules_hold(dataset: apt.Dataset) -> None:
    # as the package states them for every dataset (aseanplus3_events.editorial)
    from aseanplus3_events import editorial

    assert editorial.problems(dataset.catalog, bundled=dataset is apt.default_dataset()) == []


def test_every_reading_is_noted_and_listed_in_the_generated_docs(dataset: apt.Dataset) -> None:
    listing = mkdocs_hooks.generated("notes", dataset)
    records = [*cited_records(dataset), *dataset.sources()]
    noted = [r for r in records if getattr(r, "note", None)]
    assert noted
    for record in noted:
        assert f"| `{record.id}` | {record.note} |" in listing, record.id


def _values(node: object) -> list[Enum]:
    """Every controlled value under ``node``."""
    from pydantic import BaseModel

    if isinstance(node, Enum):
        return [node]
    if isinstance(node, BaseModel):
        return [v for name in type(node).model_fields for v in _values(getattr(node, name))]
    if isinstance(node, tuple):
        return [v for item in node for v in _values(item)]
    return []


def test_every_value_in_the_data_is_defined_in_the_generated_docs(dataset: apt.Dataset) -> None:
    tables = mkdocs_hooks.generated("controlled-values", dataset)
    used = set(_values(dataset.catalog))
    assert used
    for value in used:
        assert value.definition.endswith("."), value  # type: ignore[attr-defined]
        assert f"| `{value.value}` | {value.definition} |" in tables, value  # type: ignore[attr-defined]
    topics = mkdocs_hooks.generated("topics", dataset)
    for topic in dataset.topics():
        assert f"| `{topic.id}` | {topic.label} | {topic.description} |" in topics


def test_every_controlled_value_has_a_definition_in_the_schema_and_the_generated_docs() -> None:
    vocabularies = mkdocs_hooks.vocabularies()
    assert {apt.EventKind, apt.ParticipantKind, apt.StatementKind, apt.SourceKind} <= set(
        vocabularies
    )
    tables = mkdocs_hooks.generated("controlled-values")
    for vocabulary in vocabularies:
        assert f"(`{vocabulary.__name__}`)" in tables
        for value in vocabulary:
            assert value.definition.endswith("."), value
            # the JSON Schema a user reads lists it, and so does the site
            assert f"``{value.value}``: {value.definition}" in (vocabulary.__doc__ or "")
            assert f"| `{value.value}` | {value.definition} |" in tables, value


def test_a_participant_kind_is_defined_in_its_own_words() -> None:
    # every "*_from_*" kind ended "(experts from a country are not its official delegation
    # ...)": officials were defined by experts, and delegations as not delegations
    who = {"experts", "officials", "researchers", "delegations", "representatives", "young"}
    for kind in apt.ParticipantKind:
        if kind.definition.startswith("Deprecated"):
            continue
        own = kind.value.split("_")[0]
        assert {w for w in who - {own} if w in kind.definition.lower()} == set(), kind
        if own == "delegations":
            assert "not its official delegation" not in kind.definition, kind


def test_topic_ids_are_their_labels_as_slugs(dataset: apt.Dataset) -> None:
    for topic in dataset.topics():
        assert topic.id == topic.label.lower().replace(" ", "-"), topic
        assert topic.description


# --- queries -----------------------------------------------------------------------------


def test_every_record_is_found_by_its_id(dataset: apt.Dataset) -> None:
    events = dataset.list_events()
    assert list(events) == sorted(events, key=lambda e: (e.start_date, e.id))
    assert dataset.get_event() is events[-1]
    for event in events:
        assert dataset.get_event(event.id) is event
        for session in event.sessions:
            assert dataset.get_session(session.id) is session
            assert session.event_id == event.id
            for topic in session.topics:
                assert session in dataset.sessions_by_topic(topic)
    for org in dataset.organizations():
        assert dataset.get_organization(org.id) is org
    for person in dataset.people():
        assert dataset.get_person(person.id) is person
    for source in dataset.sources():
        assert dataset.get_source(source.id) is source


def test_every_event_is_kept_by_the_filters_that_describe_it(dataset: apt.Dataset) -> None:
    for event in dataset.list_events():
        assert event in dataset.list_events(kind=event.kind)
        assert event in dataset.list_events(since=event.end_date, until=event.start_date)
        assert event not in dataset.list_events(until=event.start_date.replace(year=1900))
        for group in event.participants:
            if group.country is not None:
                assert event in dataset.list_events(country=group.country)
        for session in event.sessions:
            for topic in session.topics:
                assert event in dataset.list_events(topic=topic)
        kept = dataset.list_events(kind=event.kind, since=event.start_date)
        assert list(kept) == [e for e in dataset.list_events() if e in kept]


def test_search_finds_every_event_organization_and_person_by_name(dataset: apt.Dataset) -> None:
    for event in dataset.list_events():
        assert event.id in [h.id for h in dataset.search(event.name, kind="event")]
    for org in dataset.organizations():
        assert org.id in [h.id for h in dataset.search(org.name, kind="organization")]
    for person in dataset.people():
        # typed without its diacritics, as on a plain keyboard
        plain = "".join(c for c in unicodedata.normalize("NFKD", person.name) if c.isascii())
        assert person.id in [h.id for h in dataset.search(plain, kind="person")], plain


# --- exports, each read by its consumer ---------------------------------------------------


def test_jsonld_of_every_event_reads_in_rdflib(dataset: apt.Dataset) -> None:
    for event in dataset.list_events():
        doc = apt.to_jsonld(event, dataset)
        graph = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
        node = rdflib.URIRef(urn("event", event.id, dataset.catalog.base_iri))
        assert (node, SCHEMA.name, rdflib.Literal(event.name)) in graph
        assert str(graph.value(node, SCHEMA.startDate)) == event.start_date.isoformat()


def test_every_iri_an_annotation_names_is_a_node_of_the_json_ld(dataset: apt.Dataset) -> None:
    # docs/jsonld.md#ids: "so that an annotation's record is a node here"; an attendance
    # figure (once words in a comment) and a country (once only where a record named it)
    # were not.  The record, each item linked and the source quoted: each is described.
    doc = to_jsonld_graph(dataset)
    nodes = {
        str(s) for s in rdflib.Graph().parse(data=json.dumps(doc), format="json-ld").subjects()
    }
    annotations = apt.to_annotations(dataset)["first"]["items"]
    named = {b["source"] for a in annotations for b in a["body"] if "source" in b}
    named |= {a["target"]["source"] for a in annotations}
    assert sorted(named - nodes) == []


def test_annotations_cover_every_evidence_item(dataset: apt.Dataset) -> None:
    items = [ev.id for r in cited_records(dataset) for ev in r.evidence]
    doc, base = apt.to_annotations(dataset), dataset.catalog.base_iri
    annotations = doc["first"]["items"]
    assert doc["total"] == len(annotations) == len(items)
    assert sorted(a["id"] for a in annotations) == sorted(urn("evidence", i, base) for i in items)
    # each names the exact text it was made on by that text's digest (RFC 6920)
    digests = {urn("source", s.id, base): s.sha256 for s in dataset.sources()}
    for anno in annotations:
        encoded = anno["target"]["state"]["cached"].partition(";")[2]
        digest = base64.urlsafe_b64decode(encoded + "=").hex()
        assert digest == digests[anno["target"]["source"]], anno["id"]


def test_the_source_view_of_every_source_marks_every_quote_exactly(dataset: apt.Dataset) -> None:
    from test_html import Page

    for source in dataset.sources():
        if source.text is None:
            continue
        page = Page(apt.to_html(source.id, dataset))
        assert page.text == source.text, source.id
        items = [ev for r in cited_records(dataset) for ev in r.evidence]
        items = [ev for ev in items if ev.source_id == source.id]
        for ev in items:
            pieces = sorted((m["start"], m["end"]) for m in page.marks if ev.id in m["ids"])
            assert pieces, ev.id
            assert (pieces[0][0], pieces[-1][1]) == (ev.start, ev.end), ev.id
            assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces)), ev.id
        assert {i for m in page.marks for i in m["ids"]} == {ev.id for ev in items}


def test_csv_tables_read_back_with_every_event(dataset: apt.Dataset, tmp_path: Path) -> None:
    from aseanplus3_events.exports.tables import write_csv

    write_csv(tmp_path, dataset)
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == [e.id for e in dataset.list_events()]
    with (tmp_path / "evidence.csv").open(encoding="utf-8", newline="") as fh:
        quotes = {r["id"]: r["quote"] for r in csv.DictReader(fh)}
    for record in cited_records(dataset):
        for ev in record.evidence:
            assert quotes[ev.id] == ev.quote


def test_parquet_tables_read_in_duckdb(dataset: apt.Dataset, tmp_path: Path) -> None:
    import duckdb  # the test extra has it: a missing one fails, it is not skipped

    from aseanplus3_events.exports.parquet import write_parquet

    write_parquet(tmp_path, dataset)
    rows = duckdb.sql(f"SELECT id FROM '{tmp_path / 'events.parquet'}' ORDER BY start_date, id")
    assert [r[0] for r in rows.fetchall()] == [e.id for e in dataset.list_events()]


def test_xlsx_reads_in_openpyxl(dataset: apt.Dataset, tmp_path: Path) -> None:
    import openpyxl

    from aseanplus3_events.exports.xlsx import write_xlsx

    book = openpyxl.load_workbook(write_xlsx(tmp_path / "data.xlsx", dataset), read_only=True)
    ids = [row[0] for row in book["events"].iter_rows(min_row=2, values_only=True)]
    assert ids == [e.id for e in dataset.list_events()]


# --- the command line ------------------------------------------------------------------


def test_the_command_line_lists_and_shows_every_event(
    dataset: apt.Dataset, dataset_file: Path
) -> None:
    events = json.loads(cli(dataset_file, "events", "--json"))
    assert [e["id"] for e in events] == [e.id for e in dataset.list_events()]
    sessions = json.loads(cli(dataset_file, "sessions", "--json"))
    assert [s["id"] for s in sessions] == [s.id for e in dataset.list_events() for s in e.sessions]
    people = json.loads(cli(dataset_file, "people", "--json"))
    assert [p["name"] for p in people] == [p.name for p in dataset.people()]
    for event in dataset.list_events():
        shown = cli(dataset_file, "show", event.id)
        assert event.name[:40] in " ".join(shown.split()), event.id
