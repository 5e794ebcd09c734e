"""The xlsx workbook, read back with openpyxl: every table a sheet, every text a text cell
(never a formula), every value exactly as in the data."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aseanplus3_events as apt
from aseanplus3_events.cli import main
from aseanplus3_events.exports.tables import tables, text_cells
from aseanplus3_events.exports.xlsx import MAX_CELL, write_xlsx
from conftest import ARTICLE_ID, FORMULA_STARTS, dataset_with_text_before


def check_workbook(path: Path, ds: apt.Dataset) -> None:
    book = openpyxl.load_workbook(path)
    expected = tables(ds)
    assert book.sheetnames == [t.name for t in expected]
    for table in expected:
        sheet = book[table.name]
        header, *body = list(sheet.iter_rows())
        assert [c.value for c in header] == [name for name, _ in table.fields]
        assert len(body) == len(table.rows), table.name
        for cells, row, text in zip(body, table.rows, text_cells(table), strict=True):
            for cell, value, shown, (name, kind) in zip(
                cells, row, text, table.fields, strict=True
            ):
                if value is None or shown == "":
                    assert cell.value is None, (table.name, name)
                elif kind == "integer":
                    assert (cell.value, cell.data_type) == (value, "n"), (table.name, name)
                else:
                    assert (cell.value, cell.data_type) == (shown, "s"), (table.name, name)


def test_the_workbook_holds_every_table_as_it_is(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "events.xlsx")
    check_workbook(path, apt.default_dataset())
    book = openpyxl.load_workbook(path)
    events = book["events"]
    assert [c.value for c in events[2]][:5] == [
        "apt-low-carbon-seminar-2023",
        "ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership",
        None,
        "seminar",
        "2023-07-14",
    ]


@pytest.mark.parametrize("prefix", ["-40% emissions", "=1+1", "+x", "@SUM(A1)", "\tt", "\r\n"])
def test_text_that_looks_like_a_formula_stays_text(prefix: str, tmp_path: Path) -> None:
    ds = dataset_with_text_before(prefix)
    path = write_xlsx(tmp_path / "events.xlsx", ds)
    check_workbook(path, ds)
    book = openpyxl.load_workbook(path)
    texts = {row[0]: row[-1] for row in book["sources"].iter_rows(min_row=2, values_only=True)}
    assert texts[ARTICLE_ID] == ds.get_source(ARTICLE_ID).text
    assert texts[ARTICLE_ID].startswith(prefix)
    for record_id, n, source, start, end, quote in (
        (r[1], r[2], r[3], r[4], r[5], r[6])
        for r in book["evidence"].iter_rows(min_row=2, values_only=True)
    ):
        assert texts[source][start:end] == quote, (record_id, n)


@settings(max_examples=10, deadline=None)
@given(
    prefix=st.builds(
        str.__add__,
        st.sampled_from(FORMULA_STARTS),
        st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=20),
    )
)
def test_any_such_text_stays_text(prefix: str) -> None:
    ds = dataset_with_text_before(prefix)
    with tempfile.TemporaryDirectory() as folder:
        check_workbook(write_xlsx(Path(folder) / "events.xlsx", ds), ds)


def test_a_value_no_cell_can_hold_is_refused_not_cut(tmp_path: Path) -> None:
    long = dataset_with_text_before("x" * MAX_CELL)
    with pytest.raises(ValueError, match=r"sources, row 2, field 'text': the value is 3[\d,]+ "):
        write_xlsx(tmp_path / "long.xlsx", long)
    control = dataset_with_text_before("\x07bell")
    with pytest.raises(ValueError, match="holds a control character"):
        write_xlsx(tmp_path / "control.xlsx", control)


def test_the_cli_writes_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.xlsx"
    assert main(["export", "--format", "xlsx", "--out", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out}\n"
    check_workbook(out, apt.default_dataset())
    # without --out the workbook goes to standard output, unless that is a terminal
    # (tests/test_cli.py runs both)


def test_without_openpyxl_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [m for m in sys.modules if m == "openpyxl" or m.startswith("openpyxl.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'aseanplus3-events\[xlsx\]'"):
        write_xlsx(tmp_path / "x.xlsx")
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "--format xlsx needs openpyxl, which is not installed" in capsys.readouterr().err
