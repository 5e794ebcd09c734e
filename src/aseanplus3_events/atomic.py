"""Atomic writes, and JSON as every writer writes it (the exporters, the CLI, the build)."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

__all__ = ["json_bytes", "write_atomic"]


def json_bytes(data: Any) -> bytes:
    """``data`` as a JSON file: UTF-8 (no ASCII escapes), two-space indent, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a new file beside it, flushed to disk, then
    renamed over it: a reader sees the old file or the new one, never half of one, and
    a failure (a full disk) leaves the old file as it was.  The file keeps its mode; a new
    one gets the umask's.  Returns ``path``; raises `OSError`.
    """
    out = Path(path)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    mode = out.stat().st_mode & 0o7777 if out.is_file() else None
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # less the umask
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return out
