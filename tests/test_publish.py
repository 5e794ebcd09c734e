"""The publishing toolkit, as a user of the installed package meets it: ``init`` writes a
seeds folder that builds, ``quote`` says how to cite words of a source, ``build`` turns
a folder into a dataset and reports problems in the seeds' own terms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import aseanplus3_events as apt
from aseanplus3_events.cli import main
from conftest import ARTICLE_ID, ROOT

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


# Fields a seed does not write: the build derives them, or they are the source's text.
DERIVED = {"id", "event_id", "ordinal", "source_ids", "evidence", "sha256", "text", "url"}
# Fields that hold records, written as tables of their own; an evidence's resolution.
NESTED = {"participations", "participants", "sessions", "contributions", "statements"}
NESTED |= {"references", "affiliations", "start", "end", "quote", "source_id"}


def test_the_template_shows_every_field_of_every_record() -> None:
    # A field the models gain shows up here until the template shows it (or comments it).
    text = "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATE.rglob("*.toml"))
    models = [
        apt.Event, apt.Participation, apt.ParticipantGroup, apt.Session, apt.Contribution,
        apt.Statement, apt.Reference, apt.Organization, apt.Person, apt.Affiliation,
        apt.Topic, apt.Country, apt.Source, apt.Evidence,
    ]  # fmt: skip
    missing = [
        f"{model.__name__}.{name}"
        for model in models
        for name in model.model_fields
        if name not in DERIVED | NESTED and not re.search(rf"(^|[\s{{,#]){name} =", text, re.M)
    ]
    assert missing == []  # add them to src/aseanplus3_events/template/


def test_the_guide_is_one_text_shipped_and_on_the_docs_site() -> None:
    page = (ROOT / "docs" / "seeds-guide.md").read_text(encoding="utf-8")
    assert '--8<-- "src/aseanplus3_events/template/README.md"' in page
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "seeds-guide.md" in nav
    # and the project's own seeds point to it instead of repeating it
    assert "A quote must occur exactly once" not in (ROOT / "seeds" / "README.md").read_text(
        encoding="utf-8"
    )


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


def test_quote_reads_a_source_of_the_dataset_by_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "quote", ARTICLE_ID, "COP28")
    assert status == 0
    assert out.count('quote = "COP28"') == 2
    assert out.count("prefix = ") + out.count("suffix = ") == 2


def test_build_json_is_the_dataset_file(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "build", seeds, "--out", "-")
    assert status == 0
    assert json.loads(out)["events"][0]["location"] == "Hanoi, Viet Nam"
