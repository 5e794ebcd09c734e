"""How to cite the data: CITATION.cff against the Citation File Format's published schema,
`cite()` in text and BibTeX, the command line and the data package, all naming the same
versions and nothing no one knows (no DOI, no URL, no year)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import aseanplus3_events as apt
from aseanplus3_events.citation import STYLES, TITLE
from aseanplus3_events.exports.tables import write_datapackage
from conftest import ROOT

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Citation File Format 1.2.0's schema.json, as published (tests/fixtures/README.md)
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "cff-schema-1.2.0.json").read_text("utf-8"))
INVENTED = re.compile(r"https?://|doi|10\.\d{4,}/|\b(?:19|20)\d\d\b", re.I)


def invented(text: str) -> bool:
    """Whether ``text`` gives a URL, a DOI or a year (other than in the data version)."""
    return (
        INVENTED.search(
            text.replace(apt.data_version(), "").replace(apt.data_version().replace(".", "-"), "")
        )
        is not None
    )


def test_citation_cff_is_valid_against_the_published_schema() -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(CFF)] == []
    broken = {k: v for k, v in CFF.items() if k != "authors"}  # the schema does check
    assert not validator.is_valid(broken)
    assert not validator.is_valid(CFF | {"license": "MIT License"})


def test_citation_cff_says_what_the_package_says_and_nothing_more() -> None:
    # the version is written once, in the package (pyproject reads it: dynamic)
    assert "version" not in PROJECT
    assert "version" in PROJECT["dynamic"]
    assert CFF["version"] == apt.__version__
    assert CFF["authors"] == PROJECT["authors"]
    assert CFF["license"] == PROJECT["license"]
    assert CFF["title"] == TITLE
    assert CFF["keywords"] == PROJECT["keywords"]
    for unknown in ("doi", "url", "repository-code", "date-released", "identifiers"):
        assert unknown not in CFF
    assert not invented(json.dumps(CFF))


def _own(tmp_path: Path, **stated: Any) -> apt.Dataset:
    """The bundled data as a file of one's own, stating ``stated`` of itself."""
    path = tmp_path / "my_events.json"
    data = json.loads(apt.default_dataset().catalog.model_dump_json()) | stated
    path.write_text(json.dumps({k: v for k, v in data.items() if v is not None}), "utf-8")
    return apt.load_dataset(path)


@pytest.mark.parametrize(
    ("license", "stated"),
    [("CC-BY-4.0", "CC-BY-4.0"), ("CC-BY-4.0 OR MIT", ["CC-BY-4.0", "MIT"]), (None, None),
     ("CC-BY-4.0 AND MIT", None)],
)  # fmt: skip
def test_a_dataset_cites_itself_as_a_valid_citation_cff(
    tmp_path: Path, license: str | None, stated: Any
) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    creators = ["Water Governance Lab, Example University", "Trần Văn Đức"]
    mine = _own(tmp_path, title="Urban water: events", creators=creators, license=license)
    text = mine.cite("cff")
    cff = yaml.safe_load(text)
    assert [e.message for e in validator.iter_errors(cff)] == []
    assert cff["type"] == "dataset"
    assert cff["title"] == "Urban water: events"
    assert cff["authors"] == [{"name": c} for c in creators]
    assert '  - name: "Trần Văn Đức"' in text.splitlines()  # as a person reads it
    assert cff["version"] == mine.data_version
    assert cff.get("license") == stated
    assert (f"# license: {license} " in text) == (license is not None and " AND " in license)
    assert "my_events.json" in cff["message"]
    assert str(tmp_path) not in text
    assert not invented(text)


def test_a_citation_cff_needs_what_the_format_requires(tmp_path: Path) -> None:
    mine = _own(tmp_path, title=None, creators=[])
    with pytest.raises(apt.DatasetError) as caught:
        mine.cite("cff")
    assert [p.path for p in caught.value.problems] == ["$.title", "$.creators"]
    assert "CITATION.cff requires" in str(caught.value)
    # the schema agrees: both are required
    assert {"title", "authors"} <= set(SCHEMA["required"])


def test_cite_names_the_package_and_data_versions() -> None:
    text = apt.cite()
    assert text == apt.default_dataset().cite("text")
    assert f"package version {apt.__version__}, data version {apt.data_version()}" in text
    assert text.startswith(f"aseanplus3-events developers. {TITLE}.")
    assert "\n" not in text
    assert not invented(text)


def test_bibtex_is_one_well_formed_entry() -> None:
    entry = apt.cite(style="bibtex")
    match = re.fullmatch(r"@misc\{([^,\s{}]+),\n((?:  \w+ = \{.*\},\n)+)\}", entry)
    assert match is not None, entry
    fields = dict(re.findall(r"  (\w+) = \{(.*)\},\n", match[2]))
    assert fields["author"] == "{aseanplus3-events developers}"  # one corporate author
    assert fields["title"] == "{" + TITLE + "}"  # capitals kept as written
    assert fields["version"] == apt.data_version()  # the data's, cited
    assert match[1] == f"aseanplus3-events-{apt.data_version().replace('.', '-')}"
    assert f"Python package version {apt.__version__}, data version" in fields["note"]
    for value in fields.values():
        assert value.count("{") == value.count("}")
    assert not invented(entry.replace("year = {2026}", ""))
    # the year is the one the data version states (CalVer YEAR.N), and no other
    assert fields["year"] == apt.data_version().split(".")[0] == "2026"


def test_bibtex_gives_no_year_where_the_data_version_states_none() -> None:
    from aseanplus3_events.citation import citation

    for data_version in ("1.0", "2026-beta", "v2026.1", "20260.1"):
        entry = citation("0.1.0", data_version, "bibtex")
        assert "year" not in entry, data_version
    assert "  year = {1999},\n" in citation("0.1.0", "1999.12", "bibtex")


def test_a_dataset_of_your_own_says_which_file_it_is(tmp_path: Path) -> None:
    path = tmp_path / "my_events.json"
    path.write_bytes(apt.default_dataset().catalog.model_dump_json().encode())
    mine = apt.load_dataset(path)
    assert f"Data version {mine.data_version} (from my_events.json)" in mine.cite()
    assert str(tmp_path) not in mine.cite() + mine.cite("bibtex")  # the publisher's folders
    assert r"my\_events.json" in mine.cite("bibtex")  # escaped for TeX


def test_a_wrong_style_is_the_package_error_naming_the_closest_styles() -> None:
    with pytest.raises(
        apt.UnknownKindError, match=r"^unknown citation style 'bibtx'; closest: 'bibtex'$"
    ):
        apt.cite("bibtx")
    with pytest.raises(
        apt.AseanPlusThreeError,
        match=r"^unknown citation style 'apa'; none is close \(the styles are text, bibtex, cff\)$",
    ):
        apt.default_dataset().cite("apa")
    with pytest.raises(TypeError, match=r"^style must be a str, not int$"):
        apt.cite(1)  # type: ignore[arg-type]


def test_the_command_line_cites(tmp_path: Path) -> None:
    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "aseanplus3_events", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    assert run("cite") == apt.cite() + "\n"
    assert run("cite", "--style", "bibtex") == apt.cite("bibtex") + "\n"
    assert run("cite", "--style", "cff") == apt.cite("cff") + "\n"
    assert "{" + ",".join(STYLES) + "}" in run("cite", "--help")  # every style, no other
    assert "cite" in run("--help")


def test_the_data_package_carries_the_citation(tmp_path: Path) -> None:
    descriptor = json.loads(write_datapackage(tmp_path).read_text(encoding="utf-8"))
    assert descriptor["citation"] == apt.cite()
    assert "homepage" not in descriptor  # the project has none yet
