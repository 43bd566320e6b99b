#!/usr/bin/env python3
"""Checks that everything the build used was installed by the project's scripts.

scripts/setup.sh installs the Debian packages listed in scripts/packages.txt with
--no-install-recommends. A machine that had other packages from earlier work can
hide a missing entry there (the first wave's fuzzers linked against sanitizer
archives that only a Recommends brought in). This script lists what the builds
actually used and maps each file to the Debian package that owns it:

- headers: the dependency logs of every Ninja build folder (`ninja -t deps`);
- compiler runtimes: each link command of each build folder re-run with `-###`,
  which prints the crt objects and runtime archives the driver would pass;
- shared libraries: `ldd` of every executable and extension the builds made;
- tools: the compilers, cmake, ninja, pkg-config, chromium, soffice, pdftotext, pdftoppm.

Every owning package must be in the Depends/Pre-Depends closure of the listed
packages, of the essential ones, or of those of priority "required". Files that no
package owns are fine inside the project, the virtual environment and the Python
installation in use; anywhere else they fail too. The output names each package
that is used but not installed by the scripts, and the files that showed it.

Usage: check_packages.py [--packages FILE] [--without PKG ...] BUILD_DIR...
(`--without` drops packages from the list, to show that the check can fail.)
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ["g++", "clang++", "cmake", "ninja", "pkg-config", "chromium", "soffice", "pdftotext", "pdftoppm"]


def read_package_list(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


class Dpkg:
    """The installed packages, their dependencies and the files they own."""

    def __init__(self) -> None:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f",
             "${Package}\t${Status}\t${Depends}\t${Pre-Depends}\t${Provides}\t"
             "${Essential}\t${Priority}\n"],
            check=True, capture_output=True, text=True).stdout
        self.depends: dict[str, list[list[str]]] = {}
        self.providers: dict[str, set[str]] = defaultdict(set)
        self.base: set[str] = set()
        for line in out.splitlines():
            name, status, dep, pre, provides, essential, priority = line.split("\t")
            if "install ok installed" not in status:
                continue
            self.depends[name] = self._parse_depends(dep) + self._parse_depends(pre)
            for p in self._names(provides):
                self.providers[p].add(name)
            if essential == "yes" or priority == "required":
                self.base.add(name)
        self._files: dict[str, str] | None = None
        self._by_name: dict[str, list[str]] = defaultdict(list)

    @staticmethod
    def _names(field: str) -> list[str]:
        return [re.split(r"[\s(:]", p.strip(), maxsplit=1)[0]
                for p in field.split(",") if p.strip()]

    @classmethod
    def _parse_depends(cls, field: str) -> list[list[str]]:
        return [cls._names(group.replace("|", ","))
                for group in field.split(",") if group.strip()]

    def closure(self, roots: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = [r for r in roots if r in self.depends or r in self.providers]
        while todo:
            name = todo.pop()
            for real in ([name] if name in self.depends else sorted(self.providers[name])):
                if real in seen:
                    continue
                seen.add(real)
                for alternatives in self.depends.get(real, []):
                    for alt in alternatives:  # every installed alternative counts
                        if alt in self.depends or alt in self.providers:
                            todo.append(alt)
        return seen

    def owner(self, path: str) -> str | None:
        if self._files is None:
            self._files = {}
            for lst in glob.glob("/var/lib/dpkg/info/*.list"):
                pkg = os.path.basename(lst)[:-5].split(":", 1)[0]
                with open(lst, encoding="utf-8", errors="replace") as f:
                    for entry in f:
                        entry = entry.rstrip("\n")
                        self._files.setdefault(entry, pkg)
                        self._by_name[os.path.basename(entry)].append(entry)
        if path in self._files:
            return self._files[path]
        real = os.path.realpath(path)
        if real in self._files:
            return self._files[real]
        for entry in self._by_name.get(os.path.basename(real), []):  # usrmerge aliases
            if os.path.realpath(entry) == real:
                return self._files[entry]
        return None


def ninja_headers(build: Path) -> set[str]:
    out = subprocess.run(["ninja", "-C", str(build), "-t", "deps"],
                         capture_output=True, text=True).stdout
    found = set()
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("/") and not line.endswith(":"):
            found.add(line)
    return found


def link_runtime_files(build: Path) -> set[str]:
    """Objects and archives the compiler driver adds to each link in `build`."""
    cmds = subprocess.run(["ninja", "-C", str(build), "-t", "commands"],
                          capture_output=True, text=True).stdout.splitlines()
    found: set[str] = set()
    seen_flags: set[tuple[str, ...]] = set()
    links = [seg for cmd in cmds for seg in cmd.split("&&")]
    for seg in links:
        argv = shlex.split(seg.strip())
        if len(argv) < 2 or "-c" in argv or "-o" not in argv:
            continue
        driver = argv[0]
        flags = tuple(a for a in argv[1:] if a.startswith(("-f", "-static", "-shared", "-m")))
        if (driver, *flags) in seen_flags:
            continue
        seen_flags.add((driver, *flags))
        res = subprocess.run([driver, *flags, "-###", "-x", "none", "/dev/null", "-o", "/dev/null"],
                             capture_output=True, text=True, cwd=build)
        for tok in shlex.split(res.stderr, posix=True) if res.stderr else []:
            if not tok.startswith("/") or not os.path.isfile(tok):
                continue
            if re.search(r"\.(a|o|so[.\d]*)$", tok) or os.access(tok, os.X_OK):
                found.add(os.path.normpath(tok))  # crt objects, runtimes, collect2
    return found


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def shared_libraries(build: Path) -> set[str]:
    found: set[str] = set()
    for p in build.rglob("*"):
        if not p.is_file() or p.suffix in (".o", ".a"):
            continue
        if (os.access(p, os.X_OK) or ".so" in p.name) and is_elf(p):
            out = subprocess.run(["ldd", str(p)], capture_output=True, text=True).stdout
            for m in re.finditer(r"(?:=>\s*)?(/\S+)\s+\(0x", out):
                found.add(m.group(1))
    return found


def tools() -> set[str]:
    return {os.path.realpath(p) for p in (shutil.which(t) for t in TOOLS) if p}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--packages", type=Path, default=ROOT / "scripts" / "packages.txt")
    ap.add_argument("--without", action="append", default=[], metavar="PKG")
    ap.add_argument("builds", nargs="+", type=Path)
    args = ap.parse_args()

    listed = [p for p in read_package_list(args.packages) if p not in args.without]
    dpkg = Dpkg()
    allowed = dpkg.closure(set(listed) | dpkg.base)

    used: dict[str, str] = {}  # file -> what used it
    for build in args.builds:
        if not (build / "build.ninja").is_file():
            print(f"check_packages: {build}: not a Ninja build folder", file=sys.stderr)
            return 2
        for f in ninja_headers(build):
            used.setdefault(f, f"{build.name}: header")
        for f in link_runtime_files(build):
            used.setdefault(f, f"{build.name}: link")
        for f in shared_libraries(build):
            used.setdefault(f, f"{build.name}: shared library")
    for f in tools():
        used.setdefault(f, "tool")

    own_prefixes = tuple(os.path.realpath(p) + os.sep for p in {
        str(ROOT), sys.prefix, sys.base_prefix,
        sysconfig.get_paths()["include"], os.path.dirname(os.path.realpath(sys.executable))})
    missing: dict[str, list[str]] = defaultdict(list)
    unowned: list[str] = []
    packages: set[str] = set()
    for f, why in sorted(used.items()):
        pkg = dpkg.owner(f)
        if pkg is None:
            if not os.path.realpath(f).startswith(own_prefixes):
                unowned.append(f"{f} ({why})")
            continue
        packages.add(pkg)
        if pkg not in allowed:
            missing[pkg].append(f"{f} ({why})")

    print(f"check_packages: {len(used)} files used by {len(args.builds)} builds, "
          f"from {len(packages)} Debian packages; {len(listed)} listed in {args.packages.name}, "
          f"{len(allowed)} with their dependencies")
    for pkg, files in sorted(missing.items()):
        print(f"FAIL: package {pkg} is used but not installed by scripts/setup.sh "
              f"(add it to scripts/packages.txt); e.g. {files[0]}"
              + (f" and {len(files) - 1} more" if len(files) > 1 else ""))
    for f in unowned:
        print(f"FAIL: {f} belongs to no Debian package and lies outside the project and Python")
    if missing or unowned:
        return 1
    print("ok: every file used comes from a package the scripts install")
    return 0


if __name__ == "__main__":
    sys.exit(main())
