"""What data catalogs read beside the Parquet files: a dataset card (``README.md`` whose
YAML header names one Hugging Face ``datasets`` config per table) and a Croissant 1.0
description (``croissant.json``, MLCommons), each with the license and the citation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aseanplus3_events.atomic import json_bytes, write_atomic
from aseanplus3_events.citation import named, rights
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.exports.tables import CONTENTS, Table, short_name
from aseanplus3_events.text import slug

__all__ = ["croissant", "write_cards"]

ABOUT = f"{CONTENTS} (the evidence table)."
_CR = (
    "citeAs column equivalentProperty extract field fileProperty fileObject fileSet format "
    "includes isLiveDataset jsonPath key md5 parentField path recordSet references regex "
    "repeated replace samplingRate separator source subField transform"
)
#: Croissant 1.0's JSON-LD context, as its specification gives it.
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/", "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
} | {term: f"cr:{term}" for term in _CR.split()}  # fmt: skip
_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "boolean": "sc:Boolean",
          "date": "sc:Date", "list": "sc:Text"}  # fmt: skip
#: What no license of a dataset covers: the article texts, which the tables quote.
RIGHTS = (
    "It does not cover the source texts: the `sources` table's `text`, every `quote` of "
    "the `evidence` table and the record fields that quote a source word for word are "
    "quoted verbatim so that every fact can be checked against its source; their rights "
    "remain with their authors, and this dataset grants no license for them."
)


def croissant(tables: Sequence[Table], paths: Sequence[Path], ds: Dataset) -> dict[str, Any]:
    """The Croissant description of ``tables`` written to the Parquet files ``paths``."""
    files = [{"@type": "cr:FileObject", "@id": p.name, "name": p.name, "contentUrl": p.name,
              "encodingFormat": "application/x-parquet",
              "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in paths]  # fmt: skip
    sets = [{"@type": "cr:RecordSet", "@id": t.name, "name": t.name, "description": t.description,
             "key": [{"@id": f"{t.name}/{k}"} for k in t.primary_key],
             "field": [{"@type": "cr:Field", "@id": f"{t.name}/{c.name}", "name": c.name,
                        "dataType": _TYPES[c.type], "repeated": c.type == "list",
                        "source": {"fileObject": {"@id": p.name}, "extract": {"column": c.name}}}
                       for c in t.columns]}
            for t, p in zip(tables, paths, strict=True)]  # fmt: skip
    license = {"license": rights(ds.catalog.license)} if ds.catalog.license else {}
    title = f"{ds.catalog.title}. " if ds.catalog.title else ""  # Croissant has no title field
    return {"@context": CONTEXT, "@type": "sc:Dataset", "name": short_name(ds),
            "description": title + ABOUT, "conformsTo": "http://mlcommons.org/croissant/1.0",
            **license, "version": ds.data_version, "citeAs": ds.cite("bibtex"),
            "distribution": files, "recordSet": sets}  # fmt: skip


def write_cards(folder: Path, tables: Sequence[Table], paths: Sequence[Path], ds: Dataset) -> None:
    """Write ``README.md`` (the dataset card) and ``croissant.json`` into ``folder``,
    each atomically (`write_atomic`)."""
    configs = "".join(f"- config_name: {t.name}\n  data_files: {p.name}\n"
                      + ("  default: true\n" if t.name == "events" else "")
                      for t, p in zip(tables, paths, strict=True))  # fmt: skip
    listing = "".join(f"- `{t.name}`: {t.description}\n" for t in tables)
    license = ds.catalog.license  # as the dataset states it: none is stated in its place
    terms = (f"license: other\nlicense_name: {slug(license)}-except-quoted-source-texts\n"
             f"license_details: {json.dumps(rights(license))}\n") if license else ""  # fmt: skip
    covers = (f"The dataset's license, {license}, covers the annotations: the records, their "
              "ids, spans and links, and the dataset's own wording (kinds, notes, "
              "descriptions). ") if license else f"{rights(None)} "  # fmt: skip
    title = named(ds.catalog)
    pretty = f"pretty_name: {json.dumps(title)}\n" if ds.catalog.title else ""  # none for none
    card = (f"---\n{terms}{pretty}configs:\n{configs}---\n\n"
            f"# {title}\n\n{ABOUT} Data version {ds.data_version}.\n\n## Tables\n\n{listing}\n"
            f"## License\n\n{covers}{RIGHTS}\n\n## Citation\n\n{ds.cite()}\n\n"
            f"```bibtex\n{ds.cite('bibtex')}\n```\n")  # fmt: skip
    write_atomic(folder / "README.md", card.encode("utf-8"))
    write_atomic(folder / "croissant.json", json_bytes(croissant(tables, paths, ds)))
