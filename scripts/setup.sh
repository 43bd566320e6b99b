#!/usr/bin/env bash
# Installs what danchu's build, tests and demo need, only what is missing, so a
# second run is quick. Sourced by scripts/test.sh and scripts/demo.sh; exports
# DANCHU_SRC, VENV, PY and JOBS.
set -euo pipefail

DANCHU_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DANCHU_SRC

# --- system packages (Debian 12 and 13) ---------------------------------------
apt_packages=(
  g++ cmake ninja-build pkg-config python3-venv python3-dev
  libboost-date-time-dev nlohmann-json3-dev catch2 libcli11-dev
  libbenchmark-dev
  clang # libFuzzer targets in tests/fuzz
  chromium fonts-dejavu-core # tests/render/render_report.py: the HTML report in headless Chromium
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Python virtual environment ------------------------------------------------
VENV="$DANCHU_SRC/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
req="$DANCHU_SRC/scripts/requirements-dev.txt"
stamp="$VENV/.danchu-requirements.sha256"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "== installing Python packages from scripts/requirements-dev.txt"
  "$PY" -m pip install -q --upgrade pip >/dev/null
  "$PY" -m pip install -q -r "$req"
  echo "$want" > "$stamp"
fi
export VENV PY
JOBS=${JOBS:-$(nproc)}
export JOBS

GENERATOR=()
command -v ninja >/dev/null 2>&1 && GENERATOR=(-G Ninja)

# Installs the Python package (and the danchu tool) into .venv, reusing the
# build folder build/<wheel tag> between runs.
install_python_package() {
  echo "== pip install . (into .venv)"
  "$PY" -m pip install -q --no-build-isolation --no-deps "$DANCHU_SRC"
}
