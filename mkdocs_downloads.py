"""MkDocs hook: every export of the bundled dataset, written into the site's
``downloads/`` at build time, and the pages that show the data and link the files.

Each format of ``aseanplus3-events export`` (`aseanplus3_events.cli.FORMATS`) becomes one
download: a file format as it is, a folder format as a zip (fixed timestamps, so a build
is reproducible).  ``csv`` is inside the data package zip, and ``html`` is the site's own
source view, so neither is offered twice; beside the annotations goes the part of the
W3C's context they use, so that they can be read offline, and beside the database what
the command writes beside it (Datasette's ``metadata.json``).  In a page,
``<!-- downloads -->`` becomes the table of downloads (file, size, what it is for) and
``<!-- dataset summary -->`` a sentence on what the bundled dataset holds; nothing
generated is committed.
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

#: What each download is for, by export format (a new format falls back to its --help).
PURPOSE = {
    "xlsx": "a workbook for Excel or LibreOffice: one sheet per table, every text as text",
    "datapackage": "the CSV tables with `datapackage.json` (Frictionless): types, keys and "
    "links, for R, pandas, frictionless or any spreadsheet",
    "parquet": "typed Parquet tables for DuckDB, Spark, pandas or polars, with a dataset "
    "card for Hugging Face `datasets` and a Croissant description",
    "sqlite": "an SQLite database for Datasette, sqlite-utils or any SQL client",
    "sqlite-metadata": "the database's title, license, source and column descriptions for "
    "Datasette: `datasette aseanplus3-events.db --metadata aseanplus3-events-metadata.json`",
    "jsonld": "every event as schema.org JSON-LD, for knowledge graphs (rdflib, SPARQL)",
    "annotations": "every quote as a W3C Web Annotation, for annotation tools",
    "anno-context": "the W3C annotation context's terms the annotations use, to read them "
    "offline (below)",
    "json": "the dataset file itself, what `apt.load_dataset` and `validate` read",
}
SKIPPED = {"csv", "html"}
NAMES = {"annotations": "aseanplus3-events-annotations.jsonld", "sqlite": "aseanplus3-events.db",
         "anno-context": "w3c-anno-context.jsonld"}  # fmt: skip
_DOWNLOADS: dict[str, tuple[str, int]] = {}  # file name -> (format, size in bytes)


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), (1980, 1, 1, 0, 0, 0))
            archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def exports() -> dict[str, tuple[str, bytes]]:
    """File name -> (format, bytes) for every download, in the order of `PURPOSE`."""
    from aseanplus3_events import default_dataset
    from aseanplus3_events.cli import FORMATS

    ds, options = default_dataset(), argparse.Namespace(context="embedded")
    order = [*PURPOSE, *(n for n in FORMATS if n not in PURPOSE)]
    out = {}
    for name in (n for n in order if n in FORMATS and n not in SKIPPED):
        fmt = FORMATS[name]
        if fmt.file is not None:
            file_name = NAMES.get(name, f"aseanplus3-events.{name}")
            out[file_name] = (name, fmt.file(ds, options))
            if fmt.beside is not None:  # what the command writes beside the file
                beside, data = fmt.beside(ds, file_name)
                out[f"aseanplus3-events-{beside}"] = (f"{name}-{Path(beside).stem}", data)
        elif fmt.folder is not None:
            with tempfile.TemporaryDirectory() as tmp:
                fmt.folder(Path(tmp), ds, options)
                out[f"aseanplus3-events-{name}.zip"] = (name, _zip(Path(tmp)))
        if name == "annotations":  # what a JSON-LD processor fetches from the W3C
            from aseanplus3_events.exports.annotations import CONTEXT

            context = json.dumps({"@context": CONTEXT}, indent=2) + "\n"
            out[NAMES["anno-context"]] = ("anno-context", context.encode("utf-8"))
    return out


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    from mkdocs.structure.files import File

    _DOWNLOADS.clear()
    for file_name, (name, data) in exports().items():
        files.append(File.generated(config, f"downloads/{file_name}", content=data))
        _DOWNLOADS[file_name] = (name, len(data))
    return files


def _table(page: Any) -> str:
    from aseanplus3_events.cli import FORMATS

    up = "../" * page.file.src_uri.count("/")
    rows = [
        f"| [{f}]({up}downloads/{f}) | {max(size / 1024, 1):,.0f} KiB | "
        f"{PURPOSE[name] if name in PURPOSE else FORMATS[name].writes} |"
        for f, (name, size) in _DOWNLOADS.items()
    ]
    return "| file | size | what it is for |\n|---|---|---|\n" + "\n".join(rows) + "\n"


def _summary() -> str:
    from aseanplus3_events import default_dataset
    from aseanplus3_events.notebook import cited_facts

    catalog = default_dataset().catalog
    events = catalog.events
    sessions = sum(len(e.sessions) for e in events)
    statements = sum(len(e.statements) for e in events)
    texts = [s for s in catalog.sources if s.text is not None]
    quotes = cited_facts(catalog)

    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return (
        f"{count(len(events), 'event', 'events')} with {count(sessions, 'session', 'sessions')}"
        f" and {count(statements, 'statement', 'statements')}, "
        f"{count(len(catalog.organizations), 'organization', 'organizations')} and "
        f"{count(len(catalog.people), 'person', 'people')}, backed by "
        f"{count(quotes, 'quote', 'quotes')} from "
        f"{count(len(texts), 'source text', 'source texts')} (data version {catalog.data_version})"
    )


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if "<!-- downloads -->" in markdown:
        markdown = markdown.replace("<!-- downloads -->", _table(page))
    if "<!-- dataset summary -->" in markdown:
        markdown = markdown.replace("<!-- dataset summary -->", _summary())
    return markdown
