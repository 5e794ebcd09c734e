"""Every fact the article states about the seminar, pinned.

The expected values here are typed from the article (seeds/sources/...), not copied
from the dataset; each test also checks that the fact's evidence quotes the article.
A failure here is a wrong fact: a release-blocking bug.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

import aseanplus3_events as apt
from aseanplus3_events import (
    AttendanceMode,
    ContributionRole,
    EventKind,
    EventStatus,
    OrganizationKind,
    ParticipantKind,
    ParticipationRole,
    ReferenceKind,
    StatementKind,
)
from conftest import ARTICLE, ARTICLE_ID, EVENT_ID

MEE = "ministry-of-ecology-and-environment"
MEE_DEPT = "ministry-of-ecology-and-environment-international-cooperation-department"
CAEC = "china-asean-environmental-cooperation-center"
IIGF = "international-institute-of-green-finance"
IIGF_DEPT = "international-institute-of-green-finance-international-cooperation-department"
WRI = "world-resources-institute"
WWF = "world-wide-fund-for-nature"


def quotes(record: apt.Event | apt.Session | apt.Organization | object, field: str) -> list[str]:
    """The quotes of ``record``'s evidence that name ``field``."""
    return [ev.quote for ev in record.evidence if field in ev.fields]  # type: ignore[attr-defined]


def cites(record: object, field: str, *phrases: str) -> bool:
    """Some quote naming ``field`` contains every phrase."""
    return any(all(p in q for p in phrases) for q in quotes(record, field))


@pytest.fixture(scope="module")
def event() -> apt.Event:
    return apt.get_event(EVENT_ID)


def test_the_article_is_the_shared_seed_byte_for_byte() -> None:
    digest = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert digest == "2d9fe41731aa3ca90b7e807bd79ab05c2ad6ae602da7794872bc08b85109cb77"
    source = apt.get_source(ARTICLE_ID)
    assert source.sha256 == digest
    assert source.text == ARTICLE.read_text(encoding="utf-8")


def test_the_seminar(event: apt.Event) -> None:
    assert event.name == (
        "ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership"
    )
    assert event.kind is EventKind.SEMINAR
    assert event.start_date == event.end_date == dt.date(2023, 7, 14)
    assert cites(event, "start_date", "July 14, 2023")
    assert cites(event, "end_date", "July 14, 2023")
    assert event.attendance_mode is AttendanceMode.HYBRID
    assert cites(event, "attendance_mode", "hybrid format", "online and offline")
    assert event.status is EventStatus.HELD
    assert cites(event, "status", "held")
    assert cites(event, "kind", "Seminar")
    assert event.source_ids == (ARTICLE_ID,)


def test_nothing_the_article_does_not_state(event: apt.Event) -> None:
    # No venue, no alternate names, no address or author for the article.
    assert event.location is None
    assert event.alternate_names == ()
    article = apt.get_source(ARTICLE_ID)
    assert article.url is None
    assert apt.get_organization(WWF).kind is None  # its kind is not stated
    for org in apt.organizations():
        # founding year and description are stated for one organisation only
        if org.id != CAEC:
            assert org.founded is None
            assert org.description is None


def test_roles_of_the_organisations(event: apt.Event) -> None:
    roles = [(p.organization_id, p.role, p.role_label) for p in event.participations]
    assert roles == [
        (MEE_DEPT, ParticipationRole.GUIDANCE, "under the guidance of"),
        (CAEC, ParticipationRole.ORGANIZER, "organized"),
        (WRI, ParticipationRole.SUPPORTER, "with support from"),
        (WWF, ParticipationRole.SUPPORTER, "with support from"),
    ]
    guidance, organizer, wri, wwf = event.participations
    assert cites(guidance, "role", "under the guidance of the International Cooperation Department")
    assert cites(
        organizer, "organization_id", "Environmental Cooperation Center/Foreign Environment"
    )
    assert organizer.note is not None
    assert "position" in organizer.note
    assert guidance.note is None
    assert cites(wri, "role", "with support from the World Resources Institute")
    assert cites(wwf, "organization_id", "World Wide Fund for Nature")


def test_participant_groups(event: apt.Event) -> None:
    groups = [(g.label, g.kind, g.country) for g in event.participants]
    assert groups == [
        ("ASEAN countries", ParticipantKind.COUNTRY_GROUP, None),
        ("China", ParticipantKind.COUNTRY, "CN"),
        ("Japan", ParticipantKind.COUNTRY, "JP"),
        ("South Korea", ParticipantKind.COUNTRY, "KR"),
        ("United Nations agencies", ParticipantKind.ORGANIZATION_GROUP, None),
        ("international organizations", ParticipantKind.ORGANIZATION_GROUP, None),
    ]
    for group in event.participants:
        assert cites(group, "label", "experts from various regions", group.label)


def test_three_subjects_as_sessions_with_exact_titles(event: apt.Event) -> None:
    titles = [s.title for s in event.sessions]
    assert titles == [
        "Advancing Towards COP28: Enhancing Regional Carbon Market Development and Collaboration",
        "Promoting Low-Carbon Development and Establishing Green Value Chains "
        "for Regional Green Recovery",
        "Climate Change and Plastic Pollution Governance: Green Low-Carbon Consumption "
        "and Youth Leadership in Plastic Reduction",
    ]
    assert [s.ordinal for s in event.sessions] == [1, 2, 3]
    assert [s.id for s in event.sessions] == [f"{EVENT_ID}-session-{n}" for n in (1, 2, 3)]
    assert all(s.event_id == EVENT_ID for s in event.sessions)
    # titles stop inside the quotation marks: no comma or quote mark of the sentence
    assert not any(t.endswith((",", "”", ".")) for t in titles)


def test_only_the_first_subject_is_called_a_session(event: apt.Event) -> None:
    first, second, third = event.sessions
    assert cites(first, "title", "first session, titled")
    assert first.note is None
    for implied in (second, third):
        assert implied.note is not None
        assert "primary subjects" in implied.note
        assert "session" in implied.note


def test_session_topics(event: apt.Event) -> None:
    first, second, third = event.sessions
    assert set(first.topics) == {"carbon-markets", "regional-cooperation", "green-finance"}
    assert cites(first, "topics", "green finance")
    assert set(second.topics) == {"low-carbon-development", "green-value-chains", "green-recovery"}
    assert set(third.topics) == {
        "climate-change",
        "plastic-pollution",
        "green-consumption",
        "youth-leadership",
    }


def test_the_first_sessions_speaker_and_what_she_did(event: apt.Event) -> None:
    contributions = event.sessions[0].contributions
    assert {c.person_id for c in contributions} == {"julia-mao"}
    assert {c.role for c in contributions} == {ContributionRole.SPEAKER}
    summaries = [c.summary for c in contributions]
    assert [s.split(",")[0].split(" ")[0] for s in summaries] == [
        "Julia",
        "She",
        "Furthermore",
        "Additionally",
    ]
    assert "offered her perspectives" in summaries[0]
    assert "experts from China, Japan, Singapore, and South Korea" in summaries[1]
    assert "importance of green finance" in summaries[2]
    assert "expansion of regional low-carbon collaboration" in summaries[3]
    assert all(c.note for c in contributions)  # role inferred; "she" resolved
    assert [s.contributions for s in event.sessions[1:]] == [(), ()]


def test_the_speaker_her_post_and_organisation() -> None:
    person = apt.get_person("julia-mao")
    assert person.name == "Julia Mao"
    (affiliation,) = person.affiliations
    assert affiliation.post == "Director"
    assert affiliation.organization_id == IIGF_DEPT
    assert apt.get_organization(IIGF_DEPT).parent_id == IIGF
    assert cites(person, "affiliations", "Julia Mao, the Director", "International Institute")


def test_two_departments_that_share_a_name_are_two_organisations() -> None:
    mee_dept, iigf_dept = apt.get_organization(MEE_DEPT), apt.get_organization(IIGF_DEPT)
    assert mee_dept.name == iigf_dept.name == "International Cooperation Department"
    assert mee_dept.parent_id == MEE
    assert iigf_dept.parent_id == IIGF
    assert mee_dept.country == "CN"
    assert iigf_dept.country is None
    assert cites(mee_dept, "parent_id", "China’s Ministry of Ecology and Environment")
    assert cites(iigf_dept, "parent_id", "at the International Institute of Green Finance")
    assert mee_dept.kind is iigf_dept.kind is OrganizationKind.DEPARTMENT


def test_the_organiser_under_its_long_and_short_names() -> None:
    org = apt.get_organization(CAEC)
    assert org.name == "China-ASEAN Environmental Cooperation Center"
    assert org.alternate_names == (
        "China-ASEAN Environmental Cooperation Center/Foreign Environment Cooperation Center",
        "Foreign Environment Cooperation Center",
    )
    assert org.note is not None
    assert "one organisation" in org.note
    ids = [o.id for o in apt.organizations()]
    assert ids.count(CAEC) == 1
    assert not any("foreign" in i for i in ids)


def test_profile_of_the_china_asean_environmental_cooperation_center() -> None:
    org = apt.get_organization(CAEC)
    assert org.founded == 2010
    assert cites(org, "founded", "established in 2010")
    assert org.kind is OrganizationKind.INSTITUTION
    assert org.parent_id == MEE
    assert cites(org, "parent_id", "directly under the Ministry of Ecology and Environment")
    assert org.description is not None
    assert org.description.startswith("Its primary mission is to serve as a research-oriented")
    assert org.description.endswith("playing a crucial role in regional environmental cooperation.")


def test_ministry_and_supporters() -> None:
    mee = apt.get_organization(MEE)
    assert (mee.name, mee.kind, mee.country) == (
        "Ministry of Ecology and Environment",
        OrganizationKind.MINISTRY,
        "CN",
    )
    assert cites(mee, "country", "China’s")
    assert apt.get_organization(WRI).name == "World Resources Institute"
    assert apt.get_organization(WWF).name == "World Wide Fund for Nature"
    assert apt.get_organization(IIGF).name == "International Institute of Green Finance"
    assert len(apt.organizations()) == 7


def test_statements(event: apt.Event) -> None:
    kinds = [s.kind for s in event.statements]
    assert kinds == [
        StatementKind.DISCUSSION,
        StatementKind.RECOMMENDATION,
        StatementKind.OBJECTIVE,
        StatementKind.CONSENSUS,
        StatementKind.CONSENSUS,
        StatementKind.ENCOURAGEMENT,
        StatementKind.OBJECTIVE,
        StatementKind.HIGHLIGHT,
    ]
    text = {s.kind: s.text for s in event.statements}
    assert text[StatementKind.RECOMMENDATION].startswith("They offered valuable recommendations")
    assert "regional low-carbon alliances" in text[StatementKind.RECOMMENDATION]
    assert "unanimously acknowledged that APT" in event.statements[3].text
    assert "align their efforts" in text[StatementKind.ENCOURAGEMENT]
    assert event.statements[2].text.startswith("The overarching objective was")
    assert "green and low-carbon consumption" in text[StatementKind.HIGHLIGHT]
    assert event.statements[4].note is not None  # read as part of the acknowledgement


def test_references(event: apt.Event) -> None:
    plan, cop28 = event.references
    assert plan.kind is ReferenceKind.DOCUMENT
    assert plan.title == "ASEAN Plus Three Cooperation Work Plan (2023-2027)"
    assert (plan.period_start, plan.period_end) == (2023, 2027)
    assert cop28.kind is ReferenceKind.EVENT
    assert cop28.title == "COP28"
    assert cop28.date is None
    assert cop28.period_start is None
    # "COP28" occurs twice in the article; the evidence points at the first session's title
    (ev,) = cop28.evidence
    text = apt.get_source(ev.source_id).text
    assert text is not None
    assert text[: ev.end].endswith(
        "In the Seminar’s first session, titled “Advancing Towards COP28"
    )


def test_countries_are_reference_data() -> None:
    assert [(c.code, c.name) for c in apt.countries()] == [
        ("CN", "China"),
        ("JP", "Japan"),
        ("KR", "Korea, Republic of"),
    ]
    iso = apt.get_source("iso-3166-1")
    assert iso.text is None
    assert iso.sha256 is None
    assert {c.source_id for c in apt.countries()} == {"iso-3166-1"}
    assert all(c.groups == (apt.CountryGroup.PLUS_THREE,) for c in apt.countries())


def test_every_quote_equals_its_span_and_every_fact_is_cited() -> None:
    text = apt.get_source(ARTICLE_ID).text
    assert text is not None
    records: list[object] = [*apt.organizations(), *apt.people()]
    for event in apt.list_events():
        records += [event, *event.participations, *event.participants, *event.statements]
        records += [*event.references, *event.sessions]
        records += [c for s in event.sessions for c in s.contributions]
    count = 0
    for record in records:
        for ev in record.evidence:  # type: ignore[attr-defined]
            assert text[ev.start : ev.end] == ev.quote
            count += 1
        for field in type(record).fact_fields:  # type: ignore[attr-defined]
            value = getattr(record, field)
            if value not in (None, ()):
                assert quotes(record, field), (record, field)
    assert count >= 40
