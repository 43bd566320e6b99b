"""The peer packages of the benchmarks (bench/requirements-peers.txt),
installed with pip only when they are missing.

    import peers
    peers.ensure("holidays")                      # into the running environment
    peers.ensure("panzi-json-logic", target=dir)  # into its own folder (pip --target)
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib import metadata
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().with_name("requirements-peers.txt")


def requirement(name: str) -> str:
    """The requirement line of `name` (e.g. ``holidays==0.109``)."""
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        spec = line.split("#", 1)[0].strip()
        if spec and spec.split("==")[0].strip().lower() == name.lower():
            return spec
    raise SystemExit(f"{REQUIREMENTS}: no requirement for {name!r}")


def version(name: str, target: Path | None = None) -> str | None:
    """The installed version of `name` (in `target` if given), or None."""
    try:
        if target is None:
            return metadata.version(name)
        for d in metadata.distributions(path=[str(target)]):
            if d.metadata["Name"].lower().replace("_", "-") == name.lower():
                return d.version
    except metadata.PackageNotFoundError:
        pass
    return None


def ensure(name: str, target: Path | None = None) -> str:
    """Installs `name` (its line of requirements-peers.txt) if it is missing;
    returns the installed version."""
    found = version(name, target)
    if found is not None:
        wanted = requirement(name).partition("==")[2]
        if wanted and found != wanted:
            print(f"note: {name} {found} is installed ({REQUIREMENTS.name} names {wanted}); using it",
                  file=sys.stderr)
        return found
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", requirement(name)]
    if target is not None:
        cmd[4:4] = ["--target", str(target)]
    print(f"installing {requirement(name)}" + (f" into {target}" if target else ""), file=sys.stderr)
    subprocess.run(cmd, check=True)
    importlib.invalidate_caches()
    found = version(name, target)
    if found is None:
        raise SystemExit(f"pip installed {requirement(name)} but it is not found")
    return found
