"""Where the installed data files (rule packs, schedules, schemas) are."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Union

#: A path argument: text or an ``os.PathLike``.
PathLike = Union[str, "os.PathLike[str]"]


def data_dir() -> Path:
    """The directory of bundled data files.

    ``DANCHU_DATA_DIR`` wins if set. Otherwise the wheel's copy under
    ``<prefix>/share/danchu`` (the same layout as a CMake install), found from
    this package's location or from ``sys.prefix``.
    """
    env = os.environ.get("DANCHU_DATA_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    candidates = [p / "share" / "danchu" for p in here.parents]
    candidates.append(Path(sys.prefix) / "share" / "danchu")
    for c in candidates:
        if (c / "schemas").is_dir():
            return c
    raise FileNotFoundError(
        "danchu data files not found (looked for share/danchu above "
        f"{here.parent} and in {sys.prefix}); set DANCHU_DATA_DIR"
    )


def resolve_data_dir(directory: PathLike | None) -> Path:
    """``directory`` if given, else the bundled data files (:func:`data_dir`)."""
    return Path(directory) if directory is not None else data_dir()
