"""schema.org JSON-LD, read as RDF by its real consumers, offline: rdflib and pyld read the
default export with no network, and get the same graph as from the ``"@context":
"https://schema.org"`` form read with the context schema.org publishes (the fixture
tests/fixtures/schemaorg-context.jsonld, served by a document loader that serves nothing
else).  SPARQL queries then check what the graph says."""

from __future__ import annotations

import copy
import json
import re
import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.plugins.shared.jsonld import context as rdflib_context

import aseanplus3_events as apt
from aseanplus3_events.dataset import attendance_label
from aseanplus3_events.exports.jsonld import jsonld_bytes, to_jsonld_graph
from conftest import ARTICLE_ID, EVENT_ID, ROOT, dataset_of, rich_catalog_dict

FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "schemaorg-context.jsonld").read_text())
SCHEMA = "http://schema.org/"
PREFIX = f"PREFIX schema: <{SCHEMA}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
EVENT = f"urn:aseanplus3-events:event:{EVENT_ID}"
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
SCHEMA_NAME = rdflib.URIRef(f"{SCHEMA}name")
TEMPLATE = ROOT / "src" / "aseanplus3_events" / "template"


class Fetched(AssertionError):
    """A reader tried to fetch something it should not."""


def serve_fixture(url: str, options: object = None) -> dict[str, Any]:
    """A pyld document loader that serves schema.org's published context and nothing else."""
    if url in ("https://schema.org", "https://schema.org/"):
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(FIXTURE)}
    raise Fetched(url)


def refuse(url: str, options: object = None) -> dict[str, Any]:
    raise Fetched(url)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def connect(*args: object, **kwargs: object) -> None:
        raise Fetched(f"network access: {args[1:]}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", connect)


def rdflib_graph(doc: dict[str, Any]) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")


def pyld_graph(doc: dict[str, Any], loader: Any) -> rdflib.Graph:
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": loader})
    # default graph only: N-Quads without graph names are N-Triples
    return rdflib.Graph().parse(data=nquads, format="nt")


@pytest.fixture
def rdflib_serves_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """rdflib's own remote-context fetch, answered from the fixture and nothing else."""

    def source_to_json(url: str, *args: object, **kwargs: object) -> tuple[Any, None]:
        return serve_fixture(url)["document"], None

    monkeypatch.setattr(rdflib_context, "source_to_json", source_to_json)


def assert_same(a: rdflib.Graph, b: rdflib.Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(f"only in the first: {sorted(only_a)[:5]}\nonly in the second: "
                    f"{sorted(only_b)[:5]}")  # fmt: skip


# --- datasets: the bundled one, and one that fills every field the export maps ----------


def _evidence(text: str, quote: str, *fields: str) -> dict[str, Any]:
    start = text.index(quote)
    return {"source_id": ARTICLE_ID, "start": start, "end": start + len(quote), "quote": quote,
            "fields": list(fields)}  # fmt: skip


def full_dataset() -> apt.Dataset:
    """The bundled data with the fields it leaves empty filled in (location, alternate
    names, a sponsor, a participant, dated references, a source address) and a side event
    with every field of schema 2.0, so that every term the export can write is written."""
    data = rich_catalog_dict()  # a side event with every field of schema 2.0
    text = apt.get_source(ARTICLE_ID).text
    assert text is not None
    event = data["events"][0]
    event["location"] = {"name": "online", "address_locality": "East Asian"}
    event["alternate_names"] = ["Seminar"]
    event["evidence"].append(_evidence(text, "online", "location.name"))
    event["evidence"].append(_evidence(text, "East Asian", "location.address_locality"))
    event["evidence"].append(_evidence(text, "Seminar", "alternate_names"))
    for n, role in enumerate(["sponsor", "participant", "co_organizer", "host", "partner"], 5):
        event["participations"].append({
            "id": f"{EVENT_ID}-participation-{n}", "organization_id": "world-resources-institute",
            "role": role, "role_label": None,
            "evidence": [_evidence(text, "World Resources Institute", "organization_id", "role")],
        })  # fmt: skip
    plan, cop, _ = event["references"]
    plan["date"] = "2023-01-01"
    plan["period_end"] = None
    plan["evidence"][0]["fields"].remove("period_end")  # evidence only for a value
    plan["evidence"].append(_evidence(text, "(2023-2027)", "date"))
    cop["date"] = "2023-11-30"
    cop["evidence"].append(_evidence(text, "COP28", "date"))
    (source,) = [s for s in data["sources"] if s["id"] == ARTICLE_ID]
    source["url"] = "https://example.org/article"
    return dataset_of(data)


def synthetic_dataset() -> apt.Dataset:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import make_bytes
    finally:
        sys.path.pop(0)
    return apt.Dataset(apt.Catalog.model_validate_json(make_bytes(20)))


DATASETS = {"bundled": apt.default_dataset, "full": full_dataset, "synthetic": synthetic_dataset}


@pytest.fixture(scope="module", params=list(DATASETS))
def dataset(request: pytest.FixtureRequest) -> apt.Dataset:
    return DATASETS[request.param]()


@pytest.fixture(scope="module")
def g() -> rdflib.Graph:
    return rdflib_graph(apt.to_jsonld(apt.get_event(EVENT_ID)))


def s(value: object) -> str:
    return str(getattr(value, "value", value))


def values(g: rdflib.Graph, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in row) for row in g.query(PREFIX + query))  # type: ignore[union-attr]


# --- read offline, and the same graph as under schema.org's published context -----------


@pytest.mark.usefixtures("no_network")
def test_the_default_export_reads_with_no_network() -> None:
    doc = apt.to_jsonld(apt.get_event(EVENT_ID))
    assert isinstance(doc["@context"], dict)
    by_rdflib = rdflib_graph(doc)
    by_pyld = pyld_graph(doc, refuse)  # any fetch would raise
    assert len(by_rdflib) > 300
    assert_same(by_rdflib, by_pyld)


@pytest.mark.usefixtures("no_network", "rdflib_serves_fixture")
def test_the_same_graph_as_under_the_published_schema_org_context(dataset: apt.Dataset) -> None:
    embedded = to_jsonld_graph(dataset)
    web = to_jsonld_graph(dataset, context="schema.org")
    assert web["@context"] == "https://schema.org"
    expected = rdflib_graph(embedded)
    assert_same(expected, pyld_graph(web, serve_fixture))
    assert_same(expected, rdflib_graph(web))  # rdflib resolving the URL itself
    assert_same(expected, pyld_graph(embedded, refuse))
    for event in dataset.list_events():  # one event at a time too
        one = apt.to_jsonld(event, dataset, context="schema.org")
        assert_same(rdflib_graph(apt.to_jsonld(event, dataset)), pyld_graph(one, serve_fixture))


@pytest.mark.usefixtures("no_network", "rdflib_serves_fixture")
def test_enumeration_values_are_iris_under_both_readings() -> None:
    query = "SELECT ?mode ?status WHERE { ?e schema:eventAttendanceMode ?mode ; schema:eventStatus ?status }"  # noqa: E501
    ds = _with_status("cancelled")
    for context in ("embedded", "schema.org"):
        doc = apt.to_jsonld(ds.get_event(EVENT_ID), ds, context=context)  # type: ignore[arg-type]
        for graph in (rdflib_graph(doc), pyld_graph(doc, serve_fixture)):
            rows = list(graph.query(PREFIX + query))
            assert rows == [(rdflib.URIRef(SCHEMA + "MixedEventAttendanceMode"),
                             rdflib.URIRef(SCHEMA + "EventCancelled"))]  # fmt: skip


@pytest.mark.usefixtures("no_network", "rdflib_serves_fixture")
@pytest.mark.parametrize(("kind", "term"), [("document", "temporal"), ("event", "startDate")])
def test_a_year_alone_is_an_xsd_gyear_under_both_readings(
    corpus_dataset: apt.Dataset, kind: str, term: str
) -> None:
    # the corpus's charter, "signed in 2009": a year, never 1 January, whatever the context
    # (the published one types startDate as a schema:Date, a day), and as an event's date too
    data = corpus_dataset.catalog.model_dump(mode="json")
    ((meeting, charter),) = [(e["id"], r) for e in data["events"] for r in e["references"]
                             if r["year"] is not None]  # fmt: skip
    charter["kind"] = kind
    assert _gyears(dataset_of(data), meeting) == [[(SCHEMA + term, "2009")]] * 4


@pytest.mark.usefixtures("no_network", "rdflib_serves_fixture")
def test_the_years_of_a_framework_s_period_are_xsd_gyears_under_both_readings() -> None:
    # year9 saw "2023-2027" go out as startDate "2023", which the published context
    # types as a schema:Date: a day no source states
    data = apt.default_dataset().catalog.model_dump(mode="json")
    (event,) = [e for e in data["events"] if e["id"] == EVENT_ID]
    (plan,) = [r for r in event["references"] if r["period_start"] is not None]
    plan["kind"] = "framework"
    expected = [(SCHEMA + "endDate", str(plan["period_end"])),
                (SCHEMA + "startDate", str(plan["period_start"]))]  # fmt: skip
    assert _gyears(dataset_of(data), EVENT_ID) == [expected] * 4


@pytest.mark.usefixtures("no_network", "rdflib_serves_fixture")
def test_a_founding_year_is_an_xsd_gyear_under_both_readings(corpus_dataset: apt.Dataset) -> None:
    # "2010" went out typed schema:Date (the published context's type for foundingDate),
    # a day no source states, which the docs' STRDT(STR(?f), xsd:date) could not read
    query = """SELECT ?id ?year WHERE {
        ?org a schema:Organization ; schema:identifier ?id ; schema:foundingDate ?year }"""
    for ds in (apt.default_dataset(), corpus_dataset):
        founded = {(o.id, str(o.founded)) for o in ds.organizations() if o.founded is not None}
        assert founded
        for context in ("embedded", "schema.org"):
            doc = to_jsonld_graph(ds, context=context)  # type: ignore[arg-type]
            for graph in (rdflib_graph(doc), pyld_graph(doc, serve_fixture)):
                rows = list(graph.query(PREFIX + query))
                assert {(str(i), str(year)) for i, year in rows} == founded  # type: ignore[misc]
                assert {year.datatype for _, year in rows} == {XSD.gYear}  # type: ignore[misc]


def _gyears(ds: apt.Dataset, event_id: str) -> list[list[tuple[str, ...]]]:
    """The (property, value) pairs typed xsd:gYear in the event's JSON-LD, sorted, as
    rdflib and pyld read it under each context (embedded, schema.org's); but founding
    years (`test_a_founding_year_is_an_xsd_gyear_under_both_readings`)."""
    gyear = "<http://www.w3.org/2001/XMLSchema#gYear>"
    query = f"""SELECT ?term ?year WHERE {{ ?x ?term ?year
        FILTER (DATATYPE(?year) = {gyear} && ?term != schema:foundingDate) }}"""
    docs = [apt.to_jsonld(ds.get_event(event_id), ds, context=c)  # type: ignore[arg-type]
            for c in ("embedded", "schema.org")]  # fmt: skip
    graphs = [g for d in docs for g in (rdflib_graph(d), pyld_graph(d, serve_fixture))]
    return [sorted(values(g, query)) for g in graphs]


def _with_status(status: str) -> apt.Dataset:
    data = apt.default_dataset().catalog.model_dump(mode="json")
    (event,) = [e for e in data["events"] if e["id"] == EVENT_ID]
    event["status"] = status
    return dataset_of(data)


def test_held_is_not_exported_as_event_scheduled() -> None:
    """Issue 19, item 14: "held" was ``EventScheduled``, which schema.org defines as "has
    taken place on the startDate as scheduled"; the article never says "as scheduled"."""
    event = apt.get_event(EVENT_ID)
    assert event.status is apt.EventStatus.HELD  # "successfully held"
    assert "eventStatus" not in apt.to_jsonld(event)
    for status, term in [("scheduled", "EventScheduled"), ("cancelled", "EventCancelled"),
                         ("postponed", "EventPostponed")]:  # fmt: skip
        ds = _with_status(status)
        assert apt.to_jsonld(ds.get_event(EVENT_ID), ds)["eventStatus"] == {"@id": SCHEMA + term}


def _terms(node: Any) -> Iterator[str]:
    """Every term a document uses: keys, types, and compact IRIs' prefixes."""
    if isinstance(node, list):
        for item in node:
            yield from _terms(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                continue
            if key == "@type" and "://" not in value:  # an absolute IRI is no term
                yield value
            elif not key.startswith("@"):
                yield key.split(":")[0] if ":" in key else key
            if key == "@id" and isinstance(value, str) and value.startswith(SCHEMA):
                yield value.removeprefix(SCHEMA)
            yield from _terms(value)


def test_the_fixture_defines_every_term_the_export_uses() -> None:
    # A term missing from the fixture would expand through @vocab whatever the published
    # context says of it; so the fixture must hold each one.
    used = set(_terms(to_jsonld_graph(full_dataset())))
    assert used - set(FIXTURE["@context"]) == set()
    assert {
        "Role",
        "Claim",
        "Article",
        "DefinedTerm",
        "DefinedTermSet",
        "temporal",
        "temporalCoverage",
        "location",
        "sponsor",
        "attendee",
        "url",
        "rdfs",
        "creditText",
        "citation",
        "alternateName",
    } <= used
    # and the embedded context agrees with the published one on every term it defines
    from aseanplus3_events.exports.jsonld import CONTEXT

    published = FIXTURE["@context"]
    for term, definition in CONTEXT.items():
        if isinstance(definition, dict):
            want = dict(published[term])
            if want.get("@type") == "Date":
                want["@type"] = "schema:Date"  # "Date" is itself a term for schema:Date
            assert definition == want, term
        else:
            assert definition == published[term], term


def test_the_old_https_vocabulary_is_gone() -> None:
    # schema.org's context maps terms to http://schema.org/; an https://schema.org/ query
    # finds nothing in what a reader gets.
    doc = apt.to_jsonld(apt.get_event(EVENT_ID))
    graph = rdflib_graph(doc)
    assert not list(graph.query("SELECT ?e WHERE { ?e a <https://schema.org/Event> }"))
    assert len(list(graph.query(PREFIX + "SELECT ?e WHERE { ?e a schema:Event }"))) == 5


# --- what the graph says -------------------------------------------------------------------


def test_the_event_and_its_date(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?event ?name ?start ?end ?mode WHERE {
            ?event a schema:Event ; schema:name ?name ; schema:startDate ?start ;
                   schema:endDate ?end ; schema:eventAttendanceMode ?mode .
            FILTER NOT EXISTS { ?event schema:superEvent ?parent }
        }""")  # fmt: skip
    assert rows == [(
        EVENT,
        "ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership",
        "2023-07-14",
        "2023-07-14",
        "http://schema.org/MixedEventAttendanceMode",
    )]  # fmt: skip
    (start,) = g.objects(rdflib.URIRef(EVENT), rdflib.URIRef(SCHEMA + "startDate"))
    assert start.datatype == rdflib.URIRef(SCHEMA + "Date")  # type: ignore[attr-defined]


def test_a_sparql_date_filter_finds_the_events_of_a_period(g: rdflib.Graph) -> None:
    # docs/jsonld.md's recipe: a schema:Date literal compares as a date once STRDT gives
    # its text the type xsd:date; compared as it is, it matches no xsd:date at all.
    def held(since: str, until: str, cast: str = "STRDT(STR(?start), xsd:date)") -> list[str]:
        rows = values(g, f"""PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT ?event WHERE {{
                ?event a schema:Event ; schema:startDate ?start .
                # the dataset's events: not its sessions, nor the events the article mentions
                FILTER STRSTARTS(STR(?event), "urn:aseanplus3-events:event:")
                BIND ({cast} AS ?day)
                FILTER (?day >= "{since}"^^xsd:date && ?day < "{until}"^^xsd:date)
            }}""")  # fmt: skip
        return [event for (event,) in rows]

    assert held("2023-07-01", "2023-08-01") == [EVENT]
    assert held("2023-07-14", "2023-07-15") == [EVENT]
    assert held("2023-07-15", "2024-01-01") == []
    assert held("2023-06-01", "2023-07-14") == []
    assert held("2023-07-01", "2023-08-01", cast="?start") == []  # the filter that fails
    # the pattern keeps the dataset's events, not COP28, an event the article mentions,
    # which the docs' former pattern (not a session: no subEvent of a whole) kept
    (cop,) = [r for r in apt.get_event(EVENT_ID).references if r.kind == "event"]
    events = "SELECT ?e WHERE { ?e a schema:Event FILTER (%s) }"
    ours = events % 'STRSTARTS(STR(?e), "urn:aseanplus3-events:event:")'
    assert values(g, ours) == [(EVENT,)]
    former = values(g, events % "NOT EXISTS { ?whole schema:subEvent ?e }")
    assert (f"urn:aseanplus3-events:reference:{cop.id}",) in former


def test_each_participation_is_a_role_with_the_sources_wording(g: rdflib.Graph) -> None:
    rows = values(g, f"""
        SELECT ?property ?role ?wording ?name WHERE {{
            <{EVENT}> ?property ?r . ?r a schema:Role ; schema:roleName ?role ;
               schema:description ?wording ; ?property ?org . ?org schema:name ?name
        }}""")  # fmt: skip
    assert rows == [
        (SCHEMA + "contributor", "guidance", "under the guidance of",
         "International Cooperation Department"),
        (SCHEMA + "contributor", "supporter", "with support from", "World Resources Institute"),
        (SCHEMA + "contributor", "supporter", "with support from", "World Wide Fund for Nature"),
        (SCHEMA + "organizer", "organizer", "organized",
         "China-ASEAN Environmental Cooperation Center"),
    ]  # fmt: skip


def test_the_organisers_role_says_it_is_read_from_position(g: rdflib.Graph) -> None:
    rows = values(
        g,
        """
        SELECT ?note WHERE { ?e schema:organizer ?r . ?r a schema:Role ; rdfs:comment ?note }""",
    )
    assert len(rows) == 1
    assert rows[0][0].startswith("The sentence gives this role by position")


def test_the_guiding_body_within_its_ministry(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?name ?relation ?parent WHERE {
            ?e schema:contributor ?r . ?r schema:roleName "guidance" ; schema:contributor ?o .
            ?o schema:name ?name ; schema:parentOrganization ?p .
            ?p a schema:Role ; schema:roleName ?relation ;
               schema:parentOrganization/schema:name ?parent
        }""")  # fmt: skip
    assert rows == [
        ("International Cooperation Department", "part_of", "Ministry of Ecology and Environment")
    ]


def test_each_parent_relation_as_the_api_gives_it() -> None:
    # every organization, each once, wherever the export writes it
    ds = full_dataset()
    g = rdflib_graph(to_jsonld_graph(ds))
    rows = values(g, """
        SELECT DISTINCT ?org ?relation ?parent WHERE {
            ?org a schema:Organization ; schema:parentOrganization ?r .
            ?r a schema:Role ; schema:roleName ?relation ; schema:parentOrganization ?parent
        }""")  # fmt: skip
    orgs = [o for o in ds.organizations() if o.parent_id is not None]
    assert rows == sorted(
        (f"urn:aseanplus3-events:organization:{o.id}", s(o.parent_relation),
         f"urn:aseanplus3-events:organization:{o.parent_id}")
        for o in orgs
    )  # fmt: skip
    # "a specialized institution directly under the Ministry"; "Department of China's Ministry"
    assert [r[1] for r in rows] == ["directly_under", "part_of", "part_of"]
    # one Role per organization, however often the organization is written
    roles = g.query(
        PREFIX + "SELECT ?r WHERE { ?o a schema:Organization ; schema:parentOrganization ?r }"
    )
    assert len(list(roles)) == len(orgs)


def test_the_event_and_organization_kinds(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT DISTINCT ?thing ?kind WHERE {
            { ?thing a schema:Event } UNION { ?thing a schema:Organization }
            ?thing schema:additionalType ?kind
        }""")  # fmt: skip
    urn = "urn:aseanplus3-events:"
    assert rows == sorted(
        [(f"{urn}event:{EVENT_ID}", "seminar")]
        + [
            (f"{urn}organization:{o.id}", s(o.kind))
            for o in apt.organizations()
            if o.kind and any(ev.source_id == ARTICLE_ID for ev in o.evidence)
        ]  # the article's
    )
    assert (f"{urn}event:{EVENT_ID}", "seminar") in rows  # "Seminar on Advancing ..."


def test_the_reference_names_the_source_uses(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?name ?alias WHERE {
            ?article a schema:Article ; schema:mentions ?work .
            ?work schema:name ?name ; schema:alternateName ?alias
            FILTER NOT EXISTS { ?work a schema:Country }  # what it cites, not a country
        }""")  # fmt: skip
    assert rows == sorted(
        (r.title, alias) for r in apt.get_event(EVENT_ID).references for alias in r.alternate_names
    )
    assert rows == [("ASEAN Plus Three", "10+3"), ("ASEAN Plus Three", "APT")]


def test_each_claim_says_who_made_it_what_it_names_and_what_it_refers_back_to(
    g: rdflib.Graph,
) -> None:
    event = apt.get_event(EVENT_ID)
    claims = {x.id: x for x in event.statements}

    def per_claim(query: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for claim, value in values(g, query):
            out.setdefault(claim.rsplit(":", 1)[1], []).append(value.rsplit(":", 1)[-1])
        return out

    credited = per_claim("SELECT ?c ?who WHERE { ?c a schema:Claim ; schema:creditText ?who }")
    assert credited == {i: [x.attributed_to] for i, x in claims.items() if x.attributed_to}
    assert credited[f"{EVENT_ID}-statement-4"] == ["participants"]  # "The participants ..."
    mentions = per_claim("""
        SELECT ?c ?ref WHERE { ?c a schema:Claim ; schema:mentions ?ref .
                               ?article a schema:Article ; schema:mentions ?ref }""")  # fmt: skip
    assert mentions == {i: sorted(x.reference_ids) for i, x in claims.items() if x.reference_ids}
    cites = per_claim("""
        SELECT ?c ?earlier WHERE { ?c a schema:Claim ; schema:citation ?earlier .
                                   ?earlier a schema:Claim }""")  # fmt: skip
    assert cites == {i: sorted(x.depends_on) for i, x in claims.items() if x.depends_on}
    # "This alignment aims to ..." refers back to the recommendation to align
    assert cites[f"{EVENT_ID}-statement-7"] == [f"{EVENT_ID}-statement-6"]


def test_a_session_is_about_what_its_title_names(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?session ?name WHERE {
            ?event schema:subEvent ?session . ?session schema:about ?ref .
            ?article schema:mentions ?ref . ?ref schema:name ?name
        }""")  # fmt: skip
    titles = {r.id: r.title for r in apt.get_event(EVENT_ID).references}
    assert rows == sorted(
        (f"urn:aseanplus3-events:session:{x.id}", titles[r])
        for x in apt.get_event(EVENT_ID).sessions
        for r in x.reference_ids
    )
    assert [r[1] for r in rows] == ["COP28"]  # "Advancing Towards COP28: ..."


def test_a_partial_list_of_participants_says_so(g: rdflib.Graph) -> None:
    (comment,) = g.objects(rdflib.URIRef(EVENT), rdflib.RDFS.comment)
    assert apt.get_event(EVENT_ID).participants_complete is False  # "... including"
    assert str(comment).startswith("participants_complete: false. The source says its list")


def test_each_annotated_record_is_a_node_of_the_json_ld(g: rdflib.Graph) -> None:
    # one spelling of each kind of URN: the annotations' records are the JSON-LD's nodes
    subjects = {str(x) for x in g.subjects()}
    article = f"urn:aseanplus3-events:source:{ARTICLE_ID}"
    items = apt.to_annotations()["first"]["items"]
    targets = {a["body"][0]["source"] for a in items if a["target"]["source"] == article}
    assert targets <= subjects, sorted(targets - subjects)
    assert f"urn:aseanplus3-events:participant_group:{EVENT_ID}-participant-1" in targets
    # a country whose other name the article quotes ("South Korea"), with its names
    (country,) = [c for c in apt.countries() if c.evidence]
    node = rdflib.URIRef(f"urn:aseanplus3-events:country:{country.code}")
    assert str(node) in targets
    names = values(g, f"SELECT ?n WHERE {{ <{node}> a schema:Country ; schema:alternateName ?n }}")
    assert names == [(n,) for n in sorted(country.alternate_names)]
    assert (rdflib.URIRef(article), rdflib.URIRef(SCHEMA + "mentions"), node) in g


def test_the_participant_groups_as_the_source_names_them(g: rdflib.Graph) -> None:
    """Issue 19, item 13: the groups were named "China", with the country's ISO code as
    their own identifier, read as the countries attending; the article says "experts
    from" them.  The country is a node of its own, the group's ``countryOfOrigin``."""
    rows = values(g, f"""
        SELECT ?name ?kind ?code ?ids WHERE {{
            <{EVENT}> schema:attendee ?r . ?r a schema:Role ; schema:name ?name ;
                schema:additionalType ?kind .
            OPTIONAL {{ ?r schema:countryOfOrigin ?c . ?c a schema:Country ;
                        schema:identifier ?code }}
            {{ SELECT ?r (COUNT(?id) AS ?ids) WHERE {{ ?r schema:identifier ?id }} GROUP BY ?r }}
        }}""")  # fmt: skip
    assert rows == [
        ("experts from ASEAN countries", "experts_from_country_group", "None", "1"),
        ("experts from China", "experts_from_country", "CN", "1"),
        ("experts from Japan", "experts_from_country", "JP", "1"),
        ("experts from Singapore", "experts_from_country", "SG", "1"),  # "... Singapore"
        ("experts from South Korea", "experts_from_country", "KR", "1"),
        ("experts from United Nations agencies", "experts_from_organization_group", "None", "1"),
        ("experts from international organizations", "experts_from_organization_group", "None",
         "1"),
    ]  # fmt: skip


def test_an_organizations_country_is_exported(g: rdflib.Graph) -> None:
    """Issue 19, item 15: no organization's ``country`` reached the JSON-LD, while the
    center's exported comment explained its country."""
    rows = values(g, """
        SELECT DISTINCT ?name ?code WHERE {
            ?org a schema:Organization ; schema:name ?name ; schema:countryOfOrigin ?c .
            ?c a schema:Country ; schema:identifier ?code }""")  # fmt: skip
    assert rows == [
        ("China-ASEAN Environmental Cooperation Center", "CN"),  # a noted reading
        ("International Cooperation Department", "CN"),  # "... of China's Ministry ..."
        ("Ministry of Ecology and Environment", "CN"),  # "China's Ministry ..."
    ]


def test_sessions_keep_their_order_and_numbers(g: rdflib.Graph) -> None:
    """Issue 19, item 15: the sessions lost their order and numbering."""
    rows = values(g, f"""
        SELECT ?position ?title WHERE {{
            <{EVENT}> schema:subEvent ?s . ?s schema:position ?position .
            OPTIONAL {{ ?s schema:name ?title }}
        }} ORDER BY ?position""")  # fmt: skip
    # sessions 2 and 3 have no title, only a subject (what they are ``about``)
    assert [(int(n), str(title)[:22]) for n, title in rows] == [
        (1, "Advancing Towards COP2"), (2, "None"), (3, "None"),
    ]  # fmt: skip


def test_three_sub_events_with_their_topics_and_speaker(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?session ?title WHERE {
            ?event schema:subEvent ?session . ?session schema:superEvent ?event .
            OPTIONAL { ?session schema:name ?title }
        }""")  # fmt: skip
    assert [r[0] for r in rows] == [
        f"urn:aseanplus3-events:session:{EVENT_ID}-session-{n}" for n in (1, 2, 3)
    ]
    assert rows[0][1] == (
        "Advancing Towards COP28: Enhancing Regional Carbon Market Development and Collaboration"
    )
    # the other two have no title: what they were on is their subject
    assert [r[1] for r in rows[1:]] == ["None", "None"]
    subject = values(g, f"""
        SELECT ?subject WHERE {{
            <urn:aseanplus3-events:session:{EVENT_ID}-session-3> schema:about ?t .
            ?t a schema:Thing ; schema:name ?subject
        }}""")  # fmt: skip
    assert subject == [("Climate Change and Plastic Pollution Governance: Green Low-Carbon "
                        "Consumption and Youth Leadership in Plastic Reduction",)]  # fmt: skip
    about = values(g, f"""
        SELECT ?term ?code ?set WHERE {{
            <urn:aseanplus3-events:session:{EVENT_ID}-session-1> schema:about ?t .
            ?t a schema:DefinedTerm ; schema:name ?term ; schema:termCode ?code ;
               schema:inDefinedTermSet ?set . ?set a schema:DefinedTermSet
        }}""")  # fmt: skip
    assert about == [
        ("Carbon markets", "carbon-markets", "urn:aseanplus3-events:topics"),
        ("Green finance", "green-finance", "urn:aseanplus3-events:topics"),
        ("Regional cooperation", "regional-cooperation", "urn:aseanplus3-events:topics"),
    ]
    speaker = values(g, """
        SELECT ?role ?name ?title ?summary WHERE {
            ?s schema:performer ?r . ?r schema:roleName ?role ; schema:description ?summary ;
               schema:performer ?p . ?p schema:name ?name ; schema:jobTitle ?title
        }""")  # fmt: skip
    assert [r[:3] for r in speaker] == [("speaker", "Julia Mao", "Director")] * 4
    assert speaker[-1][3] == (
        "She summarized the viewpoints expressed by experts from China, Japan, Singapore, "
        "and South Korea."
    )


def test_the_sessions_the_article_does_not_call_sessions_say_so(g: rdflib.Graph) -> None:
    rows = values(g, "SELECT ?s ?note WHERE { ?e schema:subEvent ?s . ?s rdfs:comment ?note }")
    assert [r[0][-1] for r in rows] == ["1", "2", "3"]
    assert all("does not call it a session" in r[1] for r in rows[1:])


def test_the_event_is_the_subject_of_the_article(g: rdflib.Graph) -> None:
    rows = values(g, f"""
        SELECT ?article ?name ?lang ?digest WHERE {{
            <{EVENT}> schema:subjectOf ?article . ?article a schema:Article ;
                schema:about <{EVENT}> ; schema:description ?name ; schema:inLanguage ?lang ;
                schema:identifier ?id . ?id schema:propertyID "sha256" ; schema:value ?digest
        }}""")  # fmt: skip
    assert rows == [(
        f"urn:aseanplus3-events:source:{ARTICLE_ID}",
        "Article on the ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development "
        "Partnership held on 14 July 2023",
        "en",
        "2d9fe41731aa3ca90b7e807bd79ab05c2ad6ae602da7794872bc08b85109cb77",
    )]  # fmt: skip
    article = rdflib.URIRef(rows[0][0])
    said = {str(p).removeprefix(SCHEMA) for p in g.predicates(article)}
    # nothing the source does not state: no address, publisher, author, date or headline,
    # and our title for it is a description, not its name (issue 19, item 16)
    assert said == {str(rdflib.RDF.type), "identifier", "description", "inLanguage", "about",
                    "mentions", str(rdflib.RDFS.comment)}  # fmt: skip


def test_the_article_mentions_what_it_cites(g: rdflib.Graph) -> None:
    rows = values(g, """
        SELECT ?type ?name ?coverage WHERE {
            ?article a schema:Article ; schema:mentions ?work . ?work a ?type ; schema:name ?name
            OPTIONAL { ?work schema:temporalCoverage ?coverage }
        }""")  # fmt: skip
    (korea,) = [c for c in apt.countries() if c.evidence]  # its other name is quoted
    assert rows == [
        (SCHEMA + "Country", korea.name, "None"),
        (SCHEMA + "CreativeWork", "ASEAN Plus Three Cooperation Work Plan (2023-2027)",
         "2023/2027"),
        (SCHEMA + "Event", "COP28", "None"),
        (SCHEMA + "Thing", "ASEAN Plus Three", "None"),  # the framework, "10+3", "APT"
    ]  # fmt: skip


def test_the_statements_are_claims_appearing_in_the_article(g: rdflib.Graph) -> None:
    rows = values(g, f"""
        SELECT ?claim ?kind ?text WHERE {{
            <{EVENT}> schema:subjectOf ?claim . ?claim a schema:Claim ; schema:about <{EVENT}> ;
                schema:genre ?kind ; schema:text ?text ;
                schema:appearance <urn:aseanplus3-events:source:{ARTICLE_ID}>
        }}""")  # fmt: skip
    event = apt.get_event(EVENT_ID)
    assert [(r[1], r[2]) for r in rows] == [(s.kind.value, s.text) for s in event.statements]
    assert rows[3][2].startswith("The participants unanimously acknowledged that APT form")


def test_nothing_unstated_is_emitted() -> None:
    doc = apt.to_jsonld(apt.get_event(EVENT_ID))
    text = json.dumps({k: v for k, v in doc.items() if k != "@context"})
    assert "location" not in doc
    for term in ("url", "publisher", "author", "datePublished", "headline", "sponsor"):
        assert f'"{term}"' not in text, term
    # the only web addresses are schema.org's own terms, and XML Schema's type for a year
    addresses = {w for w in text.split('"') if w.startswith(("http://", "https://"))}
    assert addresses == {SCHEMA + "MixedEventAttendanceMode", str(XSD.gYear)}


def test_the_graph_holds_each_events_document() -> None:
    assert to_jsonld_graph()["@graph"] == [
        {k: v for k, v in apt.to_jsonld(e).items() if k != "@context"} for e in apt.list_events()
    ]
    assert to_jsonld_graph()["@context"] == apt.to_jsonld(apt.get_event(EVENT_ID))["@context"]


@pytest.mark.parametrize("context", ["embedded", "schema.org"])
def test_the_file_made_an_event_at_a_time_is_the_graphs_json(context: Any) -> None:
    # the bytes `export --format jsonld` writes: byte for byte the graph's json.dumps, for
    # every event, some, or none
    full = dataset_of(rich_catalog_dict())
    for ds, events in [(full, None), (full, full.list_events()[1:]), (full, []), (None, None)]:
        graph = to_jsonld_graph(ds, events, context=context)
        expected = json.dumps(graph, ensure_ascii=False, indent=2) + "\n"
        assert jsonld_bytes(ds, events, context=context) == expected.encode("utf-8")


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="event must be an Event, not str"):
        apt.to_jsonld(EVENT_ID)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"context must be 'embedded' or 'schema\.org', not 'x'"):
        apt.to_jsonld(apt.get_event(EVENT_ID), context="x")  # type: ignore[arg-type]


def test_the_fields_of_schema_2_in_schema_org_terms_that_say_no_more() -> None:
    ds = full_dataset()
    graph = rdflib_graph(apt.to_jsonld(ds.get_event("apt-side-event"), ds))
    side = "urn:aseanplus3-events:event:apt-side-event"
    place = values(graph, f"""
        SELECT ?name ?city ?country WHERE {{
            <{side}> schema:location ?p . ?p a schema:Place ; schema:name ?name ;
                schema:address ?a . ?a a schema:PostalAddress ; schema:addressCountry ?country .
            OPTIONAL {{ ?a schema:addressLocality ?city }}
        }}""")  # fmt: skip
    assert place == [("Environmental Cooperation Center", "None", "CN")]
    supers = {x for (x,) in values(graph, f"SELECT ?s WHERE {{ <{side}> schema:superEvent ?s }}")}
    assert len(supers) == 2  # the series, and the seminar it was part of
    assert "urn:aseanplus3-events:event:apt-low-carbon-seminar-2023" in supers
    series = values(graph, f"""
        SELECT ?name WHERE {{ <{side}> schema:superEvent ?s . ?s a schema:EventSeries ;
                              schema:name ?name }}""")  # fmt: skip
    assert series == [("ASEAN Plus Three",)]
    authors = values(graph, f"""
        SELECT ?claim ?who WHERE {{ ?claim a schema:Claim ; schema:author ?who ;
                                    schema:about <{side}> }}""")  # fmt: skip
    assert authors == [("urn:aseanplus3-events:statement:apt-side-event-statement-1",
                        "urn:aseanplus3-events:person:julia-mao")]  # fmt: skip
    honorific = values(graph, "SELECT ?h WHERE { ?p schema:honorificPrefix ?h }")
    assert honorific == [("Director",)]
    opening = values(
        graph,
        f"""
        SELECT ?role WHERE {{ <{side}> schema:performer ?r . ?r schema:roleName ?role }}""",
    )
    assert opening == [("opening_remarks",)]
    comments = {c for (c,) in values(graph, f"SELECT ?c WHERE {{ <{side}> rdfs:comment ?c }}")}
    assert "edition: 3 (its number in the series ASEAN Plus Three)" in comments
    (figure,) = ds.get_event("apt-side-event").attendance  # an attendance figure: a node
    figures = values(
        graph,
        f"""SELECT ?f ?name ?words WHERE {{ <{side}> schema:attendee ?f .
        ?f a schema:Role ; schema:name ?name ; schema:description ?words }}""",
    )
    words = f"attendance: {attendance_label(figure)}"  # as `show` words it: "more than", no code
    assert figures == [(f"urn:aseanplus3-events:attendance:{figure.id}", figure.label, words)]
    assert not [c for c in comments if c.startswith("attendance:")]  # a node, no longer words
    assert values(graph, "SELECT ?c WHERE { ?r a schema:CreativeWork ; rdfs:comment ?c }")[0][
        0
    ].startswith("relation: adopted (Adopted")


# --- base IRIs: each dataset's IRIs its own ------------------------------------------------


def test_datasets_with_their_own_base_iris_share_no_subject_in_one_graph(tmp_path: Path) -> None:
    """Two groups build the same seeds (one event, the same country codes, topic and
    organization slugs as each other, and country codes the bundled data has too), each
    under its own base IRI; their JSON-LD and annotations, and the bundled data's, loaded
    into one rdflib graph, are three sets of nodes: each subject under its dataset's base."""
    from aseanplus3_events.build import build
    from aseanplus3_events.exports.annotations import CONTEXT as ANNO_CONTEXT

    datasets = [apt.default_dataset()]
    for base in ("https://group-a.example/events/", "urn:group-b-events:"):
        seeds = Path(shutil.copytree(TEMPLATE, tmp_path / base.replace("/", "_")))
        catalog = seeds / "catalog.toml"
        text = re.sub(r"(?m)^base_iri = .*$", f'base_iri = "{base}"', catalog.read_text("utf-8"))
        catalog.write_text(text, encoding="utf-8")
        datasets.append(apt.Dataset(build(seeds)))
    merged, subjects, names = rdflib.Graph(), [], []
    for ds in datasets:
        annotations = {**apt.to_annotations(ds), "@context": ANNO_CONTEXT}
        graph = rdflib_graph(to_jsonld_graph(ds))
        graph += rdflib.Graph().parse(data=json.dumps(annotations), format="json-ld")
        mine = {str(s) for s in graph.subjects() if isinstance(s, rdflib.URIRef)}
        base = ds.catalog.base_iri or "urn:aseanplus3-events:"
        assert mine
        assert all(s.startswith(base) for s in mine), sorted(mine)[:3]
        subjects.append(mine)
        names.append({s.removeprefix(base) for s in mine})
        merged += graph
    assert datasets[0].catalog.base_iri == "urn:aseanplus3-events:"  # the bundled IRIs stay
    assert names[1] == names[2]  # the same ids, which the old IRIs shared
    assert names[1] & names[0]  # a country code both have
    for one, other in ((0, 1), (0, 2), (1, 2)):
        assert not subjects[one] & subjects[other]
    sets = list(merged.subjects(rdflib.RDF.type, rdflib.URIRef(f"{SCHEMA}DefinedTermSet")))
    assert len(sets) == 3  # each dataset's topic vocabulary: the bundled one's one name,
    # none for the two groups', whose catalogs state no title (none is filled in)
    assert sorted(len(list(merged.objects(s, SCHEMA_NAME))) for s in sets) == [0, 0, 1]
