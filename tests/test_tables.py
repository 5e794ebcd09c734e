"""Flat CSV tables and the Frictionless Data Package, checked by frictionless and pandas."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import sys
import tempfile
import typing
from pathlib import Path
from typing import Any

import frictionless
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import aseanplus3_events as apt
from aseanplus3_events.exports.annotations import citations
from aseanplus3_events.exports.tables import (
    TABLES,
    Column,
    Table,
    field_annotation,
    tables,
    text_cells,
    write_csv,
    write_datapackage,
)
from conftest import (
    ARTICLE_ID,
    EVENT_ID,
    FORMULA_STARTS,
    ROOT,
    dataset_of,
    dataset_with_text_before,
)

NAMES = [
    "sources", "countries", "topics", "organizations", "people", "affiliations", "events",
    "event_sources", "attendance", "participations", "participants", "sessions",
    "session_topics", "contributions", "statements", "references", "session_references",
    "statement_references", "statement_people", "statement_dependencies", "statement_sessions",
    "evidence",
    "controlled_values",
]  # fmt: skip


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory, seminar_dataset: apt.Dataset) -> Path:
    """The data package of the seminar's part of the data, whose rows the tests pin."""
    return write_datapackage(tmp_path_factory.mktemp("package"), seminar_dataset)


@pytest.fixture(scope="module")
def ds(seminar_dataset: apt.Dataset) -> apt.Dataset:
    return seminar_dataset


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def rows(frame: pd.DataFrame) -> list[dict[str, str]]:
    return frame.to_dict(orient="records")  # type: ignore[return-value]


def pinned(folder: Path, table: str, expected: list[dict[str, str]]) -> None:
    """The CSV rows of ``table`` are ``expected``, every cell; else the message says which
    column or row changed and where the pinned rows are to be updated."""
    actual = rows(read(folder, table))
    if actual == expected:
        return
    where = (
        f"the pinned rows of {table!r} in test_pandas_reads_back_the_models (tests/test_tables.py)"
    )
    have, want = list(actual[0] if actual else ()), list(expected[0] if expected else ())
    new, gone = [c for c in have if c not in want], [c for c in want if c not in have]
    if new or gone:
        message = f"the {table} table's columns changed: " + "; ".join(
            [f"add {c!r} to {where}, with the value the article gives (s(x.{c}), or "
             '"" where none)' for c in new]
            + [f"drop {c!r}, a column the table no longer has, from {where}" for c in gone]
        )  # fmt: skip
    elif len(actual) != len(expected):
        message = f"the {table} table has {len(actual)} rows, {where} {len(expected)}"
    else:
        n, row = next((n, r) for n, r in enumerate(actual) if r != expected[n])
        column = next(c for c in have if row[c] != expected[n][c])
        message = (
            f"the {table} table's row {n + 1} ({row[have[0]]}), column {column!r}, is "
            f"{row[column]!r}, not {expected[n][column]!r} as in {where}: fix the export, "
            "or, if the data changed, the pinned value"
        )
    raise AssertionError(message)


def s(value: object) -> str:
    """A model value as its CSV cell."""
    if value is None:
        return ""
    return str(value.value if hasattr(value, "value") else value)


def test_frictionless_validates_the_package_with_its_foreign_keys(package: Path) -> None:
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["type", "note"])
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == NAMES
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["licenses"][0]["name"] == "MIT"
    assert descriptor["version"] == apt.data_version()
    sessions = next(r for r in descriptor["resources"] if r["name"] == "sessions")
    assert sessions["schema"]["primaryKey"] == ["id"]
    assert sessions["schema"]["foreignKeys"] == [
        {"fields": ["event_id"], "reference": {"resource": "events", "fields": ["id"]}}
    ]
    assert sessions["hash"].startswith("sha256:")
    assert sessions["bytes"] == (package.parent / "sessions.csv").stat().st_size


def copy_package(package: Path, folder: Path) -> Path:
    """A copy of the package whose files may be edited: hashes and sizes dropped."""
    folder.mkdir()
    for file in package.parent.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        del resource["hash"], resource["bytes"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder / "datapackage.json"


@pytest.mark.parametrize(
    ("table", "old", "new"),
    [
        ("participations", ",world-resources-institute,", ",no-such-org,"),
        ("event_sources", f",{ARTICLE_ID}", ",no-such-source"),
        # the link tables of the id lists: each column is checked
        ("session_references", f",{EVENT_ID}-reference-2", f",{EVENT_ID}-reference-9"),
        ("statement_references", f",{EVENT_ID}-reference-1", f",{EVENT_ID}-reference-9"),
        ("statement_dependencies", f",{EVENT_ID}-statement-6", f",{EVENT_ID}-statement-99"),
        ("statement_dependencies", f"{EVENT_ID}-statement-7,", f"{EVENT_ID}-statement-99,"),
    ],
)
def test_frictionless_catches_a_dangling_foreign_key(
    package: Path, tmp_path: Path, table: str, old: str, new: str
) -> None:
    # The check must really run: break one reference, drop the now-stale hash, validate.
    descriptor = copy_package(package, tmp_path / "broken")
    path = descriptor.parent / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    report = frictionless.validate(str(descriptor))
    assert not report.valid
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def test_frictionless_catches_a_value_outside_its_vocabulary(package: Path, tmp_path: Path) -> None:
    descriptor = copy_package(package, tmp_path / "broken")
    path = descriptor.parent / "organizations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",directly_under,", ",beside,"), encoding="utf-8")
    report = frictionless.validate(str(descriptor))
    assert [e[0] for e in report.flatten(["type"])] == ["constraint-error"]


def test_pandas_reads_back_the_models(package: Path, ds: apt.Dataset) -> None:
    # Every column of the seminar's rows, as pandas reads them: a column added to a table
    # is added to its row below, with the value the article gives (or "" where none).
    folder = package.parent
    event = apt.get_event(EVENT_ID)
    pinned(folder, "events", [{
        "id": event.id, "name": event.name, "alternate_names": "", "kind": "seminar",
        "series": "", "edition": "", "super_event_id": "",
        "start_date": "2023-07-14", "end_date": "2023-07-14", "attendance_mode": "hybrid",
        "status": "held", "location_name": "", "location_locality": "", "location_region": "",
        "location_country": "", "participants_complete": "false",
        "source_ids": ARTICLE_ID, "note": "",
    }])  # fmt: skip
    assert event.participants_complete is False
    pinned(folder, "sessions", [
        {"id": x.id, "event_id": EVENT_ID, "ordinal": str(x.ordinal), "title": s(x.title),
         "subject": s(x.subject), "start_date": s(x.start_date),
         "topics": " | ".join(x.topics), "reference_ids": " | ".join(x.reference_ids),
         "note": s(x.note)}
        for x in event.sessions
    ])  # fmt: skip
    pinned(
        folder,
        "session_topics",
        [{"session_id": x.id, "topic_id": t} for x in event.sessions for t in x.topics],
    )
    pinned(folder, "organizations", [
        {"id": o.id, "name": o.name, "alternate_names": " | ".join(o.alternate_names),
         "kind": s(o.kind), "country": s(o.country), "parent_id": s(o.parent_id),
         "parent_relation": s(o.parent_relation), "founded": s(o.founded),
         "description": s(o.description), "mission": " | ".join(o.mission), "note": s(o.note)}
        for o in ds.organizations()
    ])  # fmt: skip
    pinned(folder, "participations", [
        {"id": p.id, "event_id": EVENT_ID, "organization_id": p.organization_id,
         "role": s(p.role), "role_label": s(p.role_label), "note": s(p.note)}
        for p in event.participations
    ])  # fmt: skip
    pinned(
        folder,
        "people",
        [{"id": "julia-mao", "name": "Julia Mao", "honorific_prefix": "", "note": ""}],
    )
    pinned(folder, "affiliations", [{
        "person_id": "julia-mao", "n": "1",
        "organization_id":
            "international-institute-of-green-finance-international-cooperation-department",
        "post": "Director",
    }])  # fmt: skip
    pinned(folder, "statements", [
        {"id": x.id, "event_id": EVENT_ID, "kind": s(x.kind), "text": x.text,
         "attributed_to": s(x.attributed_to), "person_ids": " | ".join(x.person_ids),
         "reference_ids": " | ".join(x.reference_ids),
         "depends_on": " | ".join(x.depends_on), "session_ids": " | ".join(x.session_ids),
         "note": s(x.note)}
        for x in event.statements
    ])  # fmt: skip
    pinned(folder, "references", [
        {"id": r.id, "event_id": EVENT_ID, "kind": s(r.kind), "title": r.title,
         "alternate_names": " | ".join(r.alternate_names), "period_start": s(r.period_start),
         "period_end": s(r.period_end), "date": s(r.date), "year": s(r.year),
         "relation": s(r.relation), "note": s(r.note)}
        for r in event.references
    ])  # fmt: skip
    contributions = [c for x in event.sessions for c in x.contributions]
    pinned(folder, "contributions", [
        {"id": c.id, "event_id": EVENT_ID, "session_id": f"{EVENT_ID}-session-1",
         "person_id": c.person_id,
         "role": s(c.role), "summary": c.summary, "note": s(c.note)}
        for c in contributions
    ])  # fmt: skip
    sources = rows(read(folder, "sources"))
    assert sources[0]["text"] == apt.get_source(sources[0]["id"]).text  # newlines survive


def test_a_changed_table_names_its_column_and_the_pinned_rows_to_update(package: Path) -> None:
    # a field added to a table (here, the pins lack one) and a changed value, each named
    julia = {"id": "julia-mao", "name": "Julia Mao", "honorific_prefix": "", "note": ""}
    people = "the pinned rows of 'people' in test_pandas_reads_back_the_models"
    with pytest.raises(AssertionError, match=rf"^the people table's columns changed: add "
                       rf"'note' to {people} \(tests/test_tables.py\), with the value the "
                       r'article gives \(s\(x.note\), or "" where none\)$'):  # fmt: skip
        pinned(package.parent, "people", [{k: v for k, v in julia.items() if k != "note"}])
    with pytest.raises(AssertionError, match=r"row 1 \(julia-mao\), column 'name', is 'Julia "
                       r"Mao', not 'J. Mao'"):  # fmt: skip
        pinned(package.parent, "people", [julia | {"name": "J. Mao"}])
    with pytest.raises(AssertionError, match=r"drop 'room', a column the table no longer has"):
        pinned(package.parent, "people", [julia | {"room": ""}])


def test_the_evidence_table_quotes_its_sources(package: Path, ds: apt.Dataset) -> None:
    evidence = read(package.parent, "evidence")
    texts = {s.id: s.text for s in ds.sources()}
    for row in rows(evidence):
        text = texts[row["source_id"]]
        assert text is not None
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    assert len(evidence) == len(citations(ds))
    assert set(evidence["record_type"]) == {
        "event", "participation", "participant_group", "session", "contribution", "statement",
        "reference", "organization", "person", "country",
    }  # fmt: skip
    # a country's evidence joins the countries table by its code
    assert set(evidence[evidence["record_type"] == "country"]["record_id"]) == {"KR"}


def test_each_evidence_row_is_the_apis_evidence(package: Path, ds: apt.Dataset) -> None:
    evidence = rows(read(package.parent, "evidence"))
    cited = citations(ds)
    assert [r["id"] for r in evidence] == [c.evidence.id for c in cited]
    for row, c in zip(evidence, cited, strict=True):
        ev = c.evidence
        assert row == {
            "id": ev.id, "record_type": c.kind, "record_id": c.record_id,
            "n": ev.id.rsplit("-", 1)[1], "source_id": ev.source_id, "start": str(ev.start),
            "end": str(ev.end), "quote": ev.quote, "prefix": s(ev.prefix),
            "suffix": s(ev.suffix), "fields": " ".join(ev.fields), "items": " | ".join(ev.items),
        }  # fmt: skip
    # the record_type is the kind of the annotations' URN for the record, one spelling
    annotations = apt.to_annotations(ds)["first"]["items"]
    assert [a["body"][0]["source"] for a in annotations] == [
        f"urn:aseanplus3-events:{r['record_type']}:{r['record_id']}" for r in evidence
    ]
    # the article quotes "Advancing Towards COP28: ..." twice: a prefix or suffix picks one
    by_id = {r["id"]: r for r in evidence}
    assert by_id[f"{EVENT_ID}-session-1-evidence-4"]["items"] == f"{EVENT_ID}-reference-2"
    assert sum(1 for r in evidence if r["prefix"] or r["suffix"]) >= 2


def test_record_type_and_record_id_join_to_their_tables(package: Path) -> None:
    folder = package.parent
    evidence = read(folder, "evidence")
    table_of = {
        "event": "events", "participation": "participations", "participant_group":
        "participants", "session": "sessions", "contribution": "contributions",
        "statement": "statements", "reference": "references", "organization":
        "organizations", "person": "people",
    }  # fmt: skip
    for kind, table in table_of.items():
        mine = evidence[evidence["record_type"] == kind]
        joined = mine.merge(read(folder, table), left_on="record_id", right_on="id")
        assert len(joined) == len(mine) > 0, kind


def test_the_id_lists_join_through_their_link_tables(package: Path) -> None:
    folder = package.parent
    event = apt.get_event(EVENT_ID)
    references = read(folder, "references")
    # statements with the titles of what they name (pandas: merge, as in docs/tables.md)
    named = (
        read(folder, "statement_references")
        .merge(references, left_on="reference_id", right_on="id")
        .groupby("statement_id")["title"]
        .apply(list)
        .to_dict()
    )
    titles = {r.id: r.title for r in event.references}
    assert named == {
        x.id: [titles[r] for r in x.reference_ids] for x in event.statements if x.reference_ids
    }
    # "align their efforts with the ASEAN Plus Three Cooperation Work Plan (2023-2027)"
    assert named[f"{EVENT_ID}-statement-6"] == [
        "ASEAN Plus Three Cooperation Work Plan (2023-2027)"
    ]
    depends = rows(read(folder, "statement_dependencies"))
    assert depends == [
        {"statement_id": x.id, "depends_on_id": d} for x in event.statements for d in x.depends_on
    ]
    # "This alignment aims to ..." refers back to the statement on aligning with the plan
    assert {"statement_id": f"{EVENT_ID}-statement-7",
            "depends_on_id": f"{EVENT_ID}-statement-6"} in depends  # fmt: skip
    sessions = rows(read(folder, "session_references").merge(
        references, left_on="reference_id", right_on="id"
    ))  # fmt: skip
    assert [(r["session_id"], r["title"]) for r in sessions] == [
        (x.id, titles[r]) for x in event.sessions for r in x.reference_ids
    ]
    assert [r["title"] for r in sessions] == ["COP28"]  # named in session 1's title


def test_frictionless_reads_the_new_fields_with_their_types(package: Path, ds: apt.Dataset) -> None:
    read_back = frictionless.Package(str(package))

    def table(name: str) -> list[dict[str, object]]:
        return [dict(r) for r in read_back.get_resource(name).read_rows()]

    def listed(values: tuple[str, ...]) -> list[str] | None:
        return list(values) or None  # an empty list is an empty cell

    event = apt.get_event(EVENT_ID)
    (events,) = table("events")
    assert events["participants_complete"] is event.participants_complete is False
    assert events["source_ids"] == list(event.source_ids) == [ARTICLE_ID]
    assert table("event_sources") == [{"event_id": EVENT_ID, "source_id": ARTICLE_ID}]
    statements = table("statements")
    assert [(r["attributed_to"], r["reference_ids"], r["depends_on"]) for r in statements] == [
        (x.attributed_to, listed(x.reference_ids), listed(x.depends_on)) for x in event.statements
    ]
    assert [r["reference_ids"] for r in table("sessions")] == [
        listed(x.reference_ids) for x in event.sessions
    ]
    references = table("references")
    assert [r["alternate_names"] for r in references] == [
        listed(r.alternate_names) for r in event.references
    ]
    assert references[2]["alternate_names"] == ["10+3", "APT"]  # "(10+3)", "APT" in the article
    organizations = table("organizations")
    assert [(r["parent_relation"], r["mission"]) for r in organizations] == [
        (s(o.parent_relation) or None, listed(o.mission)) for o in ds.organizations()
    ]
    center = next(
        r for r in organizations if r["id"] == "china-asean-environmental-cooperation-center"
    )
    assert center["parent_relation"] == "directly_under"  # "directly under the Ministry"
    evidence = table("evidence")
    cited = [c.evidence for c in citations(ds)]
    assert [(r["id"], r["prefix"], r["suffix"], r["fields"], r["items"]) for r in evidence] == [
        (ev.id, ev.prefix, ev.suffix, list(ev.fields), listed(ev.items)) for ev in cited
    ]


def test_every_controlled_value_has_its_definition_in_the_package(package: Path) -> None:
    values = rows(read(package.parent, "controlled_values"))
    vocabularies = {
        ("sources", "kind"): apt.SourceKind, ("countries", "groups"): apt.CountryGroup,
        ("organizations", "kind"): apt.OrganizationKind,
        ("organizations", "parent_relation"): apt.ParentRelation,
        ("events", "kind"): apt.EventKind, ("events", "attendance_mode"): apt.AttendanceMode,
        ("events", "status"): apt.EventStatus,
        ("attendance", "count_qualifier"): apt.CountQualifier,
        ("attendance", "attendance_mode"): apt.AttendanceMode,
        ("participations", "role"): apt.ParticipationRole,
        ("participants", "kind"): apt.ParticipantKind,
        ("contributions", "role"): apt.ContributionRole,
        ("statements", "kind"): apt.StatementKind, ("references", "kind"): apt.ReferenceKind,
        ("references", "relation"): apt.ReferenceRelation,
    }  # fmt: skip
    assert values == [
        {"table_name": t, "field_name": f, "value": m.value, "definition": m.definition,
         "vocabulary": v.__name__}
        for (t, f), v in vocabularies.items()
        for m in v
    ]  # fmt: skip
    # and each controlled field of the datapackage says where its definitions are
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for spec in resource["schema"]["fields"]:
            vocabulary = vocabularies.get((resource["name"], spec["name"]))
            if vocabulary is None:
                assert "controlled_values" not in spec.get("description", ""), spec
                continue
            assert "controlled_values" in spec["description"], spec
            if spec["type"] != "list":
                assert spec["constraints"]["enum"] == [m.value for m in vocabulary]
    # every value the data holds in those fields is defined there
    defined = {(r["table_name"], r["field_name"], r["value"]) for r in values}
    for t, f in vocabularies:
        for cell in read(package.parent, t)[f]:
            for value in filter(None, cell.split(" | ")):
                assert (t, f, value) in defined


def test_a_list_item_holding_its_separator_is_refused(catalog_dict: dict[str, object]) -> None:
    catalog_dict["topics"][0]["aliases"] = ["carbon | markets"]  # type: ignore[index]
    ds = dataset_of(catalog_dict)  # type: ignore[arg-type]
    topics = next(t for t in tables(ds) if t.name == "topics")
    with pytest.raises(
        ValueError, match=r"topics, row 2, field 'aliases': the item 'carbon \| markets'"
    ):
        list(text_cells(topics))
    with pytest.raises(ValueError, match=r"cannot be written in a list joined by ' \| '"):
        write_csv(tempfile.mkdtemp(), ds)


def test_csv_is_rfc4180_utf8_without_bom(tmp_path: Path) -> None:
    paths = write_csv(tmp_path)
    assert [p.stem for p in paths] == NAMES
    data = (tmp_path / "statements.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    assert "“ASEAN Plus Three Cooperation Work Plan (2023-2027)”".encode() in data
    with (tmp_path / "sources.csv").open(newline="", encoding="utf-8") as fh:
        parsed = list(csv.DictReader(fh))
    assert parsed[0]["text"] == apt.get_source(parsed[0]["id"]).text


@st.composite
def risky_texts(draw: st.DrawFn) -> str:
    """A text that starts as a spreadsheet formula would: = + - @, tab or CR."""
    first = draw(st.sampled_from(FORMULA_STARTS))
    rest = draw(st.text(st.characters(exclude_categories=["Cs"]), max_size=20))
    return first + rest


def _check_exact(folder: Path, ds: apt.Dataset, prefix: str) -> None:
    texts = {s.id: s.text for s in ds.sources()}
    # pandas
    sources = {r["id"]: r["text"] for r in rows(read(folder, "sources"))}
    assert sources[ARTICLE_ID] == texts[ARTICLE_ID]
    assert sources[ARTICLE_ID].startswith(prefix)
    evidence = rows(read(folder, "evidence"))
    assert len(evidence) == sum(1 for _ in _all_evidence(ds))
    for row in evidence:
        text = sources[row["source_id"]]
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    assert {r["quote"] for r in evidence if r["start"] == "0"} == {prefix}
    statements = rows(read(folder, "statements"))
    assert [r["text"] for r in statements] == [s.text for s in ds.get_event(EVENT_ID).statements]
    # frictionless, reading the package with its schema
    package = frictionless.Package(str(folder / "datapackage.json"))
    texts_read = {r["id"]: r["text"] for r in package.get_resource("sources").read_rows()}
    assert texts_read[ARTICLE_ID] == texts[ARTICLE_ID]
    read_back = package.get_resource("evidence").read_rows()
    assert len(read_back) == len(evidence)
    for row in read_back:
        assert texts_read[row["source_id"]][row["start"] : row["end"]] == row["quote"]
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def _all_evidence(ds: apt.Dataset) -> list[object]:
    return [ev for e in ds.list_events() for ev in e.evidence] + [
        ev
        for e in ds.list_events()
        for r in (*e.attendance, *e.participations, *e.participants, *e.contributions,
                  *e.sessions, *e.statements, *e.references,
                  *(c for x in e.sessions for c in x.contributions))
        for ev in r.evidence
    ] + [ev for o in (*ds.organizations(), *ds.countries()) for ev in o.evidence] + [
        ev for p in ds.people() for ev in p.evidence
    ]  # fmt: skip


@pytest.mark.parametrize("prefix", ["-40% emissions", "=1+1", "+x", "@SUM(A1)", "\tt", "\r\n"])
def test_csv_never_alters_a_value(prefix: str, tmp_path: Path) -> None:
    # The old formula guard put ' before such cells: every span into the text moved by one.
    ds = dataset_with_text_before(prefix)
    write_datapackage(tmp_path, ds)
    _check_exact(tmp_path, ds, prefix)


@settings(max_examples=30, deadline=None)
@given(prefix=risky_texts())
def test_csv_never_alters_any_text(prefix: str) -> None:
    ds = dataset_with_text_before(prefix)
    with tempfile.TemporaryDirectory() as folder:
        write_datapackage(folder, ds)
        _check_exact(Path(folder), ds, prefix)


def test_every_table_has_unique_primary_keys() -> None:
    for table in tables():
        index = [table.fields.index(next(f for f in table.fields if f[0] == k))
                 for k in table.primary_key]  # fmt: skip
        keys = [tuple(row[i] for i in index) for row in table.rows]
        assert len(keys) == len(set(keys)), table.name
        assert all(len(row) == len(table.fields) for row in table.rows), table.name


#: Fields of the models that reach no table, each with the reason.  A field that should
#: reach one is a column name added to its table in exports/tables.py (TABLES).
NOT_IN_TABLES = {
    "Catalog.schema_version": "the version of the JSON file's schema, not of the data; "
    "the tables' own schema is datapackage.json",
    "Catalog.data_version": "the package's metadata: datapackage.json's version",
    "Catalog.title": "the dataset's metadata: datapackage.json's title",
    "Catalog.creators": "the dataset's metadata: datapackage.json's contributors",
    "Catalog.license": "the dataset's metadata: datapackage.json's licenses",
    "Catalog.base_iri": "the prefix of the JSON-LD and annotations IRIs, which carry it; "
    "the tables name records by their ids",
}


def _models_and_fields() -> dict[str, tuple[type[BaseModel], str, Any]]:
    """Every field of every model reachable from Catalog: "Model.field" -> (model, name,
    annotation)."""
    found: dict[str, tuple[type[BaseModel], str, Any]] = {}
    todo: list[type[BaseModel]] = [apt.Catalog]
    while todo:
        model = todo.pop()
        for name, info in model.model_fields.items():
            key = f"{model.__name__}.{name}"
            if key not in found:
                found[key] = (model, name, info.annotation)
                todo.extend(_models_in(info.annotation))
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _covered() -> set[str]:
    """ "Model.field" of every field a column reads (each step of a path), and of every
    field holding records that a table rows over."""
    covered = set()
    for table in TABLES:
        for column in table.columns:
            if table.model is None or column.read is None:
                continue
            steps = column.read.split(".")
            for n, step in enumerate(steps):
                owner = table.model if n == 0 else _models_in(
                    field_annotation(table.model, ".".join(steps[:n]))
                )[0]  # fmt: skip
                covered.add(f"{owner.__name__}.{step}")
    rowed = {table.model for table in TABLES}
    for key, (_, _, annotation) in _models_and_fields().items():
        if any(m in rowed for m in _models_in(annotation)):
            covered.add(key)
    return covered


def test_every_field_of_every_model_reaches_a_table() -> None:
    fields = _models_and_fields()
    covered = _covered()
    problems = []
    for key, (model, name, annotation) in fields.items():
        if key in covered or key in NOT_IN_TABLES:
            continue
        home = [t.name for t in TABLES if t.model is model]
        inner = _models_in(annotation)
        if inner:
            where = (
                f"declare a table whose model is {inner[0].__name__} (rows over the "
                f"{name} of each {model.__name__}), or columns reading its fields by path "
                f"('{name}_x={name}.x') in the table of {model.__name__}"
            )
        elif home:
            where = f"add {name!r} to the columns of the table {home[0]!r}"
        else:
            where = f"add a column '<name>=<path>.{name}' to the table holding {model.__name__}"
        problems.append(
            f"{key} reaches no table: {where} in src/aseanplus3_events/exports/tables.py "
            f"(TABLES), or add {key!r} with the reason to NOT_IN_TABLES in tests/test_tables.py"
        )
    assert not problems, "\n".join(problems)
    assert set(NOT_IN_TABLES) <= set(fields) - covered, "an exclusion that is now covered"


def test_the_coverage_test_names_a_field_that_reaches_no_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sessions = next(t for t in TABLES if t.name == "sessions")
    without = dataclasses.replace(sessions, columns=sessions.columns[:-1])  # no note
    monkeypatch.setattr(
        sys.modules[__name__], "TABLES", tuple(without if t is sessions else t for t in TABLES)
    )
    with pytest.raises(AssertionError, match=r"Session\.note reaches no table: add 'note' to "
                       r"the columns of the table 'sessions'"):  # fmt: skip
        test_every_field_of_every_model_reaches_a_table()


def _page_problems(page: str, declared: tuple[Table, ...]) -> list[str]:
    """Where docs/tables.md's table of tables (name, one row per, key, refers to) and its
    `table.column` mentions differ from the tables ``declared``."""
    tables = {t.name: t for t in declared}
    doc = "docs/tables.md"
    section = page.partition("\n## The tables\n")[2].partition("\n## ")[0]
    lines = re.findall(r"^\| `\w+` \|.*", section, re.MULTILINE)
    rows = [[*(c.strip() for c in line.strip("| ").split(" | ")), ""][:4] for line in lines]
    named = [r[0].strip("`") for r in rows]
    problems = [
        f"{doc}'s table of tables (under '## The tables') has no row for the table {n!r}: "
        "add one (one row per, key, refers to)"
        for n in tables
        if n not in named
    ]
    problems += [f"{doc} has a row for the table {n!r}, which exports/tables.py (TABLES) "
                 "does not declare: drop or rename the row" for n in named if n not in tables
                 ]  # fmt: skip
    if not problems and named != list(tables):
        problems.append(f"{doc} lists the tables in another order than TABLES: {list(tables)}")
    words = r"`(\w+)`"
    for name, row_per, key, refers in rows:
        table = tables.get(name.strip("`"))
        if table is None:
            continue
        name, columns = table.name, [c.name for c in table.columns]
        if tuple(re.findall(words, key)) != table.primary_key:
            problems.append(
                f"{doc}: the key of {name!r} is {table.primary_key}: write it in its row"
            )
        cited = {f[1] for f in table.foreign_keys}
        if set(re.findall(words, refers)) != cited:
            problems.append(f"{doc}: {name!r} refers to {sorted(cited)}: write them in its row")
        problems += [f"{doc}: the row of {name!r} names {c!r}, which is not one of its "
                     f"columns {columns}: rename or drop it" for c in re.findall(words, row_per)
                     if c not in columns]  # fmt: skip
    for name, column in re.findall(r"`(\w+)\.(\w+)`", page):
        if name in tables and column not in [c.name for c in tables[name].columns]:
            problems.append(f"{doc} names `{name}.{column}`, which is not a column of {name!r}")
    return problems


def test_the_tables_page_names_the_declared_tables_keys_and_columns() -> None:
    """docs/tables.md's hand-written overview agrees with TABLES; its list of every
    column is generated from them (mkdocs_hooks.generated, checked in test_site.py)."""
    page = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert "<!-- generated: columns -->" in page
    problems = _page_problems(page, TABLES)
    assert not problems, "\n".join(problems)
    # and each difference is named, with what to write
    sessions = next(t for t in TABLES if t.name == "sessions")
    renamed = dataclasses.replace(sessions, primary_key=("event_id", "ordinal"), columns=tuple(
        c for c in sessions.columns if c.name != "subject"))  # fmt: skip
    extra = dataclasses.replace(sessions, name="session_rooms")
    stale = [renamed if t is sessions else t for t in TABLES] + [extra]
    assert _page_problems(page, tuple(stale)) == [
        "docs/tables.md's table of tables (under '## The tables') has no row for the table "
        "'session_rooms': add one (one row per, key, refers to)",
        "docs/tables.md: the key of 'sessions' is ('event_id', 'ordinal'): write it in its row",
        "docs/tables.md: the row of 'sessions' names 'subject', which is not one of its columns "
        "['id', 'event_id', 'ordinal', 'title', 'start_date', 'topics', 'reference_ids', "
        "'note']: rename or drop it",
    ]


def test_every_export_refuses_what_is_not_a_dataset(tmp_path: Path) -> None:
    """One plain TypeError, not an AttributeError from inside, and nothing written."""
    from aseanplus3_events.exports.frames import to_pandas
    from aseanplus3_events.exports.jsonld import to_jsonld_graph
    from aseanplus3_events.exports.parquet import write_parquet
    from aseanplus3_events.exports.sqlite import datasette_metadata, write_sqlite
    from aseanplus3_events.exports.xlsx import write_xlsx

    exports: list[typing.Callable[[Any], object]] = [
        tables,
        lambda ds: write_csv(tmp_path, ds),
        lambda ds: write_datapackage(tmp_path, ds),
        lambda ds: write_parquet(tmp_path, ds),
        lambda ds: write_xlsx(tmp_path / "events.xlsx", ds),
        lambda ds: write_sqlite(tmp_path / "events.db", ds),
        lambda ds: datasette_metadata("events", ds),
        lambda ds: to_pandas("events", ds),
        lambda ds: to_jsonld_graph(ds),
        lambda ds: apt.to_jsonld(apt.get_event(EVENT_ID), ds),
        lambda ds: apt.to_annotations(ds),
        lambda ds: apt.write_html(tmp_path, ds),
    ]
    for export in exports:
        with pytest.raises(TypeError, match=r"^dataset must be a Dataset, not dict$"):
            export({})
    assert list(tmp_path.iterdir()) == []


def test_every_column_of_the_data_package_has_a_description(tmp_path: Path) -> None:
    """A column's description is the model field's own where the model gives one, so a
    field added to the model and to its table is described in datapackage.json too."""
    write_datapackage(tmp_path)
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    fields = [(r.name, f) for r in package.resources for f in r.schema.fields]
    undescribed = [f"{table}.{f.name}" for table, f in fields if not f.description]
    assert not undescribed
    python = [f"{table}.{f.name}" for table, f in fields if "None" in f.description]
    assert not python, "a cell is empty, not None"
    sessions = package.get_resource("sessions").schema
    assert sessions.get_field("title").description == (
        apt.Session.model_fields["title"].description
    )


def test_every_column_says_what_it_holds_not_only_its_name() -> None:
    """Each column's description comes from a declaration: its model field's description
    (at a dotted path too), its table's note for it, or the row its id refers to; a
    model field that reaches a table has a description of its own (or a note)."""
    generic, undeclared, not_the_fields = [], [], []
    for table in tables():
        specs = table.schema()["fields"]
        refers = {own for own, _, _ in table.foreign_keys} | {"id"}
        for spec, column in zip(specs, table.columns, strict=True):
            name = column.name.replace("_", " ")
            text = spec["description"]
            if "(the field" in text or text.lower().startswith((f"the {name} (", f"the {name}.")):
                generic.append(f"{table.name}.{column.name}: {text}")
            if table.model is None or column.read is None or column.description:
                continue
            info = field_info(table.model, column.read)
            if not info.description and column.name not in refers:
                undeclared.append(f"{table.model.__name__}.{column.read}")
            if info.description and not text.startswith(info.description):
                not_the_fields.append(f"{table.name}.{column.name}")
    assert not generic, "\n".join(generic)
    assert not undeclared, f"model fields in tables without a description: {undeclared}"
    assert not not_the_fields, f"not their model field's description: {not_the_fields}"
    events = next(t for t in tables() if t.name == "events").schema()["fields"]
    location = next(f for f in events if f["name"] == "location_name")
    assert location["description"] == apt.Place.model_fields["name"].description


def field_info(model: type[BaseModel], path: str) -> Any:
    """The pydantic field at ``path`` (``location.name``) of ``model``."""
    head, _, tail = path.partition(".")
    info = model.model_fields[head]
    if not tail:
        return info
    part = next(a for a in typing.get_args(info.annotation) if a is not type(None))
    return field_info(part, tail)


def test_a_column_with_no_description_anywhere_is_refused() -> None:
    class Bare(BaseModel):
        size: int

    table = Table(
        "bare", "A table.", (Column("size", "integer", read="size"),), ("size",), (), Bare
    )
    with pytest.raises(TypeError, match=r"^table 'bare', column 'size': no description; "):
        table.schema()
