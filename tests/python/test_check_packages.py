"""scripts/check_packages.py fails, naming the package, when the build used
something that scripts/setup.sh does not install.

Regression test for the first wave: the fuzz targets linked against clang's
sanitizer and fuzzer runtime archives, which clang only Recommends
(libclang-rt-14-dev on Debian 12), so the test command failed on a fresh machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check_packages.py"


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK), *args], capture_output=True,
                          text=True, cwd=ROOT)


def need(build: str) -> Path:
    path = ROOT / "build" / build
    if not (path / "build.ninja").is_file():
        pytest.skip(f"build/{build} not built (scripts/test.sh builds it first)")
    return path


def test_passes_with_the_scripts_packages() -> None:
    res = run_check(str(need("release")))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "ok: every file used" in res.stdout


def test_names_a_header_package_left_out() -> None:
    res = run_check("--without", "nlohmann-json3-dev", str(need("release")))
    assert res.returncode == 1
    assert "package nlohmann-json3-dev is used but not installed" in res.stdout
    assert "/usr/include/nlohmann/" in res.stdout


def test_names_the_fuzzer_runtime_that_clang_only_recommends() -> None:
    res = run_check("--without", "libclang-rt-dev", str(need("fuzz")))
    assert res.returncode == 1
    # Debian 12: libclang-rt-14-dev (the archives); 13: libclang-rt-19-dev, whose
    # sanitizer headers the fuzz targets include as well.
    assert re.search(r"package libclang-rt-\d+-dev is used but not installed", res.stdout), res.stdout


def test_rejects_a_folder_that_is_not_a_build() -> None:
    res = run_check(str(ROOT / "docs"))
    assert res.returncode == 2
    assert "not a Ninja build folder" in res.stderr
