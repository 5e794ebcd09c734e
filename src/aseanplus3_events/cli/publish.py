"""The publishing toolkit of the command line: ``init``, ``quote`` and ``build``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from aseanplus3_events.quoting import close_matches, find_quote

from .files import FileError, file_error, load, write_file
from .output import emit, emit_bytes

__all__ = ["build", "init", "quote"]

PROG = "aseanplus3-events"


def _template() -> Any:
    if sys.version_info >= (3, 13):
        from importlib.resources import files
    else:  # pragma: no cover - the backport, before 3.13
        from importlib_resources import files
    return files("aseanplus3_events") / "template"


def _copy(source: Any, target: Path) -> int:
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            count += _copy(entry, target / entry.name)
        elif not entry.name.endswith((".pyc", ".py")):
            (target / entry.name).write_bytes(entry.read_bytes())
            count += 1
    return count


def init(args: argparse.Namespace) -> int:
    """A seeds folder that builds at once, with its guide (README.md)."""
    folder = Path(args.folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileError(
            f"{folder}: is not an empty folder; give a new or empty one (init writes over nothing)"
        )
    try:
        count = _copy(_template(), folder)
    except OSError as exc:
        raise file_error(exc.filename or folder, exc) from None
    print(
        f"wrote {count} files to {folder}; the guide is {folder / 'README.md'}; build "
        f"it with: {PROG} build {folder} --out {folder.name}.json",
        file=sys.stderr,
    )
    return 0


def _source_text(args: argparse.Namespace) -> tuple[str, str]:
    """The text to quote from: a file, or the source of that id in ``--dataset``."""
    path = Path(args.source)
    if not path.exists() and "/" not in args.source:
        dataset = load(args.dataset) if args.dataset else None
        if dataset is None:
            from aseanplus3_events.loading import default_dataset

            dataset = default_dataset()
        text = dataset.get_source(args.source).text
        if text is None:
            raise FileError(f"{args.source}: a reference source, with no text to quote")
        return args.source, text
    try:
        return args.source, path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise file_error(path, exc) from None
    except UnicodeDecodeError as exc:
        raise FileError(f"{path}: not UTF-8 (byte {exc.start}); save the source as UTF-8") from None


def _toml(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def quote(args: argparse.Namespace) -> int:
    """Every place the words stand in a source, as TOML evidence to paste."""
    name, text = _source_text(args)
    words = " ".join(args.words)
    places = find_quote(text, words)
    if not places:
        near = close_matches(text, words)
        hint = "did you mean " + " or ".join(map(_toml, near)) if near else "nothing is close"
        raise FileError(f"{name}: {_toml(words)} is not in the source; {hint}?")
    count = f"{len(places)} place{'s' if len(places) > 1 else ''}"
    out = [f"# {name}: {count}"]
    for p in places:
        before = text[max(0, p.start - 30) : p.start].split("\n")[-1]
        after = text[p.end : p.end + 30].split("\n")[0]
        out.append(
            f"# line {p.line}, column {p.column} (characters {p.start}-{p.end}): "
            f"…{before}[{p.quote}]{after}…"
        )
        selector = {"quote": p.quote, **p.context}
        out.append(
            "{ fields = [], " + ", ".join(f"{k} = {_toml(v)}" for k, v in selector.items()) + " },"
        )
    emit("\n".join(out) + "\n")
    return 0


# The files a seeds folder must hold (its README.md, the guide, describes them).
_SEED_FILES = ("catalog.toml", "organizations.toml", "people.toml")


def _seeds(folder: str) -> Path:
    seeds = Path(folder)
    holds = f"(it holds {', '.join(_SEED_FILES)} and events/; `{PROG} init` writes one)"
    if not seeds.exists():
        raise FileError(f"{seeds}: no such folder; give the seeds folder {holds}")
    if not seeds.is_dir():
        raise FileError(f"{seeds}: is a file, not a folder; give the seeds folder {holds}")
    missing = [name for name in _SEED_FILES if not (seeds / name).is_file()]
    if missing:
        raise FileError(
            f"{seeds}: not a seeds folder, it has no {' and no '.join(missing)}; give "
            f"the folder that holds them {holds}"
        )
    return seeds


def build(args: argparse.Namespace) -> int:
    """Build seed folders into one dataset file; report problems in the seeds' terms."""
    from aseanplus3_events.build import build as build_catalog
    from aseanplus3_events.build import render

    folders = [_seeds(folder) for folder in args.seeds_dir]
    catalog = build_catalog(folders[0])  # a DatasetError is reported by main()
    data = render(catalog)["catalog.json"]
    if args.out == "-":
        emit_bytes(data)
    else:
        write_file(args.out, data)
        events = len(catalog.events)
        print(f"wrote {args.out} ({events} event{'s' if events != 1 else ''})", file=sys.stderr)
    return 0
