"""Full-text search over records: an inverted index that keeps the simple rule exact.

The rule (what `search` promises): a record matches when every
whitespace-separated word of the query occurs, case-insensitively, somewhere in the
record's text, even inside a longer word ("carbon" finds "low-carbon").

Scanning every record for every query grows with the dataset.  Instead, each record's
text is cut into word tokens once; a query word's tokens are looked up among the
distinct tokens of the whole dataset (far fewer than the records, and growing more
slowly), giving a small set of candidate records; only those are checked against the
rule itself.  The candidates always include every match, so the answer is exactly the
one a full scan would give, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .models import SearchHit

__all__ = ["SearchIndex"]

_TOKEN = re.compile(r"\w+")
_CACHE_LIMIT = 1024


class SearchIndex:
    """Search hits indexed by the word tokens of their text.

    Examples:
        >>> from aseanplus3_events.models import SearchHit
        >>> index = SearchIndex([
        ...     SearchHit(kind="session", id="a", event_id=None, text="Low-Carbon Development"),
        ...     SearchHit(kind="session", id="b", event_id=None, text="Plastic reduction"),
        ... ])
        >>> [hit.id for hit in index.find("carbon DEV")]
        ['a']
    """

    def __init__(self, hits: Iterable[SearchHit]) -> None:
        self._hits: list[SearchHit] = []
        self._texts: list[str] = []
        postings: dict[str, list[int]] = {}
        for position, hit in enumerate(hits):
            text = hit.text.casefold()
            self._hits.append(hit)
            self._texts.append(text)
            for token in set(_TOKEN.findall(text)):
                postings.setdefault(token, []).append(position)
        self._postings = postings
        # token of a query -> positions of records with a token containing it
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

    def find(self, query: str) -> tuple[SearchHit, ...]:
        """The hits whose text holds every word of ``query``, in index order."""
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
