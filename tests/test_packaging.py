"""The real install: build the sdist and wheel, serve them from a package index server on
loopback, ``pip install`` into a fresh virtual environment, run the README there.

Dependencies (pydantic, ...) are fetched once through pip's usual configuration into the
served folder, so the install itself reads from the loopback index only.
"""

from __future__ import annotations

import doctest as stdlib_doctest
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import aseanplus3_events
from conftest import ROOT, loopback_server, run_in_pty
from test_docs import _console_examples

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist, then the wheel built from the sdist (so the sdist is known complete)."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    return out


def wheel_of(dist: Path) -> Path:
    (wheel,) = dist.glob("aseanplus3_events-*.whl")
    return wheel


def test_wheel_contents(dist: Path) -> None:
    wheel = wheel_of(dist)
    assert wheel.name == f"aseanplus3_events-{aseanplus3_events.__version__}-py3-none-any.whl"
    run(sys.executable, "-m", "check_wheel_contents", wheel)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        package = {n for n in names if not n.startswith("aseanplus3_events-")}
        assert package == {
            "aseanplus3_events/__init__.py",
            "aseanplus3_events/__main__.py",
            "aseanplus3_events/api.py",
            "aseanplus3_events/atomic.py",
            "aseanplus3_events/build.py",
            "aseanplus3_events/citation.py",
            "aseanplus3_events/cli/__init__.py",
            "aseanplus3_events/cli/__main__.py",
            "aseanplus3_events/cli/files.py",
            "aseanplus3_events/cli/formats.py",
            "aseanplus3_events/cli/output.py",
            "aseanplus3_events/cli/publish.py",
            "aseanplus3_events/cli/records.py",
            "aseanplus3_events/quoting.py",
            "aseanplus3_events/editorial.py",
            "aseanplus3_events/origins.py",
            "aseanplus3_events/template/README.md",
            "aseanplus3_events/template/catalog.toml",
            "aseanplus3_events/template/organizations.toml",
            "aseanplus3_events/template/people.toml",
            "aseanplus3_events/template/events/regional-workshop-on-clean-air-monitoring-2024.toml",
            "aseanplus3_events/template/sources/example-article.txt",
            "aseanplus3_events/checks.py",
            "aseanplus3_events/construct.py",
            "aseanplus3_events/dataset.py",
            "aseanplus3_events/exports/__init__.py",
            "aseanplus3_events/exports/annotations.py",
            "aseanplus3_events/exports/catalogs.py",
            "aseanplus3_events/exports/frames.py",
            "aseanplus3_events/exports/html.css",
            "aseanplus3_events/exports/html.js",
            "aseanplus3_events/exports/html.py",
            "aseanplus3_events/exports/jsonld.py",
            "aseanplus3_events/exports/parquet.py",
            "aseanplus3_events/exports/sqlite.py",
            "aseanplus3_events/exports/tables.py",
            "aseanplus3_events/exports/xlsx.py",
            "aseanplus3_events/loading.py",
            "aseanplus3_events/notebook.py",
            "aseanplus3_events/errors.py",
            "aseanplus3_events/models.py",
            "aseanplus3_events/fulltext.py",
            "aseanplus3_events/text.py",
            "aseanplus3_events/upgrade.py",
            "aseanplus3_events/py.typed",
            "aseanplus3_events/data/catalog.json",
            "aseanplus3_events/data/catalog.schema.json",
            "aseanplus3_events/data/catalog.sha256",
        }
        data = ROOT / "src" / "aseanplus3_events" / "data" / "catalog.json"
        assert zf.read("aseanplus3_events/data/catalog.json") == data.read_bytes()
        metadata = zf.read(f"aseanplus3_events-{aseanplus3_events.__version__}.dist-info/METADATA")
    text = metadata.decode()
    assert "License-Expression: MIT" in text
    assert "Requires-Python: >=3.11" in text
    assert "Requires-Dist: pydantic<3,>=2.7" in text
    assert "Requires-Dist: importlib-resources>=6; python_version < '3.13'" in text
    requires = [line for line in text.splitlines() if line.startswith("Requires-Dist:")]
    runtime = [line for line in requires if "extra ==" not in line]
    assert len(runtime) == 2, runtime
    assert "aseanplus3-events = aseanplus3_events.cli:main" in zf_text(wheel, "entry_points.txt")
    print(f"\nwheel {wheel.name}: {wheel.stat().st_size} bytes")


def zf_text(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as zf:
        return zf.read(
            f"aseanplus3_events-{aseanplus3_events.__version__}.dist-info/{name}"
        ).decode()


def test_sdist_carries_the_seeds_and_tests(dist: Path) -> None:
    (sdist,) = dist.glob("aseanplus3_events-*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    assert "seeds/sources/apt-low-carbon-seminar-2023.txt" in names
    assert "seeds/events/apt-low-carbon-seminar-2023.toml" in names
    assert "tests/test_facts.py" in names
    # the invented corpus goes with the tests that run over it, never into the wheel
    # (whose contents are listed whole above)
    assert "tests/corpus/catalog.toml" in names
    assert "tests/corpus/sources/clean-transport-dialogue-2025.txt" in names
    assert "README.md" in names
    assert "CHANGELOG.md" in names
    assert "LICENSE" in names


def test_sdist_takes_only_the_project_folders(tmp_path: Path) -> None:
    """hatch#2100: unanchored include patterns took 90 stray entries from other virtual
    environments' tests/ folders and work folders inside the clone."""
    clone = tmp_path / "clone"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(
        ".git", ".venv", "dist", "site", "*cache*", "__pycache__", ".hypothesis"))  # fmt: skip
    for decoy in (
        "work/tests/test_decoy.py",
        ".venv2/lib/x/tests/decoy.py",
        "work/seeds/x.toml",
        "work/docs/decoy.md",
        "work/README.md",
        "old/src/aseanplus3_events/decoy.py",
    ):
        (clone / decoy).parent.mkdir(parents=True, exist_ok=True)
        (clone / decoy).write_text("decoy\n", encoding="utf-8")
    run(sys.executable, "-m", "build", "--sdist", "--outdir", tmp_path / "dist", clone)
    (sdist,) = (tmp_path / "dist").glob("aseanplus3_events-*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    assert not {n for n in names if "decoy" in n}
    tops = {n.split("/")[0] for n in names}
    assert tops == {"src", "seeds", "tests", "docs", "README.md", "CHANGELOG.md", "LICENSE",
                    ".gitattributes", "pyproject.toml", "PKG-INFO", ".gitignore",
                    "mkdocs_hooks.py"}  # fmt: skip


def test_a_checkout_keeps_source_texts_and_data_byte_for_byte(tmp_path: Path) -> None:
    """Without .gitattributes, a checkout with core.autocrlf (Windows) changed the
    article's line ends: its sha256, every later span and `build --check` failed."""
    repo, checkout = tmp_path / "repo", tmp_path / "checkout"
    folders = ["seeds/sources", "src/aseanplus3_events/data", "tests/fixtures", "tests/contract"]
    files = [p.relative_to(ROOT) for f in folders for p in (ROOT / f).iterdir() if p.is_file()]
    assert len(files) >= 8
    for file in [f for f in [Path(".gitattributes"), *files] if (ROOT / f).exists()]:
        (repo / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / file, repo / file)
    git = ["git", "-c", "core.autocrlf=false", "-c", "user.name=t", "-c", "user.email=t@t"]
    run(*git, "init", "-q", repo)
    run(*git, "-C", repo, "add", "-A")
    run(*git, "-C", repo, "commit", "-q", "-m", "files")
    run("git", "-c", "core.autocrlf=true", "clone", "-q", repo, checkout)
    changed = [f for f in files if (checkout / f).read_bytes() != (ROOT / f).read_bytes()]
    assert changed == []


@pytest.fixture(scope="module")
def index(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A pypiserver on 127.0.0.1 serving our sdist and wheel and their dependencies."""
    served = tmp_path_factory.mktemp("index")
    for file in dist.iterdir():
        (served / file.name).write_bytes(file.read_bytes())
    # Dependencies come from pip's configured index, once, into the served folder.
    run(sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", served,
        wheel_of(dist))  # fmt: skip

    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "pypiserver", "run", "-i", "127.0.0.1", "-p", str(port),
                str(served)]  # fmt: skip

    with loopback_server(command, "/simple/") as url:
        yield url


@pytest.fixture(scope="module")
def venv(index: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the package installed from the loopback index."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    # Only the loopback index: no pip configuration, no find-links, no other index.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env |= {"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    installed = run(python, "-m", "pip", "install", "--no-cache-dir", "--index-url", index,
                    "aseanplus3-events", env=env)  # fmt: skip
    assert "Successfully installed" in installed.stdout
    assert "aseanplus3-events-" in installed.stdout
    return venv


def test_pip_install_from_the_index_and_run_the_readme(
    venv: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    python = venv / "bin" / "python"
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # a folder outside the repository
    where = run(python, "-c", "import aseanplus3_events; print(aseanplus3_events.__file__)",
                cwd=elsewhere)  # fmt: skip
    assert str(venv) in where.stdout
    assert str(ROOT) not in where.stdout

    readme = elsewhere / "README.md"
    readme.write_bytes((ROOT / "README.md").read_bytes())
    doctest = run(python, "-m", "doctest", "-o", "ELLIPSIS", "-o", "NORMALIZE_WHITESPACE", "-v",
                  readme.name, cwd=elsewhere)  # fmt: skip
    # doctest exits 1 on a failure; its summary says "14 passed and 0 failed." before
    # Python 3.13 and "14 passed." since, and "Test passed." on both
    assert doctest.stdout.rstrip().endswith("Test passed."), doctest.stdout[-500:]

    summary = run(python, "-m", "aseanplus3_events", cwd=elsewhere)
    newest = aseanplus3_events.get_event()  # the default: the most recent event, whichever
    assert f"  id:              {newest.id}" in summary.stdout.splitlines()
    script = run(venv / "bin" / "aseanplus3-events", "show", cwd=elsewhere)
    assert script.stdout == summary.stdout


def test_the_suite_runs_against_the_installed_package() -> None:
    # The README's test command installs the wheel (not editable); the src layout keeps
    # the source tree off sys.path, so this suite tests what users install.
    location = Path(aseanplus3_events.__file__).resolve()
    assert not location.is_relative_to(ROOT / "src"), (
        f"the suite imported {location}, the source tree: it tests the installed package, "
        "so after editing src/ install it again with `pip install .` (the README's test "
        "command), not `pip install -e .`"
    )


def test_the_publishing_tutorial_runs_from_the_installed_wheel(
    venv: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # docs/publish.md, followed by a user with the wheel only: outside the repository,
    # with the installed program first on PATH and no PYTHONPATH.
    elsewhere = tmp_path_factory.mktemp("tutorial")
    page = elsewhere / "publish.md"
    page.write_bytes((ROOT / "docs" / "publish.md").read_bytes())
    python = venv / "bin" / "python"
    doctest = run(python, "-m", "doctest", "-o", "ELLIPSIS", "-o", "NORMALIZE_WHITESPACE", "-v",
                  page.name, cwd=elsewhere)  # fmt: skip
    assert doctest.stdout.rstrip().endswith("Test passed."), doctest.stdout[-500:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    checker = stdlib_doctest.OutputChecker()
    examples = _console_examples(page)
    assert len(examples) >= 10
    for command, want in examples:
        _, got = run_in_pty(["bash", "-c", command], columns=80, env=env, cwd=elsewhere)
        assert checker.check_output(want, got, stdlib_doctest.ELLIPSIS), f"$ {command}\n{got}"
    assert (elsewhere / "site" / "index.html").exists()
