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
  summary+=("$name: $(grep -E '^(All tests passed|test cases:|[0-9]+ (passed|failed)|=+ .* in [0-9.]+s|100% tests passed|[0-9]+% tests passed|render: |ok: |FAIL|Done [0-9]+ runs|check_includes: |All checks passed|Success: |Found [0-9]+ errors?|check_format: )' "$logs/$name.log" | tail -n 1 || true)")
  if [ "$rc" -ne 0 ]; then
    printf '%s\n' "${summary[@]}"
    echo "FAILED: $name (exit $rc)"
    exit "$rc"
  fi
}

# 0. The headers include each other without a cycle, and the umbrella header
# includes every public one (every header compiling alone is a build target).
run_logged includes "$PY" scripts/check_includes.py
# ... and the C++ sources are formatted as .clang-format says.
run_logged format scripts/check_format.sh

# 1. C++: normal build (C++17, -Werror), lightly optimised (-O1): the tests
# compile much faster than at -O3. The tool and the extension are built at -O3
# by the Python package below (not twice).
cmake -S . -B build/release "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" -DDANCHU_BUILD_CLI=OFF \
  -DDANCHU_WERROR=ON >/dev/null
cmake --build build/release -j "$JOBS"
run_logged cpp-tests ./build/release/tests/cpp/danchu_tests
run_logged cpp-examples ctest --test-dir build/release -R '^example_' --output-on-failure

# 2. C++: AddressSanitizer + UndefinedBehaviorSanitizer, compiled as C++20.
cmake -S . -B build/asan "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_STANDARD=20 \
  -DDANCHU_WERROR=ON -DDANCHU_SANITIZE=address,undefined -DDANCHU_BUILD_EXAMPLES=OFF \
  -DDANCHU_BUILD_CLI=OFF >/dev/null
cmake --build build/asan -j "$JOBS" --target danchu_tests
run_logged cpp-tests-asan env ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ./build/asan/tests/cpp/danchu_tests

# 2b. Fuzz every loader and writer for a bounded time each (libFuzzer with
# clang, ASan+UBSan; docs/fuzzing.md): nothing may crash or hang.
cmake -S . -B build/fuzz "${GENERATOR[@]}" -DCMAKE_CXX_COMPILER=clang++ -DDANCHU_BUILD_FUZZ=ON \
  -DDANCHU_BUILD_TESTS=OFF -DDANCHU_BUILD_EXAMPLES=OFF -DDANCHU_BUILD_CLI=OFF -DDANCHU_INSTALL=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
FUZZ_TARGETS=(logic rules events organisation schedule scoring outputs xlsx docx ingest)
cmake --build build/fuzz -j "$JOBS" --target "${FUZZ_TARGETS[@]/%/_fuzz}"
for t in "${FUZZ_TARGETS[@]}"; do
  mkdir -p "build/fuzz/corpus-$t" # writable corpus first: the committed seeds stay as they are
  run_logged "fuzz-$t" "build/fuzz/tests/fuzz/${t}_fuzz" -max_total_time="${FUZZ_SECONDS:-20}" \
    -rss_limit_mb=1024 -timeout=5 "build/fuzz/corpus-$t" "tests/fuzz/corpus/$t"
done

# 3. The installed C++ package is relocatable: install, move the prefix, build
# find_package(danchu) and pkg-config consumers against the moved prefix.
run_logged package-consumer tests/package/run.sh build/release build/package

# 4. Python: the manylinux wheel (auditwheel), checked in a new virtual
# environment with no compiler on PATH, then installed into .venv for the tests.
run_logged wheel scripts/wheel.sh

# 4b. Everything the builds used (headers, runtime archives, shared libraries,
# tools) comes from a Debian package that scripts/setup.sh installs.
run_logged packages "$PY" scripts/check_packages.py build/release build/asan build/fuzz \
  $(find build -maxdepth 2 -name build.ninja -path 'build/cp*' -printf '%h\n')

# 4c. Python lint: ruff over the package, the examples and the tests; mypy
# --strict over the package and the Python examples; the extension's stubs
# (python/danchu/_core/*.pyi) against the module just built (stubtest; the
# allowlist says why each entry cannot be written in a stub).
run_logged ruff "$VENV/bin/ruff" check python/danchu examples tests/python
run_logged mypy "$PY" -m mypy --strict python/danchu examples/python
run_logged stubtest "$PY" -m mypy.stubtest danchu._core \
  --allowlist scripts/stubtest-allowlist.txt
run_logged pytest "$PY" -m pytest -q tests/python

# 5. Every bundled rule pack's own rule tests, through the installed tool.
for pack in "$DANCHU_SRC"/data/packs/*.tests.json; do
  run_logged "rule-tests-$(basename "$pack" .tests.json)" "$VENV/bin/danchu" test "$pack"
done

# 6. The HTML report in headless Chromium: no console errors, a screenshot;
# the hand-made example, then the sample province's 2018-H1 report.
run_logged render "$PY" tests/render/render_report.py --out "$DANCHU_SRC/build/render"
sample="$DANCHU_SRC/build/render/province"
"$VENV/bin/danchu" sample -o "$sample" >/dev/null
"$VENV/bin/danchu" report --units "$sample/organisation.json" --evidence "$sample/evidence/2018-H1.json" \
  --period 2018-H1 --previous-evidence "$sample/evidence/2017-H2.json" --previous-period 2017-H2 \
  --pack vn.bac-giang.2018-05-09 --records "$sample/records-vn.decree-04-2015.json" --as-of 2018-06-14 \
  -o "$sample/report" >/dev/null
run_logged render-sample "$PY" tests/render/render_report.py --json "$sample/report/report.json" \
  --out "$DANCHU_SRC/build/render/sample"

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
