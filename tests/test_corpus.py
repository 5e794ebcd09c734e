"""The invented corpus (``tests/corpus/``): what each of its articles states, pinned, and
what it is for: every field of the model has a value somewhere in it.

The expected values are typed from the corpus's texts.  The corpus is made up by the
project's team (its catalog says so of every source) and is never bundled.
"""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

import aseanplus3_events as apt
from conftest import CORPUS, cited_records, field_value

DIALOGUE = "apt-clean-urban-transport-dialogue-2025"
MEETING = "apt-coastal-wetlands-working-group-meeting-16"
WEEK = "apt-east-asia-environment-week-2024"
WORKSHOP = "apt-youth-workshop-plastic-free-coasts-2024"


@pytest.fixture(scope="module")
def ds(corpus_dataset: apt.Dataset) -> apt.Dataset:
    return corpus_dataset


def quotes(record: object, field: str) -> list[str]:
    return [ev.quote for ev in record.evidence if field in ev.fields]  # type: ignore[attr-defined]


def test_every_source_is_marked_invented_and_none_is_bundled(ds: apt.Dataset) -> None:
    articles = [s for s in ds.sources() if s.text is not None]
    assert len(articles) >= 5
    for source in articles:
        assert source.note is not None
        assert source.note.startswith("Invented for the test corpus")
    bundled = {s.id for s in apt.sources()}
    assert not bundled & {s.id for s in articles}


def test_a_multi_day_dialogue_at_a_named_venue_with_attendance(ds: apt.Dataset) -> None:
    event = ds.get_event(DIALOGUE)
    assert event.kind is apt.EventKind.DIALOGUE
    assert (event.start_date, event.end_date) == (dt.date(2025, 3, 4), dt.date(2025, 3, 6))
    assert event.location is not None
    place = event.location
    assert (place.name, place.address_locality, place.address_country) == (
        "Champa Lantern Convention Hall", "Vientiane", "LA",
    )  # fmt: skip
    assert quotes(event, "location.address_country") == [
        "Champa Lantern Convention Hall in Vientiane, Lao PDR"
    ]
    first, second = event.attendance
    assert (first.count, first.count_qualifier, first.attendance_mode, first.label) == (
        120, "more_than", "in_person", "officials and researchers",
    )  # fmt: skip
    assert (second.count, second.attendance_mode, second.label) == (None, "online", "others")
    assert event.attendance_mode is apt.AttendanceMode.HYBRID


def test_an_opening_address_and_sessions_on_another_day_with_chairs(ds: apt.Dataset) -> None:
    event = ds.get_event(DIALOGUE)
    (opening,) = event.contributions
    assert (opening.person_id, opening.role) == ("bounmy-phetsavanh", "opening_remarks")
    assert [s.start_date for s in event.sessions] == [dt.date(2025, 3, 5)] * 3
    assert [s.title for s in event.sessions] == [
        "Financing Electric Buses in Secondary Cities", "Data for Safer Streets", None,
    ]  # fmt: skip
    assert event.sessions[2].subject == "low-emission school buses"
    assert "In the afternoon" in (event.sessions[2].note or "")
    chairs = [(c.person_id, c.role) for s in event.sessions[:2] for c in s.contributions]
    assert chairs == [("nguyen-thi-lan-phuong", "chair"), ("aiko-morishita", "chair")]


def test_an_outcome_document_adopted_and_a_statement_by_a_named_person(
    ds: apt.Dataset,
) -> None:
    event = ds.get_event(DIALOGUE)
    statement, toolkit = event.references
    assert (statement.title, statement.relation) == (
        "Vientiane Statement on Clean Urban Transport", apt.ReferenceRelation.ADOPTED,
    )  # fmt: skip
    assert statement.alternate_names == ("Vientiane Statement",)
    assert (toolkit.title, toolkit.relation) == ("Safer Streets Data Toolkit", "presented")
    assert event.sessions[1].reference_ids == (toolkit.id,)
    said = event.statements[0]
    assert (said.attributed_to, said.person_ids) == ("Dr. Phương", ("nguyen-thi-lan-phuong",))
    agreed = event.statements[1]  # "both titled sessions": the statement is about them
    assert agreed.session_ids == tuple(s.id for s in event.sessions[:2])
    assert event.statements[2].reference_ids == (statement.id,)


def test_names_with_diacritics_and_honorifics(ds: apt.Dataset) -> None:
    people = {p.id: (p.honorific_prefix, p.name) for p in ds.people()}
    assert people["nguyen-thi-lan-phuong"] == ("Dr.", "Nguyễn Thị Lan Phương")
    assert people["tran-quoc-bao"] == ("Mr.", "Trần Quốc Bảo")
    assert people["le-minh-khoi"] == ("Dr.", "Lê Minh Khôi")
    assert people["aiko-morishita"] == ("Ms.", "Aiko Morishita")
    assert [h.id for h in ds.search("Nguyen Thi Lan Phuong", kind="person")] == [
        "nguyen-thi-lan-phuong"
    ]


def test_a_numbered_meeting_held_alongside_a_larger_event(ds: apt.Dataset) -> None:
    meeting, week = ds.get_event(MEETING), ds.get_event(WEEK)
    assert (meeting.series, meeting.edition) == (
        "Meeting of the ASEAN Plus Three Working Group on Coastal Wetlands", 16,
    )  # fmt: skip
    assert meeting.super_event_id == week.id
    assert week.start_date <= meeting.start_date <= week.end_date
    # this article names the city and no country: none is recorded for it
    assert meeting.location == apt.Place(address_locality="Hà Nội")
    assert meeting.location != week.location
    assert (meeting.contributions[0].person_id, meeting.contributions[0].role) == (
        "tran-quoc-bao", "chair",
    )  # fmt: skip


def test_a_charter_signed_in_a_year_is_dated_by_its_year_alone(ds: apt.Dataset) -> None:
    # "Delegates recalled the Tidewater Charter on Wetland Stewardship, signed in 2009."
    plan, charter = ds.get_event(MEETING).references
    assert (plan.period_start, plan.period_end, plan.year) == (2021, 2025, None)
    assert (charter.title, charter.relation) == (
        "Tidewater Charter on Wetland Stewardship",
        "cited",
    )
    assert (charter.year, charter.date) == (2009, None)  # no day, and none invented
    assert quotes(charter, "year") == ["signed in 2009"]


def test_two_sources_that_disagree_keep_one_value_and_name_the_other(ds: apt.Dataset) -> None:
    event = ds.get_event(WORKSHOP)
    assert event.source_ids == (
        "article-plastic-free-coasts-workshop-2024-network",
        "article-plastic-free-coasts-workshop-2024-university",
    )
    (attendance,) = event.attendance
    assert (attendance.count, attendance.count_qualifier) == (60, "about")
    assert quotes(attendance, "count") == ["about 60 young people"]
    assert "“Nearly 70 young people took part”" in (attendance.note or "")
    # the facts both state are cited to both
    assert {ev.source_id for ev in event.evidence if "start_date" in ev.fields} == set(
        event.source_ids
    )


def test_lao_pdr_and_viet_nam_as_the_articles_name_them(ds: apt.Dataset) -> None:
    labels = {g.label: g.country for e in ds.list_events() for g in e.participants}
    assert (labels["Lao PDR"], labels["Viet Nam"]) == ("LA", "VN")
    assert [e.id for e in ds.list_events(country="Lao PDR")] == [MEETING, DIALOGUE]
    assert [e.id for e in ds.list_events(country="VN")] == [WEEK, MEETING, DIALOGUE]


def test_each_new_kind_is_used(ds: apt.Dataset) -> None:
    kinds = {o.kind for o in ds.organizations()}
    assert {"network", "agency", "ngo", "intergovernmental_organization", "un_agency",
            "fund", "university", "company"} <= kinds  # fmt: skip
    groups = {g.kind for e in ds.list_events() for g in e.participants}
    assert {
        "delegations_from_country", "delegations_from_country_group",
        "representatives_from_country", "young_people_from_country",
        "young_people_from_country_group", "participants_from_organization_group",
    } <= groups  # fmt: skip
    roles = {c.role for e in ds.list_events() for c in e.contributions}
    assert {"opening_remarks", "keynote", "closing_remarks", "chair", "rapporteur"} <= roles


def test_every_field_of_every_record_has_a_value_somewhere(ds: apt.Dataset) -> None:
    """What the corpus is for: a field no record fills is a field no invariant tests."""
    unfilled = []
    records = cited_records(ds)
    for model in {type(r) for r in records}:
        for field in model.model_fields:
            if field in ("note",):
                continue
            mine = [r for r in records if type(r) is model]
            if all(field_value(r, field) in (None, ()) for r in mine):
                unfilled.append(f"{model.__name__}.{field}")
    # left empty, each for its reason: no corpus text says whether its list of groups
    # is whole; a country's groups have no fact field to cite them by (schema 2.0.0),
    # so the corpus, whose working-group article says "all ASEAN Member States", leaves
    # them out rather than state them uncited
    expected = ["Country.groups", "Event.participants_complete"]
    assert sorted(unfilled) == expected, (
        f"no record of the invented corpus fills {sorted(set(unfilled) - set(expected))}: "
        "give one a value, with its evidence, in tests/corpus/ (events/*.toml)"
    )


def test_the_catalog_lists_a_source_for_every_text_and_nothing_else() -> None:
    catalog = tomllib.loads((CORPUS / "catalog.toml").read_text(encoding="utf-8"))
    files = {s["file"] for s in catalog["sources"] if "file" in s}
    assert files == {f"sources/{p.name}" for p in (CORPUS / "sources").glob("*.txt")}
