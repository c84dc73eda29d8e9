"""Guard 2 and the in-process run: the small set of builtins, and running checked code under the watchdog.

Used in two places: by the web or worker process itself for the provably cheap expressions and
scripts (`cheap.py`), and inside the sandbox child (`child.py`) for everything else. Imports the
standard library and this package's guard modules only, so the child starts without SpiffWorkflow.
"""

from __future__ import annotations

import builtins
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timedelta, timezone
from types import CodeType
from typing import Any

from ...clock import HELSINKI
from ...errors import ScriptError
from .checks import _compile, _shorten
from .failures import failure
from .guards import _guard_helpers, _range, _round, _sum, _zip
from .watchdog import _Stop, _Watchdog

# CPU seconds a script or condition may run (wall clock: 1.25 times that): an endless loop stops within 1 s.
DEFAULT_TIME_LIMIT = 0.75


def _import(name: str, *args: Any, **kwargs: Any) -> Any:
    """For C code only: datetime's strftime and strptime import `time` and `_strptime`."""
    if name not in ("time", "_strptime"):
        raise ImportError(f"Importing {name} is not allowed in Palvelupolku scripts.")
    return builtins.__import__(name, *args, **kwargs)


SAFE_BUILTINS: dict[str, Any] = {
    "abs": abs, "all": all, "any": any, "bool": bool, "dict": dict, "enumerate": enumerate,
    "float": float, "int": int, "isinstance": isinstance, "len": len, "list": list, "max": max,
    "min": min, "range": _range, "reversed": reversed, "round": _round, "set": set, "sorted": sorted,
    "str": str, "sum": _sum, "tuple": tuple, "zip": _zip,
    "date": date, "datetime": datetime, "timedelta": timedelta, "timezone": timezone,
    # Not Exception or RuntimeError: at the recursion limit the watchdog itself fails with a
    # RecursionError, which switches tracing off; a script must not be able to catch that and go on.
    "ArithmeticError": ArithmeticError, "AttributeError": AttributeError, "IndexError": IndexError,
    "KeyError": KeyError, "NameError": NameError,
    "LookupError": LookupError, "TypeError": TypeError, "ValueError": ValueError,
    "ZeroDivisionError": ZeroDivisionError,
    "__import__": _import,
    **_guard_helpers(),
}


def builtins_at(clock: Callable[[], datetime]) -> dict[str, Any]:
    """The builtins of one run, with `now()` and `today()` on `clock`.

    Closures, not bound methods: nothing here may lead back to the environment."""
    def now() -> datetime:
        return clock()

    def today() -> date:
        return clock().astimezone(HELSINKI).date()

    return {**SAFE_BUILTINS, "now": now, "today": today}


def evaluate_here(expression: str, context: Mapping[str, Any], external_context: Mapping[str, Any] | None,
                  scope_builtins: dict[str, Any], time_limit: float) -> Any:
    """Evaluate in this process, under the watchdog, on a copy of the task data."""
    code = _compile(expression or "", "eval")
    scope = {**(external_context or {}), **context, "__builtins__": scope_builtins}
    result = _run(code, scope, expression, "expression", time_limit)
    if isinstance(result, Iterator):
        raise ScriptError(f"The expression `{_shorten(expression)}` gives an iterator, which cannot be"
                          " kept; wrap it in list(...) or use any(...) or all(...).", code="script.iterator",
                          params={"expression": _shorten(expression)})
    return result


def execute_here(script: str, context: dict[str, Any], external_context: Mapping[str, Any] | None,
                 scope_builtins: dict[str, Any], time_limit: float) -> None:
    """Run in this process, under the watchdog, with the task data as globals: assignments become data."""
    code = _compile(script or "", "exec")
    injected = dict(external_context or {})
    clashes = sorted(set(injected).intersection(context))
    if clashes:
        raise ScriptError(f"The task data has fields named like predefined values ({', '.join(clashes)});"
                          " rename those fields.", code="script.clashes", params={"names": ", ".join(clashes)})
    context.update(injected)
    context["__builtins__"] = scope_builtins
    try:
        _run(code, context, script, "script", time_limit)
    finally:
        for key in list(context):
            if key == "__builtins__" or callable(context[key]) or key in injected:
                del context[key]
    # A generator in the task data cannot be saved, and would run unwatched when read later.
    leftovers = sorted(key for key, value in context.items() if isinstance(value, Iterator))
    for key in leftovers:
        del context[key]
    if leftovers:
        raise ScriptError(f"The script leaves `{leftovers[0]}` as an iterator, which cannot be kept in"
                          " the task data; wrap it in list(...).", code="script.leaves_iterator",
                          params={"name": leftovers[0]})


def _run(code: CodeType, scope: dict[str, Any], source: str, kind: str, time_limit: float) -> Any:
    try:
        return _watched(code, scope, time_limit)
    except ScriptError:
        raise
    except (Exception, _Stop) as err:
        sentence, failure_code, params = failure(err, source, kind, time_limit)
        raise ScriptError(sentence, code=failure_code, params=params) from err


def _watched(code: CodeType, scope: dict[str, Any], time_limit: float) -> Any:
    # Restore whatever tracer was there (a debugger, coverage); this frame itself is not watched,
    # so the restore runs even after the watchdog fired.
    previous = sys.gettrace()
    sys.settrace(_Watchdog(time_limit))
    try:
        return eval(code, scope)  # noqa: S307 - checked and guarded by _compile, run under the watchdog
    finally:
        sys.settrace(previous)
