"""The module-level API and the Dataset query methods: results, order, errors."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import types

import pytest

import aseanplus3_events as apt
from conftest import EVENT_ID, ROOT


def test_public_names_are_exactly_the_contract() -> None:
    exported = set(apt.__all__)
    functions = {
        "get_event", "list_events", "sessions_by_topic", "topics", "get_topic",
        "get_organization", "organizations", "get_person", "people", "get_source",
        "sources", "get_session", "get_country", "countries", "search",
        "default_dataset", "load_dataset", "data_version",
    }  # fmt: skip
    assert functions <= exported
    assert {"Catalog", "Dataset", "Event", "Session", "Topic", "Evidence"} <= exported
    assert {"DatasetError", "EventNotFoundError", "UnknownTopicError"} <= exported
    for name in exported:
        assert hasattr(apt, name), name
    # nothing else leaks: every public attribute of the package is listed
    public = {
        name
        for name, value in vars(apt).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == exported - {"__version__"}


def test_versions_are_separate() -> None:
    assert apt.__version__ == "0.1.0"
    # the data's CalVer, as seeds/catalog.toml sets it
    seeds = tomllib.loads((ROOT / "seeds" / "catalog.toml").read_text(encoding="utf-8"))
    assert apt.data_version() == apt.default_dataset().catalog.data_version == seeds["data_version"]
    assert re.fullmatch(r"20[0-9]{2}\.[1-9][0-9]*", apt.data_version())


def test_get_event_default_is_the_most_recent() -> None:
    events = apt.list_events()
    assert apt.get_event() is events[-1]
    assert apt.get_event() is max(events, key=lambda e: (e.start_date, e.id))
    keys = [(e.start_date, e.id) for e in events]
    assert keys == sorted(keys)


def test_sessions_by_topic_accepts_any_name_of_a_topic() -> None:
    expected = (apt.get_session(f"{EVENT_ID}-session-1"),)
    for name in ("carbon-markets", "Carbon markets", "CARBON_MARKETS", "carbon market",
                 " carbon  markets ", "carbonmarkets"):  # fmt: skip
        assert apt.sessions_by_topic(name) == expected, name
    topic = apt.get_topic("carbon-markets")
    assert apt.sessions_by_topic(topic) == expected
    assert apt.get_topic("Plastic reduction").id == "plastic-pollution"


def test_sessions_by_topic_orders_by_date_then_ordinal() -> None:
    sessions = apt.sessions_by_topic("green finance")
    assert [s.ordinal for s in sessions if s.event_id == EVENT_ID] == [1]
    for topic in apt.topics():
        found = apt.sessions_by_topic(topic)
        assert all(topic.id in s.topics for s in found)
        keys = [(apt.get_event(s.event_id).start_date, s.ordinal) for s in found]
        assert keys == sorted(keys)
    every = {s.id for t in apt.topics() for s in apt.sessions_by_topic(t)}
    assert every == {s.id for e in apt.list_events() for s in e.sessions if s.topics}
    assert {s.id for s in apt.get_event(EVENT_ID).sessions} <= every


def test_a_known_topic_without_sessions_gives_an_empty_tuple(catalog_dict: dict) -> None:
    catalog_dict["topics"].append({"id": "marine-litter", "label": "Marine litter"})
    catalog_dict["topics"].sort(key=lambda t: t["id"])
    ds = apt.Dataset(apt.Catalog.model_validate_json(_dumps(catalog_dict)))
    assert ds.sessions_by_topic("Marine litter") == ()


def test_topic_vocabulary() -> None:
    ids = [t.id for t in apt.topics()]
    assert ids == sorted(ids)
    assert "carbon-markets" in ids
    assert "plastic-pollution" in ids
    used = {t for e in apt.list_events() for s in e.sessions for t in s.topics}
    assert used == set(ids)  # no topic of the vocabulary is left unused
    assert {t for s in apt.get_event(EVENT_ID).sessions for t in s.topics} <= used


def test_lookups_by_id() -> None:
    assert apt.get_organization("world-resources-institute").name == "World Resources Institute"
    assert apt.get_person("julia-mao").name == "Julia Mao"
    assert apt.get_source("iso-3166-1").kind is apt.SourceKind.REFERENCE
    assert apt.get_country("CN").name == "China"
    assert apt.get_country("jp").code == "JP"
    assert apt.get_session(f"{EVENT_ID}-session-3").ordinal == 3
    assert [o.id for o in apt.organizations()] == sorted(o.id for o in apt.organizations())


@pytest.mark.parametrize(
    ("call", "error", "bad", "suggestion"),
    [
        (apt.get_event, apt.EventNotFoundError, "apt-low-carbon-seminar-2024", EVENT_ID),
        (apt.get_session, apt.SessionNotFoundError, f"{EVENT_ID}-session-4",
         f"{EVENT_ID}-session-1"),
        (apt.sessions_by_topic, apt.UnknownTopicError, "carbon marketz", "carbon-markets"),
        (apt.get_topic, apt.UnknownTopicError, "youth leadersip", "youth-leadership"),
        (apt.get_organization, apt.OrganizationNotFoundError, "world-resource-institute",
         "world-resources-institute"),
        (apt.get_person, apt.PersonNotFoundError, "julia-mau", "julia-mao"),
        (apt.get_source, apt.SourceNotFoundError, "iso-3166", "iso-3166-1"),
        (apt.get_country, apt.UnknownCountryError, "CM", "CN"),
    ],
)  # fmt: skip
def test_unknown_keys_raise_the_packages_error_with_the_closest(
    call: object, error: type[apt.NotFoundError], bad: str, suggestion: str
) -> None:
    with pytest.raises(error) as info:
        call(bad)  # type: ignore[operator]
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, apt.AseanPlusThreeError)
    assert not isinstance(info.value, KeyError)
    assert info.value.value == bad
    assert suggestion in info.value.suggestions
    assert repr(bad) in str(info.value)
    assert repr(suggestion) in str(info.value)


def test_far_off_values_suggest_nothing_and_say_what_lists_the_valid_ones() -> None:
    with pytest.raises(apt.UnknownTopicError) as info:
        apt.sessions_by_topic("zzzzzzzz")
    assert info.value.suggestions == ()  # not the first topics in order, labelled closest
    assert str(info.value) == (
        "unknown topic 'zzzzzzzz'; none is close "
        "(apt.topics() or `aseanplus3-events topics` lists them)"
    )


@pytest.mark.parametrize(
    "call",
    [apt.get_event, apt.get_session, apt.sessions_by_topic, apt.get_topic, apt.get_organization,
     apt.get_person, apt.get_source, apt.get_country, apt.search, apt.load_dataset],
)  # fmt: skip
@pytest.mark.parametrize("bad", [42, b"carbon-markets", ["x"], 1.5])
def test_wrong_types_raise_type_error_with_a_plain_message(call: object, bad: object) -> None:
    with pytest.raises(TypeError, match=r"must be a .*, not (int|bytes|list|float)"):
        call(bad)  # type: ignore[operator]


def test_none_is_not_a_topic() -> None:
    with pytest.raises(TypeError, match="topic must be a str, not NoneType"):
        apt.sessions_by_topic(None)  # type: ignore[arg-type]


def test_search_needs_every_word_in_the_same_record() -> None:
    # Julia Mao's contributions (session 1): the first names her and the International
    # Institute of Green Finance; the third, hers by the speaker link, is on green finance.
    hits = apt.search("Julia green")
    assert {(h.kind, h.id) for h in hits} == {
        ("contribution", f"{EVENT_ID}-session-1-contribution-1"),
        ("contribution", f"{EVENT_ID}-session-1-contribution-3"),
    }
    assert apt.search("JULIA GREEN") == hits  # case-insensitive
    assert apt.search("julia plastic") == ()
    assert apt.search("") == ()
    assert apt.search("   ") == ()
    hit = apt.search("World Wide Fund")[0]
    assert (hit.kind, hit.id, hit.event_id) == ("organization", "world-wide-fund-for-nature", None)
    assert "World Wide Fund for Nature" in hit.text


def test_search_finds_session_titles_and_references() -> None:
    # COP28 is in session 1's title, and the reference's own title
    hits = apt.search("cop28")
    assert sorted(h.kind for h in hits) == ["reference", "session"]
    assert all(h.event_id == EVENT_ID for h in hits)
    assert hits[0].score >= hits[1].score


def test_returned_values_cannot_be_changed() -> None:
    event = apt.get_event(EVENT_ID)
    with pytest.raises(ValueError, match="frozen"):
        event.name = "changed"  # type: ignore[misc]
    with pytest.raises(ValueError, match="frozen"):
        event.sessions[0].title = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        event.sessions.append(event.sessions[0])  # type: ignore[attr-defined]
    assert isinstance(apt.topics(), tuple)
    assert isinstance(apt.search("green"), tuple)
    copy = event.model_copy(update={"name": "changed"})
    assert copy.name == "changed"
    assert apt.get_event(EVENT_ID).name.startswith("ASEAN Plus Three")


def test_a_callers_mistakes_do_not_change_the_next_result() -> None:
    before = apt.default_dataset().catalog.model_dump_json()
    for bad in ("nope", "", "carbon", "x" * 10_000):
        for call in (apt.get_event, apt.sessions_by_topic, apt.get_person):
            with pytest.raises(apt.NotFoundError):
                call(bad)
        apt.search(bad)
    assert apt.default_dataset().catalog.model_dump_json() == before
    assert apt.get_event(EVENT_ID).start_date == dt.date(2023, 7, 14)


def _dumps(data: dict) -> str:
    import json

    return json.dumps(data)


def test_no_submodule_shadows_a_public_name() -> None:
    # Importing a submodule binds it on the package: one named like a public function
    # would replace that function the first time it is imported (lazily, say).
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(apt.__path__)}
    assert modules.isdisjoint(apt.__all__)
    apt.Dataset(apt.default_dataset().catalog).search("green")  # imports the index lazily
    assert callable(apt.search)
    assert apt.search("plastic youth")[0].kind == "session"


# --- list_events filters ------------------------------------------------------------


def test_list_events_filters_keep_order_and_combine(two_events: apt.Dataset) -> None:
    ds = two_events
    ids = lambda events: [e.id for e in events]  # noqa: E731
    assert ids(ds.list_events()) == [EVENT_ID, "copy-forum-2024"]
    assert ids(ds.list_events(kind="forum")) == ids(ds.list_events(kind=apt.EventKind.FORUM))
    assert ids(ds.list_events(kind=" Forum ")) == ["copy-forum-2024"]
    # country: an organization taking part (China), or a participant group (Japan)
    assert ids(ds.list_events(country="CN")) == [EVENT_ID, "copy-forum-2024"]
    assert ids(ds.list_events(country="japan")) == [EVENT_ID]
    assert ids(ds.list_events(country=ds.get_country("JP"))) == [EVENT_ID]
    assert ids(ds.list_events(topic="Carbon markets")) == [EVENT_ID, "copy-forum-2024"]
    # since/until keep events that run on any day of the period, bounds included
    assert ids(ds.list_events(since="2023-07-14")) == [EVENT_ID, "copy-forum-2024"]
    assert ids(ds.list_events(since=dt.date(2023, 7, 15))) == ["copy-forum-2024"]
    assert ids(ds.list_events(since="2024-05-03", until="2024-05-03")) == ["copy-forum-2024"]
    assert ids(ds.list_events(until="2024-04-30")) == [EVENT_ID]
    assert ds.list_events(since="2024-05-04") == ()
    assert ids(ds.list_events(kind="forum", country="JP")) == []
    assert ds.get_event() is ds.list_events()[-1]


@pytest.mark.parametrize(
    ("filters", "error", "message"),
    [
        ({"kind": "seminars"}, apt.UnknownKindError, "kind 'seminars'; closest: 'seminar'"),
        ({"country": "Japn"}, apt.UnknownCountryError, "closest: 'JP'"),
        ({"topic": "carbon marketz"}, apt.UnknownTopicError, "closest: 'carbon-markets'"),
        ({"since": "14 July 2023"}, ValueError, "(YYYY-MM-DD, such as 20"),
        ({"since": "14 July 2023"}, ValueError, "), not '14 July 2023'"),
        ({"since": "2025-11-9"}, ValueError, "such as 2025-11-09), not '2025-11-9'"),
        ({"until": 2023}, TypeError, "until must be a date or a str, not int"),
        ({"kind": 1}, TypeError, "kind must be a str, not int"),
    ],
)  # fmt: skip
def test_list_events_unknown_filter_values_raise_the_packages_errors(
    filters: dict, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        apt.list_events(**filters)
    assert message in str(raised.value)
    assert raised.value.__cause__ is None
