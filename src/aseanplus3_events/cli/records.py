"""What ``show ID`` prints for a record other than an event: any record found by its id
(`find_record`), summed up in plain text (`format_record`)."""

from __future__ import annotations

import contextlib
from typing import Any

from pydantic import BaseModel

from aseanplus3_events.dataset import Dataset, org_label
from aseanplus3_events.errors import NotFoundError
from aseanplus3_events.models import Country, Evidence, Organization, Source
from aseanplus3_events.quoting import position
from aseanplus3_events.text import count

from .output import SHOW_WIDTH, uncut, wrap

__all__ = ["RecordNotFoundError", "by_id", "find_record", "format_record", "quote"]


class RecordNotFoundError(NotFoundError):
    """`show` found no record of this id."""

    what = "id"

    def _listing(self, python: bool) -> str:
        listings = "`events`, `sessions`, `orgs`, `people`, `topics` and `countries`"
        return f"{listings} list ids, `search` finds them"


def by_id(ds: Dataset) -> dict[str, Any]:
    """Every record with an id (a country's: its code) by id, in document order, then every
    evidence: found through the models' fields, so that no kind of record is left out."""
    from aseanplus3_events.exports.annotations import records

    keys = ((r.code if isinstance(r, Country) else getattr(r, "id", None), r)
            for r in records(ds.catalog))  # fmt: skip
    found = {key: record for key, record in keys if isinstance(key, str)}
    return found | {v.id: v for r in list(found.values()) for v in getattr(r, "evidence", ())}


def find_record(ds: Dataset, record_id: str) -> BaseModel:
    """The record `show` shows: any record by its id (as `by_id`) or by a cut of it
    (`uncut`: ``WrittenError`` when several fit), a topic by any of its names, a country by
    its code in any case; else `RecordNotFoundError` naming the closest (evidence aside)."""
    records = by_id(ds)
    record_id = uncut(record_id, records.keys())
    if record_id in records:
        return records[record_id]  # type: ignore[no-any-return]
    for lookup in (ds.get_topic, ds.get_country):
        with contextlib.suppress(NotFoundError):
            return lookup(record_id)
    names = {k: (_heading(r),) for k, r in records.items() if not isinstance(r, Evidence)}
    raise RecordNotFoundError(record_id, names, names=names)


def _heading(record: BaseModel) -> str:
    for name in ("name", "heading", "title", "label", "quote"):
        if isinstance(text := getattr(record, name, None), str) and text:
            return text
    return type(record).__name__


def quote(evidence: Evidence, dataset: Dataset, sources: str) -> list[str]:
    """How to cite one quote: its id; the fields it supports, where it stands (as the
    `quote` command says it) and in which source if several; the quote itself."""
    source = dataset.get_source(evidence.source_id)
    line, column = position(source.text or "", evidence.start)
    items = f" ({', '.join(evidence.items)})" if evidence.items else ""
    where = f"line {line}, column {column} (characters {evidence.start}-{evidence.end})"
    where += f" of {source.id}" if source.id != sources else ""
    return [evidence.id, f"for {', '.join(evidence.fields)}{items}: {where}", f"“{evidence.quote}”"]


def format_record(record: BaseModel, dataset: Dataset, width: int = SHOW_WIDTH) -> str:
    """A readable summary of a record other than an event: what it is called, then each
    field stated (an id with the name of what it names; each nested record on a line of
    its own), the quotes that cite it (`quote`), and a source's whole text.

    Examples:
        >>> import aseanplus3_events as apt
        >>> from aseanplus3_events.cli.records import format_record
        >>> print(format_record(apt.get_person("julia-mao"), apt.default_dataset()))
        Julia Mao
          id:            julia-mao
          affiliations:  International Cooperation Department, International Institute
                         of Green Finance, Director
          evidence:      1 quote from article-apt-low-carbon-seminar-2023
                         julia-mao-evidence-1
                         for name, affiliations: line 4, column 131 (characters
                         1730-1845)
                         “Julia Mao, the Director of the International Cooperation
                         Department at the International Institute of Green Finance”
    """
    records = by_id(dataset)
    names = {k: org_label(dataset, k) if isinstance(r, Organization) else _heading(r)
             for k, r in records.items()}  # fmt: skip
    heading = _heading(record)

    def plain(value: object, field: str, nested: bool = False) -> list[str]:
        if isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
            return [line for v in value for line in plain(v, field)]
        if isinstance(value, tuple):
            return ["; ".join(t for v in value for t in plain(v, field, nested))]
        if isinstance(value, BaseModel):
            shown = [(f, getattr(value, f)) for f in type(value).model_fields]
            skip = ("evidence", "id", "note")
            return [", ".join(plain(v, f, True)[0] for f, v in shown if f not in skip and v)]
        text = str(value)  # a str enum as its value
        if (
            not field.endswith(("_id", "_ids", "topics", "country"))
            or names.get(text, text) == text
        ):
            return [text]
        return [names[text] if nested else f"{text} ({names[text]})"]

    fields = {f: plain(v, f) for f in type(record).model_fields
              if (v := getattr(record, f)) not in (None, (), "", heading)
              and f != "evidence" and not (f == "text" and isinstance(record, Source))}  # fmt: skip
    if evidence := getattr(record, "evidence", ()):
        sources = ", ".join(dict.fromkeys(e.source_id for e in evidence))
        fields["evidence"] = [f"{count(len(evidence), 'quote')} from {sources}"]
        fields["evidence"] += [line for e in evidence for line in quote(e, dataset, sources)]
    label = max(map(len, fields)) + 3
    items = [("", heading, 0)]
    for f, lines in fields.items():
        items += [(f"  {f + ':' if n == 0 else '':<{label}}", text, label + 2)
                  for n, text in enumerate(lines)]  # fmt: skip
    text = wrap(items, width)
    return text + f"\n\n{record.text}" if isinstance(record, Source) and record.text else text
