"""``python -m aseanplus3_events``: the summary, end to end through a subprocess."""

from __future__ import annotations

import subprocess
import sys

from conftest import EVENT_ID


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aseanplus3_events", *args], capture_output=True, text=True
    )


def test_summary_of_the_default_event() -> None:
    result = run()
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == (
        "ASEAN Plus Three (10+3) Seminar on Advancing Low Carbon Development Partnership"
    )
    assert "  date:     2023-07-14" in lines
    assert "  format:   hybrid" in lines
    assert "  location: not stated" in lines
    assert (
        "  guidance   International Cooperation Department, Ministry of Ecology and Environment"
        ' ("under the guidance of")'
    ) in lines
    assert '  organizer  China-ASEAN Environmental Cooperation Center ("organized")' in lines
    assert '  supporter  World Wide Fund for Nature ("with support from")' in lines
    title = (
        "Advancing Towards COP28: Enhancing Regional Carbon Market Development and Collaboration"
    )
    assert f"  1. {title}" in lines
    assert (
        "     speaker: Julia Mao (Director, International Cooperation Department, "
        "International Institute of Green Finance)"
    ) in lines
    assert sum(line.startswith(("  1. ", "  2. ", "  3. ")) for line in lines) == 3


def test_summary_by_id_and_errors() -> None:
    assert run(EVENT_ID).stdout == run().stdout
    unknown = run("apt-seminar")
    assert unknown.returncode == 1
    assert unknown.stdout == ""
    assert unknown.stderr.strip() == (
        f"error: unknown event id 'apt-seminar'; closest: '{EVENT_ID}'"
    )
    assert "Traceback" not in unknown.stderr
    usage = run("a", "b")
    assert usage.returncode == 2
    assert "usage:" in usage.stderr
    helped = run("--help")
    assert helped.returncode == 0
    assert "usage:" in helped.stdout
