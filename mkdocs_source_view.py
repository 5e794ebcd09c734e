"""MkDocs hook: the source view of the bundled dataset, generated into the site.

At build time `aseanplus3_events.write_html` writes ``source-view/index.html`` and one
page per source with text (``source-view/<source id>.html``) into the site, so the pages
always show the data of the installed package; nothing generated is committed.  Each
page's header gains a link back to the documentation (`BACK`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

#: The start of a source view page's header, with a way back to the documentation.
BACK = '<header><p class="meta"><a href="../index.html">\u2190 Documentation</a> \u00b7 '


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    from mkdocs.structure.files import File

    from aseanplus3_events import write_html

    with tempfile.TemporaryDirectory() as tmp:
        for path in write_html(tmp):
            content = (
                Path(path).read_text(encoding="utf-8").replace('<header><p class="meta">', BACK, 1)
            )
            files.append(File.generated(config, f"source-view/{path.name}", content=content))
    return files
