"""The suggestions in lookup errors: one helper (`errors.closest`), close or nothing.

Rows of issue 8's table ("plastic", "WWF") are here, with the other ways a person
misremembers a key: initials, a word of the name, a plural, a typo, a code one letter
off, the name instead of the id, a topic's alias.  Far-off values get no suggestion
and a message that names what lists the valid values.
"""

from __future__ import annotations

import pickle
import traceback
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aseanplus3_events as apt
from aseanplus3_events.errors import closest
from conftest import EVENT_ID


@pytest.mark.parametrize(
    ("call", "bad", "expected"),
    [
        (apt.sessions_by_topic, "plastic", ("plastic-pollution",)),  # a word of it
        (apt.get_topic, "plastics", ("plastic-pollution",)),  # a plural
        (apt.get_topic, "reduction", ("plastic-pollution",)),  # a word of an alias only
        (apt.get_topic, "youth leadersip", ("youth-leadership",)),  # a typo
        (apt.get_topic, "green financing", ("green-finance",)),  # another ending
        (apt.get_organization, "WWF", ("world-wide-fund-for-nature",)),  # initials, begun
        (apt.get_organization, "WRI", ("world-resources-institute",)),  # initials
        (apt.get_organization, "world-resource-institute", ("world-resources-institute",)),
        (apt.get_organization, "Foreign Environment Cooperation Centre",
         ("china-asean-environmental-cooperation-center",)),  # an alternate name, typed
        (apt.get_person, "mao", ("julia-mao",)),  # a word of the id
        (apt.get_person, "Julia Mao", ("julia-mao",)),  # the name, not the id
        (apt.get_country, "Japan", ("JP",)),  # the name, not the code
        (apt.get_country, "CM", ("CN",)),  # a code one letter off
        (apt.get_event, "apt-low-carbon-seminar", (EVENT_ID,)),
        (apt.get_event, "low carbon seminar 2023", (EVENT_ID,)),
        (apt.get_session, f"{EVENT_ID}-session-1x",  # all alike; the one whose digit it has first
         tuple(f"{EVENT_ID}-session-{n}" for n in (1, 2, 3))),
        (apt.get_source, "iso-3166", ("iso-3166-1",)),
    ],
)  # fmt: skip
def test_suggestions_are_the_close_keys(
    call: Callable[[str], Any], bad: str, expected: tuple[str, ...]
) -> None:
    with pytest.raises(apt.NotFoundError) as info:
        call(bad)
    # the closest first (an added record may be close too, after them)
    assert info.value.suggestions[: len(expected)] == expected
    assert "closest: " + ", ".join(repr(s) for s in expected) in str(info.value)


@pytest.mark.parametrize(
    ("call", "lister"),
    [
        (apt.get_event, "apt.list_events() or `aseanplus3-events events` lists them"),
        (apt.get_session, "`aseanplus3-events sessions` lists them"),
        (apt.sessions_by_topic, "apt.topics() or `aseanplus3-events topics` lists them"),
        (apt.get_topic, "apt.topics() or `aseanplus3-events topics` lists them"),
        (apt.get_organization, "apt.organizations() or `aseanplus3-events orgs` lists them"),
        (apt.get_person, "apt.people() or `aseanplus3-events people` lists them"),
        (apt.get_source, "apt.sources() lists them"),
        (apt.get_country, "apt.countries() or `aseanplus3-events countries` lists them"),
    ],
)
def test_when_nothing_is_close_the_message_says_so_and_what_lists_them(
    call: Callable[[str], Any], lister: str
) -> None:
    with pytest.raises(apt.NotFoundError) as info:
        call("qqqqqqqqqq")
    assert info.value.suggestions == ()
    message = str(info.value)
    assert message.startswith(f"unknown {type(info.value).what} 'qqqqqqqqqq'; none is close (")
    assert message.endswith(lister + ")")
    # at the command line, the command alone where there is one; a copy says the same
    command = lister[lister.index("`") :] if "`" in lister else lister
    assert info.value.message(python=False).endswith(f"'qqqqqqqqqq'; none is close ({command})")
    assert pickle.loads(pickle.dumps(info.value)).message(python=False).endswith(f"({command})")


def test_no_candidates_at_all_is_said_plainly() -> None:
    ds = apt.Dataset(apt.Catalog(schema_version="1.0.0", data_version="0"))
    with pytest.raises(apt.UnknownTopicError, match="there are none to choose from"):
        ds.get_topic("carbon")


def test_suggestions_are_not_the_first_keys_in_order() -> None:
    # the old helper fell back to the first three ids, labelled "closest"
    first = tuple(t.id for t in apt.topics()[:3])
    for bad in ("plastic", "zzzz", "youth"):
        with pytest.raises(apt.UnknownTopicError) as info:
            apt.get_topic(bad + "!")
        assert info.value.suggestions != first


def test_the_helper_ranks_close_first_and_drops_the_far() -> None:
    orgs = ["world-resources-institute", "world-wide-fund-for-nature", "ministry-of-ecology"]
    assert closest("world-resource-institute", orgs) == ("world-resources-institute",)
    # both begin with "world": the one it is more of first
    assert closest("world", orgs) == ("world-wide-fund-for-nature", "world-resources-institute")
    assert closest("", orgs) == closest("  ", orgs) == closest("---", orgs) == ()
    assert closest("carbon", []) == ()
    sessions = [f"e-session-{n}" for n in range(1, 6)]
    assert closest("e-session-9", sessions, n=2) == ("e-session-1", "e-session-2")
    # the start of names ranks them first, before a name it is only in
    ids = ["article-apt-low-2023", "apt-low-2023", "apt-low-2023-session-1"]
    assert closest("apt-low", ids)[:2] == ("apt-low-2023", "apt-low-2023-session-1")
    assert closest("apt-low-2023-s", ids)[0] == "apt-low-2023-session-1"


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=30))
def test_any_value_gets_valid_suggestions_or_none(value: str) -> None:
    topics = {t.id: (t.label, *t.aliases) for t in apt.topics()}
    found = closest(value, topics, names=topics)
    assert len(found) <= 3
    assert set(found) <= set(topics)
    assert len(set(found)) == len(found)


def test_in_a_large_pool_the_close_keys_are_still_found() -> None:
    # Among thousands of names the close ones are found: a typo late in an id, one
    # early, a word, initials.
    ids = [f"event-{n:06d}" for n in range(5000)]
    titles = {i: (f"Seminar {n} on topic {n % 7}",) for n, i in enumerate(ids)}
    ids.append("world-wide-fund-for-nature")
    assert closest("event-004321x", ids, names=titles)[0] == "event-004321"
    assert closest("evnt-004321", ids, names=titles)[0] == "event-004321"
    assert closest("seminar 4321", ids, names=titles)[0] == "event-004321"
    assert closest("WWF", ids, names=titles) == ("world-wide-fund-for-nature",)


@pytest.mark.parametrize(
    ("lookup", "value"),
    [
        (apt.get_event, "no-such-event"),
        (apt.get_session, "no-such-session"),
        (apt.sessions_by_topic, "carbon marketz"),
        (apt.get_topic, "carbon marketz"),
        (apt.get_organization, "WWF"),
        (apt.get_person, "julia"),
        (apt.get_source, "article"),
        (apt.get_country, "XX"),
    ],
)
def test_a_lookup_error_shows_no_internal_exception_in_its_traceback(
    lookup: Any, value: str
) -> None:
    # A user sees "During handling of the above exception, another exception occurred"
    # with our KeyError above the real error unless the context is suppressed or absent.
    with pytest.raises(apt.NotFoundError) as info:
        lookup(value)
    error = info.value
    assert error.__context__ is None or error.__suppress_context__
    shown = "".join(traceback.format_exception(error))
    assert "During handling" not in shown
    assert "KeyError" not in shown


# --- errors cross process boundaries (issue 19, item 1) -----------------------------------


def _one_of_each() -> list[Exception]:
    """An instance of every public exception class of the package, with its attributes."""
    from aseanplus3_events import errors

    made: list[Exception] = []
    for name in errors.__all__:
        cls = getattr(errors, name)
        if not (isinstance(cls, type) and issubclass(cls, Exception)):
            continue
        if issubclass(cls, errors.NotFoundError):
            made.append(cls("julia-mau", ["julia-mao", "wwf"]))
        elif issubclass(cls, errors.DatasetError):
            made.append(cls([errors.Problem("$.events[0].name", "Field required")], origin="f"))
        else:
            made.append(cls("search needs SQLite's FTS5"))
    return made


@pytest.mark.parametrize("error", _one_of_each(), ids=lambda e: type(e).__name__)
def test_every_public_exception_pickles_to_the_same_type_message_and_attributes(
    error: Exception,
) -> None:
    """pydantic#1616: an exception whose ``__init__`` takes other arguments than its
    ``args`` could not be unpickled (a lookup error's ``candidates``), or came back
    wrong (a DatasetError of "106 problems", one per character of its message)."""
    import pickle

    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(error, protocol))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert copy.args == error.args
        assert vars(copy) == vars(error)


def _look_up(event_id: str) -> str:
    return apt.get_event(event_id).id


def test_a_lookup_error_in_a_process_pool_reaches_the_caller_and_the_pool_lives_on() -> None:
    """pydantic#1616: one bad id in a worker broke the whole pool (BrokenProcessPool),
    because the worker's error could not be unpickled in the caller."""
    from concurrent.futures import ProcessPoolExecutor

    good = "apt-low-carbon-seminar-2023"
    with pytest.raises(apt.EventNotFoundError) as here:  # the error raised in this process
        apt.get_event("apt-seminar-2023")
    assert good in here.value.suggestions
    with ProcessPoolExecutor(max_workers=1) as pool:
        with pytest.raises(apt.EventNotFoundError) as raised:
            pool.submit(_look_up, "apt-seminar-2023").result(timeout=120)
        assert raised.value.value == "apt-seminar-2023"
        assert raised.value.suggestions == here.value.suggestions
        assert str(raised.value).startswith("unknown event id 'apt-seminar-2023'; closest:")
        assert pool.submit(_look_up, good).result(timeout=120) == good  # not broken
