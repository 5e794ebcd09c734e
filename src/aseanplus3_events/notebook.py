"""The notebook view: the HTML card Jupyter shows for an `Event`, a `SearchHit`, the
hits of a search (`SearchResults`) and a `Dataset` (their ``_repr_html_``).  Every text
is escaped; no script, no style sheet.

Examples:
    >>> import aseanplus3_events as apt
    >>> "<strong>ASEAN Plus Three" in apt.get_event()._repr_html_()
    True
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .models import Evidence, SearchHit
from .text import count

if TYPE_CHECKING:
    from .dataset import Dataset
    from .models import Event

_BOX = "border:1px solid #8888;border-radius:6px;padding:.5em .9em;margin:.3em 0;max-width:46em"
_TH = "text-align:left;vertical-align:top;padding-right:1em"


def _escape(text: str) -> str:
    """``html.escape``, imported when a card is drawn: every search imports this module
    (`SearchResults`), and a search needs no html (nor its table of 2,000 entities)."""
    import html

    return html.escape(text)


def _card(kicker: str, title: str, rows: list[tuple[str, str]]) -> str:
    """``kicker`` (small) over ``title``, then labelled rows (their values already HTML)."""
    body = "".join(f'<tr><th style="{_TH}">{k}</th><td style="text-align:left">{v}</td></tr>'
                   for k, v in rows)  # fmt: skip
    return (f'<div style="{_BOX}"><div style="opacity:.7;font-size:smaller">{_escape(kicker)}'
            f"</div><strong>{_escape(title)}</strong><table>{body}</table></div>")  # fmt: skip


def cited_facts(record: BaseModel) -> int:
    """How many quotes (`Evidence`) ``record`` and the records inside it carry."""
    from .loading import walk

    return sum(isinstance(item, Evidence) for _, item in walk(record))


def event_card(event: Event, ds: Dataset | None = None) -> str:
    """The card of ``event``: name, dates, place, organizations, sessions, cited facts.
    Organizations are named as ``ds`` (default: the dataset holding this very event
    object) names them; an event no dataset holds (made or copied) shows their ids."""
    from .dataset import dataset_of, org_label

    holder = dataset_of(event) if ds is None else ds
    dates = " to ".join(dict.fromkeys(d.isoformat() for d in (event.start_date, event.end_date)))
    how = ", ".join(str(v) for v in (event.attendance_mode, event.status) if v is not None)
    names = {p.organization_id: p.organization_id for p in event.participations}
    if holder is not None:
        names = {i: org_label(holder, i) for i in names}
    orgs = "<br>".join(
        _escape(f"{p.role}: {names[p.organization_id]}") for p in event.participations
    )
    sessions = "".join(f"<li>{_escape(s.heading)}</li>" for s in event.sessions)
    place = event.location and ", ".join(p for p in event.location.model_dump().values() if p)
    sources = len(event.source_ids)
    return _card(f"{event.kind} · {event.id}", event.name, [
        ("Dates", _escape(dates + (f" ({how})" if how else ""))),
        ("Place", _escape(place) if place else "<em>not stated</em>"),
        ("Organizations", orgs or "<em>none stated</em>"),
        ("Sessions", f'<ol style="margin:0">{sessions}</ol>' if sessions else "<em>none</em>"),
        ("Cited facts", f"{cited_facts(event)} quotes from {count(sources, 'source')}"),
    ])  # fmt: skip


def hit_card(hit: SearchHit) -> str:
    """The card of a search hit: its name (else its id), kind, id, score and snippet,
    matched words marked."""
    snippet = re.sub(r"\*\*(.+?)\*\*", r"<mark>\1</mark>", _escape(hit.snippet))
    event = [] if hit.event_id is None else [("Event", _escape(hit.event_id))]
    return _card(f"{hit.kind} · {hit.id}", hit.name or hit.id,
                 [("Score", f"{hit.score:.3g}"), *event, ("Matched", snippet)])  # fmt: skip


class SearchResults(tuple[SearchHit, ...]):
    """What `Dataset.search` returns: the tuple of hits (all the API promises), which
    a notebook shows as their cards, or, with no hit, the words and ids close to
    ``query`` (`fulltext.suggest`).  A copy or a slice is a plain tuple."""

    query: str
    dataset: Dataset

    def __new__(cls, hits: tuple[SearchHit, ...], query: str, dataset: Dataset) -> SearchResults:
        self = super().__new__(cls, hits)
        self.query, self.dataset = query, dataset
        return self

    def __reduce__(self) -> tuple[type[tuple[SearchHit, ...]], tuple[tuple[SearchHit, ...]]]:
        return tuple, (tuple(self),)

    def _repr_html_(self, most: int = 10) -> str:
        if self:
            more = len(self) - most
            head = _card("search", f"{count(len(self), 'hit')} for “{self.query}”", [])
            tail = f"<div>and {more} more hits</div>" if more > 0 else ""
            return head + "".join(hit_card(h) for h in self[:most]) + tail
        from .fulltext import documents, suggest

        close = suggest(self.query, documents(self.dataset.catalog))
        hint = ", ".join(_escape(f"“{s}”") for s in close) or "<em>nothing close</em>"
        return _card("search", f"No hit for “{self.query}”", [("Did you mean", hint)])


def dataset_card(ds: Dataset, origin: str, most: int = 5) -> str:
    """The card of a dataset read from ``origin``, headed by its name (`named`): versions,
    what it holds, and the cards of its first ``most`` events."""
    from .citation import named

    c = ds.catalog
    counts = {"event": len(c.events), "session": sum(len(e.sessions) for e in c.events),
              "organization": len(c.organizations), "person": len(c.people),
              "source": len(c.sources), "cited fact": cited_facts(c)}  # fmt: skip
    holds = ", ".join(count(n, word) for word, n in counts.items())
    versions = f"data {c.data_version}, schema {c.schema_version}"
    cards = "".join(event_card(e, ds) for e in c.events[:most])
    more = len(c.events) - most
    cards += f"<div>and {more} more events</div>" if more > 0 else ""
    return (
        _card(f"dataset · {origin}", named(c), [("Versions", _escape(versions)), ("Holds", holds)])
        + cards
    )
