"""The command line: ``aseanplus3-events`` (or ``python -m aseanplus3_events``).

Every subcommand reads through the public API, like any other caller.  Exit codes: 0
done, 1 not found or invalid, 2 usage.  A user's error prints one line on stderr, never
a traceback; output piped into ``head`` ends quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from .dataset import Dataset
from .errors import DatasetError, NotFoundError
from .loading import default_dataset, load_dataset
from .models import Event, OrganizationKind

__all__ = ["format_event", "main"]

Row = dict[str, Any]


def format_event(event: Event, dataset: Dataset) -> str:
    """A readable, plain-text summary of ``event``: what, when, who, and its sessions.

    Examples:
        >>> import aseanplus3_events as apt
        >>> from aseanplus3_events.cli import format_event
        >>> print(format_event(apt.get_event(), apt.default_dataset()).splitlines()[0])
        ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership
    """

    def org_name(org_id: str) -> str:
        return _org_label(dataset, org_id)

    when = event.start_date.isoformat()
    if event.end_date != event.start_date:
        when += f" to {event.end_date.isoformat()}"
    lines = [
        event.name,
        f"  id:       {event.id}",
        f"  date:     {when}",
        f"  format:   {event.attendance_mode.value if event.attendance_mode else 'not stated'}",
        f"  status:   {event.status.value if event.status else 'not stated'}",
        f"  location: {event.location or 'not stated'}",
        "",
        "Organisations",
    ]
    width = max((len(p.role.value) for p in event.participations), default=0)
    for part in event.participations:
        label = f' ("{part.role_label}")' if part.role_label else ""
        lines.append(f"  {part.role.value:<{width}}  {org_name(part.organization_id)}{label}")
    if event.participants:
        lines += ["", "Participants from"]
        lines.append("  " + ", ".join(group.label for group in event.participants))
    lines += ["", "Sessions"]
    for session in event.sessions:
        lines.append(f"  {session.ordinal}. {session.title}")
        speakers = dict.fromkeys((c.person_id, c.role.value) for c in session.contributions)
        for person_id, role in speakers:
            posts = "; ".join(_posts(dataset, person_id))
            name = dataset.get_person(person_id).name
            lines.append(f"     {role}: {name}" + (f" ({posts})" if posts else ""))
    sources = ", ".join(dataset.get_source(s).title for s in event.source_ids)
    lines += ["", f"Source: {sources}"]
    return "\n".join(lines)


def _org_label(dataset: Dataset, org_id: str) -> str:
    # A department's name ("International Cooperation Department") is ambiguous
    # without the body it belongs to.
    org = dataset.get_organization(org_id)
    if org.kind is OrganizationKind.DEPARTMENT and org.parent_id is not None:
        return f"{org.name}, {dataset.get_organization(org.parent_id).name}"
    return org.name


def _posts(dataset: Dataset, person_id: str) -> list[str]:
    """A person's posts as "post, organisation" strings."""
    person = dataset.get_person(person_id)
    return [
        ", ".join(x for x in (a.post, _org_label(dataset, a.organization_id)) if x)
        for a in person.affiliations
    ]


# --- listings ----------------------------------------------------------------------


def _table(rows: list[Row]) -> str:
    """Rows as aligned columns under a header; the last column is not padded."""
    if not rows:
        return "(none)"
    columns = list(rows[0])
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = [columns, ["-" * w for w in widths], *cells]
    return "\n".join(
        "  ".join(v.ljust(w) for v, w in zip(line[:-1], widths, strict=False)) + "  " + line[-1]
        if len(line) > 1
        else line[0]
        for line in lines
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _events(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    return [
        {
            "id": e.id,
            "start_date": e.start_date.isoformat(),
            "end_date": e.end_date.isoformat(),
            "kind": e.kind.value,
            "attendance_mode": e.attendance_mode and e.attendance_mode.value,
            "name": e.name,
        }
        for e in ds.list_events()
    ]


def _sessions(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    if args.topic is not None:
        sessions = ds.sessions_by_topic(args.topic)
    else:
        sessions = tuple(s for e in ds.list_events() for s in e.sessions)
    return [
        {
            "id": s.id,
            "event_id": s.event_id,
            "ordinal": s.ordinal,
            "topics": list(s.topics),
            "title": s.title,
        }
        for s in sessions
    ]


def _topics(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    return [
        {
            "id": t.id,
            "sessions": len(ds.sessions_by_topic(t)),
            "aliases": list(t.aliases),
            "label": t.label,
        }
        for t in ds.topics()
    ]


def _orgs(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    return [
        {
            "id": o.id,
            "kind": o.kind and o.kind.value,
            "country": o.country,
            "parent_id": o.parent_id,
            "name": o.name,
        }
        for o in ds.organizations()
    ]


def _people(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    return [
        {
            "id": p.id,
            "name": p.name,
            "posts": _posts(ds, p.id),
        }
        for p in ds.people()
    ]


def _search(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    hits = ds.search(" ".join(args.text), kind=args.kind, limit=args.limit)
    if args.json:
        return [h.model_dump() for h in hits]
    return [
        {"score": f"{h.score:.2f}", "kind": h.kind, "id": h.id, "snippet": h.snippet} for h in hits
    ]


_SEARCH_RULES = """\
how words match:
  every word must occur in the same record; quotes are not needed, and nothing
  typed is special ("AND", "*", quotes are plain words)
  case, accents and English endings do not count: "markets" finds "Market",
  "Ha Noi" finds the name with its accents
  punctuation between words does not count: "low carbon" finds "Low-Carbon",
  and "region's" finds it written with a curly apostrophe

how hits are ranked:
  best first (BM25): a word in a record's name or title counts most, then one in
  its text (a statement, a summary, a description), then one in what it links to
  (a session's topics, a speaker's name) or in its note; equal scores keep the
  dataset's order. The snippet marks matched words with **.

kinds: event, session, contribution, statement, reference, participation,
  participant_group, organization, person, topic, country

example:
  aseanplus3-events search carbon markets --kind session
"""


def _search_kind(value: str) -> str:
    """``--kind``: one of the kinds search knows, else a usage error naming the closest."""
    from .fulltext import check_kind

    try:
        check_kind(value)
    except NotFoundError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


def _search_limit(value: str) -> int:
    """``--limit``: a whole number of 1 or more."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {value!r}")
    return int(value)


# --- the other commands --------------------------------------------------------------


def _show(ds: Dataset, args: argparse.Namespace) -> int:
    print(format_event(ds.get_event(args.event_id), ds))
    return 0


def _export(ds: Dataset, args: argparse.Namespace) -> int:
    from .exports import tables

    fmt = args.format
    if fmt in ("csv", "datapackage"):
        if args.out is None:
            raise _UsageError(f"--format {fmt} writes a folder: give it with --out DIR")
        if fmt == "csv":
            written = tables.write_csv(args.out, ds)
            print(f"wrote {len(written)} CSV files to {args.out}", file=sys.stderr)
        else:
            path = tables.write_datapackage(args.out, ds)
            print(f"wrote {path}", file=sys.stderr)
        return 0
    if fmt == "json":
        text = ds.catalog.model_dump_json(indent=2) + "\n"
    else:
        from .exports.jsonld import to_jsonld

        graph = [to_jsonld(e, ds) for e in ds.list_events()]
        for node in graph:
            del node["@context"]
        text = _dumps({"@context": "https://schema.org", "@graph": graph})
    if args.out is None:
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _schema(ds: Dataset | None, args: argparse.Namespace) -> int:
    from .build import json_schema

    sys.stdout.write(_dumps(json_schema()))
    return 0


def _validate(ds: Dataset | None, args: argparse.Namespace) -> int:
    checked = load_dataset(args.file)  # a DatasetError is reported by main()
    events = len(checked.list_events())
    print(f"{args.file}: valid ({events} event{'s' if events != 1 else ''})")
    return 0


def _build(ds: Dataset | None, args: argparse.Namespace) -> int:
    from .build import build, render

    catalog = build(args.seeds_dir)  # a DatasetError is reported by main()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render(catalog)["catalog.json"])
    print(f"wrote {out} ({len(catalog.events)} events)", file=sys.stderr)
    return 0


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- the parser ------------------------------------------------------------------------


class _UsageError(Exception):
    """A usage mistake found after parsing; exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: the user sees what is wrong at once.
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


Listing = Callable[[Dataset, argparse.Namespace], list[Row]]
LISTINGS: dict[str, tuple[Listing, str]] = {
    "events": (_events, "list the events, by date"),
    "sessions": (_sessions, "list sessions, optionally on one topic"),
    "topics": (_topics, "list the topic vocabulary"),
    "orgs": (_orgs, "list the organisations"),
    "people": (_people, "list the people"),
    "search": (_search, "find records holding every word of TEXT, best first"),
}


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aseanplus3-events",
        description="ASEAN Plus Three (10+3) cooperation events as citable data.",
        epilog="Without a command: show the most recent event.",
    )
    parser.add_argument("--version", action="store_true", help="show the package and data versions")
    parser.add_argument(
        "--dataset", metavar="FILE", help="query this dataset file instead of the bundled one"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    show = sub.add_parser("show", help="a readable summary of an event (default: the latest)")
    show.add_argument("event_id", nargs="?", metavar="EVENT_ID")
    for name, (_, help_text) in LISTINGS.items():
        listing = sub.add_parser(name, help=help_text, description=help_text)
        if name == "sessions":
            listing.add_argument("--topic", help="a topic id, label or alias")
        if name == "search":
            listing.epilog = _SEARCH_RULES
            listing.formatter_class = argparse.RawDescriptionHelpFormatter
            listing.add_argument(
                "text", nargs="+", metavar="TEXT", help="words to find; quotes are not needed"
            )
            listing.add_argument(
                "--kind", type=_search_kind, help="only records of this kind (below)"
            )
            listing.add_argument(
                "--limit", type=_search_limit, metavar="N", help="only the N best hits"
            )
        listing.add_argument("--json", action="store_true", help="print JSON, for machines")
    export = sub.add_parser("export", help="write the data as json, jsonld, csv or datapackage")
    export.add_argument("--format", required=True, choices=["json", "jsonld", "csv", "datapackage"])
    export.add_argument(
        "--out", metavar="PATH", help="a file (json, jsonld; default stdout) or folder (csv, ...)"
    )
    sub.add_parser("schema", help="print the JSON Schema of the dataset file")
    validate = sub.add_parser("validate", help="check a dataset file; list every problem")
    validate.add_argument("file", metavar="FILE")
    build = sub.add_parser("build", help="build a dataset file from a seeds folder")
    build.add_argument("seeds_dir", metavar="SEEDS_DIR")
    build.add_argument("--out", required=True, metavar="FILE")
    return parser


def _run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    if args.version:
        from . import __version__

        print(f"aseanplus3-events {__version__} (data {_dataset(args).data_version})")
        return 0
    command = args.command or "show"
    if command == "show" and args.command is None:
        args.event_id = None
    if command in ("schema", "validate", "build"):
        handler = {"schema": _schema, "validate": _validate, "build": _build}[command]
        return handler(None, args)
    ds = _dataset(args)
    if command in LISTINGS:
        rows = LISTINGS[command][0](ds, args)
        print(_dumps(rows) if args.json else _table(rows), end="" if args.json else "\n")
        return 0
    return {"show": _show, "export": _export}[command](ds, args)


def _dataset(args: argparse.Namespace) -> Dataset:
    return default_dataset() if args.dataset is None else load_dataset(args.dataset)


def _dataset_error(exc: DatasetError) -> str:
    """One line for one problem (a missing file, say); else a count and every problem."""
    head = f"aseanplus3-events: error: {exc.origin}: "
    if len(exc.problems) == 1:
        (problem,) = exc.problems
        return head + (problem.message if problem.path == "$" else str(problem))
    return head + f"{len(exc.problems)} problems\n" + "\n".join(f"  {p}" for p in exc.problems)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        return _run(sys.argv[1:] if argv is None else argv)
    except NotFoundError as exc:
        print(f"aseanplus3-events: error: {exc}", file=sys.stderr)
        return 1
    except DatasetError as exc:
        print(_dataset_error(exc), file=sys.stderr)
        return 1
    except _UsageError as exc:
        print(f"aseanplus3-events: error: {exc} (see --help)", file=sys.stderr)
        return 2
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            # The reader (head, less) has gone: stop quietly.  Point stdout at devnull
            # so that the interpreter's final flush does not complain either.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        where = f": {exc.filename}" if exc.filename else ""
        print(f"aseanplus3-events: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
