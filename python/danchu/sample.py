"""SYNTHETIC sample provinces for demos, notebooks, tests and benchmarks.

**Everything here is synthetic.** The top of the tree is shaped like Bắc Giang
province in 2018 (the provincial People's Committee, 20 departments and the ten
district-level units of that year); every unit below them, every staff count,
every piece of evidence and every submission date is generated. Nothing
describes a real agency (``docs/sample.md``).

The generator is the C++ one (``include/danchu/sample*.hpp``) that
``danchu sample`` uses: the same seed gives the same data in Python, on the
command line and on every platform.

>>> import danchu.sample as ds
>>> org = ds.province(units=120, seed=7)          # doctest: +SKIP
>>> ev = ds.evidence(org, "2018-H1", seed=7)      # doctest: +SKIP
>>> rec = ds.records(org, "vn.decree-04-2015", seed=7)  # doctest: +SKIP
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from . import _core
from ._core import ArgumentError
from ._data import PathLike, resolve_data_dir

_sm = _core.sample

__all__ = ["STANDARD_PERIODS", "evidence", "province", "records", "units_frame", "write"]

#: The half-years ``danchu sample`` writes evidence for.
STANDARD_PERIODS: tuple[str, ...] = tuple(_sm.STANDARD_PERIODS)

_REGIMES = {
    "vn.decree-04-2015": False,
    "decree-04-2015": False,
    "vn.law-10-2022": True,
    "law-10-2022": True,
}


def _dd(data_dir: PathLike | None) -> str:
    return str(resolve_data_dir(data_dir))


def _seed(seed: Any) -> int:
    if isinstance(seed, bool) or not hasattr(seed, "__index__") or int(seed) < 0 or int(seed) >= 2**64:
        raise ArgumentError(f"[danchu.argument] seed: expected an integer from 0 to 2**64-1, got {seed!r}")
    return int(seed)


def _units(units: Any) -> int:
    if isinstance(units, bool) or not hasattr(units, "__index__") or int(units) < 0:
        raise ArgumentError(f"[danchu.argument] units: expected a positive integer (at least 31), got {units!r}")
    return int(units)


def province(units: int = 330, seed: int = 2018) -> Any:
    """A SYNTHETIC province shaped like Bắc Giang in 2018 with ``units`` units
    (at least 31: the province, 20 departments, 10 district-level committees).

    Returns the organisation object the rules, scoring and schedule code take
    (labels ``district``, ``sector``, ``synthetic=true``; ``role=home_affairs``
    on the Department of Home Affairs). Deterministic for a given seed.
    """
    return _sm.province(_units(units), _seed(seed))


def units_frame(organisation: Any) -> Any:
    """The units of an organisation as a DataFrame indexed by id: name, kind,
    parent, staff, and one column per label (``district``, ``sector``, ...)."""
    import pandas as pd

    c = dict(_core.organisation.unit_columns(organisation))
    labels = dict(c.pop("labels"))
    df = pd.DataFrame(c)
    for k, v in labels.items():
        df[str(k)] = v
    return df.set_index("id")


@functools.lru_cache(maxsize=8)
def _pack(pack_id: str, data_dir: str) -> Any:
    from .rules import load_pack

    return load_pack(pack_id, data_dir=data_dir)


def evidence(
    organisation: Any,
    period: str,
    seed: int = 2018,
    *,
    pack: Any = None,
    data_dir: PathLike | None = None,
) -> Any:
    """SYNTHETIC evidence of ``organisation`` for ``period`` (``"2018-H1"``,
    ``"2024-H2"`` or a year ``"2018"``): a :class:`danchu.Evidence`, the same
    values ``danchu sample`` writes to ``evidence/<period>.json`` for the same
    seed. A few units send nothing (coverage gaps) and a few facts are left
    out (unknown verdicts), as in real returns.

    ``pack`` (a :class:`danchu.Pack` or id) checks the values against its fact
    dictionary; by default the base pack of the regime in force on the
    period's first day (Decree 04/2015 before 1 July 2023, Law 10/2022 from it).
    """
    from .rules import Evidence, Pack

    dd = _dd(data_dir)
    text, _silent, law10 = _sm.evidence_json(organisation, str(period), _seed(seed), dd)
    if pack is None:
        pack = _pack("vn.law-10-2022" if law10 else "vn.decree-04-2015", dd)
    elif not isinstance(pack, Pack):
        pack = _pack(str(pack), dd)
    return Evidence.from_json(text, pack, organisation)


def records(organisation: Any, regime: str, seed: int = 2018, *, data_dir: PathLike | None = None) -> Any:
    """SYNTHETIC schedule records (submissions and events) of ``organisation``
    under ``regime`` (``"vn.decree-04-2015"``: 2017-H1 … 2023-H1, or
    ``"vn.law-10-2022"``: 2023-H2 … 2024-H2): a :class:`danchu.schedule.Records`,
    the same as ``records-<regime>.json`` from ``danchu sample``."""
    from .schedule import Records

    if regime not in _REGIMES:
        raise ArgumentError(
            f"[danchu.argument] regime: unknown regime {regime!r}: expected \"vn.decree-04-2015\" "
            "or \"vn.law-10-2022\""
        )
    return Records(_sm.records(organisation, _REGIMES[regime], _seed(seed), _dd(data_dir)))


def write(
    out_dir: PathLike,
    units: int = 330,
    seed: int = 2018,
    *,
    data_dir: PathLike | None = None,
) -> dict[str, Any]:
    """Writes a SYNTHETIC province into ``out_dir``, exactly as
    ``danchu sample -o OUT_DIR --units UNITS --seed SEED`` does:
    ``organisation.json``, ``evidence/<half-year>.json`` for each of
    :data:`STANDARD_PERIODS`, ``records-vn.decree-04-2015.json`` and
    ``records-vn.law-10-2022.json``, and the same evidence as dated events:
    ``events.json`` and ``facts/<half-year>.json`` (the facts that are not
    events). Returns a summary (units, periods, unit-periods without
    evidence, files written)."""
    out = dict(_sm.write(str(Path(out_dir)), _units(units), _seed(seed), _dd(data_dir)))
    out["files"] = [Path(f) for f in out["files"]]
    out["out_dir"] = Path(out_dir)
    out["synthetic"] = True
    return out
