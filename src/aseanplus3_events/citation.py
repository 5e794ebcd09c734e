"""How to cite a dataset, in text or BibTeX, naming both versions: only what is known
(its creators, title and license as the dataset states them: `Catalog`).
There is no DOI or URL to give, so none is given; BibTeX's ``year`` is the year the data
version states (``YEAR.N``), and a data version that states none gives no year."""

from __future__ import annotations

import re

from .errors import UnknownKindError
from .text import slug

__all__ = ["STYLES", "TITLE", "citation", "rights"]

#: The package's title (CITATION.cff), which the bundled data states as its own.
TITLE = "aseanplus3-events: ASEAN Plus Three (10+3) cooperation events as citable data"
STYLES = ("text", "bibtex")
QUOTED = "the quoted source texts remain their authors'"


def rights(license: str | None) -> str | None:
    """What a dataset's ``license`` covers, for every place that states it; None where the
    dataset states no license (nothing is stated in its place)."""
    return f"{license} (the annotations); {QUOTED}" if license else None


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
    """The citation of data ``data_version`` (read from the file ``of``, where it is not
    the bundled data) read with package ``version``, in ``style`` ``"text"`` or
    ``"bibtex"``: its ``creators``, ``title`` and ``license`` as the dataset states them,
    and nothing in their place where it does not.

    Examples:
        >>> from aseanplus3_events.citation import citation
        >>> print(citation("0.1.0", "2026.2", creators=("A. Lab",), license="CC-BY-4.0"))
        A. Lab. Python package version 0.1.0, data version 2026.2. License: CC-BY-4.0 (the
        annotations); the quoted source texts remain their authors'.
        >>> "year = {2026}" in citation("0.1.0", "2026.2", "bibtex")
        True
    """
    if not isinstance(style, str):
        raise TypeError(f"style must be a str, not {type(style).__name__}")
    if style not in STYLES:
        raise UnknownKindError(style, STYLES, what="citation style")
    versions = f"Python package version {version}, data version {data_version}"
    versions += f" (from {of})" if of else ""
    license_text = f"License: {rights(license)}" if license else ""
    if style == "text":
        parts = ("; ".join(creators), title or "", versions, license_text)
        return ". ".join(p for p in parts if p) + "."
    named = title or (of or "data").replace("\\", "/").rsplit("/", 1)[-1]  # a file's name
    key = slug(f"{named.split(':')[0][:40]} {data_version}")
    year = re.match(r"((?:19|20)\d\d)\.\d+$", data_version)  # CalVer YEAR.N
    fields = {"author": " and ".join(f"{{{c}}}" for c in creators),
              "title": f"{{{title}}}" if title else "", "version": data_version,
              "year": year[1] if year else "",
              "note": ". ".join(p for p in (versions, license_text) if p)}  # fmt: skip
    tex = {name: re.sub(r"([&%$#_])", r"\\\1", value) for name, value in fields.items() if value}
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in tex.items())
    return f"@misc{{{key},\n{body}}}"
