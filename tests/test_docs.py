"""The examples in the README, the docs and every docstring run, so they cannot drift."""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import re
import shlex
import sys
from pathlib import Path

import pytest

import aseanplus3_events
from conftest import ROOT, run_in_pty

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
GENERATED = {"api.md", "changelog.md", "adding-an-event.md", "seeds-guide.md"}
MARKDOWN = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MODULES = ["aseanplus3_events"] + [
    m.name
    for m in pkgutil.walk_packages(aseanplus3_events.__path__, "aseanplus3_events.")
    if not m.name.endswith("__main__")
]


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.name)
def test_markdown_examples(path: Path) -> None:
    result = doctest.testfile(str(path), module_relative=False, optionflags=FLAGS, encoding="utf-8")
    assert result.failed == 0
    # Pages made of other material (docstrings, the changelog, seeds/README.md) are
    # checked where that material lives.
    if path.name not in GENERATED:
        assert result.attempted > 0 or _console_examples(path), f"{path} has no examples"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS)
    assert result.failed == 0


def test_every_public_name_is_documented_with_an_example() -> None:
    names = [n for n in aseanplus3_events.__all__ if not n.startswith("__")]
    missing = [n for n in names if ">>>" not in (getattr(aseanplus3_events, n).__doc__ or "")]
    assert missing == []


def test_a_function_the_docs_call_is_the_packages_or_its_module_is_named() -> None:
    """docs/jsonld.md said "(`to_jsonld_graph()` in Python)", and `apt.to_jsonld_graph`
    is an AttributeError: a function of a submodule the docs call bare is named with its
    module, within a sentence or two."""
    defined = {
        n: m for m in MODULES for n in vars(importlib.import_module(m)) if not n.startswith("_")
    }
    unplaced = []
    for path in MARKDOWN:
        text = path.read_text(encoding="utf-8")
        for call in re.finditer(r"`([a-z_]\w*)\(", text):
            name, near = call[1], text[max(0, call.start() - 200) : call.end() + 200]
            module = defined.get(name, "aseanplus3_events")
            if not hasattr(aseanplus3_events, name) and module.partition(".")[2] not in near:
                unplaced.append(f"{path.name}: {name}() ({module})")
    assert unplaced == []


def test_readme_has_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.findall(r"```sh\n(.*?)```", readme, re.S)]
    assert blocks == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/python -m aseanplus3_events",
        "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest",
    ]
    # CI runs these very commands (see .ci/run)
    assert "README.md" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _console_examples(path: Path) -> list[tuple[str, str]]:
    """(command, expected output) pairs from the ```console blocks of a Markdown file."""
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


CONSOLE = [p for p in MARKDOWN if _console_examples(p)]


@pytest.mark.parametrize("path", CONSOLE, ids=lambda p: p.name)
def test_console_examples(path: Path, tmp_path: Path) -> None:
    # Each block's commands run in order in one scratch folder, as a user types them: in
    # bash (so pipes work), on an 80-column terminal, without PYTHONUNBUFFERED; stdout
    # and stderr are what the terminal shows.  "..." in the expected output stands for
    # any text, as in doctest.
    checker = doctest.OutputChecker()
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "COLUMNS")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    for command, want in _console_examples(path):
        assert shlex.split(command)[0] == "aseanplus3-events", command
        _, got = run_in_pty(["bash", "-c", command], columns=80, env=env, cwd=tmp_path)
        assert checker.check_output(want, got, doctest.ELLIPSIS), f"$ {command}\n{got}"


def test_the_docs_say_isolated_subinterpreters_are_not_supported() -> None:
    """Isolated subinterpreters (issue 19, item 9): pydantic-core refuses to load in one;
    the docs say so, in the words Python prints (checked where Python has them, 3.13+)."""
    refusal = "module pydantic_core._pydantic_core does not support loading in subinterpreters"
    text = " ".join((ROOT / "docs" / "performance.md").read_text(encoding="utf-8").split())
    assert "## Subinterpreters Isolated subinterpreters" in text
    assert f"`ImportError: {refusal}`" in text
    try:
        import _interpreters  # type: ignore[import-not-found]
    except ImportError:  # before 3.13 Python has no isolated interpreters of this form
        return
    interpreter = _interpreters.create()
    try:
        failure = _interpreters.run_string(interpreter, "import aseanplus3_events")
    finally:
        _interpreters.destroy(interpreter)
    assert failure.msg == refusal
