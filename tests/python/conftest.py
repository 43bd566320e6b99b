"""Shared fixtures. The tests run against the pip-installed package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


def danchu_exe() -> str:
    """The `danchu` tool installed next to this Python (by `pip install .`)."""
    exe = shutil.which("danchu", path=str(Path(sys.executable).parent))
    assert exe is not None, "danchu is not installed in this environment"
    return exe


@pytest.fixture(scope="session")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small SYNTHETIC sample province written by `danchu sample` (120 units, seed 7)."""
    out = tmp_path_factory.mktemp("province")
    subprocess.run([danchu_exe(), "sample", "-o", str(out), "--units", "120", "--seed", "7"],
                   check=True, capture_output=True, text=True)
    return out
