"""Full-text search: an in-memory SQLite FTS5 index over a catalog's records.

Every record a reader may look for is one row (`documents`): its ``kind``, ``id`` and
``event_id``, and its text in three columns that rank differently:

- ``name``: what the record is called (an event's names, a title, a label);
- ``body``: what it says (a statement, a contribution's summary, a description, the
  source's wording of a role, a person's posts);
- ``about``: what else a reader may look for in it: the names of what it links to (a
  session's topics, a contribution's speaker, a participation's organisation), its
  controlled values (``hybrid``, ``consensus``, ``supporter``) and its ``note``.

Matching: text and query are folded alike (`text.fold`: NFKC, apostrophes), then the
tokenizer (``porter unicode61 remove_diacritics 2``) folds case and diacritics, cuts words
at anything that is not a letter or digit (so ``low-carbon``, ``low–carbon`` and ``low
carbon`` are the same two words, and ``region’s`` is ``region's``) and reduces English
words to their stem (``markets`` finds ``Market``).  Each word of a query is quoted, so
nothing in it is FTS5 syntax, and every word must occur in the same record.  A word in a
script written without spaces (Chinese, Japanese, Thai, ...) is found anywhere inside
the record's text: see `SearchIndex`.  Letters with no decomposition (``đ``, ``ø``,
``ß``: `text.spelled`) are matched in their ASCII spelling: a query is spelled so, and a
hidden column holds the record's words that spelling changes (``Da Nang`` finds ``Đà
Nẵng``; its text is shown as written).

Ranking: FTS5's own BM25 (``bm25()``), with a word in ``name`` counting four times and
in ``body`` twice what it counts in ``about``; ties keep dataset order.  Adding a text
field to the index is one entry in `FIELDS` (the record's own fields) or `LINKS` (text
from linked records).
"""

from __future__ import annotations

import os
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import attrgetter
from typing import Any, NamedTuple

from .errors import AseanPlusThreeError, UnknownKindError, closest
from .models import Catalog, Event, SearchHit
from .text import fold, spelled, words

__all__ = [
    "FIELDS",
    "KINDS",
    "LINKS",
    "MARK",
    "TITLES",
    "Document",
    "SearchIndex",
    "check_kind",
    "check_limit",
    "documents",
    "match_expression",
    "match_phrases",
    "suggest",
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
    for figure in event.attendance:  # no record of its own: its words, its note
        yield from (figure.label, figure.note)


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
#: FTS5's ranking: BM25, with these weights of the columns name, body, about.
_RANK = "bm25(4.0, 2.0, 1.0, 1.0)"  # and the hidden column of spelled words
_TOKENIZER = "porter unicode61 remove_diacritics 2"
_MODULE = "fts5"  # a test points this at a module no SQLite has


class Document(NamedTuple):
    """One row of the index: a record's kind, ids and its text by column, and ``title``,
    what the record is called (`TITLES`), as it is written."""

    kind: str
    id: str
    event_id: str | None
    name: str
    body: str
    about: str
    title: str | None = None


#: Per kind, the attribute that says what a record is called (`SearchHit.name`).
TITLES = {"event": "name", "session": "heading", "reference": "title", "topic": "label",
          "participant_group": "label", "organization": "name", "person": "name",
          "country": "name"}  # fmt: skip


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
    if not fields and not links:  # a column this kind never fills
        return lambda record, ds: ""
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
            parts += filter(None, link(record, ds))
        # join, even of one part, gives a plain str (a StrEnum member becomes its value)
        return fold(" | ".join(parts)) if parts else ""

    return text


def _columns() -> dict[str, tuple[_Column, _Column, _Column]]:
    """Per kind, how to make its (name, body, about) from `FIELDS`, `LINKS` and the
    record's ``note``, whatever kind of record has one."""
    out = {}
    for kind, spec in FIELDS.items():
        links = (*LINKS.get(kind, ()), ("about", lambda r, ds: (getattr(r, "note", None),)))
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
    title = getattr(record, TITLES[kind]) or None if kind in TITLES else None
    return _make(
        (kind, record_id, event_id, name(record, ds), body(record, ds), about(record, ds), title)
    )


def documents(catalog: Catalog, events: Iterable[Event] | None = None) -> Iterator[Document]:
    """Every searchable record of ``catalog`` as a `Document`, in dataset order: each
    event (``events``, default the catalog's order) with its sessions, contributions,
    statements, references, participations and participant groups; then organisations,
    people, topics and countries.

    Examples:
        >>> import aseanplus3_events as apt
        >>> docs = list(documents(apt.default_dataset().catalog))
        >>> seminar = next(d for d in docs if d.id == "apt-low-carbon-seminar-2023")
        >>> seminar.kind, seminar.name[:22], seminar.about
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


def suggest(query: str, docs: Iterable[Document]) -> tuple[str, ...]:
    """For a search that found nothing: ``query`` with each word no record holds put right
    (the closest word one does, by `errors.closest`), then the ids closest to ``query``;
    ``()`` where nothing is close, or where every word is held, only not by one record.

    Examples:
        >>> import aseanplus3_events as apt
        >>> suggest("carbn markts", documents(apt.default_dataset().catalog))
        ('carbon markets', 'carbon-markets')
        >>> suggest("julia-mau", documents(apt.default_dataset().catalog))
        ('julia mao', 'julia-mao')
    """
    held: dict[str, None] = {}
    ids: dict[str, None] = {}
    for doc in docs:
        ids[doc.id] = None
        held.update(dict.fromkeys(words(f"{doc.name} {doc.body} {doc.about}")))
    asked = words(query)
    right = [(w,) if w in held else closest(w, held, 1) for w in asked]
    fixed = (
        [] if not all(right) or all(w in held for w in asked) else [" ".join(r[0] for r in right)]
    )
    return tuple(dict.fromkeys([*fixed, *closest(query, ids)]))


def match_expression(query: str) -> str:
    """``query`` as an FTS5 expression in which every word is a quoted string: nothing a
    user types is FTS5 syntax, and every word must match.

    Examples:
        >>> match_expression('carbon AND NEAR( 10"x')
        '"carbon" AND "AND" AND "NEAR(" AND "10""x"'
    """
    return " AND ".join(match_phrases(query))


class SearchIndex:
    """Two in-memory FTS5 tables of `Document` rows; `find` answers queries.

    ``records`` holds every row, tokenized by words (`_TOKENIZER`); ``unspaced`` holds
    again the rows with text in a script written without spaces between words (Chinese,
    Japanese, Thai, Lao, Khmer, Myanmar: `_UNSPACED`), tokenized in trigrams, so that a
    word is found inside a run of such text.  A row's rowid is its place in dataset order
    times 16 plus its kind's place in `KINDS`, so that ``ORDER BY rank, rowid`` keeps
    ties in dataset order and a kind is a filter on the rowid.  Ids stay in Python lists,
    as references to the records' own strings.

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
            for table, tokenizer in (("records", _TOKENIZER), ("unspaced", "trigram")):
                db.execute(
                    f"CREATE VIRTUAL TABLE {table} USING {_MODULE}"
                    f"(name, body, about, spelled, tokenize='{tokenizer}')"
                )
                db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('rank', ?)", (_RANK,))
        except sqlite3.OperationalError as error:
            db.close()
            raise AseanPlusThreeError(
                "search needs SQLite's FTS5 full-text extension, which this Python's sqlite3 "
                f"(SQLite {sqlite3.sqlite_version}) lacks ({error}); a Python linked with a "
                "SQLite built with FTS5, as python.org's and most distributions' are, has it"
            ) from None
        self._ids: list[str] = []
        self._event_ids: list[str | None] = []
        self._titles: list[str | None] = []
        unspaced: list[tuple[int, str, str, str, str]] = []
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO records(rowid, name, body, about, spelled) VALUES (?, ?, ?, ?, ?)",
            self._rows(rows, unspaced),
        )
        db.executemany(
            "INSERT INTO unspaced(rowid, name, body, about, spelled) VALUES (?, ?, ?, ?, ?)",
            unspaced,
        )
        db.execute("COMMIT")
        self._db = db
        # closed with the index: Python 3.13 warns of a connection left to the collector
        weakref.finalize(self, db.close)
        self._lock = threading.Lock()

    def _rows(
        self, documents: Iterable[Document], unspaced: list[tuple[int, str, str, str, str]]
    ) -> Iterator[tuple[int, str, str, str, str]]:
        """The rows of ``records``, streamed (none kept); those with unspaced text are
        also added to ``unspaced``."""
        ids, event_ids, titles = self._ids, self._event_ids, self._titles
        kinds = {kind: n for n, kind in enumerate(KINDS)}
        search = _UNSPACED.search
        for position, (kind, record_id, event_id, name, body, about, title) in enumerate(documents):
            ids.append(record_id)
            event_ids.append(event_id)
            titles.append(title)
            text, changed = "", ""
            if not (name.isascii() and body.isascii() and about.isascii()):
                text = f"{name} {body} {about}"
                changed = " ".join(
                    b for a, b in zip(text.split(), spelled(text).split(), strict=True) if a != b
                )
            row = (position << _KIND_BITS | kinds[kind], name, body, about, changed)
            if text and search(text):
                unspaced.append(row)
            yield row

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
        ``kind`` and ``limit`` are assumed checked (`check_kind`, `check_limit`)."""
        words = list(dict.fromkeys(fold(query).split()))
        if not words or limit == 0:
            return ()
        sql, params, short = _query(words, kind, limit)
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        hit = SearchHit.model_construct
        ids, event_ids, titles = self._ids, self._event_ids, self._titles
        return tuple(
            hit(
                kind=KINDS[rowid & _KIND_MASK],
                id=ids[rowid >> _KIND_BITS],
                event_id=event_ids[rowid >> _KIND_BITS],
                name=titles[rowid >> _KIND_BITS],
                text=" | ".join(t for t in (name, body, about) if t),
                score=-rank,
                snippet=_snippet(snippets, short),
            )
            for rowid, name, body, about, rank, *snippets in rows
        )


def _query(
    words: list[str], kind: str | None, limit: int | None
) -> tuple[str, list[object], list[str]]:
    """The SQL and parameters that find the rows holding every one of ``words``, and the
    words shorter than a trigram, which no snippet of FTS5 marks.

    Words in spaced scripts match words of ``records`` (FTS5's implicit AND of quoted
    strings); words in unspaced scripts match as substrings: through the trigrams of
    ``unspaced``, or, shorter than three characters (too short for a trigram), by a scan
    of its rows.  FTS5 ranks by the first table matched; a query of short words only is
    not ranked (score 0.0, dataset order).
    """
    unspaced = [w for w in words if _UNSPACED.search(w)]
    spaced = [w for w in words if w not in unspaced]
    trigrams = [w for w in unspaced if len(w) >= _TRIGRAM]
    short = [w for w in unspaced if len(w) < _TRIGRAM]
    table = "records" if spaced else "unspaced"
    where: list[str] = []
    params: list[object] = []
    if spaced or trigrams:
        where.append(f"{table} MATCH ?")
        params.append(match_expression(" ".join(spaced or trigrams)))
        columns, order = f"rank, {_snippets(table)}", "rank, rowid"
    else:
        columns, order = "0.0, name, body, about", "rowid"
    if spaced and trigrams:
        where.append("rowid IN (SELECT rowid FROM unspaced WHERE unspaced MATCH ?)")
        params.append(match_expression(" ".join(trigrams)))
    for word in short:
        where.append("instr(name || ' ' || body || ' ' || about, ?)")
        params.append(word)
    if kind is not None:
        where.append(f"(rowid & {_KIND_MASK}) = ?")
        params.append(KINDS.index(kind))
    sql = f"SELECT rowid, name, body, about, {columns} FROM {table} WHERE "
    sql += " AND ".join(where) + f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params, short


def _snippet(columns: list[str], short: list[str]) -> str:
    """The snippet of the first column with a match (a title says more than the names of
    a session's topics), with the short words of an unranked query marked too."""
    if short and not any(MARK in c for c in columns):
        for word in short:
            columns = [c.replace(word, f"{MARK}{word}{MARK}") for c in columns]
    return next((c for c in columns if MARK in c), columns[-1])


def match_phrases(query: str) -> list[str]:
    """The words of ``query``, each quoted as an FTS5 string (`match_expression`); a word
    that `spelled` changes matches as written or as spelled.

    Examples:
        >>> match_phrases("low-carbon NEAR( low-carbon Đà")
        ['"low-carbon"', '"NEAR("', '("Đà" OR "Dà")']
    """
    quoted = []
    for word in dict.fromkeys(fold(query).split()):
        both = ['"' + w.replace('"', '""') + '"' for w in dict.fromkeys((word, spelled(word)))]
        quoted.append(f"({' OR '.join(both)})" if len(both) > 1 else both[0])
    return quoted


def _snippets(table: str) -> str:
    return ", ".join(
        f"snippet({table}, {column}, '{MARK}', '{MARK}', '{_GAP}', {_SNIPPET_WORDS})"
        for column in range(3)
    )


#: Text in these scripts is written without spaces between words: Thai, Lao, Myanmar,
#: Khmer, Japanese kana, CJK ideographs (and their compatibility forms and extensions).
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
)
_TRIGRAM = 3  # characters: a shorter word has no trigram to look up
_KIND_BITS = 4
_KIND_MASK = (1 << _KIND_BITS) - 1
assert len(KINDS) <= _KIND_MASK + 1
