"""scripts/check_includes.py fails on an include cycle, a missing header and an
incomplete umbrella header, and passes on the repository itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_includes.py"


def run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True)


def tree(tmp: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = tmp / "include" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp


def test_repository_has_no_cycle() -> None:
    r = run(ROOT)
    assert r.returncode == 0, r.stderr
    assert "no cycle" in r.stdout


def test_cycle_is_named(tmp_path: Path) -> None:
    root = tree(tmp_path, {
        "danchu/danchu.hpp": "#include <danchu/a/a.hpp>\n#include <danchu/a/b.hpp>\n",
        "danchu/a/a.hpp": "#pragma once\n#include <danchu/a/detail/x.hpp>\n",
        "danchu/a/b.hpp": "#pragma once\n",
        "danchu/a/detail/x.hpp": "#pragma once\n#include <danchu/a/a.hpp>\n",
    })
    r = run(root)
    assert r.returncode == 1
    assert "include cycle: danchu/a/a.hpp -> danchu/a/detail/x.hpp -> danchu/a/a.hpp" in r.stderr


def test_umbrella_must_include_every_public_header(tmp_path: Path) -> None:
    root = tree(tmp_path, {
        "danchu/danchu.hpp": "#include <danchu/a/a.hpp>\n",
        "danchu/a/a.hpp": "#pragma once\n",
        "danchu/a/b.hpp": "#pragma once\n",
        "danchu/a/detail/c.hpp": "#pragma once\n",
    })
    r = run(root)
    assert r.returncode == 1
    assert "does not include <danchu/a/b.hpp>" in r.stderr
    assert "detail/c.hpp" not in r.stderr


def test_missing_header_is_named(tmp_path: Path) -> None:
    root = tree(tmp_path, {"danchu/danchu.hpp": "#include <danchu/gone.hpp>\n"})
    r = run(root)
    assert r.returncode == 1
    assert "<danchu/gone.hpp>, which does not exist" in r.stderr


def test_a_lower_concept_may_not_include_a_higher_one(tmp_path: Path) -> None:
    root = tree(tmp_path, {
        "danchu/danchu.hpp": "#include <danchu/evidence/e.hpp>\n#include <danchu/rules/r.hpp>\n",
        "danchu/evidence/e.hpp": "#pragma once\n#include <danchu/rules/r.hpp>\n",
        "danchu/rules/r.hpp": "#pragma once\n",
    })
    r = run(root)
    assert r.returncode == 1
    assert "<danchu/evidence/e.hpp> includes <danchu/rules/r.hpp>, a concept above its own" in r.stderr
