"""An Excel workbook of the tables, safe to open in a spreadsheet: ``write_xlsx(path)``.

One worksheet per table of `tables`, in the same order, with the field names as the
first row.  Every text is written as a text cell (type ``s``), so that a spreadsheet shows
it and never evaluates it: a value starting with ``=``, ``+``, ``-`` or ``@`` stays the
text it is, and nothing is prefixed or changed.  Integers are numbers; booleans are
boolean cells (TRUE, FALSE); dates are their ISO text (``2023-07-14``); a list is one text
cell joined as in the CSV files.

Written with openpyxl, the optional extra ``xlsx``::

    pip install 'aseanplus3-events[xlsx]'

A spreadsheet cell holds at most 32,767 characters, and the XML inside the file cannot
hold control characters other than tab, line feed and carriage return; a value beyond
either is refused with a `ValueError` naming its table, row and field, rather than cut.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports import require
from aseanplus3_events.exports.tables import Table, tables, text_cells

__all__ = ["EXTRA", "MAX_CELL", "write_xlsx"]

#: How to install what this module needs.
EXTRA = "pip install 'aseanplus3-events[xlsx]'"
#: The most characters a cell holds (Excel's limit).
MAX_CELL = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _openpyxl() -> Any:
    cell = require("openpyxl.cell", "xlsx", "the xlsx export")
    return require("openpyxl", "xlsx", "the xlsx export"), cell.WriteOnlyCell


def _check(table: Table, texts: list[list[str]]) -> None:
    for n, text in enumerate(texts, start=2):  # row 1 holds the field names
        for shown, (name, _) in zip(text, table.fields, strict=True):
            if len(shown) > MAX_CELL:
                why = f"is {len(shown):,} characters long; a cell holds at most {MAX_CELL:,}"
            elif _ILLEGAL.search(shown):
                why = "holds a control character that an xlsx file cannot store"
            else:
                continue
            raise ValueError(f"{table.name}, row {n}, field {name!r}: the value {why}")


def write_xlsx(path: str | Path, dataset: Dataset | None = None) -> Path:
    """Write the tables as one workbook at ``path`` (its folder must exist); return it.

    Raises `ModuleNotFoundError` naming the extra ``xlsx`` when openpyxl is missing, and
    `ValueError` for a value no spreadsheet cell can hold (see the module's text).

    Examples:
        >>> import tempfile, openpyxl
        >>> from aseanplus3_events.exports.xlsx import write_xlsx
        >>> path = write_xlsx(tempfile.mkdtemp() + "/events.xlsx")
        >>> book = openpyxl.load_workbook(path)
        >>> book.sheetnames[:3]
        ['sources', 'countries', 'topics']
        >>> [cell.value for cell in book["events"][2]][3:8:4]
        ['seminar', '2023-07-14']
    """
    openpyxl, write_only_cell = _openpyxl()
    prepared = [(table, list(text_cells(table))) for table in tables(dataset)]
    for table, texts in prepared:  # refuse before writing anything
        _check(table, texts)
    book = openpyxl.Workbook(write_only=True)
    for table, texts in prepared:
        sheet = book.create_sheet(table.name)
        sheet.freeze_panes = "A2"
        sheet.append([name for name, _ in table.fields])
        kinds = [kind for _, kind in table.fields]
        for row, text in zip(table.rows, texts, strict=True):
            cells: list[Any] = []
            for value, shown, kind in zip(row, text, kinds, strict=True):
                if value is None or shown == "":  # None or an empty list: an empty cell
                    cells.append(None)
                elif kind in ("integer", "boolean"):
                    cells.append(value)
                else:
                    cell = write_only_cell(sheet, value=shown)
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                    cells.append(cell)
            sheet.append(cells)
    out = Path(path)
    book.save(out)
    return out
