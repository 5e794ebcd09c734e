"""The command line: ``python -m aseanplus3_events`` prints a summary of the default event.

It reads only through the public API, like any other caller.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .dataset import Dataset, default_dataset
from .errors import NotFoundError
from .models import Event, OrganizationKind

__all__ = ["format_event", "main"]


def format_event(event: Event, dataset: Dataset) -> str:
    """A readable, plain-text summary of ``event``: what, when, who, and its sessions.

    >>> import aseanplus3_events as apt
    >>> from aseanplus3_events.cli import format_event
    >>> print(format_event(apt.get_event(), apt.default_dataset()).splitlines()[0])
    ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership
    """

    def org_name(org_id: str) -> str:
        # A department's name ("International Cooperation Department") is ambiguous
        # without the body it belongs to.
        org = dataset.get_organization(org_id)
        if org.kind is OrganizationKind.DEPARTMENT and org.parent_id is not None:
            return f"{org.name}, {dataset.get_organization(org.parent_id).name}"
        return org.name

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
            person = dataset.get_person(person_id)
            posts = "; ".join(
                ", ".join(x for x in (a.post, org_name(a.organization_id)) if x)
                for a in person.affiliations
            )
            lines.append(f"     {role}: {person.name}" + (f" ({posts})" if posts else ""))
    sources = ", ".join(dataset.get_source(s).title for s in event.source_ids)
    lines += ["", f"Source: {sources}"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the summary of the default event (or of the event id given); 1 if unknown."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(
            "usage: python -m aseanplus3_events [EVENT_ID]\n\nPrint a summary of an event "
            "(the most recent one without EVENT_ID)."
        )
        return 0
    if len(args) > 1:
        print("usage: python -m aseanplus3_events [EVENT_ID]", file=sys.stderr)
        return 2
    dataset = default_dataset()
    try:
        event = dataset.get_event(args[0] if args else None)
    except NotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(format_event(event, dataset))
    return 0
