"""The notebook view: the HTML card Jupyter shows for an `Event`, a `SearchHit` and a
`Dataset` (their ``_repr_html_``).  Every text is escaped; no script, no style sheet.

Examples:
    >>> import aseanplus3_events as apt
    >>> "<strong>ASEAN Plus Three" in apt.get_event()._repr_html_()
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .models import Evidence

if TYPE_CHECKING:
    from .dataset import Dataset
    from .models import Event, SearchHit

_BOX = "border:1px solid #8888;border-radius:6px;padding:.5em .9em;margin:.3em 0;max-width:46em"
_TH = "text-align:left;vertical-align:top;padding-right:1em"


def _card(kicker: str, title: str, rows: list[tuple[str, str]]) -> str:
    """``kicker`` (small) over ``title``, then labelled rows (their values already HTML)."""
    body = "".join(f'<tr><th style="{_TH}">{k}</th><td style="text-align:left">{v}</td></tr>'
                   for k, v in rows)  # fmt: skip
    return (f'<div style="{_BOX}"><div style="opacity:.7;font-size:smaller">{escape(kicker)}'
            f"</div><strong>{escape(title)}</strong><table>{body}</table></div>")  # fmt: skip


def cited_facts(record: BaseModel) -> int:
    """How many quotes (`Evidence`) ``record`` and the records inside it carry."""
    count = 0
    for name in type(record).model_fields:
        value = getattr(record, name)
        for item in value if isinstance(value, tuple) else (value,):
            count += 1 if isinstance(item, Evidence) else 0
            count += cited_facts(item) if isinstance(item, BaseModel) else 0
    return count


def event_card(event: Event, name: Callable[[str], str] | None = None) -> str:
    """The card of ``event``: name, dates, place, organizations, sessions, cited facts;
    ``name`` gives an organization's name from its id (else the card shows the id)."""
    dates = event.start_date.isoformat()
    if event.end_date != event.start_date:
        dates += f" to {event.end_date.isoformat()}"
    how = ", ".join(str(v) for v in (event.attendance_mode, event.status) if v is not None)
    orgs = "<br>".join(
        escape(f"{p.role}: {name(p.organization_id) if name else p.organization_id}")
        for p in event.participations
    )
    sessions = "".join(f"<li>{escape(s.heading)}</li>" for s in event.sessions)
    place = event.location and ", ".join(p for p in event.location.model_dump().values() if p)
    sources = len(event.source_ids)
    return _card(f"{event.kind} · {event.id}", event.name, [
        ("Dates", escape(dates + (f" ({how})" if how else ""))),
        ("Place", escape(place) if place else "<em>not stated</em>"),
        ("Organizations", orgs or "<em>none stated</em>"),
        ("Sessions", f'<ol style="margin:0">{sessions}</ol>' if sessions else "<em>none</em>"),
        ("Cited facts", f"{cited_facts(event)} quotes from {sources} source"
                        + ("s" if sources > 1 else "")),
    ])  # fmt: skip


def hit_card(hit: SearchHit) -> str:
    """The card of a search hit: its kind, id, score and snippet, matched words marked."""
    snippet = re.sub(r"\*\*(.+?)\*\*", r"<mark>\1</mark>", escape(hit.snippet))
    event = [] if hit.event_id is None else [("Event", escape(hit.event_id))]
    return _card(f"{hit.kind} · search hit", hit.id,
                 [("Score", f"{hit.score:.3g}"), *event, ("Matched", snippet)])  # fmt: skip


def _plural(word: str, n: int) -> str:
    """``word`` for ``n`` things: "1 event", "2 events", "1 person", "2 people"."""
    if n == 1:
        return word
    return "people" if word == "person" else word + "s"


def dataset_card(ds: Dataset, origin: str, most: int = 5) -> str:
    """The card of a dataset read from ``origin``: versions, what it holds, and the cards
    of its first ``most`` events."""
    c = ds.catalog
    counts = {"event": len(c.events), "session": sum(len(e.sessions) for e in c.events),
              "organization": len(c.organizations), "person": len(c.people),
              "source": len(c.sources), "cited fact": cited_facts(c)}  # fmt: skip
    holds = ", ".join(f"{n} {_plural(word, n)}" for word, n in counts.items())
    versions = f"data {c.data_version}, schema {c.schema_version}"
    cards = "".join(event_card(e, lambda i: ds.get_organization(i).name) for e in c.events[:most])
    more = len(c.events) - most
    cards += f"<div>and {more} more events</div>" if more > 0 else ""
    return _card("dataset", origin, [("Versions", escape(versions)), ("Holds", holds)]) + cards
