"""Files of an older schema version keep loading: what the newer one added is derived
(schema 1.1.0 added evidence ids and selectors), what it changed is rewritten (2.0.0 made
an event's ``location`` text a `Place`, whose ``name`` the text becomes)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import aseanplus3_events as apt
from aseanplus3_events.models import SCHEMA_VERSION
from aseanplus3_events.upgrade import upgrade
from conftest import EVENT_ID, ROOT

OLD = ROOT / "tests" / "fixtures" / "catalog-1.0.0.json"
OLD_1_1 = ROOT / "tests" / "fixtures" / "catalog-1.1.0.json"


def test_the_released_1_0_0_file_loads_with_derived_evidence_ids() -> None:
    document = json.loads(OLD.read_bytes())
    assert document["schema_version"] == "1.0.0"
    assert "id" not in document["events"][0]["evidence"][0]
    ds = apt.load_dataset(OLD)
    event = ds.get_event(EVENT_ID)
    assert [ev.id for ev in event.evidence] == [
        f"{event.id}-evidence-{n}" for n in range(1, len(event.evidence) + 1)
    ]
    # "COP28" occurs twice in the article: the upgrade gives it the selector 1.1 requires
    cop28 = event.references[1].evidence[0]
    assert (cop28.quote, cop28.prefix) == ("COP28", "titled “Advancing Towards ")
    # it now conforms to the current version, and says so
    assert ds.catalog.schema_version == SCHEMA_VERSION
    # the 0.1.0 data, upgraded, is today's data where the data did not change (the
    # source's note says more since data 2026.3, and its title since trial9)
    old, new = ds.get_source(event.source_ids[0]), apt.get_source(event.source_ids[0])
    changed = {"note": None, "title": None}
    assert old.model_copy(update=changed) == new.model_copy(update=changed)


def test_upgrade_leaves_its_input_alone_and_ignores_what_it_cannot_upgrade() -> None:
    document: dict[str, Any] = json.loads(OLD.read_bytes())
    before = copy.deepcopy(document)
    assert upgrade(document) is not None
    assert document == before
    assert upgrade([1, 2]) is None
    assert upgrade({"schema_version": SCHEMA_VERSION}) is None
    assert upgrade({"schema_version": "3.0.0"}) is None
    assert upgrade({"schema_version": "x"}) is None


def test_an_old_file_with_problems_still_lists_them(tmp_path: Path) -> None:
    document = json.loads(OLD.read_bytes())
    document["events"][0]["start_date"] = "14 July 2023"
    document["people"][0]["evidence"][0]["quote"] = "Julia Maoo"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(path)
    paths = [problem.path for problem in info.value.problems]
    assert paths == ["$.events[0].start_date"]


def test_the_released_1_1_0_file_loads_and_says_it_is_current() -> None:
    document = json.loads(OLD_1_1.read_bytes())
    assert document["schema_version"] == "1.1.0"
    ds = apt.load_dataset(OLD_1_1)
    assert ds.catalog.schema_version == SCHEMA_VERSION
    event = ds.get_event("apt-low-carbon-seminar-2023")
    assert event.location is None
    assert event.attendance == ()
    assert event.contributions == ()
    assert event.sessions[1].title == document["events"][0]["sessions"][1]["title"]


def test_location_text_of_schema_1_becomes_the_name_of_a_place(tmp_path: Path) -> None:
    document = json.loads(OLD_1_1.read_bytes())
    event = document["events"][0]
    quote = "East Asian collaboration"  # words of the article, standing in for a venue
    start = document["sources"][0]["text"].index(quote)
    event["location"] = "East Asian"
    event["evidence"].append({
        "id": f"{event['id']}-evidence-{len(event['evidence']) + 1}",
        "source_id": document["sources"][0]["id"], "start": start, "end": start + len(quote),
        "quote": quote, "fields": ["location"],
    })  # fmt: skip
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = apt.load_dataset(path).get_event(event["id"])
    assert loaded.location == apt.Place(name="East Asian")
    assert loaded.evidence[-1].fields == ("location.name",)
    # and a place's name is held to its quote like any text fact
    event["location"] = "West Asian"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(path)
    assert [p.path for p in info.value.problems] == ["$.events[0].location.name"]
