"""Output for the command line: terminals, pipes and encodings.

On a terminal, tables fit its width; into a pipe, rows stay whole, tab-separated.
Into a pipe or a file, all is UTF-8; on a terminal, human text degrades to its encoding.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Collection, Iterator
from typing import Any

from aseanplus3_events.atomic import json_bytes

from .files import PROG, FileError, file_error

__all__ = [
    "SHOW_WIDTH",
    "Row",
    "WrittenError",
    "emit",
    "emit_bytes",
    "flush",
    "on_terminal",
    "plain_streams",
    "print_rows",
    "silence_stderr",
    "silence_stdout",
    "table",
    "terminal_ellipsis",
    "tsv",
    "uncut",
    "wrap",
]

Row = dict[str, Any]
#: Where summaries wrap: a classic terminal's width, readable on any wider one.
SHOW_WIDTH = 80


# Characters a legacy encoding (ASCII, cp437, cp1252...) may lack, and what to write
# instead; anything else without a decomposition to ASCII becomes "?".
_PLAIN = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"')
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-")
    | dict.fromkeys("\u00a0\u2009\u202f", " ")
    | {"\u2026": "...", "\u00b7": ".", "\u2022": "*"}
)
_ERRORS = "aseanplus3-events-plain"
#: What the CLI writes around the data (quote marks, a cut's ellipsis): simplified without
#: a note.  Any other character simplified is the data's, and `plain_streams` says so.
_FRAME = frozenset("\u201c\u201d\u2026")
_simplified = False  # since `plain_streams` began


def _plain(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the closest plain text for what the encoding cannot hold."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    global _simplified
    from aseanplus3_events.text import spelled  # (only where a terminal lacks a letter)

    out = []
    for char in error.object[error.start : error.end]:
        text = char.translate(_PLAIN)
        if text == char:  # a letter without its marks, or in its ASCII spelling (Đ: D)
            text = "".join(
                c
                for c in unicodedata.normalize("NFKD", spelled(char))
                if not unicodedata.combining(c)
            )
        try:
            text.encode(error.encoding)
        except (UnicodeEncodeError, LookupError):
            text = "?"
        out.append(text or "?")
        _simplified = _simplified or char not in _FRAME
    return "".join(out), error.end


codecs.register_error(_ERRORS, _plain)


@contextlib.contextmanager
def plain_streams() -> Iterator[None]:
    """Output into a pipe or a file is UTF-8 whatever the locale says (as JSON is: data
    is never changed); on a terminal, human output degrades instead of failing on
    characters its encoding lacks; messages (stderr) escape them as ``ascii()`` does,
    never showing a value as another; where the data was simplified, a note on stderr says
    so.  The streams are left as they were found (for a caller of `main` in its own
    process)."""
    global _simplified
    _simplified = False
    changed = []
    for stream, handler in ((sys.stdout, _ERRORS), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper) and stream.errors != handler:
            changed.append((stream, stream.encoding, stream.errors))
            utf8 = stream is sys.stdout and not stream.isatty()
            stream.reconfigure(encoding="utf-8" if utf8 else None, errors=handler)
    try:
        yield
    finally:
        if _simplified:
            with contextlib.suppress(OSError, ValueError):
                sys.stdout.flush()
                note = "some text above is simplified for this terminal, whose encoding lacks it"
                print(f"{PROG}: note: {note}; exact (UTF-8) in a pipe or a file", file=sys.stderr)
        for stream, encoding, errors in changed:
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(encoding=encoding, errors=errors)


def silence_stdout(stream: Any = None) -> None:
    """Point stdout (or ``stream``) at devnull: what is still buffered for a closed pipe
    or a full disk is dropped, so that the interpreter's final flush does not fail again
    at exit (Python then exits 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, (stream or sys.stdout).fileno())
        os.close(devnull)


def silence_stderr() -> None:
    """Point stderr at devnull (`silence_stdout`) if what it holds cannot be written: its
    reader is gone too (``2>&1 | head``)."""
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        silence_stdout(sys.stderr)


def _stdout() -> Any:
    if sys.stdout is None:
        raise FileError("standard output: is closed; run the command with an output")
    return sys.stdout


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """A failed write to stdout as one line (`FileError`); a closed pipe as it is."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise file_error("standard output", exc) from None


def emit(text: str) -> None:
    """Write human text to stdout (the stream's encoding, degraded where it must)."""
    with _writing():
        _stdout().write(text)


def emit_bytes(data: bytes) -> None:
    """Write bytes to stdout as they are: JSON is UTF-8 whatever the locale says."""
    stream = _stdout()
    with _writing():
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream, such as a test's StringIO
            stream.write(data.decode("utf-8"))
        else:
            buffer.write(data)


def flush() -> None:
    if sys.stdout is not None:
        with _writing():
            sys.stdout.flush()


def on_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def wrap(items: list[tuple[str, str, int]], width: int) -> str:
    """Each (first-line prefix, text, continuation indent) wrapped at ``width`` columns,
    a word longer than that (an id) kept whole; an empty text is its prefix alone."""
    out: list[str] = []
    for prefix, text, indent in items:
        if not text:
            out.append(prefix.rstrip())
            continue
        out += textwrap.wrap(
            text,
            width=width,
            initial_indent=prefix,
            subsequent_indent=" " * indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(out)


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (East Asian) characters take two,
    combining marks none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def terminal_ellipsis() -> str:
    """The ellipsis, or what the encoding of stdout holds instead (`_plain`: "...")."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return "\u2026".encode(encoding, _ERRORS).decode(encoding)


def _clip(text: str, width: int, ellipsis: str) -> str:
    """``text`` cut to ``width`` columns, ending in ``ellipsis`` when cut."""
    if _width(text) <= width:
        return text
    room = width - _width(ellipsis)
    if room < 0:
        return ellipsis[:width]
    kept, used = [], 0
    for char in text:
        used += _width(char)
        if used > room:
            break
        kept.append(char)
    return "".join(kept) + ellipsis


def _clip_snippet(text: str, width: int, ellipsis: str) -> str:
    """A search snippet cut to ``width`` columns so that its first matched word (between
    ``**``) shows: the words before it give way first, then the end (of the match too,
    if it is wider than the column)."""
    end = text.find("**", text.find("**") + 2) + 2
    starts = [0] + [i + 1 for i, char in enumerate(text[:end]) if char == " "]
    room = width - 2 * _width(ellipsis)
    start = next((i for i in starts if _width(text[i:end]) <= room), starts[-1])
    if end < 2 or _width(text[:end]) <= width - _width(ellipsis) or not start:
        return _clip(text, width, ellipsis)
    return _clip(ellipsis + text[start:], width, ellipsis)


def _clip_middle(text: str, width: int, ellipsis: str) -> str:
    """An id cut to ``width`` columns in its middle: ids that share a start
    (``ministry-of-...-department``) still differ where they end."""
    room = width - _width(ellipsis)
    if room < 2 or not text.isascii() or len(text) <= width:
        return _clip(text, width, ellipsis)  # (which keeps a text that fits whole)
    head = (room + 1) // 2
    return text[:head] + ellipsis + text[len(text) - (room - head) :]


class WrittenError(Exception):
    """A value the CLI cannot use, in a message it writes whole (exit status 1)."""


def uncut(value: str, ids: Collection[str]) -> str:
    """``value``, or the one of ``ids`` it is a cut of, as `table` cuts them (``apt-cl…ion-1``,
    or ``apt-c...on-1`` where the terminal lacks ``…``): an id longer than the cut, that
    starts with what is before the ellipsis and ends with what is after it.  Not a cut,
    an id itself or a cut of none: ``value``.  Raises `WrittenError` naming them when
    several ids fit it.

    Examples:
        >>> uncut("apt-cl…ion-1", ["apt-clean-session-1", "apt-coastal-session-1"])
        'apt-clean-session-1'
    """
    head, cut, tail = value.partition("\u2026" if "\u2026" in value else "...")
    if not cut or value in ids:
        return value
    kept = len(head) + len(tail)
    fits = [i for i in ids if len(i) > kept and i.startswith(head) and i.endswith(tail)]
    if len(fits) > 1:
        more = f" and {len(fits) - 3} more" * (len(fits) > 3)
        shown = ", ".join(map(repr, fits[:3]))
        raise WrittenError(f"cut id {value!r} fits {len(fits)} ids: {shown}{more}")
    return fits[0] if fits else value


def _fit(
    natural: list[int], values: list[int], columns: list[str], floors: list[int], total: int
) -> list[int]:
    """Column widths that fit ``total`` columns (0: dropped), for ``natural`` widths that do
    not.  Each column first gets its floor (``floors``: ids as wide as it takes to tell
    them from other ids once cut in their middle by `_clip_middle`; short values other
    than texts, their width: a date is whole or left out, never ``2023-07…``); what is
    left goes, in turn, to short ``values`` (dates, codes, kinds), to texts people read (`_READ`),
    to ids and lists, and last to headers wider than their values; within a turn, the
    narrowest need first.  Too narrow for every floor, the key (``id``, what ``show``
    takes) comes first, whole if the terminal holds it; then texts people read, short
    values and the rest keep their floor while it fits, and the others are dropped: a
    column cut to ``…`` tells nothing (pipes show all)."""
    count = len(natural)
    small = [w <= _SHORT or c in _WORDS for w, c in zip(values, columns, strict=True)]
    turns = (
        [i for i in range(count) if small[i]],
        [i for i, c in enumerate(columns) if c in _READ and not small[i]],
        [i for i, c in enumerate(columns) if c not in _READ and not small[i]],
    )
    short = [s and c not in _READ for s, c in zip(small, columns, strict=True)]
    least = [w if s else min(w, f) for w, f, s in zip(values, floors, short, strict=True)]
    fitted = list(least)
    if sum(least) + 2 * (count - 1) > total:
        key = columns.index("id") if "id" in columns else 0
        fitted = [0] * count
        fitted[key] = used = min(values[key], max(total, 1))
        for i in (i for i in (*turns[1], *turns[0], *turns[2]) if i != key):
            if used + 2 + least[i] <= total:
                fitted[i], used = least[i], used + 2 + least[i]
    room = total - sum(fitted) - 2 * (sum(map(bool, fitted)) - 1)
    for turn, goal in zip((*turns, range(count)), (values, values, values, natural), strict=True):
        # water-filling: the narrowest need is met first, the rest share what is left
        turn = [i for i in turn if fitted[i]]
        for n, i in enumerate(sorted(turn, key=lambda i: goal[i] - fitted[i])):
            extra = min(goal[i] - fitted[i], room // (len(turn) - n))
            fitted[i] += extra
            room -= extra
    return fitted


def _cutter(column: str) -> Callable[[str, int, str], str]:
    """How a column's long cells are cut: ids in their middle, search snippets around
    their first match, the rest at their end."""
    return (
        _clip_middle if column.endswith("id") else _clip_snippet if column == "snippet" else _clip
    )


def _floor(column: str, values: list[str], ellipsis: str, known: Collection[str]) -> int:
    """The narrowest a column may be cut to: for an id column of distinct values, the
    width at which each, cut in their middle, is the cut of no other value and no other
    ``known`` id (rows can be told apart, and `uncut` finds each again)."""
    least = _ID if column == "id" else _NARROWEST
    if not column.endswith("id") or len(set(values)) < len(values):
        return least
    widest, pool = max(map(_width, values), default=0), {*values, *known}
    for w in range(least, widest):
        cut = {v: _clip_middle(v, w, ellipsis) for v in pool}
        shown = {cut[v] for v in values}
        pool = {v for v in pool if cut[v] in shown}  # cut unlike them here: so when wider
        if len(pool) == len(shown) == len(values):
            return w
    return max(widest, least)


#: The narrowest a column gets while the terminal allows it; a row's own id, wider.
_NARROWEST = 8
_ID = 12
#: A column whose values are this short (a date, a code, a kind) is cut last.
_SHORT = 12
#: Columns of controlled words (``participation``): short values, however long.
_WORDS = frozenset({"kind", "role", "status", "attendance_mode", "relation"})
#: The columns people read: they keep their width before ids and lists do.
_READ = frozenset({"name", "title", "label", "snippet", "text", "posts"})


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def table(
    rows: list[Row],
    width: int | None = None,
    ellipsis: str = "\u2026",
    known: Callable[[], Collection[str]] = tuple,
) -> str:
    """Rows as aligned columns under a header, for a terminal ``width`` columns wide
    (no limit when None); cut cells end in ``ellipsis``; a cut id is the cut of no other
    value of its column nor of any id ``known()`` gives (called only if ids are cut).
    An empty list is ``(none)``.

    Examples:
        >>> from aseanplus3_events.cli import table
        >>> print(table([{"id": "a", "title": "A long title"}], width=12))
        id  title
        --  --------
        a   A long …
    """
    if not rows:
        return "(none)"
    columns = list(rows[0])
    cells = [[cell(row[c]) for c in columns] for row in rows]
    natural = [max(_width(c), *(_width(r[i]) for r in cells)) for i, c in enumerate(columns)]
    widths = natural
    if width is not None and sum(natural) + 2 * (len(columns) - 1) > width:
        # Fitting weighs the values more than the headers: a long header may be cut to
        # `_NARROWEST` (``attenda…``), a date should not be.
        values = [
            max(min(_width(c), _NARROWEST), *(_width(r[i]) for r in cells))
            for i, c in enumerate(columns)
        ]
        ids = known()
        floors = [_floor(c, [r[i] for r in cells], ellipsis, ids) for i, c in enumerate(columns)]
        widths = _fit(natural, values, columns, floors, width)
    lines = []
    for line in [columns, ["-" * w for w in widths], *cells]:
        cut = [
            (_cutter(c)(v, w, ellipsis), w)
            for c, v, w in zip(columns, line, widths, strict=True)
            if w
        ]
        lines.append("  ".join(v + " " * (w - _width(v)) for v, w in cut).rstrip())
    return "\n".join(lines)


def tsv(rows: list[Row]) -> str:
    """Rows as tab-separated lines, no header: whole cells for ``cut``, ``grep``,
    ``sort``.  A tab or line break inside a cell becomes a space.  No rows, no lines.

    Examples:
        >>> from aseanplus3_events.cli import tsv
        >>> tsv([{"id": "a", "topics": ["x", "y"]}, {"id": "b", "topics": []}])
        'a\\tx, y\\nb\\t\\n'
    """
    clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
    return "".join("\t".join(cell(v).translate(clean) for v in row.values()) + "\n" for row in rows)


def print_rows(rows: list[Row], as_json: bool, known: Callable[[], Collection[str]]) -> None:
    """``rows`` as JSON, a `table` on a terminal (ids cut unlike any ``known()``), or `tsv`."""
    if as_json:
        emit_bytes(json_bytes(rows))
    elif on_terminal():
        emit(table(rows, shutil.get_terminal_size().columns, terminal_ellipsis(), known) + "\n")
    else:
        emit(tsv(rows))
