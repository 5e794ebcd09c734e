"""The editorial rules, beyond the integrity checks (the seeds guide states them): the
tightest quote, a repeated quote with its context, a declared ``base_iri`` (without, its
IRIs are every such dataset's: docs/publish.md), a note on every reading that names it as
a quote names a country (`_says`): a field's reading by the field or its value ("kind",
"in person", "opening remarks", "5 March"; a list's "complete" or "partial"), a country's
by a name or its code, a pronoun's by the pronoun ("He" is Dr. An).  `build`
reports them as warnings (errors with ``--strict``), but a date, number, qualifier, mode,
kind, status or participants_complete its own quote contradicts, or a reference's day its
quotes give only the year of, as an error always; the bundled data passes them."""

from __future__ import annotations

import datetime as dt
import json
import re

from .errors import Problem, json_path
from .exports.jsonld import BASE_IRI
from .loading import walk
from .models import AttendanceMode, Catalog, CountQualifier, EventKind, EventStatus, Session
from .text import MONTHS, NUMBERS, stated, words

__all__ = ["base_iri_problems", "problems"]

_ENDS = {"start_date": 0, "end_date": 1, "period_start": 0, "period_end": 1}  # a range
_LOOSE_START = ("the ", "a ", "an ", "of ", "in ", "on ", "at ", "was ", "and ", "On ")
_LOOSE_END = (",", ";", ":", " ")
Readings = list[tuple[str, str, tuple[str, ...], str]]  # field, message, words, code
_NO_BASE = (
    "{}: {}its JSON-LD and annotations IRIs would be urn:aseanplus3-events:<kind>:<id>, "
    "those of the bundled dataset and of every dataset that declares none, and one graph would "
    "merge their records; declare one in catalog.toml, under a name you control: "
    'base_iri = "https://your-group.org/events/"'
)
_PRONOUNS = frozenset(
    ["she", "he", "they", "it", "its", "their", "her", "his", "this", "these", "those"]
)


def _names(words: str, quotes: list[str]) -> bool:
    """Whether the quotes name a role's words, by their first five letters.

    Examples:
        >>> _names("co_organizer", ["co-organized by"]), _names("host", ["hosted by"])
        (True, True)
        >>> _names("speaker", ["offered her perspectives"])
        False
    """
    said = [w for q in quotes for w in re.findall(r"\w+", q.lower())]
    wanted = [w[:5] for w in words.split("_") if len(w) > 2]
    return all(any(s.startswith(w) for s in said) for w in wanted)


def _says(names: tuple[str, ...], code: str, quotes: list[str]) -> bool:
    """Whether the quotes (or a note) name a country, a field or a value: one of its
    ``names`` in whole words, as search folds them (`text.words`: "_" and "-" as a space),
    or its ``code`` as a word in capitals.

    Examples:
        >>> [_says(("Viet Nam",), "VN", [q]) for q in ("VIỆT NAM’s", "Hanoi, VN", "Hanoi")]
        [True, True, False]
    """
    said = [f" {' '.join(words(q))} " for q in quotes]
    named = any(f" {' '.join(words(n))} " in s for n in names for s in said)
    return named or any(re.search(rf"\b{code}\b", q) for q in quotes if code)


_WORDED = (CountQualifier, AttendanceMode, EventKind, EventStatus, bool)  # "over", "online"
_BEFORE = r"“([a-z ]+?)(?: \d+)?”"  # a qualifier's words in its definition: “over 120”
_NAMED: dict[object, str] = {  # the whole words that name a value (the seeds guide)
    **{q: "|".join(re.findall(_BEFORE, q.definition)) for q in CountQualifier if q != "exactly"},
    **{k: f"{k}|{k}s" for k in EventKind},  # "workshops" names workshop
    EventKind.ROUNDTABLE: "roundtable|roundtables|round table|round tables|round-table|"
    "round-tables",
    AttendanceMode.ONLINE: "online|virtual|virtually|videoconference|video conference",
    AttendanceMode.IN_PERSON: "in person|in-person|face-to-face|face to face|physically|offline|"
    "on-site|on site|onsite",
    AttendanceMode.HYBRID: "hybrid",  # or words of both modes
    EventStatus.HELD: "held|took place|convened|concluded",  # "will be held" names held too
    EventStatus.CANCELLED: "cancelled|canceled|called off",
    EventStatus.POSTPONED: "postponed|put off",
    EventStatus.SCHEDULED: "will be held|to be held|will be convened|scheduled|will take place",
    False: "including|included|such as|among others|among them|and others",  # the list's
    True: "namely|comprising|consisting of",  # participants_complete ("all" says too little)
}


def _against(
    value: int | dt.date | CountQualifier | AttendanceMode | EventKind | EventStatus,
    said: list[str],
    end: int | None = None,
    count: int | None = None,
) -> str | None:
    """How the quotes ``said`` stand to a date, number, qualifier or mode: None where they
    state it, "" where they state part of it or none (a reading), else what they state.
    A range states the first (``end`` 0) and last (1) of a pair of facts, no single one;
    a qualifier, the words before its ``count`` (before any number, where None).

    Examples:
        >>> [_against(dt.date(2025, 9, d), ["on 18-19 Sep 2024"]) for d in (18, 19, 20)]
        ['2024', '2024', '2024']
        >>> [_against(dt.date(2024, 9, d), ["on 18 to 19 Sep 2024"], 1) for d in (19, 20)]
        [None, '18-19 September 2024']
        >>> _against(dt.date(2024, 9, 19), ["on 18 to 19 Sep 2024"])  # a session's day
        ''
        >>> _against(5, ["4th ASEAN Plus Three"]), _against(80, ["More than 80"]), _against(2, [])
        ('4', None, '')
        >>> [_against(CountQualifier(q), ["More than 80"]) for q in ("exactly", "more_than")]
        ["'more_than'", None]
        >>> _against(CountQualifier("exactly"), ["150 people from over 20 countries"], None, 150)
        >>> [_against(AttendanceMode(m), ["in person and online"]) for m in ("online", "hybrid")]
        [None, None]
        >>> [_against(EventKind(k), ["Workshops at a Conference"]) for k in ("workshop", "forum")]
        [None, "'conference', 'workshop'"]
        >>> [_against(EventStatus(s), ["held virtually"]) for s in ("held", "cancelled")]
        [None, "'held'"]
        >>> _against(EventStatus("scheduled"), ["will be convened in Seoul"]) is None
        True
        >>> _against(AttendanceMode("in_person"), ["Dialogue"]), _against(True, ["including"])
        ('', 'false')
    """
    if isinstance(value, _WORDED):  # a word names it, or another: "workshop", "conference"
        number = ""
        if isinstance(value, CountQualifier):  # its words right before its count, not "over 20"
            spelt = [r"\d+", *NUMBERS] if count is None else [f"{count}", f"{count:,}"]
            spelt += [w for w, n in NUMBERS.items() if n == count]  # "twenty", for 20
            number = rf"\s+(?:{'|'.join(spelt)})\b"
        text, same = " ".join(said), [k for k in _NAMED if type(k) is type(value)]
        words = {k: _NAMED[k].replace(" ", r"\s+") for k in same}  # "more than", "more\xa0than"
        named = {k for k in same if re.search(rf"(?i)\b({words[k]})\b{number}", text)}
        named |= {AttendanceMode.HYBRID} if {"online", "in_person"} <= named else set()
        if named and value not in named:  # "80" is exactly 80: no word names exactly
            return ", ".join(sorted(map(_shown, named)))
        return None if value in named or value == CountQualifier.EXACTLY else ""
    says, day = stated(said), []
    if isinstance(value, dt.date):
        parts = {"year": value.year, "month": value.month}
        n = value.year * 10000 + value.month * 100 + value.day  # as `stated` gives a day
        day = [(low, high, n if low > 9999 else n % 10000) for low, high in says["day"]]
    else:
        parts = {"number": value}
    for key, n in parts.items():
        if says[key] and not any(low <= n <= high for low, high in says[key]):
            shown = [f"{a}-{b}" if b > a else str(a) for a, b in says[key]]
            if key == "month":
                shown = [MONTHS[a - 1] for a, _ in says[key]]
            return ", ".join(dict.fromkeys(shown))
    if day and not any(low <= n <= high for low, high, n in day):
        return ", ".join(dict.fromkeys(_days(low, high) for low, high, _ in day))

    def gives(r: tuple[int, int], n: int) -> bool:
        return r == (n, n) if end is None else r[end] == n

    given = all(any(gives(r, n) for r in says[k]) for k, n in parts.items())
    given &= not isinstance(value, dt.date) or any(gives((a, b), n) for a, b, n in day)
    return None if given else ""


def _shown(value: object) -> str:
    """A value as a seeds file writes it: 120, '2024-03-05', 'in_person', true."""
    return json.dumps(value) if type(value) in (int, bool) else repr(str(value))


def _days(low: int, high: int) -> str:
    """Days as `stated` gives them: "18-19 September 2025", "5 March", "30 December
    2024 to 2 January 2025"."""
    month, year = MONTHS[low // 100 % 100 - 1], low // 10000 or ""
    if low // 100 != high // 100:
        return f"{_days(low, low)} to {_days(high, high)}"
    return f"{low % 100}{f'-{high % 100}' * (high > low)} {month} {year}".strip()


def _words(value: object, field: str) -> tuple[str, ...]:
    """The words by which a note names a reading of a ``field``: its value in words, or the
    field (a list's completeness by "complete" or "partial").

    Examples:
        >>> _words(dt.date(2025, 3, 5), "start_date"), _words(EventKind("forum"), "kind")
        (('5 March', '2025-03-05', 'start_date'), ('forum', 'kind'))
    """
    if isinstance(value, dt.date):
        return _days(n := value.month * 100 + value.day, n), str(value), field
    return ("complete", "partial", field) if type(value) is bool else (str(value), field)


def _reading(value: object, field: str, said: list[str], end: int | None) -> str:
    """What to say of a fact its quotes ``said`` give in part or not at all (a reading):
    ``end`` None for one day, which a range does not give."""
    what, rest = "do not give its number", "the rest"
    if isinstance(value, dt.date):
        what = "do not give its day, month and year"
        for a, b in (r for r in stated(said)["day"] if r[1] > r[0] and end is None):
            what, rest = f"give a range, {_days(a, b)}, not one day", "its day"
    if isinstance(value, _WORDED):  # the words that would name it: "online", "virtual"
        words = ", ".join(f'"{w}"' for w in _NAMED[value].split("|"))
        words += ", or words of both modes" * (value == AttendanceMode.HYBRID)
        what, rest = f"do not name its {field}", f"words that do ({words})"
    return f"its quotes {what}: quote {rest}, or say in a note that it is a reading"


def base_iri_problems(base: str | None, bundled: bool = False, part: bool = False) -> list[Problem]:
    """The warning for a catalog's ``base`` IRI, if any: none declared, or `BASE_IRI`, the
    bundled dataset's, but with ``bundled`` (see `problems`); `build` asks it of every later
    ``part`` of a dataset, whose IRIs are the first part's until it is built alone."""
    same = (base or "").lower() == BASE_IRI  # a URN's scheme and namespace: any case (RFC 8141)
    taken = f"{base!r} is the bundled dataset's" if same and not bundled else ""
    alone = "built alone, " if part else ""
    told = Problem("$.base_iri", _NO_BASE.format(taken or "none declared", alone))
    return [] if base and not taken else [told]


def problems(
    catalog: Catalog, errors: list[Problem] | None = None, bundled: bool = False
) -> list[Problem]:
    """Every breach of the editorial rules in ``catalog``, at its JSON path; a date,
    number, qualifier or mode its quote contradicts goes to ``errors`` instead, when given.
    `BASE_IRI`, the bundled dataset's base, is a collision but with ``bundled``: the one
    exemption goes by who builds (`build.main`), as who owns a name is who publishes it,
    which no catalog tells; `aseanplus3-events build seeds` is told, as any other build.

    Examples:
        >>> import aseanplus3_events as apt
        >>> problems(apt.default_dataset().catalog, bundled=True)
        []
    """
    texts = {s.id: s.text for s in catalog.sources}
    names = {c.code: (c.name, *c.alternate_names) for c in catalog.countries}
    found = base_iri_problems(catalog.base_iri, bundled)
    for loc, record in walk(catalog):
        path, evidence = json_path(loc), getattr(record, "evidence", ())
        for j, ev in enumerate(evidence):
            here, quote = f"{path}.evidence[{j}].quote", ev.quote
            kinds = {type(getattr(record, f, None)) for f in ev.fields}  # the words naming
            own = "|".join(w for k, w in _NAMED.items() if type(k) in kinds)  # a value it cites
            tight = own and re.match(f"(?i)({own})\\b", quote)  # "at least 120", "on site"
            loose = quote.startswith(_LOOSE_START) and not tight
            if loose or quote.endswith(_LOOSE_END) or quote[0] == " ":
                found.append(Problem(here, f"{quote!r} is not the tightest quote: drop the "
                                     "small word, space or punctuation at its ends"))  # fmt: skip
            if quote.count("“") != quote.count("”"):
                found.append(Problem(here, f"{quote!r} opens a quotation it does not close"))
            text = texts.get(ev.source_id) or ""
            if text.count(quote) > 1 and not (ev.prefix or ev.suffix):
                found.append(Problem(here, "found more than once, with no prefix or suffix"))
        written, errors = getattr(record, "note", None) or "", found if errors is None else errors
        note, at, placeholder = _placeholder(written)  # "TODO" alone reads as no note
        if placeholder:
            found.append(Problem(f"{path}.note", placeholder))
        readings, told_before = _readings(record, names), len(found)
        for field in (f for f in getattr(record, "fact_fields", ()) if "." not in f):
            value, said = getattr(record, field), [e.quote for e in evidence if field in e.fields]
            if field == "count_qualifier" and value is None and getattr(record, "count", None):
                said = [e.quote for e in evidence if "count" in e.fields]  # a bare number's
                value = CountQualifier.EXACTLY  # as shown, and as search and exports say
            if field == "ordinal" or not said or type(value) not in (int, dt.date, *_WORDED):
                continue  # a session's ordinal is its place in the file, not a reading
            end = None if isinstance(record, Session) else _ENDS.get(field)  # one day
            wrong = _against(value, said, end, getattr(record, "count", None))
            if wrong == "" and field == "date" and not (s := stated(said))["month"] and s["year"]:
                # a reference's 2011-01-01 for "in 2011": a day no source states, no reading
                wrong = f"its year alone: write year = {value.year} in place of the date"
            if wrong:
                shown = _shown(value)
                quoted, n = " and ".join(f'"{q}"' for q in said), len(said) > 1
                message = f"{shown}, but its quote{'s' * n} {quoted} give{'s' * (not n)} {wrong}"
                errors.append(Problem(f"{path}.{field}", message))
            elif wrong == "":
                message = _reading(value, field, said, end)
                readings.append((field, message, _words(value, field), ""))
        for field, message, named, code in readings:  # a note names it as a quote would
            if not _says(named, code, [note]):
                word = named[0].replace("_", " ")
                message += ": the note does not name it" * bool(note)  # why it did not count
                message += f": write “{word}” in the note" * bool(written)  # "TODO" too
                found.append(Problem(f"{path}.{field}", message))
        if at and len(found) == told_before:  # no reading needs the note: it may go
            found[told_before - 1] = Problem(f"{path}.note", f"{placeholder}, or remove it")
    return found


def _placeholder(note: str) -> tuple[str, bool, str]:
    """A ``note`` as the readings read it, whether it is nothing but a placeholder
    ("TODO", "FIXME:", "?": read as none), and the warning for a placeholder in it: "TODO"
    (any case) at its start, or TODO, FIXME, TBD, XXX as a word in capitals anywhere."""
    if note and re.fullmatch(r"(?i)\W*(?:(?:todo|fixme|tbd|xxx)\b\W*)*", note):
        return "", True, f"{note!r} is a placeholder: write what it explains"
    word = re.search(r"(?i:^\W*(todo|fixme|tbd|xxx)\b)|\b(TODO|FIXME|TBD|XXX)\b", note)
    told = word and f"{note!r} has a placeholder, {word[1] or word[2]!r}: write what it stands for"
    return note, False, told or ""


def _readings(record: object, names: dict[str, tuple[str, ...]]) -> Readings:
    """The readings of a ``record`` beyond its own fields' (see `problems`): its country,
    its quotes that start with a pronoun, its role, each with the words a note names it by.
    """
    found: Readings = []
    evidence = getattr(record, "evidence", ())
    for field in (f for f in getattr(record, "fact_fields", ()) if f.endswith("country")):
        part, _, name = field.rpartition(".")  # "location", "address_country": a Place's
        code = getattr(getattr(record, part) if part else record, name, None)
        said = [ev.quote for ev in evidence if field in ev.fields]
        if code and said and not _says(known := names.get(code, ()), code, said):
            named = "its quotes do not name the country (catalog.toml names it "
            named += f"{' or '.join(map(repr, known))}): quote a name, or say in a note "
            found.append((field, named + "that it is a reading", (*known, "country"), code))
    for first in dict.fromkeys(ev.quote.split(" ", 1)[0].strip(",") for ev in evidence):
        if first.lower() in _PRONOUNS:
            message = f"a quote starts with a pronoun, {first!r}: say in a note who or what it is"
            found.append(("note", message, (first,), ""))
    role = getattr(record, "role", None)
    said = [ev.quote for ev in evidence if "role" in ev.fields]
    if role is not None and said and not _names(role.value, said):
        message = f"no quote names the role {role.value!r}: say in a note that it is a reading"
        found.append(("note", message, (role.value, "role"), ""))
    return found
