#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what is missing, builds,
# runs the C++ tests (normal build, then ASan+UBSan as C++20), the examples,
# the find_package consumer, the Python tests; ends with the runners' summaries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DANCHU_SRC"
logs="$DANCHU_SRC/build/logs"
mkdir -p "$logs"
summary=()

run_logged() { # name, command...
  local name=$1; shift
  echo "== $name"
  set +e
  "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  set -e
  summary+=("$name: $(grep -E '^(All tests passed|test cases:|[0-9]+ (passed|failed)|=+ .* in [0-9.]+s|100% tests passed|[0-9]+% tests passed)' "$logs/$name.log" | tail -n 1)")
  if [ "$rc" -ne 0 ]; then
    printf '%s\n' "${summary[@]}"
    echo "FAILED: $name (exit $rc)"
    exit "$rc"
  fi
}

# 1. C++: normal build (C++17, -Werror).
cmake -S . -B build/release "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DDANCHU_WERROR=ON -DCMAKE_INSTALL_PREFIX="$DANCHU_SRC/build/install" >/dev/null
cmake --build build/release -j "$JOBS"
run_logged cpp-tests ./build/release/tests/cpp/danchu_tests
run_logged cpp-examples ctest --test-dir build/release -R '^example_' --output-on-failure

# 2. C++: AddressSanitizer + UndefinedBehaviorSanitizer, compiled as C++20.
cmake -S . -B build/asan "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_STANDARD=20 \
  -DDANCHU_WERROR=ON -DDANCHU_SANITIZE=address,undefined -DDANCHU_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build/asan -j "$JOBS" --target danchu_tests danchu_cli
run_logged cpp-tests-asan env ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ./build/asan/tests/cpp/danchu_tests

# 3. Install and build the find_package(danchu) consumer against the install.
cmake --install build/release >/dev/null
cmake -S tests/package -B build/package "${GENERATOR[@]}" \
  -DCMAKE_PREFIX_PATH="$DANCHU_SRC/build/install" >/dev/null
cmake --build build/package -j "$JOBS"
run_logged package-consumer ctest --test-dir build/package --output-on-failure

# 4. Python: the pip-installed package.
install_python_package
run_logged pytest "$PY" -m pytest -q tests/python

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
