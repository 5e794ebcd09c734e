"""The notebook view: the HTML card Jupyter shows for an `Event`, a `SearchHit` and a
`Dataset` (their ``_repr_html_``).  Every text is escaped; no script, no style sheet.

Examples:
    >>> import aseanplus3_events as apt
    >>> "<strong>ASEAN Plus Three" in apt.get_event()._repr_html_()
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from html import escape
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .models import Evidence

if TYPE_CHECKING:
    from .dataset import Dataset
    from .models import Event, SearchHit

__all__ = ["dataset_card", "event_card", "hit_card"]

_BOX = "border:1px solid #8888;border-radius:6px;padding:.5em .9em;margin:.3em 0;max-width:46em"
_DIM = "opacity:.7;font-size:smaller"


def _card(kicker: str, title: str, rows: Iterable[tuple[str, str]]) -> str:
    """A card: ``kicker`` (small) over ``title``, then labelled rows (already HTML)."""
    body = "".join(
        f'<tr><th style="text-align:left;vertical-align:top;padding-right:1em">{escape(k)}</th>'
        f'<td style="text-align:left">{v}</td></tr>'
        for k, v in rows
    )
    return (
        f'<div style="{_BOX}"><div style="{_DIM}">{escape(kicker)}</div>'
        f"<strong>{escape(title)}</strong><table>{body}</table></div>"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def cited_facts(record: BaseModel) -> int:
    """How many quotes (`Evidence`) ``record`` and the records inside it carry."""
    count = 0
    for name in type(record).model_fields:
        value = getattr(record, name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Evidence):
                count += 1
            elif isinstance(item, BaseModel):
                count += cited_facts(item)
    return count


def event_card(event: Event, name: Callable[[str], str] | None = None) -> str:
    """The card of ``event``: name, dates, place, organizations, sessions, cited facts.

    ``name`` gives an organization's name from its id (a `Dataset` knows them); without
    it, the card shows the ids, as the event itself holds only those.
    """
    dates = event.start_date.isoformat()
    if event.end_date != event.start_date:
        dates += f" to {event.end_date.isoformat()}"
    how = ", ".join(str(v) for v in (event.attendance_mode, event.status) if v is not None)
    orgs = "<br>".join(
        f"{escape(str(p.role))}: {escape(name(p.organization_id) if name else p.organization_id)}"
        for p in event.participations
    )
    sessions = "".join(f"<li>{escape(s.title)}</li>" for s in event.sessions)
    rows = [
        ("Dates", escape(dates + (f" ({how})" if how else ""))),
        ("Place", escape(event.location) if event.location else "<em>not stated</em>"),
        ("Organizations", orgs or "<em>none stated</em>"),
        ("Sessions", f'<ol style="margin:0">{sessions}</ol>' if sessions else "<em>none</em>"),
        (
            "Cited facts",
            f"{cited_facts(event)} quotes from {_count(len(event.source_ids), 'source')}",
        ),
    ]
    return _card(f"{event.kind} · {event.id}", event.name, rows)


def hit_card(hit: SearchHit) -> str:
    """The card of a search hit: its kind, id, score and snippet, matched words marked."""
    snippet = re.sub(r"\*\*(.+?)\*\*", r"<mark>\1</mark>", escape(hit.snippet))
    rows = [("Score", f"{hit.score:.3g}")]
    if hit.event_id is not None:
        rows.append(("Event", escape(hit.event_id)))
    return _card(f"{hit.kind} · search hit", hit.id, [*rows, ("Matched", snippet)])


def dataset_card(ds: Dataset, origin: str, most: int = 5) -> str:
    """The card of a dataset read from ``origin``: versions, what it holds, and the cards
    of its first ``most`` events."""
    catalog = ds.catalog
    counts: Mapping[str, int] = {
        "events": len(catalog.events),
        "sessions": sum(len(e.sessions) for e in catalog.events),
        "organizations": len(catalog.organizations),
        "people": len(catalog.people),
        "sources": len(catalog.sources),
        "cited facts": cited_facts(catalog),
    }
    rows = [
        ("Versions", escape(f"data {catalog.data_version}, schema {catalog.schema_version}")),
        ("Holds", escape(", ".join(f"{n} {what}" for what, n in counts.items()))),
    ]
    events = catalog.events[:most]
    more = len(catalog.events) - len(events)
    cards = "".join(event_card(e, lambda i: ds.get_organization(i).name) for e in events)
    tail = f'<div style="{_DIM}">and {more} more events</div>' if more else ""
    return _card("dataset", origin, rows) + cards + tail
