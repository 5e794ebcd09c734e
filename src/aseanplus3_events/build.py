"""Build the bundled dataset from ``seeds/``: ``python -m aseanplus3_events.build``.

The seeds are the only hand-edited data: verbatim source texts and TOML annotation
files that cite them by quote.  The build

1. reads ``catalog.toml`` (data version, sources, topics, countries),
   ``organizations.toml``, ``people.toml`` and every ``events/*.toml``;
2. resolves each quote to its span in its source (a quote that is missing, or found more
   than once without a ``prefix``/``suffix`` that picks one occurrence, is an error);
3. derives what need not be typed: nested ids, ordinals, ``event_id``, ``source_ids``;
4. validates with the models and runs the integrity checks (`Dataset`);
5. writes canonical JSON (``catalog.json``) and the JSON Schema of `Catalog`
   (``catalog.schema.json``), byte-identical for identical seeds.

Every problem found on the way is reported together, in one `DatasetError`.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import re
import shlex
import sys
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from functools import partial
from os.path import isabs, join, relpath
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import editorial
from .atomic import json_bytes, write_atomic
from .citation import UNTITLED, grouped
from .dataset import Dataset
from .errors import DatasetError, Problem, closest, did_you_mean
from .loading import DATA_FILE, DIGEST_FILE, SCHEMA_FILE, parse_catalog, record_fields, utf8_problem
from .models import SCHEMA_VERSION, Catalog, Event, Evidence, Source
from .origins import Origin, Origins, dates, header, kind, label
from .quoting import close_matches, find_quote, invisible, toml_string
from .text import count, resolve_quote, slug, unique_context
from .upgrade import place_from_text

__all__ = ["build", "json_schema", "main", "render", "seed_files", "seeds_file", "seeds_folder"]

Json = dict[str, Any]
Table = tuple[str | int, ...]
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class _Builder:
    """One seeds folder to a document (the catalog's JSON data, not yet validated); its
    records are registered in ``origins``, its problems told in the seeds' terms."""

    def __init__(self, seeds: Path, origins: Origins) -> None:
        self.seeds, self.origins = seeds, origins
        # its files are named from where the user gave the folder
        self.prefix = "" if seeds == Path() else f"{seeds.as_posix().rstrip('/')}/"
        self.problems: list[Problem] = []
        self.advice: list[Problem] = []  # editorial: warnings, errors with --strict
        self.texts: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self.unread: set[str] = set()  # sources reported unreadable: not their quotes too
        # False where the checks would only tell consequences: a file or table could not be
        # read (its records are missing), an event's id is not a slug (ids made of it differ)
        self.whole = True
        self.top: Mapping[str, Any] = {}  # the keys of the top of the file being read

    def problem(self, origin: Origin, field: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(self.origins.where(origin, field), message))

    def read_toml(self, path: Path, keys: Mapping[str, Any]) -> Json:
        name, read = self.rel(path), _read_text(path)
        try:
            if isinstance(read, tuple):
                self.origins.texts[name] = read[1]
                document: Json = _plain(tomllib.loads(read[1]))
                self.top = keys
                self.known(name, document, keys)
                return document
        except tomllib.TOMLDecodeError as exc:
            at = int(m[1]) if (m := re.search(r"at line (\d+)", str(exc))) else 0
            line = read[1].splitlines()[at - 1] if 0 < at <= read[1].count("\n") + 1 else ""
            dated = re.match(r"\s*(\w+_)?date\s*=", line)
            at, clash = _clash(read[1].split("\n"), at, keys)  # a misspelt table's line
            name, read = f"{name}:{at}" if at else name, f"not valid TOML: {exc}"
            read = f"{clash} (then {read})" if clash else read
            read += f"; {dates(line)}" if dated else ""
        self.problems.append(Problem(name, str(read)))
        self.whole = False
        return {}

    def known(
        self,
        file: str,
        seed: Json,
        keys: Mapping[str, Any],
        at: Table = (),
        of: Origin | None = None,
    ) -> None:
        """Tell and delete each key of ``seed`` (the table at ``at``), and of its tables, that
        ``keys`` (each with the model of the tables it holds) does not name, before anything
        reads it. A table of the file's top or with evidence is a record; any other is of one."""
        if of is None or "evidence" in keys:
            of = Origin(file, at, label(at, seed, True) if at else "the file")
        fields = [k for k, m in keys.items() if not isinstance(m, str)]  # a str: where k goes
        for key in [k for k in seed if k not in fields]:
            value, near = seed.pop(key), () if key in keys else closest(key, fields)
            table = not at and all(
                isinstance(v, dict) for v in (value if isinstance(value, list) else [value])
            )
            told = f"{key!r} is not a field of [{at[-1]}]: {keys[key]}" if key in keys else ""
            if at and not told and self.top.get(key, "") is None:  # TOML puts it in the table
                told = f"{key!r} is a field of the file's top, not of this table: TOML reads "
                told += "a key below a [table] line as that table's: move it above the first one"
            self.problem(of, (*at[len(of.table) :], key), told or _unknown(key, near, table))
            self.origins.meant |= {(file, (*at, n)) for n in near[:1]}
            self.whole &= not table  # its records are missing: the checks would tell only that
        for key, model in keys.items():
            value = seed.get(key)
            for i, table in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(model, type | dict) and isinstance(table, dict):
                    where = (*at, key, i) if isinstance(value, list) else (*at, key)
                    held = model if isinstance(model, dict) else _keys(model)
                    self.known(file, table, held, where, of if at else None)

    def reads(self) -> list[str]:
        """The files the build reads (and writes over none): seed files and source texts."""
        return [*self.origins.texts, *self.files.values()]

    def rel(self, path: Path) -> str:
        inside = path.is_relative_to(self.seeds)
        return self.prefix + path.relative_to(self.seeds).as_posix() if inside else str(path)

    def tables(
        self, file: str, seed: Json, key: str, parent: Table = (), of: Origin | None = None
    ) -> list[Json]:
        """The tables of an array ``key`` (``[[key]]``, or of the record ``of``: evidence);
        anything else is a problem."""
        value = seed.get(key, [])
        entries = value if isinstance(value, list) else [value]
        how = '{ fields = [...], quote = "..." }' if of else f"[[{key}]] with its fields"
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                where = of or Origin(file, (*parent, key, i), f"{kind(key)} {i + 1}")
                told = f"must be a table: write it as {how}, not {entry!r}"
                self.problem(where, (key, i) if of else (), told)
                self.whole = False
        return [entry for entry in entries if isinstance(entry, dict)]

    def sources(self, entries: list[Json]) -> list[Json]:
        out = []
        for i, entry in enumerate(entries):
            entry = dict(entry)
            at = ("sources", i)
            origin = Origin(self.prefix + "catalog.toml", at, label(at, entry, True))
            file = entry.pop("file", None)
            if file is not None:
                for key in sorted({"sha256", "text"} & entry.keys()):  # the file's, not these
                    self.problem(origin, (key,), f"the build derives {key} from {file}: delete it")
                path = self.seeds / str(file)
                read = _source_text(self.seeds, path)
                if isinstance(read, str):
                    self.problem(origin, ("file",), f"{file}: {read}")
                    self.unread.add(str(entry.get("id")))
                    continue
                data, text = read
                self.texts[str(entry.get("id"))] = text
                self.files[str(entry.get("id"))] = self.rel(path)
                entry["sha256"] = hashlib.sha256(data).hexdigest()
                entry["text"] = text
            out.append(self.origins.add(entry, origin))
        return out

    def evidence(self, origin: Origin, record_id: str, record: Json, source: Any) -> list[Json]:
        out = []
        for j, ev in enumerate(self.tables(origin.file, record, "evidence", of=origin)):
            ev = dict(ev)
            for key in ("id", "start", "end", "source_id"):
                if ev.pop(key, None) is not None:
                    self.problem(origin, ("evidence", j), f"the build derives {key}: delete it")
            source_id = ev.pop("source", source)
            quote, prefix, suffix = (ev.pop(k, "") for k in ("quote", "prefix", "suffix"))
            text = self.texts.get(source_id) if isinstance(source_id, str) else None
            starts = []
            if not (quote and all(isinstance(x, str) for x in (quote, prefix, suffix))):
                message = 'needs quote = "..." (and prefix, suffix if any) as text'
            elif text is None:
                message = f"no source text {source_id!r} to quote from{_near(source_id, self)}"
            elif len(starts := resolve_quote(text, quote, prefix, suffix)) != 1:
                message, there = _unfound(text, quote, prefix, suffix, source_id, len(starts))
                words = shlex.quote(quote) if there else "WORDS"  # its places, each picked
                message += f" (see: aseanplus3-events quote {self.files.get(source_id)} {words})"
            if len(starts) != 1:
                unread = (  # told once; or there is no `source`, its misspelling told
                    source_id in self.unread
                    if isinstance(source_id, str)
                    else (origin.file, ("source",)) in self.origins.meant
                )
                if text is not None or not unread:
                    self.problem(origin, ("evidence", j), message)
                # kept as a stand-in that validates, so that the models and checks see the
                # other items where the seed has them; `Origins.explain` drops what they
                # say of it, or of the record's facts it was to quote
                self.origins.lossy.add((origin, j))
                starts, quote, text, source_id = [0], "…", "…", "unresolved"
            start, end = starts[0], starts[0] + len(quote)
            item: Json = {"id": f"{record_id}-evidence-{j + 1}", "source_id": source_id}
            item |= {
                "start": start,
                "end": end,
                "quote": quote,
                **unique_context(text or "", start, end),
            }
            out.append({**item, **ev})
        return out

    def cited(self, file: str, table: Table, record: Json, source: Any, **derived: Any) -> Json:
        """A record with its evidence resolved and the ``derived`` fields first."""
        origin = Origin(file, table, label(table, record, "id" not in derived), "id" in derived)
        for key in derived.keys() & record.keys():
            message = f"the build derives {key} ({derived[key]!r}): delete this line"
            self.problem(origin, (key,), message)
        body = {k: v for k, v in record.items() if k != "evidence" and k not in derived}
        record_id = str(derived.get("id", body.get("id", "")))
        evidence = self.evidence(origin, record_id, record, source)
        return self.origins.add({**derived, **body, "evidence": evidence}, origin)

    def event(self, path: Path) -> Json:
        seed = self.read_toml(path, _EVENT_FILE)
        name = self.rel(path)
        source = seed.get("source")
        head = dict(next(iter(self.tables(name, {"event": seed.get("event", {})}, "event")), {}))
        head = place_from_text(head)  # a seed of schema 1.x: location as text
        if isinstance(source, str) and source not in self.texts and source not in self.unread:
            at = Origin(name, (), "the event file")
            self.problem(at, ("source",), f"no source text {source!r}{_near(source, self)}")
            self.unread.add(source)  # not again for each quote
        if head.get("id", path.stem) != path.stem:
            place = self.origins.where(Origin(name, ("event",), f"event {head['id']}"), ("id",))
            rename = f"name the file {head['id']}.toml, or delete the id (the file name is the id)"
            self.advice.append(Problem(place, f"not the file's name {path.name!r}: {rename}"))
        event_id = head.setdefault("id", path.stem)
        if not isinstance(event_id, str) or not SLUG.fullmatch(event_id):
            event_id = slug(str(event_id)) or "event"
            where = Origin(name, ("event",), f"event {head['id']!r}")
            self.problem(where, ("id",), f"not an id: ids are slugs, such as {event_id!r}")
            head["id"], self.whole = event_id, False
        event = self.cited(name, ("event",), head, source)

        def children(
            plural: str, parent: Json = seed, at: Table = (), of: str = event_id
        ) -> list[Json]:
            kind = plural.removesuffix("s")
            return [
                self.cited(name, (*at, plural, i), r, source, id=f"{of}-{kind}-{i + 1}")
                for i, r in enumerate(self.tables(name, parent, plural, at))
            ]

        for plural in ("attendance", "participations", "participants", "contributions"):
            event[plural] = children(plural)
        event["sessions"] = []
        for i, raw in enumerate(self.tables(name, seed, "sessions")):
            body = {k: v for k, v in raw.items() if k != "contributions"}
            derived = {"id": f"{event_id}-session-{i + 1}", "event_id": event_id, "ordinal": i + 1}
            table: Table = ("sessions", i)
            session = self.cited(name, table, body, source, **derived)
            session["contributions"] = children("contributions", raw, table, session["id"])
            event["sessions"].append(session)
        for plural in ("statements", "references"):
            event[plural] = children(plural)
        event["source_ids"] = sorted(_cited_sources(event) & self.texts.keys())
        return event

    def document(self) -> Json:
        if not self.seeds.is_dir():
            raise DatasetError([Problem("$", "no such folder")], origin=str(self.seeds))
        catalog = self.read_toml(self.seeds / "catalog.toml", _CATALOG_FILE)
        file = self.prefix + "catalog.toml"
        sources = self.sources(self.tables(file, catalog, "sources"))

        def records(name: str, key: str) -> list[Json]:
            seed = self.read_toml(self.seeds / name, {"source": None, key: _keys(Catalog)[key]})
            file = self.prefix + name
            out = []
            for i, r in enumerate(self.tables(file, seed, key)):
                if "id" not in r and isinstance(r.get("name"), str):
                    r = {"id": slug(r["name"]), **r}  # an id made from the name
                out.append(self.cited(file, (key, i), r, seed.get("source")))
            return out

        def plain(key: str) -> list[Json]:
            out = []
            for i, r in enumerate(self.tables(file, catalog, key)):
                origin = Origin(file, (key, i), label((key, i), r, True))
                if "evidence" in r:  # a country's alternate names, quoted
                    code = str(r.get("code", "")).lower()
                    r = {**r, "evidence": self.evidence(origin, code, r, None)}
                out.append(self.origins.add(r, origin))
            return out

        document = {
            "schema_version": SCHEMA_VERSION,
            "data_version": catalog.get("data_version"),
            **{key: catalog[key] for key in _ABOUT if key in catalog},
            "events": [self.event(p) for p in sorted((self.seeds / "events").glob("*.toml"))],
            "organizations": records("organizations.toml", "organizations"),
            "people": records("people.toml", "people"),
            "topics": plain("topics"),
            "countries": plain("countries"),
            "sources": sources,
        }
        return self.origins.add(document, Origin(file, (), "the catalog"))


def _keys(model: type[BaseModel]) -> dict[str, Any]:
    """The keys a seed table of ``model`` may have, each with the model of the tables it
    holds (None for a value); an evidence entry may name its ``source``, a source its ``file``."""
    held, extra = record_fields(model), {Evidence: ["source"], Source: ["file"]}.get(model, [])
    return {k: held.get(k) for k in model.model_fields} | dict.fromkeys(extra)


#: The keys of the top of an event file, and of catalog.toml (the lists built from other files
#: aside); organizations.toml and people.toml hold a ``source`` and their records.  The
#: keys of [event] are its model's less those the build fills, each with where it belongs.
_TOPS = {k: m for k, m in _keys(Event).items() if m and k not in ("location", "evidence")}
_FILLED = {k: f"write each {kind(k)} as a top-level [[{k}]] table" for k in _TOPS}
_FILLED["source_ids"] = "the build derives it from the evidence: delete this line"
_EVENT_FILE = {"source": None, "event": _keys(Event) | _FILLED} | _TOPS
_CATALOG_FILE = {
    k: m
    for k, m in _keys(Catalog).items()
    if k not in ("schema_version", "events", "organizations", "people")
}


def _unknown(key: str, near: Sequence[str], table: bool) -> str:
    """What to do about a key its table does not have, ``near`` the closest it has."""
    hint = f"did you mean {' or '.join(map(repr, near))}?" if near else ""
    if key in Evidence.model_fields and not set(key.split("_")) & {
        w for n in near for w in n.split("_")
    }:  # 'quote' in a session; but 'honorific_prefix' for 'prefix' in a person
        hint = "it belongs in an evidence entry: evidence = [{ fields = [...], quote = ... }]"
    return f"{key!r} is not a {'table' if table else 'field'} here: " + (
        hint or "remove it, or correct its spelling"
    )


def _clash(lines: list[str], at: int, keys: Mapping[str, Any]) -> tuple[int, str]:
    """Why TOML cannot declare the table at line ``at`` again, and where: an earlier misspelt
    one ([[session]]) whose [[sessions.contributions]] made ``sessions`` a table; or at, ""."""
    clash = header(lines[at - 1]).split(".")[0] if 0 < at <= len(lines) else ""
    for n, key in enumerate((header(line).split(".")[0] for line in lines[:at]), 1):
        if clash and key not in keys and clash in (near := closest(key, keys)):
            return n, _unknown(key, near, True)
    return at, ""


def _near(source_id: Any, builder: _Builder) -> str:
    """What to write instead of an unknown source id."""
    near = did_you_mean(str(source_id), builder.texts)
    return f"{near[:-1]} (a [[sources]] id of catalog.toml)?" if near else ": name a [[sources]] id"


def _unfound(
    text: str, quote: str, prefix: str, suffix: str, source_id: str, found: int
) -> tuple[str, bool]:
    """Why ``quote`` picks no one place of ``text`` with its ``prefix`` and ``suffix``
    (``found``: how many it picks) and what to do; and whether ``text`` has the quote."""
    where = f"in source {source_id!r}"
    if found:  # with a prefix or suffix that picks more than one place, a longer one will do
        named = [f"{k} {v!r}" for k, v in (("prefix", prefix), ("suffix", suffix)) if v]
        said = f" with {' and '.join(named)}" if named else ""
        fix = "a longer prefix or suffix" if named else "add a prefix or suffix that"
        return f"quote {quote!r}{said} found {found} times {where}; {fix} picks one", True
    places = resolve_quote(text, quote) if prefix or suffix else []
    if not places:
        return f"quote {quote!r} not found {where}; {_as_written(text, quote)}", False
    typed = [p.quote.partition(quote) for p in find_quote(text, prefix + quote + suffix)]
    if typed:  # the words around it typed otherwise: a space for a no-break space, ' for ’
        given = (("prefix", typed[0][0], prefix), ("suffix", typed[0][2], suffix))
        exact = ", ".join(f"{k} = {toml_string(v)}" for k, v, was in given if v != was)
        return f"quote {quote!r} is {where}, but the source writes around it: {exact}", True
    wrong = []
    if not any(text.endswith(prefix, 0, at) for at in places):
        before = text[max(0, places[0] - len(prefix) - 8) : places[0]]
        wrong.append(
            f"after prefix {prefix!r}" + f" (the source has {before!r})" * (len(places) == 1)
        )
    if not any(text.startswith(suffix, at + len(quote)) for at in places):
        after = text[places[0] + len(quote) :][: len(suffix) + 8]
        wrong.append(
            f"before suffix {suffix!r}" + f" (the source has {after!r})" * (len(places) == 1)
        )
    missed = " and ".join(wrong) or "between its prefix and suffix"
    return f"quote {quote!r} is {where} ({count(len(places), 'time')}), but not {missed}", True


def _as_written(text: str, quote: str) -> str:
    """What to do about a quote not in ``text``: the exact quote, where `quote` finds it as
    typed (straight quotes for typographic ones, case, spaces, dashes), else copy it (from
    the closest passages, if any); or that the source lost letters to "?"."""
    places = find_quote(text, quote)
    lost = re.search("".join(re.escape(c) if c.isascii() else f"[?{c}]" for c in quote), text)
    if not places and lost:  # "Tr?n ??c Th?ng" for "Trần Đức Thắng": saved in a lossy encoding
        return f"the source has {lost[0]!r}: its file lost letters to '?': save it again as UTF-8"
    if not places:  # the closest passages, as the `quote` command names them
        near = " or ".join(map(toml_string, close_matches(text, quote)))
        return f"copy it exactly: did you mean {near}?" if near else "copy it exactly"
    exact = places[0].quote
    marks = sorted(set(exact) - set(quote) & set("“”‘’„"))
    marks += [f"a {unicodedata.name(c).lower()} (U+{ord(c):04X})" for c in set(exact) - set(quote)
              if invisible(c)]  # fmt: skip
    said = f"the source has {' '.join(marks)} there" if marks else "the source writes it"
    return f"{said}: quote = {toml_string(exact)}"


def _read_text(path: Path) -> tuple[bytes, str] | str:
    """A file's bytes and UTF-8 text, or what is wrong with it."""
    try:
        data = path.read_bytes()
        return data, data.decode("utf-8")
    except OSError as exc:
        return f"cannot read: {(exc.strerror or str(exc)).lower()}"
    except UnicodeDecodeError:
        return utf8_problem(data) or ""


def _source_text(seeds: Path, path: Path) -> tuple[bytes, str] | str:
    """A source file's bytes and UTF-8 text, read only from inside ``seeds`` (not ../x, an
    absolute path, nor a link out of the folder), or what is wrong with it."""
    if "\0" in str(path):  # no file system takes it, and pathlib raises ValueError on it
        return "is not a file name: it holds a NUL character"
    if not path.resolve().is_relative_to(seeds.resolve()):
        return f"is outside {seeds}: keep source texts in the seeds folder"
    return _read_text(path)


def _plain(value: Any) -> Any:
    """TOML values as JSON has them: a date, time or datetime literal becomes its ISO
    string, which the models read (``date = 2024-03-05`` works wherever a date goes)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no nan or inf: the models say what goes there
    return value.isoformat() if isinstance(value, datetime.date | datetime.time) else value


def _cited_sources(record: Any) -> set[str]:
    if isinstance(record, list):
        return set().union(*map(_cited_sources, record))
    if not isinstance(record, dict):
        return set()
    found = {e["source_id"] for e in record.get("evidence", [])}
    return found.union(*map(_cited_sources, record.values()))


#: What catalog.toml may say of the dataset: who made it, its title, its license, its IRIs.
_ABOUT = ("title", "creators", "license", "base_iri")
#: The lists of a catalog, and the key that identifies a record in each.
_KEYS = dict.fromkeys(["events", "organizations", "people", "topics", "sources"], "id")
_KEYS["countries"] = "code"


def _merge(documents: Sequence[Json], origins: Origins) -> tuple[Json, list[Problem]]:
    """One document of several: a record found twice (the same in the dataset file) is
    kept once; an id that two different records use is a problem, reported with both
    places and the first field in which they differ."""
    merged, problems = dict(documents[0]), []
    versions = [d.get("data_version") for d in documents]
    if all(isinstance(v, str) for v in versions):  # each part's, in the order given
        merged["data_version"] = " + ".join(dict.fromkeys(map(str, versions)))
    # each part is named (`named`), its makers credited, under its license, in order; a
    # part that states no makers or license leaves the whole without: one part's would
    # claim the other's records
    titles = [t if isinstance(t := d.get("title"), str) else UNTITLED for d in documents]
    if any(isinstance(d.get("title"), str) for d in documents):
        merged["title"] = " + ".join(dict.fromkeys(titles))
    merged = {k: v for k, v in merged.items() if k not in ("creators", "license")}
    if all(isinstance(d.get("creators"), list) and d["creators"] for d in documents):
        merged["creators"] = list(dict.fromkeys(c for d in documents for c in d["creators"]))
    if all(isinstance(d.get("license"), str) for d in documents):
        licenses = list(dict.fromkeys(d["license"] for d in documents))  # one: as written
        group = partial(grouped, word=" OR ") if len(licenses) > 1 else str
        merged["license"] = " AND ".join(map(group, licenses))  # AND binds before OR
    for key, id_key in _KEYS.items():
        seen: dict[Any, Json] = {}
        for record in (r for document in documents for r in document.get(key) or []):
            record_id = record.get(id_key)
            first = seen.setdefault(record_id if isinstance(record_id, str) else id(record), record)
            both = _one_country(first, record) if key == "countries" else None
            if both is not None and first is not record:
                seen[record_id] = origins.add(both, origins.origin(first))
            elif first is not record and (a := _canonical(key, first)) != (
                b := _canonical(key, record)
            ):
                there = origins.where(origins.origin(first)).split(": ")[0]
                field = next(k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k))
                message = f"{record_id!r} is also the {id_key} of another record at {there}, "
                where = origins.where(origins.origin(record), (id_key,))
                message += f"which differs in {field}; give one of them another id, or make "
                message += "them the same record"  # the same record twice is one
                problems.append(Problem(where, message))
        merged[key] = sorted(
            seen.values(), key=lambda r: (str(r.get("start_date")), str(r.get(id_key)))
        )
    return merged, problems


def _canonical(key: str, record: Json) -> Any:
    """A record as its dataset file holds it (defaults left out), so that one record
    from seeds and from a built file compare equal; as given where it is not valid."""
    try:
        model = Catalog.model_fields[key].annotation.__args__[0]  # type: ignore[union-attr]
        valid = model.model_validate_json(json.dumps(record))  # as a reader of the file
        return valid.model_dump(mode="json", exclude_defaults=True)
    except ValidationError:
        return record


def _one_country(a: Json, b: Json) -> Json | None:
    """Two records of one country that differ at most in the names the sources use for
    it: one, with the alternate names and their quotes from both (None if they differ
    in anything else)."""
    names, quotes = ("alternate_names", "evidence")
    if any(not isinstance(r.get(k, []), list) for r in (a, b) for k in (names, quotes)):
        return None  # the models say what is wrong
    if {k: v for k, v in a.items() if k not in (names, quotes)} != {
        k: v for k, v in b.items() if k not in (names, quotes)
    }:
        return None
    quoted = [*a.get(quotes, []), *b.get(quotes, [])]
    cited = {(e["source_id"], e["start"], e["end"], tuple(e["fields"])): e for e in quoted}
    code = str(a.get("code", "")).lower()
    evidence = [{**e, "id": f"{code}-evidence-{n}"} for n, e in enumerate(cited.values(), 1)]
    return {
        **a,
        names: list(dict.fromkeys([*a.get(names, []), *b.get(names, [])])),
        quotes: evidence,
    }


def build(
    *seeds: str | Path,
    beside: Mapping[str, Catalog] | None = None,
    strict: bool = False,
    advice: list[Problem] | None = None,
    out: str | Path | None = None,
    bundled: bool = False,
) -> Catalog:
    """Build and check the catalog from one or more seeds folders (and the records of
    the catalogs ``beside``, by name); raises `DatasetError`, each problem in the seeds' terms.

    The editorial rules (`editorial.problems`) are errors with ``strict``; else they
    are added to ``advice``, when given; a fact its quote contradicts is an error always.
    ``out``, the file the caller is to write, is a problem if it is one the build reads.
    ``bundled``: the seeds are the bundled dataset's (`main`), whose base IRI is its own.
    """
    origins = Origins()  # files named as given: a user runs `quote` on them from there
    builders = [_Builder(Path(s), origins) for s in seeds]
    documents = [b.document() for b in builders]
    for name, catalog in (beside or {}).items():
        documents.append(catalog.model_dump(mode="json", exclude_defaults=True))
        for key in _KEYS:
            for i, record in enumerate(documents[-1][key]):
                origins.add(record, Origin(name, (key, i), label((key, i), record, True)))
    document, clashes = _merge(documents, origins)
    explain = partial(origins.explain, origins.add(document, origins.origin(documents[0])))
    problems = [p for b in builders for p in b.problems] + clashes
    read = [*(f for b in builders for f in b.reads()), *(beside or {})]
    if out is not None and Path(out).exists():  # a seed, a source text or a dataset beside
        told = [
            f"{f} is a file the build reads"
            for f in read
            if Path(f).exists() and Path(out).samefile(f)
        ]
        ours = b'{\n  "schema_version": "'  # a text saved, not yet listed; not its earlier output
        told = told or [s for s in [seeds_file(out)] if s and Path(out).read_bytes()[:23] != ours]
        problems += [Problem(f"--out {out}", f"{it}: give --out another file") for it in told]
    # The models and integrity checks run beside the builder's problems, all told in one run,
    # less what follows from a quote not found (`Origins.explain`); not where the builder
    # is not `whole`.
    bases: list[Problem] = []  # a later part's base IRI warnings, as when built alone
    if all(b.whole for b in builders):
        for n, doc in enumerate(documents[: len(builders)]):  # each folder's own catalog.toml
            part = {k: doc[k] for k in ("schema_version", "data_version", *_ABOUT) if k in doc}
            in_part = partial(origins.explain, origins.add(part, origins.origin(doc)))
            try:  # the whole has the first's base and the parts' other values, combined
                parse_catalog(json_bytes(part), "seeds")
            except DatasetError as exc:
                problems += [p for p in map(in_part, exc.problems) if p]
            if n:  # the first's is the whole's, told by the editorial rules
                base = editorial.base_iri_problems(doc.get("base_iri"), bundled, part=True)
                bases += [p for p in map(in_part, base) if p]
        try:
            # Validate through JSON, exactly as a reader of the written file will.
            catalog = Dataset(parse_catalog(json_bytes(document), "seeds"), origin="seeds").catalog
        except DatasetError as exc:
            found = [p for p in map(explain, exc.problems) if p]
            problems += found or ([] if problems else exc.problems)
    if not problems:
        errors: list[Problem] = []  # a fact its own quote contradicts, strict or not
        rules = [p for p in map(explain, editorial.problems(catalog, errors, bundled)) if p]
        rules = sorted([*rules, *bases, *(p for b in builders for p in b.advice)], key=_place)
        problems = [p for p in map(explain, errors) if p] + (rules if strict else [])
        (advice if advice is not None else []).extend(rules)
    if problems:
        problems = sorted(dict.fromkeys(problems), key=_place)
        raise DatasetError(problems, origin=", ".join(map(folder_name, seeds)))
    return catalog


def folder_name(folder: str | Path) -> str:
    """A seeds folder as messages name it: as given, but "." and ".." by their own name
    ("my-seeds"), as `build --check` names it."""
    own = Path(folder).name in ("", "..") and Path(folder).resolve().name
    return own or str(folder)


def seed_files(seeds: Path) -> list[str]:
    """The files a build of the seeds folder ``seeds`` reads (`_Builder.reads`)."""
    (builder := _Builder(seeds, Origins())).document()
    return builder.reads()


def seeds_folder(path: str | Path) -> Path | None:
    """The nearest folder holding catalog.toml: ``path`` or one it is in; else None."""
    path = Path(path).resolve()
    return next((p for p in (path, *path.parents) if (p / "catalog.toml").is_file()), None)


def seeds_file(out: str | Path) -> str | None:
    """What ``out`` is where it is in a place of its seeds folder (`seeds_folder`, named
    relative if ``out`` is) that no export writes, there yet or not: directly in it (its TOML,
    the guide `init` writes; not a folder) or under its sources/ or events/; else None."""
    path = Path(out).resolve()
    seeds = seeds_folder(path)
    inside = path.relative_to(seeds).parts if seeds else ()
    here = (len(inside) == 1 and not path.is_dir()) or inside[:1] in (("sources",), ("events",))
    if seeds and here:
        name = seeds if isabs(out) else relpath(seeds)
        use = join(name, "exports", "")
        return f"is in the seeds folder {name}, kept for its data (use {use} or outside it)"
    return None


def _place(problem: Problem) -> tuple[str, int]:
    """A problem's file and line, to sort problems by."""
    where = problem.path.partition(": ")[0]
    file, _, line = where.rpartition(":")
    return (file, int(line)) if line.isascii() and line.isdigit() else (where, 0)


def json_schema() -> Json:
    """The JSON Schema of `Catalog`, as shipped in ``data/catalog.schema.json``.

    Descriptions come from the docstrings, without their examples (which are for Python
    readers and would make the schema change with every doctest edit).

    Examples:
        >>> json_schema()["$defs"]["Topic"]["description"]
        'A term of the controlled topic vocabulary (editorial, not quoted).'
    """

    def strip(node: Json) -> Json:
        text = node.get("description")
        if isinstance(text, str) and "\nExamples:\n" in text:
            node["description"] = text.split("\nExamples:\n", 1)[0].rstrip()
        return node

    schema: Json = json.loads(json.dumps(Catalog.model_json_schema()), object_hook=strip)
    return schema


def render(catalog: Catalog) -> dict[str, bytes]:
    """The files the build writes, by name: the dataset, its sha256 and its JSON Schema."""
    data = json_bytes(catalog.model_dump(mode="json"))  # keys in model order
    digest = hashlib.sha256(data).hexdigest()
    return {
        DATA_FILE: data,
        DIGEST_FILE: f"{digest}  {DATA_FILE}\n".encode("ascii"),
        SCHEMA_FILE: json_bytes(json_schema()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: build ``--seeds`` into ``--out``, or ``--check`` that they agree."""
    parser = argparse.ArgumentParser(
        prog="python -m aseanplus3_events.build",
        description="Build the bundled dataset from the seeds (run from the repository root).",
    )
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="default: %(default)s")
    parser.add_argument(
        "--out", type=Path, default=Path("src/aseanplus3_events/data"), help="default: %(default)s"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files differ from a fresh build",
    )
    args = parser.parse_args(argv)
    try:
        files = render(build(args.seeds, strict=True, bundled=True))
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 1
    stale = [
        n for n, data in files.items() if not (p := args.out / n).exists() or p.read_bytes() != data
    ]
    if args.check:
        for name in stale:
            print(f"{args.out / name} differs from a fresh build", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        write_atomic(args.out / name, files[name])
    print(f"{len(stale)} file(s) written, {len(files) - len(stale)} unchanged, in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
