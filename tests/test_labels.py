"""A user's own dataset is labelled and cited as its catalog states (title, creators, data
version, license) in every place that labels a dataset, each read by its real consumer;
never as the package's (a new user's trial: the source view, the notebook card and `cite`
named the package).  The bundled data keeps its own labels."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import frictionless
import pytest
from openpyxl import load_workbook

import aseanplus3_events as apt
from aseanplus3_events.build import build, render
from aseanplus3_events.cli import main
from aseanplus3_events.exports.annotations import to_annotations
from aseanplus3_events.exports.jsonld import to_jsonld_graph
from aseanplus3_events.exports.parquet import write_parquet
from aseanplus3_events.exports.sqlite import write_sqlite
from aseanplus3_events.exports.tables import write_datapackage
from aseanplus3_events.exports.xlsx import write_xlsx
from aseanplus3_events.loading import DATA_FILE
from conftest import CORPUS

TITLE = "Invented transport events: a corpus for tests & checks"
SHORT = "Invented transport events"
MAKERS = ("Invented Lab", "A. N. Other")
STATED = f'title = "{TITLE}"\ncreators = ["Invented Lab", "A. N. Other"]\nlicense = "CC0-1.0"\n'


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented corpus's seeds, their catalog stating a title, creators and license."""
    folder = tmp_path_factory.mktemp("labelled") / "seeds"
    shutil.copytree(CORPUS, folder)
    catalog = folder / "catalog.toml"
    catalog.write_text(STATED + catalog.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mine(seeds: Path) -> apt.Dataset:
    """The user's dataset, built into a file and read from it, as `--dataset` reads it."""
    path = seeds.parent / "mine.json"
    path.write_bytes(render(build(seeds))[DATA_FILE])
    return apt.load_dataset(path)


class Headers(HTMLParser):
    """The page's <title> and the text of its header's first line (class meta)."""

    def __init__(self) -> None:
        super().__init__()
        self.title, self.meta, self._in = "", "", ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" or (tag == "p" and ("class", "meta") in attrs and not self.meta):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = "" if tag == self._in else self._in

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "p":
            self.meta += data


def headers(path: Path) -> Headers:
    parser = Headers()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_cite_cites_the_users_dataset_and_not_the_package(mine: apt.Dataset) -> None:
    text = mine.cite()
    assert text.startswith(f"Invented Lab; A. N. Other. {TITLE}. Data version 2026.1 (from ")
    assert "package" not in text
    assert text.endswith("License: CC0-1.0 (the annotations); the quoted source texts remain "
                         "their authors'.")  # fmt: skip
    entry = mine.cite("bibtex")
    fields = dict(re.findall(r"  (\w+) = \{(.*)\},\n", entry))
    assert fields["title"] == "{" + TITLE.replace("&", r"\&") + "}"
    assert fields["author"] == "{Invented Lab} and {A. N. Other}"
    assert (fields["version"], fields["year"]) == ("2026.1", "2026")
    assert "package" not in fields["note"]
    assert entry.startswith("@misc{invented-transport-events-2026-1,\n")


def test_the_source_view_is_headed_by_the_datasets_name_and_version(
    mine: apt.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.json"  # the command line, as the trial ran it
    path.write_bytes(render(mine.catalog)[DATA_FILE])
    site = tmp_path / "site"
    assert main(["--dataset", str(path), "export", "--format", "html", "--out", str(site)]) == 0
    index, *pages = sorted(site.glob("*.html"), key=lambda p: p.name != "index.html")
    assert pages
    assert headers(index).meta == f"{SHORT} 2026.1"
    assert headers(index).title == f"Sources · {SHORT} 2026.1"
    for page in pages:
        assert headers(page).meta == f"All sources · {SHORT} 2026.1"
    capsys.readouterr()


def test_the_bundled_source_view_keeps_its_label(tmp_path: Path) -> None:
    from aseanplus3_events.exports.html import write_html

    index = write_html(tmp_path)[0]
    assert headers(index).meta == f"aseanplus3-events {apt.data_version()}"


def test_the_notebook_card_is_headed_by_the_title(mine: apt.Dataset) -> None:
    card = mine._repr_html_()
    head = re.search(r"<div[^>]*>([^<]*)</div><strong>([^<]*)</strong>", card)
    assert head is not None
    assert head[2] == TITLE.replace("&", "&amp;")
    assert head[1].endswith("mine.json")  # the file it was read from, above
    assert "<strong>aseanplus3-events: ASEAN" in apt.default_dataset()._repr_html_()


def test_the_data_package_xlsx_and_datasette_say_the_title(
    mine: apt.Dataset, tmp_path: Path
) -> None:
    package = frictionless.Package(str(write_datapackage(tmp_path / "csv", mine)))
    assert (package.title, package.version) == (TITLE, "2026.1")
    assert [c["title"] for c in package.contributors] == list(MAKERS)
    about = load_workbook(write_xlsx(tmp_path / "x.xlsx", mine))["About"]
    rows = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert str(rows["What"]).startswith(f"{TITLE}. ")
    assert rows["Made by"] == "; ".join(MAKERS)
    database = write_sqlite(tmp_path / "events.db", mine)
    with sqlite3.connect(database) as db:  # the database itself
        assert db.execute("SELECT count(*) FROM events").fetchone() == (len(mine.list_events()),)
    from datasette.app import Datasette

    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    datasette = Datasette([str(database)], metadata=metadata)

    async def home() -> Any:
        return (await datasette.client.get("/")).text

    page = asyncio.run(home())
    assert f"<h1>{TITLE.replace('&', '&amp;')}</h1>" in page


def test_linked_data_and_the_dataset_card_say_the_title(mine: apt.Dataset, tmp_path: Path) -> None:
    graph = json.dumps(to_jsonld_graph(mine), ensure_ascii=False)
    assert f'"name": "{SHORT} topics"' in graph
    assert "aseanplus3-events topics" not in graph
    assert to_annotations(mine)["label"].startswith(f"{SHORT} 2026.1: ")
    pytest.importorskip("pyarrow")
    write_parquet(tmp_path, mine)
    card = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert f"\n# {TITLE}\n" in card
    assert f"pretty_name: {json.dumps(TITLE)}" in card
    croissant = json.loads((tmp_path / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["citeAs"] == mine.cite("bibtex")
    assert "aseanplus3-events" not in card + json.dumps(croissant)


def test_what_a_dataset_is_about_is_its_titles_to_say_in_every_description(
    mine: apt.Dataset, tmp_path: Path
) -> None:
    """Every export's description of a dataset said "ASEAN Plus Three cooperation events"
    of a user's own, which its catalog does not say (and the bundled one's title does)."""
    pytest.importorskip("pyarrow")
    for name, ds in (("mine", mine), ("bundled", apt.default_dataset())):
        package = json.loads(write_datapackage(tmp_path / name / "csv", ds).read_bytes())
        write_sqlite(tmp_path / name / "events.db", ds)
        metadata = json.loads((tmp_path / name / "metadata.json").read_bytes())
        write_parquet(tmp_path / name / "parquet", ds)
        croissant = json.loads((tmp_path / name / "parquet" / "croissant.json").read_bytes())
        card = (tmp_path / name / "parquet" / "README.md").read_text(encoding="utf-8")
        heading, about = card.split("\n\n")[1:3]  # the card's title and the paragraph under it
        title = str(ds.catalog.title)  # beside each description, and Croissant's begins with it
        assert (package["title"], metadata["title"], heading) == (title, title, f"# {title}")
        assert croissant["description"].startswith(f"{title}. ")
        said = [package["description"], metadata["description"], about, croissant["description"]]
        assert [s for s in said if "ASEAN" in s.removeprefix(title)] == []
    assert "ASEAN Plus Three" in str(apt.default_dataset().catalog.title)


def test_a_dataset_that_states_no_title_is_given_none_least_of_all_the_bundled_one(
    mine: apt.Dataset, tmp_path: Path
) -> None:
    """catalog.toml promises "what you leave out is left out, never filled in for you": a
    new user's untitled dataset was named "ASEAN Plus Three (10+3) cooperation events"
    (the bundled project's name) by its topic vocabulary, Datasette and dataset card."""
    import rdflib
    import yaml
    from datasette.app import Datasette

    untitled = apt.Dataset(mine.catalog.model_copy(update={"title": None}))
    doc = to_jsonld_graph(untitled)
    graph = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")  # still read
    vocab = rdflib.URIRef(f"{untitled.catalog.base_iri}topics")
    said = {str(p).rsplit("/", 1)[-1]: str(o) for p, o in graph.predicate_objects(vocab)}
    assert "name" not in said
    assert "10+3" not in said["description"]
    assert "(10+3) cooperation events" not in json.dumps(doc)
    database = write_sqlite(tmp_path / "events.db", untitled)
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert "title" not in metadata
    page = asyncio.run(Datasette([str(database)], metadata=metadata).client.get("/")).text
    assert "10+3" not in page  # and Datasette still serves it
    assert frictionless.Package(str(write_datapackage(tmp_path / "csv", untitled))).title is None
    pytest.importorskip("pyarrow")
    write_parquet(tmp_path / "parquet", untitled)
    card = (tmp_path / "parquet" / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(card.split("---\n")[1])
    assert "pretty_name" not in front
    assert "configs" in front
    assert "10+3" not in card


def test_built_beside_another_dataset_the_title_names_both(seeds: Path) -> None:
    # (beside the bundled data itself: test_publish, from the seeds `init` writes)
    mine = build(seeds)
    other = mine.model_copy(update={"title": "Other part", "data_version": "2020.2"})
    both = build(seeds, beside={"other.json": other})
    assert (both.title, both.data_version) == (f"{TITLE} + Other part", "2026.1 + 2020.2")
    untitled = build(seeds, beside={"other.json": mine.model_copy(update={"title": None})})
    assert untitled.title == f"{TITLE} + Untitled dataset"  # no name, the bundled one's least
    assert build(seeds, beside={"mine.json": mine}).title == TITLE  # one part, named once
