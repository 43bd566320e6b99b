"""danchu: rules-as-code for democracy in Vietnamese state agencies.

The C++ core (``danchu._core``) does the work; this package adds Python sugar
(``datetime.date`` and pandas conversion, notebook display). No rules live here.
"""

from __future__ import annotations

try:
    from . import _core
except ImportError as exc:  # pragma: no cover - only without a built extension
    raise ImportError(
        "danchu._core is missing: install the package with `pip install .` "
        "from the repository root (it builds the C++ extension)"
    ) from exc

from . import evidence, logic, lunar, report, rules, sample, schedule, scoring
from ._core import (
    ArgumentError,
    CalendarError,
    Error,
    EvidenceError,
    ParseError,
    RuleError,
    ScoringError,
)
from ._data import data_dir
from .calendar import Calendar, report_period, report_periods
from .rules import Events, Evidence, Explanation, Findings, Pack, evaluate, explain, load_organisation, load_pack

__version__: str = _core.__version__

__all__ = [
    "ArgumentError",
    "Calendar",
    "CalendarError",
    "Error",
    "Events",
    "Evidence",
    "EvidenceError",
    "Explanation",
    "Findings",
    "Pack",
    "ParseError",
    "RuleError",
    "ScoringError",
    "__version__",
    "data_dir",
    "evaluate",
    "evidence",
    "explain",
    "load_organisation",
    "load_pack",
    "logic",
    "lunar",
    "report",
    "report_period",
    "report_periods",
    "rules",
    "sample",
    "schedule",
    "scoring",
]


def __dir__() -> list[str]:
    return __all__
