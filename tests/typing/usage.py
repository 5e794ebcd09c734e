"""A small program using the public API, checked with ``mypy --strict`` by the tests."""

from __future__ import annotations

import datetime as dt
from typing import assert_type

import aseanplus3_events as apt

event = apt.get_event()
assert_type(event, apt.Event)
assert_type(event.start_date, dt.date)
assert_type(event.attendance_mode, apt.AttendanceMode | None)
assert_type(event.location, apt.Place | None)
assert_type(event.attendance, tuple[apt.Attendance, ...])
assert_type(event.series, str | None)
assert_type(apt.list_events(), tuple[apt.Event, ...])
assert_type(apt.sessions_by_topic("carbon markets"), tuple[apt.Session, ...])
assert_type(apt.sessions_by_topic(apt.topics()[0]), tuple[apt.Session, ...])
assert_type(apt.search("green"), tuple[apt.SearchHit, ...])
best = apt.search("carbon markets", kind="session", limit=1)[0]
assert_type(best.score, float)
assert_type(best.snippet, str)
assert_type(apt.get_organization("world-resources-institute").founded, int | None)
assert_type(apt.get_person("julia-mao").affiliations, tuple[apt.Affiliation, ...])
assert_type(apt.default_dataset(), apt.Dataset)
assert_type(apt.data_version(), str)

for session in event.sessions:
    title: str | None = session.title
    heading: str = session.heading
    for contribution in session.contributions:
        who: apt.Person = apt.get_person(contribution.person_id)

for evidence in event.evidence:
    source_text = apt.get_source(evidence.source_id).text
    if source_text is not None:
        assert source_text[evidence.start : evidence.end] == evidence.quote

try:
    apt.get_event("nope")
except apt.EventNotFoundError as error:
    suggestions: tuple[str, ...] = error.suggestions

try:
    apt.load_dataset("missing.json")
except apt.DatasetError as error:
    paths: list[str] = [problem.path for problem in error.problems]
