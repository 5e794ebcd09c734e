"""The command line, end to end through subprocesses: exit codes, stdout, stderr, and
``--json`` output parsed back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import aseanplus3_events as apt
from conftest import EVENT_ID, ROOT

SCRIPT = shutil.which("aseanplus3-events", path=str(Path(sys.executable).parent))


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aseanplus3_events", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def ok(*args: str | Path) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def as_json(*args: str | Path) -> Any:
    return json.loads(ok(*args, "--json"))


def test_the_console_script_is_installed_and_is_the_same_program() -> None:
    assert SCRIPT is not None
    script = subprocess.run([SCRIPT, "events", "--json"], capture_output=True, text=True)
    assert script.returncode == 0
    assert json.loads(script.stdout) == as_json("events")


def test_no_command_and_show_print_the_summary() -> None:
    out = ok()
    assert out == ok("show") == ok("show", EVENT_ID)
    lines = out.splitlines()
    assert lines[0] == (
        "ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership"
    )
    assert "  date:     2023-07-14" in lines
    assert "  format:   hybrid" in lines
    assert "  location: not stated" in lines
    assert (
        "  guidance   International Cooperation Department, Ministry of Ecology and Environment"
        ' ("under the guidance of")'
    ) in lines
    assert '  organizer  China-ASEAN Environmental Cooperation Center ("organized")' in lines
    assert '  supporter  World Wide Fund for Nature ("with support from")' in lines
    title = (
        "Advancing Towards COP28: Enhancing Regional Carbon Market Development and Collaboration"
    )
    assert f"  1. {title}" in lines
    assert (
        "     speaker: Julia Mao (Director, International Cooperation Department, "
        "International Institute of Green Finance)"
    ) in lines
    assert sum(line.startswith(("  1. ", "  2. ", "  3. ")) for line in lines) == 3


def test_version() -> None:
    assert ok("--version") == f"aseanplus3-events {apt.__version__} (data 2026.1)\n"


def test_help_everywhere() -> None:
    top = ok("--help")
    for command in ("show", "events", "sessions", "topics", "orgs", "people", "search", "export",
                    "schema", "validate", "build"):  # fmt: skip
        assert command in top
        assert ok(command, "--help").startswith("usage: aseanplus3-events " + command)


def test_events_listing() -> None:
    rows = as_json("events")
    assert rows == [
        {
            "id": EVENT_ID,
            "start_date": "2023-07-14",
            "end_date": "2023-07-14",
            "kind": "seminar",
            "attendance_mode": "hybrid",
            "name": apt.get_event().name,
        }
    ]
    table = ok("events").splitlines()
    assert table[0].split() == ["id", "start_date", "end_date", "kind", "attendance_mode", "name"]
    assert set(table[1]) <= {"-", " "}
    assert table[2].startswith(EVENT_ID + "  2023-07-14")
    # columns are aligned: each header starts where its values start
    assert table[0].index("kind") == table[2].index(" seminar ") + 1


def test_sessions_listing_and_topic_filter() -> None:
    every = as_json("sessions")
    assert [s["ordinal"] for s in every] == [1, 2, 3]
    on_topic = as_json("sessions", "--topic", "Carbon markets")
    assert [s["id"] for s in on_topic] == [f"{EVENT_ID}-session-1"]
    assert on_topic[0]["topics"] == ["carbon-markets", "regional-cooperation", "green-finance"]
    assert "Advancing Towards COP28" in ok("sessions", "--topic", "carbon_markets")


def test_topics_orgs_people_search() -> None:
    topics = as_json("topics")
    assert [t["id"] for t in topics] == [t.id for t in apt.topics()]
    assert all(t["sessions"] == 1 for t in topics)
    orgs = as_json("orgs")
    assert len(orgs) == 7
    assert {"id": "ministry-of-ecology-and-environment", "kind": "ministry", "country": "CN",
            "parent_id": None, "name": "Ministry of Ecology and Environment"} in orgs  # fmt: skip
    assert as_json("people") == [
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
    assert [(h["kind"], h["id"], h["event_id"]) for h in hits] == [
        ("session", f"{EVENT_ID}-session-3", EVENT_ID)
    ]
    assert hits[0]["text"].startswith(apt.get_session(f"{EVENT_ID}-session-3").title)
    assert as_json("search", "no such words") == []
    assert ok("search", "no such words") == "(none)\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("show", "apt-seminar"), 1, f"unknown event id 'apt-seminar'; closest: '{EVENT_ID}'"),
        (("sessions", "--topic", "carbon marketz"), 1, "unknown topic 'carbon marketz'"),
        (("bogus",), 2, "invalid choice: 'bogus'"),
        (("events", "--bogus"), 2, "unrecognized arguments: --bogus"),
        (("export",), 2, "the following arguments are required: --format"),
        (("export", "--format", "xml"), 2, "invalid choice: 'xml'"),
        (("export", "--format", "csv"), 2, "--format csv writes a folder"),
        (("validate", "/no/such/file.json"), 1, "cannot read the file: No such file"),
        (("--dataset", "/no/such/file.json", "events"), 1, "cannot read the file"),
        (("build", "/no/such/seeds", "--out", "x.json"), 1, "/no/such/seeds: no such folder"),
    ],
)
def test_user_errors_are_one_clear_line_and_an_exit_code(
    args: tuple[str, ...], code: int, message: str, tmp_path: Path
) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == code
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_export_json_is_the_dataset_and_fits_the_schema(tmp_path: Path) -> None:
    text = ok("export", "--format", "json")
    assert apt.Catalog.model_validate_json(text) == apt.default_dataset().catalog
    exported = json.loads(text)
    schema = json.loads(ok("schema"))
    jsonschema.Draft202012Validator(schema).validate(exported)
    out = tmp_path / "catalog.json"
    result = run("export", "--format", "json", "--out", out)
    assert result.returncode == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == exported


def test_export_jsonld_to_stdout() -> None:
    doc = json.loads(ok("export", "--format", "jsonld"))
    assert doc["@context"] == "https://schema.org"
    (event,) = doc["@graph"]
    assert event == {k: v for k, v in apt.to_jsonld(apt.get_event()).items() if k != "@context"}


def test_export_csv_and_datapackage_write_folders(tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--out", tmp_path / "csv")
    assert result.returncode == 0
    assert "wrote 15 CSV files" in result.stderr
    assert (tmp_path / "csv" / "events.csv").exists()
    result = run("export", "--format", "datapackage", "--out", tmp_path / "dp")
    assert result.returncode == 0
    package = json.loads((tmp_path / "dp" / "datapackage.json").read_text(encoding="utf-8"))
    assert len(package["resources"]) == 15


def test_validate_and_build(tmp_path: Path) -> None:
    built = tmp_path / "mine.json"
    result = run("build", ROOT / "seeds", "--out", built)
    assert result.returncode == 0, result.stderr
    bundled = ROOT / "src" / "aseanplus3_events" / "data" / "catalog.json"
    assert built.read_bytes() == bundled.read_bytes()
    assert ok("validate", built) == f"{built}: valid (1 event)\n"
    assert ok("--dataset", built, "events") == ok("events")

    broken = json.loads(built.read_text(encoding="utf-8"))
    broken["events"][0]["start_date"] = "2023-13-01"
    broken["people"][0]["id"] = "Julia"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    result = run("validate", bad)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"aseanplus3-events: error: {bad}: 2 problems"
    assert re.search(r"^  \$\.events\[0\]\.start_date: ", result.stderr, re.M)
    assert re.search(r"^  \$\.people\[0\]\.id: ", result.stderr, re.M)


def test_build_reports_every_seed_problem(tmp_path: Path) -> None:
    seeds = Path(shutil.copytree(ROOT / "seeds", tmp_path / "seeds"))
    people = seeds / "people.toml"
    people.write_text(people.read_text(encoding="utf-8").replace("Julia Mao,", "Julia Mau,"))
    result = run("build", seeds, "--out", tmp_path / "out.json")
    assert result.returncode == 1
    assert "quote 'Julia Mau, the Director" in result.stderr
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    "args",
    [(), ("events",), ("search", "the"), ("export", "--format", "json"), ("schema",)],
)
@pytest.mark.parametrize("reader", ["true", "head -n 1"])
def test_output_into_a_closed_pipe_ends_quietly(args: tuple[str, ...], reader: str) -> None:
    # `true` exits before the program writes, so every write meets a closed pipe;
    # `head -n 1` closes it after the first line, as a user would.
    command = " ".join([sys.executable, "-m", "aseanplus3_events", *args])
    pipeline = subprocess.run(
        f"{command} | {reader}", shell=True, capture_output=True, text=True, check=True
    )
    assert pipeline.stderr == ""
    assert len(pipeline.stdout.splitlines()) == (0 if reader == "true" else 1)
