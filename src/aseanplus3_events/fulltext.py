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
words to their stem (``markets`` finds ``Market``; a query's possessive ``'s`` is
dropped).  Each word of a query is quoted, so nothing in it is FTS5 syntax, and every
word must occur in the same record, but a word of no letter or digit (``🌏``, ``&``).  A word in a
script written without spaces (Chinese, Japanese, Thai, ...) is found anywhere inside
the record's text: see `SearchIndex`.  Letters with no decomposition (``đ``, ``ø``,
``ß``: `text.spelled`) are matched in their ASCII spelling: a query is spelled so, and a
hidden column holds the record's words that spelling changes (``Da Nang`` finds ``Đà
Nẵng``; its text is shown as written).

Ranking: FTS5's own BM25 (``bm25()``), with a word in ``name`` counting four times and
in ``body`` twice what it counts in ``about``; ties keep dataset order.  Adding a text
field to the index is one argument in its kind's function in `TEXTS`.
"""

from __future__ import annotations

import os
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any, NamedTuple

from .errors import AseanPlusThreeError, UnknownKindError, closest
from .models import (
    Catalog,
    Contribution,
    Country,
    Event,
    Organization,
    ParticipantGroup,
    Participation,
    Person,
    Reference,
    SearchHit,
    Session,
    Statement,
    Topic,
)
from .text import fold, spelled, words

__all__ = [
    "KINDS",
    "MARK",
    "TEXTS",
    "TITLES",
    "Document",
    "SearchIndex",
    "check_kind",
    "check_limit",
    "documents",
    "match_expression",
    "suggest",
]


class _Lookup(NamedTuple):
    """The names `TEXTS` take from linked records, by id."""

    organizations: Mapping[str, str]
    people: Mapping[str, str]
    topics: Mapping[str, tuple[str, ...]]  # label and aliases
    countries: Mapping[str, tuple[str, ...]]  # name and alternate names, by code
    references: Mapping[str, tuple[str, ...]]  # title and alternate names

    @classmethod
    def of(cls, catalog: Catalog) -> _Lookup:
        return cls(
            {o.id: o.name for o in catalog.organizations},
            {p.id: p.name for p in catalog.people},
            {t.id: (t.label, *t.aliases) for t in catalog.topics},
            {c.code: (c.name, *c.alternate_names) for c in catalog.countries},
            {r.id: (r.title, *r.alternate_names) for e in catalog.events for r in e.references},
        )


def _join(*parts: str | None) -> str:
    """The ``parts`` that are not None, joined by `` | `` (an enum as its value), folded
    (`text.fold`)."""
    return fold(" | ".join(filter(None, parts)))


def _names(ids: Iterable[str], names: Mapping[str, tuple[str, ...]]) -> list[str]:
    return [name for i in ids for name in names[i]]


_Texts = tuple[str, str, str]  # name, body, about


# One function per kind (`TEXTS`), plain code rather than a table of fields read by a
# loop: that loop was half of the Python time of a first search.
def _event(e: Event, ds: _Lookup) -> _Texts:
    about: list[str | None] = [e.kind, e.attendance_mode, e.status]
    if (place := e.location) is not None:
        about += (place.name, place.address_locality, place.address_region)
        about += ds.countries[place.address_country] if place.address_country else ()
    # an attendance figure has no record of its own: its words and its note are the event's
    about += (t for figure in e.attendance for t in (figure.label, figure.note))
    return _join(e.name, *e.alternate_names, e.series), "", _join(*about, e.note)


def _session(s: Session, ds: _Lookup) -> _Texts:
    links = _names(s.topics, ds.topics) + _names(s.reference_ids, ds.references)
    return _join(s.title, s.subject), "", _join(*links, s.note)


def _contribution(c: Contribution, ds: _Lookup) -> _Texts:
    return "", fold(c.summary), _join(c.role, ds.people[c.person_id], c.note)


def _statement(s: Statement, ds: _Lookup) -> _Texts:
    links = _names(s.reference_ids, ds.references) + [ds.people[p] for p in s.person_ids]
    return "", fold(s.text), _join(s.kind, s.attributed_to, *links, s.note)


def _reference(r: Reference, ds: _Lookup) -> _Texts:
    return _join(r.title, *r.alternate_names), "", _join(r.kind, r.relation, r.note)


def _participation(p: Participation, ds: _Lookup) -> _Texts:
    return "", _join(p.role_label), _join(p.role, ds.organizations[p.organization_id], p.note)


def _participant_group(g: ParticipantGroup, ds: _Lookup) -> _Texts:
    country = ds.countries[g.country] if g.country else ()
    return _join(g.label), "", _join(g.kind, *country, g.note)


def _organization(o: Organization, ds: _Lookup) -> _Texts:
    name = _join(o.name, *o.alternate_names)
    return name, _join(o.description, *o.mission), _join(o.kind, o.note)


def _person(p: Person, ds: _Lookup) -> _Texts:
    orgs = [ds.organizations[a.organization_id] for a in p.affiliations]
    posts = _join(*(a.post for a in p.affiliations))
    return _join(p.honorific_prefix, p.name), posts, _join(*orgs, p.note)


def _topic(t: Topic, ds: _Lookup) -> _Texts:
    return _join(t.label, *t.aliases), _join(t.description), ""


def _country(c: Country, ds: _Lookup) -> _Texts:
    return _join(c.name, *c.alternate_names), "", _join(c.code, *c.groups, c.note)


#: Per kind, a record's text by column (name, body, about), each in the order it is
#: shown: the record's own fields (None left out), then the names of the records it
#: links to (topics, references, people, organisations, countries), then its ``note``.
TEXTS: dict[str, Callable[[Any, _Lookup], _Texts]] = {
    "event": _event,
    "session": _session,
    "contribution": _contribution,
    "statement": _statement,
    "reference": _reference,
    "participation": _participation,
    "participant_group": _participant_group,
    "organization": _organization,
    "person": _person,
    "topic": _topic,
    "country": _country,
}
#: The kinds of record search finds (`TEXTS`' keys), in the order their hits tie (dataset order).
KINDS = tuple(TEXTS)

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
    ds = _Lookup.of(catalog)
    for kind, records, event_id in _records(catalog, events):
        texts, key, title, _ = _HOW[kind]
        for record in records:
            yield Document(kind, key(record), event_id, *texts(record, ds), title(record) or None)


#: Per kind, how a record gives its text (`TEXTS`), its id and what it is called, and
#: the kind's place in `KINDS`.
_HOW = {kind: (TEXTS[kind], attrgetter("code" if kind == "country" else "id"),
               attrgetter(TITLES[kind]) if kind in TITLES else lambda record: None, n)
        for n, kind in enumerate(KINDS)}  # fmt: skip


def _records(
    catalog: Catalog, events: Iterable[Event] | None
) -> Iterator[tuple[str, Sequence[Any], str | None]]:
    """The records of `documents`, in its order: (kind, records, their event's id)."""
    for event in catalog.events if events is None else events:
        yield "event", (event,), event.id
        yield "session", event.sessions, event.id
        talks = [*event.contributions, *(c for s in event.sessions for c in s.contributions)]
        yield "contribution", talks, event.id
        yield "statement", event.statements, event.id
        yield "reference", event.references, event.id
        yield "participation", event.participations, event.id
        yield "participant_group", event.participants, event.id
    yield "organization", catalog.organizations, None
    yield "person", catalog.people, None
    yield "topic", catalog.topics, None
    yield "country", catalog.countries, None


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
    """For a search that found nothing: ``query`` with its words as records hold them
    (`_held`; two that a record holds as one joined: "COP 28", "cop28"), then the ids
    closest to ``query``; ``()`` where nothing is close, or where every word is held,
    only not by one record.

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
    asked, joined, plain = words(query), list[str](), fold(query).isascii()
    for word in asked:
        if joined and joined[-1] + word in held:
            joined[-1] += word
        else:
            joined.append(word)
    right = [_held(word, held, plain) for word in joined]
    fixed = [" ".join(w for w in right if w)] if all(right) and right != list(asked) else []
    return tuple(dict.fromkeys([*fixed, *closest(query, ids)]))


def _held(word: str, held: Mapping[str, None], plain: bool) -> str | None:
    """``word`` as a record holds it: itself, two words it runs together ("cop28" where
    records say "COP 28"), or, in a query typed ``plain`` (without accents: "Cần Thơ" is
    no typo of "can the"), the most alike of the closest words (`errors.closest`), where
    both have three letters or more ("ha" is no typo of "a") and no digit ("2024" is no
    typo of "2023"); else None."""
    from difflib import SequenceMatcher

    if word in held:
        return word
    for i in range(2, len(word) - 1):
        if word[:i] in held and word[i:] in held:
            return f"{word[:i]} {word[i:]}"
    typo = plain and len(word) > 2 and not any(c.isdigit() for c in word)
    near = closest(word, [w for w in held if len(w) > 2], 3) if typo else ()
    # closest ranks a shared start first ("singapur": 'single' before 'singapore'); a
    # typo is the word of the same letters ("wolrd", 'world'), else the most alike
    same = sorted(word)
    return max(near, key=lambda w: (sorted(w) == same, SequenceMatcher(None, word, w).ratio()),
               default=None)  # fmt: skip


def match_expression(query: str) -> str:
    """``query`` as an FTS5 expression in which every word is a quoted string: nothing a
    user types is FTS5 syntax, and every word must match; a word that `spelled` changes
    matches as written or as spelled.

    Examples:
        >>> match_expression('carbon AND NEAR( 10"x')
        '"carbon" AND "AND" AND "NEAR(" AND "10""x"'
        >>> match_expression("low-carbon low-carbon Đà")
        '"low-carbon" AND ("Đà" OR "Dà")'
    """
    quoted = []
    for word in dict.fromkeys(fold(query).split()):
        both = ['"' + w.replace('"', '""') + '"' for w in dict.fromkeys((word, spelled(word)))]
        quoted.append(f"({' OR '.join(both)})" if len(both) > 1 else both[0])
    return " AND ".join(quoted)


class SearchIndex:
    """Two in-memory FTS5 tables of `Document` rows; `find` answers queries.

    ``records`` holds every row, tokenized by words (`_TOKENIZER`); ``unspaced`` holds
    again the rows with text in a script written without spaces between words (Chinese,
    Japanese, Thai, Lao, Khmer, Myanmar: `_UNSPACED`), tokenized in trigrams, so that a
    word is found inside a run of such text.  A row's rowid is its place in dataset order
    times 16 plus its kind's place in `KINDS`, so that ``ORDER BY rank, rowid`` keeps
    ties in dataset order and a kind is a filter on the rowid.  A hit's id and title are
    read from its record, kept in a Python list.

    Building needs SQLite's FTS5 extension; a Python whose ``sqlite3`` lacks it raises
    `AseanPlusThreeError` saying so.  Queries are serialised by a lock, so one index
    serves every thread.  ``pid`` is the process that built it: a forked child builds
    its own (a SQLite connection must not cross a ``fork()``).

    Examples:
        >>> import aseanplus3_events as apt
        >>> index = SearchIndex(apt.default_dataset().catalog)
        >>> [hit.id for hit in index.find("plastic youth")]
        ['apt-low-carbon-seminar-2023-session-3']
    """

    def __init__(self, catalog: Catalog, events: Iterable[Event] | None = None) -> None:
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
        self._records: list[Any] = []
        self._event_ids: list[str | None] = []
        unspaced: list[_SQLRow] = []
        db.execute("BEGIN")
        insert = "INSERT INTO {}(rowid, name, body, about, spelled) VALUES (?, ?, ?, ?, ?)"
        db.executemany(insert.format("records"), self._rows(catalog, events, unspaced))
        db.executemany(insert.format("unspaced"), unspaced)  # filled by the rows above
        db.execute("COMMIT")
        self._db = db
        # closed with the index: Python 3.13 warns of a connection left to the collector
        weakref.finalize(self, db.close)
        self._lock = threading.Lock()

    def _rows(
        self, catalog: Catalog, events: Iterable[Event] | None, unspaced: list[_SQLRow]
    ) -> Iterator[_SQLRow]:
        """The rows of ``records`` in dataset order (`documents`), streamed (none kept);
        those with unspaced text are also added to ``unspaced``.  Made without a
        `Document` of each record: the record and its event id are kept in lists."""
        ds, search, position = _Lookup.of(catalog), _UNSPACED.search, -1
        kept, event_ids = self._records, self._event_ids
        for kind, records, event_id in _records(catalog, events):
            texts, _, _, bits = _HOW[kind]
            for record in records:
                kept.append(record)
                event_ids.append(event_id)
                name, body, about = texts(record, ds)
                position += 1
                if name.isascii() and body.isascii() and about.isascii():
                    yield position << _KIND_BITS | bits, name, body, about, ""
                    continue
                text = f"{name} {body} {about}"
                changed = " ".join(
                    b for a, b in zip(text.split(), spelled(text).split(), strict=True) if a != b
                )
                row = (position << _KIND_BITS | bits, name, body, about, changed)
                if search(text):
                    unspaced.append(row)
                yield row

    def size(self) -> int:
        """The bytes of SQLite pages the index holds (its tables and their index).

        Examples:
            >>> import aseanplus3_events as apt
            >>> SearchIndex(apt.default_dataset().catalog).size() > 0
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
        # required: each word the tokenizer makes a token of ("🌏" and "&" it makes none)
        asked = [w for w in dict.fromkeys(_POSSESSIVE.sub("", fold(query)).split()) if words(w)]
        if not asked or limit == 0:
            return ()
        sql, params, short = _query(asked, kind, limit)
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        hits = []
        for rowid, name, body, about, rank, *snippets in rows:
            _, key, title, _ = _HOW[kind := KINDS[rowid & _KIND_MASK]]
            record = self._records[rowid >> _KIND_BITS]
            hits.append(
                SearchHit.model_construct(
                    kind=kind,
                    id=key(record),
                    event_id=self._event_ids[rowid >> _KIND_BITS],
                    name=title(record) or None,
                    text=" | ".join(t for t in (name, body, about) if t),
                    score=-rank,
                    snippet=_snippet(snippets, short),
                )
            )
        return tuple(hits)


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
        columns = ", ".join(
            f"snippet({table}, {column}, '{MARK}', '{MARK}', '{_GAP}', {_SNIPPET_WORDS})"
            for column in range(3)
        )
        columns, order = f"rank, {columns}", "rank, rowid"
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


#: A possessive's "'s", an English ending: "Julia Mao's" finds Julia Mao.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)
#: Text in these scripts is written without spaces between words: Thai, Lao, Myanmar,
#: Khmer, Japanese kana, CJK ideographs (and their compatibility forms and extensions).
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
)
_SQLRow = tuple[int, str, str, str, str]  # rowid, name, body, about, spelled
_TRIGRAM = 3  # characters: a shorter word has no trigram to look up
_KIND_BITS = 4
_KIND_MASK = (1 << _KIND_BITS) - 1
assert len(KINDS) <= _KIND_MASK + 1
