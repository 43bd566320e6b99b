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
command -v clang-format >/dev/null || {
  echo "check_format: clang-format is not installed (Debian package clang-format, scripts/packages.txt)" >&2
  exit 2
}
mapfile -t files < <(git ls-files -- 'include/*.hpp' 'include/*.h' 'src/*.cpp' 'src/*.hpp' \
  'tests/cpp/*.cpp' 'tests/cpp/*.hpp' 'examples/*.cpp' 'examples/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
if [ "$fix" -eq 1 ]; then
  clang-format -i --style=file "${files[@]}"
  echo "check_format: formatted ${#files[@]} files"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror --style=file "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  printf 'not formatted (scripts/check_format.sh --fix): %s\n' "${bad[@]}"
  echo "check_format: FAIL: ${#bad[@]} of ${#files[@]} files"
  exit 1
fi
echo "check_format: ok: ${#files[@]} files"
