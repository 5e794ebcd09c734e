"""Every fact the article states about the seminar, pinned.

The expected values here are typed from the article (seeds/sources/...), not copied
from the dataset; each test also checks that the fact's evidence quotes the article.
A failure here is a wrong fact: a release-blocking bug.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest

import aseanplus3_events as apt
from aseanplus3_events import (
    AttendanceMode,
    ContributionRole,
    EventKind,
    EventStatus,
    OrganizationKind,
    ParentRelation,
    ParticipantKind,
    ParticipationRole,
    ReferenceKind,
    StatementKind,
)
from conftest import ARTICLE, ARTICLE_ID, EVENT_ID, ROOT

MEE = "ministry-of-ecology-and-environment"
MEE_DEPT = "ministry-of-ecology-and-environment-international-cooperation-department"
CAEC = "china-asean-environmental-cooperation-center"
IIGF = "international-institute-of-green-finance"
IIGF_DEPT = "international-institute-of-green-finance-international-cooperation-department"
WRI = "world-resources-institute"
WWF = "world-wide-fund-for-nature"
#: The organizations the article names: its facts are about these, not about whatever
#: else the dataset holds.
ORGANIZATIONS = (MEE, MEE_DEPT, CAEC, IIGF, IIGF_DEPT, WRI, WWF)


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
    for org in map(apt.get_organization, ORGANIZATIONS):
        # founding year and description are stated for one organisation only
        if org.id != CAEC:
            assert org.founded is None
            assert org.description is None


def test_roles_of_the_organizations(event: apt.Event) -> None:
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
    # "experts from various regions, including ASEAN countries, China, Japan, South Korea,
    # United Nations agencies, and international organizations": experts *from* these
    # places and bodies, not their official delegations; then Singapore, from session 1.
    groups = [(g.label, g.kind, g.country) for g in event.participants]
    assert groups == [
        ("ASEAN countries", ParticipantKind.EXPERTS_FROM_COUNTRY_GROUP, None),
        ("China", ParticipantKind.EXPERTS_FROM_COUNTRY, "CN"),
        ("Japan", ParticipantKind.EXPERTS_FROM_COUNTRY, "JP"),
        ("South Korea", ParticipantKind.EXPERTS_FROM_COUNTRY, "KR"),
        ("United Nations agencies", ParticipantKind.EXPERTS_FROM_ORGANIZATION_GROUP, None),
        ("international organizations", ParticipantKind.EXPERTS_FROM_ORGANIZATION_GROUP, None),
        ("Singapore", ParticipantKind.EXPERTS_FROM_COUNTRY, "SG"),
    ]
    for group in event.participants[:6]:
        assert cites(group, "label", "experts from various regions", group.label)
        assert cites(group, "kind", "experts from")
        assert group.note is None
    # no kind reads as an official delegation: every kind in use is "experts from ..."
    assert all(g.kind.value.startswith("experts_from_") for g in event.participants)
    for kind in ParticipantKind:
        assert kind.definition


def test_the_list_of_participant_groups_is_partial(event: apt.Event) -> None:
    # "experts from various regions, including ...": not every group is named
    assert event.participants_complete is False
    assert cites(event, "participants_complete", "including")


def test_experts_from_singapore_took_part(event: apt.Event) -> None:
    # "She summarized the viewpoints expressed by experts from China, Japan, Singapore,
    # and South Korea."  Singapore is not in the list of paragraph 2.
    (singapore,) = [g for g in event.participants if g.country == "SG"]
    assert singapore.label == "Singapore"
    assert singapore.kind is ParticipantKind.EXPERTS_FROM_COUNTRY
    assert cites(singapore, "country", "experts from China, Japan, Singapore")
    assert singapore.note is not None
    assert "not in the article’s list" in singapore.note
    assert "does not say" in singapore.note
    country = apt.get_country("SG")
    assert (country.code, country.name, country.source_id) == ("SG", "Singapore", "iso-3166-1")
    assert apt.get_country("sg") == country


def test_three_subjects_as_sessions_with_exact_titles(event: apt.Event) -> None:
    # Only the first is "titled"; the other two the article names as subjects only.
    titles = [s.heading for s in event.sessions]
    assert titles == [
        "Advancing Towards COP28: Enhancing Regional Carbon Market Development and Collaboration",
        "Promoting Low-Carbon Development and Establishing Green Value Chains "
        "for Regional Green Recovery",
        "Climate Change and Plastic Pollution Governance: Green Low-Carbon Consumption "
        "and Youth Leadership in Plastic Reduction",
    ]
    assert [s.title for s in event.sessions] == [titles[0], None, None]
    assert [s.subject for s in event.sessions] == [None, titles[1], titles[2]]
    assert cites(event.sessions[0], "title", "Advancing Towards COP28")
    assert cites(event.sessions[1], "subject", "Green Value Chains")
    assert cites(event.sessions[2], "subject", "Plastic Pollution Governance")
    assert [s.ordinal for s in event.sessions] == [1, 2, 3]
    assert [s.id for s in event.sessions] == [f"{EVENT_ID}-session-{n}" for n in (1, 2, 3)]
    assert all(s.event_id == EVENT_ID for s in event.sessions)
    # titles stop inside the quotation marks: no comma or quote mark of the sentence
    assert not any(t.endswith((",", "”", ".")) for t in titles)


def test_only_the_first_subject_is_called_a_session(event: apt.Event) -> None:
    first, second, third = event.sessions
    assert cites(first, "ordinal", "first session")
    assert first.note is not None
    assert "primary subjects" not in first.note
    for implied in (second, third):
        assert implied.note is not None
        assert "primary subjects" in implied.note
        assert "session" in implied.note


def topic_quotes(session: apt.Session) -> dict[str, list[str]]:
    """The quotes that cite each topic of a session (evidence naming it in ``items``)."""
    found: dict[str, list[str]] = {}
    for ev in session.evidence:
        if "topics" in ev.fields:
            assert ev.items, "each topic is cited on its own"
            for item in ev.items:
                found.setdefault(item, []).append(ev.quote)
    return found


def test_session_topics_follow_one_rule_each_with_its_quote(event: apt.Event) -> None:
    # The rule: a topic where the session's own words, its title or what a contribution
    # to it is reported to say, name the topic's subject.  Expected from the article.
    first, second, third = event.sessions
    assert topic_quotes(first) == {
        "carbon-markets": ["Carbon Market Development"],  # its title
        "regional-cooperation": ["regional low-carbon collaboration"],  # Julia Mao
        "green-finance": ["green finance"],  # "she delved into the importance of green finance"
    }
    assert topic_quotes(second) == {
        "low-carbon-development": ["Low-Carbon Development"],
        "green-value-chains": ["Green Value Chains"],
        "green-recovery": ["Regional Green Recovery"],
    }
    assert topic_quotes(third) == {
        "climate-change": ["Climate Change"],
        "plastic-pollution": ["Plastic Pollution Governance"],
        "green-consumption": ["Green Low-Carbon Consumption"],
        "youth-leadership": ["Youth Leadership"],
    }
    for session in event.sessions:
        assert list(topic_quotes(session)) == list(session.topics)
        words = " ".join([session.heading, *(c.summary for c in session.contributions)])
        for quotes_of_topic in topic_quotes(session).values():
            assert all(q in words for q in quotes_of_topic)  # the session's own words
    # "COP28" is not expanded by the article: no climate-change topic is read into it
    assert "climate-change" not in first.topics


def test_topic_names() -> None:
    assert apt.get_topic("green and low-carbon consumption").id == "green-consumption"
    assert apt.get_topic("green-consumption").label == "Green consumption"


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
    for contribution in contributions:
        # the article names no role: every note says so
        assert "names no role" in (contribution.note or ""), contribution.id
    # summarizing others' views: the note names the other readings
    assert "moderator or rapporteur" in (contributions[1].note or "")
    assert "formal role" in ContributionRole.SPEAKER.definition
    assert [s.contributions for s in event.sessions[1:]] == [(), ()]


def test_the_speaker_her_post_and_organization() -> None:
    person = apt.get_person("julia-mao")
    assert person.name == "Julia Mao"
    (affiliation,) = person.affiliations
    assert affiliation.post == "Director"
    assert affiliation.organization_id == IIGF_DEPT
    assert apt.get_organization(IIGF_DEPT).parent_id == IIGF
    assert cites(person, "affiliations", "Julia Mao, the Director", "International Institute")


def test_two_departments_that_share_a_name_are_two_organizations() -> None:
    mee_dept, iigf_dept = apt.get_organization(MEE_DEPT), apt.get_organization(IIGF_DEPT)
    assert mee_dept.name == iigf_dept.name == "International Cooperation Department"
    assert mee_dept.parent_id == MEE
    assert iigf_dept.parent_id == IIGF
    assert mee_dept.country == "CN"
    assert iigf_dept.country is None
    assert cites(mee_dept, "parent_id", "China’s Ministry of Ecology and Environment")
    assert cites(iigf_dept, "parent_id", "at the International Institute of Green Finance")
    assert mee_dept.kind is iigf_dept.kind is OrganizationKind.DEPARTMENT


def test_the_organizer_under_its_long_and_short_names() -> None:
    org = apt.get_organization(CAEC)
    assert org.name == "China-ASEAN Environmental Cooperation Center"
    assert org.alternate_names == (
        "China-ASEAN Environmental Cooperation Center/Foreign Environment Cooperation Center",
        "Foreign Environment Cooperation Center",
    )
    assert org.note is not None
    assert "one organization" in org.note
    ids = [o.id for o in apt.organizations()]
    assert ids.count(CAEC) == 1
    assert not any("foreign-environment" in i for i in ids)


def test_profile_of_the_china_asean_environmental_cooperation_center() -> None:
    org = apt.get_organization(CAEC)
    assert org.founded == 2010
    assert cites(org, "founded", "established in 2010")
    assert org.kind is OrganizationKind.INSTITUTION
    assert cites(org, "kind", "specialized institution")
    assert org.parent_id == MEE
    assert cites(org, "parent_id", "directly under the Ministry of Ecology and Environment")
    # the profile, whole: it begins with the center's name, not a dangling "Its"
    assert org.description == ARTICLE.read_text(encoding="utf-8").split("\n")[-1]
    assert org.description.startswith("The China-ASEAN Environmental Cooperation Center was")
    assert org.description.endswith("playing a crucial role in regional environmental cooperation.")
    # each clause of the mission on its own, each in the article
    assert org.mission == (
        "to serve as a research-oriented and technically supportive organization for "
        "international environmental cooperation",
        "fostering South-South collaboration on environmental matters",
        "playing a crucial role in regional environmental cooperation",
    )
    assert all(cites(org, "mission", "Its primary mission is", clause) for clause in org.mission)
    assert org.note is not None
    assert "stated under the short name only" in org.note


def test_how_the_center_and_the_department_stand_to_the_ministry() -> None:
    # "a specialized institution directly under the Ministry" vs "International Cooperation
    # Department of China’s Ministry": two relations, kept apart
    center, dept = apt.get_organization(CAEC), apt.get_organization(MEE_DEPT)
    assert center.parent_id == dept.parent_id == MEE
    assert center.parent_relation is ParentRelation.DIRECTLY_UNDER
    assert cites(center, "parent_relation", "directly under")
    assert dept.parent_relation is ParentRelation.PART_OF
    assert cites(dept, "parent_relation", "Department of China’s Ministry")
    assert apt.get_organization(IIGF_DEPT).parent_relation is ParentRelation.PART_OF
    # the same rule for country: both belong to China's ministry; the center's is a reading
    assert center.country == dept.country == apt.get_organization(MEE).country == "CN"
    assert cites(center, "country", "China’s Ministry")
    assert "country is a reading" in (center.note or "")


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
    # the seven bodies the article names, each once, and its people's affiliations
    named = {p.organization_id for p in apt.get_event(EVENT_ID).participations}
    named |= {a.organization_id for a in apt.get_person("julia-mao").affiliations}
    named |= {apt.get_organization(o).parent_id for o in named} - {None}
    assert named == set(ORGANIZATIONS)


def test_statements_classified_by_substance(event: apt.Event) -> None:
    kinds = [(s.text.split(" ")[0], s.kind) for s in event.statements]
    assert kinds == [
        ("Throughout", StatementKind.DISCUSSION),  # "experts exchanged valuable insights"
        ("They", StatementKind.RECOMMENDATION),  # "offered valuable recommendations"
        ("The", StatementKind.OBJECTIVE),  # "The overarching objective was"
        ("The", StatementKind.CONSENSUS),  # "unanimously acknowledged"
        ("Within", StatementKind.ASSESSMENT),  # a view, not said to be agreed
        ("In", StatementKind.RECOMMENDATION),  # "are encouraged to align"
        ("This", StatementKind.PURPOSE),  # "This alignment aims to"
        ("Encouraging", StatementKind.RECOMMENDATION),  # "highlighted as essential"
    ]
    assert "regional low-carbon alliances" in event.statements[1].text
    assert "unanimously acknowledged that APT" in event.statements[3].text
    assert "align their efforts" in event.statements[5].text
    assert "green and low-carbon consumption" in event.statements[7].text
    # the verb-copying kinds of 1.0 are no longer used; every kind in use is defined
    assert not {s.kind for s in event.statements} & {
        StatementKind.ENCOURAGEMENT,
        StatementKind.HIGHLIGHT,
    }
    for kind in StatementKind:
        assert kind.definition
    # a note wherever the kind is a reading of the wording: "are encouraged", "is
    # highlighted", "aims", and the unattributed "Within this framework"
    for n, word in ((4, "agreed"), (5, "encouraged"), (6, "purpose"), (7, "highlighted")):
        assert word in (event.statements[n].note or ""), n
    # none of the three "objective"s of 1.0 is the alignment's aim any more
    assert [s.kind for s in event.statements].count(StatementKind.OBJECTIVE) == 1


def test_who_made_each_statement(event: apt.Event) -> None:
    # "experts exchanged", "They offered" (the experts), "The overarching objective was"
    # (no one), "The participants unanimously acknowledged", then four sentences that
    # name no one ("Within this framework", "are encouraged", "aims", "is highlighted").
    assert [s.attributed_to for s in event.statements] == [
        "experts",
        "experts",
        None,
        "participants",
        None,
        None,
        None,
        None,
    ]
    first, they, _, consensus, *_ = event.statements
    assert quotes(first, "attributed_to") == ["experts"]
    assert "They" in quotes(they, "attributed_to")
    assert "“They” are the experts" in (they.note or "")
    assert quotes(consensus, "attributed_to") == ["participants"]


def test_what_each_statement_and_session_cites(event: apt.Event) -> None:
    plan, cop28, framework = (r.id for r in event.references)
    st = event.statements
    assert [s.reference_ids for s in st] == [
        (), (), (), (framework,), (framework,), (plan,), (), (),
    ]  # fmt: skip
    assert cites(st[5], "reference_ids", "ASEAN Plus Three Cooperation Work Plan (2023-2027)")
    assert {ev.quote for ev in st[3].evidence if framework in ev.items} == {
        "APT",
        "10+3 cooperation",
    }
    # what a statement's wording refers back to: "They", "Within this framework",
    # "In light of this", "This alignment"
    assert [s.depends_on for s in st] == [
        (), (st[0].id,), (), (), (st[3].id,), (st[4].id,), (st[5].id,), (),
    ]  # fmt: skip
    assert cites(st[6], "depends_on", "This alignment")
    # COP28 is named in the first session's title
    assert [s.reference_ids for s in event.sessions] == [(cop28,), (), ()]
    (ev,) = [ev for ev in event.sessions[0].evidence if "reference_ids" in ev.fields]
    assert (ev.quote, ev.items) == ("COP28", (cop28,))
    assert ev.prefix is not None  # "COP28" occurs twice in the article


def test_the_articles_names_for_asean_plus_three(event: apt.Event) -> None:
    framework = event.references[2]
    assert framework.kind is ReferenceKind.FRAMEWORK
    assert framework.title == "ASEAN Plus Three"
    assert framework.alternate_names == ("10+3", "APT")
    assert cites(framework, "alternate_names", "ASEAN Plus Three (10+3)")  # 10+3: stated
    assert quotes(framework, "alternate_names")[-1] == "APT"
    assert framework.note is not None
    assert "never expands “APT”" in framework.note  # APT: a reading
    # a statement that says "APT" or "10+3" names ASEAN Plus Three in its note, so that
    # a search for "ASEAN Plus Three" finds it
    saying = [s for s in event.statements if "APT" in s.text or "10+3" in s.text]
    assert [s.id for s in saying] == [event.statements[3].id, event.statements[4].id]
    for statement in saying:
        assert "ASEAN Plus Three" in (statement.note or "")
        assert framework.id in statement.reference_ids


def test_references(event: apt.Event) -> None:
    plan, cop28, _ = event.references
    assert plan.kind is ReferenceKind.DOCUMENT
    assert plan.title == "ASEAN Plus Three Cooperation Work Plan (2023-2027)"
    assert (plan.period_start, plan.period_end) == (2023, 2027)
    assert cop28.kind is ReferenceKind.EVENT
    assert cop28.title == "COP28"
    assert cop28.date is None
    assert cop28.period_start is None
    # "COP28" occurs twice in the article; the evidence points at the first session's title
    ev = cop28.evidence[0]
    text = apt.get_source(ev.source_id).text
    assert text is not None
    assert text[: ev.end].endswith(
        "In the Seminar’s first session, titled “Advancing Towards COP28"
    )
    assert ev.prefix is not None
    assert text[: ev.start].endswith(ev.prefix)


def test_countries_are_reference_data() -> None:
    countries = [apt.get_country(code) for code in ("CN", "JP", "KR", "SG")]
    assert [(c.code, c.name) for c in countries] == [
        ("CN", "China"),
        ("JP", "Japan"),
        ("KR", "Korea, Republic of"),
        ("SG", "Singapore"),
    ]
    iso = apt.get_source("iso-3166-1")
    assert iso.text is None
    assert iso.sha256 is None
    assert {c.source_id for c in countries} == {"iso-3166-1"}
    # the article's "South Korea" is a name of the Republic of Korea, quoted where it stands
    korea = apt.get_country("KR")
    assert korea.alternate_names == ("South Korea",)
    assert cites(korea, "alternate_names", "South Korea")
    assert [c.code for c in countries if c.alternate_names] == ["KR"]
    # ISO 3166-1 says nothing of ASEAN Plus Three, and the article never lists the Plus
    # Three: no country is given a group no source in the dataset states
    assert all(c.groups == () for c in countries)


def seminar_records() -> list[object]:
    """The seminar and every record in it, its organizations and its speaker."""
    event = apt.get_event(EVENT_ID)
    records: list[object] = [*map(apt.get_organization, ORGANIZATIONS)]
    records += [apt.get_person("julia-mao"), event, *event.participations, *event.participants]
    records += [*event.statements, *event.references, *event.sessions]
    return records + [c for s in event.sessions for c in s.contributions]


def test_the_seminars_quotes_are_from_its_article() -> None:
    items = [ev for r in seminar_records() for ev in r.evidence]  # type: ignore[attr-defined]
    assert len(items) >= 40
    assert {ev.source_id for ev in items} == {ARTICLE_ID}


BRITISH = re.compile(
    r"organis|summaris|recognis|realis|emphasis(?:e|ing)|centre|programme|behaviour|favour"
    r"|labour|colour|analys(?:e|ing)",
    re.IGNORECASE,
)


def test_the_datas_own_text_is_in_the_articles_us_spelling() -> None:
    # The article writes "organized", "organizations", "summarized"; the seminar's
    # records (notes, descriptions, labels, titles) do too.
    records = [r.model_dump(mode="json") for r in seminar_records()]  # type: ignore[attr-defined]
    found = BRITISH.findall(json.dumps(records, ensure_ascii=False))
    assert found == []
    schema = (ROOT / "src" / "aseanplus3_events" / "data" / "catalog.schema.json").read_text()
    assert BRITISH.findall(schema) == []


def test_the_guidance_quote_leaves_organized_to_the_organizer() -> None:
    guidance = apt.get_event(EVENT_ID).participations[0]
    assert quotes(guidance, "role") == [
        "under the guidance of the International Cooperation Department of China’s Ministry "
        "of Ecology and Environment"
    ]  # no "organized": that word is the organizer's


def test_every_reading_of_the_seminar_is_noted() -> None:
    noted = {r.id for r in seminar_records() if r.note}  # type: ignore[attr-defined]
    e = EVENT_ID
    assert noted == {
        CAEC, IIGF_DEPT, MEE_DEPT, f"{e}-participation-2", f"{e}-participant-7",
        *(f"{e}-session-1-contribution-{n}" for n in (1, 2, 3, 4)),
        f"{e}-session-1", f"{e}-session-2", f"{e}-session-3",
        *(f"{e}-statement-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8)),
        f"{e}-reference-2", f"{e}-reference-3",
    }  # fmt: skip


def test_what_the_fields_of_schema_2_say_of_the_seminar(event: apt.Event) -> None:
    # "On July 14, 2023, the ... Seminar ... was successfully held in a hybrid format,
    # combining online and offline participation." No venue, no city, no number of
    # participants, no series or edition, no event it was part of, no opening address.
    assert event.location is None
    assert event.attendance == ()  # the hybrid format is the event's attendance_mode
    assert (event.series, event.edition, event.super_event_id) == (None, None, None)
    assert event.contributions == ()
    # one day: the dataset reads it as each session's day, and says so in a note
    for session in event.sessions:
        assert session.start_date == dt.date(2023, 7, 14)
        assert cites(session, "start_date", "July 14, 2023")
        assert session.note is not None
        assert "July 14, 2023" in session.note
    # no honorific ("Julia Mao, the Director of ..."); no statement names who made it
    assert apt.get_person("julia-mao").honorific_prefix is None
    assert all(s.person_ids == () for s in event.statements)


def test_what_the_seminar_did_with_what_it_names(event: apt.Event) -> None:
    # It adopted, launched or signed nothing: the work plan is what the countries "are
    # encouraged to align their efforts with", COP28 what the first session was
    # "Advancing Towards", and "APT form the fundamental pillars".
    plan, cop28, apt_framework = event.references
    assert {r.relation for r in event.references} == {apt.ReferenceRelation.CITED}
    assert cites(plan, "relation", "align their efforts with")
    assert cites(cop28, "relation", "Advancing Towards COP28")
    assert cites(apt_framework, "relation", "APT form the fundamental pillars")


# --- issue 19: readings that said more, or less, than the text --------------------------


def test_the_articles_title_is_our_description_and_says_so() -> None:
    """Issue 19, item 16: the source's title is ours (the article has none), yet its note
    said only "none is recorded" and the JSON-LD gave it as the article's ``name``."""
    source = apt.get_source(ARTICLE_ID)
    assert source.text is not None
    assert source.note is not None
    assert source.title not in source.text  # the article carries no headline
    assert "the dataset’s description of the article, not a quotation" in source.note
    article = apt.to_jsonld(apt.get_event(EVENT_ID))["subjectOf"][0]
    assert "name" not in article
    assert article["description"] == source.title


def test_whose_objective_the_article_does_not_say(event: apt.Event) -> None:
    """Issue 19, item 16: "The overarching objective was ..." follows the experts'
    recommendations; the article does not say whose objective it was."""
    objective = event.statements[2]
    assert objective.text.startswith("The overarching objective was to establish")
    assert objective.kind is StatementKind.OBJECTIVE
    assert objective.attributed_to is None
    assert event.statements[1].text.startswith("They offered valuable recommendations")
    assert "does not say whose objective this was" in (objective.note or "")


def test_the_paragraph_after_the_first_session_is_attached_to_the_seminar_with_a_note(
    event: apt.Event,
) -> None:
    """Issue 19, item 16: "The participants unanimously acknowledged" opens the paragraph
    after the first session's; statements 4-8 are the seminar's, and say why."""
    text = ARTICLE.read_text(encoding="utf-8")
    paragraphs = text.split("\n")
    session = next(i for i, p in enumerate(paragraphs) if p.startswith("In the Seminar’s first"))
    assert paragraphs[session + 1].startswith("The participants unanimously acknowledged")
    for statement in event.statements[3:8]:
        assert statement.text in paragraphs[session + 1]
        note = statement.note or ""
        assert "follows the account of the first session" in note, statement.id
        assert "the dataset attaches it to the seminar" in note, statement.id


def test_experts_from_singapore_may_be_among_those_from_asean_countries(
    event: apt.Event,
) -> None:
    """Issue 19, item 16: the list names "ASEAN countries" without saying which."""
    singapore = event.participants[6]
    assert (singapore.label, singapore.country) == ("Singapore", "SG")
    assert "including ASEAN countries" in ARTICLE.read_text(encoding="utf-8")
    assert "may be among the experts from “ASEAN countries”" in (singapore.note or "")


def test_apt_with_a_plural_verb_and_the_quote_for_framework(event: apt.Event) -> None:
    """Issue 19, item 16: "APT form the fundamental pillars" takes a plural verb, and the
    framework's ``kind`` was cited to a quote without the word "framework"."""
    assert "APT form the fundamental pillars" in ARTICLE.read_text(encoding="utf-8")
    framework, consensus = event.references[2], event.statements[3]
    for record in (framework, consensus):
        assert "“APT form” takes a plural verb" in (record.note or ""), record.id
    assert quotes(framework, "kind") == ["Within this framework"]


def test_the_organizers_sentence_has_another_parse(event: apt.Event) -> None:
    """Issue 19, item 16: "organized under the guidance of the ... Department ...,
    China-ASEAN Environmental Cooperation Center/..." can also list the center as a second
    guiding body."""
    organizer = event.participations[1]
    assert organizer.organization_id == CAEC
    assert organizer.role is ParticipationRole.ORGANIZER
    assert "a second body under whose guidance the seminar was organized" in (organizer.note or "")


def test_these_countries_are_the_four_named_before(event: apt.Event) -> None:
    """Issue 19, item 17: "cooperation among these countries" follows "experts from China,
    Japan, Singapore, and South Korea"."""
    summarized, delved = event.sessions[0].contributions[1:3]
    assert "experts from China, Japan, Singapore, and South Korea" in summarized.summary
    assert "among these countries and ASEAN nations" in delved.summary
    assert "“These countries” are read as China, Japan, Singapore and South Korea" in (
        delved.note or ""
    )


def test_the_aforementioned_subjects_and_the_three_primary_subjects(event: apt.Event) -> None:
    """Issue 19, item 17: "the aforementioned subjects" was not linked to the sessions, and
    "deliberations on three primary subjects" / "These topics encompassed" had no quote."""
    exchanged = event.statements[0]
    assert exchanged.text.endswith("pertaining to the aforementioned subjects.")
    assert "“three primary subjects”" in (exchanged.note or "")
    assert "the seminar’s three sessions" in (exchanged.note or "")
    assert exchanged.session_ids == tuple(s.id for s in event.sessions)
    assert quotes(exchanged, "session_ids") == ["aforementioned subjects"]
    listing = "deliberations on three primary subjects. These topics encompassed"
    assert [quotes(s, "ordinal")[-1] for s in event.sessions] == [listing] * 3
