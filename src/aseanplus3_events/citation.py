"""How to cite the package and its data, in text or BibTeX, naming both versions: only
what is known (authors and license as ``pyproject.toml`` and ``CITATION.cff`` state them).
There is no DOI or URL to give, so none is given; BibTeX's ``year`` is the year the data
version states (``YEAR.N``), and a data version that states none gives no year."""

from __future__ import annotations

import re

from .errors import UnknownKindError

__all__ = ["AUTHORS", "LICENSE", "STYLES", "TITLE", "citation"]

AUTHORS = "aseanplus3-events developers"
TITLE = "aseanplus3-events: ASEAN Plus Three (10+3) cooperation events as citable data"
LICENSE = "MIT (code and annotations); the quoted source texts remain their authors'"
STYLES = ("text", "bibtex")


def citation(version: str, data_version: str, style: str = "text", of: str | None = None) -> str:
    """The citation of package ``version`` with data ``data_version`` (read from the file
    ``of``, where it is not the bundled data), in ``style`` ``"text"`` or ``"bibtex"``.

    Examples:
        >>> from aseanplus3_events.citation import citation
        >>> print(citation("0.1.0", "2026.2"))
        aseanplus3-events developers. aseanplus3-events: ... Python package version 0.1.0, data
        version 2026.2. License: MIT (code and annotations); the quoted ...
        >>> "year = {2026}" in citation("0.1.0", "2026.2", "bibtex")
        True
    """
    if not isinstance(style, str):
        raise TypeError(f"style must be a str, not {type(style).__name__}")
    if style not in STYLES:
        raise UnknownKindError(style, STYLES, what="citation style")
    versions = f"Python package version {version}, data version {data_version}"
    versions += f" (from {of})" if of else ""
    if style == "text":
        return f"{AUTHORS}. {TITLE}. {versions}. License: {LICENSE}."
    key = re.sub(r"[^a-z0-9]+", "-", f"aseanplus3-events {version} data {data_version}")
    year = re.match(r"((?:19|20)\d\d)\.\d+$", data_version)  # CalVer YEAR.N
    fields = {"author": f"{{{AUTHORS}}}", "title": f"{{{TITLE}}}", "version": version,
              **({"year": year[1]} if year else {}),
              "note": f"{versions}. License: {LICENSE}"}  # fmt: skip
    tex = {name: re.sub(r"([&%$#_])", r"\\\1", value) for name, value in fields.items()}
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in tex.items())
    return f"@software{{{key},\n{body}}}"
