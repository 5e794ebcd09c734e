"""Deterministic synthetic datasets for the benchmarks and the scale tests.

Each event is realistic in shape: its own short article (about 1 kB), three sessions
with topics and a speaker each, two organisations' roles, three groups of experts from
three countries, three statements and a reference, about twenty evidence spans in all,
every one a real quote of the article.  Organisations, people and countries come from
shared pools, as they would in real data.  As in the bundled data, the countries' codes
and names cite the ISO 3166-1 reference data, every other organisation is tied to a
country, and a country the articles call by another name (as "South Korea" for "Korea,
Republic of") has that name among its ``alternate_names``, quoted from each article that
uses it: a country's evidence grows with the events, as its citing sources do.  The same
arguments always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import string
from typing import Any

from aseanplus3_events.models import SCHEMA_VERSION
from aseanplus3_events.text import unique_context

WORDS = [
    "regional", "carbon", "market", "climate", "finance", "green", "recovery", "plastic",
    "youth", "leadership", "cooperation", "partnership", "development", "low-carbon",
    "value", "chains", "governance", "transition", "energy", "adaptation", "resilience",
    "ocean", "forests", "biodiversity", "capacity", "policy", "research", "innovation",
    "investment", "technology", "circular", "economy", "emissions", "reduction",
]  # fmt: skip
TOPICS = [
    ("carbon-markets", "Carbon markets"),
    ("climate-finance", "Climate finance"),
    ("green-recovery", "Green recovery"),
    ("plastic-pollution", "Plastic pollution"),
    ("energy-transition", "Energy transition"),
    ("biodiversity", "Biodiversity"),
    ("adaptation", "Adaptation"),
    ("circular-economy", "Circular economy"),
    ("ocean-governance", "Ocean governance"),
    ("youth-leadership", "Youth leadership"),
]


def _title(rng: random.Random) -> str:
    words = rng.sample(WORDS, 6)
    return " ".join(w.capitalize() for w in words)


#: The reference data the countries' codes and names cite, as in the bundled data.
ISO_3166 = {
    "id": "iso-3166-1", "title": "ISO 3166-1 country codes and English short names",
    "kind": "reference", "language": "en", "sha256": None, "text": None,
}  # fmt: skip


def _countries(events: int) -> list[tuple[str, str, str | None]]:
    """The pool of countries: (code, name, the name the articles use where it is
    another), as many as events up to ISO 3166-1's 249; every other one with another
    name, as "South Korea" is for "Korea, Republic of"."""
    pairs = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    return [
        (code, f"Republic of {code.capitalize()}", f"{code.capitalize()}land" if i % 2 else None)
        for i, code in enumerate(pairs[: max(4, min(249, events))])
    ]


def make_catalog(events: int, seed: int = 2023) -> dict[str, Any]:
    """A catalog with ``events`` events, as JSON-ready data."""
    rng = random.Random(seed)
    where = random.Random(f"{seed}-countries")  # the other records as before countries
    n_orgs = max(4, min(200, events))
    n_people = max(3, min(500, events))
    countries = _countries(events)
    org_country = {i: countries[i // 2 % len(countries)] for i in range(0, n_orgs, 2)}
    org_names = [f"{_title(rng)} Institute {i}" for i in range(n_orgs)]
    for i, (_, name, other) in org_country.items():
        org_names[i] += f" of {other or name}"
    people_names = [f"Person {rng.choice(WORDS).capitalize()} {i}" for i in range(n_people)]
    org_evidence: dict[int, dict[str, Any]] = {}
    person_evidence: dict[int, dict[str, Any]] = {}
    country_evidence: dict[str, list[dict[str, Any]]] = {}
    out_events = []
    sources = []
    start = dt.date(2020, 1, 1)
    for i in range(events):
        event_id = f"event-{i:06d}"
        source_id = f"article-{i:06d}"
        date = start + dt.timedelta(days=i % 2000)
        name = f"ASEAN Plus Three Seminar on {_title(rng)} {i}"
        organizer, supporter = rng.sample(range(n_orgs), 2)
        speakers = [rng.randrange(n_people) for _ in range(3)]
        titles = [_title(rng) for _ in range(3)]
        topics = [rng.sample(TOPICS, 2) for _ in range(3)]
        statements = [
            f"The participants acknowledged that {' '.join(rng.sample(WORDS, 8))} matter.",
            f"The countries are encouraged to advance {' '.join(rng.sample(WORDS, 7))}.",
            f"The overarching objective was {' '.join(rng.sample(WORDS, 9))}.",
        ]
        plan = f"Cooperation Work Plan on {_title(rng)} ({date.year}-{date.year + 4})"
        came = where.sample(countries, 3)
        labels = [other or name for _, name, other in came]
        gathered = f"It gathered experts from {labels[0]}, {labels[1]} and {labels[2]}."
        parts = [
            f"On {date:%B} {date.day}, {date.year}, the {name} was successfully held "
            "in a hybrid format, combining online and offline participation. ",
            f"The seminar was organized by the {org_names[organizer]}, with support "
            f"from the {org_names[supporter]}. {gathered} ",
        ]
        for n, (title, speaker) in enumerate(zip(titles, speakers, strict=True), start=1):
            parts.append(
                f"Session {n}, titled “{title},” heard {people_names[speaker]}, "
                f"the Director of the {org_names[organizer]}, who offered perspectives. "
            )
        parts += [s + " " for s in statements]
        parts.append(f"Countries were asked to follow the “{plan}”.")
        text = "".join(parts)

        def ev(
            quote: str, *fields: str, after: int = 0, text: str = text, source_id: str = source_id
        ) -> dict[str, Any]:
            at = text.index(quote, after)
            return {"source_id": source_id, "start": at, "end": at + len(quote),
                    "quote": quote, "fields": list(fields)}  # fmt: skip

        date_quote = f"On {date:%B} {date.day}, {date.year}"
        sessions = []
        for n, (title, speaker) in enumerate(zip(titles, speakers, strict=True), start=1):
            session_id = f"{event_id}-session-{n}"
            sentence = f"Session {n}, titled “{title}"
            sessions.append({
                "id": session_id, "event_id": event_id, "ordinal": n, "title": title,
                "topics": [t for t, _ in topics[n - 1]],
                "contributions": [{
                    "id": f"{session_id}-contribution-1",
                    "person_id": f"person-{speaker:04d}", "role": "speaker",
                    "summary": f"heard {people_names[speaker]}",
                    "evidence": [ev(f"heard {people_names[speaker]}", "person_id", "role",
                                    "summary", after=text.index(sentence))],
                }],
                "evidence": [ev(sentence, "ordinal", "title", "topics")],
            })  # fmt: skip
        out_events.append({
            "id": event_id, "name": name, "kind": "seminar",
            "start_date": date.isoformat(), "end_date": date.isoformat(),
            "attendance_mode": "hybrid", "status": "held",
            "participations": [
                {"id": f"{event_id}-participation-1", "organization_id": f"org-{organizer:04d}",
                 "role": "organizer", "role_label": "organized by",
                 "evidence": [ev(f"organized by the {org_names[organizer]}", "organization_id",
                                 "role", "role_label")]},
                {"id": f"{event_id}-participation-2", "organization_id": f"org-{supporter:04d}",
                 "role": "supporter", "role_label": "with support from",
                 "evidence": [ev(f"with support from the {org_names[supporter]}",
                                 "organization_id", "role", "role_label")]},
            ],
            "participants": [
                {"id": f"{event_id}-participant-{n}", "label": label,
                 "kind": "experts_from_country", "country": code,
                 "evidence": [ev(gathered, "label", "kind", "country")]}
                for n, ((code, _, _), label) in enumerate(zip(came, labels, strict=True), 1)
            ],
            "sessions": sessions,
            "statements": [
                {"id": f"{event_id}-statement-{n}", "kind": kind, "text": s,
                 "evidence": [ev(s, "kind", "text")]}
                for n, (kind, s) in enumerate(
                    zip(["consensus", "recommendation", "objective"], statements, strict=True),
                    start=1,
                )
            ],
            "references": [{
                "id": f"{event_id}-reference-1", "kind": "document", "title": plan,
                "period_start": date.year, "period_end": date.year + 4,
                "evidence": [ev(plan, "kind", "title", "period_start", "period_end")],
            }],
            "source_ids": [source_id],
            "evidence": [
                ev(date_quote, "start_date", "end_date"),
                ev(name, "name", "kind"),
                ev("was successfully held", "status"),
                ev("in a hybrid format", "attendance_mode"),
            ],
        })  # fmt: skip
        data = text.encode("utf-8")
        sources.append({
            "id": source_id, "title": f"Article on {name}", "kind": "article",
            "language": "en", "sha256": hashlib.sha256(data).hexdigest(), "text": text,
        })  # fmt: skip
        for org in (organizer, supporter):
            fields = ("name", "country") if org in org_country else ("name",)
            org_evidence.setdefault(org, ev(org_names[org], *fields))
        for code, _, other in came:  # each article that calls it by its other name
            if other is not None:
                found = ev(other, "alternate_names", after=text.index(gathered))
                country_evidence.setdefault(code, []).append(found)
        for person in speakers:
            person_evidence.setdefault(person, ev(people_names[person], "name"))

    organizations = [
        {"id": f"org-{i:04d}", "name": org_names[i], "evidence": [org_evidence[i]]}
        | ({"country": org_country[i][0]} if i in org_country else {})
        for i in sorted(org_evidence)
    ]
    country_records = [
        {"code": code, "name": name, "source_id": ISO_3166["id"], "id": code.lower(),
         "alternate_names": [other] if code in country_evidence else [],
         "evidence": country_evidence.get(code, [])}
        for code, name, other in countries
    ]  # fmt: skip
    people = [
        {"id": f"person-{i:04d}", "name": people_names[i], "evidence": [person_evidence[i]]}
        for i in sorted(person_evidence)
    ]
    texts = {s["id"]: s["text"] for s in sources}
    for record in [*out_events, *organizations, *people, *country_records]:
        _cite(record, texts)
    for country in country_records:
        del country["id"]  # a country's id is its code in lowercase, not a field
    return {
        "schema_version": SCHEMA_VERSION,
        "data_version": f"synthetic-{events}",
        "events": out_events,
        "organizations": organizations,
        "people": people,
        "topics": [{"id": t, "label": label} for t, label in TOPICS],
        "countries": country_records,
        "sources": sorted([*sources, dict(ISO_3166)], key=lambda s: s["id"]),
    }


def _cite(record: Any, texts: dict[str, str]) -> None:
    """Give every evidence item its id, and a prefix/suffix where its quote is not unique
    in its source: what the build derives for the real seeds."""
    if isinstance(record, list):
        for item in record:
            _cite(item, texts)
    elif isinstance(record, dict):
        for n, ev in enumerate(record.get("evidence", ()), start=1):
            context = unique_context(texts[ev["source_id"]], ev["start"], ev["end"])
            ev.update({"id": f"{record['id']}-evidence-{n}", **context})
        for key, value in record.items():
            if key != "evidence":
                _cite(value, texts)


def make_bytes(events: int, seed: int = 2023) -> bytes:
    """The catalog as the bytes of a dataset file."""
    return json.dumps(make_catalog(events, seed), ensure_ascii=False).encode("utf-8")


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Write a dataset of N invented events to stdout.")
    parser.add_argument("events", type=int, nargs="?", default=10, help="N (default: 10)")
    sys.stdout.buffer.write(make_bytes(parser.parse_args().events))
