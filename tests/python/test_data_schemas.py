"""Every data file under data/ against its JSON Schema in data/schemas/ (issue 15, item 20).

A file names its schema in `$schema`; the obligations files, which do not, are
checked against obligations.schema.json. A new file with no schema fails here
until it has one (or is listed in NO_SCHEMA with the reason).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# Data files that have no JSON Schema, and why.
NO_SCHEMA = {
    "sample/profiles.json": "the synthetic generator's settings, read only by `danchu sample`",
}
# Folders whose files do not name their schema.
BY_FOLDER = {"obligations": "obligations.schema.json"}


def _schema_name(rel: str, doc: object) -> str | None:
    if isinstance(doc, dict) and isinstance(doc.get("$schema"), str):
        return Path(doc["$schema"]).name
    return BY_FOLDER.get(rel.split("/")[0])


def test_every_data_file_matches_its_json_schema(repo_root: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")  # scripts/requirements-dev.txt
    from referencing import Registry, Resource

    data = repo_root / "data"
    schemas = {}
    resources = []
    for f in sorted((data / "schemas").glob("*.schema.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(doc)
        schemas[f.name] = doc
        resources.append((doc["$id"], Resource.from_contents(doc)))
    registry = Registry().with_resources(resources)
    checked: dict[str, int] = {}
    for f in sorted(data.rglob("*.json")):
        rel = f.relative_to(data).as_posix()
        if rel.startswith("schemas/") or rel in NO_SCHEMA:
            continue
        doc = json.loads(f.read_text(encoding="utf-8"))
        name = _schema_name(rel, doc)
        assert name in schemas, f"{rel}: no JSON Schema in data/schemas/ (it names {name!r})"
        validator = jsonschema.Draft202012Validator(schemas[name], registry=registry)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        assert errors == [], f"{rel} against {name}: {errors[:5]}"
        checked[name] = checked.get(name, 0) + 1
    # every kind of bundled file was checked
    for name in ("pack.schema.json", "ruletest.schema.json", "scoring.schema.json", "obligations.schema.json",
                 "facts.schema.json", "schedule.schema.json", "regime.schema.json", "events-kinds.schema.json",
                 "events-publicity-items.schema.json", "events-years.schema.json"):
        assert checked.get(name, 0) >= 1, f"no data file was checked against {name}"
