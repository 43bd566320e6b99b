#!/usr/bin/env bash
# The demo, from a fresh machine: installs what is missing, installs danchu
# into .venv and runs it on the bundled data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DANCHU_SRC"
install_python_package
DANCHU="$VENV/bin/danchu"
"$DANCHU" --version
