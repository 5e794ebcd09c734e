"""W3C Web Annotations of the evidence: ``to_annotations(dataset)``.

One ``AnnotationCollection`` (Web Annotation Data Model, W3C Recommendation 2017-02-23)
whose first ``AnnotationPage`` holds one ``Annotation`` per evidence item, in dataset
order.  Each annotation says, in the model's own terms, "this span of the source is the
evidence for these fields of this record":

- ``id``: ``<base_iri>evidence:<evidence id>``.  Every id is an IRI made from our stable
  ids under the dataset's `Catalog.base_iri` (``urn:aseanplus3-events:`` where it
  declares none), like the ``@id``s of `to_jsonld` (`urn`).
- ``target``: a ``SpecificResource`` whose ``source`` is the source document
  (``<base_iri>source:<source id>``), with two selectors for the same span,
  either of which finds it alone: a ``TextQuoteSelector`` (``exact`` is the quote;
  ``prefix``/``suffix`` are the evidence's own, present exactly where the quote occurs
  more than once in its source, and long enough to pick this occurrence) and a
  ``TextPositionSelector`` (``start``, ``end``: Unicode code points, end exclusive).
- ``target.state``: a ``TimeState`` with no date and one ``cached`` copy named by the
  source's SHA-256 (an RFC 6920 ``ni:///sha-256;...`` URI).  The model's two States are
  a time (``TimeState``) and HTTP request headers (``HttpRequestState``); we know
  neither when the article was read nor any address to request it from, only the digest
  of the exact text annotated, so the State says that and nothing more (the spec allows
  a TimeState with no ``sourceDate``).  Hex digest -> ``ni`` URI: `ni_uri`.
- ``motivation``: ``describing``: the annotation describes what the quoted text states,
  as the fields of a record.  Its ``body`` has, each with its ``purpose``:
  a ``SpecificResource`` whose source is the record's URN (``identifying``: the quote
  is a mention of that record, as a city's IRI identifies a mention of the city in the
  spec's example); one ``TextualBody`` per supported field name (``tagging``); where the
  quote supports single items of a field that lists ids (``Evidence.items``: a session's
  topic, a reference a statement names, an earlier statement it refers back to), one
  ``SpecificResource`` per item whose source is the item's URN (``linking``: a resource
  related to the quote, since the quote need not name it: "This alignment" refers back to
  a statement); and one ``TextualBody`` saying the same in a sentence (``describing``),
  for tools that show only text.

The document's ``@context`` is the W3C's ``http://www.w3.org/ns/anno.jsonld``, as the
model requires.  To read it as RDF without a network, hand the parser `CONTEXT` (the
terms of that context these documents use, copied from the published file) in its place;
docs/provenance.md shows how, with rdflib and with pyld.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple
from urllib.parse import quote as percent_encode

from pydantic import BaseModel

from aseanplus3_events.citation import named
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports import ITEMS, dataset_or_bundled, json_file
from aseanplus3_events.exports.jsonld import urn
from aseanplus3_events.loading import walk
from aseanplus3_events.models import Evidence, Source

__all__ = ["ANNO_CONTEXT_URL", "CONTEXT", "Citation", "annotations_bytes", "citations", "ni_uri",
           "to_annotations"]  # fmt: skip

#: The JSON-LD context every Web Annotation document names.
ANNO_CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"

#: The terms of the W3C's published ``anno.jsonld`` that `to_annotations` uses, exactly
#: as published: put it in place of ``ANNO_CONTEXT_URL`` to read the documents offline.
#: (The tests check every term against a copy of the published file.)
CONTEXT: dict[str, Any] = {
    "oa": "http://www.w3.org/ns/oa#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "as": "http://www.w3.org/ns/activitystreams#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "AnnotationCollection": "as:OrderedCollection",
    "AnnotationPage": "as:OrderedCollectionPage",
    "label": "rdfs:label",
    "value": "rdf:value",
    "format": "dc:format",
    "language": "dc:language",
    "items": {"@type": "@id", "@id": "as:items", "@container": "@list"},
    "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
    "purpose": {"@type": "@vocab", "@id": "oa:hasPurpose"},
}
# The rest, by kind: oa: terms under their own names, then (as term=IRI) the terms whose
# value is an IRI, and the counts.
_OA = "Annotation TextualBody SpecificResource TextQuoteSelector TextPositionSelector TimeState "
_OA += "describing identifying linking tagging exact prefix suffix"
_IRIS = "id=@id type=@type body=oa:hasBody target=oa:hasTarget source=oa:hasSource "
_IRIS += "selector=oa:hasSelector state=oa:hasState cached=oa:cachedSource partOf=as:partOf "
_IRIS += "first=as:first last=as:last"
_COUNTS = "total=as:totalItems startIndex=as:startIndex start=oa:start end=oa:end"
CONTEXT |= {term: f"oa:{term}" for term in _OA.split()}
CONTEXT |= {t: {"@type": "@id", "@id": iri} for t, iri in (s.split("=") for s in _IRIS.split())}
CONTEXT |= {
    t: {"@id": iri, "@type": "xsd:nonNegativeInteger"}
    for t, iri in (s.split("=") for s in _COUNTS.split())
}

_NAME_FIELDS = ("name", "title", "subject", "label")
#: The kind of record each field that lists ids refers to (`Evidence.items`).
_ITEM_KINDS = {
    "topics": "topic",
    "reference_ids": "reference",
    "depends_on": "statement",
    "person_ids": "person",
    "session_ids": "session",
}


class Citation(NamedTuple):
    """One evidence item with the record it belongs to.

    ``kind`` is the record's type in snake case, as search spells it (``"event"``,
    ``"participant_group"``, ...), ``record_id`` its id, ``name`` its name, title or
    label (None for records without one, such as a participation), ``evidence`` the
    item and ``record`` the record itself.
    """

    kind: str
    record_id: str
    name: str | None
    evidence: Evidence
    record: BaseModel


@functools.cache
def _kind(model: type[BaseModel]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


def records(node: object) -> Iterator[BaseModel]:
    """Every record in ``node`` (a record or a tuple of them), in document order: a record
    before the records inside it; evidence items aside (each record's ``evidence``)."""
    return (record for _, record in walk(node) if not isinstance(record, Evidence))


def _cited(record: BaseModel) -> Iterator[Citation]:
    """The citations of ``record``'s own evidence (none for a record without)."""
    fields = type(record).model_fields
    if evidence := getattr(record, "evidence", None) if "evidence" in fields else None:
        # a country is named by its code everywhere but in its evidence ids
        record_id = str(record.code if "code" in fields else record.id)  # type: ignore[attr-defined]
        names = [getattr(record, f) for f in _NAME_FIELDS if f in fields]
        name = next((n for n in names if isinstance(n, str)), None)
        for ev in evidence:
            yield Citation(_kind(type(record)), record_id, name, ev, record)


def citations(dataset: Dataset | None = None) -> tuple[Citation, ...]:
    """Every evidence item of ``dataset`` (default: the bundled one) with its record, in
    document order: a record's own evidence before that of the records inside it.

    Any model with an ``evidence`` field is found, so records added to the schema later
    are included without a change here.

    Examples:
        >>> seminar = [c for c in citations() if c.record_id == "apt-low-carbon-seminar-2023"]
        >>> seminar[0].kind, seminar[0].evidence.id
        ('event', 'apt-low-carbon-seminar-2023-evidence-1')
        >>> {"event", "session", "statement"} <= {c.kind for c in citations()}
        True
    """
    ds = dataset_or_bundled(dataset)
    return tuple(c for record in records(ds.catalog) for c in _cited(record))


@functools.cache  # one per source, asked for by each of its quotes
def ni_uri(sha256_hex: str) -> str:
    """The RFC 6920 name of the content with this SHA-256 digest: ``ni:///sha-256;<b64>``
    (the digest in base64url, without padding).

    Raises:
        ValueError: ``sha256_hex`` is not 64 hexadecimal digits.

    Examples:
        >>> import hashlib
        >>> ni_uri(hashlib.sha256(b"Hello World!").hexdigest())
        'ni:///sha-256;f4OxZX_x_FO5LcGBSKHWXfwtSx-j1ncoSt3SABJtkGk'
    """
    if not re.fullmatch(r"[0-9a-fA-F]{64}", sha256_hex):
        raise ValueError(f"not a SHA-256 hex digest: {sha256_hex!r}")
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).rstrip(b"=").decode()
    return f"ni:///sha-256;{digest}"


def _items(citation: Citation, base: str | None) -> list[str]:
    """The URNs of the items the evidence supports, each under the field that lists it (the
    checks see to it that each item is in a field the evidence names)."""
    ev, record = citation.evidence, citation.record
    urns = []
    for item in ev.items:
        field = next(f for f in ev.fields if f in _ITEM_KINDS and item in getattr(record, f, ()))
        urns.append(urn(_ITEM_KINDS[field], item, base))
    return urns


def _annotation(citation: Citation, source: Source, base: str | None) -> dict[str, Any]:
    ev = citation.evidence
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": ev.quote}
    if ev.prefix is not None:
        quote["prefix"] = ev.prefix
    if ev.suffix is not None:
        quote["suffix"] = ev.suffix
    target: dict[str, Any] = {"type": "SpecificResource", "source": urn("source", source.id, base)}
    if source.sha256 is not None:
        target["state"] = {"type": "TimeState", "cached": ni_uri(source.sha256)}
    position = {"type": "TextPositionSelector", "start": ev.start, "end": ev.end}
    target["selector"] = [quote, position]
    what = f"{citation.kind} {citation.record_id}"
    if citation.name is not None:
        what = f"{citation.kind} “{citation.name}” ({citation.record_id})"
    sentence = f"Evidence for the {', '.join(ev.fields)} of {what}"
    sentence += f", namely {', '.join(ev.items)}." if ev.items else "."
    return {
        "id": urn("evidence", ev.id, base),
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {
                "type": "SpecificResource",
                "source": urn(citation.kind, citation.record_id, base),
                "purpose": "identifying",
            },
            *({"type": "TextualBody", "value": f, "purpose": "tagging"} for f in ev.fields),
            *(
                {"type": "SpecificResource", "source": item, "purpose": "linking"}
                for item in _items(citation, base)
            ),
            {
                "type": "TextualBody",
                "value": sentence,
                "format": "text/plain",
                "language": "en",
                "purpose": "describing",
            },
        ],
        "target": target,
    }


def to_annotations(dataset: Dataset | None = None) -> dict[str, Any]:
    """Every evidence item as a W3C Web Annotation, in one ``AnnotationCollection``.

    Returns a ``dict`` ready for ``json.dumps``: the collection, with ``total`` (the
    number of evidence items) and its first ``AnnotationPage`` embedded as ``first``,
    whose ``items`` are the annotations in `citations` order (a dataset without evidence
    gives a collection with ``total`` 0 and no page, as the model asks).  ``dataset``
    defaults to the bundled one.  The module docstring gives the mapping.

    Raises:
        TypeError: ``dataset`` is not a `Dataset`.

    Examples:
        >>> import aseanplus3_events as apt
        >>> doc = apt.to_annotations()
        >>> doc["type"], doc["total"] == len(doc["first"]["items"])
        ('AnnotationCollection', True)
        >>> urn = "urn:aseanplus3-events:evidence:apt-low-carbon-seminar-2023-evidence-1"
        >>> anno = next(a for a in doc["first"]["items"] if a["id"] == urn)
        >>> anno["target"]["source"]
        'urn:aseanplus3-events:source:article-apt-low-carbon-seminar-2023'
        >>> [s["type"] for s in anno["target"]["selector"]]
        ['TextQuoteSelector', 'TextPositionSelector']
    """
    doc, annotations = _collection(dataset_or_bundled(dataset))
    if doc["total"]:
        doc["first"]["items"] = list(annotations)
    return doc


def annotations_bytes(dataset: Dataset | None = None) -> bytes:
    """The file of `to_annotations` (what ``export --format annotations`` writes): its JSON,
    indented, but each annotation on one line; made an annotation at a time."""
    return json_file(*_collection(dataset_or_bundled(dataset)))


def _collection(ds: Dataset) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The collection, `ITEMS` in its page's place, and its annotations (made as read)."""
    cited = citations(ds)
    base = ds.catalog.base_iri
    collection_id = urn("annotations", percent_encode(ds.data_version, safe=""), base)
    doc: dict[str, Any] = {
        "@context": ANNO_CONTEXT_URL,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"{named(ds.catalog, True)} {ds.data_version}: the evidence for every fact",
        "total": len(cited),
    }
    if cited:
        page_id = f"{collection_id}:page-1"
        doc["first"] = {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": ITEMS,
        }
        doc["last"] = page_id
    return doc, (_annotation(c, ds.get_source(c.evidence.source_id), base) for c in cited)
