"""Flat CSV tables and the Frictionless Data Package, checked by frictionless and pandas."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import frictionless
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aseanplus3_events as apt
from aseanplus3_events.exports.tables import tables, write_csv, write_datapackage
from conftest import ARTICLE_ID, EVENT_ID, FORMULA_STARTS, dataset_with_text_before

NAMES = [
    "sources", "countries", "topics", "organizations", "people", "affiliations", "events",
    "participations", "participants", "sessions", "session_topics", "contributions",
    "statements", "references", "evidence",
]  # fmt: skip


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_datapackage(tmp_path_factory.mktemp("package"))


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def rows(frame: pd.DataFrame) -> list[dict[str, str]]:
    return frame.to_dict(orient="records")  # type: ignore[return-value]


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


def test_frictionless_catches_a_dangling_foreign_key(package: Path, tmp_path: Path) -> None:
    # The check must really run: break one reference, drop the now-stale hash, validate.
    folder = tmp_path / "broken"
    folder.mkdir()
    for file in package.parent.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    path = folder / "participations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",world-resources-institute,", ",no-such-org,"), encoding="utf-8")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        del resource["hash"], resource["bytes"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert not report.valid
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def test_pandas_reads_back_the_models(package: Path) -> None:
    folder = package.parent
    event = apt.get_event()
    assert rows(read(folder, "events")) == [{
        "id": event.id, "name": event.name, "alternate_names": "", "kind": "seminar",
        "start_date": "2023-07-14", "end_date": "2023-07-14", "attendance_mode": "hybrid",
        "status": "held", "location": "", "note": "",
    }]  # fmt: skip
    assert rows(read(folder, "sessions")) == [
        {"id": x.id, "event_id": EVENT_ID, "ordinal": str(x.ordinal), "title": x.title,
         "topics": " | ".join(x.topics), "note": s(x.note)}
        for x in event.sessions
    ]  # fmt: skip
    assert rows(read(folder, "session_topics")) == [
        {"session_id": x.id, "topic_id": t} for x in event.sessions for t in x.topics
    ]
    assert rows(read(folder, "organizations")) == [
        {"id": o.id, "name": o.name, "alternate_names": " | ".join(o.alternate_names),
         "kind": s(o.kind), "country": s(o.country), "parent_id": s(o.parent_id),
         "founded": s(o.founded), "description": s(o.description), "note": s(o.note)}
        for o in apt.organizations()
    ]  # fmt: skip
    assert rows(read(folder, "participations")) == [
        {"id": p.id, "event_id": EVENT_ID, "organization_id": p.organization_id,
         "role": s(p.role), "role_label": s(p.role_label), "note": s(p.note)}
        for p in event.participations
    ]  # fmt: skip
    assert rows(read(folder, "people")) == [{"id": "julia-mao", "name": "Julia Mao", "note": ""}]
    assert rows(read(folder, "affiliations")) == [{
        "person_id": "julia-mao", "n": "1",
        "organization_id":
            "international-institute-of-green-finance-international-cooperation-department",
        "post": "Director",
    }]  # fmt: skip
    assert rows(read(folder, "statements")) == [
        {"id": x.id, "event_id": EVENT_ID, "kind": s(x.kind), "text": x.text, "note": s(x.note)}
        for x in event.statements
    ]
    assert rows(read(folder, "references")) == [
        {"id": r.id, "event_id": EVENT_ID, "kind": s(r.kind), "title": r.title,
         "period_start": s(r.period_start), "period_end": s(r.period_end), "date": s(r.date),
         "note": s(r.note)}
        for r in event.references
    ]  # fmt: skip
    contributions = [c for x in event.sessions for c in x.contributions]
    assert rows(read(folder, "contributions")) == [
        {"id": c.id, "session_id": f"{EVENT_ID}-session-1", "person_id": c.person_id,
         "role": s(c.role), "summary": c.summary, "note": s(c.note)}
        for c in contributions
    ]  # fmt: skip
    sources = rows(read(folder, "sources"))
    assert sources[0]["text"] == apt.get_source(sources[0]["id"]).text  # newlines survive


def test_the_evidence_table_quotes_its_sources(package: Path) -> None:
    evidence = read(package.parent, "evidence")
    texts = {s.id: s.text for s in apt.sources()}
    for row in rows(evidence):
        text = texts[row["source_id"]]
        assert text is not None
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    assert len(evidence) == 74
    assert set(evidence["record_type"]) == {
        "event", "participation", "participantgroup", "session", "contribution", "statement",
        "reference", "organization", "person",
    }  # fmt: skip


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
    assert [r["text"] for r in statements] == [s.text for s in ds.get_event().statements]
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
        for r in (*e.participations, *e.participants, *e.sessions, *e.statements, *e.references,
                  *(c for x in e.sessions for c in x.contributions))
        for ev in r.evidence
    ] + [ev for o in ds.organizations() for ev in o.evidence] + [
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
