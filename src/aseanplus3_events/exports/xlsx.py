"""An Excel workbook of the tables, safe to open in a spreadsheet: ``write_xlsx(path)``.

An "About" sheet first (what the data is, the package and data versions, the license,
how to cite it and how to check a quote), then one worksheet per table of `tables`, in
the same order, with the field names as a bold, frozen first row, a filter on every
column, and column widths that fit their values (up to `MAX_WIDTH`).  Every text is
written as a text cell (type ``s``), so that a spreadsheet shows it and never evaluates
it: a value starting with ``=``, ``+``, ``-`` or ``@`` stays the text it is, and nothing
is prefixed or changed.  Integers are numbers; booleans are boolean cells (TRUE, FALSE);
dates are their ISO text (``2023-07-14``); a list is one text cell joined as in the CSV
files.

Written with openpyxl, the optional extra ``xlsx``::

    pip install 'aseanplus3-events[xlsx]'

A spreadsheet cell holds at most 32,767 characters, and the XML inside the file cannot
hold control characters other than tab, line feed and carriage return, nor U+FFFE, U+FFFF
or a lone surrogate; a value beyond either is refused with a `ValueError` naming its
table, row, record and field, rather than cut.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from aseanplus3_events.atomic import write_atomic
from aseanplus3_events.citation import named, rights
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports import dataset_or_bundled, require
from aseanplus3_events.exports.tables import DESCRIPTION, Table, tables, text_cells

__all__ = ["MAX_CELL", "write_xlsx"]

#: The most characters a cell holds (Excel's limit).
MAX_CELL = 32_767
#: The widest a column is made (in characters); longer values wrap or show in full when
#: selected.
MAX_WIDTH = 60
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not XML 1.0


def _check(table: Table, texts: list[list[str]]) -> None:
    for n, text in enumerate(texts, start=2):  # row 1 holds the field names
        for shown, (name, _) in zip(text, table.fields, strict=True):
            if len(shown) > MAX_CELL:
                why = f"is {len(shown):,} characters long; a cell holds at most {MAX_CELL:,}"
            elif found := _ILLEGAL.search(shown):
                why = f"holds U+{ord(found[0]):04X}, a character that an xlsx file cannot store"
            else:
                continue
            names = [field for field, _ in table.fields]
            key = ", ".join(text[names.index(k)] for k in table.primary_key)
            raise ValueError(f"{table.name}, row {n} ({key}), field {name!r}: the value {why}")


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
        ['About', 'sources', 'countries']
        >>> events = book["events"]
        >>> events["A1"].font.b, events.freeze_panes, events.auto_filter.ref
        (True, 'A2', 'A1:R...')
        >>> events.auto_filter.ref == f"A1:R{events.max_row}"  # every column, every row
        True
        >>> row = next(r for r in events.iter_rows(values_only=True)
        ...            if r[0] == "apt-low-carbon-seminar-2023")
        >>> row[3:8:4]
        ('seminar', '2023-07-14')
    """
    openpyxl = require("openpyxl", "xlsx", "the xlsx export")
    ds = dataset_or_bundled(dataset)
    prepared = [(table, list(text_cells(table))) for table in tables(ds)]
    for table, texts in prepared:  # refuse before writing anything
        _check(table, texts)
    book = openpyxl.Workbook(write_only=True)
    bold, letter = openpyxl.styles.Font(bold=True), openpyxl.utils.get_column_letter

    def text(sheet: Any, value: str, font: Any = None) -> Any:
        cell = openpyxl.cell.WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text, never a formula, whatever it starts with
        if font is not None:
            cell.font = font
        return cell

    about = book.create_sheet("About")
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 22, 100
    for heading, words in _about(ds, [t for t, _ in prepared]):
        about.append([text(about, heading, bold), text(about, words)])
    for table, texts in prepared:
        sheet = book.create_sheet(table.name)
        sheet.freeze_panes = "A2"
        names = [c.name for c in table.columns]
        sheet.auto_filter.ref = f"A1:{letter(len(names))}{len(texts) + 1}"
        for n, name in enumerate(names):
            widest = max([len(name), *(len(row[n]) for row in texts)])
            sheet.column_dimensions[letter(n + 1)].width = min(widest + 2, MAX_WIDTH)
        sheet.append([text(sheet, name, bold) for name in names])
        numbers = [c.type in ("integer", "boolean") for c in table.columns]
        for row, shown_row in zip(table.rows, texts, strict=True):
            sheet.append(  # None or an empty list: an empty cell
                None if value is None or shown == "" else value if number else text(sheet, shown)
                for value, shown, number in zip(row, shown_row, numbers, strict=True)
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return write_atomic(path, buffer.getvalue())


def _about(ds: Dataset, tables: list[Table]) -> list[tuple[str, str]]:
    """The rows of the About sheet."""
    from importlib.metadata import version

    cat = ds.catalog  # who made it and its license, only as the dataset states them
    return [
        ("What", f"{named(cat)}. {DESCRIPTION}"),
        *([("Made by", "; ".join(cat.creators))] if cat.creators else []),
        ("Package version", f"aseanplus3-events {version('aseanplus3-events')}"),
        ("Data version", ds.data_version),
        ("License", rights(cat.license)),
        ("Sources", "; ".join(s.title for s in ds.sources())),
        ("How to cite", f"{ds.cite()} Every fact cites its source in the evidence sheet."),
        (
            "How to check a quote",
            "Each row of the evidence sheet quotes its source exactly: the text of that "
            "source (the sources sheet, column text) from character start to end (counted "
            "from 0, end excluded) equals quote; in a formula, MID(text, start + 1, end - "
            "start).",
        ),
        ("Sheets", "One per table; ids join them (see the package's docs, Tables)."),
        *((t.name, t.description) for t in tables),
    ]
