"""The layout of danchu._core: one submodule per area, every bound function
names its arguments, and the order in which src/module.cpp registers the areas
changes nothing (the DANCHU_CORE_REGISTER_ORDER test hook)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import types
from collections.abc import Iterator

import pytest

from danchu import _core

AREAS = ["calendar", "logic", "organisation", "rules", "scoring", "schedule", "sample", "report"]

# A positional-only name pybind11 makes up for an argument without py::arg,
# and the C++ spelling of a type that was not registered when the function
# using it was bound.
UNNAMED = re.compile(r"\barg\d+\b")
CPP_TYPE = re.compile(r"\b(danchu|std|boost|pybind11)::")


def _functions(module: types.ModuleType, prefix: str) -> Iterator[tuple[str, object, bool]]:
    """(qualified name, function, is a property getter) for every function,
    method, static method and property getter of the module and its submodules."""
    for name, obj in sorted(vars(module).items()):
        if isinstance(obj, types.ModuleType):
            if obj.__name__.startswith("danchu._core."):
                yield from _functions(obj, f"{prefix}{name}.")
        elif isinstance(obj, type):
            if not obj.__module__.startswith("danchu._core"):
                continue
            for attr, member in sorted(vars(obj).items()):
                if attr.startswith("_pybind11"):  # pybind11's own (_pybind11_conduit_v1_)
                    continue
                if isinstance(member, property):
                    yield f"{prefix}{name}.{attr}", member.fget, True
                    continue
                f = getattr(member, "__func__", member)
                if callable(f) and type(f).__name__ in ("builtin_function_or_method", "instancemethod"):
                    yield f"{prefix}{name}.{attr}", f, False
        elif type(obj).__name__ == "builtin_function_or_method":
            yield f"{prefix}{name}", obj, False


def _signatures(module: types.ModuleType) -> dict[str, str]:
    out = {}
    for name, f, _ in _functions(module, "_core."):
        doc = getattr(f, "__doc__", None) or ""
        out[name] = "\n".join(line for line in doc.splitlines() if "(" in line and "->" in line)
    return out


def test_one_submodule_per_area() -> None:
    for area in AREAS:
        sub = getattr(_core, area)
        assert isinstance(sub, types.ModuleType)
        assert sub.__name__ == f"danchu._core.{area}"
        assert sys.modules[f"danchu._core.{area}"] is sub  # `import danchu._core.<area>` works
    # the calendar is its own submodule, not the top of _core
    assert _core.calendar.Calendar.__module__ == "danchu._core.calendar"
    assert not hasattr(_core, "Calendar")


def test_the_walk_sees_every_area() -> None:
    names = [n for n, _, _ in _functions(_core, "_core.")]
    assert len(names) > 250
    for area in AREAS:
        assert any(n.startswith(f"_core.{area}.") for n in names), area


def test_every_function_names_its_arguments() -> None:
    unnamed, cpp = [], []
    for name, f, getter in _functions(_core, "_core."):
        doc = getattr(f, "__doc__", None) or ""
        signatures = [line for line in doc.splitlines() if "->" in line and "(" in line]
        assert signatures, f"{name}: no signature in its docstring"
        for line in signatures:
            # A property getter is never called with keywords: its one argument
            # is the object, which pybind11 names arg0 for a lambda.
            if not getter and UNNAMED.search(line):
                unnamed.append(f"{name}: {line}")
            if CPP_TYPE.search(line):
                cpp.append(f"{name}: {line}")
    assert not unnamed, "bound without py::arg:\n" + "\n".join(unnamed)
    assert not cpp, "a type bound after the function using it:\n" + "\n".join(cpp)


def test_keyword_calls_the_stubs_show() -> None:
    cal = _core.calendar
    assert cal.to_solar(year=2026, month=1, day=1, leap=False).isoformat() == "2026-02-17"
    assert cal.lunar_month_length(year=2026, month=1) in (29, 30)
    assert _core.logic.apply(rule={"+": [1, 2]}, data=None) == 3
    from danchu._data import data_dir

    assert _core.rules._regime_pack(date="2024-01-01", switch_date="", data_dir=str(data_dir())) == "vn.law-10-2022"
    assert _core.sample.province(units=31, seed=1).ids[0]
    # bound without argument names before (a keyword call raised TypeError)
    import danchu.scoring as ds

    card = ds.score("xccdf-default", ds.findings_table(["r1"], ["u"], [["pass"]])).raw
    assert card.find(id="u") == 0 and card.find(id="v") is None
    assert _core.calendar.LunarDate(2026, 1, 1).__eq__(other=_core.calendar.LunarDate(2026, 1, 1))


_DUMP = """
import json, sys
sys.path[:0] = {path!r}
import test_bindings
from danchu import _core
print(json.dumps(test_bindings._signatures(_core), sort_keys=True))
"""


def _dump(order: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DANCHU_CORE_REGISTER_ORDER", None)
    if order is not None:
        env["DANCHU_CORE_REGISTER_ORDER"] = order
    code = _DUMP.format(path=[os.path.dirname(__file__)])
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True)
    result: dict[str, str] = json.loads(out.stdout)
    return result


@pytest.mark.parametrize(
    "order",
    [
        list(reversed(AREAS)),
        ["report", "sample", "scoring", "rules", "schedule", "organisation", "logic", "calendar"],
        ["schedule", "sample", "rules", "scoring", "report", "calendar", "organisation", "logic"],
    ],
    ids=["reversed", "report-first", "schedule-first"],
)
def test_registration_order_does_not_matter(order: list[str]) -> None:
    """Every signature (argument names, Python type names) is the same whatever
    the order the areas are registered in: the classes that cross areas are
    declared before any area."""
    default = _dump(None)
    assert len(default) > 250
    assert _dump(",".join(order)) == default


def test_registration_order_hook_refuses_a_bad_list() -> None:
    env = dict(os.environ, DANCHU_CORE_REGISTER_ORDER="calendar,logic")
    out = subprocess.run([sys.executable, "-c", "import danchu._core"], env=env,
                         capture_output=True, text=True)
    assert out.returncode != 0
    assert "DANCHU_CORE_REGISTER_ORDER" in out.stderr


def test_logic_errors_carry_the_thrown_value_in_any_order() -> None:
    code = (
        "import danchu\n"
        "try:\n"
        "    danchu.logic.apply({'throw': 'boom'})\n"
        "except danchu.RuleError as e:\n"
        "    print(e.thrown)\n"
    )
    env = dict(os.environ, DANCHU_CORE_REGISTER_ORDER=",".join(reversed(AREAS)))
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True)
    assert out.stdout.strip() == "{'type': 'boom'}"
