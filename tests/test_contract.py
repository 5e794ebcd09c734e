"""The data contract: the JSON shape of a dataset file is pinned per schema_version.

``tests/contract/schema-digests.json`` records, for every schema version released, the
sha256 of the JSON Schema's *shape* (the schema without titles and descriptions, which
are prose).  A change to the shape without a new schema_version fails here: bump
``SCHEMA_VERSION`` in models.py (major for a change that can break a reader or make a
valid file invalid, minor for an addition), then record the new digest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from aseanplus3_events.build import json_schema
from aseanplus3_events.models import SCHEMA_VERSION
from conftest import ROOT

DIGESTS = ROOT / "tests" / "contract" / "schema-digests.json"
PROSE = {"title", "description"}


def shape(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: shape(v) for k, v in node.items() if k not in PROSE}
    if isinstance(node, list):
        return [shape(v) for v in node]
    return node


def digest(schema: dict[str, Any]) -> str:
    canonical = json.dumps(shape(schema), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def test_the_schema_shape_is_the_one_recorded_for_this_schema_version() -> None:
    recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert SCHEMA_VERSION in recorded, (
        f"schema_version {SCHEMA_VERSION} has no recorded digest; add "
        f'"{SCHEMA_VERSION}": "{digest(json_schema())}" to {DIGESTS.name}'
    )
    assert digest(json_schema()) == recorded[SCHEMA_VERSION], (
        "the JSON shape of the dataset changed without a schema_version bump: bump "
        f"SCHEMA_VERSION ({SCHEMA_VERSION}) in src/aseanplus3_events/models.py (minor for "
        "an addition, major for a change that can break a reader), then this test names "
        f"the digest to record in tests/contract/{DIGESTS.name}"
    )


def test_recorded_versions_only_grow() -> None:
    recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    versions = [tuple(map(int, v.split("."))) for v in recorded]
    assert versions == sorted(versions)
    assert max(versions) == tuple(map(int, SCHEMA_VERSION.split("."))), (
        f"the newest digest recorded in {DIGESTS.name} is not SCHEMA_VERSION {SCHEMA_VERSION}: "
        "record its digest (test_the_schema_shape_is_the_one_recorded_for_this_schema_version "
        "names it)"
    )
    assert len(set(recorded.values())) == len(recorded)  # each version a different shape


def test_the_digest_sees_shape_changes_and_ignores_prose() -> None:
    schema = json_schema()
    base = digest(schema)
    prose = json.loads(json.dumps(schema))
    prose["$defs"]["Event"]["description"] = "Reworded."
    assert digest(prose) == base
    renamed = json.loads(json.dumps(schema))
    event = renamed["$defs"]["Event"]["properties"]
    event["venue"] = event.pop("location")
    assert digest(renamed) != base
    tightened = json.loads(json.dumps(schema))
    tightened["$defs"]["Evidence"]["required"].append("extra")
    assert digest(tightened) != base


def test_the_shipped_schema_file_is_the_contract(tmp_path: Path) -> None:
    shipped = json.loads(
        (ROOT / "src" / "aseanplus3_events" / "data" / "catalog.schema.json").read_text()
    )
    assert digest(shipped) == digest(json_schema())
