"""The publishing toolkit of the command line: ``init``, ``quote`` and ``build``."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import uuid
from pathlib import Path
from typing import Any

from aseanplus3_events.errors import Problem, did_you_mean
from aseanplus3_events.loading import events_file, utf8_problem
from aseanplus3_events.quoting import close_matches, find_quote, toml_string
from aseanplus3_events.text import count

from .files import PROG, FileError, UsageError, file_error, load, write_file
from .output import emit, emit_bytes

__all__ = ["build", "init", "quote"]


def init(args: argparse.Namespace) -> None:
    """A seeds folder that builds at once, with its guide (README.md)."""
    folder = Path(args.folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileError(
            f"{folder}: is not an empty folder; give a new or empty one (init writes over nothing)"
        )
    if sys.version_info >= (3, 13):
        from importlib.resources import as_file, files
    else:  # the backport, which copies a folder too
        from importlib_resources import as_file, files
    try:
        with as_file(files("aseanplus3_events") / "template") as template:
            skip = shutil.ignore_patterns("*.py", "*.pyc", "__pycache__")
            shutil.copytree(template, folder, ignore=skip, dirs_exist_ok=True)
        catalog = folder / "catalog.toml"  # a base IRI of its own: no other dataset's IRIs
        text = catalog.read_text(encoding="utf-8").replace(str(uuid.UUID(int=0)), str(uuid.uuid4()))
        catalog.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise file_error(exc.filename or folder, exc) from None
    written = sum(p.is_file() for p in folder.rglob("*"))
    print(
        f"wrote {written} files to {folder}; the guide is {folder / 'README.md'}; build "
        f"it with: {PROG} build {folder} --out {events_file(folder)}",
        file=sys.stderr,
    )


def _source_text(args: argparse.Namespace) -> str:
    """The text to quote from: a file, or the source of that id in the dataset."""
    path = Path(args.source)
    if not path.exists() and "/" not in args.source:
        found = {source.id: source.text for source in load(args.dataset or None).sources()}
        if args.source not in found:
            mine = args.dataset is None and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.source)
            hint = "; give --dataset FILE to quote a source of your own dataset" if mine else ""
            raise FileError(f"{path}: no such file, nor a source id of the dataset{hint}")
        text = found[args.source]
        if text is None:
            raise FileError(f"{args.source}: a reference source, with no text to quote")
        return text
    if args.dataset is not None:
        message = f"quote reads --dataset only for a source id; {path} is a file"
        raise UsageError(message, f"{PROG} quote")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise file_error(path, exc, reading=True) from None
    if why := utf8_problem(data):
        raise FileError(f"{path}: {why}")
    return data.decode("utf-8")


def _exact(text: str, stream: Any = None) -> str:
    """``text`` with TOML's ``\\uXXXX`` for each character ``stream`` (stdout) cannot
    encode: what `quote` prints is exact on any terminal."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    return "".join(
        c if c.encode(encoding, "ignore") else f"\\u{ord(c):04x}" if ord(c) < 0x10000
        else f"\\U{ord(c):08x}" for c in text
    )  # fmt: skip


def _comment(text: str) -> str:
    """One line of TOML comment: a control character (a newline, CR) shown escaped."""
    return "# " + re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", lambda m: repr(m[0])[1:-1], text)


def quote(args: argparse.Namespace) -> None:
    """Every place the words stand in a source, as TOML evidence to paste."""
    name, text = args.source, _source_text(args)
    words = " ".join(args.words)
    places = find_quote(text, words)
    if not places:
        near = " or ".join(map(toml_string, close_matches(text, words)))
        hint = f"did you mean {near}?" if near else "nothing is close"
        message = f"{name}: {toml_string(words)} is not in the source; {hint}"
        raise FileError(_exact(message, sys.stderr))
    out = [_comment(f"{name}: {count(len(places), 'place')}")]
    for p in places:
        before, after = text[max(0, p.start - 30) : p.start], text[p.end : p.end + 30]
        before, after = re.split("[\r\n]", before)[-1], re.split("[\r\n]", after)[0]
        out.append(_comment(f"line {p.line}, column {p.column} (characters {p.start}-{p.end}): "
                            f"…{before}[{p.quote}]{after}…"))  # fmt: skip
        selector = ", ".join(
            f"{k} = {toml_string(v)}" for k, v in {"quote": p.quote, **p.context}.items()
        )
        out.append(f"{{ fields = [], {selector} }},")
    emit(_exact("\n".join(out) + "\n"))


# The files a seeds folder must hold (its README.md, the guide, describes them).
_SEED_FILES = ("catalog.toml", "organizations.toml", "people.toml")


def _seeds(folder: str) -> Path:
    from aseanplus3_events.build import seeds_folder

    seeds = Path(folder)
    holds = f"(it holds {', '.join(_SEED_FILES)} and events/; `{PROG} init` writes one)"
    # a folder or file inside a seeds folder (its events/, a source): name the seeds folder
    if above := seeds_folder(seeds.absolute().parent):
        holds = f"it is in: {os.path.relpath(above)!r}"
    if not seeds.is_dir():
        what = "is a file, not a folder" if seeds.exists() else "no such folder"
        raise FileError(f"{seeds}: {what}; give the seeds folder {holds}")
    missing = [name for name in _SEED_FILES if not (seeds / name).is_file()]
    if missing:
        raise FileError(
            f"{seeds}: not a seeds folder, it has no {' and no '.join(missing)}; give "
            f"the {'seeds ' * bool(above)}folder {'that holds them ' * (not above)}{holds}"
        )
    return seeds


def build(args: argparse.Namespace) -> None:
    """Build seed folders into one dataset file; report problems in the seeds' terms."""
    from aseanplus3_events.build import build as build_catalog
    from aseanplus3_events.build import folder_name, render

    if args.out is None and not args.check:
        message = "--out: give the file to write (or --check, to write nothing)"
        raise UsageError(message, f"{PROG} build")
    folders = [_seeds(folder) for folder in args.seeds_dir]
    for name in args.beside or ():  # "bundle": not a file, the bundled dataset misspelt
        if not os.path.exists(name) and (hint := did_you_mean(name, ["bundled"], 1)):
            raise FileError(f"{name}: no such file or folder{hint}")
    beside = {  # "bundled": the bundled dataset
        name: load(None if name == "bundled" else name, then="give --beside {}").catalog
        for name in args.beside or ()
    }
    advice: list[Problem] = []
    out = None if args.check or args.out == "-" else args.out  # refused if the build reads it
    catalog = build_catalog(*folders, beside=beside, strict=args.strict, advice=advice, out=out)
    for problem in advice:  # a DatasetError is reported by main()
        print(f"{PROG}: warning: {problem}", file=sys.stderr)
    data, events = render(catalog)["catalog.json"], f"({count(len(catalog.events), 'event')})"
    if args.check:  # "." and ".." by the folder's own name ("my-seeds", not ".")
        print(f"{', '.join(map(folder_name, args.seeds_dir))}: builds {events}", file=sys.stderr)
    elif args.out == "-":
        emit_bytes(data)
    else:
        write_file(args.out, data)
        print(f"wrote {args.out} {events}", file=sys.stderr)
