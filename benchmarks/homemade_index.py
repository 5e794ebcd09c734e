"""The search index this package had before SQLite FTS5 (aseanplus3_events/searchindex.py
as of commit 542840d), kept here so that the benchmarks can measure the new index side by
side with the old one, in the same run, on the same data.

`build` is what the old first search did: make one hit (kind, id, event_id, text) per
record, then cut each text into word tokens; `find` is the old query: every
whitespace-separated word of the query occurs, case-insensitively, in the record's
text, in dataset order.  The hit type is the old `SearchHit` (a frozen, strict Pydantic
model of four fields), copied here since the package's has gained two; the work is the
same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict

_TOKEN = re.compile(r"\w+")
_CACHE_LIMIT = 1024


class Hit(BaseModel):
    """The old `SearchHit`, with the package's model configuration."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    kind: str
    id: str
    event_id: str | None
    text: str


def hits(dataset: Any) -> Iterator[Hit]:
    """The old `Dataset._hits`: the records the old search indexed, in dataset order."""

    def hit(kind: str, record_id: str, event_id: str | None, *texts: str | None) -> Hit:
        text = " | ".join(t for t in texts if t)
        return Hit(kind=kind, id=record_id, event_id=event_id, text=text)

    for event in dataset.list_events():
        yield hit("event", event.id, event.id, event.name, *event.alternate_names)
        for session in event.sessions:
            yield hit("session", session.id, event.id, session.title)
        for session in event.sessions:
            for contribution in session.contributions:
                yield hit("contribution", contribution.id, event.id, contribution.summary)
        for statement in event.statements:
            yield hit("statement", statement.id, event.id, statement.text)
        for reference in event.references:
            yield hit("reference", reference.id, event.id, reference.title)
    for org in dataset.organizations():
        yield hit("organization", org.id, None, org.name, *org.alternate_names, org.description)
    for person in dataset.people():
        yield hit("person", person.id, None, person.name, *(a.post for a in person.affiliations))


class SearchIndex:
    """The old index, unchanged but for the hit type."""

    def __init__(self, hits: Iterable[Hit]) -> None:
        self._hits: list[Hit] = []
        self._texts: list[str] = []
        postings: dict[str, list[int]] = {}
        for position, hit in enumerate(hits):
            text = hit.text.casefold()
            self._hits.append(hit)
            self._texts.append(text)
            for token in set(_TOKEN.findall(text)):
                postings.setdefault(token, []).append(position)
        self._postings = postings
        self._containing: dict[str, frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self._hits)

    def _positions(self, token: str) -> frozenset[int]:
        found = self._containing.get(token)
        if found is None:
            positions: set[int] = set()
            for word, where in self._postings.items():
                if token in word:
                    positions.update(where)
            found = frozenset(positions)
            if len(self._containing) >= _CACHE_LIMIT:
                self._containing.clear()
            self._containing[token] = found
        return found

    def find(self, query: str) -> tuple[Hit, ...]:
        words = query.casefold().split()
        if not words:
            return ()
        candidates: frozenset[int] | None = None
        for word in words:
            for token in _TOKEN.findall(word):
                positions = self._positions(token)
                candidates = positions if candidates is None else candidates & positions
                if not candidates:
                    return ()
        texts = self._texts
        pool = range(len(texts)) if candidates is None else sorted(candidates)
        return tuple(self._hits[i] for i in pool if all(word in texts[i] for word in words))
