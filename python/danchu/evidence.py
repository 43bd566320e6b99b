"""Evidence workbooks: the XLSX files a Department of Home Affairs sends its
units and reads back (``danchu template --xlsx`` on the command line).

The workbooks are written and read by the C++ library (``danchu::office``);
this module only passes paths. A filled workbook is also accepted wherever an
events file is (``Evidence.from_events``, ``report.build(events=...)``).

>>> import danchu.evidence as ev
>>> ev.write_xlsx_template("SNV.xlsx", "organisation.json", units=["SNV"])  # doctest: +SKIP
>>> doc = ev.read_xlsx("SNV.xlsx", "organisation.json")                     # doctest: +SKIP
>>> doc["events"][0]["source"]                                               # doctest: +SKIP
{'file': 'SNV.xlsx', 'sheet': 'conference_held', 'row': 4}
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Union

from . import _core
from ._data import resolve_data_dir
from ._organisation import organisation_arg

__all__ = ["read_xlsx", "write_xlsx_template"]

_PathLike = Union[str, "os.PathLike[str]"]


def read_xlsx(
    paths: _PathLike | Iterable[_PathLike],
    organisation: Any,
    *,
    data_dir: _PathLike | None = None,
) -> dict[str, Any]:
    """The events of filled evidence workbooks (one file, several, or a folder) as
    an events document ``{"events": [...], "none": [...]}``, the form of
    ``data/schemas/events.schema.json``. Each record's ``source`` names the
    file, sheet and row it came from. Raises :class:`danchu.Error` listing every
    problem, each as ``file!Sheet!C7`` and what was expected."""
    files = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(p) for p in paths]
    org = organisation_arg(organisation)
    text = _core.rules.read_events_xlsx(files, org, str(resolve_data_dir(data_dir)))
    out: dict[str, Any] = json.loads(text)
    return out


def write_xlsx_template(
    path: _PathLike,
    organisation: Any,
    units: Iterable[str],
    *,
    rows: int = 100,
    title: str = "",
    data_dir: _PathLike | None = None,
) -> Path:
    """Writes one evidence workbook for ``units`` (ids of the organisation): the
    instructions sheet, a sheet per event kind, declared nones. Returns the path."""
    org = organisation_arg(organisation)
    _core.rules.write_events_workbook(
        os.fspath(path), org, list(units), str(resolve_data_dir(data_dir)), rows, title
    )
    return Path(path)
