"""The benchmark script runs (quick mode, as a smoke test); it asserts no times, since
machines are noisy: the goals are reported by the script itself."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_benchmarks_run_in_quick_mode() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    sections = ("cold start", "command line", "load at scale", "memory", "whole process",
                "first search", "two-word query", "queries", "exports")  # fmt: skip
    for section in sections:
        assert section in result.stdout
    assert result.stdout.count("x ") >= 4  # ratios were printed


def test_synthetic_datasets_are_deterministic_and_valid(tmp_path: object) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import make_bytes
    finally:
        sys.path.pop(0)
    import aseanplus3_events as apt
    from aseanplus3_events.loading import _from_bytes

    data = make_bytes(50)
    assert data == make_bytes(50)
    ds = _from_bytes(data, "synthetic")
    assert len(ds.list_events()) == 50
    event = ds.get_event("event-000049")
    assert len(event.sessions) == 3
    assert sum(len(r.evidence) for r in (event, *event.sessions, *event.statements)) >= 10
    assert isinstance(ds, apt.Dataset)
    # countries as the bundled data has them, at scale: groups of experts from them,
    # organisations tied to them, a country's other name quoted from each article using it
    assert [g.country for g in event.participants] == [
        ds.get_country(g.country).code for g in event.participants if g.country
    ]
    assert len(event.participants) == 3
    assert any(org.country for org in ds.catalog.organizations)
    cited = [{e.source_id for e in c.evidence} for c in ds.countries() if c.alternate_names]
    assert max(map(len, cited), default=0) > 1
