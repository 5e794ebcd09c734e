"""MkDocs hooks for the documentation site (see mkdocs.yml).

- A ```python block that starts with ``>>>`` is an interactive session: it is
  highlighted with the ``pycon`` lexer, so that its output is not coloured as code.
- No sitemap: the site is read from disk or any folder it is copied to, and has no
  fixed address to list its pages under.
- Lists that come from the data are generated, not copied: a page's
  ``<!-- generated: NAME -->`` line is replaced by `generated` (the controlled values
  and their definitions, the topic vocabulary, every note of the bundled data, every
  table's columns as exports/tables.py declares them), so that adding an event, a value
  or a column changes no page by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
    markdown = _MARKER.sub(lambda m: generated(m["name"]), markdown)
    return _SESSION.sub(lambda m: f"{m['fence']}pycon\n", markdown)


_MARKER = re.compile(r"^<!-- generated: (?P<name>[a-z-]+) -->$", re.M)


def generated(name: str, dataset: Any = None) -> str:
    """The Markdown that replaces ``<!-- generated: NAME -->``, from ``dataset`` (default:
    the bundled one): ``controlled-values``, ``topics``, ``notes``, ``counts`` or
    ``columns``."""
    import aseanplus3_events as apt

    ds = dataset if dataset is not None else apt.default_dataset()
    if name == "controlled-values":
        return "\n".join(_vocabulary_table(v) for v in vocabularies())
    if name == "topics":
        rows = [f"| `{t.id}` | {t.label} | {t.description or ''} |" for t in ds.topics()]
        return "\n".join(["| id | label | description |", "|---|---|---|", *rows, ""])
    if name == "counts":
        catalog = ds.catalog
        sessions = sum(len(e.sessions) for e in catalog.events)
        quotes = sum(len(r.evidence) for r in cited(catalog))
        rows = [("events", len(catalog.events)), ("sessions", sessions)]
        rows += [(k, len(getattr(catalog, k))) for k in ("organizations", "people", "topics")]
        rows += [("countries", len(catalog.countries)), ("sources", len(catalog.sources))]
        rows += [("evidence (quotes)", quotes)]
        lines = [f"| {kind} | {count} |" for kind, count in rows]
        return "\n".join(["| records | how many |", "|---|---|", *lines, ""])
    if name == "notes":
        rows = [f"| `{r.id}` | {r.note} |" for r in noted(ds.catalog)]
        return "\n".join(["| record | note |", "|---|---|", *rows, ""])
    if name == "columns":
        from aseanplus3_events.exports.tables import TABLES

        return "\n".join(_columns_table(table) for table in TABLES)
    raise ValueError(f"no generated list {name!r}")


def _columns_table(table: Any) -> str:
    """A table's heading, description and columns (name, type, description), as the
    Table Schema of datapackage.json gives them."""
    # as written: a ``<`` is not a tag, a backtick (schema.org `name`) not code
    about = [
        f["description"].replace("<", "&lt;").replace("`", "&#96;")
        for f in table.schema()["fields"]
    ]
    rows = [
        f"| `{f['name']}` | {f['type']} | {d} |"
        for f, d in zip(table.schema()["fields"], about, strict=True)
    ]
    head = f"### `{table.name}`\n\n{table.description}\n\n| column | type | description |"
    return "\n".join([head, "|---|---|---|", *rows, ""])


def vocabularies() -> list[type]:
    """Every controlled vocabulary of the models (an enum whose values have a
    ``definition``), in the order the models define them."""
    from enum import Enum

    from aseanplus3_events import models

    return [
        v
        for v in vars(models).values()
        if isinstance(v, type)
        and issubclass(v, Enum)
        and hasattr(v, "definition")
        and not v.__name__.startswith("_")
        and list(v)
    ]


def _vocabulary_table(vocabulary: type) -> str:
    words = re.findall(r"[A-Z][a-z]+", vocabulary.__name__)
    *rest, last = [words[0], *(w.lower() for w in words[1:])]
    title = " ".join([*rest, last + ("es" if last.endswith("s") else "s")])
    rows = [f"| `{v.value}` | {v.definition} |" for v in vocabulary]  # type: ignore[attr-defined]
    head = f"### {title} (`{vocabulary.__name__}`)\n\n| value | definition |\n|---|---|"
    return "\n".join([head, *rows, ""])


def cited(node: Any) -> Iterator[Any]:
    """Every record under ``node`` that carries evidence."""
    from pydantic import BaseModel

    if isinstance(node, BaseModel):
        if "evidence" in type(node).model_fields:
            yield node
        for field in type(node).model_fields:
            if field != "evidence":
                yield from cited(getattr(node, field))
    elif isinstance(node, tuple):
        for item in node:
            yield from cited(item)


def noted(node: Any) -> Iterator[Any]:
    """Every record under ``node`` (a catalog, a record) that has an id and a note."""
    from pydantic import BaseModel

    if isinstance(node, BaseModel):
        if getattr(node, "note", None) and getattr(node, "id", None):
            yield node
        for field in type(node).model_fields:
            yield from noted(getattr(node, field))
    elif isinstance(node, tuple):
        for item in node:
            yield from noted(item)


class Described:
    """A griffe extension (mkdocs.yml): the API reference shows a model's description, which
    models.py writes once, in its ``_described``/``_defined`` decorator (the JSON Schema's
    description, kept under ``python -OO``), before its docstring (the examples)."""

    def on_class_instance(self, *, node: Any, cls: Any, **kwargs: Any) -> None:
        import ast

        import griffe

        for decorator in getattr(node, "decorator_list", ()):
            name = getattr(getattr(decorator, "func", None), "id", "")
            if name in ("_described", "_defined"):
                text = "\n\n".join(ast.literal_eval(arg) for arg in decorator.args)
                written = cls.docstring
                value = "\n\n".join(filter(None, (text, written and written.value)))
                cls.docstring = griffe.Docstring(
                    value,
                    lineno=node.lineno,
                    parent=cls,
                    parser=written and written.parser,
                    parser_options=written and written.parser_options,
                )
