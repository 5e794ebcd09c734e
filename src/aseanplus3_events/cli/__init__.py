"""The command line: ``aseanplus3-events`` (or ``python -m aseanplus3_events``).

Every subcommand reads through the public API and the exports, like any other caller.

How it behaves (terminals and pipes, encodings, ``-``, atomic writes, one-line errors,
the exit statuses `EXIT_STATUSES`) is docs/cli.md's, and ``--help``'s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from typing import Any, NoReturn

from aseanplus3_events import UnknownCountryError, __version__
from aseanplus3_events.dataset import Dataset, attendance_label, org_label
from aseanplus3_events.errors import DatasetError, NotFoundError, did_you_mean
from aseanplus3_events.loading import SCHEMA_FILE, read_bundled
from aseanplus3_events.models import Contribution, Event, Place
from aseanplus3_events.text import count, missing_day, padded

from . import files
from .files import PROG, STDIN, FileError, UsageError, file_error, load, write_file, write_folder
from .formats import FORMATS, ExportFormat
from .output import (
    SHOW_WIDTH,
    Row,
    WrittenError,
    emit,
    emit_bytes,
    flush,
    on_terminal,
    plain_streams,
    print_rows,
    silence_stderr,
    silence_stdout,
    table,
    tsv,
    uncut,
    wrap,
)

__all__ = [
    "EXIT_STATUSES",
    "FORMATS",
    "ExportFormat",
    "format_event",
    "main",
    "table",
    "tsv",
    "write_file",
    "write_folder",
]

#: Exit statuses, for scripts: (status, meaning).  ``--help`` and docs/cli.md list them.
EXIT_STATUSES: tuple[tuple[int, str], ...] = (
    (0, "done"),
    (
        1,
        "not found or not valid: an unknown id or topic, a dataset that fails its checks, "
        "a file that cannot be read or written",
    ),
    (2, "usage: a mistake in the command line"),
    (130, "interrupted (Ctrl-C)"),
    (141, "the reader of the output went away (a closed pipe, as after `| head`)"),
)
_NOT_FOUND, _USAGE, _INTERRUPTED, _CLOSED_PIPE = 1, 2, 130, 141


# --- the event summary -------------------------------------------------------------


#: What `show` adds to the participant groups where the source says whether they are all.
_PARTIAL: dict[bool | None, str] = {
    False: " (a partial list: “including …”)",
    True: " (the whole list)",
    None: "",
}


def _notes(event: Event) -> list[tuple[str, str]]:
    """The notes of the event and of the records `show` shows, by id (less the event's)."""
    records: list[Any] = [event, *event.participations, *event.participants]
    records += [*event.contributions, *event.sessions]
    records += [c for s in event.sessions for c in s.contributions]
    records += [*event.statements, *event.references]
    return [(r.id.removeprefix(f"{event.id}-"), r.note) for r in records if r.note is not None]


def format_event(event: Event, dataset: Dataset, width: int = SHOW_WIDTH) -> str:
    """A readable, plain-text summary of ``event``: what, when, who, its sessions, what
    was said or agreed (statements, verbatim), what it refers to, its quotes (`_evidence`).

    Lines wrap at ``width`` columns (a word longer than that, such as an id, is kept
    whole), continuing under the start of their text.

    Examples:
        >>> import aseanplus3_events as apt
        >>> from aseanplus3_events.cli import format_event
        >>> text = format_event(apt.get_event("apt-low-carbon-seminar-2023"), apt.default_dataset())
        >>> print(text.splitlines()[0])
        ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership
        >>> max(len(line) for line in text.splitlines()) <= 80
        True
    """
    items: list[tuple[str, str, int]] = []

    def line(prefix: str, text: str = "", indent: int | None = None) -> None:
        items.append((prefix, text, len(prefix) if indent is None else indent))

    def section(title: str) -> None:  # after a blank line
        items.extend((("", "", 0), (title, "", len(title))))

    line("", event.name)
    fields = _event_fields(event, dataset)
    label = max(map(len, fields)) + 2
    for name, value in fields.items():
        line(f"  {name + ':':<{label}}", value or "not stated")

    if event.participations:
        section("Organizations")
    role_width = max((len(p.role.value) for p in event.participations), default=0)
    for part in event.participations:
        words = _noted(event.id, [part], *[f'"{part.role_label}"'] * bool(part.role_label))
        role = f"  {part.role.value:<{role_width}}  "
        line(role, org_label(dataset, part.organization_id) + words)
    if event.participants:
        section("Participants" + _PARTIAL[event.participants_complete])
        who: dict[str, list[str]] = {}  # experts, officials, ... (the kind's first words)
        for group in event.participants:
            kind = group.kind.split("_from_")[0].replace("_", " ")
            who.setdefault(kind, []).append(group.label + _noted(event.id, [group]))
        groups = "; ".join(f"{kind}: {', '.join(labels)}" for kind, labels in who.items())
        line("  ", groups)
    if event.contributions:
        section("Contributions")
        _speakers(line, dataset, event.contributions, 2, event.id)
    if event.sessions:
        section("Sessions")
    days = event.end_date != event.start_date
    for session in event.sessions:
        day = f" ({session.start_date})" if days and session.start_date else ""
        line(f"  {session.ordinal}. ", session.heading + day + _noted(event.id, [session]))
        _speakers(line, dataset, session.contributions, 5, event.id)
    if event.statements:
        section("Statements")
    for st in event.statements:  # what was said, agreed, adopted: verbatim
        by = f" ({st.attributed_to})" if st.attributed_to else ""
        line(f"  {st.kind.value}{by}: ", st.text + _noted(event.id, [st]), indent=4)
    if event.references:
        section("References")
    for ref in event.references:
        what = " ".join(v.value for v in (ref.relation, ref.kind) if v)
        line(f"  {what}: ", ref.title + _noted(event.id, [ref]), indent=4)
    if notes := _notes(event):
        section("Notes (what the dataset reads into the text)")
    for record_id, note in notes:
        line(f"  {record_id}: ", note, indent=4)
    items += _evidence(event, dataset)  # and a blank line
    sources = [dataset.get_source(s).title for s in event.source_ids]
    line("Source: " if len(sources) == 1 else "Sources: ", "; ".join(sources), indent=2)

    return wrap(items, width)


def _evidence(event: Event, dataset: Dataset) -> list[tuple[str, str, int]]:
    """`format_event`'s section of the quotes that cite the event's own facts."""
    from .records import quote

    items = [("", "", 0), ("Evidence (the event's facts; `show ID` for others)", "", 0)]
    for first, *rest in (quote(e, dataset, " ".join(event.source_ids)) for e in event.evidence):
        items += [("  ", first, 2), *(("    ", text, 4) for text in rest)]
    return [*items, ("", "", 0)]


def _event_fields(event: Event, dataset: Dataset) -> dict[str, str | None]:
    """The event's facts for `format_event`, by label; what most events lack (a series, a
    super-event, attendance figures) only where stated."""
    when = " to ".join(dict.fromkeys(d.isoformat() for d in (event.start_date, event.end_date)))
    fields = {
        "id": event.id,
        "kind": event.kind.value,
        "date": when,
        "attendance_mode": event.attendance_mode.value if event.attendance_mode else None,
        "status": event.status.value if event.status else None,
        "series": ", ".join(  # an edition stated without its series' name too ("the 22nd")
            p for p in (event.series, f"#{event.edition}" if event.edition else None) if p
        ),
        "part_of": event.super_event_id and dataset.get_event(event.super_event_id).name,
        "location": _place(event.location, dataset) if event.location else None,
        "attendance": "; ".join(map(attendance_label, event.attendance)),
    }
    return {k: v for k, v in fields.items() if v or k not in ("series", "part_of", "attendance")}


def _speakers(
    line: Callable[..., None],
    ds: Dataset,
    contributions: Sequence[Contribution],
    at: int,
    event: str,
) -> None:
    """One line per person and role, with their posts and the notes of their
    contributions (by id less ``event``'s: ``session-1-contribution-2``)."""
    said: dict[tuple[str, str], list[Contribution]] = {}
    for c in contributions:
        said.setdefault((c.person_id, c.role.value), []).append(c)
    for (person_id, role), theirs in said.items():
        person = ds.get_person(person_id)
        name = " ".join(filter(None, (person.honorific_prefix, person.name)))
        line(f"{' ' * at}{role}: ", name + _noted(event, theirs, *_posts(ds, person_id)), at + 2)


def _noted(event_id: str, records: Sequence[Any], *words: str) -> str:
    """`` (words; see note ID)``: ``words`` and the ids (less the event's) of ``records``
    with a note, so that a reading is marked where `show` shows it; "" for neither."""
    notes = [r.id.removeprefix(f"{event_id}-") for r in records if r.note is not None]
    words += (f"see note{'s' * (len(notes) > 1)} {', '.join(notes)}",) * bool(notes)
    return f" ({'; '.join(words)})" if words else ""


def _place(place: Place, dataset: Dataset) -> str:
    country = place.address_country and dataset.get_country(place.address_country).name
    parts = (place.name, place.address_locality, place.address_region, country)
    return ", ".join(filter(None, parts))


def _posts(dataset: Dataset, person_id: str) -> list[str]:
    """A person's posts as "post, organization" strings."""
    person = dataset.get_person(person_id)
    return [
        ", ".join(x for x in (a.post, org_label(dataset, a.organization_id)) if x)
        for a in person.affiliations
    ]


# --- the commands --------------------------------------------------------------------


def _rows(records: Iterable[Any], columns: str, **computed: Callable[[Any], Any]) -> list[Row]:
    """A listing: a row per record, each column its field of that name (or ``computed``)
    as JSON holds it: a date in ISO form, a list as a list, a controlled value as its value."""

    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        return list(value) if isinstance(value, tuple) else getattr(value, "value", value)

    names = columns.split()
    return [{n: computed[n](r) if n in computed else plain(getattr(r, n)) for n in names}
            for r in records]  # fmt: skip


def _events(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    if args.since and args.until and args.since > args.until:  # valid, as in list_events
        print(f"{PROG}: --since {args.since} is after --until {args.until}: only events running "
              f"from {args.until} through {args.since} are listed; for those between, swap them",
              file=sys.stderr)  # fmt: skip
    filters = {option[2:]: getattr(args, option[2:]) for option, _, _ in _EVENT_FILTERS}
    filters["topic"] = args.topic and uncut(args.topic, [t.id for t in ds.topics()])
    try:
        events = ds.list_events(**filters)
    except UnknownCountryError as exc:  # a real code (VN) may be absent: name those there are
        there = ", ".join(f"{c.code} ({c.name})" for c in ds.countries())
        text = f"--country {args.country!r}: not a country of the dataset, which has {there}"
        raise WrittenError(text) from exc
    return _rows(events, "id start_date end_date kind attendance_mode name")


def _sessions(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    if args.topic is not None:
        sessions = ds.sessions_by_topic(uncut(args.topic, [t.id for t in ds.topics()]))
    else:
        sessions = tuple(s for e in ds.list_events() for s in e.sessions)
    return _rows(sessions, "id event_id ordinal topics title", title=lambda s: s.heading)


def _search(ds: Dataset, args: argparse.Namespace) -> list[Row]:
    query = " ".join(args.text)
    hits = ds.search(query, kind=args.kind, limit=args.limit)
    if not hits:  # said on stderr: the output stays empty, and the status 0 (a valid answer)
        from aseanplus3_events.fulltext import documents, suggest

        close = ", ".join(map(repr, suggest(query, documents(ds.catalog))))
        hint = f"closest: {close}" if close else "nothing close"
        hint += "; fewer words may find more" if len(args.text) > 1 and not close else ""
        print(f"{PROG}: no hits for {query!r}; {hint}", file=sys.stderr)
    if args.json:
        return [h.model_dump() for h in hits]
    # on a terminal the snippet, matched words between **; piped, the record's plain text
    shown = "snippet" if on_terminal() else "text"
    return [
        {"score": f"{h.score:.3g}", "kind": h.kind, "id": h.id, shown: getattr(h, shown)}
        for h in hits
    ]


_SEARCH_RULES = """\
how words match:
  - every word must occur in the same record; quotes are not needed, and nothing \
    typed is special ("AND", "*", quotes are plain words; an emoji is no word)
  - case, accents and English endings do not count: "markets" finds "Market", \
    "Mao's" finds "Mao", "Ha Noi" and "Da Nang" find the names with their accents
  - punctuation between words does not count: "low carbon" finds "Low-Carbon", \
    and "region's" finds it written with a curly apostrophe

how hits are ranked:
  best first (BM25): a word in a record's name or title counts most, then one in \
  its text (a statement, a summary, a description), then one in what it links to \
  (a session's topics, a speaker's name) or in its note; equal scores keep the \
  dataset's order. On a terminal, the snippet marks matched words with **; \
  piped, each hit's last cell is the record's whole text, unmarked (for grep); \
  --json gives both, as "text" and "snippet".

kinds:
  {kinds}

example:
  aseanplus3-events search carbon markets --kind session
"""


def _search_kind(value: str) -> str:
    from aseanplus3_events.fulltext import check_kind

    try:
        check_kind(value)
    except NotFoundError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


#: The options of `events`, the filters of `Dataset.list_events`.
_EVENT_FILTERS = (
    ("--kind", "KIND", "only events of this kind (seminar, dialogue, ...)"),
    ("--country", "COUNTRY", "only events held in COUNTRY or with groups or bodies from it"),
    ("--topic", "TOPIC", "only events with a session on this topic"),
    ("--since", "YYYY-MM-DD", "only events running on a day on or after this date"),
    ("--until", "YYYY-MM-DD", "only events running on a day on or before this date"),
)


def _search_limit(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or int(value) < 1:  # not "²"
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {value!r}")
    return int(value)


def _show(ds: Dataset, args: argparse.Namespace) -> None:
    width = min(shutil.get_terminal_size().columns, SHOW_WIDTH) if on_terminal() else SHOW_WIDTH
    from .records import find_record, format_record

    record_id = getattr(args, "record_id", None)  # none without a command
    record = ds.get_event() if record_id is None else find_record(ds, record_id)
    show = format_event if isinstance(record, Event) else format_record
    emit(show(record, ds, width) + "\n")  # type: ignore[arg-type]


def _export(ds: Dataset, args: argparse.Namespace) -> None:
    fmt, to_stdout = FORMATS[args.format], args.out in (None, "-")
    if to_stdout and fmt.folder is not None:
        problem = "writes a folder: give it with --out FOLDER"
        raise UsageError(f"--format {args.format} {problem}", _EXPORT)
    if to_stdout and fmt.binary and on_terminal():
        problem = "is binary: give --out FILE, or redirect the output to a file"
        raise UsageError(f"--format {args.format} {problem}", _EXPORT)
    read = []  # what the export reads, which it does not write, --force or not
    if not to_stdout:
        read = files.not_read(args.out, args.dataset, fmt.folder is not None)
    if fmt.file is not None and not to_stdout:  # before the suffix: `--out dir` is no dir.xlsx
        files.not_a_folder(args.out, fmt.example)
    if fmt.suffixes and not to_stdout and not args.out.lower().endswith(fmt.suffixes):
        such = f"{' or '.join(fmt.suffixes)}, such as {args.out}{fmt.suffixes[0]}"
        message = f"--format {args.format} writes a file whose name ends in {such}"
        raise UsageError(f"--out {args.out}: {message}", _EXPORT)
    try:
        _write_export(ds, args, fmt, read)
    except ModuleNotFoundError as exc:
        if fmt.extra is None:
            raise
        from aseanplus3_events.exports import install_hint

        raise FileError(
            f"--format {args.format} needs {exc.name}, which is not installed; "
            f"install it with: {install_hint(fmt.extra)}"
        ) from None
    except ValueError as exc:  # a value the format cannot hold (an xlsx cell's limits)
        raise FileError(f"--format {args.format}: {exc}") from None


def _write_export(
    ds: Dataset, args: argparse.Namespace, fmt: ExportFormat, read: list[tuple[str, str]]
) -> None:
    if (folder := fmt.folder) is not None:
        n = write_folder(args.out, lambda out: folder(out, ds, args), args.force, read)
        print(f"wrote {count(n, 'file')} to {args.out}", file=sys.stderr)
        return
    assert fmt.file is not None  # a format writes a folder or a file
    if args.out in (None, "-"):
        emit_bytes(fmt.file(ds, args))
        return
    if fmt.beside is not None:  # first, before the work: being there, it stops the export
        name, beside = fmt.beside(ds, args.out)
        if os.path.isdir(there := os.path.join(os.path.dirname(args.out), name)):
            raise FileError(
                f"{there}: is a folder, not a file; --format {args.format} writes a file {name} "
                "beside --out: move or rename the folder, or give --out in another folder"
            )
        it = f"--out {args.out}: would write {there} beside it, which "
        files.refuse(there, read, it, "give --out in another folder")
        write_file(there, beside, keep=not args.force)
    write_file(args.out, fmt.file(ds, args), example=fmt.example)
    print(f"wrote {args.out}", file=sys.stderr)
    if fmt.beside is not None:
        print(f"wrote {name} beside it", file=sys.stderr)


# --- the parser ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors.  The messages read the options from their
    declarations (`_COMMANDS`, `_GLOBAL`), so that they need nothing of argparse's internals."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)

    def print_help(self, file: Any = None) -> None:
        # help into a closed pipe ends like any output (argparse ignores a failed write);
        # argparse gives no file (-h, --help), and nothing else calls this
        self.description, self.epilog = (t and _fit(t) for t in (self.description, self.epilog))
        emit(self.format_help())


def _unknown(what: str, value: str, choices: Collection[str]) -> str:
    """The message for a value that is none of ``choices``: the closest, or them all."""
    hint = did_you_mean(value, choices, n=1) or "; choose from " + ", ".join(choices)
    return f"unknown {what} {value!r}{hint}"


def _choice(choices: Collection[str], option: str) -> Callable[[str], str]:
    """An argument type of export: one of ``choices``, else a usage error naming the closest."""

    def check(value: str) -> str:
        if value not in choices:
            raise UsageError(_unknown(f"value for {option}", value, choices), _EXPORT)
        return value

    return check


def _date(option: str) -> Callable[[str], date]:
    """An argument type: a date written YYYY-MM-DD, else a usage error saying how."""

    def check(value: str) -> date:
        try:
            return date.fromisoformat(value if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else "")
        except ValueError:
            why = missing_day(value) or f"write YYYY-MM-DD, such as {padded(value, '2023-07-14')}"
            message = f"{option}: {value!r} is not a date: {why}"
            raise UsageError(message, f"{PROG} events") from None

    return check


def _command_word(argv: Sequence[str]) -> str | None:
    """The command in ``argv``: its first word that is neither an option nor the value
    of a global option (``--dataset FILE``)."""
    takes_value = {s for flags, options in _GLOBAL if "action" not in options for s in flags}
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word in takes_value:
            next(words, None)
        elif not word.startswith("-") or word == "-":
            return word
    return None


def _help_table(pairs: Sequence[tuple[object, str]]) -> str:
    """Two columns for a help text, a row a line: names, and descriptions (`_fit` wraps them)."""
    width = max(len(str(name)) for name, _ in pairs) + 2
    return "\n".join(f"  {name!s:<{width}}{text}" for name, text in pairs)


def _fit(text: str) -> str:
    """A help text written a paragraph or an item a line (a backslash ends a line of the
    source inside one) wrapped to the terminal, as argparse wraps its own, at most 79
    columns: an item's lines keep its indent, a table row's ("  NAME  text") or a bullet's
    ("  - text") its text's column, and a command line (an example) stays whole."""
    items = []
    for line in text.splitlines():
        whole = line.lstrip().startswith(PROG + " ")
        prefix = line if whole else re.sub(r"^( *(\S+  +|- )?).*", r"\1", line)
        items.append((prefix, " ".join(line[len(prefix) :].split()), len(prefix)))
    return wrap(items, min(shutil.get_terminal_size().columns, 80) - 1)


_DASH_NOTE = "A value that starts with '-' goes after '--', as in:\n  {prog} -- {example}"
#: What the note shows, by command: a value of the kind that command takes.
_DASH_EXAMPLES = {"search": "-carbon", "validate": "-my-events.json"}
_EPILOG = f"""\
Without a command: show the most recent event.  The global options (--dataset, \
--version) may also follow the command.

Output: on a terminal, tables fit its width (COLUMNS wins) and long cells end in \
an ellipsis; into a pipe or a file, each row is one line of tab-separated cells, \
with no header.  --json prints JSON (UTF-8) for machines.  FILE '-' is standard \
input or output.

Exit status:
{_help_table(EXIT_STATUSES)}

{_DASH_NOTE.format(prog=f"{PROG} search", example=_DASH_EXAMPLES["search"])}"""


#: The commands that print rows (`print_rows`): the dataset and the arguments -> the rows.
LISTINGS: dict[str, Callable[[Dataset, argparse.Namespace], list[Row]]] = {
    "events": _events,
    "sessions": _sessions,
    "topics": lambda ds, args: _rows(
        ds.topics(), "id sessions aliases label", sessions=lambda t: len(ds.sessions_by_topic(t))
    ),
    "orgs": lambda ds, args: _rows(ds.organizations(), "id kind country parent_id name"),
    "people": lambda ds, args: _rows(
        ds.people(), "id name posts", posts=lambda p: _posts(ds, p.id)
    ),
    "countries": lambda ds, args: _rows(ds.countries(), "code name alternate_names"),
    "search": _search,
}


_Argument = tuple[tuple[str, ...], dict[str, Any]]


def _arg(*flags: str, **options: Any) -> _Argument:
    """One argument of a command: what ``add_argument`` is given."""
    return flags, options


_JSON = _arg("--json", action="store_true", help="print JSON, for machines")
_EXPORT = f"{PROG} export"  # the command whose --help explains a bad value
#: Every command (in the order --help lists them): its help line and its arguments.
_COMMANDS: dict[str, tuple[str, list[_Argument]]] = {
    "show": ("a readable summary of a record (the default command)", [_arg(
        "record_id", nargs="?", metavar="ID",
        help="the id of an event, session, organization, person, topic, source, country "
        "(its code), statement, ... as the listings and search give them (default: the most "
        "recent event)",
    )]),
    "events": ("list the events, by date", [
        *(_arg(option, metavar=metavar, help=text,
               type=_date(option) if metavar == "YYYY-MM-DD" else str)
          for option, metavar, text in _EVENT_FILTERS), _JSON,
    ]),
    "sessions": ("list sessions, all or on one topic", [
        _arg("--topic", help="only sessions on this topic: its id, label or alias"), _JSON,
    ]),
    "topics": ("list the topic vocabulary, with how many sessions each has", [_JSON]),
    "orgs": ("list the organizations", [_JSON]),
    "people": ("list the people, with their posts", [_JSON]),
    "countries": ("list the countries, by code, that --country and show take", [_JSON]),
    "search": ("find records holding every word of TEXT, best first", [
        _arg("text", nargs="+", metavar="TEXT", help="words to find; quotes are not needed"),
        _arg("--kind", type=_search_kind, help="only records of this kind (below)"),
        _arg("--limit", type=_search_limit, metavar="N", help="only the N best hits"), _JSON,
    ]),
    "export": ("write the data in another format: " + ", ".join(FORMATS), [
        _arg("--format", required=True, type=_choice(FORMATS, "--format"),
             metavar="FORMAT", help="one of: " + ", ".join(FORMATS) + " (what each writes: below)"),
        _arg("--out", metavar="PATH",
             help="the file or the folder to write, by format (below); missing folders are "
             "created; a file format goes to standard output without --out, or with --out -"),
        _arg("--context", type=_choice(["embedded", "schema.org"], "--context"),
             metavar="{embedded,schema.org}", default="embedded",
             help="jsonld: embed the context (default; no network needed to read it) or write "
             '"@context": "https://schema.org" (for web pages); the same RDF either way'),
        _arg("--force", action="store_true", help="replace the files an export names itself "
             "(a folder's, sqlite's metadata.json) where they exist with other contents; never "
             "the --dataset file or a seeds folder's files, which export refuses to write"),
    ]),
    "cite": ("how to cite the data, with its version (the bundled: and the package's)", [
        _arg("--style", choices=["text", "bibtex", "cff"], default="text",  # citation.STYLES
             help="default: text; cff: a CITATION.cff for a dataset of your own"),
    ]),
    "schema": ("print the JSON Schema of the dataset file", []),
    "validate": ("check a dataset file and list its problems (a repeated one: 5 times)", [
        _arg("file", metavar="FILE", help="the dataset file (JSON); '-': standard input"),
    ]),
    "init": ("write a seeds folder that builds at once, with its guide", [
        _arg("folder", metavar="FOLDER", help="a new or empty folder"),
    ]),
    "quote": ("find words in a source: where, and how to quote them", [
        _arg("source", metavar="SOURCE", help="a source text file, or a source id of the dataset"),
        _arg("words", nargs="+", metavar="WORDS", help="the words; quotes not needed"),
    ]),
    "build": ("build a dataset file from a seeds folder", [
        _arg("seeds_dir", metavar="SEEDS_DIR", nargs="+",
             help="the seeds folder: catalog.toml, organizations.toml, people.toml, events/"),
        _arg("--out", metavar="FILE",
             help="where to write the dataset file (JSON); '-': standard output"),
        _arg("--check", action="store_true", help="build and check, write nothing"),
        _arg("--strict", action="store_true", help="the editorial rules are errors, not warnings"),
        _arg("--beside", action="append", metavar="DATASET",
             help="build with the records of this dataset file ('bundled': the bundled one); "
             "an id used for two different records is an error"),
    ]),
}  # fmt: skip


def _epilog(command: str, arguments: list[_Argument]) -> str | None:
    """What a command's --help says after its arguments (made when its parser is): what
    export writes, how search matches, and how to give a value that starts with '-'."""
    parts = []
    if command == "search":  # the kinds as fulltext declares them, so that none is left out
        from aseanplus3_events.fulltext import KINDS

        parts.append(_SEARCH_RULES.format(kinds=", ".join(KINDS)))
    if command == "export":
        writes = [(name, fmt.writes) for name, fmt in FORMATS.items()]
        parts.append("What --out receives, by format:\n" + _help_table(writes))
    positional = [options["metavar"] for flags, options in arguments if flags[0][0] != "-"]
    if positional and positional != ["ID"]:  # (no id starts with '-')
        example = _DASH_EXAMPLES.get(command, "-" + positional[0].lower())
        parts.append(_DASH_NOTE.format(prog=f"{PROG} {command}", example=example))
    return "\n".join(parts) or None


#: The global options, accepted before or after the command: a command's copy has no
#: default (SUPPRESS), so that it does not undo one given before the command.
_GLOBAL = (
    _arg("--version", action="store_true", help="show the package and data versions, and exit"),
    _arg("--dataset", metavar="FILE",
         help="query this dataset file (JSON; '-': standard input) instead of the bundled one"),
)  # fmt: skip


def _parser(argv: Sequence[str] | None = None) -> _Parser:
    """The parser: every command's, or only what ``argv`` needs: the command it names, or
    none (the default, show, takes no argument) unless it asks for --help.  Each command's
    parser costs argparse a locale lookup per text it translates: 14 took 3% of a listing."""
    parser = _Parser(
        prog=PROG,
        description="ASEAN Plus Three (10+3) cooperation events as citable data.\n"
        "Also run as: python -m aseanplus3_events",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for flags, options in _GLOBAL:
        parser.add_argument(*flags, **options)
    only = None if argv is None else _command_word(argv)
    if argv is not None and only is None and not any(a.startswith(("-h", "--h")) for a in argv):
        only = ""
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
        title="commands",
        help="one of these (default: show); COMMAND --help tells more",
    )

    for name, (help_text, arguments) in _COMMANDS.items():
        if only is not None and name != only:
            continue
        new = sub.add_parser(
            name,
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            epilog=_epilog(name, arguments),
        )
        for flags, options in _GLOBAL:  # a command that refuses --dataset does not offer it
            refused = flags[0] == "--dataset" and name in _NO_DATASET
            hidden = {"help": argparse.SUPPRESS} if refused else {}
            new.add_argument(*flags, **options | hidden, default=argparse.SUPPRESS)
        for flags, options in arguments:
            new.add_argument(*flags, **options)
    return parser


def _option_strings(*commands: str) -> list[str]:
    """The options of the program and of ``commands``, as declared (and argparse's -h)."""
    arguments = [*_GLOBAL, *(argument for name in commands for argument in _COMMANDS[name][1])]
    return ["-h", "--help", *(s for flags, _ in arguments for s in flags if s.startswith("-"))]


def _unrecognized(first: str, command: str | None) -> str:
    """One line for the first argument nothing took: the closest option, or what the
    command takes (and, if a value of it may start with '-': not an id, how to pass one)."""
    prog = " ".join(filter(None, (PROG, command)))
    options = _option_strings(*filter(None, [command]))
    takes = [o["metavar"] for f, o in _COMMANDS[command][1] if f[0][0] != "-"] if command else []
    listed = ", ".join(o for o in options if o.startswith("--"))
    if first.startswith("-") and first != "-":
        if near := did_you_mean(first.split("=", 1)[0], options, n=1):
            return f"unknown option {first!r}{near}"
        dash = f" (for a value, write: {prog} -- {first})" if takes and "ID" not in takes else ""
        dash += f"; for JSON: {PROG} export --format json" * (f"{first} {command}" == "--json show")
        return f"unknown option {first!r}; {prog} takes {listed}{dash}"
    if takes:
        return f"unexpected argument {first!r}; {prog} takes one {takes[0]} (quote one with spaces)"
    cite = f"; a record's quotes, to cite it: {PROG} show {first}" * prog.endswith(" cite")
    return f"unexpected argument {first!r}; {prog} takes no argument, only {listed}{cite}"


def _dash_hint(message: str, argv: Sequence[str]) -> str:
    """A required value is missing and the user gave something starting with '-': it
    was read as an option.  Say how to pass it (``--`` before it, or ``--topic=-x``)."""
    value = None
    if (option := re.fullmatch(r"argument (\S+): expected one argument", message)) is not None:
        at = next((i for i, a in enumerate(argv) if a in option[1].split("/")), len(argv))
        if argv[at + 1 :] and argv[at + 1].startswith("-"):
            value = argv[at + 1]
            fixed = " ".join([PROG, *argv[:at], f"{argv[at]}={value}", *argv[at + 2 :]])
    elif message.startswith("the following arguments are required"):
        known = set(_option_strings(*_COMMANDS))
        dashed = [a for a in argv if a.startswith("-") and a not in ("-", "--")]
        value = next((a for a in dashed if a.split("=", 1)[0] not in known), None)
        command = next((a for a in argv if not a.startswith("-")), "")
        fixed = " ".join(x for x in (PROG, command, "--", value or "") if x)
    if value is None:
        return message
    return f"{message} ({value!r} was read as an option; for a value, write: {fixed})"


def _run(argv: Sequence[str]) -> int:
    command = _command_word(argv)
    if command is not None and command not in _COMMANDS:
        raise UsageError(_unknown("command", command, list(_COMMANDS)))
    try:
        args, extras = _parser(argv).parse_known_args(argv)
    except UsageError as exc:
        raise UsageError(_dash_hint(str(exc), argv), exc.prog) from None
    except SystemExit as exc:  # --help: its text is flushed by main(), like any output
        return exc.code if isinstance(exc.code, int) else 0
    if extras:
        prog = " ".join(filter(None, (PROG, args.command)))
        raise UsageError(_unrecognized(extras[0], args.command), prog)
    if args.version:
        emit(f"{PROG} {__version__} (data {load(args.dataset).data_version})\n")
        return 0
    command = args.command or "show"
    if args.dataset is not None and command in _NO_DATASET:
        message = f"{command} does not read --dataset; {_NO_DATASET[command]}"
        raise UsageError(message, f"{PROG} {command}")
    if command in ("build", "init", "quote"):
        from . import publish  # it imports difflib, shutil...: only these commands need it

        getattr(publish, command)(args)
    elif command == "schema":
        emit_bytes(read_bundled(SCHEMA_FILE))  # the build wrote it: no schema generated here
    elif command == "validate":
        checked = load(args.file, then=f"{PROG} validate {{}}")  # main() reports a DatasetError
        name = STDIN if args.file == "-" else args.file
        emit(f"{name}: valid ({count(len(checked.list_events()), 'event')})\n")
    elif command in LISTINGS:
        ds = load(args.dataset)
        print_rows(LISTINGS[command](ds, args), args.json, lambda: _record_ids(ds))
    elif command == "cite":
        emit(load(args.dataset).cite(args.style) + "\n")
    elif command == "show":
        _show(load(args.dataset), args)
    else:
        _export(load(args.dataset), args)
    return 0


#: The commands that read no dataset, and what to give them instead of --dataset.
_NO_DATASET = {
    "build": "to build beside a dataset, give --beside FILE",
    "init": "it writes a seeds folder from the package's template",
    "schema": "it prints the schema every dataset file follows",
    "validate": f"give the file itself: {PROG} validate FILE",
}


def _record_ids(ds: Dataset) -> Collection[str]:
    """The ids `show` finds: a table cuts each id unlike any of them (`uncut`)."""
    from .records import by_id  # on a terminal only: a pipe has no table

    return by_id(ds).keys()


#: How many problems of one message are listed; the rest are counted.
_LIKE = 5


def _dataset_error(exc: DatasetError) -> str:
    """One line for one problem (a missing file, say), its origin first unless its path
    already starts with it (a seed file's); else a count and every problem, but of one
    message (a mistake repeated in every record) only the first `_LIKE` and a count."""
    if len(exc.problems) == 1:
        (problem,) = exc.problems
        if problem.path.startswith(exc.origin):
            return str(problem)
        return f"{exc.origin}: " + (problem.message if problem.path == "$" else str(problem))
    lines, seen = [f"{exc.origin}: {len(exc.problems)} problems"], Counter[str]()
    for problem in exc.problems:
        seen[problem.message] += 1
        lines += [f"  {problem}"] if seen[problem.message] <= _LIKE else []
    lines += [f"  and {n - _LIKE:,} more like it: {m}" for m, n in seen.items() if n > _LIKE]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit
    status (see `EXIT_STATUSES`).

    Examples:
        >>> from aseanplus3_events.cli import main
        >>> main(["--version"])
        aseanplus3-events ... (data ...)
        0
    """
    with plain_streams():
        try:
            status = _run([_as_typed(arg) for arg in sys.argv[1:]] if argv is None else argv)
            flush()  # inside the try: a closed pipe is found here, not at exit
            return status
        except BrokenPipeError:  # (any OSError of errno EPIPE is one)
            # The reader (head, less) has gone: stop quietly, as Python's documentation on
            # SIGPIPE advises, with a status of its own.
            silence_stdout()
            silence_stderr()
            return _CLOSED_PIPE
        except KeyboardInterrupt:
            # A terminal has echoed "^C": start a line of our own.
            newline = "\n" if sys.stderr is not None and sys.stderr.isatty() else ""
            print(f"{newline}{PROG}: interrupted", file=sys.stderr)
            return _INTERRUPTED
        except NotFoundError as exc:
            status, message = _NOT_FOUND, exc.message(python=False)
        except (FileError, WrittenError) as exc:
            status, message = _NOT_FOUND, str(exc)
        except DatasetError as exc:
            status, message = _NOT_FOUND, _dataset_error(exc)
        except UsageError as exc:
            # Point to the help where the message does not already say what to type.
            status, message = _USAGE, str(exc)
            if not re.search("did you mean|write:|such as", message):
                message += f" (see: {exc.prog} --help)"
        except OSError as exc:
            if exc.filename is None:
                raise
            status, message = _NOT_FOUND, str(file_error(exc.filename, exc))
        try:
            print(f"{PROG}: error: {message}", file=sys.stderr)
        except OSError as exc:  # stderr's reader is gone too (`2>&1 | head`), or its disk full
            silence_stdout(sys.stderr)
            return _CLOSED_PIPE if isinstance(exc, BrokenPipeError) else status
        return status


def _as_typed(arg: str) -> str:
    """An argument as the user typed it.  Under a locale that says ASCII (``LC_ALL=C``)
    Python decodes the bytes of ``région`` into lone surrogates; terminals send UTF-8
    whatever the locale says, so bytes that are valid UTF-8 are read as UTF-8."""
    if arg.isascii() or not any("\udc80" <= char <= "\udcff" for char in arg):
        return arg
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeDecodeError:
        return arg
