"""Notebook display shared by the wrappers (no business rules)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np


def _cell(x: Any) -> str:
    if isinstance(x, float):  # NumPy floats too; NaN shows as an empty cell
        return "" if x != x else f"{x:.2f}"
    if isinstance(x, np.datetime64):
        return "" if np.isnat(x) else str(x)
    return html.escape(str(x))


def html_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], caption: str) -> str:
    """An HTML table of ``rows`` under the headings ``columns``, every cell escaped."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(x)}</td>" for x in row) + "</tr>" for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
