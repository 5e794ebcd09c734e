"""The rule of seeds/README.md, kept: adding an event changes ``seeds/``, ``CHANGELOG.md``
and the tests that pin its own facts, and nothing else.

Here an event of the invented corpus is added to a copy of ``seeds/`` as the README
says (its source text and catalog entry, its organizations and people, its event file)
and the copy is built: the build passes, the bundled seminar comes out unchanged, and
the generic API, the command line, search, the exports and the generated docs take the
new event as they take any.  (The whole suite over such a copy is what the session
report measures; this is its fast guard.)
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import aseanplus3_events as apt
from aseanplus3_events.build import build, render
from aseanplus3_events.loading import DATA_FILE
from conftest import CORPUS, EVENT_ID, ROOT

sys.path.insert(0, str(ROOT))
import mkdocs_hooks

_BUNDLED_EVENTS = {e.id for e in apt.list_events()}
#: The corpus event added: the first not bundled already (one added to seeds/ from the
#: corpus would otherwise be added twice) that is part of no other event not bundled.
NEW = next(
    p.stem
    for p in sorted((CORPUS / "events").glob("*.toml"))
    if p.stem not in _BUNDLED_EVENTS
    and tomllib.loads(p.read_text(encoding="utf-8"))["event"].get("super_event_id", EVENT_ID)
    in _BUNDLED_EVENTS
)


def blocks(path: Path, table: str) -> list[str]:
    """The ``[[table]]`` blocks of a TOML file, as text."""
    parts = re.split(r"^(?=\[\[)", path.read_text(encoding="utf-8"), flags=re.M)
    return [p for p in parts if p.startswith(f"[[{table}]]")]


def add_event(seeds: Path, event_id: str) -> str:
    """Add the corpus event ``event_id`` to ``seeds`` as seeds/README.md says; return
    its source id.  The source texts it and its organizations and people quote are
    added with it, and a record ``seeds`` has already is not added twice."""
    event_file = CORPUS / "events" / f"{event_id}.toml"
    event_text = event_file.read_text(encoding="utf-8")
    source_id = tomllib.loads(event_text)["source"]
    corpus = tomllib.loads((CORPUS / "catalog.toml").read_text(encoding="utf-8"))
    catalog = seeds / "catalog.toml"
    have = tomllib.loads(catalog.read_text(encoding="utf-8"))
    added: list[str] = []
    records: list[str] = []
    for file, table in (("organizations.toml", "organizations"), ("people.toml", "people")):
        ids = {r["id"] for r in tomllib.loads((seeds / file).read_text(encoding="utf-8"))[table]}
        mine = [b for b in blocks(CORPUS / file, table) if f'"{source_id}"' in b]
        mine = [b for b in mine if tomllib.loads(b)[table][0]["id"] not in ids]
        records += mine
        with (seeds / file).open("a", encoding="utf-8") as fh:
            fh.write("\n" + "\n".join(mine))
    quoted = " ".join([event_text, *records])
    sources = blocks(CORPUS / "catalog.toml", "sources")
    for entry in corpus["sources"]:
        if f'"{entry["id"]}"' in quoted and entry["id"] not in {s["id"] for s in have["sources"]}:
            shutil.copy(CORPUS / entry["file"], seeds / entry["file"])
            added += [b for b in sources if f'"{entry["id"]}"' in b]
    shutil.copy(event_file, seeds / "events" / event_file.name)
    known = {c["code"] for c in have["countries"]} | {t["id"] for t in have["topics"]}
    for table, key in (("countries", "code"), ("topics", "id")):
        for block in blocks(CORPUS / "catalog.toml", table):
            if tomllib.loads(block)[table][0][key] not in known:
                added.append(block)
    with catalog.open("a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(added))
    return str(source_id)


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[apt.Dataset, Path]:
    """The bundled seeds with one more event, built into a file and loaded from it."""
    seeds = Path(shutil.copytree(ROOT / "seeds", tmp_path_factory.mktemp("s") / "seeds"))
    add_event(seeds, NEW)
    path = seeds.parent / "grown.json"
    path.write_bytes(render(build(seeds))[DATA_FILE])
    return apt.load_dataset(path), path


def test_an_added_event_builds_and_leaves_the_seminar_as_it_was(
    grown: tuple[apt.Dataset, Path],
) -> None:
    ds, _ = grown
    assert [e.id for e in ds.list_events()] == sorted(
        [*(e.id for e in apt.list_events()), NEW],
        key=lambda i: (ds.get_event(i).start_date, i),
    )
    for event in apt.list_events():
        assert ds.get_event(event.id) == event
    for org in apt.organizations():
        assert ds.get_organization(org.id) == org
    assert ds.get_event() is ds.list_events()[-1]  # the most recent: no doc relies on it


def test_the_generic_api_search_and_docs_take_the_added_event(
    grown: tuple[apt.Dataset, Path],
) -> None:
    ds, _ = grown
    new = ds.get_event(NEW)
    for group in new.participants:
        if group.country:
            assert new in ds.list_events(country=group.country)
    assert NEW in [h.id for h in ds.search(new.name, kind="event")]
    notes = mkdocs_hooks.generated("notes", ds)
    for record in [new, *new.sessions, *new.statements, *new.references]:
        if record.note:
            assert record.note in notes
    doc = apt.to_jsonld(new, ds)
    assert doc["name"] == new.name
    assert len(apt.to_annotations(ds)["first"]["items"]) > len(
        apt.to_annotations()["first"]["items"]
    )


def test_the_command_line_shows_the_added_event(grown: tuple[apt.Dataset, Path]) -> None:
    ds, path = grown
    run = [sys.executable, "-m", "aseanplus3_events", "--dataset", str(path)]
    listed = subprocess.run([*run, "events", "--json"], capture_output=True, check=True)
    assert [e["id"] for e in json.loads(listed.stdout)] == [e.id for e in ds.list_events()]
    shown = subprocess.run([*run, "show", NEW], capture_output=True, check=True)
    assert ds.get_event(NEW).name in " ".join(shown.stdout.decode("utf-8").split())
