"""Full-text search: an in-memory SQLite FTS5 index over a catalog's records.

Every record a reader may look for is one row (`documents`): its ``kind``, ``id`` and
``event_id``, and its text in three columns that rank differently:

- ``name``: what the record is called (an event's names, a title, a label);
- ``body``: what it says (a statement, a contribution's summary, a description, the
  source's wording of a role, a person's posts);
- ``about``: what else a reader may look for in it: the names of what it links to (a
  session's topics, a contribution's speaker, a participation's organisation), its
  controlled values (``hybrid``, ``consensus``, ``supporter``) and its ``note``.

Matching: text and query are folded alike (`names.fold`: NFKC, apostrophes), then the
tokenizer (``porter unicode61 remove_diacritics 2``) folds case and diacritics, cuts words
at anything that is not a letter or digit (so ``low-carbon``, ``low–carbon`` and ``low
carbon`` are the same two words, and ``region’s`` is ``region's``) and reduces English
words to their stem (``markets`` finds ``Market``).  Each word of a query is quoted, so
nothing in it is FTS5 syntax, and every word must occur in the same record.

Ranking: BM25, with a word in ``name`` counting four times and in ``body`` twice what
it counts in ``about``; ties keep dataset order.  Adding a text field to the index is
one entry in `FIELDS` (the record's own fields) or `LINKS` (text from linked records).
"""

from __future__ import annotations

import gc
import math
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import attrgetter
from typing import Any, NamedTuple

from .errors import AseanPlusThreeError, UnknownKindError
from .models import Catalog, Event, SearchHit
from .names import fold

__all__ = [
    "FIELDS",
    "KINDS",
    "LINKS",
    "MARK",
    "Document",
    "SearchIndex",
    "check_kind",
    "check_limit",
    "documents",
    "match_expression",
    "match_phrases",
]

#: The kinds of record search finds, in the order their hits tie (dataset order).
KINDS = (
    "event",
    "session",
    "contribution",
    "statement",
    "reference",
    "participation",
    "participant_group",
    "organization",
    "person",
    "topic",
    "country",
)

#: Per kind, the record's own fields whose text is indexed, by column: (name, body,
#: about).  A field may hold a str, an enum, or a tuple of them; None is skipped.  Every
#: record's ``note`` goes to ``about`` as well.
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "event": (("name", "alternate_names", "series"), (), ("kind", "attendance_mode", "status")),
    "session": (("title", "subject"), (), ()),
    "contribution": ((), ("summary",), ("role",)),
    "statement": ((), ("text",), ("kind", "attributed_to")),
    "reference": (("title", "alternate_names"), (), ("kind", "relation")),
    "participation": ((), ("role_label",), ("role",)),
    "participant_group": (("label",), (), ("kind",)),
    "organization": (("name", "alternate_names"), ("description", "mission"), ("kind",)),
    "person": (("honorific_prefix", "name"), (), ()),
    "topic": (("label", "aliases"), ("description",), ()),
    "country": (("name", "alternate_names"), (), ("code", "groups")),
}


class _Lookup(NamedTuple):
    """The records that `LINKS` take text from, by id."""

    organizations: Mapping[str, Any]
    people: Mapping[str, Any]
    topic_names: Mapping[str, tuple[str, ...]]  # label and aliases, by topic id
    countries: Mapping[str, Any]
    reference_names: Mapping[str, tuple[str, ...]]  # title and alternate names, by id


def _session_topics(session: Any, ds: _Lookup) -> list[str]:
    names = ds.topic_names
    return [name for topic_id in session.topics for name in names[topic_id]]


def _references(record: Any, ds: _Lookup) -> list[str]:
    names = ds.reference_names
    return [name for ref_id in getattr(record, "reference_ids", ()) for name in names[ref_id]]


_Link = Callable[[Any, _Lookup], Iterable[str | None]]


#: Per kind, text from linked records, indexed in ``about`` (and, for a person's posts,
#: ``body``): each entry gives (column, function of the record and a `_Lookup`).
def _place_and_attendance(event: Any, ds: _Lookup) -> Iterator[str | None]:
    place = event.location
    if place is not None:
        yield from (place.name, place.address_locality, place.address_region)
        if place.address_country is not None:
            yield from _country_names(ds.countries[place.address_country])
    yield from (figure.label for figure in event.attendance)


def _country_names(country: Any) -> tuple[str, ...]:
    return (country.name, *country.alternate_names)


LINKS: dict[str, tuple[tuple[str, _Link], ...]] = {
    "event": (("about", _place_and_attendance),),
    "session": (("about", _session_topics), ("about", _references)),
    "statement": (
        ("about", _references),
        ("about", lambda s, ds: (ds.people[p].name for p in s.person_ids)),
    ),
    "contribution": (("about", lambda c, ds: (ds.people[c.person_id].name,)),),
    "participation": (("about", lambda p, ds: (ds.organizations[p.organization_id].name,)),),
    "participant_group": (
        ("about", lambda g, ds: _country_names(ds.countries[g.country]) if g.country else ()),
    ),
    "person": (
        ("body", lambda p, ds: (a.post for a in p.affiliations)),
        ("about", lambda p, ds: (ds.organizations[a.organization_id].name for a in p.affiliations)),
    ),
}

#: What marks a matched word in a hit's ``snippet``, before and after it; text left out
#: of a snippet is ``...``.
MARK = "**"
_GAP = "..."
_SNIPPET_WORDS = 16
#: BM25 weights of the columns: name, body, about.
_WEIGHTS = (4.0, 2.0, 1.0)
_TOKENIZER = "porter unicode61 remove_diacritics 2"
_MODULE = "fts5"  # a test points this at a module no SQLite has


class Document(NamedTuple):
    """One row of the index: a record's kind, ids and its text by column."""

    kind: str
    id: str
    event_id: str | None
    name: str
    body: str
    about: str


def _texts(value: object) -> Iterator[str]:
    # str first: enums are StrEnums, and a str subclass joins as its value, without
    # the cost of an enum's ``.value``.
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)
    elif value is not None:
        yield str(value)


_Column = Callable[[Any, _Lookup], str]


def _column(fields: tuple[str, ...], links: tuple[_Link, ...]) -> _Column:
    """The text of one column of a record: its ``fields`` and ``links``, folded, joined
    by `` | ``; made once per kind and column, so that a build does no lookups of
    `FIELDS` per record."""
    get = attrgetter(*fields) if fields else None
    single = len(fields) == 1

    def text(record: Any, ds: _Lookup) -> str:
        parts: list[str] = []
        if get is not None:
            for value in (get(record),) if single else get(record):
                if isinstance(value, str):
                    parts.append(value)
                elif value:
                    parts.extend(_texts(value))
        for link in links:
            parts.extend(t for t in link(record, ds) if t)
        # join, even of one part, gives a plain str (a StrEnum member becomes its value)
        return fold(" | ".join(parts)) if parts else ""

    return text


def _note(record: Any, ds: _Lookup) -> tuple[str | None]:
    return (getattr(record, "note", None),)


def _columns() -> dict[str, tuple[_Column, _Column, _Column]]:
    """Per kind, how to make its (name, body, about) from `FIELDS`, `LINKS` and the
    record's ``note``, whatever kind of record has one."""
    out = {}
    for kind, spec in FIELDS.items():
        links = (*LINKS.get(kind, ()), ("about", _note))
        name, body, about = (
            _column(spec[n], tuple(link for column, link in links if column == label))
            for n, label in enumerate(("name", "body", "about"))
        )
        out[kind] = (name, body, about)
    return out


_make = Document._make


def _document(
    kind: str,
    record: Any,
    record_id: str,
    event_id: str | None,
    columns: tuple[_Column, _Column, _Column],
    ds: _Lookup,
) -> Document:
    name, body, about = columns
    return _make((kind, record_id, event_id, name(record, ds), body(record, ds), about(record, ds)))


def documents(catalog: Catalog, events: Iterable[Event] | None = None) -> Iterator[Document]:
    """Every searchable record of ``catalog`` as a `Document`, in dataset order: each
    event (``events``, default the catalog's order) with its sessions, contributions,
    statements, references, participations and participant groups; then organisations,
    people, topics and countries.

    Examples:
        >>> import aseanplus3_events as apt
        >>> docs = list(documents(apt.default_dataset().catalog))
        >>> docs[0].kind, docs[0].name[:22], docs[0].about
        ('event', 'ASEAN Plus Three (10+3', 'seminar | hybrid | held')
        >>> sorted({d.kind for d in docs}) == sorted(KINDS)
        True
    """
    ds = _Lookup(
        {o.id: o for o in catalog.organizations},
        {p.id: p for p in catalog.people},
        {t.id: (t.label, *t.aliases) for t in catalog.topics},
        {c.code: c for c in catalog.countries},
        {r.id: (r.title, *r.alternate_names) for e in catalog.events for r in e.references},
    )
    get = _columns()
    records: Iterable[Any]
    record: Any
    for event in catalog.events if events is None else events:
        eid = event.id
        yield _document("event", event, eid, eid, get["event"], ds)
        for kind, records in (
            ("session", event.sessions),
            (
                "contribution",
                [*event.contributions, *(c for s in event.sessions for c in s.contributions)],
            ),
            ("statement", event.statements),
            ("reference", event.references),
            ("participation", event.participations),
            ("participant_group", event.participants),
        ):
            getters = get[kind]
            for record in records:
                yield _document(kind, record, record.id, eid, getters, ds)
    for kind, records in (
        ("organization", catalog.organizations),
        ("person", catalog.people),
        ("topic", catalog.topics),
    ):
        getters = get[kind]
        for record in records:
            yield _document(kind, record, record.id, None, getters, ds)
    for country in catalog.countries:
        yield _document("country", country, country.code, None, get["country"], ds)


def check_kind(kind: object) -> str | None:
    """``kind`` if it is None or one of `KINDS`; else `TypeError` or `UnknownKindError`.

    Examples:
        >>> check_kind("session")
        'session'
    """
    if kind is None:
        return None
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a str or None, not {type(kind).__name__}")
    if kind not in KINDS:
        raise UnknownKindError(kind, KINDS)
    return kind


def check_limit(limit: object) -> int | None:
    """``limit`` if it is None or an int of 0 or more; else `TypeError` or ``ValueError``.

    Examples:
        >>> check_limit(10)
        10
    """
    if limit is None:
        return None
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise TypeError(f"limit must be an int or None, not {type(limit).__name__}")
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    return limit


def match_expression(query: str) -> str:
    """``query`` as an FTS5 expression in which every word is a quoted string: nothing a
    user types is FTS5 syntax, and every word must match (FTS5's implicit AND).

    Examples:
        >>> match_expression('carbon AND NEAR( 10"x')
        '"carbon" "AND" "NEAR(" "10""x"'
    """
    return " ".join(match_phrases(query))


class SearchIndex:
    """An in-memory FTS5 table of `Document` rows; `find` answers queries.

    The table holds only the three text columns; a row's rowid is its place in dataset
    order times 16 plus its kind's place in `KINDS`, so that ``ORDER BY rank, rowid``
    keeps ties in dataset order and a kind is a filter on the rowid.  Ids stay in Python
    lists, as references to the records' own strings.

    Building needs SQLite's FTS5 extension; a Python whose ``sqlite3`` lacks it raises
    `AseanPlusThreeError` saying so.  Queries are serialised by a lock, so one index
    serves every thread.  ``pid`` is the process that built it: a forked child builds
    its own (a SQLite connection must not cross a ``fork()``).

    Examples:
        >>> import aseanplus3_events as apt
        >>> index = SearchIndex(documents(apt.default_dataset().catalog))
        >>> [hit.id for hit in index.find("plastic youth")]
        ['apt-low-carbon-seminar-2023-session-3']
    """

    def __init__(self, rows: Iterable[Document]) -> None:
        try:
            import sqlite3
        except ImportError as error:  # a Python built without it
            raise AseanPlusThreeError(
                "search needs the standard library's sqlite3 module, which this Python "
                f"lacks ({error})"
            ) from None
        self.pid = os.getpid()
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        try:
            db.execute(
                f"CREATE VIRTUAL TABLE records USING {_MODULE}"
                f"(name, body, about, tokenize='{_TOKENIZER}')"
            )
        except sqlite3.OperationalError as error:
            db.close()
            raise AseanPlusThreeError(
                "search needs SQLite's FTS5 full-text extension, which this Python's sqlite3 "
                f"(SQLite {sqlite3.sqlite_version}) lacks ({error}); a Python linked with a "
                "SQLite built with FTS5, as python.org's and most distributions' are, has it"
            ) from None
        weights = ", ".join(str(w) for w in _WEIGHTS)
        db.execute("INSERT INTO records(records, rank) VALUES ('rank', ?)", (f"bm25({weights})",))
        # Terms wait in memory until this many bytes, then go to disk as one segment: a
        # dataset of 10,000 events makes one, so a query reads one b-tree, not dozens.
        db.execute("INSERT INTO records(records, rank) VALUES ('hashsize', ?)", (_HASH_BYTES,))
        self._ids: list[str] = []
        self._event_ids: list[str | None] = []
        # The rows stream into SQLite, none kept.  The cyclic collector is paused while
        # they do, as for loading (see `loading._from_bytes`): each batch of new objects
        # would set off a collection scanning the whole dataset, for no cyclic garbage.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            db.execute("BEGIN")
            db.executemany(
                "INSERT INTO records(rowid, name, body, about) VALUES (?, ?, ?, ?)",
                self._rows(rows),
            )
            db.execute("COMMIT")
        finally:
            if was_enabled:
                gc.enable()
        self._db = db
        self._lock = threading.Lock()
        self._totals: tuple[int, float] | None = None
        self._idfs: dict[str, float] = {}

    def _rows(self, documents: Iterable[Document]) -> Iterator[tuple[int, str, str, str]]:
        ids, event_ids = self._ids, self._event_ids
        kinds = {kind: n for n, kind in enumerate(KINDS)}
        for position, (kind, record_id, event_id, name, body, about) in enumerate(documents):
            ids.append(record_id)
            event_ids.append(event_id)
            yield position << _KIND_BITS | kinds[kind], name, body, about

    def size(self) -> int:
        """The bytes of SQLite pages the index holds (its tables and their index).

        Examples:
            >>> import aseanplus3_events as apt
            >>> SearchIndex(documents(apt.default_dataset().catalog)).size() > 0
            True
        """
        with self._lock:
            pages = self._db.execute("PRAGMA page_count").fetchone()[0]
            page_size = self._db.execute("PRAGMA page_size").fetchone()[0]
        return int(pages) * int(page_size)

    def find(
        self, query: str, kind: str | None = None, limit: int | None = None
    ) -> tuple[SearchHit, ...]:
        """The records matching every word of ``query``, best first (see the module);
        ``kind`` and ``limit`` are assumed checked (`check_kind`, `check_limit`).

        FTS5's own ``bm25()`` counts, for every query, the records holding each word:
        a cost that grows with the dataset however few records match.  So when few
        match (`_FEW`), the same BM25 is computed here from the matches alone, with each
        word's count of records cached (the index never changes); else FTS5 ranks.
        """
        phrases = match_phrases(query)
        if not phrases or limit == 0:
            return ()
        expression = " ".join(phrases)
        where = "records MATCH ?"
        params: list[object] = [expression]
        if kind is not None:
            where += f" AND (rowid & {_KIND_MASK}) = ?"
            params.append(KINDS.index(kind))
        with self._lock:
            found = self._db.execute(
                f"SELECT rowid FROM records WHERE {where} LIMIT {_FEW + 1}", params
            ).fetchall()
            if len(found) > _FEW:
                sql = f"{_SELECT} WHERE {where} ORDER BY rank, rowid"
                if limit is not None:
                    sql += " LIMIT ?"
                    params.append(limit)
                rows = self._db.execute(sql, params).fetchall()
            elif found:
                rows = self._few([r for (r,) in found], phrases, expression, limit)
            else:
                return ()
        hit = SearchHit.model_construct
        ids, event_ids = self._ids, self._event_ids
        return tuple(
            hit(
                kind=KINDS[rowid & _KIND_MASK],
                id=ids[rowid >> _KIND_BITS],
                event_id=event_ids[rowid >> _KIND_BITS],
                text=" | ".join(t for t in (name, body, about) if t),
                score=-rank,
                # the snippet of the first column with a match: a title says more
                # than the names of a session's topics
                snippet=in_name if MARK in in_name else in_body if MARK in in_body else in_about,
            )
            for rowid, name, body, about, rank, in_name, in_body, in_about in rows
        )

    def _few(
        self, rowids: list[int], phrases: list[str], expression: str, limit: int | None
    ) -> list[tuple[Any, ...]]:
        """The rows of ``rowids`` as `_SELECT` gives them, best first, ranked by the BM25
        that FTS5's ``bm25()`` computes (fts5_aux.c), from these rows alone."""
        db = self._db
        marks = ", ".join("?" * len(rowids))
        if self._totals is None:
            self._totals = _totals(db)
        n_rows, average = self._totals
        sizes = {
            rowid: sum(_varints(blob))
            for rowid, blob in db.execute(
                f"SELECT id, sz FROM records_docsize WHERE id IN ({marks})", rowids
            )
        }
        scores = dict.fromkeys(rowids, 0.0)
        for phrase in phrases:
            idf = self._idf(phrase, n_rows)
            counts = db.execute(
                f"SELECT rowid, {_COUNT_MARKS} FROM records WHERE records MATCH ? "
                f"AND rowid IN ({marks})",
                [phrase, *rowids],
            )
            for rowid, *texts in counts:
                freq = sum(w * t.count(_INSTANCE) for w, t in zip(_WEIGHTS, texts, strict=True))
                length = 1 - _B + _B * sizes[rowid] / average
                scores[rowid] += idf * (freq * (_K1 + 1.0)) / (freq + _K1 * length)
        best = sorted(rowids, key=lambda r: (-scores[r], r))[:limit]
        rows = {
            row[0]: row
            for row in db.execute(
                f"{_SELECT_UNRANKED} WHERE records MATCH ? AND rowid IN "
                f"({', '.join('?' * len(best))})",
                [expression, *best],
            )
        }
        return [(*rows[r][:4], -scores[r], *rows[r][5:]) for r in best]

    def _idf(self, phrase: str, n_rows: int) -> float:
        """BM25's inverse document frequency of ``phrase``, as FTS5 computes it."""
        idf = self._idfs.get(phrase)
        if idf is None:
            (hits,) = self._db.execute(
                "SELECT count(*) FROM records WHERE records MATCH ?", (phrase,)
            ).fetchone()
            idf = math.log((n_rows - hits + 0.5) / (hits + 0.5))
            idf = self._idfs[phrase] = idf if idf > 0 else 1e-6
            if len(self._idfs) > _IDF_CACHE:
                self._idfs.clear()
        return idf


def _varints(blob: bytes) -> Iterator[int]:
    """The SQLite varints of ``blob`` (big-endian 7-bit groups, a ninth byte of 8)."""
    i, end = 0, len(blob)
    while i < end:
        value = 0
        for n in range(9):
            byte = blob[i]
            i += 1
            if n == 8:
                value = value << 8 | byte
                break
            value = value << 7 | byte & 0x7F
            if byte < 0x80:
                break
        yield value


def _totals(db: Any) -> tuple[int, float]:
    """The number of rows and their average size in tokens, from FTS5's averages record."""
    (blob,) = db.execute("SELECT block FROM records_data WHERE id = 1").fetchone()
    n_rows, *columns = _varints(blob)
    return n_rows, (sum(columns) / n_rows if n_rows else 1.0)


def match_phrases(query: str) -> list[str]:
    """The words of ``query``, each quoted as an FTS5 string (`match_expression`).

    Examples:
        >>> match_phrases("low-carbon NEAR( low-carbon")
        ['"low-carbon"', '"NEAR("']
    """
    return ['"' + word.replace('"', '""') + '"' for word in dict.fromkeys(fold(query).split())]


#: Up to this many matches, `SearchIndex.find` ranks them itself (see there).
_FEW = 64
_IDF_CACHE = 4096
_HASH_BYTES = 64 << 20
_K1, _B = 1.2, 0.75  # FTS5's BM25 parameters
_INSTANCE = "\x01"  # marks each match of a phrase, to count them (fold removes it from text)
_COUNT_MARKS = ", ".join(f"highlight(records, {c}, '{_INSTANCE}', '')" for c in range(3))
_KIND_BITS = 4
_KIND_MASK = (1 << _KIND_BITS) - 1
assert len(KINDS) <= _KIND_MASK + 1
_SNIPPETS = ", ".join(
    f"snippet(records, {column}, '{MARK}', '{MARK}', '{_GAP}', {_SNIPPET_WORDS})"
    for column in range(3)
)
#: A hit's row: rowid, its columns, FTS5's rank, and a snippet of each column.
_SELECT = f"SELECT rowid, name, body, about, rank, {_SNIPPETS} FROM records"
#: The same without the rank, for rows `SearchIndex._few` ranks itself.
_SELECT_UNRANKED = f"SELECT rowid, name, body, about, 0.0, {_SNIPPETS} FROM records"
