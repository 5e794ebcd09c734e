"""Adversarial input, concurrency and tamper detection.

Every broken dataset file is refused by one DatasetError listing its problems with
their paths, never by a crash; no input to a public function raises anything but the
documented errors; the bundled dataset never changes; the loader runs once under a
cold-start stampede; a modified installation is reported as such.
"""

from __future__ import annotations

import copy
import json
import resource
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aseanplus3_events as apt
from aseanplus3_events import loading as loading_module
from conftest import EVENT_ID, seminar_dict

BUNDLED = apt.default_dataset().catalog.model_dump_json().encode()
SNAPSHOT = apt.default_dataset().catalog.model_dump_json()


# --- a corpus of broken files ----------------------------------------------------------


def _mutate(change: Callable[[dict[str, Any]], None]) -> bytes:
    data = json.loads(BUNDLED)
    change(data)
    return json.dumps(data).encode()


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return change


def _duplicate_org(data: dict[str, Any]) -> None:
    data["organizations"].append(copy.deepcopy(data["organizations"][0]))


def _nest(depth: int) -> bytes:
    return (
        b'{"schema_version": "1.0.0", "data_version": "x", "events": '
        + (b"[" * depth + b"]" * depth)
        + b"}"
    )


CORPUS: dict[str, tuple[bytes, str]] = {
    # name: (file content, a JSON path that must be among the problems)
    "truncated": (BUNDLED[: len(BUNDLED) // 2], "$"),
    "empty": (b"", "$"),
    "not json": (b"<html>nope</html>", "$"),
    "deep nesting": (_nest(100_000), "$"),
    "huge number": (_mutate(_set("organizations/0/founded", 10**400)),
                    "$.organizations[0].founded"),
    "huge ordinal": (_mutate(_set("events/0/sessions/0/ordinal", 10**30)),
                     "$.events[0].sessions[0].ordinal"),
    "wrong type": (_mutate(_set("events/0/start_date", 20230714)), "$.events[0].start_date"),
    "list for object": (_mutate(_set("people/0", ["julia-mao"])), "$.people[0]"),
    "extra field": (_mutate(_set("events/0/venue", "Beijing")), "$.events[0].venue"),
    "duplicate ids": (
        _mutate(_duplicate_org), f"$.organizations[{len(apt.organizations())}].id"
    ),
    "dangling reference": (_mutate(_set("people/0/affiliations/0/organization_id", "nobody")),
                           "$.people[0].affiliations[0].organization_id"),
    "span out of range": (_mutate(_set("events/0/evidence/0/end", 10**9)),
                          "$.events[0].evidence[0]"),
    "negative span": (_mutate(_set("events/0/evidence/0/start", -1)),
                      "$.events[0].evidence[0].start"),
    "quote mismatch": (_mutate(_set("events/0/evidence/0/quote", "On July 4, 2023")),
                       "$.events[0].evidence[0].quote"),
    "invalid utf-8": (BUNDLED.replace(b"Julia Mao", b"Julia \xff\xfe"), "$"),
    "byte-order mark": (b"\xef\xbb\xbf" + BUNDLED, "$"),
    "null catalog": (b"null", "$"),
    "unsupported version": (_mutate(_set("schema_version", "3.0.0")), "$.schema_version"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CORPUS))
def test_broken_files_are_refused_with_every_problem_and_its_path(
    name: str, tmp_path: Path
) -> None:
    content, expected_path = CORPUS[name]
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(path)
    problems = info.value.problems
    assert problems, name
    assert all(p.path.startswith("$") and p.message for p in problems)
    assert expected_path in [p.path for p in problems], problems
    assert str(path) in str(info.value)
    assert apt.default_dataset().catalog.model_dump_json() == SNAPSHOT


def test_many_problems_are_all_listed(tmp_path: Path) -> None:
    data = seminar_dict()  # the seminar's part: its problems are pinned below
    for ev in data["events"][0]["evidence"]:
        ev["quote"] = "x"
    for session in data["events"][0]["sessions"]:
        session["topics"] = ["nope"]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data))
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(path)
    paths = [p.path for p in info.value.problems]
    assert paths == [
        *(f"$.events[0].evidence[{j}].quote" for j in range(5)),
        "$.events[0].name",  # its words are no longer in any quote naming it
        # each session: the unknown topic, and each quote citing a topic no longer listed
        "$.events[0].sessions[0].topics[0]",
        *(f"$.events[0].sessions[0].evidence[{k}].items[0]" for k in (4, 5, 6)),
        "$.events[0].sessions[1].topics[0]",
        *(f"$.events[0].sessions[1].evidence[{k}].items[0]" for k in (1, 2, 3)),
        "$.events[0].sessions[2].topics[0]",
        *(f"$.events[0].sessions[2].evidence[{k}].items[0]" for k in (1, 2, 3, 4)),
    ]


def test_a_file_of_tens_of_megabytes_is_refused_in_bounded_time_and_memory(
    tmp_path: Path,
) -> None:
    # 30 MB: one valid event followed by a very long junk string in an extra field.
    data = json.loads(BUNDLED)
    data["events"][0]["padding"] = "x" * 30_000_000
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(apt.DatasetError) as info:
        apt.load_dataset(path)
    elapsed = time.perf_counter() - start
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [p.path for p in info.value.problems] == ["$.events[0].padding"]
    # generous bounds: the point is "not a hang, not a blow-up"
    assert elapsed < 20
    assert grown_mb < 500
    assert len(str(info.value)) < 1000  # the message does not echo the input


# --- any input to the public functions -----------------------------------------------

ANYTHING = st.one_of(
    st.text(max_size=40),
    st.binary(max_size=10),
    st.integers(),
    st.floats(allow_nan=True),
    st.none(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.tuples(st.text(max_size=3)),
    st.sampled_from(["apt-low-carbon-seminar-2023", "carbon markets", "julia-mao", "CN", ""]),
)
LOOKUPS = [
    apt.get_event, apt.get_session, apt.sessions_by_topic, apt.get_topic,
    apt.get_organization, apt.get_person, apt.get_source, apt.get_country, apt.search,
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(function=st.sampled_from(LOOKUPS), argument=ANYTHING)
def test_any_argument_gives_a_result_or_a_documented_error(
    function: Callable[[Any], Any], argument: object
) -> None:
    try:
        result = function(argument)
    except TypeError as error:
        message = str(error)
        assert not isinstance(argument, str)
        assert "must be a" in message
    except apt.NotFoundError as error:
        value, is_lookup = error.value, isinstance(error, LookupError)
        assert isinstance(argument, str)
        assert is_lookup
        assert value == argument
    else:
        assert argument is None or isinstance(argument, str)
        assert isinstance(result, apt.Event | apt.Session | apt.Topic | apt.Organization
                          | apt.Person | apt.Source | apt.Country | tuple)  # fmt: skip
    assert apt.default_dataset().catalog.model_dump_json() == SNAPSHOT


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from([n for t in apt.topics() for n in (t.id, t.label, *t.aliases)]),
    noise=st.lists(st.sampled_from([" ", "-", "_", "\u2013", "\u2014", "\u00a0"]), max_size=3),
    upper=st.booleans(),
)
def test_topic_names_in_any_case_and_spacing(name: str, noise: list[str], upper: bool) -> None:
    variant = "".join(noise) + (name.upper() if upper else name) + "".join(noise)
    assert apt.get_topic(variant) == apt.get_topic(name)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=200))
def test_arbitrary_bytes_never_crash_the_loader(content: bytes, tmp_path_factory: Any) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.json"
    path.write_bytes(content)
    with pytest.raises(apt.DatasetError):
        apt.load_dataset(path)


# --- concurrency ------------------------------------------------------------------------


def test_64_threads_on_a_cold_start_load_once_and_agree() -> None:
    code = textwrap.dedent("""
        import threading
        from aseanplus3_events import loading
        import aseanplus3_events as apt
        calls = []
        real = loading._load_bundled
        def counting():
            calls.append(1)
            return real()
        loading._load_bundled = counting
        barrier = threading.Barrier(64)
        results = []
        def worker(n):
            barrier.wait()
            results.append((
                apt.default_dataset(),
                apt.get_event("apt-low-carbon-seminar-2023"),
                apt.sessions_by_topic("carbon markets"),
                apt.search("green finance"),
            ))
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(64)]
        for t in threads: t.start()
        for t in threads: t.join()
        assert len(calls) == 1, calls
        assert len(results) == 64
        assert all(r[0] is results[0][0] for r in results)
        answers = {(r[1].id, tuple(s.id for s in r[2]), tuple(h.id for h in r[3])) for r in results}
        assert len(answers) == 1
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# --- tamper detection --------------------------------------------------------------------


def test_a_modified_installation_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    real = loading_module.read_bundled

    def tampered(name: str) -> bytes:
        data = real(name)
        return data.replace(b"2023-07-14", b"2023-07-15") if name == "catalog.json" else data

    monkeypatch.setattr(loading_module, "read_bundled", tampered)
    monkeypatch.setattr(loading_module, "_default", None)
    with pytest.raises(apt.DatasetError, match="the installation was modified or damaged"):
        apt.default_dataset()


def test_a_modified_installation_is_reported_by_the_command_line(tmp_path: Path) -> None:
    package = Path(apt.__file__).parent
    copy_dir = tmp_path / "site" / "aseanplus3_events"
    shutil.copytree(package, copy_dir)
    data = copy_dir / "data" / "catalog.json"
    data.write_bytes(data.read_bytes().replace(b'"Julia Mao"', b'"Julia Mau"'))
    result = subprocess.run(
        [sys.executable, "-m", "aseanplus3_events", "events"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "the installation was modified or damaged; reinstall aseanplus3-events" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_recorded_digest_matches_the_data() -> None:
    import hashlib

    digest, name = loading_module.read_bundled("catalog.sha256").decode().split()
    assert name == "catalog.json"
    assert hashlib.sha256(loading_module.read_bundled("catalog.json")).hexdigest() == digest


# --- gc ----------------------------------------------------------------------------------


def test_loading_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    path = tmp_path / "mine.json"
    path.write_bytes(BUNDLED)
    assert gc.isenabled()
    apt.load_dataset(path)
    assert gc.isenabled()
    gc.disable()
    try:
        apt.load_dataset(path)
        assert not gc.isenabled()
    finally:
        gc.enable()
    path.write_bytes(b"broken")
    with pytest.raises(apt.DatasetError):
        apt.load_dataset(path)
    assert gc.isenabled()


def test_freeze_is_opt_in(tmp_path: Path) -> None:
    code = textwrap.dedent(f"""
        import gc, aseanplus3_events as apt
        path = {str(tmp_path / "mine.json")!r}
        open(path, "wb").write(apt.default_dataset().catalog.model_dump_json().encode())
        before = gc.get_freeze_count()
        apt.load_dataset(path)
        assert gc.get_freeze_count() == before
        ds = apt.load_dataset(path, freeze=True)
        assert gc.get_freeze_count() > before
        assert ds.get_event({EVENT_ID!r}).id == {EVENT_ID!r}
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_failed_write_leaves_the_previous_export_intact(tmp_path: Path) -> None:
    """A full disk mid-write (here a file size limit, RLIMIT_FSIZE) left the output of
    write_html, write_csv, write_datapackage, ... truncated in place of the previous
    export (and write_sqlite its partial database beside it); every writer now writes
    atomically."""
    writers = {
        "html": "aseanplus3_events.exports.html:write_html",
        "csv": "aseanplus3_events.exports.tables:write_csv",
        "datapackage": "aseanplus3_events.exports.tables:write_datapackage",
        "parquet": "aseanplus3_events.exports.parquet:write_parquet",
        "events.xlsx": "aseanplus3_events.exports.xlsx:write_xlsx",
        "events.db": "aseanplus3_events.exports.sqlite:write_sqlite",
    }
    code = textwrap.dedent(
        """
        import importlib, resource, signal, sys
        folder, limit, writers = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
        if limit:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it: EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        for target, writer in zip(writers[::2], writers[1::2]):
            module, name = writer.split(":")
            try:
                getattr(importlib.import_module(module), name)(f"{folder}/{target}")
            except Exception:  # OSError; openpyxl's own temporary files fail in lxml
                print(target)
        """
    )
    args = [x for pair in writers.items() for x in pair]

    def export(limit: int) -> list[str]:
        command = [sys.executable, "-c", code, str(tmp_path), str(limit), *args]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()

    assert export(0) == []
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert len(before) > 40
    assert export(1500) == list(writers)  # every writer met a file larger than the limit
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # no file truncated, no temporary file left
