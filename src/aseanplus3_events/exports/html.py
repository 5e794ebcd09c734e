"""The source view: each source's full text with every evidence span highlighted.

``to_html(source_id)`` gives one standalone page (inline style and script, nothing
fetched, so it works from ``file://``); ``write_html(folder)`` writes one page per source
with text, ``<source id>.html``, and an ``index.html`` listing the sources.

The page's ``#source-text`` element holds the source text verbatim: its text content
equals ``source.text`` exactly.  Spans overlap (one quote inside another), so the text is
cut at every span's start and end into segments; each segment covered by evidence is a
``<mark>`` whose ``data-evidence`` lists the ids of every evidence item covering it, in
dataset order, inside a link to the record of the narrowest of them.  Hovering,
tapping or focusing a highlight shows which records and fields it supports (and which items of a
list of ids, such as a session's topic); the side list names
every record cited, each evidence item linking to its first segment.  Everything is
reachable with the keyboard; the layout reads at 375 px and at 1280 px.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from aseanplus3_events.atomic import write_atomic
from aseanplus3_events.citation import named
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports import dataset_or_bundled
from aseanplus3_events.exports.annotations import Citation, citations
from aseanplus3_events.models import Source

__all__ = ["to_html", "write_html"]

Segment = tuple[int, int, tuple[int, ...]]  # start, end, indices of covering citations


def _segments(length: int, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """``[0, length)`` cut at every span's start and end, each piece with the spans
    (by index) that cover it: one sweep over the cuts, in time linear in the output."""
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(spans):
        starts.setdefault(s, []).append(i)
        ends.setdefault(e, []).append(i)
    active: set[int] = set()
    out: list[Segment] = []
    for a, b in itertools.pairwise(sorted({0, length, *starts, *ends})):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        out.append((a, b, tuple(sorted(active))))
    return out


# A character reference keeps a CR that the parser would turn into LF if written raw.
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", '"': "&quot;"})


def _text(value: str) -> str:
    return value.translate(_TEXT)


def _attr(value: str) -> str:
    return value.translate(_ATTR)


def _record_anchor(c: Citation) -> str:
    return f"rec-{c.kind}-{c.record_id}"


def _names(ds: Dataset) -> dict[str, str]:
    return {o.id: o.name for o in ds.organizations()} | {p.id: p.name for p in ds.people()}


def _titles(names: dict[str, str], cited: Sequence[Citation]) -> dict[str, str]:
    """What to call each record, by anchor: its name; else the name of the organisation
    or person it is about; else the start of its text; else its id."""
    titles: dict[str, str] = {}
    for c in cited:
        title = c.name
        for field in ("organization_id", "person_id", "text", "summary"):
            value = getattr(c.record, field, None)
            if title is None and isinstance(value, str):
                if field.endswith("_id"):
                    title = names.get(value, value)
                else:
                    title = value if len(value) <= 70 else value[:67].rstrip() + "…"
        titles[_record_anchor(c)] = title or c.record_id
    return titles


def _json_for_script(data: object) -> str:
    import json  # not at import time: only pages need it

    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str) -> str:
    """A file of the page kept beside this module: its style sheet or its script."""
    from importlib.resources import files  # here: only pages need it

    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _page(title: str, body: str, *, script: bool = False) -> str:
    """A standalone page: ``body``, with the style sheet (``html.css``) and, on a
    source's page, the script (``html.js``) inline."""
    scripts = f"<script>\n{_asset('html.js')}</script>\n" if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)}</title>\n<style>\n{_asset('html.css')}</style>\n</head>\n"
        f"<body>\n{body}{scripts}</body>\n</html>\n"
    )


def _source_text(source: Source, cited: Sequence[Citation]) -> tuple[str, dict[str, str]]:
    """The ``#source-text`` element, and the id of each evidence item's first segment."""
    text = source.text or ""
    spans = [(c.evidence.start, c.evidence.end) for c in cited]
    parts: list[str] = []
    first: dict[str, str] = {}
    for n, (a, b, covering) in enumerate(_segments(len(text), spans)):
        piece = _text(text[a:b])
        if not covering:
            parts.append(piece.replace("\n", '<span class="nl">\n</span>'))
            continue
        ids = [cited[i].evidence.id for i in covering]
        for evidence_id in ids:
            first.setdefault(evidence_id, f"seg-{n}")
        narrowest = min(covering, key=lambda i: spans[i][1] - spans[i][0])
        records = " ".join(dict.fromkeys(_record_anchor(cited[i]) for i in covering))
        parts.append(
            f'<a id="seg-{n}" href="#{_attr(_record_anchor(cited[narrowest]))}" '
            f'aria-describedby="tip" data-records="{_attr(records)}" '
            f'data-pick="{_attr(" ".join(ids))}">'
            f'<mark data-evidence="{_attr(" ".join(ids))}" data-depth="{min(len(ids), 3)}">'
            f"{piece}</mark></a>"
        )
    element = f'<div id="source-text" lang="{_attr(source.language)}">{"".join(parts)}</div>\n'
    return element, first


def _records(cited: Sequence[Citation], first: dict[str, str], titles: dict[str, str]) -> str:
    grouped: dict[str, list[Citation]] = {}
    for c in cited:
        grouped.setdefault(_record_anchor(c), []).append(c)
    items = []
    for anchor, group in grouped.items():
        head, name = group[0], titles[anchor]
        rid = f'<span class="rid">{_text(head.record_id)}</span>' if name != head.record_id else ""
        links = []
        for c in group:
            ev = c.evidence
            quote = ev.quote if len(ev.quote) <= 60 else ev.quote[:57].rstrip() + "…"
            # what the quote supports: its fields, and the items of a list it names
            supports = ", ".join(ev.fields) + (f" ({', '.join(ev.items)})" if ev.items else "")
            links.append(
                f'<li><a href="#{first[ev.id]}" id="link-{_attr(ev.id)}" '
                f'data-pick="{_attr(ev.id)}"><span class="fields">{_text(supports)}</span></a>: '
                f"“{_text(quote)}”</li>"
            )
        items.append(
            f'<li class="record" id="{_attr(anchor)}" tabindex="-1" '
            f'data-pick="{_attr(" ".join(c.evidence.id for c in group))}">'
            f'<span class="kind">{_text(head.kind)}</span>{_text(name)}{rid}'
            f"<ul>{''.join(links)}</ul>{_readings(head.record)}</li>"
        )
    return f"<ol>{''.join(items)}</ol>"


def _readings(record: object) -> str:
    """What the dataset reads into the text (the record's note), and whether the source
    says an event's list of participant groups is whole."""
    texts = [getattr(record, "note", None)]
    complete = getattr(record, "participants_complete", None)
    if complete is not None:
        texts.append(
            f"participants_complete: {str(complete).lower()}: the source says its list of "
            f"participant groups is {'whole' if complete else 'partial'}."
        )
    return "".join(f'<p class="note">{_text(t)}</p>' for t in texts if t)


def to_html(source_id: str, dataset: Dataset | None = None) -> str:
    """The source view of one source: a standalone HTML page (``str``).

    ``dataset`` defaults to the bundled one.  The page needs nothing else: no external
    script, font or style.

    Raises:
        SourceNotFoundError: no source has this id.
        ValueError: the source has no text (reference data such as ISO 3166).
        TypeError: ``source_id`` is not a ``str`` or ``dataset`` not a `Dataset`.

    Examples:
        >>> import aseanplus3_events as apt
        >>> page = apt.to_html("article-apt-low-carbon-seminar-2023")
        >>> page.startswith("<!DOCTYPE html>"), '<div id="source-text" lang="en">' in page
        (True, True)
    """
    ds = dataset_or_bundled(dataset)
    source = ds.get_source(source_id)
    if source.text is None:
        raise ValueError(f"source {source.id!r} has no text to show (it is {source.kind.value})")
    cited = [c for c in citations(ds) if c.evidence.source_id == source.id]
    return _source_page(ds, source, cited, _names(ds))


def _source_page(ds: Dataset, source: Source, cited: list[Citation], names: dict[str, str]) -> str:
    element, first = _source_text(source, cited)
    titles = _titles(names, cited)
    data = {
        c.evidence.id: {
            # the id too: two records may share a name (two departments, one name)
            "record": f"{c.kind} {titles[_record_anchor(c)]} [{c.record_id}]",
            "fields": list(c.evidence.fields),
            "items": list(c.evidence.items),
        }
        for c in cited
    }
    records = len({_record_anchor(c) for c in cited})
    meta = (
        f"Source <code>{_text(source.id)}</code> ({_text(source.kind.value)}, "
        f"language {_text(source.language)}"
        + (f", SHA-256 <code>{_text(source.sha256)}</code>" if source.sha256 else "")
        + f"). {len(cited)} evidence items for {records} records."
    )
    note = f'<p class="meta">{_text(source.note)}</p>' if source.note else ""
    body = (
        '<a class="skip" href="#records">Skip to the records</a>\n'
        f'<header><p class="meta"><a href="index.html">All sources</a> · '
        f"{_text(_label(ds))}</p>"
        f'<h1>{_text(source.title)}</h1><p class="meta">{meta}</p>{note}</header>\n'
        '<main>\n<section aria-labelledby="text-heading">'
        '<h2 id="text-heading">Text, with the evidence highlighted</h2>'
        '<p class="legend">Hover over, tap or tab to a highlight to see what it supports; '
        "a second tap, or Enter, goes to its record. Darker: <mark>one</mark> "
        '<mark data-depth="2">two</mark> <mark data-depth="3">three or more</mark> '
        "quotes overlap.</p>\n"
        f"{element}</section>\n"
        '<aside aria-labelledby="records"><h2 id="records" tabindex="-1">'
        f"Records cited ({records})</h2>{_records(cited, first, titles)}</aside>\n</main>\n"
        '<div id="tip" role="tooltip" hidden></div>\n'
        f'<script type="application/json" id="evidence-data">{_json_for_script(data)}</script>\n'
    )
    return _page(f"{source.title} · source view", body, script=True)


def _label(ds: Dataset) -> str:
    """The dataset each page is of, as it is named (`named`), and its data version."""
    return f"{named(ds.catalog, short=True)} {ds.data_version}"


def _index(ds: Dataset, cited: dict[str, list[Citation]]) -> str:
    counts = {source_id: len(group) for source_id, group in cited.items()}
    items = []
    for source in ds.sources():
        if source.text is None:
            title = _text(source.title)
            shown = "reference data: no text to show"
        else:
            title = f'<a href="{_attr(source.id)}.html">{_text(source.title)}</a>'
            shown = f"{counts.get(source.id, 0)} evidence items"
        items.append(
            f'<li class="record">{title}<span class="rid">{_text(source.kind.value)} · '
            f"{shown} · <code>{_text(source.id)}</code></span></li>"
        )
    body = (
        f'<header><p class="meta">{_text(_label(ds))}</p>'
        '<h1>Sources</h1><p class="meta">Each page shows a source\'s full text with the '
        "quotes that back the dataset's facts highlighted.</p></header>\n<main><div>"
        f'<ol class="sources">{"".join(items)}</ol></div></main>\n'
    )
    return _page(f"Sources · {_label(ds)}", body)


def write_html(folder: str | Path, dataset: Dataset | None = None) -> tuple[Path, ...]:
    """Write the source view into ``folder`` (created if needed): ``index.html`` and one
    ``<source id>.html`` per source with text.  Returns the paths written, index first.

    Raises:
        TypeError: ``dataset`` is not a `Dataset`.
        OSError: the folder cannot be created or written.

    Examples:
        >>> import tempfile
        >>> import aseanplus3_events as apt
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     [p.name for p in apt.write_html(tmp)][0]
        'index.html'
    """
    ds = dataset_or_bundled(dataset)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    cited: dict[str, list[Citation]] = {}  # by source, in one pass: linear in the data
    for c in citations(ds):
        cited.setdefault(c.evidence.source_id, []).append(c)
    written = [write_atomic(out / "index.html", _index(ds, cited).encode("utf-8"))]
    names = _names(ds)
    for source in ds.sources():  # each page written as it is made: none is held
        if source.text is not None:
            page = _source_page(ds, source, cited.get(source.id, []), names)
            written.append(write_atomic(out / f"{source.id}.html", page.encode("utf-8")))
    return tuple(written)
