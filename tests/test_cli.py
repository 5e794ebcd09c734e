"""The command line, end to end through subprocesses, as people run it: exit statuses,
stdout and stderr, ``--json`` parsed back, pipes under block buffering, terminals (a
real pseudo-terminal), legacy encodings, ``-`` for the standard streams, broken files.

The machine running the suite sets ``PYTHONUNBUFFERED=1``; users do not, so every
program here runs without it (``ENV``), and the pipe tests run once with it too.
"""

from __future__ import annotations

import argparse
import ctypes
import dataclasses
import json
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import aseanplus3_events as apt
from aseanplus3_events.cli import FORMATS, table
from aseanplus3_events.exports import install_hint
from conftest import EVENT_ID, ROOT, run_in_pty

SCRIPT = shutil.which("aseanplus3-events", path=str(Path(sys.executable).parent))
BUNDLED = ROOT / "src" / "aseanplus3_events" / "data" / "catalog.json"
# The user's environment: block-buffered output, no width or encoding forced.
ENV = {
    k: v
    for k, v in os.environ.items()
    if k not in ("PYTHONUNBUFFERED", "PYTHONIOENCODING", "COLUMNS", "LINES", "PYTHONUTF8")
}
PROGRAM = [sys.executable, "-m", "aseanplus3_events"]
WORK_PLAN = "ASEAN Plus Three Cooperation Work Plan (2023-2027)"
#: How the command line counts the bundled events ("1 event", "2 events").
EVENTS = f"{len(apt.list_events())} event{'' if len(apt.list_events()) == 1 else 's'}"


def run(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*PROGRAM, *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env=ENV | (env or {}),
        input=stdin,
    )


def ok(*args: str | Path, **kwargs: Any) -> str:
    result = run(*args, **kwargs)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    return result.stdout.decode("utf-8")


def as_json(*args: str | Path) -> Any:
    return json.loads(ok(*args, "--json"))


def error(*args: str | Path, code: int, cwd: Path | None = None, **kwargs: Any) -> str:
    """The one line a user's mistake prints on stderr, without the program's name."""
    result = run(*args, cwd=cwd, **kwargs)
    stderr = result.stderr.decode("utf-8", "backslashreplace")
    assert result.returncode == code, stderr
    assert result.stdout == b""
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1, stderr
    prefix = "aseanplus3-events: error: "
    assert stderr.startswith(prefix), stderr
    return stderr.removeprefix(prefix).rstrip("\n")


def in_terminal(*args: str, columns: int = 80, **env: str) -> tuple[int, list[str]]:
    status, output = run_in_pty([*PROGRAM, *args], columns=columns, env=ENV | env)
    return status, output.splitlines()


def shell(pipeline: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run a bash pipeline whose first command is the program; return its exit status
    (from PIPESTATUS, not the last command's), and the pipeline's stdout and stderr."""
    program = shlex.join(PROGRAM)
    script = pipeline.replace("aseanplus3-events", program) + '; echo "status=${PIPESTATUS[0]}"'
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=ENV | (env or {})
    )
    out, _, status = result.stdout.rpartition("status=")
    return int(status), out, result.stderr


# --- what it answers ---------------------------------------------------------------


def test_the_console_script_is_installed_and_is_the_same_program() -> None:
    assert SCRIPT is not None
    script = subprocess.run([SCRIPT, "events", "--json"], capture_output=True, env=ENV)
    assert script.returncode == 0
    assert json.loads(script.stdout) == as_json("events")


def test_show_heads_only_the_sections_an_event_has(corpus_dataset: apt.Dataset) -> None:
    # A trial: a ministerial meeting with no sessions showed an empty "Sessions" heading.
    from aseanplus3_events.cli import format_event

    shown = [(ds, e) for ds in (corpus_dataset, apt.default_dataset()) for e in ds.list_events()]
    assert any(not e.sessions for _, e in shown)  # premise
    for ds, event in shown:
        lines = format_event(event, ds).splitlines()
        assert ("Sessions" in lines) == bool(event.sessions), event.id
        assert ("Organizations" in lines) == bool(event.participations), event.id


def test_show_gives_an_events_edition_with_or_without_its_series(
    corpus_dataset: apt.Dataset,
) -> None:
    # A new user's check: an edition stated without a series name was not shown.
    from aseanplus3_events.cli import format_event

    numbered = next(e for e in corpus_dataset.list_events() if e.edition and e.series)
    for event in (numbered, numbered.model_copy(update={"series": None})):
        flat = " ".join(format_event(event, corpus_dataset).split())  # lines unwrapped
        named = f"{event.series}, " if event.series else ""
        assert f" series: {named}#{numbered.edition} " in flat


def test_no_command_and_show_print_the_summary(seminar_file: Path) -> None:
    # a dataset of the seminar alone, so that it is the most recent event
    out = ok("--dataset", seminar_file)
    assert out == ok("--dataset", seminar_file, "show") == ok("show", EVENT_ID)
    lines = out.splitlines()
    assert lines[0] == (
        "ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership"
    )
    assert "  date:            2023-07-14" in lines
    assert "  attendance_mode: hybrid" in lines
    assert "  location:        not stated" in lines
    participants = lines.index("Participants (a partial list: “including …”)")
    assert lines.index("Organizations") < participants < lines.index("Sessions")
    # a line too long for 80 columns continues under the start of its text
    i = lines.index("  guidance   International Cooperation Department, Ministry of Ecology and")
    assert lines[i + 1] == '             Environment ("under the guidance of")'
    assert (
        '  organizer  China-ASEAN Environmental Cooperation Center ("organized"; see note' in lines
    )
    assert '  supporter  World Wide Fund for Nature ("with support from")' in lines
    assert "  1. Advancing Towards COP28: Enhancing Regional Carbon Market Development and" in lines
    assert "     speaker: Julia Mao (Director, International Cooperation Department," in lines
    assert sum(line.startswith(("  1. ", "  2. ", "  3. ")) for line in lines) == 3


HELP = "(see: aseanplus3-events events --help)"


@pytest.mark.parametrize(
    ("option", "value", "why"),
    [
        ("--since", "2023-13-01", "write YYYY-MM-DD, such as 2023-07-14"),
        ("--since", "July 2023", "write YYYY-MM-DD, such as 2023-07-14"),
        ("--until", "14/07/2023", "write YYYY-MM-DD, such as 2023-07-14"),
        ("--until", "20230714", "write YYYY-MM-DD, such as 2023-07-14"),
        ("--until", "2023-02-29", f"February 2023 has 28 days {HELP}"),
        ("--since", "2024-04-31", f"April 2024 has 30 days {HELP}"),
        ("--since", "2025-11-9", "write YYYY-MM-DD, such as 2025-11-09"),  # the date meant
    ],
)
def test_a_date_option_that_is_not_a_date_says_how_to_write_one(
    option: str, value: str, why: str
) -> None:
    # not "argument --since: invalid fromisoformat value: '2023-13-01'"
    assert error("events", option, value, code=2) == f"{option}: {value!r} is not a date: {why}"


def test_version() -> None:
    assert ok("--version") == f"aseanplus3-events {apt.__version__} (data {apt.data_version()})\n"


def test_events_listing(seminar_file: Path) -> None:
    rows = as_json("--dataset", seminar_file, "events")
    assert rows == [
        {
            "id": EVENT_ID,
            "start_date": "2023-07-14",
            "end_date": "2023-07-14",
            "kind": "seminar",
            "attendance_mode": "hybrid",
            "name": apt.get_event(EVENT_ID).name,
        }
    ]
    # piped: one whole row per line, cells separated by tabs, no header
    assert (
        ok("--dataset", seminar_file, "events")
        == "\t".join(
            [
                EVENT_ID,
                "2023-07-14",
                "2023-07-14",
                "seminar",
                "hybrid",
                apt.get_event(EVENT_ID).name,
            ]
        )
        + "\n"
    )


def test_sessions_listing_and_topic_filter(seminar_file: Path) -> None:
    every = as_json("--dataset", seminar_file, "sessions")
    assert [s["ordinal"] for s in every] == [1, 2, 3]
    on_topic = as_json("--dataset", seminar_file, "sessions", "--topic", "Carbon markets")
    assert [s["id"] for s in on_topic] == [f"{EVENT_ID}-session-1"]
    assert on_topic[0]["topics"] == ["carbon-markets", "regional-cooperation", "green-finance"]
    (row,) = ok("--dataset", seminar_file, "sessions", "--topic", "carbon_markets").splitlines()
    assert row.split("\t") == [
        f"{EVENT_ID}-session-1",
        EVENT_ID,
        "1",
        "carbon-markets, regional-cooperation, green-finance",
        "Advancing Towards COP28: Enhancing Regional Carbon Market Development and Collaboration",
    ]


def test_topics_orgs_people_search(seminar_file: Path) -> None:
    topics = as_json("topics")
    assert [t["id"] for t in topics] == [t.id for t in apt.topics()]
    assert [t["sessions"] for t in topics] == [len(apt.sessions_by_topic(t)) for t in apt.topics()]
    topics = as_json("--dataset", seminar_file, "topics")
    assert all(t["sessions"] == 1 for t in topics)
    orgs = as_json("--dataset", seminar_file, "orgs")
    assert len(orgs) == 7
    assert {"id": "ministry-of-ecology-and-environment", "kind": "ministry", "country": "CN",
            "parent_id": None, "name": "Ministry of Ecology and Environment"} in orgs  # fmt: skip
    assert as_json("--dataset", seminar_file, "people") == [
        {
            "id": "julia-mao",
            "name": "Julia Mao",
            "posts": [
                "Director, International Cooperation Department, "
                "International Institute of Green Finance"
            ],
        }
    ]
    hits = as_json("search", "plastic youth")
    assert hits == [h.model_dump() for h in apt.search("plastic youth")]
    hits = as_json("--dataset", seminar_file, "search", "plastic youth")
    assert [(h["kind"], h["id"], h["event_id"]) for h in hits] == [
        ("session", f"{EVENT_ID}-session-3", EVENT_ID)
    ]
    assert hits[0]["text"].startswith(apt.get_session(f"{EVENT_ID}-session-3").heading)
    for args in (("--json",), ()):  # no rows, and what is close said on stderr
        result = run("search", "no such words", *args)
        assert (result.returncode, result.stdout) == (0, b"[]\n" if args else b"")
        assert result.stderr.startswith(b"aseanplus3-events: no hits for 'no such words'; ")


# --- 1. pipes, under block buffering ------------------------------------------------------


@pytest.mark.parametrize("buffering", ["block", "unbuffered"])
@pytest.mark.parametrize(
    ("pipeline", "closed"),
    [
        ("aseanplus3-events show | head -n 0", True),
        ("aseanplus3-events topics | true", True),
        ("aseanplus3-events people --json | head -1", False),
        ("aseanplus3-events people --json | head -n 0", True),
        ("aseanplus3-events export --format json | head -n 0", True),
        ("aseanplus3-events | head -n 1", False),
        ("aseanplus3-events search the | head -n 1", False),
        ("aseanplus3-events export --format json | head -n 1", False),
        ("aseanplus3-events schema | true", True),
        ("aseanplus3-events --help | head -n 0", True),
    ],
)
def test_output_into_a_closed_pipe_ends_quietly(
    pipeline: str, closed: bool, buffering: str
) -> None:
    # `true` and `head -n 0` exit before the program writes, so its writes (or the final
    # flush of its buffer) meet a closed pipe; `head -n 1` may close it after a line.
    env = {"PYTHONUNBUFFERED": "1"} if buffering == "unbuffered" else None
    status, out, err = shell(pipeline, env)
    assert err == ""
    assert len(out.splitlines()) == (0 if "head -n 0" in pipeline or "true" in pipeline else 1)
    # the closed pipe has its own status, documented, never that of "not found"
    assert status == 141 if closed else status in (0, 141)


@pytest.mark.parametrize("buffering", ["block", "unbuffered"])
@pytest.mark.parametrize(
    "pipeline",
    [
        "aseanplus3-events show nonexist 2>&1 | head -n 0",
        "aseanplus3-events search zzzqq 2>&1 | head -n 0",
        "aseanplus3-events show nonexist 2>&1 >/dev/null | head -n 0",
        "aseanplus3-events init s 2>/dev/null; aseanplus3-events build s --check 2>&1 | true",
    ],
)
def test_messages_into_a_closed_pipe_end_with_the_closed_pipes_status(
    pipeline: str, buffering: str, tmp_path: Path
) -> None:
    """A fresh user's trial: ``show nonexist 2>&1 | head -n0`` ended with status 120
    (Python's, when flushing stderr at exit fails) or 1, not the documented 141."""
    env = {"PYTHONUNBUFFERED": "1"} if buffering == "unbuffered" else None
    status, out, err = shell(f"cd {shlex.quote(str(tmp_path))} && {pipeline}", env)
    assert (status, out, err) == (141, "", "")


# --- 2. encodings ------------------------------------------------------------------------

LEGACY = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "cp437": {"PYTHONIOENCODING": "cp437"},
    "C locale": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


@pytest.fixture(scope="module")
def latin1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A latin-1 locale, as a user's (a trial's: ISO-8859-1, PYTHONIOENCODING unset), built
    with localedef; where it cannot be built, PYTHONIOENCODING=latin-1, which Python
    honours the same way.  Either way, Python's stdout is latin-1 under it."""
    folder = tmp_path_factory.mktemp("locale")
    env = {"LC_ALL": "en_US.ISO-8859-1", "LOCPATH": str(folder)}
    if shutil.which("localedef"):
        command = ["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(folder / env["LC_ALL"])]
        subprocess.run(command, capture_output=True)
    if not (folder / env["LC_ALL"]).is_dir():
        env = {"PYTHONIOENCODING": "latin-1"}
    check = [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"]
    assert subprocess.run(check, capture_output=True, env=ENV | env).stdout == b"iso8859-1\n"
    return env


def _quoted(fits: bool, encoding: str = "latin-1") -> Any:
    """A bundled record whose evidence quotes ``encoding`` holds whole (``fits``), or not."""
    from aseanplus3_events.cli.records import by_id

    def whole(record: Any) -> bool:
        return all(e.quote.encode(encoding, "ignore").decode(encoding) == e.quote
                   for e in record.evidence)  # fmt: skip

    cited = [r for r in by_id(apt.default_dataset()).values() if getattr(r, "evidence", ())]
    return next(r for r in cited if whole(r) == fits)


def test_piped_output_is_the_data_in_utf8_whatever_the_locale(
    latin1: dict[str, str], corpus_dataset: apt.Dataset, tmp_path: Path
) -> None:
    # A trial under a latin-1 locale: piped, "Nguyễn" came out as "Nguyen" and "China’s"
    # as "China's", silently.  Into a pipe or a file, the data is written as it is.
    path = tmp_path / "corpus.json"
    path.write_bytes(corpus_dataset.catalog.model_dump_json().encode())
    names = [p.name for p in corpus_dataset.people()]
    assert any(n.encode("latin-1", "ignore").decode("latin-1") != n for n in names)  # premise
    record = _quoted(fits=False)
    for env in (latin1, *LEGACY.values()):
        cells = ok("--dataset", path, "people", env=env).replace("\n", "\t").split("\t")
        assert set(names) <= set(cells)
        shown = " ".join(ok("show", record.id, env=env).split())
        for evidence in record.evidence:
            assert f"“{' '.join(evidence.quote.split())}”" in shown
        status, out, err = shell("aseanplus3-events search ecology | cut -f 4", env)
        assert (status, out, err) == (0, "".join(f"{h.text}\n" for h in apt.search("ecology")), "")
    assert any("’" in h.text for h in apt.search("ecology"))  # premise: one latin-1 lacks


@pytest.mark.parametrize("command", ["show", "people", "search"])
def test_a_terminal_lacking_the_datas_characters_shows_it_simplified_and_says_so(
    latin1: dict[str, str], command: str, corpus_dataset: apt.Dataset, tmp_path: Path
) -> None:
    """On a terminal whose encoding lacks some of the data's characters, any command's
    output ends with one note saying the text was simplified; the quote marks and
    ellipses the command adds around the data are not the data, and call for none."""
    from aseanplus3_events.cli.records import by_id

    def notes(*args: str, env: dict[str, str]) -> list[str]:
        status, output = run_in_pty([*PROGRAM, *args], columns=200, env=ENV | env)
        assert status == 0, output
        return [line for line in output.splitlines() if line.startswith("aseanplus3-events: note:")]

    def lacking(*args: str) -> set[str]:  # the data's characters latin-1 lacks (piped)
        return {c for c in ok(*args) if c not in "“”…" and not c.encode("latin-1", "ignore")}

    corpus = tmp_path / "corpus.json"  # (its people's names have letters latin-1 lacks)
    corpus.write_bytes(corpus_dataset.catalog.model_dump_json().encode())
    people = [["--dataset", str(corpus), "people"], ["people"]]
    runs = {"people": people, "search": [["search", "ecology"]]}.get(command) or [
        ["show", _quoted(fits=False).id],
        ["show", next(i for i in by_id(apt.default_dataset()) if not lacking("show", i))],
    ]
    for args in runs:
        said = notes(*args, env=latin1)
        assert len(said) == (1 if lacking(*args) else 0), (args, said)
        assert all("simplified" in note and "pipe" in note for note in said)
        assert notes(*args, env={}) == []  # a UTF-8 terminal holds it all
    assert any(lacking(*args) for args in runs)  # premise: something to say


def test_a_letter_a_terminal_lacks_is_written_as_search_spells_it() -> None:
    """A new user's check: on a latin-1 terminal "Trần Đức Thắng" showed as "Tran ?uc
    Thang", while the same name's id and search spell Đ as D (`text.spelled`)."""
    from aseanplus3_events.cli import output
    from aseanplus3_events.text import slug

    name = "Trần Đức Thắng, Đà Nẵng"
    for encoding in ("latin-1", "ascii", "cp437"):
        shown = name.encode(encoding, output._ERRORS).decode(encoding)
        assert "?" not in shown
        assert slug(shown) == slug(name)  # the same letters as its id, marks aside


@pytest.mark.parametrize("locale", LEGACY)
def test_human_output_on_a_terminal_degrades_gracefully_in_a_legacy_encoding(
    locale: str,
) -> None:
    status, lines = in_terminal("show", EVENT_ID, **LEGACY[locale])
    assert status == 0
    # the quotes “ ” (not in the encoding) became plain ones
    assert f'align their efforts with the "{WORK_PLAN}" actively.' in " ".join(
        " ".join(lines).split()
    )
    # an error naming a value the encoding lacks is still one readable line
    assert error("show", "séminaire’", code=1, env=LEGACY[locale]).startswith("unknown id 's")


def test_arguments_typed_in_utf8_are_read_under_an_ascii_locale() -> None:
    # Terminals send UTF-8 whatever LC_ALL says; Python reads the bytes of "région"
    # as lone surrogates under the C locale.
    c_locale = LEGACY["C locale"]
    assert run("search", "région", "--json", env=c_locale).stdout == ok(
        "search", "région", "--json"
    ).encode("utf-8")
    en_dash = ok("sessions", "--topic", "plastic–pollution", env=c_locale)
    assert en_dash.startswith(f"{EVENT_ID}-session-3\t")


@pytest.mark.parametrize("locale", ["cp1252", *LEGACY])
def test_json_is_utf8_whatever_the_locale(locale: str) -> None:
    env = LEGACY.get(locale, {"PYTHONIOENCODING": locale})
    exported = run("export", "--format", "json", env=env)
    assert exported.returncode == 0
    assert exported.stdout == BUNDLED.read_bytes()
    hits = run("search", "work plan", "--json", env=env)
    texts = [hit["text"] for hit in json.loads(hits.stdout.decode("utf-8"))]
    assert any(f"“{WORK_PLAN}” actively." in text for text in texts)
    # the tool reads back what it wrote, across a pipe, in that locale
    status, out, err = shell(
        "aseanplus3-events export --format json | aseanplus3-events validate -", env
    )
    assert (status, out, err) == (0, f"<stdin>: valid ({EVENTS})\n", "")


# --- 3. width: terminals and pipes ---------------------------------------------------------


def test_a_table_fits_the_terminal_and_cuts_cells_with_an_ellipsis(seminar_file: Path) -> None:
    status, lines = in_terminal("--dataset", str(seminar_file), "sessions", columns=80)
    assert status == 0
    assert max(map(len, lines)) <= 80
    assert lines[0].split() == ["id", "event_id", "ordinal", "topics", "title"]
    assert set(lines[1]) == {"-", " "}
    assert len(lines) == 2 + 3
    # the titles people read keep their width before the ids do; ids are cut in their
    # middle, long cells end in an ellipsis
    assert lines[2].startswith("apt-lo…sion-1  apt-")  # not "…ion-1": a participation's too
    assert lines[2].endswith("  Advancing Towards COP28: Enhancing …")
    assert lines[4].endswith("  Climate Change and Plastic Pollutio…")


def test_names_keep_their_width_and_ids_still_tell_rows_apart_on_80_columns() -> None:
    # Two International Cooperation Departments, one name: the ids tell them apart.
    status, lines = in_terminal("orgs", columns=80)
    assert status == 0
    assert max(map(len, lines)) <= 80
    shown = [line.split("  ")[0].strip() for line in lines[2:]]
    ids = [org.id for org in apt.organizations()]
    assert len(shown) == len(ids)
    assert len(set(shown)) == len(shown)
    for cut, whole in zip(shown, ids, strict=True):
        # cut in the middle: start and end both show
        start, _, end = cut.partition("…")
        assert whole.startswith(start)
        assert whole.endswith(end)
    # the name column is the widest on the line, and a short name shows whole
    assert any(line.endswith("  World Resources Institute") for line in lines)
    assert len(lines[1].split()[-1]) >= 30


def test_columns_wins_over_the_terminal_size(seminar_file: Path) -> None:
    search = ("--dataset", str(seminar_file), "search", "work plan")
    status, lines = in_terminal(*search, columns=200, COLUMNS="60")
    assert status == 0
    assert max(map(len, lines)) <= 60
    assert lines[0].split()[:3] == ["score", "kind", "id"]
    assert lines[2].split()[1].startswith("refe")
    # too long to stay whole at 60 columns: the id is cut in its middle
    start, _, end = lines[2].split()[2].partition("…")
    assert f"{EVENT_ID}-reference-1".startswith(start)
    assert f"{EVENT_ID}-reference-1".endswith(end)


def test_a_wide_terminal_shows_whole_cells(seminar_file: Path) -> None:
    status, lines = in_terminal("--dataset", str(seminar_file), "topics", columns=200)
    assert status == 0
    assert "…" not in "\n".join(lines)
    assert lines[4].startswith("green-consumption ")
    aliases = (
        "green and low-carbon consumption, green low-carbon consumption, low-carbon consumption"
    )
    assert f"  {aliases}  " in lines[4]  # the longest cell, whole
    assert lines[4].endswith("  Green consumption")
    # columns are aligned: each header starts where its values start
    assert lines[0].index("aliases") == lines[4].index(aliases)
    assert lines[0].index("label") == lines[4].index("Green consumption")


def test_an_ascii_terminal_gets_three_dots() -> None:
    status, lines = in_terminal("topics", columns=60, PYTHONIOENCODING="ascii")
    assert status == 0
    assert max(map(len, lines)) <= 60
    assert any("..." in line for line in lines)


def _listings(dataset: apt.Dataset, tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    """``dataset`` as a file for ``--dataset``, and the ids each listing prints, in order,
    read from the dataset."""
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(dataset.catalog.model_dump(mode="json")), encoding="utf-8")
    events = dataset.list_events()
    return path, {
        "events": [e.id for e in events],
        "sessions": [s.id for e in events for s in e.sessions],
        "topics": [t.id for t in dataset.topics()],
        "orgs": [o.id for o in dataset.organizations()],
        "people": [p.id for p in dataset.people()],
    }


def test_a_narrow_terminal_shows_each_id_whole_first(dataset: apt.Dataset, tmp_path: Path) -> None:
    """At 30 and 40 columns not every column holds its floor (`_fit`): each id (what a
    user types into ``show``) shows whole, cut in its middle only when wider than the
    terminal, and the other columns come after it or not at all.  Before, every column
    shared equally and ``orgs`` showed each id as ``…``.  (The corpus's people at 40
    columns do hold their floors, so their ids are cut as at 80: names before ids.)"""
    path, listings = _listings(dataset, tmp_path)
    for columns in (30, 40) if dataset is apt.default_dataset() else (30,):
        for command, ids in listings.items():
            status, lines = in_terminal("--dataset", str(path), command, columns=columns)
            assert status == 0
            assert max(map(len, lines)) <= columns
            assert lines[0].split()[0] == "id"
            shown = [line.split("  ")[0] for line in lines[2:]]
            assert len(set(shown)) == len(shown) == len(ids), (command, columns)
            for cut, whole in zip(shown, ids, strict=True):
                if len(whole) <= columns:
                    assert cut == whole, (command, columns)
                else:
                    start, _, end = cut.partition("…")
                    assert len(cut) == columns, (command, columns)
                    assert whole.startswith(start)
                    assert whole.endswith(end)


def test_a_wide_terminal_cuts_no_header(dataset: apt.Dataset, tmp_path: Path) -> None:
    """At 200 columns ``events`` cut its ``attendance_mode`` header to ``attenda…``
    although the line had room for it: every header shows whole."""
    path, listings = _listings(dataset, tmp_path)
    for command in [*listings, "search ASEAN"]:
        args = ("--dataset", str(path), *command.split())
        status, lines = in_terminal(*args, columns=200)
        assert status == 0
        assert max(map(len, lines)) <= 200
        assert "…" not in lines[0], command
        assert command == "search ASEAN" or lines[0].split() == list(as_json(*args)[0])


def test_show_shows_any_record_by_id_as_the_lookups_find_it() -> None:
    """Issue 20 (a user's trial): ``show`` took event ids only."""
    ds = apt.default_dataset()
    event = ds.get_event(EVENT_ID)
    session, statement = event.sessions[0], event.statements[1]
    person = ds.get_person("julia-mao")
    org = ds.get_organization("china-asean-environmental-cooperation-center")
    source = ds.get_source(event.source_ids[0])
    for record_id, first, shown in [
        (org.id, org.name, ["parent_id:", "Ministry of Ecology and Environment", "founded:"]),
        (person.id, person.name, ["International Cooperation Department, "
                                  "International Institute of Green Finance, Director"]),
        (session.id, session.heading, ["carbon-markets (Carbon markets)", "Julia Mao",
                                       f"{EVENT_ID} ("]),
        (statement.id, "Statement", ["attributed_to:", "experts", "evidence:"]),
        (source.id, source.title, [source.sha256]),
        ("carbon-markets", "Carbon markets", ["aliases:"]),
        ("Carbon markets", "Carbon markets", ["aliases:"]),  # a topic by name, as get_topic
        ("cn", "China", ["code:", "CN", "iso-3166-1"]),  # a country in any case, as get_country
        (statement.evidence[0].id, statement.evidence[0].quote, ["start:", "end:"]),
    ]:  # fmt: skip
        out = ok("show", record_id)
        heading = " ".join(out.split("\n\n")[0].split("\n  ")[0].split())
        assert heading == first, record_id
        flat = " ".join(out.split())
        assert all(text in flat for text in shown), (record_id, out)
        assert max(map(len, out.splitlines())) <= 80 or record_id == source.id
    assert source.text is not None
    assert ok("show", source.id).endswith(source.text + "\n")
    # what no lookup finds names the closest records, of every kind, evidence aside
    assert error("show", "juliamao", code=1) == "unknown id 'juliamao'; closest: 'julia-mao'"
    assert "closest: 'world-wide-fund-for-nature'" in error("show", "world-wide-fund", code=1)
    assert "-evidence-" not in error("show", "apt-seminar", code=1)
    nothing = error("show", "zzzzqx", code=1)
    assert "none is close" in nothing
    for listing in ("events", "sessions", "orgs", "people", "topics", "countries"):
        assert f"`{listing}`" in nothing  # every listing of ids show takes (verify10)


def test_show_lists_each_quote_to_cite_with_its_id_fields_and_place() -> None:
    """A new user's trial (a journalist): ``show`` of a statement said "4 quotes from
    article-…" but not the quotes, their ids or where they stand, so one fact could not
    be cited from the terminal."""
    from aseanplus3_events.cli.records import by_id, format_record

    ds = apt.default_dataset()
    statement = ds.get_event(EVENT_ID).statements[3]
    shown = [(statement, ok("show", statement.id))]  # as the user ran it
    shown += [(ds.get_event(EVENT_ID), ok("show", EVENT_ID))]  # the event's own facts
    shown += [(r, format_record(r, ds)) for r in by_id(ds).values()
              if getattr(r, "evidence", ()) and not isinstance(r, apt.Event)]  # fmt: skip
    for record, out in shown:
        flat = " ".join(out.split())
        for ev in record.evidence:
            text = ds.get_source(ev.source_id).text
            line = text[: ev.start].count("\n") + 1
            column = ev.start - (text[: ev.start].rfind("\n") + 1) + 1
            assert ev.id in (row.strip() for row in out.splitlines()), ev.id  # to copy
            assert f"{ev.id} for {', '.join(ev.fields)}" in flat, (ev.id, out)
            assert f"line {line}, column {column} (characters {ev.start}-{ev.end})" in flat
            assert f"“{' '.join(ev.quote.split())}”" in flat, ev.id
            assert all(item in flat for item in ev.items)
    assert all(len(line) <= 80 for _, out in shown[:2] for line in out.splitlines())


def test_an_id_cut_in_a_table_is_what_show_takes(
    corpus_dataset: apt.Dataset, tmp_path: Path
) -> None:
    """A new user's trial: ``sessions`` at 80 columns cut an id to ``apt-cl…ion-1`` and
    ``show`` called that unknown, naming other records (it also fit a participation's
    id, and contributions').  Each cut, with ``…`` or with an ASCII terminal's ``...``,
    taken from the table as printed, now shows its record, typed under any locale."""
    path, listings = _listings(corpus_dataset, tmp_path)
    for env, ellipsis in (({}, "…"), ({"PYTHONIOENCODING": "ascii"}, "...")):
        status, lines = in_terminal("--dataset", str(path), "sessions", columns=80, **env)
        assert status == 0
        cuts = [line.split()[0] for line in lines[2:]]
        assert len(cuts) == len(listings["sessions"])
        for cut, whole in zip(cuts, listings["sessions"], strict=True):
            assert ellipsis in cut  # the premise: the terminal is too narrow for the ids
            assert ok("--dataset", path, "show", cut) == ok("--dataset", path, "show", whole)
            shown = run("--dataset", path, "show", cut, env=LEGACY["C locale"])
            assert (shown.returncode, shown.stderr) == (0, b"")
            assert whole in shown.stdout.decode("utf-8").split()  # piped: UTF-8


def test_a_cut_id_that_fits_several_lists_them(corpus_dataset: apt.Dataset, tmp_path: Path) -> None:
    """A column of repeated ids (``event_id``) is cut narrower than a row's id: a cut there
    may fit several ids, and ``show`` names them to pick from (the first three, and how
    many in all) rather than any one, or other records as "closest"."""
    path, _ = _listings(corpus_dataset, tmp_path)
    status, lines = in_terminal("--dataset", str(path), "sessions", columns=80)
    assert status == 0
    cut = lines[2].split()[1]  # the first session's event_id, as printed
    start, _, end = cut.partition("…")
    fits = [
        e.id for e in corpus_dataset.list_events() if e.id.startswith(start) and e.id.endswith(end)
    ]
    assert len(fits) == 2  # the premise: two events of the corpus share that start and end
    message = error("--dataset", path, "show", cut, code=1)
    assert message.startswith(f"cut id {cut!r} fits 2 ids: ")
    assert sorted(message.split(": ", 1)[1].split(", ")) == sorted(map(repr, fits))
    # more than three: the first three, and how many more; each one `show` finds
    message = error("--dataset", path, "show", "apt-c…n-1", code=1)
    found = re.fullmatch(
        r"cut id 'apt-c…n-1' fits (\d+) ids: '(.+)', '(.+)', '(.+)' and (\d+) more", message
    )
    assert found is not None, message
    assert int(found[1]) == 3 + int(found[5]) > 3
    for whole in found.groups()[1:4]:
        assert whole.startswith("apt-c")
        assert whole.endswith("n-1")
        assert ok("--dataset", path, "show", whole).split("\n  id:")[1].split()[0] == whole
    # a cut of no id is an unknown id; a cut topic is a topic
    assert error("--dataset", path, "show", "zz…zz", code=1).startswith("unknown id 'zz…zz'; ")
    assert ok("sessions", "--topic", "carbon…kets") == ok("sessions", "--topic", "carbon-markets")
    assert ok("events", "--topic", "carb...kets") == ok("events", "--topic", "carbon-markets")


def test_an_unknown_id_that_starts_ids_names_those_first() -> None:
    """A new user's trial: the start of an id was offered ids that do not start so
    ('article-apt-low-...' for 'apt-low'; 'session-2' for 'session-1-con') before
    those that do."""
    for start in ("apt-low", "apt-lo", f"{EVENT_ID}-session-1-con", f"{EVENT_ID}-s"):
        closest = error("show", start, code=1).split("; closest: ")[1].split(", ")
        assert len(closest) == 3
        assert all(c.strip("'").startswith(start) for c in closest), (start, closest)


def test_a_search_without_hits_says_what_is_close_on_stderr() -> None:
    """Issue 20 (a user's trial): a search that found nothing said nothing."""
    result = run("search", "carbn", "markts")
    assert (result.returncode, result.stdout) == (0, b"")
    assert result.stderr.decode() == (
        "aseanplus3-events: no hits for 'carbn markts'; closest: 'carbon markets', "
        "'carbon-markets'\n"
    )
    result = run("search", "zzzzqx", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])
    assert result.stderr.decode() == "aseanplus3-events: no hits for 'zzzzqx'; nothing close\n"


def test_a_search_without_hits_suggests_words_the_data_holds() -> None:
    """A journalist's trial: "COP 28" said nothing was close (the seminar's first session
    names "COP28"), "Hà Nội" (a city the bundled data does not name) 'a no'."""
    title = apt.get_session(f"{EVENT_ID}-session-1").title
    assert "COP28" in title
    result = run("search", "COP 28")
    assert (result.returncode, result.stdout) == (0, b"")
    assert result.stderr.decode() == "aseanplus3-events: no hits for 'COP 28'; closest: 'cop28'\n"
    assert EVENT_ID + "-session-1" in ok("search", "cop28")
    assert apt.search("Hà Nội") == ()  # the bundled data names no such city
    result = run("search", "Hà Nội")
    assert (result.returncode, result.stdout) == (0, b"")
    assert result.stderr.decode() == "aseanplus3-events: no hits for 'Hà Nội'; nothing close\n"


def test_show_finds_every_cited_record_of_any_dataset(dataset: apt.Dataset) -> None:
    """An attendance figure was not found: `show` listed the kinds of record by hand."""
    from aseanplus3_events.cli.records import find_record
    from aseanplus3_events.exports.annotations import citations

    for cited in citations(dataset):
        assert find_record(dataset, cited.record_id) is cited.record, cited.record_id


@pytest.mark.parametrize("columns", [80, 200])
def test_show_fits_80_columns(columns: int) -> None:
    status, lines = in_terminal("show", EVENT_ID, columns=columns)
    assert status == 0
    assert max(map(len, lines)) <= 80
    assert lines[0].startswith("ASEAN Plus Three (10+3) Seminar")
    assert max(map(len, ok("show", EVENT_ID).splitlines())) <= 80  # piped too


def test_show_shows_the_notes_and_that_the_list_is_partial() -> None:
    """Issue 19, item 15: ``show`` hid the notes and the "list is partial" flag."""
    out = ok("show", EVENT_ID)
    flat = " ".join(out.split())
    event = apt.get_event(EVENT_ID)
    assert event.participants_complete is False  # "experts from various regions, including"
    assert "\nParticipants (a partial list: “including …”)\n" in out
    # a reading is marked where it shows, not only in the notes below (trial9: Singapore
    # read as inside the article's list)
    assert "international organizations, Singapore (see note participant-7)" in flat
    assert '("organized"; see note participation-2)' in flat
    # verify9: the statements were unnumbered, so "statement-4:" in the notes matched none
    statement = event.statements[3]
    assert f"{' '.join(statement.text.split())} (see note statement-4)" in flat
    notes, _, _ = out.partition("\nSource: ")
    assert "\nNotes (what the dataset reads into the text)\n" in notes
    shown = [*event.participations, *event.participants, *event.sessions]
    shown += [c for s in event.sessions for c in s.contributions]
    shown += [*event.statements, *event.references]
    for record in shown:
        if record.note is not None:
            short = record.id.removeprefix(f"{EVENT_ID}-")
            assert f"{short}: {' '.join(record.note.split())}" in flat, short
            # and marked where it shows
            assert re.search(rf"see notes? (?:[^)]*, )?{re.escape(short)}[,)]", flat), short


def test_show_gives_what_the_event_said_and_refers_to(
    corpus_dataset: apt.Dataset, tmp_path: Path
) -> None:
    # a meeting's adopted statement was nowhere in its summary, nor its references
    path = tmp_path / "corpus.json"
    path.write_bytes(corpus_dataset.catalog.model_dump_json().encode())
    events = corpus_dataset.list_events()
    assert any(e.statements for e in events)
    assert any(e.references for e in events)
    for event in events:
        flat = " ".join(ok("--dataset", path, "show", event.id).split())
        for st in event.statements:
            by = f" ({st.attributed_to})" if st.attributed_to else ""
            assert f"{st.kind}{by}: {' '.join(st.text.split())}" in flat, st.id
        for ref in event.references:
            what = " ".join(str(v) for v in (ref.relation, ref.kind) if v)
            assert f"{what}: {ref.title}" in flat, ref.id


def test_a_narrow_terminal_narrows_show() -> None:
    status, lines = in_terminal("show", EVENT_ID, columns=60)
    assert status == 0
    # only an unbreakable word (the 39-character event id line) may be wider
    assert [line for line in lines if len(line) > 60] == []


def test_piped_rows_stay_whole_for_grep_and_cut(seminar_file: Path) -> None:
    status, out, _ = shell("aseanplus3-events search 'work plan' | cut -f 2,4")
    assert status == 0
    assert out.splitlines() == [f"{h.kind}\t{h.text}" for h in apt.search("work plan")]
    status, out, _ = shell(
        f"aseanplus3-events --dataset {seminar_file} search 'work plan' | cut -f 2,4"
    )
    assert out.splitlines()[0] == (
        "reference\tASEAN Plus Three Cooperation Work Plan (2023-2027) | document | cited"
    )


def test_piped_search_is_plain_text_that_grep_finds_and_a_terminal_marks_it() -> None:
    # a user's check: the words searched for are in the piped lines, as typed
    status, out, _ = shell("aseanplus3-events search green finance | grep -ic 'green finance'")
    typed = [h for h in apt.search("green finance") if "green finance" in h.text.lower()]
    assert (status, int(out)) == (0, len(typed))  # no marks between the words
    assert len(typed) >= 3
    status, lines = in_terminal("search", "green", "finance", columns=100)
    assert status == 0
    assert lines[0].split() == ["score", "kind", "id", "snippet"]
    (topic,) = [line for line in lines if line.split()[1:3] == ["topic", "green-finance"]]
    assert "**Green** **finance**" in topic
    hits = json.loads(ok("search", "green", "finance", "--json"))
    assert [(h["text"], h["snippet"]) for h in hits] == [
        (h.text, h.snippet) for h in apt.search("green finance")
    ]


def test_a_cut_snippet_still_shows_why_its_record_matched() -> None:
    # a trial's finding: at 80 columns the snippets of long texts ended before their
    # first match, so a row gave no reason for being there
    hits = apt.search("green finance")
    late = [h for h in hits if h.snippet.find("**") > 40]  # past the column's width
    assert late, "the bundled data no longer has a hit whose match comes late"
    for ellipsis, env in (("\u2026", {}), ("...", {"PYTHONIOENCODING": "ascii"})):
        status, lines = in_terminal("search", "green", "finance", columns=80, **env)
        assert status == 0
        rows = lines[2:]
        assert len(rows) == len(hits)
        assert all("**" in row and len(row) <= 80 for row in rows), rows
        for row, hit in zip(rows, hits, strict=True):  # best first, as search gives them
            assert row.split()[1] == hit.kind
            if hit not in late:
                continue
            snippet = row.split(None, 3)[3]
            assert snippet.startswith(ellipsis), row  # the words before the match gave way
            assert snippet.removeprefix(ellipsis).split(ellipsis)[0].rstrip("*") in hit.snippet


# --- 4. "-" is standard input or output -------------------------------------------------------


def test_dash_reads_standard_input(seminar_file: Path) -> None:
    assert ok("validate", "-", stdin=BUNDLED.read_bytes()) == f"<stdin>: valid ({EVENTS})\n"
    data = seminar_file.read_bytes()
    assert ok("validate", "-", stdin=data) == "<stdin>: valid (1 event)\n"
    stdin = json.loads(ok("--dataset", "-", "events", "--json", stdin=data))
    assert stdin == as_json("--dataset", seminar_file, "events")
    broken = data.replace(b'"start_date": "2023-07-14"', b'"start_date": "2023-13-14"', 1)
    assert error("validate", "-", code=1, stdin=broken).startswith("<stdin>: $.events[0].start")


def test_dash_and_no_out_write_standard_output(tmp_path: Path) -> None:
    assert ok("export", "--format", "json", "--out", "-", cwd=tmp_path) == BUNDLED.read_text(
        encoding="utf-8"
    )
    assert list(tmp_path.iterdir()) == []  # no file named "-"
    graph = json.loads(ok("export", "--format", "jsonld"))["@graph"]
    assert [n["@id"] for n in graph] == [
        f"urn:aseanplus3-events:event:{e.id}" for e in apt.list_events()
    ]
    built = run("build", ROOT / "seeds", "--out", "-")
    assert built.stdout == BUNDLED.read_bytes()
    assert error("export", "--format", "csv", "--out", "-", code=2).startswith(
        "--format csv writes a folder: give it with --out FOLDER"
    )


# --- 5. arguments where users put them ---------------------------------------------------------


def test_global_options_after_the_command(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_bytes(BUNDLED.read_bytes())
    after = ok("people", "--json", "--dataset", mine)
    assert after == ok("--dataset", mine, "people", "--json") == ok("people", "--json")
    assert error("events", "--dataset", "nothing.json", code=1, cwd=tmp_path).startswith(
        "nothing.json: no such file or folder"
    )
    assert ok("events", "--version") == ok("--version")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("session",), "unknown command 'session'; did you mean 'sessions'?"),
        (("--verison",), "unknown option '--verison'; did you mean '--version'?"),
        (("events", "--jsn"), "unknown option '--jsn'; did you mean '--json'?"),
        (("sessions", "--topc", "x"), "unknown option '--topc'; did you mean '--topic'?"),
        (("export", "--format", "jsn"), "unknown value for --format 'jsn'; did you mean 'json'?"),
        (("bogus",), "unknown command 'bogus'; choose from show, events, sessions, "),
    ],
)
def test_mistyped_commands_and_options_get_the_closest(args: tuple[str, ...], message: str) -> None:
    assert error(*args, code=2).startswith(message)


def test_a_value_starting_with_a_dash_goes_after_double_dash() -> None:
    assert "aseanplus3-events search -- -carbon" in error("search", "-carbon", code=2)
    assert "'--'" in ok("search", "--help")
    run("search", "--", "-carbon").check_returncode()


def test_an_option_value_starting_with_a_dash_gets_the_same_hint() -> None:
    """``sessions --topic -carbon`` got argparse's bare "expected one argument"."""
    message = error("sessions", "--topic", "-carbon", code=2)
    assert message == (
        "argument --topic: expected one argument ('-carbon' was read as an option; for a "
        "value, write: aseanplus3-events sessions --topic=-carbon)"
    )
    assert "unknown topic '-carbon'" in error("sessions", "--topic=-carbon", code=1)


# --- 6. files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--format", "json", "--out", "adir"), "adir: is a folder, not a file; "),
        (("export", "--format", "csv", "--out", "afile"), "afile: is a file, not a folder; "),
        (
            ("export", "--format", "jsonld", "--out", "afile/x.jsonld"),
            "afile/x.jsonld: afile is a file, not a folder; ",
        ),
        (("validate", "adir"), "adir: is a folder, not a file; "),
        (("validate", "nothing.json"), "nothing.json: no such file or folder; check the path"),
        (("--dataset", "nothing.json", "events"), "nothing.json: no such file or folder; "),
        (("build", "adir", "--out", "x.json"), "adir: not a seeds folder, it has no catalog.toml"),
        (("build", "afile", "--out", "x.json"), "afile: is a file, not a folder; give the seeds"),
        (("build", "nowhere", "--out", "x.json"), "nowhere: no such folder; give the seeds"),
        (
            ("export", "--format", "json", "--out", "/dev/full"),
            "/dev/full: no space left on the device; free some space, or write elsewhere",
        ),
    ],
)
def test_a_file_error_names_the_path_first_and_says_what_to_do(
    args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert error(*args, code=1, cwd=tmp_path).startswith(message)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing left behind


@pytest.mark.parametrize(
    ("fmt", "such", "code"),
    [
        ("json", "such as adir/catalog.json", 1),
        ("jsonld", "such as adir/events.jsonld", 1),
        ("annotations", "such as adir/annotations.jsonld", 1),
        ("xlsx", "such as adir/events.xlsx", 1),  # not adir.xlsx, a file beside it
        ("sqlite", "such as adir/events.db", 1),
    ],
)
def test_a_folder_given_for_a_file_is_offered_the_formats_own_file_name(
    fmt: str, such: str, code: int, tmp_path: Path
) -> None:
    """A folder as --out of a file format offers a file in it: --format jsonld was
    offered catalog.json, the name of the json format's file; xlsx and sqlite offered
    adir.xlsx, beside the folder."""
    (tmp_path / "adir").mkdir()
    told = error("export", "--format", fmt, "--out", "adir", code=code, cwd=tmp_path)
    assert told.startswith("adir: is a folder, not a file; "), told
    assert told.rstrip().endswith(such), told
    assert sorted(f for f, it in FORMATS.items() if it.file) == sorted(_FILE_NAMES)


@pytest.mark.parametrize("fmt", ["json", "jsonld", "annotations", "xlsx", "sqlite"])
@pytest.mark.parametrize("out", ["newdir/", "newsub/deeper/", "adir/", ".", "..", "/"])
def test_a_path_that_names_a_folder_is_not_written_as_a_file(
    fmt: str, out: str, tmp_path: Path
) -> None:
    """A fresh user's trial: ``--format json --out newdir/`` (newdir not there yet)
    said ``wrote newdir/`` and wrote a FILE named newdir; xlsx offered ``newdir/.xlsx``,
    and ``--out ..`` offered ``...xlsx``. A path ending in / names a folder, as ., ..
    and / do: refused as a folder is, offering the format's own file in it."""
    (tmp_path / "work" / "adir").mkdir(parents=True)
    cwd = tmp_path / "work"
    told = error("export", "--format", fmt, "--out", out, code=1, cwd=cwd)
    inside = os.path.join(out, FORMATS[fmt].example)
    assert told.startswith(f"{out}: "), told
    assert " folder, not a file; give a file name, such as " in told, told
    assert told.endswith(f"such as {inside}"), told
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == [
        Path("work"),
        Path("work/adir"),
    ]


def test_a_folder_export_to_a_path_ending_in_a_separator_is_written(tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--out", "newdir/deeper/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "newdir" / "deeper" / "events.csv").is_file()


_FILE_NAMES = ["json", "jsonld", "annotations", "xlsx", "sqlite"]  # every file format, above


def _as_a_user() -> None:
    """For root, whom no file mode stops: drop the capabilities that read any file
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the bounding set, before exec."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):
            assert libc.prctl(24, capability, 0, 0, 0) == 0  # PR_CAPBSET_DROP


def test_a_file_the_user_may_not_read_gets_advice_for_reading(
    seminar_file: Path, tmp_path: Path
) -> None:
    # A trial: "validate noperm.json" said "choose a place you may use", advice for writing.
    path = tmp_path / "noperm.json"
    path.write_bytes(seminar_file.read_bytes())
    path.chmod(0)
    for args in (("validate", path), ("--dataset", path, "events")):
        result = subprocess.run(
            [*PROGRAM, *map(str, args)], capture_output=True, env=ENV, preexec_fn=_as_a_user
        )
        assert result.returncode == 1
        message = result.stderr.decode()
        assert message.startswith(f"aseanplus3-events: error: {path}: permission denied; ")
        assert "read" in message
        assert "choose a place" not in message


@pytest.mark.parametrize("args", [("show",), ("export", "--format", "json"), ("topics",)])
def test_a_full_disk_on_standard_output_is_one_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*PROGRAM, *args], stdout=full, stderr=subprocess.PIPE, env=ENV)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "aseanplus3-events: error: standard output: no space left on the device; "
        "free some space, or write elsewhere\n"
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_creates_missing_folders(name: str, tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / f"data.{name}"
    result = run("export", "--format", name, "--out", out)
    assert result.returncode == 0, result.stderr
    if FORMATS[name].folder is not None:
        assert out.is_dir()
        assert any(out.iterdir())
        assert result.stderr.decode().startswith(f"wrote {len([*out.iterdir()])} files to ")
    elif FORMATS[name].beside is not None:  # sqlite: Datasette's metadata.json beside it
        assert out.is_file()
        assert result.stderr.decode() == f"wrote {out}\nwrote metadata.json beside it\n"
        assert sorted(p.name for p in out.parent.iterdir()) == [out.name, "metadata.json"]
        return
    else:
        assert out.is_file()
        assert result.stderr.decode() == f"wrote {out}\n"
    assert sorted(p.name for p in (tmp_path / "new" / "deeper").iterdir()) == [out.name]


def test_a_format_whose_library_is_missing_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from aseanplus3_events import cli

    def needs_a_library(ds: apt.Dataset, options: object) -> bytes:
        import aseanplus3_events_no_such_library  # type: ignore[import-not-found]  # noqa: F401

        raise AssertionError("unreachable")

    fake = cli.ExportFormat("a file: nothing", file=needs_a_library, extra="fake")
    monkeypatch.setitem(cli.FORMATS, "fake", fake)
    assert cli.main(["export", "--format", "fake", "--out", str(tmp_path / "x")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "aseanplus3-events: error: --format fake needs aseanplus3_events_no_such_library, "
        f"which is not installed; install it with: {install_hint('fake')}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_binary_format_goes_to_a_pipe_but_not_to_a_terminal(tmp_path: Path) -> None:
    import openpyxl

    result = run("export", "--format", "xlsx")
    assert result.returncode == 0, result.stderr
    (tmp_path / "piped.xlsx").write_bytes(result.stdout)
    assert "events" in openpyxl.load_workbook(tmp_path / "piped.xlsx").sheetnames
    status, lines = in_terminal("export", "--format", "xlsx")
    assert status == 2
    assert lines == [
        "aseanplus3-events: error: --format xlsx is binary: give --out FILE, or redirect the "
        "output to a file (see: aseanplus3-events export --help)"
    ]


def _limit_file_size() -> None:
    # Files may grow to 4 KiB: the dataset (hundreds of KiB) cannot be written whole.
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("args", [("export", "--format", "json"), ("build", str(ROOT / "seeds"))])
def test_a_failed_write_leaves_the_old_file_whole(args: tuple[str, ...], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("the old file\n", encoding="utf-8")
    result = subprocess.run(
        [*PROGRAM, *args, "--out", str(out)],
        capture_output=True,
        env=ENV,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode == 1  # after the build's warnings, if any (the bundled base IRI)
    error = result.stderr.decode().splitlines()[-1]
    assert error.startswith(f"aseanplus3-events: error: {out}: file too large")
    assert out.read_text(encoding="utf-8") == "the old file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_a_failed_folder_write_leaves_no_half_written_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [*PROGRAM, "export", "--format", "csv", "--out", str(tmp_path / "csv")],
        capture_output=True,
        env=ENV,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode == 1
    assert f"{tmp_path / 'csv'}: file too large" in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []


# --- 7. signals and exit statuses ----------------------------------------------------------

# What docs/cli.md and --help promise scripts.
EXIT_STATUSES = {0: "done", 1: "not found or not valid", 2: "usage", 130: "interrupted",
                 141: "closed pipe"}  # fmt: skip


def test_ctrl_c_prints_one_line_and_exits_130() -> None:
    """Ctrl-C is typed once the program says it reads standard input; its output is read
    until it closes the terminal (see the next test)."""
    hint = b"reading a dataset from standard input (end it with Ctrl-D)\r\n"
    status, output = run_in_pty(
        [*PROGRAM, "validate", "-"], env=ENV, until=hint, then=b"\x03", timeout=60
    )
    assert status == 130
    # the terminal echoes ^C where the cursor is; the program then starts a new line
    lines = [line for line in output.splitlines() if line not in ("", "^C")]
    assert lines == [
        "aseanplus3-events: reading a dataset from standard input (end it with Ctrl-D)",
        "aseanplus3-events: interrupted",
    ]


def test_a_terminal_is_read_until_every_program_on_it_closes_it() -> None:
    """The Ctrl-C test above failed once under load (issue 19, item 11): the pty reader
    stopped when the program had exited and 0.1 s had passed without output, a time, and
    lost output still on its way.  It now waits for a condition: the terminal closed."""
    # All that a program writes just before it exits is read: 200,000 bytes are far more
    # than a terminal's buffer holds, so most are still on their way when it has exited.
    # (Output of a background job after the program exits is not a test: the kernel hangs
    # up the terminal when its session leader exits, and such output may be lost.)
    status, output = run_in_pty(["sh", "-c", "head -c 200000 /dev/zero | tr '\\0' x"])
    assert (status, output) == (0, "x" * 200_000)


def test_every_exit_status_is_documented() -> None:
    top = ok("--help")
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for status in EXIT_STATUSES:
        assert re.search(rf"^  {status} +\S", top, re.M), status
        assert re.search(rf"^\| {status} \| ", docs, re.M), status
    assert error("show", "nope", code=1)  # not found: 1; a closed pipe: 141 (above)


def test_the_cli_module_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aseanplus3_events.cli", "--help"], capture_output=True, env=ENV
    )
    assert result.returncode == 0
    assert result.stderr == b""
    assert result.stdout.startswith(b"usage: aseanplus3-events ")


# --- 8. help -----------------------------------------------------------------------------

COMMANDS = ["show", "events", "sessions", "topics", "orgs", "people", "countries", "search",
            "export", "cite", "schema", "validate", "init", "quote", "build"]  # fmt: skip


def too_wide(text: str, columns: int) -> list[str]:
    """The lines of a --help wider than ``columns`` but for an unbreakable piece of a
    command line: an option the usage shows, an example command."""
    usage = text.split("\n\n")[0].splitlines()
    return [
        line
        for line in text.splitlines()
        if len(line) > columns
        and not line.lstrip().startswith("aseanplus3-events ")
        and not (line in usage and re.fullmatch(r" *\[[^][]*\]", line))
    ]


@pytest.mark.parametrize("columns", [60, 100])
def test_help_fits_the_terminal_and_its_dash_example_is_the_commands_own(columns: int) -> None:
    # the width as a shell exports it (COLUMNS), and as the terminal has it (without COLUMNS)
    env = {"COLUMNS": str(columns)}
    for command in ["", *COMMANDS]:
        text = ok(*([command] if command else []), "--help", env=env)
        assert too_wide(text, columns) == [], command
    assert too_wide("\n".join(in_terminal("export", "--help", columns=columns)[1]), columns) == []
    # an example command whole, on its own line
    example = "\n  aseanplus3-events search carbon markets --kind session\n"
    assert example in ok("search", "--help", env=env)
    assert "\n  aseanplus3-events validate -- -my-events.json\n" in ok(
        "validate", "--help", env=env
    )
    assert "goes after '--'" not in ok("show", "--help")  # no id starts with '-'
    assert "-carbon" not in ok("build", "--help")


def test_json_where_a_command_has_no_json_points_at_the_json_export() -> None:
    """``show --json ID`` said only what ``show`` takes; the whole record in JSON is the
    JSON export's (a listing's ``--json`` gives its rows)."""
    message = error("show", "--json", code=2)
    assert "unknown option '--json'" in message
    assert "for JSON: aseanplus3-events export --format json" in message
    assert ok("export", "--format", "json", "--out", "-").startswith("{")
    assert "export" not in error("cite", "--json", code=2)  # the dataset is not a citation


def test_help_everywhere() -> None:
    top = ok("--help")
    for command in COMMANDS:
        # each command is listed with a description
        assert re.search(rf"^    {command} +\w", top, re.M), command
        assert ok(command, "--help").startswith("usage: aseanplus3-events " + command)


def test_a_command_imports_and_builds_only_what_it_uses() -> None:
    # Every command is measured against pydantic's floor (benchmarks/run.py): the
    # toolkit's modules (difflib), html's entity table and the other commands' parsers
    # (argparse looks up the locale for each) are not a listing's cost.
    from aseanplus3_events.cli import _parser

    def built(parser: argparse.ArgumentParser) -> list[str]:  # the commands its help lists
        return re.findall(r"^    (\w+) ", parser.format_help(), re.M)

    assert built(_parser(["--dataset", "x.json", "events", "--json"])) == ["events"]
    assert built(_parser([])) == []  # the default, show, takes no argument
    assert built(_parser(["--help"])) == built(_parser()) == list(COMMANDS)
    unused = {"difflib", "html", "aseanplus3_events.cli.publish", "aseanplus3_events.cli.records"}
    code = (
        "import atexit, runpy, sys;"
        f"atexit.register(lambda: print(sorted({unused!r} & set(sys.modules)), file=sys.stderr));"
        "sys.argv = ['aseanplus3-events', 'events']; runpy.run_module('aseanplus3_events')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "[]"


def test_every_command_and_argument_has_a_description() -> None:
    from aseanplus3_events.cli import _parser

    parser = _parser()
    (commands,) = [a for a in parser._actions if a.dest == "command"]
    assert sorted(commands.choices) == sorted(COMMANDS)
    undocumented = [
        f"{name} {action.dest}"
        for name, command in [("", parser), *commands.choices.items()]
        for action in command._actions
        if not action.help
    ]
    assert undocumented == []
    assert all(command.description for command in commands.choices.values())


def test_out_help_says_what_each_format_writes() -> None:
    text = ok("export", "--help")
    expected = {"json": "a file", "jsonld": "a file", "csv": "a folder", "datapackage": "a folder"}
    _, _, table = text.partition("What --out receives, by format:\n")
    for name in FORMATS:
        kind = expected.get(name, "a folder" if FORMATS[name].folder else "a file")
        assert re.search(rf"^  {name} +{kind}: \w", table, re.M), name
    assert re.search(r"^  --out PATH +the file or the folder to write, by format", text, re.M)


def test_search_help_lists_every_kind_search_accepts() -> None:
    from aseanplus3_events.fulltext import KINDS

    text = ok("search", "--help", env={"COLUMNS": "200"})
    _, _, rest = text.partition("\nkinds:\n")
    listed = rest.split("\n\n")[0].replace(",", " ").split()
    assert listed == list(KINDS)
    for kind in listed:  # each one listed is one --kind takes (a usage error is status 2)
        assert run("search", "carbon", "--kind", kind).returncode == 0, kind
    assert run("search", "carbon", "--kind", "countryx").returncode == 2


def test_counts_and_spelling(tmp_path: Path) -> None:
    result = run("build", ROOT / "seeds", "--out", tmp_path / "x.json")
    said = result.stderr.decode().splitlines()  # after the warning of the bundled base IRI,
    assert said[-1] == f"wrote {tmp_path / 'x.json'} ({EVENTS})"  # which only build.main owns
    # headings and help use the field names' spelling: organization, not organisation
    every_help = [ok(c, "--help") for c in COMMANDS]
    assert not re.search("organis", ok() + ok("--help") + "".join(every_help), re.I)


# --- the rest: errors, exports, validation, builds --------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("show", "apt-seminar"), 1, f"unknown id 'apt-seminar'; closest: '{EVENT_ID}'"),
        (("sessions", "--topic", "carbon marketz"), 1, "unknown topic 'carbon marketz'"),
        (("export",), 2, "the following arguments are required: --format"),
        (("export", "--format", "csv"), 2, "--format csv writes a folder"),
    ],
)
def test_user_errors_are_one_clear_line_and_an_exit_code(
    args: tuple[str, ...], code: int, message: str, tmp_path: Path
) -> None:
    assert message in error(*args, code=code, cwd=tmp_path)


def test_export_json_is_the_dataset_and_fits_the_schema(tmp_path: Path) -> None:
    text = ok("export", "--format", "json")
    assert apt.Catalog.model_validate_json(text) == apt.default_dataset().catalog
    exported = json.loads(text)
    schema = json.loads(ok("schema"))
    jsonschema.Draft202012Validator(schema).validate(exported)
    out = tmp_path / "catalog.json"
    result = run("export", "--format", "json", "--out", out)
    assert result.returncode == 0
    assert result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8")) == exported


def test_export_jsonld_to_stdout() -> None:
    doc = json.loads(ok("export", "--format", "jsonld"))
    assert doc["@context"] == apt.to_jsonld(apt.get_event(EVENT_ID))["@context"]  # embedded
    (event,) = [node for node in doc["@graph"] if node["@id"].endswith(f":{EVENT_ID}")]
    assert event == {
        k: v for k, v in apt.to_jsonld(apt.get_event(EVENT_ID)).items() if k != "@context"
    }
    web = json.loads(ok("export", "--format", "jsonld", "--context", "schema.org"))
    assert web == {**doc, "@context": "https://schema.org"}


def test_export_csv_and_datapackage_write_folders(tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--out", tmp_path / "csv")
    assert result.returncode == 0
    tables = len(apt.table_names())  # one CSV file each
    assert result.stderr.decode() == f"wrote {tables} files to {tmp_path / 'csv'}\n"
    assert (tmp_path / "csv" / "events.csv").exists()
    result = run("export", "--format", "datapackage", "--out", tmp_path / "dp")
    assert result.returncode == 0
    package = json.loads((tmp_path / "dp" / "datapackage.json").read_text(encoding="utf-8"))
    assert len(package["resources"]) == tables
    # a second export into the same folder replaces the files
    assert run("export", "--format", "csv", "--out", tmp_path / "dp").returncode == 0
    assert len(list((tmp_path / "dp").iterdir())) == tables + 1  # and datapackage.json


def test_an_export_given_as_a_dataset_says_what_it_is(tmp_path: Path) -> None:
    # not "$.@context: Extra inputs are not permitted" and three more, nor "Invalid JSON"
    exports = {
        "jsonld": ("d.jsonld", "a JSON-LD export"),
        "annotations": ("a.json", "a W3C annotations export"),
        "sqlite": ("d.sqlite", "a SQLite export"),
        "xlsx": ("d.xlsx", "an xlsx export (a zip)"),
        "datapackage": ("dp", "a datapackage.json export"),
        "parquet": ("pq", "a Parquet export"),
    }
    files = {"metadata.json": "a Datasette metadata.json export"}  # written beside the .sqlite
    for fmt, (name, what) in exports.items():
        result = run("export", "--format", fmt, "--out", tmp_path / name)
        assert result.returncode == 0, result.stderr
        found = {"dp": "dp/datapackage.json", "pq": "pq/events.parquet"}.get(name, name)
        files[found] = what
    for name, what in files.items():
        said = f"{name}: {what}, not a dataset file; give the dataset .json it was exported from"
        assert error("validate", name, code=1, cwd=tmp_path) == said
        assert error("--dataset", name, "events", code=1, cwd=tmp_path) == said


def test_validate_and_build(tmp_path: Path) -> None:
    built = tmp_path / "mine.json"
    result = run("build", ROOT / "seeds", "--out", built)
    assert result.returncode == 0, result.stderr
    assert built.read_bytes() == BUNDLED.read_bytes()
    assert ok("validate", built) == f"{built}: valid ({EVENTS})\n"
    assert ok("--dataset", built, "events") == ok("events")

    broken = json.loads(built.read_text(encoding="utf-8"))
    broken["events"][0]["start_date"] = "2023-13-01"
    broken["people"][0]["id"] = "Julia"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    result = run("validate", bad)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert result.stdout == b""
    assert stderr.splitlines()[0] == f"aseanplus3-events: error: {bad}: 2 problems"
    assert re.search(r"^  \$\.events\[0\]\.start_date: ", stderr, re.M)
    assert re.search(r"^  \$\.people\[0\]\.id: ", stderr, re.M)


def test_validate_shows_each_bad_value_and_a_file_not_in_utf8(
    seminar_file: Path, tmp_path: Path
) -> None:
    data = seminar_file.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(data.replace(b'"ordinal": 1', b'"ordinal": "1"', 1))
    result = run("validate", bad)
    stderr = result.stderr.decode()
    assert (result.returncode, result.stdout) == (1, b"")
    assert "Traceback" not in stderr
    assert re.search(r"\$\.events\[0\]\.sessions\[0\]\.ordinal: .*'1' \(a string\)", stderr)
    at = data.index(b"Julia Mao") + 6
    bad.write_bytes(data[:at] + b"\xe3" + data[at + 1 :])  # a latin-1 editor's ã
    told = error("validate", bad, code=1)
    assert told.startswith(f"{bad}: not UTF-8 (byte {at}, ")
    assert told.endswith("save it as UTF-8")


def test_validate_lists_a_mistake_repeated_in_every_record_five_times_and_counts_the_rest(
    seminar_file: Path, tmp_path: Path
) -> None:
    # a wrong source id in every record printed one line per citation (71,000 at 1,000 events)
    document = json.loads(seminar_file.read_text(encoding="utf-8"))
    source = document["sources"][0]["id"]
    text = json.dumps(document).replace(f'"source_id": "{source}"', '"source_id": "wrong"')
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(apt.DatasetError) as caught:
        apt.load_dataset(bad)
    every = caught.value.problems  # the API keeps every one
    unknown = [p for p in every if p.message == "unknown source 'wrong'"]
    assert len(unknown) > 10
    result = run("validate", bad)
    lines = result.stderr.decode().splitlines()
    assert (result.returncode, result.stdout) == (1, b"")
    assert lines[0] == f"aseanplus3-events: error: {bad}: {len(every)} problems"
    assert [line for line in lines if line.endswith("unknown source 'wrong'")] == [
        *(f"  {p}" for p in unknown[:5]),
        f"  and {len(unknown) - 5:,} more like it: unknown source 'wrong'",
    ]
    assert len(lines) < len(every)


def test_build_reports_every_seed_problem(tmp_path: Path) -> None:
    seeds = Path(shutil.copytree(ROOT / "seeds", tmp_path / "seeds"))
    people = seeds / "people.toml"
    people.write_text(people.read_text(encoding="utf-8").replace("Julia Mao,", "Julia Mau,"))
    result = run("build", seeds, "--out", tmp_path / "out.json")
    assert result.returncode == 1
    assert "quote 'Julia Mau, the Director" in result.stderr.decode()
    assert not (tmp_path / "out.json").exists()


def test_events_takes_the_filters_of_list_events(two_events: apt.Dataset, tmp_path: Path) -> None:
    data = tmp_path / "two.json"
    data.write_text(two_events.catalog.model_dump_json(), encoding="utf-8")
    ids = lambda *args: [row["id"] for row in as_json("--dataset", data, "events", *args)]  # noqa: E731
    assert ids() == [EVENT_ID, "copy-forum-2024"]
    assert ids("--kind", "forum") == ["copy-forum-2024"]
    assert ids("--country", "Japan") == [EVENT_ID]
    assert ids("--topic", "carbon markets", "--since", "2024-01-01") == ["copy-forum-2024"]
    assert ids("--until", "2023-07-14") == [EVENT_ID]
    assert error("events", "--kind", "seminars", code=1) == (
        "unknown event kind 'seminars'; closest: 'seminar'"
    )
    assert error("events", "--since", "2023-7-1", code=2) == (
        "--since: '2023-7-1' is not a date: write YYYY-MM-DD, such as 2023-07-01"
    )


# --- a journalist's trial (cli9) ---------------------------------------------------------------


def test_a_refused_export_refuses_before_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """trial10: ``export --format sqlite`` into a folder holding another metadata.json
    built the database first (10 s at 1,000 events), then refused."""
    from aseanplus3_events.cli import main

    (tmp_path / "metadata.json").write_bytes(b"{}\n")
    built: list[object] = []
    sqlite = dataclasses.replace(FORMATS["sqlite"], file=lambda ds, args: built.append(ds) or b"")
    monkeypatch.setitem(FORMATS, "sqlite", sqlite)
    assert main(["export", "--format", "sqlite", "--out", str(tmp_path / "events.db")]) == 1
    assert built == []
    assert main(["export", "--format", "sqlite", "--out", str(tmp_path / "x.db"), "--force"]) == 0
    assert len(built) == 1  # (the spy is the one that builds)


def test_an_export_writes_over_no_file_it_names_itself(tmp_path: Path) -> None:
    """``export --format parquet --out .`` replaced the user's README.md with the dataset
    card; ``--format csv --out .`` an events.csv, and sqlite the metadata.json beside the
    database.  Now each is refused in one line that names it, and nothing is written."""
    mine = b"# My README\n"
    (tmp_path / "README.md").write_bytes(mine)
    (tmp_path / "events.csv").write_bytes(b"my,own\n")
    (tmp_path / "metadata.json").write_bytes(b"{}\n")
    before = sorted(tmp_path.iterdir())
    for fmt, out, taken in (
        ("parquet", ".", "README.md"),
        ("csv", ".", "events.csv"),
        ("sqlite", "events.db", "metadata.json"),
    ):
        message = error("export", "--format", fmt, "--out", out, code=1, cwd=tmp_path)
        assert message.startswith(f"{taken}: already there"), message
        assert "give --force to replace it" in message
        assert sorted(tmp_path.iterdir()) == before  # nothing written, nothing left behind
    assert (tmp_path / "README.md").read_bytes() == mine
    # many: the first three and how many more
    tables = sorted(tmp_path.glob("*.csv"))
    for name in apt.table_names()[:5]:
        (tmp_path / "many" / f"{name}.csv").parent.mkdir(exist_ok=True)
        (tmp_path / "many" / f"{name}.csv").write_text("mine\n", encoding="utf-8")
    message = error("export", "--format", "csv", "--out", "many", code=1, cwd=tmp_path)
    assert re.match(r"many/\S+\.csv, many/\S+\.csv, many/\S+\.csv and 2 more: ", message)
    assert "give --force to replace them" in message
    # the same export again: every file it finds is the one it would write
    assert run("export", "--format", "sqlite", "--out", "a/events.db", cwd=tmp_path).returncode == 0
    again = run("export", "--format", "sqlite", "--out", "a/events.db", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    # --force replaces them
    result = run("export", "--format", "parquet", "--out", ".", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "README.md").read_bytes() != mine
    assert tables == sorted(tmp_path.glob("*.csv"))


def test_a_folder_named_metadata_json_is_named_a_folder_with_or_without_force(
    tmp_path: Path,
) -> None:
    """trial11: where sqlite writes metadata.json beside the database stood a folder of that
    name: without --force it was "already there", and with it the advice was a file name
    for --out, as if --out were the folder.  Each says what it is and what to do."""
    (tmp_path / "metadata.json").mkdir()
    for force in ((), ("--force",)):
        args = ("export", "--format", "sqlite", "--out", "events.db", *force)
        message = error(*args, code=1, cwd=tmp_path)
        assert message.startswith("metadata.json: is a folder, not a file; "), message
        assert "move or rename the folder, or give --out in another folder" in message
        assert "already there" not in message
        assert "such as" not in message
        assert [p.name for p in tmp_path.iterdir()] == ["metadata.json"]  # nothing written


def test_an_export_writes_over_nothing_it_reads_even_with_force(tmp_path: Path) -> None:
    """A research group's trial: ``--dataset w2.json export --format jsonld --out w2.json``
    printed "wrote w2.json" over the dataset it read; ``--out`` a seed file replaced it
    too (a source text with a workbook, catalog.toml with JSON).  Each is refused, as
    `build` refuses them, with or without --force, and nothing changes."""
    assert run("init", "my-seeds", cwd=tmp_path).returncode == 0
    shutil.copy(BUNDLED, tmp_path / "w2.json")
    (tmp_path / "link.json").symlink_to("w2.json")
    everything = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    dataset = ("--dataset", "w2.json")
    seed = "my-seeds/sources/example-article.txt"
    for fmt, out, it in (
        ("jsonld", "w2.json", "is the dataset the export reads"),
        ("json", "./w2.json", "is the dataset the export reads"),
        ("annotations", "link.json", "is the dataset the export reads"),
        ("json", str(tmp_path / "w2.json"), "is the dataset the export reads"),
        ("json", seed, "is a file the build reads"),
        ("xlsx", seed, "is a file the build reads"),  # before its name is wrong for xlsx
        ("json", "my-seeds/catalog.toml", "is a file the build reads"),
        ("json", "my-seeds/people.toml", "is a file the build reads"),
    ):
        for force in ((), ("--force",)):
            message = error(*dataset, "export", "--format", fmt, "--out", out, *force, code=1,
                            cwd=tmp_path)  # fmt: skip
            assert message == f"--out {out}: {it}; give --out another file"
    events = next((tmp_path / "my-seeds" / "events").glob("*.toml"))
    message = error("export", "--format", "json", "--out", events, code=1)
    assert message == f"--out {events}: is a file the build reads; give --out another file"
    # a folder export that would write a file it reads (a dataset, JSON whatever its name,
    # named as one of the export's files)
    (tmp_path / "pkg").mkdir()
    shutil.copy(BUNDLED, tmp_path / "pkg" / "events.csv")
    everything = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    packaged = ("--dataset", "pkg/events.csv", "export", "--format", "csv", "--out", "pkg")
    for force in ((), ("--force",)):
        assert error(*packaged, *force, code=1, cwd=tmp_path) == (
            "--out pkg: would write pkg/events.csv, which is the dataset the export reads; give "
            "--out another folder"
        )
    now = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert now == everything  # byte for byte, and nothing new
    # beside what it reads, into the folder that holds it, or in a folder of the seeds
    # folder (not into the seeds folder itself: test_no_export_writes_into_a_seeds_folder)
    for fmt, out in (("json", "w3.json"), ("csv", "."), ("csv", "my-seeds/exports"),
                     ("html", "my-seeds/site")):  # fmt: skip
        result = run(*dataset, "export", "--format", fmt, "--out", out, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert {p: p.read_bytes() for p in everything} == everything
    # and --force's help says so: a user read it as overriding these refusals too
    force = " ".join(ok("export", "--help").split("\n  --force ")[1].split("\n  -")[0].split())
    assert "never the --dataset file or a seeds folder's files" in force, force


def test_no_out_writes_over_a_file_of_a_seeds_folder_even_with_force(tmp_path: Path) -> None:
    """A new user's check: ``export --out SEEDS/sources/draft.txt`` and ``build SEEDS --out``
    it replaced an article saved but not yet listed in catalog.toml (publish.md: save it,
    then list it), and the guide ``init`` writes.  A file directly in the seeds folder or
    under its sources/ or events/ is refused, --force or not; a new file, or one in another
    folder of the seeds folder, is written."""
    assert run("init", "my-seeds", cwd=tmp_path).returncode == 0
    seeds = tmp_path / "my-seeds"
    (seeds / "sources" / "draft.txt").write_text("The article, saved.\n", encoding="utf-8")
    (seeds / "events" / "notes.md").write_text("To do\n", encoding="utf-8")
    (seeds / "notes.toml").write_text("# mine\n", encoding="utf-8")
    everything = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    for out in ("sources/draft.txt", "README.md", "events/notes.md", "notes.toml"):
        it = "is in the seeds folder my-seeds, kept for its data (use my-seeds/exports/ or "
        it += "outside it)"
        for force in ((), ("--force",)):
            told = error("export", "--format", "json", "--out", f"my-seeds/{out}", *force,
                         code=1, cwd=tmp_path)  # fmt: skip
            assert told == f"--out my-seeds/{out}: {it}; give --out another file"
        told = error("build", "my-seeds", "--out", f"my-seeds/{out}", code=1, cwd=tmp_path)
        assert told == f"my-seeds: --out my-seeds/{out}: {it}: give --out another file"
    now = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert now == everything  # byte for byte, and nothing new
    for out in ("my-seeds/new.json", "my-seeds/exports/x.json", "my-seeds/exports/x.json"):
        # a new file directly in it: a dataset build writes there, no export (publish.md)
        exports = [("export", "--format", "json")] * ("/exports/" in out)
        for command in (*exports, ("build", "my-seeds")):
            result = run(*command, "--out", out, cwd=tmp_path)
            assert result.returncode == 0, result.stderr
            (tmp_path / out).unlink() if out.endswith("new.json") else None


def test_no_export_writes_a_file_over_a_seeds_file_or_its_dataset_even_with_force(
    tmp_path: Path,
) -> None:
    """A new user's trial: ``export --format parquet --out f --force`` into the seeds folder
    f replaced its guide README.md with the dataset card (without --force the advice was
    --force); html into f/sources replaced an index.html saved there, csv into f/events an
    events.csv, and sqlite the metadata.json it writes beside the database, a file of the
    seeds folder or the --dataset file itself.  Each is refused, --force or not, naming the
    file and the folder as given, and nothing is written."""
    assert run("init", "f", cwd=tmp_path).returncode == 0
    assert run("build", "f", "--out", "f.json", cwd=tmp_path).returncode == 0
    (tmp_path / "f" / "sources" / "index.html").write_text("<p>mine</p>\n", encoding="utf-8")
    (tmp_path / "f" / "events" / "events.csv").write_text("my,own\n", encoding="utf-8")
    (tmp_path / "f" / "metadata.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "h").mkdir()
    shutil.copy(tmp_path / "f.json", tmp_path / "h" / "metadata.json")
    everything = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    seeds = "which is in the seeds folder f, kept for its data (use f/exports/ or outside it)"
    folder = "give --out another folder"
    beside = "beside it, which is the dataset the export reads; give --out in another folder"
    for dataset, fmt, out, told in (
        ("f.json", "parquet", "f", f"would write f/README.md, {seeds}; {folder}"),
        ("f.json", "html", "f/sources", f"would write f/sources/*.html, {seeds}; {folder}"),
        ("f.json", "csv", "f/events", f"would write f/events/*.csv, {seeds}; {folder}"),
        ("f.json", "sqlite", "f/f2.sqlite", f"{seeds[6:]}; give --out another file"),
        ("h/metadata.json", "sqlite", "h/x.sqlite", f"would write h/metadata.json {beside}"),
    ):  # fmt: skip
        for force in ((), ("--force",)):
            args = ("--dataset", dataset, "export", "--format", fmt, "--out", out, *force)
            assert fnmatchcase(error(*args, code=1, cwd=tmp_path), f"--out {out}: {told}")
    whole = str(tmp_path / "f")  # an absolute --out: the folder named as given
    told = error("--dataset", "f.json", "export", "--format", "parquet", "--out", whole,
                 "--force", code=1, cwd=tmp_path)  # fmt: skip
    assert told.endswith(f"/README.md, which is in the seeds folder {whole}, kept for its data "
                         f"(use {whole}/exports/ or outside it); {folder}")  # fmt: skip
    now = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert now == everything  # byte for byte, and nothing new


def test_no_export_writes_into_a_seeds_folder_there_yet_or_not(tmp_path: Path) -> None:
    """A fresh user's trial: ``export --format csv --out f1`` (f1 a seeds folder) wrote
    f1/affiliations.csv, and the same export was then refused forever, --force or not:
    only a file already there was guarded.  An export writes nothing directly in a seeds
    folder or under its sources/ or events/, the first time too, and says where to write;
    into a folder of its own there (f1/exports) it writes, and again."""
    for seeds in ("f1", "mine"):
        assert run("init", seeds, cwd=tmp_path).returncode == 0
    assert run("build", "f1", "--out", "f1.json", cwd=tmp_path).returncode == 0
    everything = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    for fmt, out, seeds in (("csv", "f1", "f1"), ("html", "f1/sources", "f1"),
                            ("parquet", "mine/events", "mine"),
                            ("sqlite", "f1/events/x.db", "f1")):  # fmt: skip
        for force in ((), ("--force",)):
            args = ("--dataset", "f1.json", "export", "--format", fmt, "--out", out, *force)
            told = error(*args, code=1, cwd=tmp_path)
            assert told.startswith(f"--out {out}: "), told
            assert f"in the seeds folder {seeds}, kept for its data (use {seeds}/exports/" in told
    now = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert now == everything  # nothing written
    for force in ((), (), ("--force",)):
        args = ("--dataset", "f1.json", "export", "--format", "csv", "--out", "f1/exports")
        result = run(*args, *force, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "f1" / "exports" / "events.csv").is_file()


def test_a_folder_for_a_file_export_names_a_file_the_export_may_write(tmp_path: Path) -> None:
    """``export --format json --out f2`` (f2 a seeds folder) advised f2/catalog.json, which
    an export may not write there (a seeds folder's own places are for its data): the name
    advised is one it writes."""
    assert run("init", "f2", cwd=tmp_path).returncode == 0
    told = error("export", "--format", "json", "--out", "f2", code=1, cwd=tmp_path)
    such = told.rpartition("such as ")[2]
    assert told.startswith("f2: is a folder, not a file"), told
    assert run("export", "--format", "json", "--out", such, cwd=tmp_path).returncode == 0
    assert (tmp_path / such).is_file()


def test_an_export_does_not_replace_the_file_standard_input_reads(tmp_path: Path) -> None:
    """A fresh user's trial: ``--dataset - export --format jsonld --out m5.json < m5.json``
    replaced the dataset it read, without --force; ``--dataset m5.json`` is refused."""
    shutil.copy(BUNDLED, tmp_path / "m5.json")
    before = (tmp_path / "m5.json").read_bytes()
    for out, force, code in (("m5.json", (), 1), ("m5.json", ("--force",), 1), ("m6.json", (), 0)):
        args = ("--dataset", "-", "export", "--format", "jsonld", "--out", out, *force)
        with (tmp_path / "m5.json").open("rb") as stdin:
            result = subprocess.run(
                [*PROGRAM, *args], stdin=stdin, capture_output=True, cwd=tmp_path, env=ENV
            )
        assert result.returncode == code, result.stderr
        assert (b"is the dataset the export reads" in result.stderr) == (code == 1)
    assert (tmp_path / "m5.json").read_bytes() == before
    assert (tmp_path / "m6.json").is_file()


def test_build_writes_again_over_its_own_output_in_the_seeds_folder(tmp_path: Path) -> None:
    """A user's trial: a second ``build my-seeds --out my-seeds/out.json`` was refused,
    out.json being a file of the seeds folder; a dataset the build wrote is not a seed,
    and is written again. A JSON file of another kind there is still refused."""
    assert run("init", "my-seeds", cwd=tmp_path).returncode == 0
    for _ in range(2):
        result = run("build", "my-seeds", "--out", "my-seeds/out.json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    (tmp_path / "my-seeds" / "out.json").write_text('{"mine": 1}\n', encoding="utf-8")
    told = error("build", "my-seeds", "--out", "my-seeds/out.json", code=1, cwd=tmp_path)
    kept = "kept for its data (use my-seeds/exports/ or outside it)"
    assert told.endswith(f"--out my-seeds/out.json: is in the seeds folder my-seeds, {kept}: "
                         "give --out another file")  # fmt: skip
    assert (tmp_path / "my-seeds" / "out.json").read_text(encoding="utf-8") == '{"mine": 1}\n'


def test_an_export_read_by_its_suffix_is_written_with_it(tmp_path: Path) -> None:
    """``--format xlsx --out out/xlsx`` wrote a workbook openpyxl would not open
    ("does not support  file format"), and sqlite a database Datasette's folder of
    databases does not serve: a usage error naming the suffix, and nothing written."""
    for fmt, out, ends in (
        ("xlsx", "out/xlsx", ".xlsx"),
        ("xlsx", "out/events.xlsx.json", ".xlsx"),
        ("sqlite", "out/sqlite", ".db or .sqlite or .sqlite3"),
    ):
        message = error("export", "--format", fmt, "--out", out, code=2, cwd=tmp_path)
        such = f"{out}{ends.split()[0]}"
        assert message == (
            f"--out {out}: --format {fmt} writes a file whose name ends in {ends}, such as {such}"
        )
    assert list(tmp_path.iterdir()) == []
    for out in ("out/Events.XLSX", "out/events.sqlite"):
        fmt = "xlsx" if out.endswith("XLSX") else "sqlite"
        result = run("export", "--format", fmt, "--out", out, cwd=tmp_path)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("how", ["--dataset -", "validate -", "validate FILE", "--dataset FILE"])
def test_an_empty_dataset_is_said_to_be_empty(tmp_path: Path, how: str) -> None:
    """``echo -n | aseanplus3-events --dataset - events`` said pydantic's "Invalid JSON:
    EOF while parsing a value at line 1 column 0, got b''"."""
    (tmp_path / "empty.json").write_bytes(b"")
    name = "<stdin>" if how.endswith("-") else "empty.json"
    args = how.replace("FILE", "empty.json").split()
    for data in (b"", b"\n  \n"):
        (tmp_path / "empty.json").write_bytes(data)
        message = error(*args, *["events"] * how.startswith("--"), code=1, stdin=data,
                        cwd=tmp_path)  # fmt: skip
        assert message == f"{name}: is empty: give a dataset file's JSON"


def test_a_date_is_never_cut_at_any_width() -> None:
    """At 56-64 columns ``events`` showed ``2023-07…``: a date is whole or left out."""
    rows = as_json("events")
    dates = {row[c] for row in rows for c in ("start_date", "end_date")}
    for width in range(40, 201):
        text = table(rows, width)
        lines = text.splitlines()
        assert max(map(len, lines)) <= width
        assert not re.search(r"\b\d{4}-[\d-]*…", text), (width, text)
        for column in ("start_date", "end_date"):
            if column in lines[0]:
                assert all(any(d in line for d in dates) for line in lines[2:]), (width, text)
    for columns in (56, 60, 61):  # the widths of the trial, in a terminal
        status, lines = in_terminal("events", columns=columns)
        assert status == 0
        assert "2023-07-14" in lines[2]
        assert not re.search(r"\d{4}-[\d-]*…", "\n".join(lines)), lines


def test_a_kind_is_never_cut_in_search_results() -> None:
    """verify9: ``search "Julia Mao's"`` at 100 columns showed ``contrib…`` and
    ``partici…``, the kind of a hit being a controlled word, as short as a date."""
    kinds = {row["kind"] for row in as_json("search", "Julia Mao's")}
    assert "contribution" in kinds  # wider than the 8 columns a cut column keeps
    for columns in (60, 100, 140):
        status, lines = in_terminal("search", "Julia Mao's", columns=columns)
        assert status == 0
        shown = {line.split()[1] for line in lines[2:]}
        assert shown == kinds, (columns, lines)


def test_a_terminal_user_is_pointed_at_a_command_not_a_python_call() -> None:
    """verify9: ``sessions --topic fisheries`` said "apt.topics() or `aseanplus3-events
    topics` lists them"."""
    for args in (("sessions", "--topic", "fisheries"), ("events", "--topic", "fisheries")):
        message = error(*args, code=1)
        assert message.endswith("none is close (`aseanplus3-events topics` lists them)")
    with pytest.raises(apt.UnknownTopicError, match=r"apt\.topics\(\) or `aseanplus3-events"):
        apt.sessions_by_topic("fisheries")  # the library's own message names both


def test_a_snippet_narrower_than_its_match_still_shows_it() -> None:
    """At 40 columns ``search plastic youth`` showed ``Climate …``, no match in it."""
    status, lines = in_terminal("search", "plastic", "youth", columns=40)
    assert status == 0
    assert lines[0].split()[-1] == "snippet"
    assert "**Plast" in lines[2], lines


def test_an_absent_country_names_those_the_dataset_has() -> None:
    """``--country VN`` said "closest: 'CN'", ``--country Vietnam`` "apt.countries() lists
    them", a Python call.  An error, as for ``list_events``, naming the countries there are."""
    listed = [f"{c.code} ({c.name})" for c in apt.countries()]
    for value in ("VN", "Vietnam"):
        message = error("events", "--country", value, code=1)
        assert message.startswith(f"--country {value!r}: not a country of the dataset")
        assert all(country in message for country in listed)
        assert "apt." not in message
    with pytest.raises(apt.UnknownCountryError):
        apt.list_events(country="VN")
    codes = [line.split("\t")[0] for line in ok("countries").splitlines()]
    assert codes == [c.code for c in apt.countries()]
    assert [c["code"] for c in as_json("countries")] == codes


def test_an_inverted_date_range_says_what_it_keeps(two_events: apt.Dataset, tmp_path: Path) -> None:
    """``events --since 2023-07-20 --until 2023-07-01`` printed nothing, status 0, and
    said nothing.  As in ``list_events``, each bound keeps the events running on a day on
    its side (tests/test_invariants.py: an event is kept by since its end, until its
    start): inverted, the events running over the whole gap.  Stderr says so, naming both
    dates, and how to get the events between them."""
    data = tmp_path / "two.json"
    data.write_text(two_events.catalog.model_dump_json(), encoding="utf-8")
    args = ("--dataset", data, "events", "--since", "2023-07-20", "--until", "2023-07-01")
    result = run(*args, "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    assert result.stderr.decode() == (
        "aseanplus3-events: --since 2023-07-20 is after --until 2023-07-01: only events "
        "running from 2023-07-01 through 2023-07-20 are listed; for those between, swap them\n"
    )
    assert two_events.list_events(since="2023-07-20", until="2023-07-01") == ()
    # an event running over the gap is kept, by both
    forum = two_events.get_event("copy-forum-2024")
    assert forum.end_date > forum.start_date, "the forum no longer runs over several days"
    late, early = forum.end_date.isoformat(), forum.start_date.isoformat()
    assert two_events.list_events(since=late, until=early) == (forum,)
    kept = run("--dataset", data, "events", "--since", late, "--until", early, "--json")
    assert [e["id"] for e in json.loads(kept.stdout)] == [forum.id]


def test_a_hint_fits_the_command() -> None:
    """``show --json ID`` advised ``show -- --json`` (an id never starts with '-');
    ``cite ID`` advised quoting a value that has spaces."""
    message = error("show", "--json", EVENT_ID, code=2)
    assert "-- --json" not in message
    assert message.startswith("unknown option '--json'; aseanplus3-events show takes --help")
    message = error("cite", f"{EVENT_ID}-evidence-4", code=2)
    assert "spaces" not in message
    assert "aseanplus3-events cite takes no argument, only " in message
    assert "--style" in message
    # and where one fact's citation is (verify9): its quotes and their place
    hint = f"a record's quotes, to cite it: aseanplus3-events show {EVENT_ID}-evidence-4"
    assert hint in message
    assert f"{EVENT_ID}-evidence-4" in ok("show", f"{EVENT_ID}-evidence-4")
    # where a value may start with '-' (search words), the hint stays
    assert "aseanplus3-events search -- --zzz" in error("search", "--zzz", "x", code=2)
