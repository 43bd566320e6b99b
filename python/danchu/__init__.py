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

from ._data import data_dir
from ._core import (
    ArgumentError,
    CalendarError,
    Error,
    EvidenceError,
    ParseError,
    RuleError,
    ScoringError,
)

__version__: str = _core.__version__

__all__ = [
    "ArgumentError",
    "CalendarError",
    "Error",
    "EvidenceError",
    "ParseError",
    "RuleError",
    "ScoringError",
    "__version__",
    "data_dir",
]


def __dir__() -> list[str]:
    return __all__
