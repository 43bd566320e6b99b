"""The README works verbatim: its walk-through's shell block runs as written.

The block is taken from README.md (the ```bash fence under "## Walk-through") and
run by bash with `set -euo pipefail` in an empty folder, with the virtual
environment that holds danchu active, as a newcomer would after the README's
test or demo command. Then the six-monthly report it wrote is checked: the only
data problems are the sample's units that, on purpose, sent no evidence.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def walkthrough_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Walk-through", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)```", section, flags=re.S)


def test_readme_has_a_walkthrough_from_sample_to_report() -> None:
    blocks = walkthrough_blocks()
    assert len(blocks) == 1
    assert blocks[0].startswith("danchu sample")
    assert "danchu report" in blocks[0]


def test_readme_walkthrough_runs_verbatim(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.prefix) / 'bin'}{os.pathsep}{env['PATH']}"
    env["VIRTUAL_ENV"] = sys.prefix
    env.pop("DANCHU_DATA_DIR", None)  # the installed package finds its own data
    script = "set -euo pipefail\n" + walkthrough_blocks()[0]
    res = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, f"stdout:\n{res.stdout[-3000:]}\nstderr:\n{res.stderr[-3000:]}"

    report = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    evidence = json.loads((tmp_path / "province" / "evidence" / "2018-H1.json")
                          .read_text(encoding="utf-8"))
    problems = report["problems"]
    assert {p["kind"] for p in problems} <= {"missing_evidence"}, problems[:5]
    silent = {p["subject"] for p in problems}
    assert not silent & set(evidence["units"])  # really sent nothing
    assert len(silent) <= 4
    assert (tmp_path / "report" / "report.html").is_file()
    assert (tmp_path / "findings.json").is_file()
