"""``python -m danchu``: the same tool as the ``danchu`` command.

Runs the installed ``danchu`` executable (``<prefix>/bin/danchu``, where
``pip install`` puts it next to this Python) with the same arguments and
returns its exit status. No rules live here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path


def _executable() -> str | None:
    name = "danchu.exe" if os.name == "nt" else "danchu"
    dirs = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent),
            str(Path(sys.prefix) / "bin")]
    for d in dirs:
        if d and (Path(d) / name).is_file():
            return str(Path(d) / name)
    return shutil.which("danchu")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    exe = _executable()
    if exe is None:
        print("danchu: the danchu executable is not installed next to this Python "
              "(pip install danchu)", file=sys.stderr)
        return 2
    if argv is None and os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(exe, [exe, *args])  # does not return
    return subprocess.call([exe, *args])


if __name__ == "__main__":
    sys.exit(main())
