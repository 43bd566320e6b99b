from __future__ import annotations

import ast
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


def test_module_level_imports_are_declared_dependencies(repo_root: Path) -> None:
    """Every module-level import of python/danchu outside the standard library
    is in pyproject.toml's [project] dependencies (pandas and matplotlib are
    imported inside the functions that use them: optional extras)."""
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0].lower() for d in project["dependencies"]}
    found: dict[str, str] = {}
    for path in sorted((repo_root / "python" / "danchu").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = list(tree.body)
        for node in tree.body:  # `try: import x` at module level counts too
            if isinstance(node, ast.Try):
                nodes += node.body
        for node in nodes:
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "__future__":
                    found[top] = path.name
    assert "numpy" in found  # the check sees the imports
    undeclared = {m: f for m, f in found.items() if m.lower() not in declared}
    assert not undeclared, f"imported at module level but not in [project] dependencies: {undeclared}"
