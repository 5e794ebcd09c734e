"""Reading files of an older schema version: derive what the newer one added or changed.

A minor ``schema_version`` only adds; where an addition is required, it is derivable
from what an older file holds.  A major version changes a type; where the old value
says the same in the new type, it is rewritten.  Files of every 1.x version stay readable:

- 1.1.0 added ``Evidence.id`` (``<record id>-evidence-<n>``) and, where a quote occurs
  more than once in its source, ``Evidence.prefix``/``suffix``.
- 2.0.0 made ``Event.location`` a `Place`: the old text is read as the place's ``name``
  (the words the source gave for where), and evidence naming ``location`` names
  ``location.name``.  (Its additions are all optional.)

`upgrade` runs only on the loader's failure path (a file that did not validate as the
current version), so files of the current version never pay for it.
"""

from __future__ import annotations

import copy
from typing import Any

from .models import SCHEMA_VERSION
from .text import unique_context

__all__ = ["place_from_text", "upgrade"]

_MAJOR, _MINOR = (int(part) for part in SCHEMA_VERSION.split(".")[:2])


def upgrade(document: object) -> dict[str, Any] | None:
    """``document`` (a parsed dataset file) brought up to `SCHEMA_VERSION`, or None when
    there is nothing to upgrade (not an object, another major version, or already current).

    The input is not changed; the result says ``schema_version`` = the current version,
    since that is what it now conforms to.

    Examples:
        >>> doc = {"schema_version": "1.0.0", "data_version": "x", "people": [
        ...     {"id": "ann", "name": "Ann", "evidence": [
        ...         {"source_id": "s", "start": 0, "end": 3, "quote": "Ann", "fields": ["name"]}
        ...     ]}], "sources": [{"id": "s", "text": "Ann"}]}
        >>> upgrade(doc)["people"][0]["evidence"][0]["id"]
        'ann-evidence-1'
    """
    if not isinstance(document, dict):
        return None
    version = document.get("schema_version")
    try:
        major, minor = (int(part) for part in str(version).split(".")[:2])
    except ValueError:
        return None
    if major not in (1, _MAJOR) or (major, minor) >= (_MAJOR, _MINOR):
        return None
    texts = {
        source.get("id"): source["text"]
        for source in document.get("sources") or ()
        if isinstance(source, dict) and isinstance(source.get("text"), str)
    }
    upgraded: dict[str, Any] = copy.deepcopy(document)  # the input is not changed
    if (major, minor) < (1, 1):
        for key in ("events", "organizations", "people"):
            _evidence_ids(upgraded.get(key), texts)
    if major < 2 and isinstance(upgraded.get("events"), list):
        upgraded["events"] = [place_from_text(e) for e in upgraded["events"]]
    upgraded["schema_version"] = SCHEMA_VERSION
    return upgraded


def place_from_text(event: Any) -> Any:
    """An event (a dict, from a file or a seed of schema 1.x) whose ``location`` is text,
    with the text as its place's ``name``; anything else is returned as it is.

    Examples:
        >>> place_from_text({"location": "Hanoi", "evidence": [{"fields": ["location"]}]})
        {'location': {'name': 'Hanoi'}, 'evidence': [{'fields': ['location.name']}]}
    """
    if not isinstance(event, dict) or not isinstance(event.get("location"), str):
        return event
    evidence = [
        {**ev, "fields": ["location.name" if f == "location" else f for f in ev["fields"]]}
        if isinstance(ev, dict) and isinstance(ev.get("fields"), list)
        else ev
        for ev in event.get("evidence") or ()
    ]
    return {**event, "location": {"name": event["location"]}, "evidence": evidence}


def _evidence_ids(node: Any, texts: dict[Any, str]) -> None:
    """1.0 -> 1.1: number every record's evidence, and give repeated quotes a selector."""
    if isinstance(node, list):
        for item in node:
            _evidence_ids(item, texts)
        return
    if not isinstance(node, dict):
        return
    evidence = node.get("evidence")
    if isinstance(evidence, list) and isinstance(node.get("id"), str):
        for n, item in enumerate(evidence, start=1):
            if not isinstance(item, dict):
                continue
            item.setdefault("id", f"{node['id']}-evidence-{n}")
            text, start, end = texts.get(item.get("source_id")), item.get("start"), item.get("end")
            if text is None or type(start) is not int or type(end) is not int:  # (not a bool)
                continue
            if 0 <= start < end <= len(text) and not {"prefix", "suffix"} & item.keys():
                item.update(unique_context(text, start, end))
    for key, value in node.items():
        if key != "evidence":
            _evidence_ids(value, texts)
