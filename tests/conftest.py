"""Shared fixtures.  The tests import the *installed* package (the src layout keeps the
source tree off sys.path), and read the repository's files through ``ROOT``."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
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
