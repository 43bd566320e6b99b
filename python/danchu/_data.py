"""Where the installed data files (rule packs, schedules, schemas) are."""

from __future__ import annotations

import functools
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
    return _installed_data_dir()


@functools.lru_cache(maxsize=1)
def _installed_data_dir() -> Path:
    # Found once per process (the installation does not move), with os.path:
    # resolving and probing with pathlib cost more than one year's holidays.
    here = os.path.dirname(os.path.realpath(__file__))
    candidates = []
    p = here
    while True:
        candidates.append(os.path.join(p, "share", "danchu"))
        parent = os.path.dirname(p)
        if parent == p:
            break
        p = parent
    candidates.append(os.path.join(sys.prefix, "share", "danchu"))
    for c in candidates:
        if os.path.isdir(os.path.join(c, "schemas")):
            return Path(c)
    raise FileNotFoundError(
        "danchu data files not found (looked for share/danchu above "
        f"{here} and in {sys.prefix}); set DANCHU_DATA_DIR"
    )


def resolve_data_dir(directory: PathLike | None) -> Path:
    """``directory`` if given, else the bundled data files (:func:`data_dir`)."""
    return Path(directory) if directory is not None else data_dir()
