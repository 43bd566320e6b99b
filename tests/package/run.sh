#!/usr/bin/env bash
# The installed C++ package is relocatable. Installs a configured danchu build
# to one prefix, moves the prefix elsewhere (the original is gone), then builds
# this folder's consumer against the moved prefix twice, with find_package(danchu)
# and with pkg-config, and runs both with DANCHU_DATA_DIR unset: each must find
# the moved prefix's data and load a bundled rule pack.
#
# Usage: tests/package/run.sh [BUILD_DIR [WORK_DIR]]
#   BUILD_DIR  a configured danchu build (default: build/release)
#   WORK_DIR   scratch folder, emptied first (default: build/package)
# Honours GENERATOR (a bash array, from scripts/setup.sh), JOBS and CXX.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$src/build/release}" && pwd)
work=${2:-$src/build/package}
jobs=${JOBS:-$(nproc)}
if ! declare -p GENERATOR >/dev/null 2>&1; then
  GENERATOR=(); command -v ninja >/dev/null 2>&1 && GENERATOR=(-G Ninja)
fi
unset DANCHU_DATA_DIR

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
first="$work/first/prefix"
moved="$work/moved/to/another/prefix" # deeper than the first: nothing may count on ../

echo "== install to $first, then move it to $moved"
cmake --install "$build" --prefix "$first" >/dev/null
mkdir -p "$(dirname "$moved")"
mv "$first" "$moved"
rm -rf "$work/first"
test ! -e "$first"
# Nothing in the moved prefix may name the first one.
if grep -rlF "$work/first" "$moved"; then
  echo "FAIL: the files above name the install prefix $first" >&2
  exit 1
fi

echo "== consumer 1: find_package(danchu)"
cmake -S "$here" -B "$work/cmake" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$moved" >/dev/null
cmake --build "$work/cmake" -j "$jobs"
ctest --test-dir "$work/cmake" --output-on-failure

echo "== consumer 2: pkg-config danchu"
export PKG_CONFIG_PATH="$moved/share/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
pkg-config --exists --print-errors 'danchu >= 0.2'
echo "pkg-config --cflags danchu: $(pkg-config --cflags danchu)"
data=$(pkg-config --variable=datadir danchu)
# pkg-config prints shell-quoted flags (the data directory is a string
# literal), as make(1) and Meson expect: hence eval.
eval "\"${CXX:-c++}\" -std=c++17 -O1 -o \"\$work/pkgconfig-consumer\" \"\$here/main.cpp\" $(pkg-config --cflags --libs danchu)"
"$work/pkgconfig-consumer" "$data"

echo "ok: find_package and pkg-config consumers of a moved install"
