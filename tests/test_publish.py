"""The publishing toolkit, as a user of the installed package meets it: ``init`` writes a
seeds folder that builds, ``quote`` says how to cite words of a source, ``build`` turns
a folder into a dataset and reports problems in the seeds' own terms."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aseanplus3_events as apt
from aseanplus3_events import editorial
from aseanplus3_events.build import build
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
NESTED |= {"attendance"}  # one [[attendance]] table per figure
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


def test_quote_of_a_source_that_is_nowhere(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "quote", "no-such-article.txt", "COP28")
    assert (status, err) == (
        1,
        "aseanplus3-events: error: no-such-article.txt: no such file, nor a source id of the "
        "dataset\n",
    )


def test_build_json_is_the_dataset_file(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "build", seeds, "--out", "-")
    assert status == 0
    assert json.loads(out)["events"][0]["location"]["address_locality"] == "Hanoi"


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
    return f"{name}:{next(n for n, line in enumerate(lines, 1) if text in line)}"


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
    assert line.startswith(f"catalog.toml:{header}: country VN: source_id: missing: ")
    assert 'source_id = "iso-3166-1"' in line


def test_a_wrong_value_is_told_at_its_seed_line_record_and_field(seeds: Path) -> None:
    edit(seeds, "organizations.toml", 'kind = "institute"\nevid', 'kind = "club"\nevid')
    (line,) = problems(seeds)
    assert line.startswith(
        f"{at(seeds, 'organizations.toml', 'club')}: "
        "organization example-institute-for-atmospheric-research: "
        "kind: 'club': Input should be "
    )
    edit(seeds, "organizations.toml", 'kind = "club"', 'kind = "institute"')
    edit(seeds, EVENT, 'quote = "Sensors" }', 'quote = "Sensor networks" }')
    assert problems(seeds) == [
        f"{at(seeds, EVENT, 'Sensor networks')}: "
        "session 1 “Low-Cost Sensors for City Networks”: evidence[2]: quote "
        "'Sensor networks' not found in source 'example-article'; copy it exactly (see: "
        "aseanplus3-events quote sources/example-article.txt WORDS)"
    ]


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


def test_a_duplicate_id_names_both_places(seeds: Path) -> None:
    text = (seeds / "people.toml").read_text(encoding="utf-8")
    twice = text + text[text.index("[[people]]") :].replace('post = "Director"', 'post = "Chair"')
    (seeds / "people.toml").write_text(twice, encoding="utf-8")
    lines = twice.splitlines()
    second = [n for n, line in enumerate(lines, 1) if line.startswith("id = ")][1]
    assert problems(seeds) == [
        f"people.toml:{second}: person nguyen-thi-lan: id: 'nguyen-thi-lan' is also the id of "
        "another "
        f"record at {at(seeds, 'people.toml', '[[people]]')}; give one of them another id"
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


def test_the_bundled_seeds_pass_the_editorial_rules() -> None:
    assert editorial.problems(apt.default_dataset().catalog) == []
    assert build(ROOT / "seeds", strict=True) == apt.default_dataset().catalog
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
        how = data.draw(st.sampled_from(["value", "delete", "repeat", "id", "bytes", "cut", "rm"]))
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
