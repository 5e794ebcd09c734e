"""Shared fixtures.  The tests import the *installed* package (the src layout keeps the
source tree off sys.path), and read the repository's files through ``ROOT``."""

from __future__ import annotations

import contextlib
import copy
import json
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import aseanplus3_events as apt

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "seeds" / "sources" / "apt-low-carbon-seminar-2023.txt"
EVENT_ID = "apt-low-carbon-seminar-2023"
ARTICLE_ID = "article-apt-low-carbon-seminar-2023"

_BUNDLED: dict[str, Any] = apt.default_dataset().catalog.model_dump(mode="json")


@pytest.fixture
def catalog_dict() -> dict[str, Any]:
    """A fresh, mutable copy of the bundled catalog as plain JSON data."""
    return copy.deepcopy(_BUNDLED)


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[Any], Path]:
    """Write JSON data (or raw bytes/str) to a file and return its path."""

    def write(data: Any, name: str = "catalog.json") -> Path:
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def article_text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@contextlib.contextmanager
def loopback_server(command: Callable[[int], Sequence[str]], path: str = "/") -> Iterator[str]:
    """Start ``command(port)`` on a free port of 127.0.0.1, wait until ``path`` answers,
    yield its URL, and stop it afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    process = subprocess.Popen(
        list(command(port)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}{path}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
