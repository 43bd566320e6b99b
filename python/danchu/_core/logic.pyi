# danchu._core.logic (src/register_logic.cpp)

import datetime
from typing import Any

import numpy.typing as npt

from . import _pybind11_type

_DateArg = datetime.date | str | None

class Program(metaclass=_pybind11_type):
    @property
    def result_type(self) -> str: ...
    @property
    def facts(self) -> list[str]: ...
    def evaluate(
        self,
        facts: dict[str, Any] | list[dict[str, Any]] | Any,
        period_start: _DateArg = None,
        period_end: _DateArg = None,
        as_of: _DateArg = None,
    ) -> Any: ...
    def evaluate_batch(
        self,
        columns: dict[str, Any],
        period_start: _DateArg = None,
        period_end: _DateArg = None,
        as_of: _DateArg = None,
    ) -> npt.NDArray[Any]: ...

def apply(rule: Any, data: Any = None) -> Any: ...
def compile(
    rule: Any, facts: dict[str, str], file: str = "<rule>", pointer: str = ""
) -> Program: ...
