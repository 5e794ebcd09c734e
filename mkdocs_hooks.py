"""MkDocs hooks for the documentation site (see mkdocs.yml).

- A ```python block that starts with ``>>>`` is an interactive session: it is
  highlighted with the ``pycon`` lexer, so that its output is not coloured as code.
- No sitemap: the site is read from disk or any folder it is copied to, and has no
  fixed address to list its pages under.
"""

from __future__ import annotations

import re
from typing import Any

_SESSION = re.compile(r"^(?P<fence>```+|~~~+)python[ \t]*\n(?=[ \t]*>>> )", re.M)


def on_config(config: Any) -> Any:
    config.theme.static_templates.discard("sitemap.xml")
    return config


def on_files(files: Any, **kwargs: Any) -> Any:
    # Not rendered, the theme's sitemap template would be copied as a static file.
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        file = files.get_file_from_path(name)
        if file is not None:
            files.remove(file)
    return files


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return _SESSION.sub(lambda m: f"{m['fence']}pycon\n", markdown)
