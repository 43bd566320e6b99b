"""The analysis notebook (examples/notebooks/sample_province.ipynb) runs from
top to bottom on the SYNTHETIC sample province without an error."""

from __future__ import annotations

from pathlib import Path

# scripts/requirements-dev.txt installs these; a missing one is a failure, not a skip.
import matplotlib  # noqa: F401
import nbclient
import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "sample_province.ipynb"


def _text(cell: dict) -> str:
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        data = o.get("data", {})
        out.append(data.get("text/plain", ""))
        out.append(data.get("text/html", ""))
    return "\n".join(out)


def test_notebook_runs_top_to_bottom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    monkeypatch.setenv("DANCHU_NOTEBOOK_OUT", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # Kernel "python3" is the running interpreter (the venv danchu is installed
    # in): a kernel spec written first on JUPYTER_PATH.
    write_kernel_spec(str(tmp_path / "jupyter" / "kernels" / "python3"))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), "every code cell ran"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    everything = "\n".join(_text(c) for c in code)
    assert "330 units (SYNTHETIC)" in everything
    assert "Findings(pack='vn.bac-giang.2018-05-09', period='2018-H1'" in everything
    assert "Findings(pack='vn.law-10-2022', period='2024-H1'" in everything
    assert "pass rate / tỷ lệ đạt" in everything
    assert "Schedule(2018-01-01..2018-12-31, as_of=2018-06-14" in everything
    assert "unit-six-monthly-report" in everything
    assert "problems" in everything and "items overdue or due by 2018-07-14" in everything
    # The chart was drawn and shown.
    chart = tmp_path / "bands_by_district.png"
    assert chart.exists() and chart.stat().st_size > 10_000
    assert any("image/png" in o.get("data", {}) for c in code for o in c.get("outputs", []))
