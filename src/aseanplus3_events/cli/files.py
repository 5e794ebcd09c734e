"""Files for the command line: ``-`` for the standard streams, atomic writes, and
the command line's errors: one line each, naming the path or value first and saying
what to do."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

from aseanplus3_events.atomic import write_atomic
from aseanplus3_events.dataset import Dataset
from aseanplus3_events.errors import DatasetError
from aseanplus3_events.loading import default_dataset, load_dataset, parse_catalog, seeds_advice

__all__ = [
    "PROG",
    "STDIN",
    "FileError",
    "UsageError",
    "file_error",
    "load",
    "not_a_folder",
    "not_read",
    "read_stdin",
    "refuse",
    "write_file",
    "write_folder",
]

PROG = "aseanplus3-events"
#: How standard input is named in messages.
STDIN = "<stdin>"


class FileError(Exception):
    """A file (or standard stream) could not be read or written, or a writer's library
    is missing; the message is one line that starts with the path (or the option) and
    says what to do.  Exit status 1."""


class UsageError(Exception):
    """A mistake in the command line; exit status 2.  ``prog`` is the command whose
    ``--help`` explains it."""

    def __init__(self, message: str, prog: str = PROG) -> None:
        super().__init__(message)
        self.prog = prog


# What an OSError means to someone at a prompt, and what to do about it.
_ADVICE: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("no such file or folder", "check the path"),
    errno.EISDIR: ("is a folder, not a file", "give a file name"),
    errno.ENOTDIR: ("part of the path is a file, not a folder", "check the path"),
    errno.EEXIST: ("is a file, not a folder", "give a folder, or remove the file"),
    errno.ENOSPC: ("no space left on the device", "free some space, or write elsewhere"),
    errno.EFBIG: ("file too large for the system's limit", "write elsewhere, or raise the limit"),
    errno.EDQUOT: ("disk quota exceeded", "free some space, or write elsewhere"),
    errno.EACCES: ("permission denied", "choose a place you may use, or change its permissions"),
    errno.EPERM: ("operation not permitted", "choose a place you may use"),
    errno.EROFS: ("read-only file system", "write elsewhere"),
    errno.ENAMETOOLONG: ("name too long", "give a shorter path"),
}


def file_error(path: str | os.PathLike[str], exc: OSError, reading: bool = False) -> FileError:
    unknown = ((exc.strerror or str(exc)).lower(), "check the path and try again")
    reason, advice = _ADVICE.get(exc.errno or 0, unknown)
    if reading and exc.errno in (errno.EACCES, errno.EPERM):  # the advice above is for writing
        advice = "ask its owner for read access, or change its permissions (chmod +r)"
    return FileError(f"{os.fspath(path)}: {reason}; {advice}")


def read_stdin() -> bytes:
    """Standard input's bytes; on a terminal, first a line saying what it is reading."""
    stdin = sys.stdin
    if stdin is None:
        raise FileError("standard input: is closed; pipe or redirect a file into it")
    if stdin.isatty():
        print(
            f"{PROG}: reading a dataset from standard input (end it with Ctrl-D)", file=sys.stderr
        )
    try:
        return bytes(stdin.buffer.read())
    except OSError as exc:
        raise file_error("standard input", exc, reading=True) from None


def load(name: str | None, then: str = "give --dataset {}") -> Dataset:
    """The dataset in file ``name`` (``-``: standard input), checked; None: the bundled one.
    Seeds in its place are a `FileError` saying to build them, ``then`` use the file."""
    if name is None:
        return default_dataset()
    if name == "-":
        return Dataset(parse_catalog(read_stdin(), STDIN), origin=STDIN)
    if seeds := seeds_advice(name):
        raise FileError(f"{name}: {seeds[0]}, then {then.format(seeds[1])}")
    try:
        return load_dataset(name)
    except DatasetError as exc:
        if isinstance(exc.__cause__, OSError):
            raise file_error(name, exc.__cause__, reading=True) from None
        raise


def not_read(out: str, dataset: str | None, folder: bool = False) -> list[tuple[str, str]]:
    """The files an export to ``out`` must not write, each with what it is: the ``dataset``
    file, and those a build of the seeds folder ``out`` is in reads (`seed_files`); a
    `FileError` where ``out`` is one, or in a seeds folder's places (`seeds_file`), unless
    ``out`` is a ``folder``, each of whose files `write_folder` checks."""
    from aseanplus3_events.build import seed_files, seeds_folder

    seeds = seeds_folder(out)
    if dataset == "-":  # standard input redirected from a file (`< FILE`): not that file
        dataset = "/dev/stdin" if os.path.isfile("/dev/stdin") else None
    read = [(f, "is the dataset the export reads") for f in [dataset] if f]
    read += [(f, "is a file the build reads") for f in (seed_files(seeds) if seeds else [])]
    refuse(out, read, f"--out {out}: ", "give --out another file", not folder)
    return read


def refuse(
    target: str | Path, read: list[tuple[str, str]], it: str, advice: str, seeds: bool = True
) -> None:
    """A `FileError` (``it``, what ``target`` is; ``advice``) where ``target`` is one of the
    files ``read`` (`not_read`) or, with ``seeds``, in a seeds folder's places (`seeds_file`):
    every file an export writes passes here first, and none of these is written, --force or not."""
    from aseanplus3_events.build import seeds_file

    target = Path(target)
    same = (w for f, w in read if target.exists() and Path(f).exists() and target.samefile(f))
    if what := next(same, None) or (seeds and seeds_file(target)):
        raise FileError(f"{it}{what}; {advice}")


def _make_folder(folder: Path, target: Path) -> None:
    """Create ``folder`` (for writing ``target``) and its missing parents; a file in
    the way is an error about ``target``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next(
            (p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder
        )
        raise FileError(
            f"{target}: {blocker} is a file, not a folder; give a path under a folder"
        ) from None
    except OSError as exc:
        raise file_error(target, exc) from None


def not_a_folder(path: str | os.PathLike[str], example: str) -> None:
    """A `FileError` where ``path``, given for a file, names a folder: one that is there
    (``.``, ``/``), or a path that ends in a separator (``newdir/``), there yet or not,
    which `Path` would cut to ``newdir`` and write as a file.  It is offered the file
    ``example`` in it (`write_file`)."""
    name = os.fspath(path)
    ends = name.endswith((os.sep, os.altsep or os.sep))
    if not (ends or os.path.isdir(name)):
        return
    folder = name
    if os.path.isfile(os.path.join(name, "catalog.toml")):  # a seeds folder's own places
        folder = os.path.join(name, "exports")  # are for its data (`seeds_file`)
    what = "is a folder" if os.path.isdir(name) else "names a folder"
    such = os.path.join(folder, example)
    raise FileError(f"{name}: {what}, not a file; give a file name, such as {such}")


def write_file(
    path: str | os.PathLike[str], data: bytes, keep: bool = False, example: str = "catalog.json"
) -> None:
    """Write ``data`` to ``path`` atomically (`write_atomic`): a reader sees the old file
    or the new one, never half of one; with ``keep``, not over a file of other bytes.
    A ``path`` that is a folder is offered the file ``example`` in it.

    Missing parent folders are created.  A device or named pipe (``/dev/stdout``) is
    written in place.  Errors are one line naming ``path`` (`FileError`).
    """
    if keep:
        _keep({Path(path): data})
    not_a_folder(path, example)
    out = Path(path)
    if out.is_symlink():  # write the file it points to; keep the link
        out = out.resolve()
    in_place = out.exists() and not out.is_file()
    if not in_place:
        _make_folder(out.parent, out)
    try:
        if in_place:
            out.write_bytes(data)
        else:
            write_atomic(out, data)
    except OSError as exc:
        raise file_error(out, exc) from None


def _keep(files: dict[Path, bytes]) -> None:
    """A `FileError` naming the first few ``files`` (path -> new bytes) that exist with
    other bytes: an export writes over no file the user did not name."""
    taken = [
        p for p, new in files.items() if p.exists() and not (p.is_file() and p.read_bytes() == new)
    ]
    if taken:
        more, them = f" and {len(taken) - 3} more" * (len(taken) > 3), "them" * (len(taken) > 1)
        raise FileError(
            f"{', '.join(map(str, taken[:3]))}{more}: already there, with other contents; "
            f"give --force to replace {them or 'it'}, or another --out"
        )


def write_folder(
    path: str | os.PathLike[str],
    fill: Callable[[Path], object],
    force: bool = False,
    read: list[tuple[str, str]] | None = None,
) -> int:
    """Let ``fill`` write files into an empty temporary folder, then move each into
    ``path`` (created, with its parents, if missing): a failure leaves no half-written
    file there, and a file already there with other bytes stops it, unless ``force``
    (`_keep`); one of the files ``read`` (`not_read`) stops it even so.  Returns how many
    files were written."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise FileError(
            f"{out}: is a file, not a folder; give a folder (it is created "
            "if missing), or remove the file"
        )
    _make_folder(out.parent, out)
    import tempfile  # here: only a folder export needs it

    try:
        with tempfile.TemporaryDirectory(
            dir=out.parent, prefix=f".{out.name}.", suffix=".part", ignore_cleanup_errors=True
        ) as name:
            fill(temp := Path(name))
            files = {out / p.relative_to(temp): p for p in sorted(temp.rglob("*")) if p.is_file()}
            for target in files:
                it = f"--out {path}: would write {target}, which "
                refuse(target, read or [], it, "give --out another folder")
            if not force:
                _keep({t: f.read_bytes() for t, f in files.items() if t.exists()})
            _make_folder(out, out)
            for target, file in files.items():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(file, target)
            return len(files)
    except OSError as exc:
        raise file_error(out, exc) from None
