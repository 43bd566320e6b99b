"""JSON text from the Python values users pass to danchu (dicts of evidence,
packs, schemes, assessments, obligations, records, reports): one conversion
for every loader that goes through JSON. No business rules.

Dates (``datetime.date``, ``datetime``, pandas ``Timestamp``,
``numpy.datetime64``) become ISO dates ``YYYY-MM-DD``; NumPy scalars and arrays
become Python numbers, booleans and lists; tuples become lists; sets become
lists sorted by their JSON text (a set has no order of its own). What JSON
cannot hold (bytes, NaT, other objects, keys that are not text) raises
``danchu.ArgumentError`` naming the argument and the place in it
(``units.SNV['bg.sessions']``), never a bare ``TypeError``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

import numpy as np

from ._core import ArgumentError
from ._dates import is_date_like, iso_date


def _key(k: Any, where: str) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise ArgumentError(
            f"[danchu.argument] {where}: the key {k!r} ({type(k).__name__}) is not text: "
            "JSON keys are strings"
        )
    return str(int(k))


def _child(where: str, key: Any) -> str:
    """``points[0].date`` for a name, ``units.SNV['bg.sessions']`` for other keys."""
    return f"{where}.{key}" if isinstance(key, str) and key.isidentifier() else f"{where}[{key!r}]"


def jsonable(value: Any, where: str) -> Any:
    """``value`` with every part converted to what ``json.dumps`` writes (see the
    module comment); ``where`` names it in errors."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value  # bool before int; Python and NumPy float64 (a float subclass)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, (np.datetime64, datetime.date)) or is_date_like(value):
        return iso_date(value, where)
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise ArgumentError(
            f"[danchu.argument] {where}: bytes are not text; decode them first "
            "(for example value.decode('utf-8'))"
        )
    if isinstance(value, Mapping):
        return {_key(k, where): jsonable(v, _child(where, k)) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "M":  # datetime64 arrays: ISO dates (NaT refused)
            return [jsonable(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if value.dtype.kind in "biuf":
            return value.tolist()
        return [jsonable(v, f"{where}[{i}]") for i, v in enumerate(value.tolist())]
    if isinstance(value, (list, tuple)):
        return [jsonable(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        items = [jsonable(v, f"{where} (a set)") for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    raise ArgumentError(
        f"[danchu.argument] {where}: {type(value).__name__} {value!r} cannot be written as JSON: "
        "expected text, a number, a boolean, a date, a list or a dict"
    )


def dumps(value: Any, where: str) -> str:
    """JSON text of ``value`` (see :func:`jsonable`); ``where`` names it in errors."""
    # ASCII with \u escapes: a lone surrogate in a str becomes a JSON error
    # that danchu reports, not a UnicodeEncodeError on the way to C++.
    return json.dumps(jsonable(value, where))
