"""The build: seeds -> canonical JSON, deterministic, and the committed data is fresh."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import aseanplus3_events as apt
from aseanplus3_events.build import build, main, render
from aseanplus3_events.text import resolve_quote, unique_context
from conftest import ARTICLE_ID, EVENT_ID, ROOT

if sys.version_info >= (3, 13):
    from importlib.resources import files
else:
    from importlib_resources import files

SEEDS = ROOT / "seeds"
DATA = ROOT / "src" / "aseanplus3_events" / "data"
EVENT_SEED = "events/apt-low-carbon-seminar-2023.toml"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the seeds to break."""
    return Path(shutil.copytree(SEEDS, tmp_path / "seeds"))


def test_committed_data_is_a_fresh_build() -> None:
    for name, data in render(build(SEEDS)).items():
        assert (DATA / name).read_bytes() == data, f"{name} is stale: run the build"


def test_installed_data_is_the_committed_data() -> None:
    for name in ("catalog.json", "catalog.schema.json", "catalog.sha256"):
        installed = files("aseanplus3_events").joinpath("data", name).read_bytes()
        assert installed == (DATA / name).read_bytes(), name


def test_build_is_deterministic_and_independent_of_seed_order(seeds: Path) -> None:
    first = render(build(SEEDS))
    orgs = seeds / "organizations.toml"
    header, *records = orgs.read_text(encoding="utf-8").split("\n[[organizations]]\n")
    orgs.write_text("\n[[organizations]]\n".join([header, *reversed(records)]), encoding="utf-8")
    assert render(build(seeds)) == first
    assert render(build(SEEDS)) == first


def test_canonical_form() -> None:
    text = (DATA / "catalog.json").read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert "\r" not in text
    assert "“" in text  # UTF-8, not \u escapes
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_build_cli_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "data"
    assert main(["--seeds", str(SEEDS), "--out", str(out), "--check"]) == 1
    assert "differs from a fresh build" in capsys.readouterr().err
    assert main(["--seeds", str(SEEDS), "--out", str(out)]) == 0
    assert "3 file(s) written" in capsys.readouterr().out
    assert main(["--seeds", str(SEEDS), "--out", str(out), "--check"]) == 0
    assert (out / "catalog.json").read_bytes() == (DATA / "catalog.json").read_bytes()


def test_resolve_quote_follows_the_text_quote_selector_rule() -> None:
    text = "the first session, the second session"
    assert resolve_quote(text, "session") == [10, 30]
    assert resolve_quote(text, "session", prefix="second ") == [30]
    assert resolve_quote(text, "session", suffix=",") == [10]
    assert resolve_quote(text, "third") == []


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_and_ambiguous_quotes_are_all_reported(seeds: Path) -> None:
    event = seeds / EVENT_SEED
    _replace(event, 'quote = "July 14, 2023"', 'quote = "July 15, 2023"')
    cop28 = 'fields = ["kind", "title"], quote = "COP28"'
    _replace(event, f'{cop28}, prefix = "titled “Advancing Towards "', cop28)
    with pytest.raises(apt.DatasetError) as info:
        build(seeds)
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 2
    lines = event.read_text(encoding="utf-8").splitlines()
    july, cop = (next(n for n, x in enumerate(lines, 1) if q in x) for q in ("July 15", cop28))
    # each at its seed file and line, its record and field, with what to do
    assert messages[0].startswith(
        f"{seeds}/{EVENT_SEED}:{july}: event apt-low-carbon-seminar-2023: evidence[0]: quote "
        "'July 15, 2023' not found in source 'article-apt-low-carbon-seminar-2023'; copy "
        'it exactly: did you mean "July 14, 2023"'  # the closest passage, as `quote` says
    )
    assert messages[0].endswith(
        f"(see: aseanplus3-events quote {seeds}/sources/apt-low-carbon-seminar-2023.txt WORDS)"
    )
    assert messages[1] == (
        f"{seeds}/{EVENT_SEED}:{cop}: reference 2 “COP28”: evidence[0]: quote 'COP28' found 2 "
        "times in source 'article-apt-low-carbon-seminar-2023'; add a prefix or suffix that "
        f"picks one (see: aseanplus3-events quote {seeds}/sources/apt-low-carbon-seminar-2023"
        ".txt COP28)"  # the quote: its places, each with what picks it
    )


def test_a_changed_article_fails_the_build(seeds: Path) -> None:
    article = seeds / "sources" / "apt-low-carbon-seminar-2023.txt"
    _replace(article, "Julia Mao", "Julia M.")
    with pytest.raises(apt.DatasetError) as info:
        build(seeds)
    assert all("not found" in p.message for p in info.value.problems)
    assert len(info.value.problems) >= 2


def test_build_runs_the_integrity_checks(seeds: Path) -> None:
    _replace(seeds / "people.toml", 'post = "Director"', 'post = "Chair"')
    with pytest.raises(apt.DatasetError, match=r"'Chair' does not occur in its evidence"):
        build(seeds)


def test_bad_toml_is_reported_with_its_file(seeds: Path) -> None:
    (seeds / "people.toml").write_text("[[people]\n", encoding="utf-8")
    with pytest.raises(apt.DatasetError, match=r"people.toml:1: not valid TOML: "):
        build(seeds)


def test_unique_context_picks_the_occurrence_and_nothing_more() -> None:
    text = "a cat and a cat sat; the cat sat"
    for start in (2, 12, 25):
        context = unique_context(text, start, start + 3)
        assert resolve_quote(text, "cat", context.get("prefix", ""), context.get("suffix", "")) == [
            start
        ]
    assert unique_context("only one cat", 9, 12) == {}
    # widened to whole words: a reader sees words, not a cut one
    assert unique_context("titled cat and so on; named cat and so on", 7, 10) == {
        "prefix": "titled "
    }


def test_every_selector_finds_its_span_alone(dataset: apt.Dataset) -> None:
    # The W3C TextQuoteSelector on its own (quote, prefix, suffix) re-anchors to the
    # same span the TextPositionSelector gives, for every evidence item in the data.
    items = [ev for r in _cited_records(dataset.catalog.model_dump()) for ev in r["evidence"]]
    assert items
    ids = [ev["id"] for ev in items]
    assert len(ids) == len(set(ids))
    for ev in items:
        text = dataset.get_source(ev["source_id"]).text or ""
        found = resolve_quote(text, ev["quote"], ev["prefix"] or "", ev["suffix"] or "")
        assert found == [ev["start"]], ev["id"]


def test_the_seminars_repeated_quotes_carry_a_selector_context() -> None:
    catalog = apt.default_dataset().catalog
    items = [ev for record in _cited_records(catalog.model_dump()) for ev in record["evidence"]]
    items = [ev for ev in items if ev["source_id"] == ARTICLE_ID]
    # The article repeats these quotes, so only they carry a selector context: the first
    # session's title and "Carbon Market Development" (in the list and after "titled"),
    # "COP28" (the same two places), "experts" (three times), "10+3 cooperation" (twice, in
    # statements 4 and 5), "Advancing Towards COP28" (twice) and "South Korea" (twice:
    # Korea's alternate name).
    with_context = {ev["id"] for ev in items if ev["prefix"] or ev["suffix"]}
    event = "apt-low-carbon-seminar-2023"
    assert with_context == {
        *(f"{event}-session-1-evidence-{n}" for n in (2, 3, 4, 5)),
        f"{event}-statement-1-evidence-2",
        f"{event}-statement-2-evidence-3",
        f"{event}-statement-4-evidence-4",
        f"{event}-statement-5-evidence-3",
        f"{event}-reference-2-evidence-1",
        f"{event}-reference-2-evidence-2",
        "kr-evidence-1",
    }


def _cited_records(node: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    if isinstance(node, dict):
        if "evidence" in node:
            found.append(node)
        for value in node.values():
            found += _cited_records(value)
    elif isinstance(node, list | tuple):
        for value in node:
            found += _cited_records(value)
    return found


def test_seeds_of_schema_1_with_location_text_still_build(seeds: Path) -> None:
    # Schema 2.0 made location a Place; a seed written for 1.x (location as text, its
    # evidence naming "location") builds, the text read as the place's name.
    event = seeds / EVENT_SEED
    _replace(event, 'status = "held"\n', 'status = "held"\nlocation = "East Asian"\n')
    _replace(
        event,
        '  { fields = ["status"], quote = "successfully held" },\n',
        '  { fields = ["status"], quote = "successfully held" },\n'
        '  { fields = ["location"], quote = "East Asian collaboration" },\n',
    )
    built = next(e for e in build(seeds).events if e.id == EVENT_ID)
    assert built.location == apt.Place(name="East Asian")
    assert [ev.fields for ev in built.evidence if "collaboration" in ev.quote] == [
        ("location.name",)
    ]


def test_seeds_give_every_new_field(seeds: Path) -> None:
    # The seeds format of seeds/README.md: a [event.location] table, [[attendance]] and
    # [[contributions]] at the top level, a session's subject and date, a statement's
    # person_ids, a country's alternate names with their evidence.
    event = seeds / EVENT_SEED
    _replace(
        event,
        "\n# --- organizations and their roles",
        '\n[event.location]\nname = "East Asian"\naddress_country = "CN"\n\n'
        '[[attendance]]\nlabel = "experts"\nattendance_mode = "online"\nevidence = [\n'
        '  { fields = ["label"], quote = "experts", prefix = "During the Seminar " },\n'
        '  { fields = ["attendance_mode"], quote = "combining online" },\n]\n\n'
        '[[contributions]]\nperson_id = "julia-mao"\nrole = "keynote"\nsummary = "Julia Mao"\n'
        'evidence = [{ fields = ["person_id", "role", "summary"], quote = "Julia Mao" }]\n'
        "\n# --- organizations and their roles",
    )
    _replace(
        event,
        '  { fields = ["status"], quote = "successfully held" },\n',
        '  { fields = ["status"], quote = "successfully held" },\n'
        '  { fields = ["location.name"], quote = "East Asian collaboration" },\n'
        '  { fields = ["location.address_country"], quote = "China’s" },\n',
    )
    built = next(e for e in build(seeds).events if e.id == EVENT_ID)
    assert built.location == apt.Place(name="East Asian", address_country="CN")
    assert built.attendance[0].id == f"{built.id}-attendance-1"
    assert built.attendance[0].attendance_mode is apt.AttendanceMode.ONLINE
    assert built.contributions[0].id == f"{built.id}-contribution-1"
    assert built.sessions[2].subject is not None
    assert built.sessions[2].title is None
    assert apt.Dataset(build(seeds)).get_country("KR").alternate_names == ("South Korea",)


def test_a_source_file_name_with_a_nul_character_is_a_problem_not_a_traceback(
    seeds: Path,
) -> None:
    """``file = "\\u0000"``: pathlib raised ValueError (embedded null byte) from the build."""
    _replace(seeds / "catalog.toml", '"sources/apt-low-carbon-seminar-2023.txt"', '"a\\u0000.txt"')
    with pytest.raises(apt.DatasetError) as info:
        build(seeds)
    (problem,) = info.value.problems
    assert problem.path.endswith(": source article-apt-low-carbon-seminar-2023: file")
    assert problem.message == "a\0.txt: is not a file name: it holds a NUL character"


@pytest.mark.parametrize("where", ["../outside.txt", "ABSOLUTE", "sources/link.txt"])
def test_a_source_file_outside_the_seeds_folder_is_refused(seeds: Path, where: str) -> None:
    """A path traversal: ``file = "../x"``, an absolute path or a symlink out of the folder
    was read into the catalog and published in the source view."""
    outside = seeds.parent / "outside.txt"
    shutil.copy(seeds / "sources" / "apt-low-carbon-seminar-2023.txt", outside)
    (seeds / "sources" / "link.txt").symlink_to(outside)
    file = str(outside) if where == "ABSOLUTE" else where
    _replace(seeds / "catalog.toml", '"sources/apt-low-carbon-seminar-2023.txt"', json.dumps(file))
    with pytest.raises(apt.DatasetError) as info:
        build(seeds)
    (problem,) = info.value.problems
    assert problem.path.startswith(f"{seeds}/catalog.toml:")
    assert problem.path.endswith(": source article-apt-low-carbon-seminar-2023: file")
    assert problem.message == f"{file}: is outside {seeds}: keep source texts in the seeds folder"


def _problems_at(seeds: Path) -> list[tuple[int, str]]:
    """Each problem of building ``seeds`` as (its line in the event seed, the rest)."""
    with pytest.raises(apt.DatasetError) as info:
        build(seeds)
    head = f"{seeds}/{EVENT_SEED}:"
    assert all(p.path.startswith(head) for p in info.value.problems), info.value.problems
    return [(int((rest := str(p)[len(head) :]).split(":")[0]), rest) for p in info.value.problems]


def _line(path: Path, words: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    (found,) = [n for n, line in enumerate(lines, 1) if words in line]
    return found


def test_one_run_reports_the_builders_and_the_models_problems(seeds: Path) -> None:
    event = seeds / EVENT_SEED
    # a quote the builder cannot find, the item after it misspelling "fields", a bad date
    _replace(event, 'quote = "ASEAN Plus Three (10+3) Seminar', 'quote = "APT Seminar')
    _replace(event, '{ fields = ["status"]', '{ feilds = ["status"]')
    _replace(event, "end_date = 2023-07-14", 'end_date = "14 July 2023"')
    _replace(event, 'role = "guidance"', 'role = "guidence"')
    found = _problems_at(seeds)
    assert [line for line, _ in found] == [
        _line(event, '"14 July 2023"'),
        _line(event, '"APT Seminar'),
        _line(event, "feilds"),  # its own line: the item before it was not found
        _line(event, '"guidence"'),
    ]
    assert "not found in source" in found[1][1]
    assert "'feilds' is not a field here: did you mean 'fields'?" in found[2][1]
    assert "'guidence': did you mean 'guidance'?" in found[3][1]


def test_one_run_reports_the_builders_and_the_integrity_checks_problems(seeds: Path) -> None:
    event = seeds / EVENT_SEED
    # the only quote of participation 1 (its role_label is verbatim): the record keeps
    # its facts, and nothing that follows from the lost quote is told
    _replace(event, 'quote = "under the guidance of the', 'quote = "under the guidence of the')
    # the only quote of participant group 1, from a misspelt source
    old = 'quote = "experts from various regions, including ASEAN countries'
    _replace(event, old, f'source = "artcle", {old}')
    _replace(event, '"world-resources-institute"', '"world-resources-institut"')
    found = _problems_at(seeds)
    assert [line for line, _ in found] == [
        _line(event, "under the guidence of the"),
        _line(event, '"world-resources-institut"'),
        _line(event, 'source = "artcle"'),
    ]
    assert "quote 'under the guidence of the" in found[0][1]
    assert "unknown organization 'world-resources-institut'; did you mean " in found[1][1]
    assert "no source text 'artcle'" in found[2][1]


@pytest.mark.parametrize("file", ["people.toml", EVENT_SEED])
def test_an_evidence_item_not_a_table_is_named_at_its_line_with_its_record(
    seeds: Path, file: str
) -> None:
    path = seeds / file
    text = path.read_text(encoding="utf-8")
    _replace(path, "evidence = [\n", 'evidence = [\n  "Julia Mao",\n')
    record = text[: text.index("evidence = [\n")].rpartition('\nid = "')[2].split('"')[0]
    with pytest.raises(apt.DatasetError) as info:
        build(seeds)
    (problem,) = [p for p in info.value.problems if "Julia Mao'" in str(p)]
    line = _line(path, '  "Julia Mao",')
    assert str(problem).startswith(f"{path}:{line}: ")
    assert f"{record}: evidence[0]: must be a table" in str(problem)
    assert 'write it as { fields = [...], quote = "..." }' in str(problem)


def test_a_prefix_that_picks_more_than_one_place_is_named(seeds: Path) -> None:
    event = seeds / EVENT_SEED
    cop28 = 'fields = ["kind", "title"], quote = "COP28", prefix = '
    _replace(event, f'{cop28}"titled “Advancing Towards "', f'{cop28}"Towards "')
    with pytest.raises(apt.DatasetError) as info:
        build(seeds)
    (message,) = [str(p) for p in info.value.problems]
    assert (
        "quote 'COP28' with prefix 'Towards ' found 2 times in source "
        "'article-apt-low-carbon-seminar-2023'; a longer prefix or suffix picks one"
    ) in message


def test_a_close_passage_keeps_the_stop_the_quote_ends_with(seeds: Path) -> None:
    event = seeds / EVENT_SEED
    text = (seeds / "sources/apt-low-carbon-seminar-2023.txt").read_text(encoding="utf-8")
    (sentence,) = [s for s in text.split(". ") if "cooperation" in s and "\n" not in s][:1]
    ends = sentence.split()[-3:]  # the sentence's last words, with its stop
    quote = " ".join(ends) + "."
    assert text.count(quote) == 1, quote
    line = next(x for x in event.read_text(encoding="utf-8").splitlines() if "quote = " in x)
    first = line.split('quote = "')[1].split('"')[0]
    _replace(event, f'quote = "{first}"', f'quote = "{quote.replace(ends[-1], ends[-1] + "x")}"')
    with pytest.raises(apt.DatasetError) as info:
        build(seeds)
    message = next(str(p) for p in info.value.problems if "not found" in str(p))
    assert f'did you mean "{quote}"' in message
