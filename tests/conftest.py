"""Shared fixtures.  The tests import the *installed* package (the src layout keeps the
source tree off sys.path), and read the repository's files through ``ROOT``."""

from __future__ import annotations

import contextlib
import copy
import fcntl
import hashlib
import json
import os
import select
import socket
import struct
import subprocess
import termios
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import aseanplus3_events as apt
from aseanplus3_events.text import unique_context

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "seeds" / "sources" / "apt-low-carbon-seminar-2023.txt"
EVENT_ID = "apt-low-carbon-seminar-2023"
ARTICLE_ID = "article-apt-low-carbon-seminar-2023"
#: Short articles invented by the team, with their seeds: a second dataset that the
#: data-generic tests run over too (see tests/corpus/catalog.toml).
CORPUS = ROOT / "tests" / "corpus"
#: Where browser tests save their screenshots (not committed).
ARTIFACTS = ROOT / "test-artifacts"

_BUNDLED: dict[str, Any] = apt.default_dataset().catalog.model_dump(mode="json")


@pytest.fixture(scope="session")
def corpus_dataset(tmp_path_factory: pytest.TempPathFactory) -> apt.Dataset:
    """The invented corpus, built by the package's own build into a file and loaded from
    it, as a user's dataset is."""
    from aseanplus3_events.build import build, render
    from aseanplus3_events.loading import DATA_FILE

    path = tmp_path_factory.mktemp("corpus") / "corpus.json"
    path.write_bytes(render(build(CORPUS))[DATA_FILE])
    return apt.load_dataset(path)


@pytest.fixture(scope="session", params=["bundled", "corpus"])
def dataset(request: pytest.FixtureRequest) -> apt.Dataset:
    """Each dataset under test in turn: the bundled one and the invented corpus.  A test
    that takes it is an invariant: it holds for any dataset."""
    if request.param == "bundled":
        return apt.default_dataset()
    corpus: apt.Dataset = request.getfixturevalue("corpus_dataset")
    return corpus


def cited_records(dataset: apt.Dataset) -> list[Any]:
    """Every record of ``dataset`` that carries evidence, found by walking its catalog
    (so a record type added to the models is walked too)."""
    from pydantic import BaseModel

    found: list[Any] = []

    def walk(node: object) -> None:
        if isinstance(node, BaseModel):
            if "evidence" in type(node).model_fields:
                found.append(node)
            for name in type(node).model_fields:
                if name != "evidence":
                    walk(getattr(node, name))
        elif isinstance(node, tuple):
            for item in node:
                walk(item)

    walk(dataset.catalog)
    return found


def field_value(record: object, field: str) -> object:
    """``record``'s value of a fact field, dotted ones (``location.name``) too."""
    value: object = record
    for part in field.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


def _cites(record: dict[str, Any], source_id: str) -> bool:
    return any(ev.get("source_id") == source_id for ev in record.get("evidence", ()))


def _seminar_part(bundled: dict[str, Any]) -> dict[str, Any]:
    """The seminar's part of a catalog: its event, the organizations and people its
    article names, the topics its sessions carry and the countries its records name,
    with every source.  Tests that edit a catalog to make one problem, or that pin the
    command line's output, start from this, so that what they expect (``$.events[0]``,
    ``$.people[0]``, a listing) does not move when an event is added."""
    (event,) = [e for e in bundled["events"] if e["id"] == EVENT_ID]
    orgs = [o for o in bundled["organizations"] if _cites(o, ARTICLE_ID)]
    topics = {t for s in event["sessions"] for t in s["topics"]}
    codes = {g.get("country") for g in event["participants"]} | {o.get("country") for o in orgs}
    return {
        **bundled,
        "events": [event],
        "organizations": orgs,
        "people": [p for p in bundled["people"] if _cites(p, ARTICLE_ID)],
        "topics": [t for t in bundled["topics"] if t["id"] in topics],
        "countries": [c for c in bundled["countries"] if c["code"] in codes],
    }


_SEMINAR = _seminar_part(_BUNDLED)


def seminar_dict() -> dict[str, Any]:
    """A fresh copy of the seminar's part of the bundled catalog (`_seminar_part`) with
    only the sources it cites: the same data whatever else is bundled."""
    data = copy.deepcopy(_SEMINAR)
    cited = {ARTICLE_ID} | {c["source_id"] for c in data["countries"]}
    data["sources"] = [s for s in data["sources"] if s["id"] in cited]
    return data


@pytest.fixture(scope="session")
def seminar_dataset() -> apt.Dataset:
    """The seminar's part of the bundled data (`_seminar_part`) as a `Dataset`, for tests
    of exports that pin every row."""
    return apt.Dataset(apt.Catalog.model_validate_json(json.dumps(_SEMINAR)))


@pytest.fixture(scope="session")
def seminar_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seminar's part of the bundled data (`_seminar_part`) as a dataset file, for
    tests of output that name every record listed."""
    path = tmp_path_factory.mktemp("seminar") / "seminar.json"
    path.write_text(json.dumps(_SEMINAR, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def catalog_dict() -> dict[str, Any]:
    """A fresh, mutable copy of the seminar's part of the bundled catalog (`_SEMINAR`)
    as plain JSON data: a valid dataset of one event, whatever else is bundled."""
    return copy.deepcopy(_SEMINAR)


@pytest.fixture
def bundled_dict() -> dict[str, Any]:
    """A fresh, mutable copy of the whole bundled catalog as plain JSON data."""
    return copy.deepcopy(_BUNDLED)


@pytest.fixture
def two_events(catalog_dict: dict[str, Any]) -> apt.Dataset:
    """The bundled data and a second event, ``copy-forum-2024``: a copy of the seminar
    made a forum of 1-3 May 2024 without participant groups (so that its only country
    is its organizations', China)."""
    (seminar,) = [e for e in catalog_dict["events"] if e["id"] == EVENT_ID]
    copied = json.dumps(seminar).replace(EVENT_ID, "copy-forum-2024")
    forum = json.loads(copied.replace("article-copy-forum-2024", ARTICLE_ID))
    forum.update(kind="forum", start_date="2024-05-01", end_date="2024-05-03", participants=[])
    for session in forum["sessions"]:
        if session.get("start_date"):
            session["start_date"] = "2024-05-01"
    catalog_dict["events"].append(forum)
    return dataset_of(catalog_dict)


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[Any], Path]:
    """Write JSON data (or raw bytes/str) to a file and return its path."""

    def write(data: Any, name: str = "catalog.json") -> Path:
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def article_text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@contextlib.contextmanager
def loopback_server(command: Callable[[int], Sequence[str]], path: str = "/") -> Iterator[str]:
    """Start ``command(port)`` on a free port of 127.0.0.1, wait until ``path`` answers,
    yield its URL, and stop it afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    process = subprocess.Popen(
        list(command(port)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}{path}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_in_pty(
    argv: Sequence[str],
    *,
    columns: int = 80,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    until: bytes | None = None,
    then: bytes = b"",
    timeout: float = 30,
) -> tuple[int, str]:
    """Run ``argv`` on a pseudo-terminal ``columns`` wide (its controlling terminal, as
    in a real shell) and return (exit status, what it printed: stdout and stderr, with
    the terminal's CRLF line ends made LF).

    When the output shows ``until``, ``then`` is typed (``b"\\x03"`` is Ctrl-C: the
    terminal turns it into SIGINT for the program, as for a user).  It returns when
    every process holding the terminal has closed it, so all output is read whatever the
    load; ``timeout`` only bounds a hung program.
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=cwd,
        start_new_session=True,
        # make the terminal the session's controlling terminal, so Ctrl-C means SIGINT
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
    )
    os.close(slave)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while select.select([master], [], [], max(deadline - time.monotonic(), 0))[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the program and its children closed the terminal
                break
            if not chunk:
                break
            output += chunk
            if until is not None and until in output:
                os.write(master, then)
                until = None
        else:
            raise TimeoutError(f"{argv} still holds its terminal after {timeout} s: {output!r}")
        status = process.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return status, output.decode("utf-8", "replace").replace("\r\n", "\n")


#: What a spreadsheet would run as a formula at the start of a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def dataset_with_text_before(prefix: str) -> apt.Dataset:
    """The bundled dataset, with ``prefix`` put before its article's text (every span
    moved along, the digest redone), and with quotes that start at the very beginning:
    an evidence quote of ``prefix`` on the event and, where ``prefix`` can be a
    statement's text (one line, no white space at its ends), a statement quoting it.

    This is a user's own dataset whose source text begins "-40% emissions...", say.
    """
    data = seminar_dict()
    (source,) = [s for s in data["sources"] if s["id"] == ARTICLE_ID]
    source["text"] = prefix + source["text"]
    source["sha256"] = hashlib.sha256(source["text"].encode("utf-8")).hexdigest()
    shift = len(prefix)

    def move(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("source_id") == ARTICLE_ID and "quote" in node:
                node["start"] += shift
                node["end"] += shift
            for value in node.values():
                move(value)
        elif isinstance(node, list):
            for value in node:
                move(value)

    move(data["events"])
    move(data["organizations"])
    move(data["people"])
    move(data["countries"])
    event = data["events"][0]
    quote = {"source_id": ARTICLE_ID, "start": 0, "end": shift, "quote": prefix}
    event["evidence"].append({**quote, "fields": ["start_date"]})
    if _is_text(prefix):
        event["statements"].append({
            "id": f"{EVENT_ID}-statement-{len(event['statements']) + 1}", "kind": "highlight",
            "text": prefix, "evidence": [{**quote, "fields": ["kind", "text"]}],
        })  # fmt: skip
    return dataset_of(data)


def _is_text(value: str) -> bool:
    """Whether ``value`` can be a statement's text (one line, no white space at its ends),
    by the models' own rule rather than a copy of it."""
    from pydantic import TypeAdapter, ValidationError

    from aseanplus3_events.models import Text

    try:
        TypeAdapter(Text).validate_python(value)
    except ValidationError:
        return False
    return True


def dataset_of(data: dict[str, Any]) -> apt.Dataset:
    """A `Dataset` of edited catalog data, with every evidence id and selector context
    made anew (``<record id>-evidence-<n>``; the prefix and suffix that pick a quote
    occurring more than once), as the build would make them."""
    texts = {s["id"]: s["text"] for s in data["sources"]}

    def renumber(node: Any) -> None:
        if isinstance(node, dict):
            for n, ev in enumerate(node.get("evidence", ()), start=1):
                ev["id"] = f"{node['id']}-evidence-{n}"
                context = unique_context(texts[ev["source_id"]], ev["start"], ev["end"])
                ev["prefix"], ev["suffix"] = context.get("prefix"), context.get("suffix")
            for value in node.values():
                renumber(value)
        elif isinstance(node, list):
            for value in node:
                renumber(value)

    for key in ("events", "organizations", "people"):
        renumber(data[key])
    return apt.Dataset(apt.Catalog.model_validate_json(json.dumps(data)))


def rich_catalog_dict() -> dict[str, Any]:
    """The seminar's part of the bundled catalog (`_SEMINAR`) with every field of schema
    2.0 filled, for tests of the machinery: a side event (part of the seminar, in a
    series) at a place, with an attendance figure, a contribution outside any session, a
    statement made by a named person, an honorific.  Each value is a quote of the article
    chosen for its shape, not a fact: the article states none of them, so this is never
    data."""
    text = ARTICLE.read_text(encoding="utf-8")
    doc = copy.deepcopy(_SEMINAR)
    event = copy.deepcopy(doc["events"][0])
    raw = json.dumps(event, ensure_ascii=False).replace(f'"{EVENT_ID}', '"apt-side-event')
    side = json.loads(raw)

    def cite(record: dict[str, Any], quote: str, *fields: str, items: Sequence[str] = ()) -> None:
        start = text.index(quote)
        evidence = record.setdefault("evidence", [])
        evidence.append({
            "id": f"{record['id']}-evidence-{len(evidence) + 1}", "source_id": ARTICLE_ID,
            "start": start, "end": start + len(quote), "quote": quote, "fields": list(fields),
            "items": list(items), **unique_context(text, start, start + len(quote)),
        })  # fmt: skip

    side.update(series="ASEAN Plus Three", edition=3, super_event_id=EVENT_ID)
    side["location"] = {"name": "Environmental Cooperation Center", "address_country": "CN"}
    cite(side, "ASEAN Plus Three (10+3)", "series")
    cite(side, "three primary subjects", "edition")
    cite(side, "During the Seminar", "super_event_id")
    cite(side, "China-ASEAN Environmental Cooperation Center", "location.name")
    cite(side, "China’s", "location.address_country")
    side["attendance"] = [
        {
            "id": "apt-side-event-attendance-1",
            "count": 10,
            "label": "experts",
            "count_qualifier": "more_than",
            "attendance_mode": "online",
        }
    ]
    cite(side["attendance"][0], "experts from various regions", "label", "count")
    cite(side["attendance"][0], "combining online", "attendance_mode", "count_qualifier")
    side["contributions"] = [{
        "id": "apt-side-event-contribution-1", "person_id": "julia-mao", "role": "opening_remarks",
        "summary": "Julia Mao", "evidence": [],
    }]  # fmt: skip
    cite(side["contributions"][0], "Julia Mao", "person_id", "role", "summary")
    side["sessions"][0]["title"] = None
    side["sessions"][0]["subject"] = "Enhancing Regional Carbon Market Development"
    for ev in side["sessions"][0]["evidence"]:  # the quotes of its title give its subject
        ev["fields"] = [{"title": "subject"}.get(f, f) for f in ev["fields"]]
    side["statements"][0]["person_ids"] = ["julia-mao"]
    cite(side["statements"][0], "Julia Mao", "person_ids", items=["julia-mao"])
    side["references"][0]["relation"] = "adopted"
    doc["events"].append(side)
    doc["people"][0]["honorific_prefix"] = "Director"
    doc["people"][0]["evidence"][0]["fields"].append("honorific_prefix")
    return doc


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (tests marked ``browser``); screenshots go to `ARTIFACTS`."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)  # fmt: skip
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
