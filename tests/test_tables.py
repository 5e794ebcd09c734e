"""Flat CSV tables and the Frictionless Data Package, checked by frictionless and pandas."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import frictionless
import pandas as pd
import pytest

import aseanplus3_events as apt
from aseanplus3_events.exports.tables import Table, tables, write_csv, write_datapackage
from conftest import EVENT_ID

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


def test_cells_a_spreadsheet_would_run_are_made_safe(tmp_path: Path) -> None:
    from aseanplus3_events.exports import tables as module

    table = Table("t", "test", (("a", "string"), ("b", "integer")), ("a",),
                  rows=(("=1+1", -3), ("+x", 1), ("-y", 2), ("@z", 3), ("plain", 4),
                        ("\tt", 5), (None, 6)))  # fmt: skip
    text = module._csv_bytes(table).decode()
    assert text.splitlines() == [
        "a,b", "'=1+1,-3", "'+x,1", "'-y,2", "'@z,3", "plain,4", "'\tt,5", ",6",
    ]  # fmt: skip


def test_every_table_has_unique_primary_keys() -> None:
    for table in tables():
        index = [table.fields.index(next(f for f in table.fields if f[0] == k))
                 for k in table.primary_key]  # fmt: skip
        keys = [tuple(row[i] for i in index) for row in table.rows]
        assert len(keys) == len(set(keys)), table.name
        assert all(len(row) == len(table.fields) for row in table.rows), table.name
