"""How a dataset is named (`named`, in every label) and cited (`citation`, text or BibTeX):
only what is known (its creators, title and license as the dataset states them: `Catalog`).
There is no DOI or URL to give, so none is given; BibTeX's ``year`` is the year the data
version states (``YEAR.N``), and a data version that states none gives no year."""

from __future__ import annotations

import json
import re
from functools import partial
from typing import TYPE_CHECKING

from .errors import DatasetError, Problem, UnknownKindError
from .text import slug

if TYPE_CHECKING:
    from .models import Catalog

__all__ = ["STYLES", "TITLE", "UNTITLED", "citation", "named", "rights"]

#: The package's title (CITATION.cff), which the bundled data states as its own.
TITLE = "aseanplus3-events: ASEAN Plus Three (10+3) cooperation events as citable data"
STYLES = ("text", "bibtex", "cff")
#: What a dataset that states no title is labelled: no name, the bundled one's least of all.
UNTITLED = "Untitled dataset"
QUOTED = "the quoted source texts remain their authors'"


def rights(license: str | None) -> str:
    """What a dataset's ``license`` covers, for every place that states it: an SPDX
    expression in parentheses, all of it covering the annotations (``(CC-BY-4.0 AND MIT)``,
    not MIT alone); where the dataset states none, that it states none."""
    spdx = grouped(license) if license else license
    return f"{spdx} (the annotations); {QUOTED}" if license else "The dataset states no license."


def grouped(spdx: str, word: str = " ") -> str:
    """The SPDX expression ``spdx`` in parentheses where ``word`` is in it outside any it
    has: ``(A OR B)`` for ``A OR B``; ``(A OR B)`` and ``A`` as they are."""
    depth, top = 0, ""
    for c in spdx:
        depth -= c == ")"
        top += c if depth == 0 else ""
        depth += c == "("
    return f"({spdx})" if word in top else spdx


def named(catalog: Catalog, short: bool = False) -> str:
    """What a dataset is called wherever it is labelled: its own ``title`` (`UNTITLED` where
    it states none); ``short``: before the title's first colon (what a subtitle follows).

    Examples:
        >>> import aseanplus3_events as apt
        >>> named(apt.default_dataset().catalog, short=True)
        'aseanplus3-events'
    """
    title = catalog.title or UNTITLED
    return title.split(":")[0] if short else title


def citation(
    version: str,
    data_version: str,
    style: str = "text",
    of: str | None = None,
    *,
    title: str | None = None,
    creators: tuple[str, ...] = (),
    license: str | None = None,
) -> str:
    """The citation of data ``data_version``, in ``style`` ``"text"``, ``"bibtex"`` or
    ``"cff"`` (a CITATION.cff, Citation File Format 1.2.0, of ``type: dataset``): its
    ``creators``, ``title`` and ``license`` as the dataset states them, and nothing in
    their place where it does not; the package ``version`` only for the bundled data (the
    package's own), else the name of the file ``of`` it was read from (its name alone: a
    citation is published, the folders it was read from are the publisher's).  Raises
    `UnknownKindError` for another style, `TypeError` for a style not a str, `DatasetError`
    for ``"cff"`` where the dataset states no title or no creators (CFF requires both).

    Examples:
        >>> from aseanplus3_events.citation import citation
        >>> print(citation("0.1.0", "2026.2", of="/home/a/a.json", creators=("A. Lab",), title="T"))
        A. Lab. T. Data version 2026.2 (from a.json).
        >>> "year = {2026}" in citation("0.1.0", "2026.2", "bibtex")
        True
    """
    if not isinstance(style, str):
        raise TypeError(f"style must be a str, not {type(style).__name__}")
    if style not in STYLES:
        raise UnknownKindError(style, STYLES, what="citation style")
    of = of and of.replace("\\", "/").rsplit("/", 1)[-1]
    versions = f"Data version {data_version} (from {of})" if of else (
        f"Python package version {version}, data version {data_version}")  # fmt: skip
    said = ". ".join(p for p in (versions, license and f"License: {rights(license)}") if p)
    if style == "text":
        return ". ".join(p for p in ("; ".join(creators), title, said) if p) + "."
    if style == "cff":
        return _cff(title, creators, data_version, license, said)
    named = title or of or "data"
    key = slug(f"{named.split(':')[0][:40]} {data_version}")
    year = re.match(r"((?:19|20)\d\d)\.\d+$", data_version)  # CalVer YEAR.N
    fields = {"author": " and ".join(f"{{{c}}}" for c in creators),
              "title": f"{{{title}}}" if title else "", "version": data_version,
              "year": year[1] if year else "",
              "note": said}  # fmt: skip
    tex = {name: re.sub(r"([&%$#_])", r"\\\1", value) for name, value in fields.items() if value}
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in tex.items())
    return f"@misc{{{key},\n{body}}}"


def _cff(
    title: str | None, creators: tuple[str, ...], version: str, license: str | None, said: str
) -> str:
    """A CITATION.cff: YAML whose strings are written as JSON writes them (YAML 1.2 reads
    JSON's strings).  Each creator is an entity's ``name`` (a creator is one string, not
    split into a person's given and family names).  CFF reads a list of licenses as
    either one (OR): an AND expression is stated in a comment, not as ``license``."""
    missing = [Problem(f"$.{k}", f"CITATION.cff requires one: give {k} in catalog.toml")
               for k, v in (("title", title), ("creators", creators)) if not v]  # fmt: skip
    if missing:
        raise DatasetError(missing, origin="cite --style cff")
    ids = re.split(r"\s+OR\s+", license.strip("()")) if license else []
    message = f"If you use these data, please cite them so. {said}."
    dump = partial(json.dumps, ensure_ascii=False)  # "Trần", not "Tr\u1ea7n": for people
    lines = ["cff-version: 1.2.0", f"message: {dump(message)}", "type: dataset",
             f"title: {dump(title)}", "authors:", *(f"  - name: {dump(c)}" for c in creators),
             f"version: {dump(version)}"]  # fmt: skip
    if license and " AND " in license:
        lines.append(f"# license: {license} (CFF's license list means any one of them)")
    elif ids:
        lines.append(f"license: {json.dumps(ids[0] if len(ids) == 1 else ids)}")
    return "\n".join(lines)
