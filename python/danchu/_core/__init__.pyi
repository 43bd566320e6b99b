# Stubs of the compiled extension danchu._core (src/module.cpp): one
# submodule per area, each in its own stub file beside this one. Checked
# against the built module by `python -m mypy.stubtest danchu._core`
# (scripts/test.sh).

from typing import type_check_only

from . import calendar as calendar
from . import logic as logic
from . import organisation as organisation
from . import report as report
from . import rules as rules
from . import sample as sample
from . import schedule as schedule
from . import scoring as scoring

__version__: str

@type_check_only
class _pybind11_type(type):
    """The metaclass of every class pybind11 binds (pybind11_builtins.pybind11_type
    at run time), declared so that stubtest sees the classes' metaclass."""

class Error(ValueError): ...
class ParseError(Error): ...
class CalendarError(Error): ...
class RuleError(Error): ...
class EvidenceError(Error): ...
class ScoringError(Error): ...
class ArgumentError(Error): ...

def _raise(kind: str, message: str) -> None: ...
