"""The Parquet folder as data catalogs read it: Hugging Face `datasets` loads each table
from its dataset card offline, and MLCommons' `mlcroissant` validates croissant.json and
reads the records back."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
from pathlib import Path
from typing import Any

import pytest
import yaml

import aseanplus3_events as apt
from aseanplus3_events.citation import rights
from aseanplus3_events.exports.catalogs import RIGHTS
from aseanplus3_events.exports.parquet import write_parquet
from aseanplus3_events.exports.tables import tables

TABLES = {t.name: t for t in tables()}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet")
    write_parquet(out)
    return out


def test_the_card_names_one_config_per_table_the_license_and_the_citation(folder: Path) -> None:
    text = (folder / "README.md").read_text(encoding="utf-8")
    header, body = text.removeprefix("---\n").split("\n---\n", 1)
    meta = yaml.safe_load(header)
    # MIT covers the code and annotations, not the quoted source texts (README.md): the
    # card says so, and names no license for those texts
    assert (meta["license"], meta["license_details"]) == ("other", rights("MIT"))
    section = body.split("## License\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.endswith(RIGHTS)
    for words in ("license, MIT,", "`sources` table's `text`", "`quote`", "remain with their"):
        assert words in section
    configs = meta["configs"]
    assert [c["config_name"] for c in configs] == list(TABLES)
    assert all((folder / c["data_files"]).is_file() for c in configs)
    assert [c["config_name"] for c in configs if c.get("default")] == ["events"]
    assert apt.cite() in body
    assert apt.cite("bibtex") in body
    for table in TABLES.values():
        assert f"- `{table.name}`: {table.description}" in body


def test_hugging_face_datasets_loads_every_table_offline(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))  # no cache of the user's
    import datasets

    for name, table in TABLES.items():
        if not table.rows:  # datasets 3 cannot read a Parquet file of no rows: "ArrowInvalid:
            continue  # BatchSize must be greater than 0" (the bundled attendance, for one)
        split = datasets.load_dataset(str(folder), name, split="train")
        assert split.column_names == [c.name for c in table.columns], name
        rows = [tuple(row.values()) for row in split]
        want = [tuple(list(v) if isinstance(v, tuple) else v for v in r) for r in table.rows]
        assert rows == want, name
    default = datasets.load_dataset(str(folder), split="train")  # the card's default
    assert default["id"] == [e.id for e in apt.list_events()]


def _plain(value: Any) -> Any:
    """mlcroissant's value as the tables hold it: bytes as text, timestamps as dates."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dt.datetime):  # a pandas Timestamp
        return value.date()
    return value


# mlcroissant 1.1's own call, deprecated by pandas 3 (not ours to fix)
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index")
def test_mlcroissant_validates_the_description_and_reads_the_records(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import mlcroissant as mlc

    with caplog.at_level(logging.WARNING):
        dataset = mlc.Dataset(jsonld=folder / "croissant.json")
    # no error, and the one warning is what no one knows (a publication date)
    warnings = [r.getMessage() for r in caplog.records if "validation" in r.getMessage()]
    assert all("datePublished" in w and w.count(" - ") == 1 for w in warnings), warnings
    assert not [r for r in caplog.records if "not standard" in r.getMessage()]  # the context
    for name in ("events", "sessions", "participations", "evidence"):
        records = list(itertools.islice(dataset.records(name), 100))
        table = TABLES[name]
        got = [tuple(_plain(r[f"{name}/{c.name}"]) for c in table.columns) for r in records]
        assert got == list(table.rows[:100]), name
    description = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
    assert description["citeAs"] == apt.cite("bibtex")
    assert description["version"] == apt.data_version()
    assert description["license"] == rights("MIT")  # not bare "MIT": the quoted texts are not
    assert "url" not in description  # the dataset has no web address yet


def test_a_failed_write_leaves_the_previous_card_intact(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card and croissant.json are written atomically, as every other export: a
    write that fails (a full disk, here at the flush to disk) keeps the previous file."""
    from aseanplus3_events.exports.catalogs import write_cards

    paths = [folder / f"{name}.parquet" for name in TABLES]
    for name in ("README.md", "croissant.json"):
        (tmp_path / name).write_text("the previous export\n", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_cards(tmp_path, list(TABLES.values()), paths, apt.default_dataset())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "croissant.json"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "the previous export\n"
    monkeypatch.undo()
    write_cards(tmp_path, list(TABLES.values()), paths, apt.default_dataset())
    assert (tmp_path / "croissant.json").read_bytes() == (folder / "croissant.json").read_bytes()
    assert (tmp_path / "README.md").read_bytes() == (folder / "README.md").read_bytes()
