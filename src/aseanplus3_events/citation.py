"""How to cite the package and its data, in text or BibTeX, naming both versions: only
what is known (authors and license as ``pyproject.toml`` and ``CITATION.cff`` state them);
there is no DOI, URL or release year to give, so none is given."""

from __future__ import annotations

import re

__all__ = ["AUTHORS", "LICENSE", "TITLE", "citation"]

AUTHORS = "aseanplus3-events developers"
TITLE = "aseanplus3-events: ASEAN Plus Three (10+3) cooperation events as citable data"
LICENSE = "MIT (code and annotations); the quoted source texts remain their authors'"


def citation(version: str, data_version: str, style: str = "text", of: str | None = None) -> str:
    """The citation of package ``version`` with data ``data_version`` (read from the file
    ``of``, where it is not the bundled data), in ``style`` ``"text"`` or ``"bibtex"``.

    Examples:
        >>> from aseanplus3_events.citation import citation
        >>> print(citation("0.1.0", "2026.2"))
        aseanplus3-events developers. aseanplus3-events: ... Python package version 0.1.0, data
        version 2026.2. License: MIT (code and annotations); the quoted ...
    """
    if not isinstance(style, str):
        raise TypeError(f"style must be a str, not {type(style).__name__}")
    versions = f"Python package version {version}, data version {data_version}"
    versions += f" (from {of})" if of else ""
    if style == "text":
        return f"{AUTHORS}. {TITLE}. {versions}. License: {LICENSE}."
    if style != "bibtex":
        raise ValueError(f"unknown citation style {style!r}; the styles: 'text', 'bibtex'")
    key = re.sub(r"[^a-z0-9]+", "-", f"aseanplus3-events {version} data {data_version}")
    fields = {"author": f"{{{AUTHORS}}}", "title": f"{{{TITLE}}}", "version": version,
              "note": f"{versions}. License: {LICENSE}"}  # fmt: skip
    tex = {name: re.sub(r"([&%$#_])", r"\\\1", value) for name, value in fields.items()}
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in tex.items())
    return f"@software{{{key},\n{body}}}"
