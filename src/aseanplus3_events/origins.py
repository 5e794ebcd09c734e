"""Where each built record came from in the seeds (file, table, how the user knows the
record), so that a problem at a JSON path of the built document is told as one line in
the seeds' terms: ``events/x.toml:52: session 2 “Sensors”: title: ...``."""

from __future__ import annotations

import re
from functools import partial
from typing import Any, NamedTuple

from .errors import Problem
from .text import missing_day, padded, stated

__all__ = ["DATES", "Origin", "Origins", "dates", "header", "kind", "label"]

_KINDS = {"people": "person", "participants": "participant group", "countries": "country"}


def kind(key: str) -> str:
    """The kind of record a seed table holds: ``sessions`` hold a ``session``."""
    return _KINDS.get(key, key.removesuffix("s"))


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
_PATH = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
DATES = "dates are written YYYY-MM-DD, such as "  # 2024-09-12, or the date meant


def dates(text: str) -> str:
    """What is wrong with the date in ``text``: a day its month lacks, or its format.

    Examples:
        >>> dates("start_date = 2025-09-31"), dates("end_date = 2024-3-5")[-18:]
        ('2025-09-31: September 2025 has 30 days', 'such as 2024-03-05')
    """
    m = re.search(r"\d{4}-\d\d?-\d\d?(?!\d)", text)
    if m and (why := missing_day(m[0])):
        return f"{m[0]}: {why}"
    # a date in words, read as a quote's ("September 12, 2025")
    said = [f"{d // 10000}-{d // 100 % 100}-{d % 100}" for d, e in stated([text])["day"] if d == e]
    return DATES + padded(m[0] if m else (said or [""])[0], "2024-09-12")


_NAMES = ("title", "name", "label", "organization_id", "person_id", "code")


class Origin(NamedTuple):
    """A record's seed file, its table's path in the file, how a message names it."""

    file: str
    table: tuple[str | int, ...]
    label: str
    derived: bool = False  # its id is made by the build


def label(table: tuple[str | int, ...], record: dict[str, Any], written_id: bool) -> str:
    """How a message names a record: ``organization x``, ``session 2 "Title"``, or
    ``session 2, contribution 1 "person-id"`` (a record inside another names both)."""
    what = kind(str([t for t in table if isinstance(t, str)][-1])) if table else ""
    if written_id and isinstance(record.get("id") or record.get("code"), str):
        return f"{what} {record.get('id') or record.get('code')}"
    position = f" {table[-1] + 1}" if isinstance(table[-1], int) else ""
    at = table[:-2]  # the tables holding it: ("sessions", 1) for a session's contribution
    what = "".join(f"{kind(k)} {n + 1}, " for k, n in zip(at[::2], at[1::2], strict=False)
                   if isinstance(k, str) and isinstance(n, int)) + what  # fmt: skip
    name = next((record[k] for k in _NAMES if isinstance(record.get(k), str)), "")
    name = f" “{name[:40]}{'…' if len(name) > 40 else ''}”" if name else ""
    return f"{what}{position}{name}".strip() or "the catalog"


class Origins:
    """The origins of the records of one build, found again by the records themselves."""

    def __init__(self) -> None:
        self._by_record: dict[int, tuple[dict[str, Any], Origin]] = {}
        self.texts: dict[str, str] = {}
        self.lossy: set[tuple[Origin, int]] = set()  # a record's quotes the build did not find
        self.meant: set[tuple[str, tuple[str | int, ...]]] = set()  # what a misspelt key was

    def add(self, record: dict[str, Any], origin: Origin) -> dict[str, Any]:
        self._by_record[id(record)] = (record, origin)  # the record is kept alive here
        return record

    def origin(self, record: dict[str, Any]) -> Origin:
        found = self._by_record.get(id(record))
        return found[1] if found else Origin("?", (), "a record")

    def where(self, origin: Origin, field: tuple[str | int, ...] = ()) -> str:
        """``file:line: record: field``, the start of a problem's line."""
        lines = self.texts.get(origin.file, "").splitlines()
        line = _line(lines, origin.table, field)
        place = f"{origin.file}:{line}" if line else origin.file
        name = "".join(f"[{f}]" if isinstance(f, int) else f".{f}" for f in field).lstrip(".")
        return f"{place}: {origin.label}" + (f": {name}" if name else "")

    def _find(self, document: Any, path: str) -> tuple[Origin | None, tuple[str | int, ...], Any]:
        """The record of ``document`` at JSON ``path`` that has an origin, the rest of
        the path in it, and the value at the path (None where there is none)."""
        steps: list[str | int] = [int(i) if i else k for k, i in _PATH.findall(path[1:])]
        node, found, rest = document, None, tuple(steps)
        for n in range(len(steps) + 1):
            if isinstance(node, dict) and id(node) in self._by_record:
                found, rest = self._by_record[id(node)][1], tuple(steps[n:])
            try:
                node = node[steps[n]] if n < len(steps) else node
            except (KeyError, IndexError, TypeError):
                return found, rest, None
        return found, rest, node

    def explain(self, document: Any, problem: Problem) -> Problem | None:
        """``problem`` (at a JSON path of ``document``) at its record's seed; None for a
        problem that only follows from another: a derived id or ``event_id`` is bad
        only where what it is made of is, and that is reported; and in a record with a quote
        the build did not find (`lossy`), a problem of its stand-in, of the ``source_ids``
        that the quote would have added to, or of a fact not in its evidence now; and one
        of what a misspelt key (told by the build) was `meant` to be, such as its "missing"."""
        found, rest, value = self._find(document, problem.path)
        if found is None:
            return problem
        path = (*found.table, *rest)
        if any(file == found.file and path[: len(m)] == m for file, m in self.meant):
            return None
        derived_id = rest[-1:] == ("id",) and (found.derived or len(rest) > 1)
        if derived_id or rest[-1:] == ("event_id",):
            return None
        lost = {("evidence", j) for origin, j in self.lossy if origin == found}
        if lost and (
            rest[:2] in lost or rest[:1] == ("source_ids",) or "evidence" in problem.message
        ):
            return None

        def place(match: re.Match[str]) -> str:
            origin, field, _ = self._find(document, match.group())
            return self.where(origin, field).split(": ")[0] if origin else match.group()

        sibling = partial(re.sub, r"\[\d+\](\.\w+)?$", string=problem.path)  # "first at [0]"
        message = re.sub(r"(?<=first at )\[\d+\]", lambda m: sibling(m.group()), problem.message)
        message = re.sub(r"\$(?:\.\w+|\[\d+\])+", place, message)
        return Problem(self.where(found, rest), _in_words(message, rest, value))


def _line(lines: list[str], table: tuple[str | int, ...], field: tuple[str | int, ...]) -> int:
    """The 1-based line of ``field`` of ``table`` in a seed file: each name is a table's
    header ([name], the nth [[name]]) where the file has one, else a key's line (``name =``),
    then an entry of its inline list; 0 if the file does not show ``table`` (made by the build)."""
    steps, line, end, prefix, inline = [*table, *field], -1, len(lines), "", False
    for n, step in enumerate(steps):
        nth = next((s for s in steps[n + 1 : n + 2] if isinstance(s, int)), 0)
        heads = [i for i in range(line + 1, end) if header(lines[i]) == prefix + str(step)]
        if isinstance(step, int) and not inline:
            continue  # the nth of the headers before
        if not inline and nth < len(heads):
            line, prefix = heads[nth], f"{prefix}{step}."
            outside = (i for i in range(line + 1, end) if not header(lines[i]).startswith(prefix))
            end = next((i for i in outside if header(lines[i])), end)
        elif n < len(table) and not inline:
            return line + 1 if n else 0
        elif isinstance(step, str):  # the first `step =` on its table's own lines
            own = next((i for i in range(line + 1, end) if header(lines[i])), end)
            key = re.compile(rf"\s*{re.escape(step)}\s*=")
            at = [i for i in range(max(line, 0), own) if key.match(lines[i])]
            line, inline = (at[0], True) if at else (line, inline)
        else:
            entries = [i for i in range(line + 1, end) if lines[i].strip()[:1] not in "#]"]
            line = entries[step] if step < len(entries) else line
    return line + 1 if lines and line >= 0 else 0


def header(line: str) -> str:
    """The name of the table a line heads ([name] or [[name]]), or ``""``."""
    return m.group(1) if (m := _HEADER.match(line)) else ""


def _in_words(message: str, field: tuple[str | int, ...], value: Any) -> str:
    """A message with the bad value (the schema's name it, `loading._message`) and what to do."""
    name = next((f for f in reversed(field) if isinstance(f, str)), "")
    if message == "Field required":
        example = '"iso-3166-1" (or another source of the code and name)'
        return f"missing: write {name} = {example if name == 'source_id' else '...'}"
    if message.startswith("unknown country "):  # the checker's words, for a JSON file too
        fix = "list it under [[countries]] in catalog.toml, with its name and source_id"
        return f"{message} Or {fix}" if message.endswith("?") else f"{message}: {fix}"
    scalar = isinstance(value, str | int | float | bool) and str(value)[:20].lower() not in (
        message.lower()  # (a bool is told as TOML writes it: true)
    )
    return f"{value!r}: {message}" if scalar else message
