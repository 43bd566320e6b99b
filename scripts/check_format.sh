#!/usr/bin/env bash
# The C++ sources are formatted as .clang-format says: clang-format --dry-run
# --Werror over every tracked C++ file of include/, src/, tests/cpp, examples
# and bench. Prints the files that differ and exits non-zero if any does.
#   scripts/check_format.sh        check
#   scripts/check_format.sh --fix  format them in place (clang-format -i)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fix=0
case "${1:-}" in
  --fix) fix=1 ;;
  "") ;;
  *) echo "usage: scripts/check_format.sh [--fix]" >&2; exit 2 ;;
esac
# One clang-format for every machine: the version pinned in
# scripts/requirements-dev.txt, installed into .venv by scripts/setup.sh
# (Debian 12 and 13 ship different versions, which format differently).
CLANG_FORMAT=${CLANG_FORMAT:-.venv/bin/clang-format}
[ -x "$CLANG_FORMAT" ] || {
  echo "check_format: $CLANG_FORMAT is not installed (scripts/setup.sh installs the version in scripts/requirements-dev.txt)" >&2
  exit 2
}
mapfile -t files < <(git ls-files -- 'include/*.hpp' 'include/*.h' 'src/*.cpp' 'src/*.hpp' \
  'tests/cpp/*.cpp' 'tests/cpp/*.hpp' 'examples/*.cpp' 'examples/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
if [ "$fix" -eq 1 ]; then
  "$CLANG_FORMAT" -i --style=file "${files[@]}"
  echo "check_format: formatted ${#files[@]} files"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  "$CLANG_FORMAT" --dry-run --Werror --style=file "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  printf 'not formatted (scripts/check_format.sh --fix): %s\n' "${bad[@]}"
  echo "check_format: FAIL: ${#bad[@]} of ${#files[@]} files"
  exit 1
fi
echo "check_format: ok: ${#files[@]} files"
