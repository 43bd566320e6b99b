from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import danchu
from danchu import _core


def test_version_matches_the_header(repo_root: Path) -> None:
    header = (repo_root / "include/danchu/version.hpp").read_text()
    parts = [
        re.search(rf"#define DANCHU_VERSION_{p} (\d+)", header).group(1)  # type: ignore[union-attr]
        for p in ("MAJOR", "MINOR", "PATCH")
    ]
    assert danchu.__version__ == ".".join(parts)


@pytest.mark.parametrize(
    ("kind", "cls"),
    [("parse", danchu.ParseError), ("calendar", danchu.CalendarError),
     ("rule", danchu.RuleError), ("other", danchu.Error)],
)
def test_cpp_errors_arrive_as_value_errors_with_the_same_message(kind: str, cls: type) -> None:
    with pytest.raises(cls) as info:
        _core._raise(kind, "boom")
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, danchu.Error)
    assert "boom" in str(info.value)
    assert str(info.value).startswith("[danchu.")


def test_data_files_ship_with_the_package() -> None:
    assert (danchu.data_dir() / "schemas").is_dir()


def test_py_typed_and_stubs_ship() -> None:
    pkg = Path(danchu.__file__).parent
    assert (pkg / "py.typed").exists()
    # a stub package: one stub file per submodule of the extension
    for area in ("__init__", "calendar", "logic", "organisation", "report", "rules", "sample",
                 "schedule", "scoring"):
        assert (pkg / "_core" / f"{area}.pyi").exists(), area


def _cli() -> str:
    exe = shutil.which("danchu", path=str(Path(sys.executable).parent))
    assert exe is not None, "pip install . must put the danchu tool on PATH"
    return exe


def test_the_cli_reports_its_version() -> None:
    out = subprocess.run([_cli(), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"danchu {danchu.__version__}"


def test_the_cli_rejects_an_unknown_subcommand_in_one_line() -> None:
    out = subprocess.run([_cli(), "frobnicate"], capture_output=True, text=True)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) <= 2
