#!/usr/bin/env bash
# Installs what danchu's build, tests and demo need, only what is missing, so a
# second run is quick. Sourced by scripts/test.sh and scripts/demo.sh; exports
# DANCHU_SRC, VENV, PY and JOBS.
set -euo pipefail

DANCHU_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DANCHU_SRC

# --- system packages (Debian 12 and 13) ---------------------------------------
mapfile -t apt_packages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$DANCHU_SRC/scripts/packages.txt")
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

# The build uses only what this script installs: Debian's tools and Python
# first on PATH (not, say, a cmake that pip put into another Python), and the
# virtual environment made from Debian's python3. scripts/check_packages.py
# checks this after the builds.
export PATH="/usr/bin:/bin:$PATH"

# --- Python virtual environment ------------------------------------------------
VENV="$DANCHU_SRC/.venv"
if [ -x "$VENV/bin/python" ] && ! grep -qx 'home = /usr/bin' "$VENV/pyvenv.cfg"; then
  echo "== $VENV was made from another Python: making it again from /usr/bin/python3"
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  /usr/bin/python3 -m venv "$VENV"
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

GENERATOR=(-G Ninja)

# Installs the Python package (and the danchu tool) into .venv: the manylinux
# wheel that scripts/wheel.sh builds, reusing the build folder build/<wheel tag>.
install_python_package() {
  "$DANCHU_SRC/scripts/wheel.sh" --no-smoke
}
