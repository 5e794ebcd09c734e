"""schema.org JSON-LD, read back as RDF by rdflib and queried with SPARQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
import rdflib

import aseanplus3_events as apt
from conftest import EVENT_ID

# The parts of the schema.org context these documents use, given to the parser locally
# so that no test fetches anything: terms live in the schema.org vocabulary, and the two
# enumeration properties hold IRIs.
LOCAL_CONTEXT = {
    "@vocab": "https://schema.org/",
    "eventAttendanceMode": {"@type": "@id"},
    "eventStatus": {"@type": "@id"},
}
PREFIX = "PREFIX schema: <https://schema.org/>\n"


def graph(doc: dict[str, Any]) -> rdflib.Graph:
    assert doc["@context"] == "https://schema.org"
    local = {**doc, "@context": LOCAL_CONTEXT}
    return rdflib.Graph().parse(data=json.dumps(local), format="json-ld")


@pytest.fixture(scope="module")
def g() -> rdflib.Graph:
    return graph(apt.to_jsonld(apt.get_event()))


def values(g: rdflib.Graph, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in row) for row in g.query(PREFIX + query))  # type: ignore[union-attr]


def test_the_event_and_its_date(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?event ?name ?start ?end ?mode ?status WHERE {
            ?event a schema:Event ; schema:name ?name ; schema:startDate ?start ;
                   schema:endDate ?end ; schema:eventAttendanceMode ?mode ;
                   schema:eventStatus ?status .
            FILTER NOT EXISTS { ?event schema:superEvent ?parent }
        }""")  # fmt: skip
    assert rows == [(
        f"urn:aseanplus3-events:event:{EVENT_ID}",
        "ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership",
        "2023-07-14",
        "2023-07-14",
        "https://schema.org/MixedEventAttendanceMode",
        "https://schema.org/EventScheduled",
    )]  # fmt: skip


def test_the_organiser(g: rdflib.Graph) -> None:
    rows = values(g, "SELECT ?name WHERE { ?e schema:organizer ?o . ?o schema:name ?name }")
    assert rows == [("China-ASEAN Environmental Cooperation Center",)]


def test_the_sponsors(g: rdflib.Graph) -> None:
    rows = values(g, "SELECT ?name WHERE { ?e schema:sponsor ?o . ?o schema:name ?name }")
    assert rows == [("World Resources Institute",), ("World Wide Fund for Nature",)]


def test_the_guiding_body_is_a_contributor_within_its_ministry(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?name ?parent WHERE {
            ?e schema:contributor ?o . ?o schema:name ?name ;
               schema:parentOrganization/schema:name ?parent
        }""")  # fmt: skip
    assert rows == [("International Cooperation Department", "Ministry of Ecology and Environment")]


def test_three_sub_events_with_their_super_event_topics_and_speaker(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?session ?title WHERE {
            ?event schema:subEvent ?session . ?session schema:name ?title ;
                   schema:superEvent ?event
        }""")  # fmt: skip
    assert [r[0] for r in rows] == [
        f"urn:aseanplus3-events:session:{EVENT_ID}-session-{n}" for n in (1, 2, 3)
    ]
    assert rows[0][1].startswith("Advancing Towards COP28")
    about = values(g, f"""
        SELECT ?term WHERE {{
            <urn:aseanplus3-events:session:{EVENT_ID}-session-1> schema:about/schema:name ?term
        }}""")  # fmt: skip
    assert about == [("Carbon markets",), ("Green finance",), ("Regional cooperation",)]
    speaker = values(g, """
        SELECT ?name ?title WHERE {
            ?s schema:performer ?p . ?p schema:name ?name ; schema:jobTitle ?title
        }""")  # fmt: skip
    assert speaker == [("Julia Mao", "Director")]


def test_the_source_is_cited(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?work ?lang WHERE {
            ?e schema:isBasedOn ?work ; schema:citation ?work . ?work schema:inLanguage ?lang
        }""")  # fmt: skip
    assert rows == [("urn:aseanplus3-events:source:article-apt-low-carbon-seminar-2023", "en")]


def test_nothing_unstated_is_emitted() -> None:
    doc = apt.to_jsonld(apt.get_event())
    text = json.dumps(doc)
    assert "location" not in doc
    assert "http://" not in text
    # the only web addresses are schema.org's own terms
    assert {w for w in text.split('"') if w.startswith("https://")} == {
        "https://schema.org",
        "https://schema.org/MixedEventAttendanceMode",
        "https://schema.org/EventScheduled",
    }


def test_to_jsonld_takes_an_event() -> None:
    with pytest.raises(TypeError, match="event must be an Event, not str"):
        apt.to_jsonld(EVENT_ID)  # type: ignore[arg-type]
