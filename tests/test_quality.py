"""ruff and ``mypy --strict`` pass on the package, and on a program that uses the API."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check() -> None:
    result = tool("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = tool("ruff", "format", "--no-cache", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_package() -> None:
    # for the Python that runs the suite: its branch of a version check is the one whose
    # dependencies are installed (importlib_resources only before 3.13)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    result = tool("mypy", "--strict", "--python-version", version, "--cache-dir", "/dev/null",
                  "src/aseanplus3_events")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_a_program_using_the_installed_package(tmp_path: Path) -> None:
    # From a folder outside the repository, so the package's types come from the
    # installed wheel (py.typed), as a user gets them.
    program = tmp_path / "usage.py"
    shutil.copy(ROOT / "tests" / "typing" / "usage.py", program)
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = pydantic.mypy\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", "/dev/null", str(program)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # and the checker really checks: a wrong use is caught
    program.write_text(program.read_text() + "\nbad: int = apt.get_event().name\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", "/dev/null", str(program)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Incompatible types in assignment" in result.stdout


_MAX_BODY = 60


def test_no_function_body_is_over_60_lines() -> None:
    """One screen per function: the body (after its docstring) of every function in
    src/ is at most 60 lines."""
    import ast

    package = ROOT / "src" / "aseanplus3_events"
    long = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            body = node.body
            if ast.get_docstring(node) is not None and len(body) > 1:
                body = body[1:]
            lines = (node.end_lineno or 0) - body[0].lineno + 1
            if lines > _MAX_BODY:
                where = path.relative_to(package).as_posix()
                long.append(f"{where}:{node.lineno} {node.name}: {lines} lines")
    assert not long, long
