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
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .errors import DatasetError, Problem
from .loading import DATA_FILE, DIGEST_FILE, SCHEMA_FILE, parse_catalog
from .models import SCHEMA_VERSION, Catalog
from .selectors import resolve_quote, unique_context

__all__ = ["build", "json_schema", "main", "render"]

Json = dict[str, Any]


class _Builder:
    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def read_toml(self, path: Path) -> Json:
        try:
            with path.open("rb") as fh:
                document: Json = _plain(tomllib.load(fh))
                return document
        except (OSError, tomllib.TOMLDecodeError) as exc:
            self.problem(self.rel(path), f"cannot read: {exc}")
            return {}

    def rel(self, path: Path) -> str:
        return (
            path.relative_to(self.seeds).as_posix()
            if path.is_relative_to(self.seeds)
            else str(path)
        )

    # sources

    def sources(self, entries: list[Json]) -> list[Json]:
        out = []
        for i, entry in enumerate(entries):
            entry = dict(entry)
            file = entry.pop("file", None)
            if file is not None:
                path = self.seeds / file
                try:
                    data = path.read_bytes()
                    text = data.decode("utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    self.problem(f"catalog.toml: sources[{i}].file", f"cannot read {file!r}: {exc}")
                    continue
                self.texts[entry["id"]] = text
                entry["sha256"] = hashlib.sha256(data).hexdigest()
                entry["text"] = text
            out.append(entry)
        return out

    # evidence

    def evidence(
        self, where: str, record_id: str, record: Json, default_source: str | None
    ) -> list[Json]:
        out = []
        for j, ev in enumerate(record.get("evidence", [])):
            here = f"{where}.evidence[{j}]"
            ev = dict(ev)
            source_id = ev.pop("source", default_source)
            quote = ev.pop("quote", "")
            prefix = ev.pop("prefix", "")
            suffix = ev.pop("suffix", "")
            text = self.texts.get(source_id) if source_id else None
            if text is None:
                self.problem(here, f"no source text {source_id!r} to quote from")
                continue
            starts = resolve_quote(text, quote, prefix, suffix)
            if len(starts) != 1:
                found = "not found" if not starts else f"found {len(starts)} times"
                hint = "" if not starts else "; add a prefix or suffix that picks one"
                self.problem(here, f"quote {quote!r} {found} in source {source_id!r}{hint}")
                continue
            start = starts[0]
            item: Json = {
                "id": f"{record_id}-evidence-{j + 1}",
                "source_id": source_id,
                "start": start,
                "end": start + len(quote),
                "quote": quote,
            }
            item.update(unique_context(text, start, start + len(quote)))
            out.append({**item, **ev})
        return out

    def cited(self, where: str, record: Json, default_source: str | None, **extra: Any) -> Json:
        """A record with its evidence resolved and the derived fields in ``extra`` first."""
        body = {k: v for k, v in record.items() if k != "evidence"}
        record_id = str(extra.get("id", body.get("id", "")))
        evidence = self.evidence(where, record_id, record, default_source)
        return {**extra, **body, "evidence": evidence}

    # events

    def event(self, path: Path) -> Json:
        seed = self.read_toml(path)
        name = self.rel(path)
        source = seed.get("source")
        head = dict(seed.get("event", {}))
        event_id = head.get("id", "")
        event = self.cited(f"{name}: event", head, source)

        def children(kind: str, plural: str) -> list[Json]:
            return [
                self.cited(f"{name}: {plural}[{i}]", r, source, id=f"{event_id}-{kind}-{i + 1}")
                for i, r in enumerate(seed.get(plural, []))
            ]

        event["participations"] = children("participation", "participations")
        event["participants"] = children("participant", "participants")
        sessions = []
        for i, raw in enumerate(seed.get("sessions", [])):
            session_id = f"{event_id}-session-{i + 1}"
            where = f"{name}: sessions[{i}]"
            body = {k: v for k, v in raw.items() if k != "contributions"}
            session = self.cited(
                where, body, source, id=session_id, event_id=event_id, ordinal=i + 1
            )
            session["contributions"] = [
                self.cited(
                    f"{where}.contributions[{k}]",
                    c,
                    source,
                    id=f"{session_id}-contribution-{k + 1}",
                )
                for k, c in enumerate(raw.get("contributions", []))
            ]
            sessions.append(session)
        event["sessions"] = sessions
        event["statements"] = children("statement", "statements")
        event["references"] = children("reference", "references")
        event["source_ids"] = sorted(_cited_sources(event))
        return event

    def run(self) -> Catalog:
        if not self.seeds.is_dir():
            raise DatasetError([Problem("$", "no such folder")], origin=str(self.seeds))
        catalog = self.read_toml(self.seeds / "catalog.toml")
        sources = self.sources(catalog.get("sources", []))

        def records(file: str, key: str) -> list[Json]:
            seed = self.read_toml(self.seeds / file)
            return [
                self.cited(f"{file}: {key}[{i}]", r, seed.get("source"))
                for i, r in enumerate(seed.get(key, []))
            ]

        organizations = records("organizations.toml", "organizations")
        people = records("people.toml", "people")
        events = [self.event(p) for p in sorted((self.seeds / "events").glob("*.toml"))]
        if self.problems:
            raise DatasetError(self.problems, origin=str(self.seeds))
        document = {
            "schema_version": SCHEMA_VERSION,
            "data_version": catalog.get("data_version"),
            "events": sorted(events, key=lambda e: (e.get("start_date", ""), e.get("id", ""))),
            "organizations": sorted(organizations, key=lambda r: r.get("id", "")),
            "people": sorted(people, key=lambda r: r.get("id", "")),
            "topics": sorted(catalog.get("topics", []), key=lambda r: r.get("id", "")),
            "countries": sorted(catalog.get("countries", []), key=lambda r: r.get("code", "")),
            "sources": sorted(sources, key=lambda r: r.get("id", "")),
        }
        # Validate through JSON, exactly as a reader of the written file will.
        return Dataset(
            parse_catalog(_dumps(document), str(self.seeds)), origin=str(self.seeds)
        ).catalog


def _plain(value: Any) -> Any:
    """TOML values as JSON has them: a date, time or datetime literal becomes its ISO
    string, which the models read (``date = 2024-03-05`` works wherever a date goes)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date | datetime.time) else value


def _cited_sources(record: Any) -> set[str]:
    if isinstance(record, dict):
        found = {e["source_id"] for e in record.get("evidence", [])}
        for value in record.values():
            found |= _cited_sources(value)
        return found
    if isinstance(record, list):
        return set().union(*(_cited_sources(v) for v in record)) if record else set()
    return set()


def _dumps(document: Any) -> bytes:
    # Canonical form: UTF-8, two-space indent, keys in model order, one final newline.
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build(seeds: str | Path) -> Catalog:
    """Build and check the catalog from a seeds folder; raises `DatasetError`."""
    return _Builder(Path(seeds)).run()


def json_schema() -> Json:
    """The JSON Schema of `Catalog`, as shipped in ``data/catalog.schema.json``.

    Descriptions come from the docstrings, without their examples (which are for Python
    readers and would make the schema change with every doctest edit).

    Examples:
        >>> json_schema()["$defs"]["Topic"]["description"]
        'A term of the controlled topic vocabulary (editorial, not quoted).'
    """
    schema = Catalog.model_json_schema()

    def strip(node: Any) -> None:
        if isinstance(node, dict):
            text = node.get("description")
            if isinstance(text, str) and "\nExamples:\n" in text:
                node["description"] = text.split("\nExamples:\n", 1)[0].rstrip()
            for value in node.values():
                strip(value)
        elif isinstance(node, list):
            for value in node:
                strip(value)

    strip(schema)
    return schema


def render(catalog: Catalog) -> dict[str, bytes]:
    """The files the build writes, by name: the dataset, its sha256 and its JSON Schema."""
    data = _dumps(catalog.model_dump(mode="json"))
    digest = hashlib.sha256(data).hexdigest()
    return {
        DATA_FILE: data,
        DIGEST_FILE: f"{digest}  {DATA_FILE}\n".encode("ascii"),
        SCHEMA_FILE: _dumps(json_schema()),
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
        files = render(build(args.seeds))
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 1
    stale = [n for n, data in files.items() if _read(args.out / n) != data]
    if args.check:
        for name in stale:
            print(f"{args.out / name} differs from a fresh build", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.out / name).write_bytes(files[name])
    print(f"{len(stale)} file(s) written, {len(files) - len(stale)} unchanged, in {args.out}")
    return 0


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
