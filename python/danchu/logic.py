"""danchu's condition language from Python.

``apply(rule, data)`` is plain JSON Logic (it passes the community's 1,138-case
conformance suites) over Python objects; ``compile(rule, facts)`` type-checks a
rule against named, typed facts and returns a :class:`Program` that evaluates
one unit (``evaluate``) or NumPy columns (``evaluate_batch``). Dates are
``datetime.date`` (ISO strings are accepted wherever a date is expected).

Errors are :class:`danchu.RuleError` (a ``ValueError``); a JSON Logic error
carries the thrown value as ``.thrown`` (for example ``{"type": "NaN"}``).
The operators are documented in ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import _core

Program = _core.logic.Program

__all__ = ["Program", "apply", "compile"]


def apply(rule: Any, data: Any = None) -> Any:
    """Evaluates the JSON Logic ``rule`` against ``data``.

    ``rule`` and ``data`` are JSON-like Python objects (dict, list, str, int,
    float, bool, None; ``datetime.date`` becomes a date value). Returns the
    result as Python objects (date values as ``datetime.date``).

    >>> apply({"if": [{">=": [{"var": "attended"}, 20]}, "quorum", "no quorum"]}, {"attended": 25})
    'quorum'

    Raises :class:`danchu.RuleError` with ``.thrown`` set for a JSON Logic
    error (``throw``, NaN, "Invalid Arguments", "Unknown Operator").
    """
    return _core.logic.apply(rule, data)


def compile(
    rule: Any,
    facts: Mapping[str, str],
    *,
    file: str = "<rule>",
    pointer: str = "",
) -> Program:
    """Compiles ``rule`` against ``facts`` ({name: type}), checking every fact
    name and argument type; types are "boolean", "number", "string", "date",
    "events" and "any".

    >>> p = compile({">=": [{"var": "staff"}, 100]}, {"staff": "number"})
    >>> p.evaluate({"staff": 120})
    True

    Raises :class:`danchu.RuleError` naming ``file`` and the JSON pointer of
    the offending sub-expression.
    """
    return _core.logic.compile(rule, dict(facts), file, pointer)
