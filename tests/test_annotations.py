"""W3C Web Annotations of the evidence, read back offline by rdflib and by pyld.

The published context (tests/fixtures/anno.jsonld, a copy of the W3C's file) and the
module's offline ``CONTEXT`` must give the same graph; every annotation must find its
span again from each of its selectors on its own.
"""

from __future__ import annotations

import base64
import copy
import doctest
import hashlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic

import aseanplus3_events as apt
from aseanplus3_events.exports import annotations
from conftest import ARTICLE, ARTICLE_ID, EVENT_ID, ROOT

PUBLISHED = json.loads((ROOT / "tests" / "fixtures" / "anno.jsonld").read_text(encoding="utf-8"))
URL = "http://www.w3.org/ns/anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
PREFIXES = f"PREFIX oa: <{OA}>\nPREFIX as: <http://www.w3.org/ns/activitystreams#>\n"


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No socket may connect anywhere while the test runs."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return apt.to_annotations()


def evidence_in(data: Any) -> Iterator[dict[str, Any]]:
    """Every evidence item in the catalog's JSON, found by walking it (not the models)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence":
                yield from value
            else:
                yield from evidence_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from evidence_in(item)


def rdflib_graph(document: dict[str, Any], context: Any) -> rdflib.Graph:
    data = json.dumps({**document, "@context": context})
    return rdflib.Graph().parse(data=data, format="json-ld")


def pyld_graph(document: dict[str, Any], context_document: dict[str, Any]) -> rdflib.Graph:
    def loader(url: str, options: object = None) -> dict[str, Any]:
        assert url == URL, f"pyld asked for {url}"
        return {"contextUrl": None, "documentUrl": url, "document": context_document}

    nquads = jsonld.to_rdf(
        copy.deepcopy(document), {"format": "application/n-quads", "documentLoader": loader}
    )
    return rdflib.Graph().parse(data=nquads, format="nt")


# --- the collection -------------------------------------------------------------------


def test_one_annotation_per_evidence_item(doc: dict[str, Any], bundled_dict: Any) -> None:
    evidence = list(evidence_in(bundled_dict))
    items = doc["first"]["items"]
    assert doc["@context"] == URL
    assert doc["type"] == "AnnotationCollection"
    assert doc["total"] == len(items) == len(evidence) > 40
    ids = [a["id"] for a in items]
    assert len(set(ids)) == len(ids)
    assert set(ids) == {f"urn:aseanplus3-events:evidence:{ev['id']}" for ev in evidence}
    assert doc["first"]["type"] == "AnnotationPage"
    assert doc["first"]["partOf"] == doc["id"]
    assert doc["first"]["startIndex"] == 0
    assert doc["last"] == doc["first"]["id"]


def test_no_web_address_is_invented(doc: dict[str, Any]) -> None:
    strings = json.dumps(doc, ensure_ascii=False).split('"')
    assert [s for s in strings if s.startswith(("http:", "https:"))] == [URL]


def test_one_annotation_read_against_the_article(doc: dict[str, Any], article_text: str) -> None:
    quote = "hybrid format, combining online and offline participation"
    start = article_text.index(quote)  # the article's own words, found in the article
    assert article_text.count(quote) == 1
    (anno,) = [a for a in doc["first"]["items"] if a["target"]["selector"][0]["exact"] == quote]
    assert anno["motivation"] == "describing"
    assert anno["target"]["source"] == f"urn:aseanplus3-events:source:{ARTICLE_ID}"
    assert anno["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": quote},
        {"type": "TextPositionSelector", "start": start, "end": start + len(quote)},
    ]
    record, *tags, sentence = anno["body"]
    assert record == {
        "type": "SpecificResource",
        "source": f"urn:aseanplus3-events:event:{EVENT_ID}",
        "purpose": "identifying",
    }
    assert tags == [{"type": "TextualBody", "value": "attendance_mode", "purpose": "tagging"}]
    assert sentence["purpose"] == "describing"
    assert sentence["value"].startswith("Evidence for the attendance_mode of event")


def test_a_quote_for_items_of_a_list_links_each_item(doc: dict[str, Any]) -> None:
    # "Carbon Market Development" (session 1's title) names the topic carbon-markets;
    # "This alignment" refers back to the statement on aligning with the work plan;
    # "the aforementioned subjects" are the sessions
    kinds = {"topics": "topic", "reference_ids": "reference", "depends_on": "statement",
             "session_ids": "session", "person_ids": "person"}  # fmt: skip
    by_id = {a["id"]: a for a in doc["first"]["items"]}
    checked = 0
    for c in annotations.citations():
        bodies = by_id[f"urn:aseanplus3-events:evidence:{c.evidence.id}"]["body"]
        linked = [b["source"] for b in bodies if b["purpose"] == "linking"]
        want = [
            f"urn:aseanplus3-events:{kinds[f]}:{item}"
            for item in c.evidence.items
            for f in c.evidence.fields
            if f in kinds and item in getattr(c.record, f)
        ]
        assert linked == want, c.evidence.id
        assert all(b["type"] == "SpecificResource" for b in bodies if b["purpose"] == "linking")
        checked += bool(want)
    assert checked == sum(1 for c in annotations.citations() if c.evidence.items) > 10
    topic = by_id[f"urn:aseanplus3-events:evidence:{EVENT_ID}-session-1-evidence-5"]
    assert topic["target"]["selector"][0]["exact"] == "Carbon Market Development"
    assert [b["source"] for b in topic["body"] if b["purpose"] == "linking"] == [
        "urn:aseanplus3-events:topic:carbon-markets"
    ]
    assert topic["body"][-1]["value"].endswith(", namely carbon-markets.")
    back = by_id[f"urn:aseanplus3-events:evidence:{EVENT_ID}-statement-7-evidence-2"]
    assert back["target"]["selector"][0]["exact"] == "This alignment"
    assert [b["source"] for b in back["body"] if b["purpose"] == "linking"] == [
        f"urn:aseanplus3-events:statement:{EVENT_ID}-statement-6"
    ]


def test_the_state_names_the_exact_text_by_its_digest(doc: dict[str, Any]) -> None:
    digest = hashlib.sha256(ARTICLE.read_bytes()).digest()
    for anno in doc["first"]["items"]:
        if anno["target"]["source"] != f"urn:aseanplus3-events:source:{ARTICLE_ID}":
            continue  # another article: its own digest, checked below over every source
        state = anno["target"]["state"]
        assert state["type"] == "TimeState"
        assert set(state) == {"type", "cached"}  # no date: we do not know one
        scheme, _, encoded = state["cached"].partition(";")
        assert scheme == "ni:///sha-256"
        assert base64.urlsafe_b64decode(encoded + "=") == digest


def test_a_repeated_quote_carries_the_context_that_picks_it(
    doc: dict[str, Any], article_text: str
) -> None:
    repeated = [
        a["target"]["selector"][0]
        for a in doc["first"]["items"]
        if article_text.count(a["target"]["selector"][0]["exact"]) > 1
    ]
    assert repeated  # the article names its first session's title twice
    for selector in repeated:
        assert "prefix" in selector or "suffix" in selector


# --- read back as RDF -------------------------------------------------------------------


def test_the_offline_context_is_the_published_one_term_for_term() -> None:
    published = PUBLISHED["@context"]
    for term, definition in annotations.CONTEXT.items():
        assert published[term] == definition, term


def canonical(graph: rdflib.Graph) -> str:
    """The graph's canonical N-Quads (W3C RDF Dataset Canonicalization, URDNA2015): two
    graphs are isomorphic exactly when these are equal."""
    options = {"algorithm": "URDNA2015", "inputFormat": "application/n-quads"}
    text: str = jsonld.normalize(graph.serialize(format="nt"), options)
    return text


def test_rdflib_and_pyld_offline_read_the_graph_the_published_context_gives(
    doc: dict[str, Any], offline: None
) -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - the URL alone needs the network
        rdflib_graph(doc, URL)
    published = pyld_graph(doc, PUBLISHED)
    assert len(published) > 500
    offline_rdflib = rdflib_graph(doc, annotations.CONTEXT)
    # rdflib's own isomorphism test once (it takes seconds on this many blank nodes),
    # then the standard canonical form for every pair
    assert isomorphic(published, offline_rdflib)
    expected = canonical(published)
    assert canonical(offline_rdflib) == expected
    assert canonical(rdflib_graph(doc, PUBLISHED["@context"])) == expected
    assert canonical(pyld_graph(doc, {"@context": annotations.CONTEXT})) == expected


def test_a_missing_term_would_change_the_graph(doc: dict[str, Any], offline: None) -> None:
    # the comparison above can fail: drop one term from the offline context
    short = {k: v for k, v in annotations.CONTEXT.items() if k != "cached"}
    assert canonical(rdflib_graph(doc, short)) != canonical(pyld_graph(doc, PUBLISHED))


@pytest.fixture(scope="module")
def graph(doc: dict[str, Any]) -> rdflib.Graph:
    return pyld_graph(doc, PUBLISHED)


def test_the_graph_is_a_collection_of_annotations(graph: rdflib.Graph, doc: dict[str, Any]) -> None:
    rows = list(graph.query(PREFIXES + """
        SELECT ?total (COUNT(?anno) AS ?n) WHERE {
            ?c a as:OrderedCollection ; as:totalItems ?total ; as:first ?page .
            ?page a as:OrderedCollectionPage ; as:items/rdf:rest*/rdf:first ?anno .
            ?anno a oa:Annotation ; oa:motivatedBy oa:describing .
        } GROUP BY ?total"""))  # fmt: skip
    assert [(int(t), int(n)) for t, n in rows] == [(doc["total"], doc["total"])]  # type: ignore[misc]


def test_every_selector_alone_finds_the_span(graph: rdflib.Graph, article_text: str) -> None:
    texts = {f"urn:aseanplus3-events:source:{s.id}": s.text for s in apt.sources() if s.text}
    rows = list(graph.query(PREFIXES + """
        SELECT ?anno ?source ?exact ?prefix ?suffix ?start ?end WHERE {
            ?anno oa:hasTarget ?t . ?t oa:hasSource ?source ; oa:hasSelector ?q, ?p .
            ?q a oa:TextQuoteSelector ; oa:exact ?exact .
            OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix }
            ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        }"""))  # fmt: skip
    evidence = {f"urn:aseanplus3-events:evidence:{c.evidence.id}": c.evidence
                for c in annotations.citations()}  # fmt: skip
    assert len(rows) == len(evidence)
    for anno, source, exact, prefix, suffix, start, end in rows:  # type: ignore[misc]
        text = texts[str(source)]
        before, after, quote = str(prefix or ""), str(suffix or ""), str(exact)
        # the quote selector alone: every place the quote stands with its context
        found = [
            at
            for at in range(len(text))
            if text.startswith(quote, at)
            and text.endswith(before, 0, at)
            and text.startswith(after, at + len(quote))
        ]
        # the position selector alone
        span = (int(start), int(end))
        assert [(at, at + len(quote)) for at in found] == [span], anno
        ev = evidence[str(anno)]
        assert span == (ev.start, ev.end)
        assert text[span[0] : span[1]] == ev.quote


# --- any dataset ------------------------------------------------------------------------


def test_a_dataset_without_evidence_is_an_empty_collection() -> None:
    empty = apt.Dataset(apt.Catalog(schema_version="1.1.0", data_version="test 1"))
    doc = apt.to_annotations(empty)
    assert doc["total"] == 0
    assert "first" not in doc
    assert "last" not in doc
    assert doc["id"] == "urn:aseanplus3-events:annotations:test%201"
    assert json.loads(annotations.annotations_bytes(empty)) == doc


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError, match="dataset must be a Dataset, not str"):
        apt.to_annotations("catalog.json")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a SHA-256 hex digest"):
        annotations.ni_uri("abc")


def test_the_examples_in_the_module_run() -> None:
    result = doctest.testmod(annotations, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 5


# --- the command line -------------------------------------------------------------------


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-m", "aseanplus3_events", *map(str, args)],
        capture_output=True,
        env=env,
    )


def test_export_annotations_to_stdout_and_to_a_file(tmp_path: Path, doc: dict[str, Any]) -> None:
    result = run_cli("export", "--format", "annotations")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("utf-8")) == doc
    # indented, each annotation on one line (one line of JSON each: json's fast encoder)
    lines = result.stdout.decode("utf-8").splitlines()
    first = lines.index('    "items": [') + 1
    annotations = [line.strip().removesuffix(",") for line in lines[first : first + doc["total"]]]
    assert list(map(json.loads, annotations)) == doc["first"]["items"]
    assert lines[first + doc["total"] :] == ["    ]", "  },", f'  "last": "{doc["last"]}"', "}"]
    out = tmp_path / "annotations.jsonld"
    result = run_cli("export", "--format", "annotations", "--out", out)
    assert result.returncode == 0
    assert result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8")) == doc
