"""Loading and checking datasets: every bad file is one DatasetError listing every
problem with its JSON path; the bundled dataset loads once, lazily, under threads."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import aseanplus3_events as apt
from aseanplus3_events import loading as loading_module
from aseanplus3_events.models import SCHEMA_VERSION
from conftest import ARTICLE_ID, EVENT_ID

Write = Callable[..., Path]


def problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(path)
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, apt.AseanPlusThreeError)
    # the message lists every problem, each with its path
    for problem in error.problems:
        assert f"{problem.path}: {problem.message}" in str(error)
    return [(p.path, p.message) for p in error.problems]


def test_load_your_own_file(bundled_dict: dict[str, Any], write_json: Write) -> None:
    path = write_json(bundled_dict)
    ds = apt.load_dataset(path)
    assert ds.get_event(EVENT_ID).name == apt.get_event(EVENT_ID).name
    assert ds.catalog == apt.default_dataset().catalog
    assert apt.load_dataset(str(path)).data_version == apt.data_version()
    assert f"events={len(apt.list_events())}>" in repr(ds)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(tmp_path / "absent.json")
    assert info.value.problems[0].path == "$"
    assert "No such file" in str(info.value)
    assert isinstance(info.value.__cause__, FileNotFoundError)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty: give a dataset file's JSON"),
        (b'{"schema_version": ', "EOF while parsing"),
        (b"not json", "Invalid JSON"),
        (b"[]", "Input should be an object"),
        (b"\xff\xfe{}", ""),
    ],
)
def test_empty_or_non_json_files(write_json: Write, content: bytes, expected: str) -> None:
    found = problems(write_json(content))
    assert len(found) >= 1
    assert expected in " ".join(m for _, m in found)


def test_schema_invalid_file_lists_every_problem(
    catalog_dict: dict[str, Any], write_json: Write
) -> None:
    event = catalog_dict["events"][0]
    event["start_date"] = "14 July 2023"
    event["attendance_mode"] = "virtual"
    event["sessions"][0]["ordinal"] = "1"  # strict: no string-to-int coercion
    event["unexpected"] = True
    del catalog_dict["organizations"][0]["name"]
    found = dict(problems(write_json(catalog_dict)))
    assert set(found) == {
        "$.events[0].start_date",
        "$.events[0].attendance_mode",
        "$.events[0].sessions[0].ordinal",
        "$.events[0].unexpected",
        "$.organizations[0].name",
    }
    # a key no event has, named with the build's remedy (was "Extra inputs are not permitted")
    assert found["$.events[0].unexpected"].startswith("'unexpected' is not a field here: ")
    assert "remove it, or correct its spelling" in found["$.events[0].unexpected"]
    assert "Field required" in found["$.organizations[0].name"]


def test_duplicate_ids(catalog_dict: dict[str, Any], write_json: Write) -> None:
    catalog_dict["people"].append(dict(catalog_dict["people"][0]))
    catalog_dict["topics"].append(dict(catalog_dict["topics"][0], label="Other", aliases=[]))
    found = problems(write_json(catalog_dict))
    assert ("$.people[1].id", "duplicate id 'julia-mao' (first at [0])") in found
    last = len(catalog_dict["topics"]) - 1
    assert any(p == f"$.topics[{last}].id" and "duplicate id" in m for p, m in found)


def test_dangling_references(catalog_dict: dict[str, Any], write_json: Write) -> None:
    event = catalog_dict["events"][0]
    event["participations"][0]["organization_id"] = "no-such-org"
    event["sessions"][0]["topics"] = ["carbon-markets", "no-such-topic"]
    event["sessions"][0]["contributions"][0]["person_id"] = "no-such-person"
    event["source_ids"] = ["no-such-source"]
    orgs = [o["id"] for o in catalog_dict["organizations"]]
    dept = orgs.index(
        "international-institute-of-green-finance-international-cooperation-department"
    )
    catalog_dict["organizations"][dept]["parent_id"] = "no-such-parent"
    found = dict(problems(write_json(catalog_dict)))
    assert (
        found["$.events[0].participations[0].organization_id"]
        == "unknown organization 'no-such-org'"
    )
    assert found["$.events[0].sessions[0].topics[1]"] == "unknown topic 'no-such-topic'"
    assert found["$.events[0].sessions[0].contributions[0].person_id"] == (
        "unknown person 'no-such-person'"
    )
    assert found["$.events[0].source_ids[0]"] == "unknown source 'no-such-source'"
    assert found[f"$.organizations[{dept}].parent_id"] == "unknown organization 'no-such-parent'"
    # the event's evidence now cites a source the event does not list
    assert "is not one of the event's source_ids" in found["$.events[0].evidence[0].source_id"]


def test_quote_and_span_must_agree(catalog_dict: dict[str, Any], write_json: Write) -> None:
    evidence = catalog_dict["events"][0]["evidence"]
    evidence[0]["quote"] = "July 15, 2023"
    evidence[1]["start"] += 1
    evidence[2]["end"] = 10**6
    found = dict(problems(write_json(catalog_dict)))
    assert found["$.events[0].evidence[0].quote"] == (
        "'July 15, 2023' does not equal the source text at [3, 16): 'July 14, 2023'"
    )
    assert "$.events[0].evidence[1].quote" in found
    assert "is outside the text" in found["$.events[0].evidence[2]"]


def test_evidence_ids_are_derived_and_unique(
    catalog_dict: dict[str, Any], write_json: Write
) -> None:
    event = catalog_dict["events"][0]
    event["evidence"][1]["id"] = f"{EVENT_ID}-evidence-9"
    person = catalog_dict["people"][0]
    person["evidence"][0]["id"] = "julia-mao-evidence-2"
    found = dict(problems(write_json(catalog_dict)))
    assert found["$.events[0].evidence[1].id"] == (
        f"is '{EVENT_ID}-evidence-9'; expected '{EVENT_ID}-evidence-2'"
    )
    assert found["$.people[0].evidence[0].id"] == (
        "is 'julia-mao-evidence-2'; expected 'julia-mao-evidence-1'"
    )


def test_a_quote_that_occurs_twice_needs_a_selector_that_picks_one(
    catalog_dict: dict[str, Any], write_json: Write
) -> None:
    # "COP28" occurs twice in the article; the build gave its evidence a prefix.
    reference = catalog_dict["events"][0]["references"][1]
    assert reference["evidence"][0]["quote"] == "COP28"
    reference["evidence"][0]["prefix"] = None
    session = catalog_dict["events"][0]["sessions"][0]
    session["evidence"][1]["suffix"] = ", and more"
    statement = catalog_dict["events"][0]["statements"][0]
    statement["evidence"][0]["prefix"] = "not the text before it"
    found = dict(problems(write_json(catalog_dict)))
    assert found["$.events[0].references[1].evidence[0].quote"] == (
        "occurs more than once in its source; prefix and suffix must pick one"
    )
    start = session["evidence"][1]["end"]
    assert found["$.events[0].sessions[0].evidence[1].suffix"] == (
        f"is not the text just after the quote at {start}"
    )
    assert "$.events[0].statements[0].evidence[0].prefix" in found


def test_facts_need_evidence_and_text_facts_need_their_words(
    catalog_dict: dict[str, Any], write_json: Write
) -> None:
    event = catalog_dict["events"][0]
    event["location"] = {"name": "Beijing"}  # invented: the article names no venue
    event["sessions"][0]["title"] = "Advancing Towards COP29"
    event["evidence"][0]["fields"] = ["start_date", "end_date", "no_such_field"]
    found = dict(problems(write_json(catalog_dict)))
    assert found["$.events[0].location.name"] == "has a value but no evidence names this field"
    assert found["$.events[0].sessions[0].title"] == (
        "'Advancing Towards COP29' does not occur in its evidence"
    )
    assert found["$.events[0].evidence[0].fields"] == "'no_such_field' is not a fact field of Event"


def test_derived_ids_ordinals_and_dates(catalog_dict: dict[str, Any], write_json: Write) -> None:
    event = catalog_dict["events"][0]
    event["end_date"] = "2023-07-13"
    event["sessions"][1]["ordinal"] = 3
    event["sessions"][2]["event_id"] = "other-event"
    event["statements"][0]["id"] = "my-statement"
    found = dict(problems(write_json(catalog_dict)))
    assert found["$.events[0].end_date"] == "2023-07-13 is before start_date 2023-07-14"
    assert found["$.events[0].sessions[1].ordinal"] == "is 3; sessions count 1..n, expected 2"
    assert found["$.events[0].sessions[2].event_id"] == f"is 'other-event'; expected '{EVENT_ID}'"
    assert found["$.events[0].statements[0].id"] == (
        f"is 'my-statement'; expected '{EVENT_ID}-statement-1'"
    )


def test_source_hash_and_topic_names(catalog_dict: dict[str, Any], write_json: Write) -> None:
    article = next(s for s in catalog_dict["sources"] if s["id"] == ARTICLE_ID)
    article["text"] = article["text"].replace("July", "June")
    catalog_dict["topics"][1]["aliases"] = ["Carbon-Markets"]
    found = dict(problems(write_json(catalog_dict)))
    n = catalog_dict["sources"].index(article)
    assert "the text hashes to" in found[f"$.sources[{n}].sha256"]
    assert found["$.topics[1].aliases[0]"] == (
        "topic name 'Carbon-Markets' is also a name of topic 'carbon-markets'"
    )


def test_duplicate_topic_in_a_session(catalog_dict: dict[str, Any], write_json: Write) -> None:
    catalog_dict["events"][0]["sessions"][1]["topics"] = ["green-recovery", "green-recovery"]
    found = problems(write_json(catalog_dict))
    assert (
        "$.events[0].sessions[1].topics[1]",
        "duplicate 'green-recovery' (first at [0])",
    ) in found


def test_organisation_parent_cycle(catalog_dict: dict[str, Any], write_json: Write) -> None:
    orgs = {o["id"]: o for o in catalog_dict["organizations"]}
    orgs["ministry-of-ecology-and-environment"]["parent_id"] = (
        "china-asean-environmental-cooperation-center"
    )
    orgs["ministry-of-ecology-and-environment"]["evidence"][0]["fields"].append("parent_id")
    found = [m for _, m in problems(write_json(catalog_dict))]
    assert any("is a cycle" in m for m in found)


@pytest.mark.parametrize("version", ["3.0.0", "0.9.0"])
def test_unsupported_schema_version(
    catalog_dict: dict[str, Any], write_json: Write, version: str
) -> None:
    catalog_dict["schema_version"] = version
    assert problems(write_json(catalog_dict)) == [
        (
            "$.schema_version",
            f"unsupported schema_version '{version}'; this version reads 1.x and 2.x",
        )
    ]
    # also when the rest of the file no longer fits this schema at all
    catalog_dict["events"] = "moved elsewhere in 3.0"
    assert [p for p, _ in problems(write_json(catalog_dict))] == ["$.schema_version"]


def test_a_newer_minor_version_is_read(catalog_dict: dict[str, Any], write_json: Write) -> None:
    catalog_dict["schema_version"] = "2.7.0"
    assert apt.load_dataset(write_json(catalog_dict)).get_event(EVENT_ID).id == EVENT_ID


def test_dataset_takes_only_a_catalog() -> None:
    with pytest.raises(TypeError, match="catalog must be a Catalog, not dict"):
        apt.Dataset({})  # type: ignore[arg-type]


def test_an_empty_catalog_has_no_default_event() -> None:
    ds = apt.Dataset(apt.Catalog(schema_version="1.0.0", data_version="0"))
    assert ds.list_events() == ()
    assert ds.search("x") == ()
    with pytest.raises(apt.EventNotFoundError, match="none to choose from"):
        ds.get_event()


def test_the_bundled_dataset_loads_once_under_many_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading_module, "_default", None)
    calls = 0
    real = loading_module._load_bundled
    barrier = threading.Barrier(32)

    def counting_load() -> apt.Dataset:
        nonlocal calls
        calls += 1
        return real()

    monkeypatch.setattr(loading_module, "_load_bundled", counting_load)
    results: list[apt.Dataset] = []

    def worker() -> None:
        barrier.wait()
        results.append(apt.default_dataset())

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == 1
    assert len(results) == 32
    assert all(r is results[0] for r in results)


def test_import_reads_no_data_and_asks_no_metadata() -> None:
    # Import pydantic first (its own import is its business), then forbid what our
    # import must not do: read package data or call importlib.metadata.
    code = """
import importlib.metadata, sys
import pydantic
def forbidden(*args, **kwargs):
    raise AssertionError("called at import time")
for name in ("version", "distribution", "metadata", "distributions", "packages_distributions"):
    setattr(importlib.metadata, name, forbidden)
import importlib.resources
importlib.resources.files = forbidden
import aseanplus3_events as apt
from aseanplus3_events import loading
assert loading._default is None
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# --- what statements and sessions cite, and the evidence of each listed id -------------


def test_reference_ids_and_depends_on_must_resolve_within_the_event(
    catalog_dict: dict[str, Any], write_json: Write
) -> None:
    event = catalog_dict["events"][0]
    plan = f"{EVENT_ID}-reference-1"
    event["sessions"][0]["reference_ids"] = ["no-such-reference"]
    event["statements"][5]["reference_ids"] = [plan, plan]
    event["statements"][6]["depends_on"] = [f"{EVENT_ID}-statement-8"]  # a later one
    event["statements"][1]["depends_on"] = ["no-such-statement"]
    found = dict(problems(write_json(catalog_dict)))
    assert found["$.events[0].sessions[0].reference_ids[0]"].startswith(
        "unknown reference of the event 'no-such-reference'; did you mean "
    )
    assert found["$.events[0].statements[5].reference_ids[1]"].startswith(f"duplicate '{plan}'")
    assert found["$.events[0].statements[6].depends_on[0]"].startswith(
        f"'{EVENT_ID}-statement-8' is not an earlier statement of event '{EVENT_ID}'; did you "
    )
    assert "not an earlier statement" in found["$.events[0].statements[1].depends_on[0]"]


def test_every_listed_id_has_its_own_quote(catalog_dict: dict[str, Any], write_json: Write) -> None:
    session = catalog_dict["events"][0]["sessions"][1]
    # a topic added without a quote naming it
    session["topics"].append("youth-leadership")
    # a quote's items naming a topic the session does not carry
    session["evidence"][1]["items"] = ["plastic-pollution"]
    # items on a record that lists no ids
    catalog_dict["organizations"][0]["evidence"][0]["items"] = ["x"]
    found = problems(write_json(catalog_dict))
    messages = dict(found)
    assert messages["$.events[0].sessions[1].topics[3]"] == (
        "'youth-leadership' has no evidence: none names 'topics' with it in its items"
    )
    # the topic whose quote now names another one has lost its own quote too
    assert messages["$.events[0].sessions[1].topics[0]"].startswith("'low-carbon-development'")
    assert messages["$.events[0].sessions[1].evidence[1].items[0]"] == (
        "'plastic-pollution' is not a value of 'topics'"
    )
    assert messages["$.organizations[0].evidence[0].items"] == (
        "Organization has no field that lists ids for items to name"
    )


def test_a_field_cited_whole_as_in_schema_1_0_needs_no_items(
    catalog_dict: dict[str, Any], write_json: Write
) -> None:
    # files of schema 1.0 cite a session's topics with one quote naming "topics"
    session = catalog_dict["events"][0]["sessions"][1]
    session["evidence"] = [session["evidence"][0]]
    session["evidence"][0]["fields"] = ["ordinal", "subject", "topics"]
    session["start_date"] = None
    assert apt.load_dataset(write_json(catalog_dict)).get_session(session["id"]).topics == (
        "low-carbon-development",
        "green-value-chains",
        "green-recovery",
    )


def test_a_bad_evidence_item_is_one_problem_not_two(
    catalog_dict: dict[str, Any], write_json: Write
) -> None:
    # pydantic also reports the tuple holding the failed item as "too short", which the
    # file's tuple is not: only the real problem is listed.
    catalog_dict["events"][0]["participations"][0]["evidence"][0]["start"] = 1e3
    catalog_dict["events"][0]["evidence"] = []  # really too short: still reported
    found = problems(write_json(catalog_dict))
    assert [path for path, _ in found] == [
        "$.events[0].participations[0].evidence[0].start",
        "$.events[0].evidence",
    ]


def test_messages_say_in_words_what_is_wrong(
    catalog_dict: dict[str, Any], write_json: Write, tmp_path: Path
) -> None:
    # a text with white space around it: words, not the pattern's regex
    catalog_dict["topics"][0]["description"] = " Markets and trading. "
    found = dict(problems(write_json(catalog_dict)))
    assert found["$.topics[0].description"] == (  # and the value, its spaces seen in quotes
        "' Markets and trading. ': must be one line of text, not empty, with no white space at "
        "either end"
    )
    # a file saved with a byte-order mark says so
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(catalog_dict).encode())
    assert problems(bom) == [
        ("$", "the file starts with a byte-order mark; save it as UTF-8 without one")
    ]


def test_a_newer_minor_version_with_unknown_fields_says_it_is_newer(
    catalog_dict: dict[str, Any], write_json: Write
) -> None:
    catalog_dict["schema_version"] = "2.9.0"
    catalog_dict["events"][0]["livestream"] = "a field of 2.9"
    found = problems(write_json(catalog_dict))
    assert found[0] == (
        "$.schema_version",
        f"is '2.9.0', newer than the {SCHEMA_VERSION} this version of aseanplus3-events "
        "reads; fields it does not know are listed below: upgrade aseanplus3-events",
    )
    assert found[1][0] == "$.events[0].livestream"
