"""The publishing toolkit, as a user of the installed package meets it: ``init`` writes a
seeds folder that builds, ``quote`` says how to cite words of a source, ``build`` turns
a folder into a dataset and reports problems in the seeds' own terms."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tomllib
import typing
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import aseanplus3_events as apt
from aseanplus3_events import editorial
from aseanplus3_events.build import build
from aseanplus3_events.cli import main
from conftest import ARTICLE_ID, ROOT, run_in_pty
from test_cli import BUNDLED as BUNDLED_FILE
from test_cli import error
from test_cli import run as run_cli
from test_reach import FIELDS, HOLDERS

TEMPLATE = ROOT / "src" / "aseanplus3_events" / "template"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def seeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "my-seeds"
    assert cli(capsys, "init", folder)[0] == 0
    return folder


# --- init ------------------------------------------------------------------------------


def test_init_writes_a_folder_that_builds_and_loads(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert sorted(p.relative_to(seeds).as_posix() for p in seeds.rglob("*") if p.is_file()) == [
        "README.md",
        "catalog.toml",
        "events/regional-workshop-on-clean-air-monitoring-2024.toml",
        "organizations.toml",
        "people.toml",
        "sources/example-article.txt",
    ]
    out = seeds.parent / "mine.json"
    status, _, err = cli(capsys, "build", seeds, "--out", out)
    assert (status, err) == (0, f"wrote {out} (1 event)\n")
    ds = apt.load_dataset(out)
    event = ds.get_event()
    assert event.id == "regional-workshop-on-clean-air-monitoring-2024"
    assert ds.get_person("nguyen-thi-lan").name == "Nguyễn Thị Lan"
    assert event.references[0].date is not None  # a TOML date literal in a reference
    assert event.references[0].date.isoformat() == "2021-06-10"
    status, out_text, _ = cli(capsys, "--dataset", out, "search", "sensors")
    assert status == 0
    assert "regional-workshop-on-clean-air-monitoring-2024-session-1" in out_text


def test_build_given_a_folder_or_file_inside_a_seeds_folder_names_the_seeds_folder(
    seeds: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A trial ran `build .` in the seeds' events/ folder and was told only what a seeds
    # folder holds.
    monkeypatch.chdir(seeds / "events")
    for inside, meant in ((".", ".."), ("../sources/example-article.txt", "..")):
        status, _, err = cli(capsys, "build", inside, "--out", seeds.parent / "x.json")
        assert status == 1
        assert err.endswith(f"; give the seeds folder it is in: {meant!r}\n"), err
        assert Path(meant).resolve() == seeds.resolve()
    assert not (seeds.parent / "x.json").exists()


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    status, _, err = cli(capsys, "init", tmp_path)
    assert status == 1
    assert err == (
        f"aseanplus3-events: error: {tmp_path}: is not an empty folder; give a new or empty "
        "one (init writes over nothing)\n"
    )
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_template_shows_every_field_a_seed_can_give() -> None:
    """Every field of every model but those on NOT_IN_SEEDS is in the template's files,
    commented where optional; `test_the_guide_shows_every_field_a_seed_can_give` holds
    the guide to the same fields."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATE.rglob("*.toml"))
    missing = [
        key
        for key in sorted(FIELDS - HOLDERS - set(NOT_IN_SEEDS))
        if not re.search(rf"(^|[\s{{,#]){SEED_KEYS.get(key, key.split('.')[1])} =", text, re.M)
    ]
    assert not missing, (
        f"the seeds template shows no {missing}: add each (commented where optional) to "
        "the template's files in src/aseanplus3_events/template/, or add it with the "
        "reason to NOT_IN_SEEDS in tests/test_publish.py"
    )


# Where the template says what each record requires: above its table (or inline key).
SHOWN_AS = {
    "event": apt.Event, "attendance": apt.Attendance, "participations": apt.Participation,
    "participants": apt.ParticipantGroup, "contributions": apt.Contribution,
    "sessions.contributions": apt.Contribution, "sessions": apt.Session,
    "statements": apt.Statement, "references": apt.Reference, "evidence": apt.Evidence,
    "organizations": apt.Organization, "people": apt.Person, "affiliations": apt.Affiliation,
    "sources": apt.Source, "countries": apt.Country, "topics": apt.Topic,
}  # fmt: skip
# What a seed does not write of the required: the build derives it (ids, but those of
# the catalog-wide files' records; an evidence's source and span).
BUILT = {"id", "event_id", "ordinal", "source_ids", "source_id", "start", "end"}
WRITTEN = dict.fromkeys(["organizations", "people", "sources", "topics"], "id")
WRITTEN["countries"] = "source_id"


def test_the_template_says_which_fields_each_record_requires() -> None:
    # a chair-only contribution failed with "summary: missing": the template did not say
    text = "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATE.rglob("*.toml"))
    for key, model in SHOWN_AS.items():
        table = rf"(?:# )?\[\[?{re.escape(key)}\]\]?|{key} = \["
        said = re.findall(rf"^# required: (.*)\n(?:{table})", text, re.M)
        required = {n for n, f in model.model_fields.items() if f.is_required()}
        required -= BUILT - {WRITTEN.get(key)}
        if model is apt.Session:  # the checks require one of them
            required |= {"title", "subject"}
        assert said, f"the template does not say what {key} requires"
        assert {w for w in re.findall(r"\w+", said[0]) if w in model.model_fields} == required


#: Fields no seed writes, each with the reason: the one list of exclusions.  Every other
#: field of every model is shown in the template's files and in the guide's "Every field,
#: with an example" (the fields that hold records, through their records' fields).
NOT_IN_SEEDS = {
    "Catalog.schema_version": "the build writes the schema version it builds",
    "Source.sha256": "the build records the digest of the source's `file`",
    "Source.text": "the build reads it from the source's `file`",
    "Event.source_ids": "the build derives it from the sources its quotes cite",
    "Session.event_id": "the build derives it: the file's event",
    "Session.ordinal": "the build derives it: the session's place in the file",
    "Evidence.start": "the build finds where the quote stands in its source",
    "Evidence.end": "the build finds where the quote stands in its source",
    **{f"{m}.id": "the build numbers it: <event id>-<kind>-<n> (the guide's 'Ids')"
       for m in ("Attendance", "Participation", "ParticipantGroup", "Session",
                 "Contribution", "Statement", "Reference", "Evidence")},
}  # fmt: skip
#: A field a seed writes under another name: "Model.field" -> the key in the seed.
SEED_KEYS = {"Evidence.source_id": "source"}
#: A seed's keys that are no field: "Model.key", each with what it is.
SEED_ONLY = {"Source.file": "the source's text file, which the build reads into Source.text"}
GUIDE = TEMPLATE / "README.md"


def _held(annotation: Any) -> type[BaseModel] | None:
    """The model whose records a field of this annotation holds, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_held, typing.get_args(annotation))), None)


def _shown(table: dict[str, Any], model: type[BaseModel], found: set[str]) -> None:
    """Add to ``found`` the "Model.key" of every key of ``table``, a record of ``model``
    as a seed writes it, and of the records inside it."""
    prefix = f"{model.__name__}."
    renamed = {key: k.removeprefix(prefix) for k, key in SEED_KEYS.items() if k.startswith(prefix)}
    for key, value in table.items():
        field = renamed.get(key, key)
        found.add(f"{model.__name__}.{field}")
        info = model.model_fields.get(field)
        inner = _held(info.annotation) if info else None
        for item in value if isinstance(value, list) else [value]:
            if inner is not None and isinstance(item, dict):
                _shown(item, inner, found)


def _guide_problems(guide: str) -> list[str]:
    """The fields a seed can give that the guide's "Every field, with an example" does not
    show in its TOML examples, and the keys it shows that no model has."""
    section = guide.partition("\n## Every field, with an example\n")[2].partition("\n## ")[0]
    found: set[str] = set()
    for block in re.findall(r"^```toml\n(.*?)^```", section, re.MULTILINE | re.DOTALL):
        seed = tomllib.loads(block)
        seed.pop("source", None)  # the file's source, which its quotes cite by default
        if "event" in seed:  # an event file: [event] and its records' tables
            _shown(seed.pop("event"), apt.Event, found)
            _shown(seed, apt.Event, found)
        else:  # catalog.toml, organizations.toml, people.toml
            _shown(seed, apt.Catalog, found)
    where = "src/aseanplus3_events/template/README.md (the seeds guide)"
    missing = sorted(FIELDS - HOLDERS - set(NOT_IN_SEEDS) - found)
    return [
        f"{key} is not shown in 'Every field, with an example' of {where}: add "
        f"`{SEED_KEYS.get(key, key.split('.')[1])} = ...` to its record's example, or add "
        f"{key!r} with the reason to NOT_IN_SEEDS in tests/test_publish.py"
        for key in missing
    ] + [
        f"'Every field, with an example' of {where} shows {key}, which no model has: "
        "rename or drop it"
        for key in sorted(found - FIELDS - set(SEED_ONLY))
    ]


def test_the_guide_shows_every_field_a_seed_can_give() -> None:
    problems = _guide_problems(GUIDE.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def _vocabulary(annotation: Any) -> type[StrEnum] | None:
    """The controlled vocabulary a field of this annotation takes, if any."""
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation
    return next(filter(None, map(_vocabulary, typing.get_args(annotation))), None)


def _values_section() -> str:
    """The guide's "Every controlled value": each vocabulary a seed's field takes, in the
    order the records nest, with the fields that take it and each value's definition."""
    fields: dict[type[StrEnum], list[str]] = {}
    models, seen = [apt.Catalog], set()
    while models:
        model = models.pop(0)
        seen.add(model)
        for name, info in model.model_fields.items():
            if (vocabulary := _vocabulary(info.annotation)) is not None:
                fields.setdefault(vocabulary, []).append(f"{model.__name__}: {name}")
            elif (inner := _held(info.annotation)) is not None and inner not in seen:
                models.append(inner)
    parts = [
        "## Every controlled value\n\nEach of these fields takes one of its values, written as "
        "shown; `build` names the\nclosest valid one when a value is misspelt.\n"
    ]
    for vocabulary, names in fields.items():
        values = "".join(f"- `{v.value}`: {v.definition}\n" for v in vocabulary)  # type: ignore[attr-defined]
        parts.append(f"### {'; '.join(names)}\n\n{values}")
    return "\n".join(parts)


def test_the_guides_example_quotes_keep_its_own_tightest_quote_rule() -> None:
    # its event's date quote began "was held from ...": copied, it drew the warning
    quotes = re.findall(r'quote = "([^"]*)"', GUIDE.read_text(encoding="utf-8"))
    assert len(quotes) > 10
    for quote in quotes:
        loose = quote.startswith(editorial._LOOSE_START) or quote.endswith(editorial._LOOSE_END)
        assert not loose, quote


def test_the_guide_lists_every_controlled_value_with_its_definition() -> None:
    # the template sent users to the guide "for every kind and its definition": organization
    # kinds were nowhere in it; the section is the models' vocabularies, whole
    section = _values_section()
    assert "### Organization: kind\n\n- `ministry`: A government ministry.\n" in section
    assert section in GUIDE.read_text(encoding="utf-8"), (
        f"{GUIDE} lacks its section of the models' vocabularies; put this before "
        f"'## Editorial rules':\n\n{section}"
    )


def test_the_guide_lists_the_words_that_name_a_mode_a_status_or_a_whole_list() -> None:
    # the build tells a value no quote names a reading; the guide says which words count
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    named = [k for k in editorial._NAMED if type(k) in (apt.AttendanceMode, apt.EventStatus, bool)]
    assert [w for k in named for w in editorial._NAMED[k].split("|") if f'"{w}"' not in guide] == []


def test_the_guide_check_names_what_it_does_not_show() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    without = guide.replace('address_region = "Red River Delta"\n', "", 1)
    assert _guide_problems(without) == [
        "Place.address_region is not shown in 'Every field, with an example' of "
        "src/aseanplus3_events/template/README.md (the seeds guide): add `address_region = "
        "...` to its record's example, or add 'Place.address_region' with the reason to "
        "NOT_IN_SEEDS in tests/test_publish.py"
    ]
    misspelt = guide.replace("note = ", "notes = ", 1)
    assert _guide_problems(misspelt) == [
        "Event.note is not shown in 'Every field, with an example' of "
        "src/aseanplus3_events/template/README.md (the seeds guide): add `note = ...` to its "
        "record's example, or add 'Event.note' with the reason to NOT_IN_SEEDS in "
        "tests/test_publish.py",
        "'Every field, with an example' of src/aseanplus3_events/template/README.md (the "
        "seeds guide) shows Event.notes, which no model has: rename or drop it",
    ]


def test_the_guide_is_one_text_shipped_and_on_the_docs_site() -> None:
    page = (ROOT / "docs" / "seeds-guide.md").read_text(encoding="utf-8")
    assert '--8<-- "src/aseanplus3_events/template/README.md"' in page
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "seeds-guide.md" in nav
    # and the project's own seeds point to it instead of repeating it
    assert "A quote must occur exactly once" not in (ROOT / "seeds" / "README.md").read_text(
        encoding="utf-8"
    )


def test_the_guide_names_the_extra_each_export_needs() -> None:
    # a user who follows the guide for xlsx installs what xlsx needs, an extra that exists
    from aseanplus3_events.cli import FORMATS

    guide = (TEMPLATE / "README.md").read_text(encoding="utf-8")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    needed = {f.extra for f in FORMATS.values() if f.extra}
    named = set(re.findall(r"pip install '[^']*\[(\w+)\]'", guide))
    assert needed
    assert named == needed
    assert named <= declared.keys()


# --- quote -----------------------------------------------------------------------------


def test_quote_a_repeated_quote_gives_the_context_that_picks_each_place(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = seeds / "sources" / "example-article.txt"
    status, out, _ = cli(capsys, "quote", source, "example", "institute for atmospheric research")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"# {source}: 2 places"
    assert lines[1].startswith("# line 3, column 196 (characters 252-294): ")
    assert lines[2] == (
        '{ fields = [], quote = "Example Institute for Atmospheric Research", '
        'suffix = ". Officials" },'
    )
    assert lines[4].endswith('suffix = ". She" },')
    # each printed selector, pasted into a seed, picks its place alone
    text = source.read_text(encoding="utf-8")
    for line in (lines[2], lines[4]):
        import tomllib

        selector = tomllib.loads("x = " + line.rstrip(","))["x"]
        found = text.find(selector["quote"] + selector["suffix"])
        assert found != -1
        assert text.count(selector["quote"] + selector["suffix"]) == 1


def test_quote_finds_typographic_quotes_from_straight_ones(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = seeds / "sources" / "example-article.txt"
    status, out, _ = cli(capsys, "quote", source, '"low-cost sensors for city networks"')
    assert status == 0
    assert '{ fields = [], quote = "“Low-Cost Sensors for City Networks”" },' in out


def test_quote_suggests_close_words_when_they_are_not_there(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = seeds / "sources" / "example-article.txt"
    status, out, err = cli(capsys, "quote", source, "participant", "agred")
    assert (status, out) == (1, "")
    assert err == (
        f'aseanplus3-events: error: {source}: "participant agred" is not in the source; '
        'did you mean "participants agreed" or "The participants"?\n'
    )


_DROP = ("PYTHONUNBUFFERED", "PYTHONIOENCODING", "PYTHONUTF8")
#: ``LC_ALL=C``: the standard streams ASCII (stdout piped, UTF-8: the command line's own).
C_LOCALE = {k: v for k, v in os.environ.items() if k not in _DROP} | {
    "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"
}  # fmt: skip


def ascii_run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command line as under ``LC_ALL=C``, piped: stderr ASCII, block-buffered."""
    command = [sys.executable, "-m", "aseanplus3_events", *map(str, args)]
    result = subprocess.run(command, capture_output=True, env=C_LOCALE, cwd=cwd)
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("ascii")
    )


def test_quote_prints_exact_toml_and_messages_on_an_ascii_stdout(seeds: Path) -> None:
    source = seeds / "sources" / "example-article.txt"
    result = ascii_run("quote", source, "Nguyễn", "Thị")
    assert result.returncode == 0, result.stderr
    selector = tomllib.loads("x = " + result.stdout.splitlines()[2].rstrip(","))["x"]
    assert selector["quote"] == "Nguyễn Thị"  # pasted, it builds: the accents are there
    assert "[Nguyễn Thị] Lan" in result.stdout  # the context, exact too (piped: UTF-8)
    # on an ASCII terminal, exact too: TOML's escapes
    status, shown = run_in_pty([*result.args[:3], "quote", str(source), "Nguyễn"], env=C_LOCALE)
    assert status == 0
    assert "[Nguy\\u1ec5n] Th\\u1ecb Lan" in shown
    result = ascii_run("quote", source, "Nguyen", "Thi", "Lan")
    assert 'did you mean "Nguy\\u1ec5n Th\\u1ecb Lan"' in result.stderr
    # a message shows the bad value escaped, never as the slug it should be
    edit(seeds, "people.toml", 'id = "nguyen-thi-lan"', 'id = "nguyễn-thị-lan"')
    result = ascii_run("build", seeds, "--check")
    assert "'nguy\\u1ec5n-th\\u1ecb-lan': not an id; ids are slugs, such as 'nguyen-thi-lan'" in (
        result.stderr
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quote_prints_toml_that_parses_whatever_the_source_holds(
    tmp_path: Path, newline: str
) -> None:
    # the words across a line break, a tab, control characters in the quote's context:
    # every line printed is TOML, and pasted into a seed's evidence it is the exact text
    text = (
        f"Comparable data are the basis of any joint action.{newline}{newline}The first "
        f"session\x7f opened.\tA joint\taction. The first session\x07 ended.{newline}"
    )
    source = tmp_path / "source.txt"
    source.write_bytes(text.encode("utf-8"))
    result = run_cli("quote", source, "joint action. The first session")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert all(line.startswith(("# ", "{ ")) for line in out.splitlines())
    evidence = tomllib.loads(f"evidence = [\n{out}]\n")["evidence"]
    assert [e["quote"] for e in evidence] == [
        f"joint action.{newline}{newline}The first session",
        "joint\taction. The first session",
    ]
    for e in evidence:  # each picks its own place, whatever its context holds
        assert text.count(e.get("prefix", "") + e["quote"] + e.get("suffix", "")) == 1


def test_quote_reads_a_source_of_the_dataset_by_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "quote", ARTICLE_ID, "COP28")
    assert status == 0
    assert out.count('quote = "COP28"') == 2
    assert out.count("prefix = ") + out.count("suffix = ") == 2


def test_quote_of_a_source_that_is_nowhere(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "quote", "no-such-article.txt", "COP28")
    assert (status, err) == (
        1,
        "aseanplus3-events: error: no-such-article.txt: no such file, nor a source id of the "
        "dataset\n",
    )
    # an id of the user's own dataset, quoted without it: say how to give it
    assert error("quote", "apt-marine-plastic-2025", "joint action", code=1) == (
        "apt-marine-plastic-2025: no such file, nor a source id of the dataset; give "
        "--dataset FILE to quote a source of your own dataset"
    )


@pytest.mark.parametrize(
    ("command", "instead"),
    [
        (["build", "{seeds}", "--out", "{out}"], "to build beside a dataset, give --beside FILE"),
        (["validate", "{out}"], "give the file itself: aseanplus3-events validate FILE"),
        (["init", "{out}"], "it writes a seeds folder from the package's template"),
        (["schema"], "it prints the schema every dataset file follows"),
    ],
)
def test_a_command_that_reads_no_dataset_refuses_dataset(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str],
    instead: str,
) -> None:  # fmt: skip
    # `build SEEDS --dataset all-events.json --out x.json` wrote x.json without a word
    dataset, out = tmp_path / "all-events.json", tmp_path / "x.json"
    dataset.write_bytes(BUNDLED_FILE.read_bytes())
    argv = [a.format(seeds=seeds, out=out) for a in command]
    for args in ([*argv, "--dataset", dataset], ["--dataset", dataset, *argv]):
        assert error(*args, code=2) == (
            f"{argv[0]} does not read --dataset; {instead} "
            f"(see: aseanplus3-events {argv[0]} --help)"
        )
        assert not out.exists()
    source = seeds / "sources" / "example-article.txt"
    assert error("quote", source, "Example", "--dataset", dataset, code=2) == (
        f"quote reads --dataset only for a source id; {source} is a file "
        "(see: aseanplus3-events quote --help)"
    )
    # nor does its --help offer it, as that of a command that reads one does
    assert "--dataset" not in cli(capsys, argv[0], "--help")[1]
    assert "--dataset FILE" in cli(capsys, "quote", "--help")[1]


def test_build_json_is_the_dataset_file(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "build", seeds, "--out", "-")
    assert status == 0
    assert json.loads(out)["events"][0]["location"]["address_locality"] == "Hanoi"


def test_build_refuses_to_write_over_a_file_it_reads(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A new user's trial: ``--out`` naming the source text replaced the article with the
    dataset, and every later build failed on it; the same for catalog.toml."""
    link = tmp_path / "link.txt"
    link.symlink_to(seeds / "sources/example-article.txt")
    for out in (seeds / "sources/example-article.txt", seeds / "catalog.toml", seeds / EVENT, link):
        before = out.read_bytes()
        status, _, err = cli(capsys, "build", seeds, "--out", out)
        assert status != 0
        assert f"--out {out}: " in err
        assert "is a file the build reads" in err
        assert out.read_bytes() == before
    mine = tmp_path / "mine.json"
    assert cli(capsys, "build", seeds, "--out", mine)[0] == 0
    assert cli(capsys, "build", seeds, "--out", mine)[0] == 0  # a file it wrote, it may again
    assert cli(capsys, "build", seeds, "--beside", mine, "--out", mine)[0] != 0


def test_build_without_out_is_a_usage_error(seeds: Path) -> None:
    """``build water`` (no --out) exited 1, the status of a file not found, where
    ``--help`` says a mistake in the command line exits 2; and it built first."""
    (seeds / "catalog.toml").write_text("not toml", encoding="utf-8")  # it is not built
    assert error("build", seeds, code=2) == (
        "--out: give the file to write (or --check, to write nothing) "
        "(see: aseanplus3-events build --help)"
    )


# --- build: problems in the seeds' terms ---------------------------------------------

EVENT = "events/regional-workshop-on-clean-air-monitoring-2024.toml"


def edit(seeds: Path, name: str, old: str, new: str) -> None:
    path = seeds / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def at(seeds: Path, name: str, text: str) -> str:
    """``name:line`` of the first line of a seed file that holds ``text``."""
    lines = (seeds / name).read_text(encoding="utf-8").splitlines()
    line = next(n for n, line in enumerate(lines, 1) if text in line)
    return f"{seeds.as_posix()}/{name}:{line}"  # the folder as given: usable from there


def problems(seeds: Path, **kwargs: Any) -> list[str]:
    with pytest.raises(apt.DatasetError) as caught:
        build(seeds, **kwargs)
    return [str(p) for p in caught.value.problems]


def test_a_wrong_event_id_is_one_problem_not_one_per_derived_id(seeds: Path) -> None:
    edit(
        seeds,
        EVENT,
        'id = "regional-workshop-on-clean-air-monitoring-2024"',
        'id = "Clean Air 2024"',
    )
    assert problems(seeds) == [
        f"{at(seeds, EVENT, 'Clean Air 2024')}: "
        "event 'Clean Air 2024': id: not an id: ids are slugs, such as 'clean-air-2024'"
    ]


def test_one_build_problem_names_its_folder_once_and_many_are_counted(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(seeds, EVENT, "[[sessions]]\n", '[[sessions]]\nid = "sensors"\n')
    status, _, err = cli(capsys, "build", seeds, "--check")
    where = at(seeds, EVENT, 'id = "sensors"')  # a path in the folder: it names the folder
    assert (status, err.count(str(seeds))) == (1, 1)
    assert err.startswith(f"aseanplus3-events: error: {where}: session 1 ")
    edit(seeds, "people.toml", 'quote = "Dr. Nguyễn', 'quote = "Dr Nguyễn')
    status, _, err = cli(capsys, "build", seeds, "--check")
    people = at(seeds, "people.toml", 'quote = "Dr Nguyễn')
    lines = err.splitlines()  # as before: the count, then each problem on its own line
    assert (len(lines), lines[0]) == (3, f"aseanplus3-events: error: {seeds}: 2 problems")
    assert lines[1].startswith(f"  {where}: ")
    assert lines[2].startswith(f"  {people}: ")


def test_an_id_the_build_derives_is_one_clear_line(seeds: Path) -> None:
    edit(seeds, EVENT, "[[sessions]]\n", '[[sessions]]\nid = "sensors"\n')
    where = at(seeds, EVENT, 'id = "sensors"')
    assert problems(seeds) == [
        f"{where}: session 1 “Low-Cost Sensors for City Networks”: id: the build derives "
        "id ('regional-workshop-on-clean-air-monitoring-2024-session-1'): delete this line"
    ]


def test_a_country_without_source_id_says_which_and_what_to_write(seeds: Path) -> None:
    edit(
        seeds,
        "catalog.toml",
        'name = "Viet Nam"\nsource_id = "iso-3166-1"\n',
        'name = "Viet Nam"\n',
    )
    (line,) = problems(seeds)
    header = int(at(seeds, "catalog.toml", 'code = "VN"').split(":")[1]) - 1
    assert line.startswith(f"{seeds}/catalog.toml:{header}: country VN: source_id: missing: ")
    assert 'source_id = "iso-3166-1"' in line


def test_a_wrong_value_is_told_at_its_seed_line_record_and_field(seeds: Path) -> None:
    edit(seeds, "organizations.toml", 'kind = "institute"\nevid', 'kind = "club"\nevid')
    (line,) = problems(seeds)
    assert line.startswith(
        f"{at(seeds, 'organizations.toml', 'club')}: "
        "organization example-institute-for-atmospheric-research: "
        "kind: 'club': not one of the values (the values: 'ministry', "
    )
    edit(seeds, "organizations.toml", 'kind = "club"', 'kind = "institute"')
    edit(seeds, EVENT, 'quote = "Sensors" }', 'quote = "Sensor networks" }')
    (line,) = problems(seeds)
    assert line.startswith(
        f"{at(seeds, EVENT, 'Sensor networks')}: "
        "session 1 “Low-Cost Sensors for City Networks”: evidence[2]: quote "
        "'Sensor networks' not found in source 'example-article'; copy it exactly: did you mean "
    )
    assert '"Sensors for"' in line  # the closest passages, as `quote` names them
    assert line.endswith(
        f"(see: aseanplus3-events quote {seeds}/sources/example-article.txt WORDS)"
    )


def test_a_quote_with_a_space_for_a_hyphen_is_offered_the_hyphenated_word(seeds: Path) -> None:
    """A new user's trial: "in person" for the source's "in-person" was offered runs of two
    words ("in-person and", "format, in-person"), never the word itself."""
    edit(seeds, "sources/example-article.txt", "in a hybrid format", "in-person and online")
    edit(seeds, EVENT, 'quote = "hybrid format"', 'quote = "in person"')
    (line,) = problems(seeds)
    assert "quote 'in person' not found in source 'example-article'; copy it exactly: " in line
    assert 'did you mean "in-person"? (see: ' in line  # that word alone: no longer run holds it


def test_a_quote_its_source_has_with_question_marks_says_the_file_lost_letters(
    seeds: Path,
) -> None:
    """A user's trial: an article saved in a lossy encoding has "Tr?n ??c Th?ng" where the
    quote, copied from the web page, says "Trần Đức Thắng"; the build said "copy it exactly"
    and offered nothing."""
    edit(seeds, "sources/example-article.txt", "in a hybrid format", "by Tr?n ??c Th?ng")
    edit(seeds, EVENT, 'quote = "hybrid format"', 'quote = "Trần Đức Thắng"')
    (line,) = problems(seeds)
    lost = "its file lost letters to '?': save it again as UTF-8"
    assert "quote 'Trần Đức Thắng' not found in source 'example-article'; the source has " \
           f"'Tr?n ??c Th?ng': {lost}" in line  # fmt: skip


def test_an_unknown_field_is_not_offered_a_field_it_is_not_spelt_like(seeds: Path) -> None:
    """A new user's trial: `venue` was offered `evidence` (difflib's 0.61, below the 0.7
    that errors.closest asks of spelling); the venue is `location` (its `name`)."""
    edit(seeds, EVENT, "\nlocation = {", "\nvenue = {")
    where = at(seeds, EVENT, "venue = {")
    assert (
        f"{where}: event regional-workshop-on-clean-air-monitoring-2024: venue: 'venue' is not "
        "a field here: remove it, or correct its spelling"
    ) in problems(seeds)


def test_a_misspelt_field_and_a_country_code_say_what_to_write(seeds: Path) -> None:
    edit(seeds, EVENT, 'title = "Low-Cost', 'titel = "Low-Cost')
    edit(seeds, "catalog.toml", 'code = "VN"', 'code = "Vietnam"')
    found = problems(seeds)
    where = at(seeds, EVENT, "titel")
    assert f"{where}: session 1: titel: 'titel' is not a field here: did you mean 'title'?" in found
    assert (
        f"{at(seeds, 'catalog.toml', 'Vietnam')}: country Vietnam: code: 'Vietnam': not an "
        "ISO 3166-1 alpha-2 code: two capital letters, such as 'VN'"
    ) in found


@pytest.mark.parametrize(("written", "offered"), [("cn", "CN"), ("th", "TH"), ("id", "ID")])
def test_a_country_code_in_lower_case_is_offered_in_capitals(
    seeds: Path, written: str, offered: str
) -> None:
    """A user's trial: `address_country = "cn"` was offered 'VN' (the rule's example);
    and a fresh user's, "id" (listed nowhere in the seeds) was offered 'VN': any two
    letters are offered in capitals."""
    edit(seeds, EVENT, 'address_country = "VN"', line := f'address_country = "{written}"')
    assert problems(seeds) == [
        f"{at(seeds, EVENT, line)}: {WORKSHOP}: location.address_country: '{written}': not an "
        f"ISO 3166-1 alpha-2 code: two capital letters, such as '{offered}'"
    ]


def test_a_country_code_in_lower_case_where_it_is_declared_is_offered_in_capitals(
    seeds: Path,
) -> None:
    """A new user's trial: `code = "cn"` in catalog.toml's own [[countries]] was offered
    'VN', as a code listed nowhere; it is the code being declared."""
    edit(seeds, "catalog.toml", 'code = "CN"', line := 'code = "cn"')
    assert problems(seeds) == [
        f"{at(seeds, 'catalog.toml', line)}: country cn: code: 'cn': not an ISO 3166-1 "
        "alpha-2 code: two capital letters, such as 'CN'"
    ]


def test_a_field_of_a_sub_table_is_told_at_its_own_line(seeds: Path) -> None:
    """A new user's trial: a bad ``name`` under ``[event.location]`` was told at the line
    of the event's own ``name``, the first ``name =`` of the event's table."""
    edit(seeds, EVENT, 'location = { address_locality = "Hanoi", address_country = "VN" }\n', "")
    table = '[event.location]\nname = "Hanoi"\naddress_locality = "Hanoy"\naddress_country = "VN"\n'
    edit(seeds, EVENT, "\n# --- who came", f"\n{table}\n# --- who came")
    event = "event regional-workshop-on-clean-air-monitoring-2024"
    found = [p.split(": ", 3)[:3] for p in problems(seeds)]
    assert found == [  # each at its own line, not the event's ``name = `` (line 11)
        [at(seeds, EVENT, 'name = "Hanoi"'), event, "location.name"],
        [at(seeds, EVENT, '"Hanoy"'), event, "location.address_locality"],
    ]


def test_a_misspelt_nested_table_is_told_not_a_traceback(seeds: Path) -> None:
    """A new user's trial: ``[[sessions.contribution]]`` ended in KeyError: 'source_id'."""
    edit(seeds, EVENT, "[[sessions.contributions]]", "[[sessions.contribution]]")
    assert problems(seeds) == [
        f"{at(seeds, EVENT, '[[sessions.contribution]]')}: session 1 “Low-Cost Sensors for City "
        "Networks”: contribution: 'contribution' is not a field here: did you mean "
        "'contributions'?"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "told"),
    [  # a new user's trial: the first five built, their records just missing
        (EVENT, "[[statements]]", "[[statement]]", "'statement' is not a table here: did you "
         "mean 'statements'?"),
        (EVENT, "[[attendance]]", "[[attendances]]", "'attendances' is not a table here: did "
         "you mean 'attendance'?"),
        (EVENT, "[[references]]", "[[reference]]", "'reference' is not a table here: did you "
         "mean 'references'?"),
        (EVENT, "[[participations]]", "[[participation]]", "'participation' is not a table "
         "here: did you mean 'participations' or 'participants'?"),
        ("catalog.toml", '# title = "Clean', 'titel = "Clean', "'titel' is not a field here: "
         "did you mean 'title'?"),
        # ... and these were told only by what followed from them
        (EVENT, "[event]", "[evnt]", "'evnt' is not a table here: did you mean 'event'?"),
        (EVENT, "[[sessions]]", "[[session]]", "'session' is not a table here: did you mean "
         "'sessions'?"),
        (EVENT, 'source = "ex', 'sourse = "ex', "'sourse' is not a field here: did you mean "
         "'source'?"),
        ("organizations.toml", "[[organizations]]", "[[organisations]]", "'organisations' is "
         "not a table here: did you mean 'organizations'?"),
        ("catalog.toml", "[[countries]]", "[[country]]", "'country' is not a table here: did "
         "you mean 'countries'?"),
        ("catalog.toml", "data_version =", "version =", "'version' is not a field here: did "
         "you mean 'data_version'?"),
    ],
)  # fmt: skip
def test_an_unknown_key_of_a_seed_file_is_one_line_at_it(
    seeds: Path, file: str, old: str, new: str, told: str
) -> None:
    edit(seeds, file, old, new)
    key = told.split("'")[1]
    assert problems(seeds) == [f"{at(seeds, file, new)}: the file: {key}: {told}"]


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ('[[event.sessions]]\ntitle = "Later"\nevidence = [{ fields = ["title"], quote = '
         '"first session" }]', "write each session as a top-level [[sessions]] table"),
        ('sessions = [{ title = "Later" }]', "write each session as a top-level [[sessions]] "
         "table"),
        ('participants = [{ label = "Japan", kind = "officials_from_country" }]', "write each "
         "participant group as a top-level [[participants]] table"),
        ('[[event.statements]]\nkind = "consensus"\ntext = "Agreed."', "write each statement "
         "as a top-level [[statements]] table"),
        ('source_ids = ["example-article"]', "the build derives it from the evidence: delete "
         "this line"),
    ],
)  # fmt: skip
def test_a_table_the_build_fills_written_inside_the_event_is_told_where_it_belongs(
    seeds: Path, written: str, told: str
) -> None:
    """A new user's trial: `sessions` written under [event] built, and the build replaced
    them with the file's [[sessions]]: the user's sessions were lost without a word."""
    edit(seeds, EVENT, "\n# --- who came", f"\n{written}\n\n# --- who came")
    key = re.split(r"[ .\]]", written.removeprefix("[[event."))[0]
    assert problems(seeds) == [
        f"{at(seeds, EVENT, written.splitlines()[0])}: {WORKSHOP}: {key}: {key!r} is not a "
        f"field of [event]: {told}"
    ]


def test_a_misspelt_session_that_makes_a_later_one_invalid_toml_is_named(seeds: Path) -> None:
    """A new user's trial: [[session]] (its [[sessions.contributions]] declaring `sessions` a
    table) and a later [[sessions]] stopped with TOML's "Cannot overwrite a value" alone."""
    edit(seeds, EVENT, "[[sessions]]", "[[session]]")
    later = '[[sessions]]\ntitle = "Later"\nevidence = [{ fields = ["title"], quote = "first" }]'
    edit(seeds, EVENT, "\n# --- what was said", f"\n{later}\n\n# --- what was said")
    (found,) = problems(seeds)  # led by the mistake and its fix, then TOML's words
    fix = "'session' is not a table here: did you mean 'sessions'? (then not valid TOML: "
    assert found.startswith(f"{at(seeds, EVENT, '[[session]]')}: {fix}")
    later = at(seeds, EVENT, "[[sessions]]").rpartition(":")[2]
    assert f"Cannot overwrite a value (at line {later}, column " in found


@pytest.mark.parametrize("line", ['text = "The article, as I corrected it."', 'sha256 = "0a1b"'])
def test_a_sources_text_or_digest_beside_its_file_is_told_not_replaced(
    seeds: Path, line: str
) -> None:
    """A source's `text` (or `sha256`) written beside its `file` built, and the build
    replaced it with the file's without a word."""
    file = 'file = "sources/example-article.txt"\n'
    edit(seeds, "catalog.toml", file, f"{file}{line}\n")
    key = line.split(" ")[0]
    assert problems(seeds) == [
        f"{at(seeds, 'catalog.toml', line)}: source example-article: {key}: the build derives "
        f"{key} from sources/example-article.txt: delete it"
    ]


def test_a_duplicate_id_names_both_places(seeds: Path) -> None:
    text = (seeds / "people.toml").read_text(encoding="utf-8")
    twice = text + text[text.index("[[people]]") :].replace('post = "Director"', 'post = "Chair"')
    (seeds / "people.toml").write_text(twice, encoding="utf-8")
    lines = twice.splitlines()
    second = [n for n, line in enumerate(lines, 1) if line.startswith("id = ")][1]
    assert problems(seeds) == [
        f"{seeds}/people.toml:{second}: person nguyen-thi-lan: id: 'nguyen-thi-lan' is also "
        f"the id of another record at {at(seeds, 'people.toml', '[[people]]')}, which differs "
        "in affiliations; give one of them another id, or make them the same record"
    ]
    # the same record twice is one record
    (seeds / "people.toml").write_text(text + text[text.index("[[people]]") :], encoding="utf-8")
    assert [p.id for p in build(seeds).people] == ["nguyen-thi-lan"]


def test_ids_the_build_makes_from_names(seeds: Path) -> None:
    edit(seeds, "people.toml", 'id = "nguyen-thi-lan"\n', "")
    (seeds / EVENT).rename(seeds / "events" / "clean-air-2024.toml")
    edit(
        seeds,
        "events/clean-air-2024.toml",
        'id = "regional-workshop-on-clean-air-monitoring-2024"',
        "",
    )
    edit(
        seeds,
        "events/clean-air-2024.toml",
        "regional-workshop-on-clean-air-monitoring-2024-statement-1",
        "clean-air-2024-statement-1",
    )
    edit(
        seeds,
        "events/clean-air-2024.toml",
        "regional-workshop-on-clean-air-monitoring-2024-statement-1",
        "clean-air-2024-statement-1",
    )
    catalog = build(seeds)
    assert [p.id for p in catalog.people] == ["nguyen-thi-lan"]
    assert [e.id for e in catalog.events] == ["clean-air-2024"]


def test_editorial_rules_warn_and_fail_with_strict(seeds: Path) -> None:
    edit(seeds, EVENT, 'quote = "hybrid format" }', 'quote = "a hybrid format" }')
    advice: list[apt.Problem] = []
    assert build(seeds, advice=advice).events
    assert [str(p) for p in advice] == [
        f"{at(seeds, EVENT, 'a hybrid format')}: "
        "event regional-workshop-on-clean-air-monitoring-2024: evidence[4].quote: "
        "'a hybrid format' is not the tightest quote: drop the small word, space or "
        "punctuation at its ends"
    ]
    assert problems(seeds, strict=True) == [str(p) for p in advice]


@pytest.mark.parametrize("note", ["TODO", "fixme:", "TBD", "XXX", "?"])
def test_a_placeholder_note_warns_and_fails_with_strict(seeds: Path, note: str) -> None:
    """A fresh user's trial: `note = "TODO"` on a person (no reading to explain) was
    published without a word, --strict or not.  (With no reading, it may go.)"""
    edit(
        seeds,
        "people.toml",
        'honorific_prefix = "Dr."',
        f'note = "{note}"\nhonorific_prefix = "Dr."',
    )
    advice: list[apt.Problem] = []
    assert build(seeds, advice=advice).people
    assert [str(p) for p in advice] == [
        f"{at(seeds, 'people.toml', 'note = ')}: person nguyen-thi-lan: note: {note!r} is a "
        "placeholder: write what it explains, or remove it"
    ]
    assert problems(seeds, strict=True) == [str(p) for p in advice]
    edit(seeds, "people.toml", f'note = "{note}"', 'note = "fixme: check"')
    (told,) = problems(seeds, strict=True)
    assert told.endswith("'fixme: check' has a placeholder, 'fixme': write what it stands for")


_SMALL_NAMED = [  # the words of the reading rule's table that begin with a small word
    (value, words)
    for value, table in editorial._NAMED.items()
    for words in table.split("|")
    if words.startswith(editorial._LOOSE_START)
]
_WORD_SETS = {  # where the template sets (or shows) a field of each kind, cited beside it
    apt.AttendanceMode: [('attendance_mode = "hybrid"', 'attendance_mode = "{value}"')],
    apt.CountQualifier: [
        ("# count = 120", "count = 120"),
        ('# count_qualifier = "more_than"', 'count_qualifier = "{value}"'),
    ],
    bool: [("# participants_complete = false", "participants_complete = {json}")],
}
_WORD_QUOTES = {
    apt.AttendanceMode: ('quote = "hybrid format" }', 'quote = "{words}" }}'),
    apt.CountQualifier: (
        'quote = "Officials and researchers" },',
        '{0} {{ fields = ["count", "count_qualifier"], quote = "{words} 120" }},',
    ),
    bool: (
        'quote = "hybrid format" },',
        '{0} {{ fields = ["participants_complete"], quote = "{words}" }},',
    ),
}


@pytest.mark.parametrize(("value", "words"), _SMALL_NAMED, ids=[w for _, w in _SMALL_NAMED])
def test_a_quote_of_the_words_that_name_its_value_is_the_tightest(
    seeds: Path, value: object, words: str
) -> None:
    """A new user's trial: `attendance_mode = "in_person"` quoted "in person", the words
    the reading rule asks for, was told to drop the small word "in"; "person" alone was
    told it does not name the mode: --strict could not pass."""
    assert {"in person", "at least"} <= {w for _, w in _SMALL_NAMED}  # the table as read
    article = "sources/example-article.txt"
    edit(seeds, article, "in a hybrid format.", f"in a hybrid format, {words} 120.")
    for old, new in _WORD_SETS[type(value)]:
        edit(seeds, EVENT, old, new.format(value=value, json=json.dumps(value)))
    old, new = _WORD_QUOTES[type(value)]
    edit(seeds, EVENT, old, new.format(old, words=words))
    advice: list[apt.Problem] = []
    assert build(seeds, advice=advice).events
    assert [str(p) for p in advice] == []


def test_a_date_its_quotes_do_not_give_whole_is_a_reading_that_needs_a_note(
    seeds: Path,
) -> None:
    """A full date whose quotes lack its day, month or year is a reading: a warning, an
    error with --strict, and silent once a note names it (its day, not just "its day")."""
    edit(seeds, EVENT, 'quote = "June 10, 2021"', 'quote = "June"')
    advice: list[apt.Problem] = []
    assert build(seeds, advice=advice).events
    assert len(advice) == 1, advice
    where, _, message = str(advice[0]).partition(": ")
    assert where == at(seeds, EVENT, "date = 2021-06-10")
    assert message.endswith(
        "date: '2021-06-10': its quotes do not give its day, month and year: quote the "
        "rest, or say in a note that it is a reading"
    )
    assert problems(seeds, strict=True) == [str(advice[0])]
    edit(seeds, EVENT, "date = 2021-06-10", 'date = 2021-06-10\nnote = "Its day is read."')
    (told,) = problems(seeds, strict=True)
    assert told.endswith(
        "that it is a reading: the note does not name it: write “10 June” in the note"
    )
    edit(seeds, EVENT, "Its day is read.", "Its day, 10 June, is read.")
    advice.clear()
    assert build(seeds, strict=True, advice=advice).events
    assert advice == []


def built(capsys: pytest.CaptureFixture[str], seeds: Path, *flags: str) -> tuple[int, str, bool]:
    """``build`` as the user runs it: its exit status, its stderr, and whether it wrote."""
    out = seeds.parent / "out.json"
    out.unlink(missing_ok=True)
    status, _, err = cli(capsys, "build", seeds, "--out", out, *flags)
    return status, err, out.exists()


WORKSHOP = "event regional-workshop-on-clean-air-monitoring-2024"


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("start_date = 2024-03-05", "start_date = 2023-03-05", "start_date: '2023-03-05', but "
         'its quote "March 5, 2024" gives 2024'),
        ("end_date = 2024-03-05", "end_date = 2024-03-06", "end_date: '2024-03-06', but its "
         'quote "March 5, 2024" gives 5 March 2024'),  # US order: the 5 is the day
        ("end_date = 2024-03-05", "end_date = 2024-05-05", "end_date: '2024-05-05', but its "
         'quote "March 5, 2024" gives March'),
    ],
)  # fmt: skip
def test_a_date_its_quote_contradicts_is_an_error_in_every_build_that_no_note_silences(
    seeds: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, says: str
) -> None:
    edit(seeds, EVENT, old, f'{new}\nnote = "The date is read."')
    error = f"aseanplus3-events: error: {at(seeds, EVENT, new)}: {WORKSHOP}: {says}\n"
    assert built(capsys, seeds) == (1, error, False)
    assert built(capsys, seeds, "--strict") == (1, error, False)


def test_a_day_outside_its_quotes_range_is_a_contradiction_and_inside_it_is_stated(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The trial's case: "held on 18-19 September 2025" gives the days 18 and 19."""
    edit(seeds, "sources/example-article.txt", "On March 5, 2024,", "On 5-6 March 2024,")
    edit(seeds, EVENT, 'quote = "March 5, 2024"', 'quote = "5-6 March 2024"')
    edit(seeds, EVENT, "end_date = 2024-03-05", 'end_date = 2024-03-07\nnote = "The end is read."')
    says = "end_date: '2024-03-07', but its quote \"5-6 March 2024\" gives 5-6 March 2024"
    error = f"aseanplus3-events: error: {at(seeds, EVENT, 'end_date =')}: {WORKSHOP}: {says}\n"
    assert built(capsys, seeds) == (1, error, False)
    edit(seeds, EVENT, "end_date = 2024-03-07", "end_date = 2024-03-06")
    assert built(capsys, seeds, "--strict")[::2] == (0, True)


@pytest.mark.parametrize(
    ("quote", "start", "end", "wrong", "gives"),
    [
        ("30 September to 2 October 2025", "2025-09-30", "2025-10-02",
         "start_date = 2025-09-02", "30 September 2025 to 2 October 2025"),
        ("30 September - 2 October 2025", "2025-09-30", "2025-10-02",
         "end_date = 2025-10-30", "30 September 2025 to 2 October 2025"),
        ("September 30 - October 2, 2025", "2025-09-30", "2025-10-02",
         "start_date = 2025-09-02", "30 September 2025 to 2 October 2025"),  # US order
        ("30 December 2024 to 2 January 2025", "2024-12-30", "2025-01-02",
         "start_date = 2024-01-02", "30 December 2024 to 2 January 2025"),
        ("30 December to 2 January 2025", "2024-12-30", "2025-01-02",
         "end_date = 2025-12-30", "30 December 2024 to 2 January 2025"),  # its year before
    ],
)  # fmt: skip
def test_a_range_across_months_runs_from_its_first_day_to_its_last(
    seeds: Path, capsys: pytest.CaptureFixture[str], quote: str, start: str, end: str,
    wrong: str, gives: str,
) -> None:  # fmt: skip
    """A range "30 September to 2 October 2025" runs to 2 October: 2 September, or 30 October,
    is a contradiction, as a day outside a range within one month is."""
    edit(seeds, "sources/example-article.txt", "On March 5, 2024,", f"On {quote},")
    edit(seeds, EVENT, 'quote = "March 5, 2024"', f'quote = "{quote}"')
    edit(seeds, EVENT, "start_date = 2024-03-05", f"start_date = {start}")
    edit(seeds, EVENT, "end_date = 2024-03-05", f"end_date = {end}")
    assert built(capsys, seeds, "--strict")[::2] == (0, True)
    field, _, value = wrong.partition(" = ")
    edit(seeds, EVENT, f"{field} = ", f'{wrong}\nnote = "The date is read."\n# was: ')
    says = f"{field}: '{value}', but its quote \"{quote}\" gives {gives}"
    error = f"aseanplus3-events: error: {at(seeds, EVENT, wrong)}: {WORKSHOP}: {says}\n"
    assert built(capsys, seeds) == (1, error, False)


@pytest.mark.parametrize("day", ["2024-03-05", "2024-03-06"])
def test_a_sessions_day_read_out_of_the_events_range_needs_a_note_at_either_end(
    seeds: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    """The trial's case: "5-6 March 2024" gives the event's first and last days, and no
    session's day, not even the first or last (on the old code only the 22nd of "21 to
    23 October" was a reading)."""
    edit(seeds, "sources/example-article.txt", "On March 5, 2024,", "On 5-6 March 2024,")
    edit(seeds, EVENT, 'quote = "March 5, 2024"', 'quote = "5-6 March 2024"')
    edit(seeds, EVENT, "end_date = 2024-03-05", "end_date = 2024-03-06")
    edit(seeds, EVENT, "# start_date = 2024-03-05 ", f"start_date = {day} #")
    edit(seeds, EVENT, '{ fields = ["ordinal"], quote = "first session" },', '{ fields = '
         '["ordinal"], quote = "first session" },\n  { fields = ["start_date"], quote = '
         '"5-6 March 2024" },')  # fmt: skip
    status, err, written = built(capsys, seeds)
    assert (status, written) == (0, True)
    assert err.startswith(
        f"aseanplus3-events: warning: {at(seeds, EVENT, f'start_date = {day} #')}: session 1 "
        f"“Low-Cost Sensors for City Networks”: start_date: '{day}': its quotes give a "
        "range, 5-6 March 2024, not one day: quote its day, or say in a note that it is a "
        "reading\n"
    )
    assert built(capsys, seeds, "--strict")[::2] == (1, False)
    edit(seeds, EVENT, f"start_date = {day} #", f'start_date = {day}\nnote = "Its day is read." #')
    assert built(capsys, seeds, "--strict")[::2] == (1, False)  # which day?
    edit(seeds, EVENT, "Its day is read.", f"Its day, {day[-1]} March, is read.")
    assert built(capsys, seeds, "--strict")[::2] == (0, True)


def test_days_joined_by_and_are_those_days_not_the_days_between(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The trial's case: a list of dates supports each of its dates, not the days between
    them: "5 and 7 March 2024" read as 5 to 7 March took a session on the 6th as a reading."""
    edit(seeds, "sources/example-article.txt", "On March 5, 2024,", "On 5 and 7 March 2024,")
    edit(seeds, EVENT, 'quote = "March 5, 2024"', 'quote = "5 and 7 March 2024"')
    edit(seeds, EVENT, "end_date = 2024-03-05", "end_date = 2024-03-07")
    assert built(capsys, seeds, "--strict")[::2] == (0, True)
    edit(
        seeds,
        EVENT,
        "# start_date = 2024-03-05 ",
        'start_date = 2024-03-06\nnote = "Read as 6 March." #',
    )
    edit(seeds, EVENT, '{ fields = ["ordinal"], quote = "first session" },', '{ fields = '
         '["ordinal"], quote = "first session" },\n  { fields = ["start_date"], quote = '
         '"5 and 7 March 2024" },')  # fmt: skip
    says = "start_date: '2024-03-06', but its quote \"5 and 7 March 2024\" gives 5 March 2024, "
    session = "session 1 “Low-Cost Sensors for City Networks”"
    where = at(seeds, EVENT, "start_date = 2024-03-06")
    error = f"aseanplus3-events: error: {where}: {session}: {says}7 March 2024\n"
    assert built(capsys, seeds) == (1, error, False)


def test_days_between_two_dates_are_a_range(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The days from "Between 5 and 7 March 2024" are 5 to 7 March: a session on the 6th
    is a reading, which its note answers, not a contradiction no note can answer."""
    edit(seeds, "sources/example-article.txt", "On March 5, 2024,", "Between 5 and 7 March 2024,")
    edit(seeds, EVENT, 'quote = "March 5, 2024"', 'quote = "Between 5 and 7 March 2024"')
    edit(seeds, EVENT, "end_date = 2024-03-05", "end_date = 2024-03-07")
    edit(
        seeds,
        EVENT,
        "# start_date = 2024-03-05 ",
        'start_date = 2024-03-06\nnote = "Read as 6 March." #',
    )
    edit(seeds, EVENT, '{ fields = ["ordinal"], quote = "first session" },', '{ fields = '
         '["ordinal"], quote = "first session" },\n  { fields = ["start_date"], quote = '
         '"Between 5 and 7 March 2024" },')  # fmt: skip
    assert built(capsys, seeds, "--strict")[::2] == (0, True)


def with_figures(seeds: Path) -> None:
    """The template with an edition and an attendance count, quoted from a new sentence."""
    path = seeds / "sources" / "example-article.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe fourth workshop drew more "
                    "than 80 people.\n", encoding="utf-8")  # fmt: skip
    edit(seeds, EVENT, "# edition = 3 ", 'edition = 4\nnote = "Its series is not named." #')
    edit(seeds, EVENT, '{ fields = ["status"]', '{ fields = ["edition"], quote = "fourth '
         'workshop" },\n  { fields = ["status"]')  # fmt: skip
    edit(seeds, EVENT, "# count = 120 ", 'count = 80\ncount_qualifier = "more_than" #')
    edit(seeds, EVENT, '{ fields = ["label"], quote = "Officials and researchers" },',
         '{ fields = ["label"], quote = "Officials and researchers" },\n  '
         '{ fields = ["count", "count_qualifier"], quote = "more than 80 people" },')  # fmt: skip


def test_a_number_its_quotes_contradict_is_an_error_in_every_build(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Edition, attendance count (with its qualifier), a reference's period and an
    organization's founding year, each against the numbers its quote states."""
    with_figures(seeds)
    assert built(capsys, seeds, "--strict")[::2] == (0, True)  # "more than 80" is 80
    edit(seeds, EVENT, "edition = 4", "edition = 5")
    edit(seeds, EVENT, "count = 80", "count = 90")
    edit(seeds, EVENT, "period_start = 2021", "period_start = 2020")
    edit(seeds, "organizations.toml", "founded = 2015", "founded = 2014")
    status, err, written = built(capsys, seeds)
    assert (status, written) == (1, False)
    assert err.splitlines()[1:] == [
        f"  {at(seeds, EVENT, 'edition = 5')}: {WORKSHOP}: edition: 5, but its quote "
        '"fourth workshop" gives 4',
        f"  {at(seeds, EVENT, 'count = 90')}: attendance 1 “Officials and researchers”: "
        'count: 90, but its quote "more than 80 people" gives 80',
        f"  {at(seeds, EVENT, 'period_start')}: reference 1 “Example Clean Air Roadmap "
        '(2021-2025)”: period_start: 2020, but its quote "Example Clean Air Roadmap '
        '(2021-2025)" gives 2021-2025',
        f"  {at(seeds, 'organizations.toml', 'founded')}: organization "
        'example-clean-air-network: founded: 2014, but its quote "Example Clean Air '
        'Network, founded in 2015" gives 2015',
    ]


ROADMAP = "reference 1 “Example Clean Air Roadmap (2021-2025)”"


def signed_in_2021(seeds: Path, dated: str) -> None:
    """The template's roadmap, "signed in 2021" (no day, no month), dated by ``dated``
    (``year = 2021``), its quote cited for that field."""
    edit(seeds, "sources/example-article.txt", "adopted on June 10, 2021", "signed in 2021")
    edit(seeds, EVENT, '["date"], quote = "June 10, 2021"', f'["{dated.split()[0]}"], quote = '
         '"signed in 2021"')  # fmt: skip
    edit(seeds, EVENT, "date = 2021-06-10", dated)


def test_a_day_for_a_reference_its_quotes_give_the_year_of_is_an_error_no_note_answers(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The trial's case: "signed in 2002" published as 2002-01-01 in every table, `show`,
    Datasette and JSON-LD, a day and month no source states, with only a note to say so."""
    signed_in_2021(seeds, 'date = 2021-01-01\nnote = "The source gives the year only."')
    says = ("date: '2021-01-01', but its quote \"signed in 2021\" gives its year alone: write "
            "year = 2021 in place of the date")  # fmt: skip
    where = at(seeds, EVENT, "date = 2021-01-01")
    error = f"aseanplus3-events: error: {where}: {ROADMAP}: {says}\n"
    assert built(capsys, seeds) == (1, error, False)
    assert built(capsys, seeds, "--strict") == (1, error, False)


def test_a_reference_dated_by_its_year_alone_reaches_every_export_as_a_year(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import duckdb
    import frictionless
    import rdflib

    from aseanplus3_events.exports.parquet import write_parquet
    from aseanplus3_events.exports.sqlite import write_sqlite
    from aseanplus3_events.exports.tables import write_datapackage

    signed_in_2021(seeds, "year = 2021")
    out = seeds.parent / "out.json"
    assert built(capsys, seeds, "--strict") == (0, f"wrote {out} (1 event)\n", True)  # no warning
    ds = apt.load_dataset(out)
    event = ds.get_event()
    (roadmap,) = event.references
    assert (roadmap.year, roadmap.date) == (2021, None)
    folder = seeds.parent / "exports"
    write_parquet(folder / "parquet", ds)
    year = "SELECT year, date, typeof(year) FROM '{}'".format(folder / "parquet/references.parquet")
    assert duckdb.sql(year).fetchall() == [(2021, None, "BIGINT")]
    package = frictionless.Package(str(write_datapackage(folder / "package", ds)))
    assert package.get_resource("references").schema.get_field("year").type == "integer"
    (row,) = package.get_resource("references").read_rows()
    assert (row["year"], row["date"]) == (2021, None)
    db = write_sqlite(folder / "events.db", ds)
    year = 'SELECT year, typeof(year), date FROM "references"'
    assert sqlite3.connect(db).execute(year).fetchall() == [(2021, "integer", None)]
    graph = rdflib.Graph().parse(data=json.dumps(apt.to_jsonld(event, ds)), format="json-ld")
    (dated,) = graph.objects(None, rdflib.URIRef("http://schema.org/temporal"))
    assert (str(dated), dated.datatype) == ("2021", rdflib.XSD.gYear)  # type: ignore[attr-defined]


def test_a_year_its_quote_contradicts_is_an_error_in_every_build(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed_in_2021(seeds, 'year = 2020\nnote = "The year is read."')
    says = 'year: 2020, but its quote "signed in 2021" gives 2021'
    error = f"aseanplus3-events: error: {at(seeds, EVENT, 'year = 2020')}: {ROADMAP}: {says}\n"
    assert built(capsys, seeds) == (1, error, False)


def test_a_reference_given_a_date_and_a_year_is_an_error(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(seeds, EVENT, "date = 2021-06-10", "date = 2021-06-10\nyear = 2021")
    edit(seeds, EVENT, '["date"], quote', '["date", "year"], quote')
    says = (
        "year: 2021 and date 2021-06-10: give one, the date where its day is stated, else the year"
    )
    error = f"aseanplus3-events: error: {at(seeds, EVENT, 'year = 2021')}: {ROADMAP}: {says}\n"
    assert built(capsys, seeds) == (1, error, False)


@pytest.mark.parametrize("written", ["exactly", "about", "up_to"])
def test_a_count_qualifier_its_quotes_words_contradict_is_an_error_in_every_build(
    seeds: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """The trial's case: "exactly 150 delegates" published for "More than 150 delegates".
    The words before the number ("more than", "over", "about" ...) give the qualifier."""
    with_figures(seeds)
    edit(seeds, EVENT, 'count_qualifier = "more_than"', f'count_qualifier = "{written}"\n'
         'note = "The qualifier is read."')  # fmt: skip
    says = f"count_qualifier: '{written}', but its quote \"more than 80 people\" gives 'more_than'"
    where = at(seeds, EVENT, f'count_qualifier = "{written}"')
    error = f"aseanplus3-events: error: {where}: attendance 1 “Officials and researchers”: {says}\n"
    assert built(capsys, seeds) == (1, error, False)
    assert built(capsys, seeds, "--strict") == (1, error, False)


def with_mode(seeds: Path, mode: str, quote: str) -> str:
    """The template's attendance with ``attendance_mode = mode`` cited to ``quote``, from a
    new sentence of the article; the line that gives the mode."""
    path = seeds / "sources" / "example-article.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nMost attended in person, and "
                    "others joined online.\n", encoding="utf-8")  # fmt: skip
    written = f'attendance_mode = "{mode}"  # of the attendance'
    edit(seeds, EVENT, '# attendance_mode = "in_person" ', f"{written}\n#")
    edit(seeds, EVENT, '{ fields = ["label"], quote = "Officials and researchers" },',
         '{ fields = ["label"], quote = "Officials and researchers" },\n  '
         f'{{ fields = ["attendance_mode"], quote = "{quote}" }},')  # fmt: skip
    return at(seeds, EVENT, written)


@pytest.mark.parametrize(
    ("mode", "quote", "gives"),
    [
        ("online", "attended in person", "in_person"),  # the trial's case
        ("hybrid", "attended in person", "in_person"),
        ("in_person", "joined online", "online"),
        ("hybrid", "joined online", "online"),
    ],
)
def test_an_attendance_mode_its_quotes_words_contradict_is_an_error_in_every_build(
    seeds: Path, capsys: pytest.CaptureFixture[str], mode: str, quote: str, gives: str
) -> None:
    """The trial's case: `attendance_mode = "online"` cited to "attended in person" built.
    A quote that names only one mode contradicts the others, and no note silences it."""
    edit(seeds, EVENT, 'label = "Officials and researchers"', 'note = "The mode is read."\n'
         'label = "Officials and researchers"')  # fmt: skip
    where = with_mode(seeds, mode, quote)
    says = f"attendance_mode: '{mode}', but its quote \"{quote}\" gives '{gives}'"
    error = f"aseanplus3-events: error: {where}: attendance 1 “Officials and researchers”: {says}\n"
    assert built(capsys, seeds) == (1, error, False)
    assert built(capsys, seeds, "--strict") == (1, error, False)


def test_an_event_attendance_mode_that_a_hybrid_quote_contradicts_is_an_error(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(seeds, EVENT, 'attendance_mode = "hybrid"', 'attendance_mode = "online"')
    says = "attendance_mode: 'online', but its quote \"hybrid format\" gives 'hybrid'"
    where = at(seeds, EVENT, 'attendance_mode = "online"')
    assert built(capsys, seeds) == (1, f"aseanplus3-events: error: {where}: {WORKSHOP}: {says}\n",
                                    False)  # fmt: skip


@pytest.mark.parametrize(
    ("mode", "quote"),
    [
        ("in_person", "attended in person"),
        ("online", "joined online"),
        ("hybrid", "attended in person, and others joined online"),  # words of both
        ("online", "attended in person, and others joined online"),  # names online too
    ],
)
def test_an_attendance_mode_its_quotes_words_name_builds(
    seeds: Path, capsys: pytest.CaptureFixture[str], mode: str, quote: str
) -> None:
    """The seminar's "hybrid format, combining online and offline participation" (hybrid)
    builds, as the template's "hybrid format" does."""
    with_mode(seeds, mode, quote)
    assert built(capsys, seeds, "--strict")[::2] == (0, True)


SAID = "workshops and a round table will be held at the Clean Air Conference"


@pytest.mark.parametrize(
    ("field", "value", "gives"),
    [
        ("kind", "forum", "'conference', 'roundtable', 'workshop'"),
        ("status", "cancelled", "'held', 'scheduled'"),
        ("status", "postponed", "'held', 'scheduled'"),
        ("kind", "conference", None),  # "a workshop at the conference" names both
        ("kind", "roundtable", None),
        ("status", "scheduled", None),
        ("status", "held", None),  # "will be held" names held's word too
    ],
)
def test_a_kind_or_status_its_quotes_words_contradict_is_an_error_in_every_build(
    seeds: Path, capsys: pytest.CaptureFixture[str], field: str, value: str, gives: str | None
) -> None:
    """The trial's cases: `status = "cancelled"` cited to "held virtually on 5 and 6 March
    2025", `kind = "conference"` to "Online Workshop", built. A quote naming some kinds
    (statuses) but not the record's contradicts it, and no note silences it."""
    path = seeds / "sources" / "example-article.txt"
    path.write_text(path.read_text(encoding="utf-8") + f"\nTwo more {SAID}.\n", encoding="utf-8")
    edit(seeds, EVENT, '["name", "kind"]', '["name"]')
    edit(seeds, EVENT, 'id = "regional', 'note = "The kind and status are read."\nid = "regional')
    edit(seeds, EVENT, '{ fields = ["status"], quote = "held", prefix = "was " }',
         f'{{ fields = ["kind", "status"], quote = "{SAID}" }}')  # fmt: skip
    written = f'{field} = "{value}"'
    edit(seeds, EVENT, {"kind": 'kind = "workshop"', "status": 'status = "held"'}[field], written)
    if gives is None:
        assert built(capsys, seeds, "--strict")[::2] == (0, True)
        return
    says = f"{field}: '{value}', but its quote \"{SAID}\" gives {gives}"
    error = f"aseanplus3-events: error: {at(seeds, EVENT, written)}: {WORKSHOP}: {says}\n"
    assert built(capsys, seeds) == (1, error, False)
    assert built(capsys, seeds, "--strict") == (1, error, False)


#: The field each worded vocabulary, and the one true/false fact, is written in.
WORDED = {apt.CountQualifier: "count_qualifier", apt.AttendanceMode: "attendance_mode",
          apt.EventKind: "kind", apt.EventStatus: "status",
          bool: "participants_complete"}  # fmt: skip
NAMING = {  # the template's line for each field, and the evidence that cites it there
    "count_qualifier": ("# count = 120 ", '{ fields = ["label"], quote = "Officials and '
                        'researchers" },'),
    "attendance_mode": ('attendance_mode = "hybrid"', '{ fields = ["attendance_mode"], quote '
                        '= "hybrid format" },'),
    "kind": ('kind = "workshop"', 'Monitoring", suffix = " was" },'),
    "status": ('status = "held"', '{ fields = ["status"], quote = "held", prefix = "was " },'),
    "participants_complete": ("# participants_complete = false ", '{ fields = ["start_date", '
                              '"end_date"], quote = "March 5, 2024" },'),
}  # fmt: skip


def words(value: object) -> list[str]:
    """The words the seeds guide's table (``editorial._NAMED``) says name ``value``."""
    return editorial._NAMED[value].split("|")


def naming(seeds: Path, value: object, quote: str) -> str:
    """The template with ``value`` in its field, cited to ``quote`` alone (a new sentence
    of the article, "80" its count where it is a count's qualifier); the value's line."""
    field = WORDED[type(value)]
    path = seeds / "sources" / "example-article.txt"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{quote}.\n", encoding="utf-8")
    line, cited = NAMING[field]
    written = f"{field} = {json.dumps(value if type(value) is bool else str(value))}"
    if field == "kind":  # the name names the kind too: cite it for the name alone
        edit(seeds, EVENT, '["name", "kind"]', '["name"]')
    edit(seeds, EVENT, line, f"count = 80\n{written}\n#" if "count" in line else f"{written}\n#")
    fields = '"count", "count_qualifier"' if "count" in line else f'"{field}"'
    cited_too = cited * (field not in cited)  # the evidence that cited it goes
    edit(seeds, EVENT, cited, f'{cited_too}\n  {{ fields = [{fields}], quote = "{quote}" }},')
    return written


def other_word(value: object) -> str:
    """A word that names another value of the vocabulary, and not ``value``."""
    others = [k for k in editorial._NAMED if type(k) is type(value) and k != value]
    return next(w for k in others for w in words(k) if not any(v in w for v in words(value)))


WORDED_VALUES = [v for t in WORDED for v in ([False, True] if t is bool else t)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "quote", "strict"),
    [  # a check's cases: each built wrongly (an error, or a reading let through)
        (apt.CountQualifier.EXACTLY, "Footnote 80 people from over 20 countries", 0),
        (apt.CountQualifier.EXACTLY, "Footnote about 40 speakers and 80 people", 0),
        (apt.CountQualifier.EXACTLY, "Footnote more\u00a0than 80 people", 1),
        (True, "Footnote all 80 people agreed", 1),  # a reading, not a statement
        (True, "Footnote the only 80 people", 1),
        (False, "Footnote 80 people included officials from all ten countries", 0),
        (apt.EventStatus.SCHEDULED, "Footnote 80 people: it is to be held", 0),
        (apt.AttendanceMode.HYBRID, "Footnote 80 people on site, with others joining online", 0),
        (apt.AttendanceMode.HYBRID, "Footnote 80 people in\u00a0person and online", 0),
        (apt.AttendanceMode.IN_PERSON, "Footnote 80 people attended physically", 0),
        (apt.EventKind.ROUNDTABLE, "Footnote 80 people at a round-table", 0),  # a user's trial
        (apt.CountQualifier.ABOUT, "Footnote approximately 80 people", 0),
    ],
    ids=str,
)
def test_the_words_name_values_as_an_article_writes_them(
    seeds: Path, capsys: pytest.CaptureFixture[str], value: object, quote: str, strict: int
) -> None:
    """A new user's articles: a qualifier's words before another number, a no-break space
    inside the words, "all" naming a whole list, "is to be held", "on site", "included"."""
    naming(seeds, value, quote)
    assert built(capsys, seeds, "--strict")[::2] == (strict, not strict)


def test_a_count_with_no_qualifier_its_quote_qualifies_is_an_error_in_every_build(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new user's case: `count = 150` cited to "More than 150 participants", with no
    `count_qualifier`, built with --strict and was shown and published as exactly 150."""
    path = seeds / "sources" / "example-article.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nMore than 120 people came.\n", "utf-8")
    edit(seeds, EVENT, "# count = 120 ", "count = 120 #")
    edit(seeds, EVENT, '{ fields = ["label"], quote = "Officials and researchers" },',
         '{ fields = ["label"], quote = "Officials and researchers" },\n'
         '  { fields = ["count"], quote = "More than 120 people" },')  # fmt: skip
    for strict in ((), ("--strict",)):
        status, err, wrote = built(capsys, seeds, *strict)
        assert (status, wrote) == (1, False)
        assert "count_qualifier: 'exactly', but its quote \"More than 120 people\" gives " \
               "'more_than'" in err  # fmt: skip


@pytest.mark.parametrize("value", WORDED_VALUES, ids=str)
def test_a_worded_value_or_a_true_false_fact_its_quote_names_is_stated(
    seeds: Path, capsys: pytest.CaptureFixture[str], value: object
) -> None:
    """A quote with a word the seeds guide's table gives the value (a qualifier's, as its
    definition gives it, before the number) builds with --strict, and needs no note."""
    for word in words(value) if value != "exactly" else [""]:  # "80 people": exactly 80
        with_word = seeds.parent / f"with-{word}"
        shutil.copytree(seeds, with_word)
        naming(with_word, value, f"Footnote {word} 80 people".replace("  ", " "))
        assert built(capsys, with_word, "--strict")[::2] == (0, True), word


@pytest.mark.parametrize("value", [v for v in WORDED_VALUES if v != "exactly"], ids=str)
def test_a_worded_value_or_a_true_false_fact_no_quote_names_is_a_reading_that_needs_a_note(
    seeds: Path, capsys: pytest.CaptureFixture[str], value: object
) -> None:
    """The trial's cases: `attendance_mode = "in_person"` cited to the event's title, and
    `participants_complete = true` to "concluded", built with --strict. A quote with no
    word of the value's vocabulary is a reading: a warning that lists the words that name
    it, an error with --strict, silent once a note names the value or the field ("Read
    from the article." does not)."""
    written = naming(seeds, value, "Footnote 80 people")
    status, err, wrote = built(capsys, seeds)
    assert (status, wrote) == (0, True)
    warning, _ = err.split("\n", 1)
    field = WORDED[type(value)]
    assert warning.startswith(f"aseanplus3-events: warning: {at(seeds, EVENT, written)}: ")
    assert f": {field}: " in warning
    assert warning.endswith("or say in a note that it is a reading")
    assert [w for w in words(value) if f'"{w}"' not in warning] == []
    assert ("or words of both modes" in warning) == (value == apt.AttendanceMode.HYBRID)
    if type(value) is apt.CountQualifier:  # the words are its definition's
        assert [w for w in words(value) if f"“{w}" not in value.definition] == []
    assert built(capsys, seeds, "--strict")[::2] == (1, False)
    edit(seeds, EVENT, written, f'{written}\nnote = "Read from the article."')
    status, err, _ = built(capsys, seeds, "--strict")
    assert status == 1
    assert ": the note does not name it: write “" in err
    named = field.replace("_", " ") if type(value) is bool else str(value).replace("_", " ")
    edit(seeds, EVENT, "Read from the article.", f"Read as {named.upper()} from the article.")
    assert built(capsys, seeds, "--strict")[::2] == (0, True)


@pytest.mark.parametrize("value", WORDED_VALUES, ids=str)
def test_a_worded_value_or_a_true_false_fact_its_quote_names_another_of_is_an_error(
    seeds: Path, capsys: pytest.CaptureFixture[str], value: object
) -> None:
    """A quote that names only another value contradicts it ("including" for
    `participants_complete = true`): an error in every build, that no note silences."""
    word = other_word(value) if value != "exactly" else words(apt.CountQualifier.ABOUT)[0]
    written = naming(seeds, value, f"Footnote {word} 80 people")
    edit(seeds, EVENT, written, f'{written}\nnote = "Read from the article."')
    for flags in ((), ("--strict",)):
        status, err, wrote = built(capsys, seeds, *flags)
        assert (status, wrote) == (1, False)
        assert err.startswith(f"aseanplus3-events: error: {at(seeds, EVENT, written)}: ")
        assert "but its quote" in err
        assert err.count("\n") == 1


def test_a_day_its_quotes_give_as_a_range_is_a_reading_that_says_the_range(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The trial's case: a reference dated 2025-11-09 by "from 9 to 11 November 2025" was
    told its quotes do not give its day, month and year; they give a range."""
    edit(seeds, "sources/example-article.txt", "on June 10, 2021", "from 9 to 11 November 2025")
    edit(seeds, EVENT, 'quote = "June 10, 2021"', 'quote = "from 9 to 11 November 2025"')
    edit(seeds, EVENT, "date = 2021-06-10", "date = 2025-11-09")
    status, err, wrote = built(capsys, seeds)
    assert (status, wrote) == (0, True)
    assert err.startswith(
        f"aseanplus3-events: warning: {at(seeds, EVENT, 'date = 2025-11-09')}: {ROADMAP}: "
        "date: '2025-11-09': its quotes give a range, 9-11 November 2025, not one day: "
        "quote its day, or say in a note that it is a reading\n"
    )


def test_evidence_naming_a_field_with_no_value_is_an_error(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The trial's case: the attendance's `label` deleted and its evidence kept, so the
    published evidence said its quote supports a label that is empty."""
    edit(seeds, EVENT, 'label = "Officials and researchers"  #', "#")
    where = at(seeds, EVENT, '{ fields = ["label"]')
    says = "evidence[0].fields: 'label' has no value: give it one, or take it out of fields"
    error = f"aseanplus3-events: error: {where}: attendance 1: {says}\n"
    assert built(capsys, seeds, "--strict") == (1, error, False)


def test_a_quote_found_twice_names_the_command_that_shows_each_place(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command in the message lists the quote's places, each with the prefix or
    suffix that picks it (it said `quote FILE WORDS`, a literal WORDS)."""
    name = "Regional Workshop on Clean Air Monitoring"
    edit(seeds, EVENT, f'quote = "{name}", suffix = " was" }}', f'quote = "{name}" }}')
    (line,) = problems(seeds)
    command = f"aseanplus3-events quote {seeds}/sources/example-article.txt '{name}'"
    assert line.endswith("add a prefix or suffix that picks one (see: " + command + ")")
    status, out, _ = cli(capsys, *shlex.split(command)[1:])
    assert status == 0
    assert f'quote = "{name}", prefix = "the " }}' in out  # the one in the text


def test_an_ordinal_no_evidence_names_says_how_to_cite_it(seeds: Path) -> None:
    """The build counts a session's ordinal; the guide says not to write it, so the
    message says how to cite it instead."""
    edit(seeds, EVENT, '  { fields = ["ordinal"], quote = "first session" },\n', "")
    (line,) = problems(seeds)
    assert line.endswith(
        'ordinal: 1: has a value but no evidence names this field: add "ordinal" to the '
        "fields of the quote that places it"
    )


def test_a_number_its_quotes_do_not_state_is_a_reading_that_needs_a_note(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(seeds, EVENT, "# count = 120 ", "count = 120 #")
    edit(seeds, EVENT, 'fields = ["label"], quote = "Officials and researchers"',
         'fields = ["label", "count"], quote = "Officials and researchers"')  # fmt: skip
    status, err, written = built(capsys, seeds)
    assert (status, written) == (0, True)
    assert err.startswith(
        f"aseanplus3-events: warning: {at(seeds, EVENT, 'count = 120')}: attendance 1 "
        "“Officials and researchers”: count: 120: its quotes do not give its number: quote "
        "the rest, or say in a note that it is a reading\n"
    )
    assert built(capsys, seeds, "--strict")[::2] == (1, False)
    edit(seeds, EVENT, "count = 120 #", 'count = 120\nnote = "Read from the photo." #')
    assert built(capsys, seeds, "--strict")[::2] == (1, False)
    edit(seeds, EVENT, "Read from the photo.", "The count is read from the photo.")
    assert built(capsys, seeds, "--strict")[::2] == (0, True)


@pytest.mark.parametrize(
    ("name", "old", "new", "line"),
    [  # a new user's trial: the place's country, cited by a quote that names only the city
        (EVENT, '"Hanoi, Viet Nam" }', '"Hanoi", prefix = "was held in " }', "location = {"),
        ("organizations.toml", 'kind = "institute"\nevidence = [\n  { fields = ["name", "kind"',
         'kind = "institute"\ncountry="VN"\nevidence = [\n  { fields = ["name", "kind", "country"',
         'country="VN"'),
    ],
)  # fmt: skip
def test_a_country_no_quote_names_is_a_reading_that_needs_a_note(
    seeds: Path, name: str, old: str, new: str, line: str
) -> None:
    edit(seeds, name, old, new)
    advice: list[apt.Problem] = []
    assert build(seeds, advice=advice).events
    (problem,) = map(str, advice)
    field = "location.address_country" if name == EVENT else "country"
    assert problem.startswith(f"{at(seeds, name, line)}: ")
    assert problem.endswith(
        f": {field}: 'VN': its quotes do not name the country (catalog.toml names it "
        "'Viet Nam'): quote a name, or say in a note that it is a reading"
    )
    assert problems(seeds, strict=True) == [problem]
    edit(seeds, name, line, f'note = "The city is Hanoi."\n{line}')  # it names no country
    (told,) = problems(seeds, strict=True)
    assert told.endswith("a reading: the note does not name it: write “Viet Nam” in the note")
    edit(seeds, name, "The city is Hanoi.", "Hanoi is in Viet Nam.")
    assert build(seeds, strict=True).events


@pytest.mark.parametrize(
    ("written", "alternate", "named"),
    [
        ("Hanoi, VIỆT NAM", False, True),  # its name, in any case and with accents
        ("Hanoi, VN", False, True),  # its code, a word in capitals
        ("Hanoi, Vietnam", False, False),  # a name catalog.toml does not give it
        ("Hanoi, Vietnam", True, True),  # until it does
    ],
)
def test_a_country_its_quotes_name_by_any_of_its_names_or_its_code_needs_no_note(
    seeds: Path, written: str, alternate: bool, named: bool
) -> None:
    edit(seeds, "sources/example-article.txt", "Hanoi, Viet Nam", written)
    edit(seeds, EVENT, '"Hanoi, Viet Nam"', f'"{written}"')
    if alternate:
        cited = '{ fields = ["alternate_names"], source = "example-article", quote = "Vietnam" }'
        entry = f'alternate_names = ["Vietnam"]\nevidence = [{cited}]\n'
        edit(seeds, "catalog.toml", 'name = "Viet Nam"\n', f'name = "Viet Nam"\n{entry}')
    advice: list[apt.Problem] = []
    assert build(seeds, advice=advice).events
    told = [p.message.split(": ", 1)[1] for p in advice]  # after the code, 'VN'
    assert told == ([] if named else [
        "its quotes do not name the country (catalog.toml names it 'Viet Nam'): quote a name, "
        "or say in a note that it is a reading"
    ])  # fmt: skip


def test_an_unknown_country_in_seeds_says_where_to_list_it_and_in_a_file_does_not(
    seeds: Path, tmp_path: Path
) -> None:
    """A new user's trial: "unknown country 'ID'" named no way forward in a build."""
    document = build(seeds).model_dump(mode="json")
    edit(seeds, EVENT, 'country = "CN"', 'country = "ID"')
    where = at(seeds, EVENT, 'country = "ID"')
    assert problems(seeds) == [
        f"{where}: participant group 3 “China”: country: unknown "
        "country 'ID': list it under [[countries]] in catalog.toml, with its name and source_id"
    ]
    edit(seeds, EVENT, 'country = "ID"', 'country = "CM"')  # close to one listed
    assert problems(seeds)[0].endswith(
        "country: unknown country 'CM'; did you mean 'CN'? Or list it under [[countries]] in "
        "catalog.toml, with its name and source_id"
    )
    document["events"][0]["participants"][2]["country"] = "ID"
    (tmp_path / "mine.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(apt.DatasetError) as caught:
        apt.load_dataset(tmp_path / "mine.json")
    assert [p.message for p in caught.value.problems] == ["unknown country 'ID'"]


@pytest.mark.parametrize("written", ["2025-09-31", '"2025-09-31"'])
def test_a_day_its_month_lacks_is_named_not_called_a_format_problem(
    seeds: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    edit(seeds, EVENT, "end_date = 2024-03-05", f"end_date = {written}")
    status, err, out = built(capsys, seeds)
    assert (status, out) == (1, False)
    assert err.startswith(f"aseanplus3-events: error: {at(seeds, EVENT, 'end_date = ')}: ")
    assert err.endswith("2025-09-31: September 2025 has 30 days\n")
    assert "YYYY-MM-DD" not in err


@pytest.mark.parametrize("note", ["Read as VN", "The country is read from Hanoi", "In VIỆT NAM"])
def test_a_note_names_a_country_reading_by_its_code_the_field_or_a_name(
    seeds: Path, note: str
) -> None:
    edit(seeds, EVENT, '"Hanoi, Viet Nam" }', '"Hanoi", prefix = "was held in " }')
    assert len(problems(seeds, strict=True)) == 1
    edit(seeds, EVENT, "location = {", f'note = "{note}"\nlocation = {{')
    assert build(seeds, strict=True).events


def test_a_note_explains_only_the_readings_it_names(seeds: Path) -> None:
    """A user's trial: `note = "TODO"` on a contribution silenced both its readings (a
    quote that starts with "She", a role no quote names) under --strict, and a note on
    the pronoun silenced the role too.  A placeholder is told first, and its readings as
    without a note: it was also told to "write “She” in it", as if "TODO" could name her."""
    edit(seeds, EVENT, 'role = "chair"', 'role = "opening_remarks"')  # "chaired by"
    she = "“She” is Nguyễn Thị Lan, named in the sentence before."
    edit(seeds, EVENT, she, "TODO")
    where = f"{at(seeds, EVENT, 'TODO')}: session 1, contribution 1 "
    where += "“nguyen-thi-lan”: note: 'TODO': "
    assert problems(seeds, strict=True) == [
        f"{where[:-2]} is a placeholder: write what it explains",
        f"{where}a quote starts with a pronoun, 'She': say in a note who or what it is: "
        "write “She” in the note",
        f"{where}no quote names the role 'opening_remarks': say in a note that it is a reading: "
        "write “opening remarks” in the note",
    ]
    edit(seeds, EVENT, "TODO", she)  # the pronoun's note: the role is still unexplained
    (role,) = problems(seeds, strict=True)
    assert "no quote names the role 'opening_remarks'" in role
    edit(seeds, EVENT, she, f"{she} “Chaired by” is read as opening remarks.")
    assert build(seeds, strict=True).events
    edit(seeds, EVENT, "as opening remarks", "as her role")  # the field names it too
    assert build(seeds, strict=True).events


SHE = "“She” is Nguyễn Thị Lan, named in the sentence before."


@pytest.mark.parametrize(
    ("note", "told"),
    [("TODO", "'TODO' is a placeholder: write what it explains"),
     ("FIXME: ?", "'FIXME: ?' is a placeholder: write what it explains"),
     (f"TODO: {SHE}", f"{'TODO: ' + SHE!r} has a placeholder, 'TODO': write what it stands for"),
     (f"{SHE} TODO", f"{SHE + ' TODO'!r} has a placeholder, 'TODO': write what it stands for"),
     (f"{SHE} XXX check", f"{SHE + ' XXX check'!r} has a placeholder, 'XXX': write what it "
      "stands for")],
)  # fmt: skip
def test_a_placeholder_in_a_note_a_pronoun_needs_is_told_with_what_to_name(
    seeds: Path, note: str, told: str
) -> None:
    """A fresh user's trial: `note = "TODO"` where a quote starts with "They" was told to
    remove the note, which the pronoun needs, and the pronoun's warning lost its "write
    “They” in the note"; "TODO: They are ..." was told the pronoun as if unnamed, and
    "They are .... TODO" not told at all."""
    edit(seeds, EVENT, SHE, note)
    where = f"{at(seeds, EVENT, 'note = ')}: session 1, contribution 1 “nguyen-thi-lan”: note: "
    pronoun = "a quote starts with a pronoun, 'She': say in a note who or what it is: "
    named = "She" in note  # read as written: a note that names "She" answers the pronoun
    assert problems(seeds, strict=True) == [
        where + told,
        *[f"{where}{note!r}: {pronoun}write “She” in the note"] * (not named),
    ]


def test_a_note_a_record_lacks_is_asked_for_at_its_own_line_not_a_sub_tables(
    seeds: Path,
) -> None:
    """A rule asking a session for a note points at the session, not at the ``note`` of
    a contribution below it (a sub-table, whose keys follow the session's own)."""
    quote = "She presented the results of a two-year sensor pilot"
    ordinal = '{ fields = ["ordinal"], quote = "first session" },'
    edit(seeds, EVENT, ordinal, f'{ordinal}\n  {{ fields = ["title"], quote = "{quote}" }},')
    advice: list[apt.Problem] = []
    build(seeds, advice=advice)
    pronoun = [str(p) for p in advice if "pronoun" in p.message]
    assert len(pronoun) == 1, advice
    assert pronoun[0].startswith(f"{at(seeds, EVENT, '[[sessions]]')}: session 1 ")


def test_a_record_inside_a_session_is_named_with_its_session(seeds: Path) -> None:
    """A session's contribution is told as ``session 1, contribution 1``: "contribution 1"
    alone reads as the event's own first contribution (a third new user's trial)."""
    edit(seeds, EVENT, 'note = "“She” is Nguyễn Thị Lan, named in the sentence before."', "")
    advice: list[apt.Problem] = []
    build(seeds, advice=advice)
    (pronoun,) = [str(p) for p in advice if "pronoun" in p.message]
    assert ": session 1, contribution 1 “nguyen-thi-lan”: note: " in pronoun


def test_the_bundled_seeds_pass_the_editorial_rules() -> None:
    assert editorial.problems(apt.default_dataset().catalog, bundled=True) == []
    assert build(ROOT / "seeds", strict=True, bundled=True) == apt.default_dataset().catalog
    assert build(TEMPLATE, strict=True).events  # and the template


def test_your_events_beside_ours_and_a_clash(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "both.json"
    status, _, err = cli(capsys, "build", seeds, "--beside", "bundled", "--out", out)
    events = len(apt.list_events()) + 1  # the bundled ones and the example's
    assert (status, err) == (0, f"wrote {out} ({events} events)\n")
    assert len(apt.load_dataset(out).list_events()) == events
    other = tmp_path / "theirs"
    assert cli(capsys, "init", other)[0] == 0
    edit(other, "organizations.toml", "founded = 2015", "founded = 2016")
    edit(other, "sources/example-article.txt", "founded in 2015", "founded in 2016")
    edit(
        other,
        "organizations.toml",
        'quote = "Example Clean Air Network, founded in 2015"',
        'quote = "Example Clean Air Network, founded in 2016"',
    )
    status, _, err = cli(capsys, "build", seeds, other, "--out", out)
    assert status == 1
    assert "my-seeds/catalog.toml" in err
    assert "'example-article' is also the id of another record at" in err


def test_exports_take_the_dataset_a_record_comes_from(seeds: Path, tmp_path: Path) -> None:
    ds = apt.Dataset(build(seeds))
    event = ds.get_event()
    doc = apt.to_jsonld(event, ds)
    assert doc["organizer"]["organizer"]["name"] == "Example Clean Air Network"
    with pytest.raises(ValueError, match="not in the bundled dataset") as caught:
        apt.to_jsonld(event)
    assert "apt.to_jsonld(event, dataset)" in str(caught.value)
    with pytest.raises(ValueError, match="not in the dataset given"):
        apt.to_jsonld(apt.get_event(), ds)


# --- no seed, however broken, ends in a traceback -------------------------------------

EXAMPLES = int(os.environ.get("APT_EXAMPLES", "25"))
LITERALS = [
    "1", "-1", "0.5", "nan", "inf", "true", '""', '" x "', '"Bad Id"', '"\\u0000"',
    "2024-03-05", "1979-05-27T07:32:00Z", "07:32:00", "[]", '[1, "a"]', "{ a = 1 }",
    '["regional-workshop-on-clean-air-monitoring-2024-statement-9"]', '"example-article"',
    '"iso-3166-1"', '"XX"', '"club"', "[{ quote = 1 }]", '[{ fields = ["x"], quote = "She" }]',
]  # fmt: skip
FILES = ["catalog.toml", "organizations.toml", "people.toml", EVENT, "sources/example-article.txt"]


def test_a_source_that_is_not_a_string_is_told_at_its_seed(seeds: Path) -> None:
    # hypothesis found it: a list in `source = ...` raised TypeError (a list is unhashable)
    edit(seeds, EVENT, 'source = "example-article"', 'source = ["example-article"]')
    told = problems(seeds)
    assert told
    assert all(p.startswith(str(seeds)) for p in told), told
    assert "no source text ['example-article'] to quote from" in told[0]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_seed_input_ends_in_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    seeds = tmp_path_factory.mktemp("fuzz") / "seeds"
    shutil.copytree(TEMPLATE, seeds)
    for _ in range(data.draw(st.integers(1, 3))):
        path = seeds / data.draw(st.sampled_from(FILES))
        if not path.exists():
            continue
        lines = path.read_bytes().split(b"\n")
        at = data.draw(st.integers(0, len(lines) - 1))
        how = data.draw(
            st.sampled_from(["value", "delete", "repeat", "id", "bytes", "cut", "rm", "table"])
        )
        if how == "value" and b" = " in lines[at]:
            key = lines[at].split(b" = ")[0]
            lines[at] = key + b" = " + data.draw(st.sampled_from(LITERALS)).encode()
        elif how == "delete":
            del lines[at]
        elif how == "repeat":
            lines[at:at] = lines[at : at + data.draw(st.integers(1, 20))]
        elif how == "id":
            lines.insert(at, b'id = "regional-workshop-on-clean-air-monitoring-2024-session-1"')
        elif how == "bytes":
            lines[at] = b"\xff\xfe" + lines[at]
        elif how == "table":  # a table's name misspelt: [[sessions.contribution]]
            lines[at] = re.sub(
                rb"s?(\]\]?)$", lambda m: m[1] if m[0] != m[1] else b"s" + m[1], lines[at]
            )
        elif how == "cut":
            lines = lines[:at]
        path.write_bytes(b"\n".join(lines))
        if how == "rm":
            path.unlink()
    try:
        build(seeds)
    except apt.DatasetError as error:
        lines = [str(problem) for problem in error.problems]
    else:
        lines = []
    for line in lines:
        assert "\n" not in line
        # told in the seeds' terms: a seed file, never a JSON path of the built file
        assert re.match(r"^[\w./-]+\.(toml|txt)(:\d+)?: \S", line), line


# --- the trial of issue 18: each mistake a new user made, told in their terms ----------


def test_a_field_written_where_it_does_not_belong_is_never_suggested_as_itself(
    seeds: Path,
) -> None:
    edit(seeds, EVENT, "start_date = 2024-03-05", "start = 2024-03-05")
    edit(seeds, EVENT, "end_date = 2024-03-05", "end = 2024-03-05")
    edit(seeds, "people.toml", 'name = "Nguyễn Thị Lan"', 'name = "Nguyễn Thị Lan"\nquote = "x"')
    found = problems(seeds)
    event = "event regional-workshop-on-clean-air-monitoring-2024"
    assert found == [  # sorted by file and line; "start_date: missing" follows, not told
        f"{at(seeds, EVENT, 'start = ')}: {event}: start: 'start' is not a field here: did you "
        "mean 'start_date'?",
        f"{at(seeds, EVENT, 'end = ')}: {event}: end: 'end' is not a field here: did you mean "
        "'end_date'?",
        f"{at(seeds, 'people.toml', 'quote = ')}: person nguyen-thi-lan: quote: 'quote' is not "
        "a field here: it belongs in an evidence entry: evidence = [{ fields = [...], quote = "
        "... }]",
    ]


def test_unknown_ids_fields_and_values_suggest_the_closest(seeds: Path) -> None:
    edit(seeds, EVENT, 'role = "chair"', 'role = "chiar"')
    edit(seeds, EVENT, 'kind = "workshop"', 'kind = "Workshop"')
    found = "\n".join(problems(seeds))  # the values first, then the ids (the checks)
    assert "role: 'chiar': did you mean 'chair'? (the values: 'speaker', " in found
    assert "kind: 'Workshop': did you mean 'workshop'? (the values: 'seminar', " in found
    edit(seeds, EVENT, 'role = "chiar"', 'role = "chair"')
    edit(seeds, EVENT, 'kind = "Workshop"', 'kind = "workshop"')
    edit(seeds, EVENT, 'person_id = "nguyen-thi-lan"', 'person_id = "nguyen-thi-lna"')
    edit(seeds, EVENT, '"example-clean-air-network"', '"example-clean-air-networks"')
    edit(seeds, EVENT, 'topics = ["air-quality"]', 'topics = ["air-qualty"]')
    found = "\n".join(problems(seeds))
    assert "unknown person 'nguyen-thi-lna'; did you mean 'nguyen-thi-lan'?" in found
    assert "'example-clean-air-networks'; did you mean 'example-clean-air-network'?" in found
    assert "unknown topic 'air-qualty'; did you mean 'air-quality'?" in found
    edit(seeds, EVENT, 'person_id = "nguyen-thi-lna"', 'person_id = "nguyen-thi-lan"')
    edit(seeds, EVENT, '{ fields = ["label"], quote', '{ fields = ["labels"], quote')
    assert "'labels' is not a fact field of Attendance; did you mean 'label'?" in "\n".join(
        problems(seeds)
    )


@pytest.mark.parametrize(
    ("written", "told", "such_as"),
    [  # the date the user meant, where it is one (a user's trial: 2024-3-5 got 2024-09-12)
        ('"5 March 2024"', "end_date: '5 March 2024': dates are written YYYY-MM-DD", "2024-03-05"),
        ('"March 5, 2024"', "end_date: 'March 5, 2024': dates are written", "2024-03-05"),
        ('"5 March"', "end_date: '5 March': dates are written", "2024-09-12"),  # which year?
        ("2024-03-05T17:00:00", "end_date: '2024-03-05T17:00:00': dates are written", "2024-03-05"),
        ("2024-3-5", "not valid TOML: Expected newline or end of document after a statement ",
         "2024-03-05"),
        ('"2024-3-5"', "end_date: '2024-3-5': dates are written", "2024-03-05"),
        ("2024-2-30", "not valid TOML: Expected newline", "2024-09-12"),  # no such day
    ],
)  # fmt: skip
def test_a_date_in_another_form_says_how_dates_are_written(
    seeds: Path, written: str, told: str, such_as: str
) -> None:
    edit(seeds, EVENT, "end_date = 2024-03-05", f"end_date = {written}")
    (line,) = problems(seeds)
    assert line.startswith(at(seeds, EVENT, "end_date = "))
    assert told in line
    assert line.endswith(f"dates are written YYYY-MM-DD, such as {such_as}")


def test_straight_quotes_where_the_source_has_typographic_ones_say_so(seeds: Path) -> None:
    edit(seeds, EVENT, 'quote = "Low-Cost Sensors for City Networks" }',
         "quote = '\"Low-Cost Sensors for City Networks\"' }")  # fmt: skip
    (line,) = problems(seeds)
    assert (
        "not found in source 'example-article'; the source has “ ” there: quote = "
        '"“Low-Cost Sensors for City Networks”" (see: aseanplus3-events quote '
        f"{seeds}/sources/example-article.txt WORDS)"
    ) in line


def _no_break_space(seeds: Path, selector: str) -> Path:
    """The template's article with "more than\u00a0120 of them." (a no-break space), and
    the event's name cited to ``selector`` there, typed with a plain space; the article."""
    source = seeds / "sources" / "example-article.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("took part.", "took part, more than\u00a0120 of them."),
                      encoding="utf-8")  # fmt: skip
    edit(seeds, EVENT, '{ fields = ["attendance_mode"], quote = "hybrid format" },',
         '{ fields = ["attendance_mode"], quote = "hybrid format" },\n'
         f'  {{ fields = ["name"], {selector} }},')  # fmt: skip
    return source


def test_an_invisible_character_a_quote_lacks_is_named_and_escaped_to_paste(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A trial: the source's "more than\u00a0140" quoted with a plain space was told to
    # write what looked the same as it had, the no-break space raw.
    source = _no_break_space(seeds, 'quote = "more than 120 of"')
    (line,) = problems(seeds)
    assert "the source has a no-break space (U+00A0) there" in line
    pasted = re.search(r'(quote = "[^"]*")', line)
    assert pasted
    assert "\u00a0" not in pasted[1]  # escaped: on screen, not a space
    assert tomllib.loads(pasted[1])["quote"] == "more than\u00a0120 of"  # as in the source
    status, out, _ = cli(capsys, "quote", source, "more than 120")
    assert status == 0
    entry = out.splitlines()[2]  # after the comments, which show the place
    assert "\u00a0" not in entry
    assert tomllib.loads(f"x = [{entry}]")["x"][0]["quote"] == "more than\u00a0120"


def test_a_prefix_the_source_lacks_is_told_apart_from_a_quote_it_lacks(seeds: Path) -> None:
    # A trial: prefix "support from " (the source: "support from the ") was reported as
    # the quote not found, with the advice to write the quote exactly as it was written.
    edit(seeds, EVENT, 'quote = "held", prefix = "was "', 'quote = "was held", prefix = "it "')
    (line,) = problems(seeds)
    source = (seeds / "sources" / "example-article.txt").read_text(encoding="utf-8")
    before = source[: source.index("was held")]
    assert source.count("was held") == 1  # premise: the quote is there once
    assert (
        "quote 'was held' is in source 'example-article' (1 time), but not after prefix "
        f"'it ' (the source has {before[-11:]!r})"
    ) in line
    assert "copy it exactly" not in line


def test_a_prefix_typed_with_a_space_for_a_no_break_space_is_given_as_the_source_has_it(
    seeds: Path,
) -> None:
    # A new user's check: prefix "150 " (the source: "150\u00a0") was told only that the
    # quote is not after it, as if the words were wrong.
    _no_break_space(seeds, 'quote = "120 of", prefix = "than "')
    (line,) = problems(seeds)
    pasted = re.search(r'(prefix = "[^"]*")', line)
    assert pasted
    assert "is in source 'example-article', but the source writes around it" in line
    assert tomllib.loads(pasted[1])["prefix"] == "than\u00a0"


def test_a_misspelt_source_of_an_event_file_is_one_problem(seeds: Path) -> None:
    edit(seeds, EVENT, 'source = "example-article"', 'source = "example-artcle"')
    where = at(seeds, EVENT, 'source = "example-artcle"')
    assert problems(seeds) == [
        f"{where}: the event file: source: no source text "
        "'example-artcle'; did you mean 'example-article' (a [[sources]] id of catalog.toml)?"
    ]


def test_an_event_id_that_is_not_its_file_name_is_an_editorial_warning(seeds: Path) -> None:
    edit(seeds, EVENT, 'id = "regional-workshop-on-clean-air-monitoring-2024"', 'id = "clean-air"')
    edit(seeds, EVENT, "regional-workshop-on-clean-air-monitoring-2024-statement-1",
         "clean-air-statement-1")  # fmt: skip
    edit(seeds, EVENT, "regional-workshop-on-clean-air-monitoring-2024-statement-1",
         "clean-air-statement-1")  # fmt: skip
    advice: list[apt.Problem] = []
    assert [e.id for e in build(seeds, advice=advice).events] == ["clean-air"]
    warning = (
        f"{at(seeds, EVENT, 'clean-air')}: event clean-air: id: not the file's name "
        f"'{Path(EVENT).name}': name the file clean-air.toml, or delete the id (the file name "
        "is the id)"
    )
    assert [str(p) for p in advice] == [warning]
    assert problems(seeds, strict=True) == [warning]


def test_paths_are_usable_from_where_the_command_ran(
    seeds: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seeds.parent)
    edit(seeds, EVENT, 'quote = "Sensors" }', 'quote = "Sensor networks" }')
    edit(seeds, "people.toml", 'quote = "Dr. Nguyễn Thị Lan"', 'quote = "Dr Nguyễn Thị Lan"')
    status, _, err = cli(capsys, "build", "my-seeds", "--check")
    assert status == 1
    lines = err.splitlines()[1:]
    assert [line.split(": ")[0].rsplit(":", 1)[0] for line in lines] == [
        f"  my-seeds/{EVENT}",
        "  my-seeds/people.toml",  # sorted by file, then line
    ]
    assert "(see: aseanplus3-events quote my-seeds/sources/example-article.txt WORDS)" in err
    command = "my-seeds/sources/example-article.txt"  # which works from here
    assert cli(capsys, "quote", command, "city", "networks")[0] == 0


def test_a_record_in_both_is_kept_once_and_a_clash_names_the_field(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.json"
    assert cli(capsys, "build", seeds, "--out", mine)[0] == 0
    both = tmp_path / "both.json"
    assert cli(capsys, "build", seeds, "--beside", mine, "--out", both)[0] == 0
    assert apt.load_dataset(both).catalog == apt.load_dataset(mine).catalog
    edit(seeds, EVENT, "end_date = 2024-03-05", "end_date = 2024-03-06")
    status, _, err = cli(capsys, "build", seeds, "--beside", mine, "--check")
    assert status == 1
    assert (
        f"{mine}: event regional-workshop-on-clean-air-monitoring-2024: id: 'regional-workshop-"
        "on-clean-air-monitoring-2024' is also the id of another record at "
        f"{at(seeds, EVENT, '[event]')}, which differs in end_date; give one of them another id, "
        "or make them the same record"
    ) in err


def test_a_topic_id_reused_from_the_bundled_data_may_be_its_record_word_for_word(
    seeds: Path,
) -> None:
    """A new user's trial: a bundled topic id reused with other aliases was told only to
    "give one of them another id"; the bundled record copied whole is one record."""
    bundled = apt.default_dataset().catalog
    topic = next(t for t in bundled.topics if t.description and not t.aliases)
    table = f'[[topics]]\nid = "{topic.id}"\nlabel = "{topic.label}"\n'
    catalog = (seeds / "catalog.toml").read_text(encoding="utf-8")
    mine = f'{table}aliases = ["my alias"]\ndescription = "{topic.description}"\n'
    (seeds / "catalog.toml").write_text(f"{catalog}\n{mine}", encoding="utf-8")
    found = problems(seeds, beside={"bundled": bundled})
    assert [p.split(", which ")[-1] for p in found] == [
        "differs in aliases; give one of them another id, or make them the same record"
    ]
    copied = f'{table}description = "{topic.description}"\n'
    (seeds / "catalog.toml").write_text(f"{catalog}\n{copied}", encoding="utf-8")
    both = build(seeds, beside={"bundled": bundled})
    assert [t for t in both.topics if t.id == topic.id] == [topic]


def test_a_dataset_of_several_parts_states_each_data_version(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "both.json"
    assert cli(capsys, "build", seeds, "--beside", "bundled", "--out", out)[0] == 0
    versions = f"2024.1 + {apt.data_version()}"
    assert apt.load_dataset(out).data_version == versions
    assert f"Data version {versions}" in apt.load_dataset(out).cite()


def test_quote_suggests_a_name_whatever_its_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "article.txt"
    source.write_text("The forum was held in Đà Nẵng, Viet Nam.", encoding="utf-8")
    status, _, err = cli(capsys, "quote", source, "Da", "Nang")
    assert status == 1
    assert err.endswith('is not in the source; did you mean "Đà Nẵng"?\n')


def test_show_gives_each_groups_kind_and_the_notes_of_event_contributions(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        seeds,
        EVENT,
        "# [[contributions]]\n",
        '[[contributions]]\nperson_id = "nguyen-thi-lan"\nrole = "chair"\nnote = "Role read."\n'
        'summary = "Nguyễn Thị Lan"\nevidence = [{ fields = ["person_id", "role", "summary"], '
        'quote = "Nguyễn Thị Lan", prefix = "chaired by Dr. " }]\n',
    )
    out = tmp_path / "mine.json"
    assert cli(capsys, "build", seeds, "--out", out)[:3:2] == (0, f"wrote {out} (1 event)\n")
    status, text, _ = cli(capsys, "--dataset", out, "show")
    assert status == 0
    lines = text.splitlines()
    assert lines[lines.index("Participants") + 1] == (
        "  officials: ASEAN countries, China; researchers: ASEAN countries"
    )
    assert "  contribution-1: Role read." in lines


@pytest.mark.parametrize(
    ("direct_url", "hint"),
    [
        (
            '{"archive_info": {}, "url": "file:///home/me/dist/aseanplus3_events-0.1.0-py3-none-any.whl"}',
            "pip install '/home/me/dist/aseanplus3_events-0.1.0-py3-none-any.whl[parquet]' (the "
            "copy this one came from; from an index: pip install 'aseanplus3-events[parquet]')",
        ),
        (
            '{"dir_info": {"editable": true}, "url": "file:///home/me/my%20clone"}',
            "pip install -e '/home/me/my clone[parquet]' (the copy this one came from; from an "
            "index: pip install 'aseanplus3-events[parquet]')",
        ),
        (
            None,
            "pip install 'aseanplus3-events[parquet]' (from a clone of the repository: pip "
            "install '.[parquet]')",
        ),
    ],
)
def test_a_missing_extra_says_how_to_add_it_to_this_installation(
    monkeypatch: pytest.MonkeyPatch, direct_url: str | None, hint: str
) -> None:
    # a user who installed the wheel file cannot install the extra from an index
    from importlib import metadata

    from aseanplus3_events import exports

    class Installed:
        def read_text(self, name: str) -> str | None:
            return direct_url if name == "direct_url.json" else None

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    assert exports.install_hint("parquet") == hint


def test_seeds_given_as_a_dataset_say_to_build_them_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = cli(capsys, "init", "my-seeds")
    assert (status, err) == (
        0,
        "wrote 6 files to my-seeds; the guide is my-seeds/README.md; build it with: "
        "aseanplus3-events build my-seeds --out my-events.json\n",  # the names of the docs
    )
    build = "build it first: aseanplus3-events build my-seeds --out my-events.json, then give "
    for seeds, what in (("my-seeds", "a seeds folder"), ("my-seeds/catalog.toml", "a seed file")):
        status, _, err = cli(capsys, "--dataset", seeds, "events")
        assert (status, err) == (
            1,
            f"aseanplus3-events: error: {seeds}: {what}, not a dataset file; {build}"
            "--dataset my-events.json\n",
        )
        # the next step is the command the user ran, with the file the build writes
        status, _, err = cli(capsys, "validate", seeds)
        assert (status, err) == (
            1,
            f"aseanplus3-events: error: {seeds}: {what}, not a dataset file; {build[:-5]}"
            "aseanplus3-events validate my-events.json\n",
        )
        status, _, err = cli(capsys, "build", "my-seeds", "--beside", seeds, "--check")
        assert (status, err) == (
            1,
            f"aseanplus3-events: error: {seeds}: {what}, not a dataset file; {build}"
            "--beside my-events.json\n",
        )


def test_load_dataset_on_a_folder_says_what_it_is_and_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # in the command line's terms, not "cannot read the file: Is a directory"
    monkeypatch.chdir(tmp_path)
    assert cli(capsys, "init", "my-seeds")[0] == 0
    build = "build it first: aseanplus3-events build my-seeds --out my-events.json, then "
    for seeds, what in (("my-seeds", "a seeds folder"), ("my-seeds/catalog.toml", "a seed file")):
        with pytest.raises(apt.DatasetError) as caught:
            apt.load_dataset(seeds)
        advice = f"{what}, not a dataset file; {build}load_dataset('my-events.json')"
        assert (caught.value.origin, caught.value.problems) == (seeds, (apt.Problem("$", advice),))
    with pytest.raises(apt.DatasetError) as caught:
        apt.load_dataset("my-seeds/sources")  # a folder, of no seeds
    assert caught.value.problems == (apt.Problem("$", "a folder, not a dataset file; give a file"),)
    assert cli(capsys, "--dataset", "my-seeds/sources", "events")[2] == (
        "aseanplus3-events: error: my-seeds/sources: is a folder, not a file; give a file name\n"
    )  # as before


def _credits(ds: apt.Dataset, folder: Path) -> dict[str, Any]:
    """Every place that names who made a dataset and its license."""
    from openpyxl import load_workbook

    from aseanplus3_events.exports.parquet import write_parquet
    from aseanplus3_events.exports.sqlite import datasette_metadata
    from aseanplus3_events.exports.tables import write_datapackage
    from aseanplus3_events.exports.xlsx import write_xlsx

    package = json.loads(write_datapackage(folder / "csv", ds).read_text(encoding="utf-8"))
    about = load_workbook(write_xlsx(folder / "x.xlsx", ds))["About"]
    write_parquet(folder / "parquet", ds)
    card = (folder / "parquet" / "README.md").read_text(encoding="utf-8")
    croissant = json.loads((folder / "parquet" / "croissant.json").read_bytes())
    return {
        "cite": ds.cite() + ds.cite("bibtex"),
        "datapackage": {k: package.get(k) for k in ("name", "title", "licenses", "contributors")},
        "xlsx": {row[0]: row[1] for row in about.iter_rows(values_only=True)},
        "datasette": datasette_metadata("events", ds).get("license"),
        "card": card.split("## License\n\n", 1)[1].split("\n\n", 1)[0],
        "card_details": yaml.safe_load(card.split("---\n")[1]).get("license_details"),
        "croissant": croissant.get("license"),
    }


def test_a_license_expression_is_stated_whole_and_listed_one_license_per_id(
    seeds: Path, tmp_path: Path
) -> None:
    """trial11: beside the bundled data, every place said "CC-BY-4.0 AND MIT (the
    annotations)", as if MIT alone covered them, and datapackage.json gave the expression
    as one license's `name`, which the Data Package spec asks to be one license's id."""
    import frictionless

    edit(seeds, "catalog.toml", '# license = "', 'license = "')
    mine, bundled = build(seeds).license, apt.default_dataset().catalog.license
    both = build(seeds, beside={"bundled": apt.default_dataset().catalog})
    assert both.license == f"{mine} AND {bundled}"
    found = _credits(apt.Dataset(both), tmp_path)
    whole = f"({mine} AND {bundled}) (the annotations); the quoted source texts"  # SPDX parens
    licenses = found["datapackage"]["licenses"]
    places = ("cite", "datasette", "croissant", "card_details")
    for stated in (
        found["xlsx"]["License"],
        *map(found.get, places),
        *(x["title"] for x in licenses),
    ):
        assert whole in stated
    assert f"AND {bundled} (the annotations)" not in json.dumps(found)
    # the Data Package profile: a license's name is one Open Definition / SPDX id
    assert [x["name"] for x in licenses] == [mine, bundled]
    assert all(re.fullmatch(r"[-a-zA-Z0-9._]+", x["name"]) for x in licenses)
    report = frictionless.validate(str(tmp_path / "csv" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    # an OR expression keeps its meaning beside another part: SPDX's AND binds before OR
    edit(seeds, "catalog.toml", f'license = "{mine}"', 'license = "CC-BY-4.0 OR CC0-1.0"')
    both = build(seeds, beside={"bundled": apt.default_dataset().catalog})
    assert both.license == f"(CC-BY-4.0 OR CC0-1.0) AND {bundled}"
    licenses = _credits(apt.Dataset(both), tmp_path)["datapackage"]["licenses"]
    assert [x["name"] for x in licenses] == ["CC-BY-4.0", "CC0-1.0", bundled]


@pytest.mark.parametrize(
    ("spdx", "beside_mit"),
    [
        ("CC-BY-4.0 OR MIT", "(CC-BY-4.0 OR MIT) AND MIT"),
        ("CC-BY-4.0 AND CC0-1.0", "CC-BY-4.0 AND CC0-1.0 AND MIT"),
    ],
)
def test_a_license_expression_is_stated_in_one_pair_of_parentheses(
    seeds: Path, tmp_path: Path, spdx: str, beside_mit: str
) -> None:
    """A new user's check: ``license = "CC-BY-4.0 OR MIT"`` alone built to
    "(CC-BY-4.0 OR MIT)", and cite, datapackage.json and Datasette said "License:
    ((CC-BY-4.0 OR MIT)) (the annotations)".  One part's license is kept as written; only
    a joined one is grouped, as SPDX precedence needs; each place states it in one pair."""
    edit(seeds, "catalog.toml", '# license = "', 'license = "')
    edit(seeds, "catalog.toml", f'license = "{build(seeds).license}"', f'license = "{spdx}"')
    one = build(seeds)
    both = build(seeds, beside={"bundled": apt.default_dataset().catalog})
    assert (one.license, both.license) == (spdx, beside_mit)
    earlier = one.model_copy(update={"license": f"({spdx})"})  # as a dataset built before
    for i, (catalog, whole) in enumerate([(one, spdx), (both, beside_mit), (earlier, spdx)]):
        found = _credits(apt.Dataset(catalog), tmp_path / str(i))
        stated = f"({whole}) (the annotations)"
        assert f"License: {stated}" in found["cite"]
        assert found["datasette"].startswith(stated)
        assert all(x["title"].startswith(stated) for x in found["datapackage"]["licenses"])
        assert f"(({whole}))" not in json.dumps(found)


def test_a_users_dataset_is_credited_as_it_states_and_never_to_the_package(
    seeds: Path, tmp_path: Path
) -> None:
    found = _credits(apt.Dataset(build(seeds)), tmp_path)
    text = json.dumps(found, ensure_ascii=False, default=str)
    assert "developers" not in text
    assert "MIT" not in text
    assert found["datapackage"] == {
        "name": "dataset", "title": None, "licenses": None, "contributors": None,
    }  # fmt: skip
    # the xlsx says what the Parquet card says (it left the row out)
    assert found["card"].startswith(found["xlsx"]["License"] + " ")
    assert found["xlsx"]["License"].endswith("states no license.")
    assert found["datasette"] is found["croissant"] is found["card_details"] is None
    # beside the bundled data, a part that states no makers or license leaves the whole
    # without: the bundled part's would claim these records (trial10)
    both = build(seeds, beside={"bundled": apt.default_dataset().catalog})
    assert (both.creators, both.license) == ((), None)
    assert "MIT" not in apt.Dataset(both).cite() + apt.Dataset(both).cite("bibtex")
    for line in ('# title = "', "# creators = [", '# license = "'):  # the template shows them
        edit(seeds, "catalog.toml", line, line.removeprefix("# "))
    found = _credits(apt.Dataset(build(seeds)), tmp_path)
    assert found["cite"].startswith(
        "Example Research Group. Clean air monitoring events in the region. Data version 2024.1 "
    )
    assert "package" not in found["cite"]  # the user's data, not the package, is cited
    assert "author = {{Example Research Group}}" in found["cite"]
    assert found["datapackage"] == {
        "name": "clean-air-monitoring-events-in-the-region",
        "title": "Clean air monitoring events in the region",
        "licenses": [{"name": "CC-BY-4.0", "title": "CC-BY-4.0 (the annotations); the quoted "
                      "source texts remain their authors'"}],
        "contributors": [{"title": "Example Research Group", "roles": ["creator"]}],
    }  # fmt: skip
    assert found["xlsx"]["Made by"] == "Example Research Group"
    assert found["xlsx"]["License"].startswith("CC-BY-4.0 (the annotations)")
    assert found["datasette"].startswith("CC-BY-4.0")
    # beside the bundled data: every part's makers, under every part's license
    both = build(seeds, beside={"bundled": apt.default_dataset().catalog})
    assert both.creators == ("Example Research Group", "aseanplus3-events developers")
    assert (both.title, both.license) == (
        "Clean air monitoring events in the region + " + apt.default_dataset().catalog.title,
        "CC-BY-4.0 AND MIT",
    )


# --- base_iri: the prefix of the dataset's IRIs -------------------------------------------


def test_init_mints_a_base_iri_of_its_own_for_each_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two groups that start from `init` get two bases: their IRIs never merge."""
    bases = []
    for name in ("a", "b"):
        assert cli(capsys, "init", tmp_path / name)[0] == 0
        bases.append(build(tmp_path / name, strict=True).base_iri)
    assert bases[0] != bases[1]
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}#", str(b)) for b in bases), bases


_BASE_RULE = (
    "not a base IRI: a web address with its host (https://host/...) or a URN, with no "
    "spaces, ending in '/' or '#' (a URN in ':' or '#'), such as "
)


@pytest.mark.parametrize(
    "bad",
    [
        "https://your group.org/",
        "your-group/events/",
        # no host: the pattern took "http:/" (a review's trial), and these with it
        "http:/",
        "https:/your-group.org/events/",
        "http:///events/",
        "http:your-group.org/events/",
    ],
)
def test_a_bad_base_iri_is_refused_at_its_line_saying_what_a_good_one_is(
    seeds: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    edit(seeds, "catalog.toml", "base_iri = ", f'base_iri = "{bad}"\n# was: ')
    error = (
        f"aseanplus3-events: error: {at(seeds, 'catalog.toml', 'base_iri =')}: the catalog: "
        f"base_iri: {bad!r}: {_BASE_RULE}'https://your-group.org/events/' or "
        "'urn:your-group-events:'\n"
    )
    assert built(capsys, seeds) == (1, error, False)


@pytest.mark.parametrize(
    "good", ["https://x.example/", "http://x.example/events#", "urn:my-group:events:", "tag:x:"]
)
def test_a_web_address_with_its_host_or_a_urn_is_a_base_iri(seeds: Path, good: str) -> None:
    edit(seeds, "catalog.toml", "base_iri = ", f'base_iri = "{good}"\n# was: ')
    assert build(seeds, strict=True).base_iri == good


@pytest.mark.parametrize(
    ("bad", "end"),
    [("https://climate-policy.example.org/apt-events", "/"),
     ("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", "#")],
)  # fmt: skip
def test_a_base_iri_without_its_end_is_offered_with_it(
    seeds: Path, capsys: pytest.CaptureFixture[str], bad: str, end: str
) -> None:
    """A fresh user's trial: a base IRI without its last '/' was offered only the rule's
    example, 'https://your-group.org/events/'."""
    edit(seeds, "catalog.toml", "base_iri = ", f'base_iri = "{bad}"\n# was: ')
    status, error, wrote = built(capsys, seeds)
    assert (status, wrote) == (1, False)
    assert error.endswith(f"base_iri: {bad!r}: {_BASE_RULE}{bad + end!r}\n"), error


@pytest.mark.parametrize(
    ("written", "number"),
    [("5th", 5), ("third", 3), ("Tenth", 10), ("the twentieth", 20), ("twenty-first", 21),
     ("twenty first", 21), ("thirty-first", 31), ("Forty Two", 42),
     ("one hundred", 5), ("5th or 6th", 5), ("third week", 5), ("5.0", 5)],
)  # fmt: skip
def test_a_number_written_with_letters_says_to_write_the_number(
    seeds: Path, written: str, number: int
) -> None:
    """A fresh user's trial: `edition = "5th"` was told pydantic's "Input should be a
    valid integer"; "third" was offered 5, the example, not 3.  A later one: "twenty
    first" was offered 20, "thirty-first" and "one hundred" 1: a number is offered only
    where the whole value reads as one, else the example, 5."""
    edit(seeds, EVENT, "# edition = 3", line := f'edition = "{written}"')
    assert problems(seeds) == [
        f"{at(seeds, EVENT, line)}: {WORKSHOP}: edition: {written!r} (a string): write a whole "
        f"number, such as {number}"
    ]


@pytest.mark.parametrize(
    ("line", "told"),
    [("edition = 5.0", "5.0 (a number): write a whole number, such as 5"),
     ("edition = 2.5", "2.5 (a number): write a whole number, such as 5"),
     ("edition = 0", "0: must be 1 or more"),
     ("edition = -3", "-3: must be 1 or more")],
)  # fmt: skip
def test_a_number_out_of_its_kind_or_range_is_told_in_words(
    seeds: Path, line: str, told: str
) -> None:
    """A fresh user's trial: `edition = 5.0` was told pydantic's "Input should be a valid
    integer, got 5.0 (a number)", and `edition = 0` "Input should be greater than or equal
    to 1, got 0"."""
    edit(seeds, EVENT, "# edition = 3", line)
    assert problems(seeds) == [f"{at(seeds, EVENT, line)}: {WORKSHOP}: edition: {told}"]


@pytest.mark.parametrize("given", [".", "./", "events/.."])
def test_a_check_names_the_folder_meant_by_dot(
    seeds: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    """`build . --check` said ".: builds", and ".: 2 problems" on failure: the folder is
    named as it is called."""
    monkeypatch.chdir(seeds)
    assert cli(capsys, "build", given, "--check") == (0, "", "my-seeds: builds (1 event)\n")
    edit(seeds, EVENT, "# edition = 3", "edition = 0")  # and on failure
    status, _, err = cli(capsys, "build", given, "--check")
    assert (status, err.split(": events/")[0]) == (1, "aseanplus3-events: error: my-seeds")


def test_beside_a_misspelt_bundled_offers_bundled(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fresh user's trial: `--beside bundle` was told "no such file or folder; check
    the path", not the name of the bundled dataset."""
    status, _, err = cli(capsys, "build", seeds, "--beside", "bundle", "--check")
    assert (status, err) == (1, "aseanplus3-events: error: bundle: no such file or folder; "
                                "did you mean 'bundled'?\n")  # fmt: skip


def test_no_base_iri_builds_with_a_warning_and_is_an_error_with_strict(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder made before base_iri, or that deletes it, keeps its IRIs (the bundled
    data's namespace) and is told that every such dataset shares them."""
    edit(seeds, "catalog.toml", "base_iri = ", "# base_iri = ")
    status, err, wrote = built(capsys, seeds)
    told = (
        f"{seeds.as_posix()}/catalog.toml: the catalog: base_iri: none declared: its JSON-LD "
        "and annotations IRIs would be urn:aseanplus3-events:<kind>:<id>, those of the bundled "
        "dataset and of every dataset that declares none, and one graph would merge their "
        'records; declare one in catalog.toml, under a name you control: base_iri = "https://'
        'your-group.org/events/"'
    )
    assert (status, wrote) == (0, True)
    assert err.splitlines()[0] == f"aseanplus3-events: warning: {told}"
    ds = apt.load_dataset(seeds.parent / "out.json")
    assert ds.catalog.base_iri is None
    assert apt.to_jsonld(ds.get_event(), ds)["@id"].startswith("urn:aseanplus3-events:event:")
    assert built(capsys, seeds, "--strict") == (1, f"aseanplus3-events: error: {told}\n", False)


@pytest.mark.parametrize("base", ["urn:aseanplus3-events:", "URN:ASEANPLUS3-EVENTS:"])
def test_the_bundled_base_iri_declared_by_another_dataset_warns_as_none_does(
    seeds: Path, capsys: pytest.CaptureFixture[str], base: str
) -> None:
    """Declaring the bundled dataset's own base (urn:aseanplus3-events:) mints the IRIs of
    the bundled records, and of every dataset that declares none: the same collision as
    no base.  Only the bundled build (python -m aseanplus3_events.build) owns it.  A URN's
    scheme and namespace are the same in any case (RFC 8141): a fresh user's capitals
    built under --strict without a word."""
    edit(seeds, "catalog.toml", "base_iri = ", f'base_iri = "{base}"\n# was: ')
    status, err, wrote = built(capsys, seeds)
    assert (status, wrote) == (0, True)
    first = err.splitlines()[0]
    assert first.startswith(f"aseanplus3-events: warning: {seeds.as_posix()}/catalog.toml")
    assert f"{base!r} is the bundled dataset's" in first
    assert "declare one in catalog.toml, under a name you control" in first
    status, err, wrote = built(capsys, seeds, "--strict")
    assert (status, wrote) == (1, False)
    assert err == first.replace(": warning: ", ": error: ", 1) + "\n"


def test_the_bundled_base_is_exempt_by_who_builds_not_by_the_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One exemption: the bundled data's own build (python -m aseanplus3_events.build).
    The bundled catalog itself, or the repository's seeds built by the CLI, are told."""
    (told,) = editorial.problems(apt.default_dataset().catalog)
    assert told.path == "$.base_iri"
    assert told.message.startswith("'urn:aseanplus3-events:' is the bundled dataset's: ")
    status, err, wrote = built(capsys, Path(shutil.copytree(ROOT / "seeds", tmp_path / "s")))
    assert (status, wrote) == (0, True)
    assert err.startswith("aseanplus3-events: warning: ")
    assert "'urn:aseanplus3-events:' is the bundled dataset's" in err


@pytest.mark.parametrize("key", ["base_iri", "title"])
def test_a_top_level_key_written_below_a_table_is_told_where_it_belongs(
    seeds: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    """A key added at the end of catalog.toml is, by TOML's rules, the last [[topics]]
    table's: the build says it is a field of the file's top, to move above the tables."""
    edit(seeds, "catalog.toml", f"{key} = ", f"# {key} = ")
    with (seeds / "catalog.toml").open("a", encoding="utf-8") as file:
        file.write(f'\n{key} = "urn:my-group-events:"\n')
    status, err, wrote = built(capsys, seeds)
    assert (status, wrote) == (1, False)
    assert ": topic " in err
    assert f": {key}: {key!r} is a field of the file's top, not of this table: " in err
    assert "move it above the first one" in err
    assert "correct its spelling" not in err


@pytest.mark.parametrize(
    ("old", "bad"),
    [
        ("base_iri = ", 'base_iri = "your-group/events/"'),
        ("# title = ", "title = 5"),
        ("data_version = ", "data_version = 1"),
    ],
)
def test_every_parts_catalog_is_checked_as_one_alone_is(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, bad: str
) -> None:
    """A dataset of parts takes the first folder's base_iri, and a later part's malformed
    one went untold, as a title or data_version the whole does not take: each is refused at
    its part's catalog.toml, as where that folder is built alone."""
    twin = Path(shutil.copytree(seeds, tmp_path / "twin"))  # the same records, kept once
    edit(twin, "catalog.toml", old, f"{bad}\n# was: ")
    status, _, alone = cli(capsys, "build", twin, "--check")
    assert (status, alone.count(at(twin, "catalog.toml", bad))) == (1, 1)
    problem = alone.removeprefix("aseanplus3-events: error: ")  # one line
    for parts in ((seeds, twin), (twin, seeds)):  # the parts named first, then the problem
        status, _, err = cli(capsys, "build", *parts, "--check")
        assert (status, err.count("\n")) == (1, 1)
        assert err.endswith(f": {problem}")


@pytest.mark.parametrize("base", ["# base_iri = ", 'base_iri = "urn:aseanplus3-events:"\n# was: '])
def test_every_parts_base_iri_warning_is_told_as_alone(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], base: str
) -> None:
    """docs/publish.md §5: each part is checked as when built alone.  A later part with no
    base_iri, or the bundled one, was told nothing: only the first part's was checked."""
    twin = Path(shutil.copytree(seeds, tmp_path / "twin"))  # the same records, kept once
    edit(twin, "catalog.toml", "base_iri = ", base)
    status, _, alone = cli(capsys, "build", twin, "--check")
    (warning,) = [line for line in alone.splitlines() if ": warning: " in line]
    assert (status, f"{twin.as_posix()}/catalog.toml" in warning) == (0, True)
    # second, its IRIs are the first part's: the warning says what they would be alone
    later = warning.replace(": its JSON-LD", ": built alone, its JSON-LD")
    assert later != warning
    for parts, told in (((seeds, twin), later), ((twin, seeds), warning)):
        status, _, err = cli(capsys, "build", *parts, "--check")
        assert (status, [w for w in err.splitlines() if ": warning: " in w]) == (0, [told])
        status, _, err = cli(capsys, "build", *parts, "--check", "--strict")
        assert (status, err.count("\n")) == (1, 1)  # the parts named first, then the problem
        assert err.endswith(told.removeprefix("aseanplus3-events: warning: ") + "\n")


def test_a_dataset_built_of_parts_takes_the_first_folders_base_iri(
    seeds: Path, tmp_path: Path
) -> None:
    """Its IRIs name every record of the whole, the bundled ones too, as its own: never
    the bundled dataset's namespace for the user's records."""
    mine = build(seeds).base_iri
    assert build(seeds, beside={"bundled": apt.default_dataset().catalog}).base_iri == mine
    twin = Path(shutil.copytree(seeds, tmp_path / "twin"))  # the same records, kept once
    edit(twin, "catalog.toml", "base_iri = ", "# base_iri = ")
    for parts, base in (((seeds, twin), mine), ((twin, seeds), None)):
        advice: list[apt.Problem] = []  # twin's warning, whichever part it is
        assert build(*parts, advice=advice).base_iri == base
        assert [str(p).split(": ")[:3:2] for p in advice] == [[f"{twin}/catalog.toml", "base_iri"]]
