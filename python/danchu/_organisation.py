"""The organisation from a file, dicts or a DataFrame: one path for every
module (``danchu.load_organisation``, ``danchu.scoring.organisation``, the
``organisation`` argument of evaluate, explain and ``schedule.build``).
No business rules: the C++ loader checks every record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Union

from . import _core
from ._core import ArgumentError
from ._core.organisation import Organisation

#: What :func:`load_organisation` reads: a path (JSON or CSV), dicts, or a DataFrame.
OrganisationSource = Union[str, "Path", Iterable[Mapping[str, Any]], Any]

_BASE_COLUMNS = {"id", "name", "kind", "parent", "staff", "labels"}


def _absent(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v)  # None or NaN: an empty cell


def _frame_records(frame: Any) -> list[dict[str, Any]]:
    dup = [str(c) for c in frame.columns[frame.columns.duplicated()]]
    if dup:
        raise ArgumentError(
            f"[danchu.argument] organisation: the columns {', '.join(dup)} appear twice"
        )
    records: list[dict[str, Any]] = []
    for rec in frame.to_dict("records"):
        r = {
            k: rec[k]
            for k in ("id", "name", "kind", "parent")
            if k in rec and not _absent(rec[k])
        }
        if "staff" in rec:
            r["staff"] = rec["staff"]  # NaN is refused by the loader, naming the record
        labels = dict(rec["labels"]) if isinstance(rec.get("labels"), dict) else {}
        labels.update(
            {str(k): str(v) for k, v in rec.items() if k not in _BASE_COLUMNS and not _absent(v)}
        )
        if labels:
            r["labels"] = labels
        records.append(r)
    return records


def load_organisation(source: OrganisationSource) -> Organisation:
    """The organisation's units from a file (JSON or CSV), a list of dicts, or a DataFrame
    with columns id, name, kind, parent, staff (a ``labels`` column of dicts and any other
    column become labels). id, kind and staff are required, as in the JSON format; errors
    name the record (``records[3].staff``)."""
    if isinstance(source, (str, Path)):
        return _core.organisation.load(str(source))
    if hasattr(source, "to_dict") and hasattr(source, "columns"):
        return _core.organisation.from_records(_frame_records(source))
    return _core.organisation.from_records([dict(r) for r in source])


def organisation_arg(organisation: Any) -> Organisation:
    """An ``organisation`` argument: the organisation object as it is, anything
    else through :func:`load_organisation`."""
    if isinstance(organisation, Organisation):
        return organisation
    return load_organisation(organisation)
