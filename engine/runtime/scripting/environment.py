"""The restricted environment and script engine: SpiffWorkflow's Python engine behind the guards.

Guard 2, the small set of builtins, is here; the others are in `checks.py`, `guards.py` and
`watchdog.py`.
"""

from __future__ import annotations

import builtins
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timedelta, timezone
from types import CodeType
from typing import Any

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from ...clock import HELSINKI, Clock, system_clock
from ...errors import ScriptError
from .checks import _compile, _shorten
from .failures import _failure
from .guards import _guard_helpers, _range, _round, _sum, _zip
from .watchdog import _Stop, _Watchdog

# --- builtins ---------------------------------------------------------------------------------

def _import(name: str, *args: Any, **kwargs: Any) -> Any:
    """For C code only: datetime's strftime and strptime import `time` and `_strptime`."""
    if name not in ("time", "_strptime"):
        raise ImportError(f"Importing {name} is not allowed in Palvelupolku scripts.")
    return builtins.__import__(name, *args, **kwargs)

# CPU seconds a script or condition may run (wall clock: 1.25 times that): an endless loop stops within 1 s.
DEFAULT_TIME_LIMIT = 0.75


_SAFE_BUILTINS: dict[str, Any] = {
    "abs": abs, "all": all, "any": any, "bool": bool, "dict": dict, "enumerate": enumerate,
    "float": float, "int": int, "isinstance": isinstance, "len": len, "list": list, "max": max,
    "min": min, "range": _range, "reversed": reversed, "round": _round, "set": set, "sorted": sorted,
    "str": str, "sum": _sum, "tuple": tuple, "zip": _zip,
    "date": date, "datetime": datetime, "timedelta": timedelta, "timezone": timezone,
    # Not Exception or RuntimeError: at the recursion limit the watchdog itself fails with a
    # RecursionError, which switches tracing off; a script must not be able to catch that and go on.
    "ArithmeticError": ArithmeticError, "IndexError": IndexError, "KeyError": KeyError,
    "LookupError": LookupError, "TypeError": TypeError, "ValueError": ValueError,
    "ZeroDivisionError": ZeroDivisionError,
    "__import__": _import,
    **_guard_helpers(),
}


# --- the environment and the engine ------------------------------------------------------------

class RestrictedEnvironment(BasePythonScriptEngineEnvironment):
    """SpiffWorkflow's `TaskDataEnvironment` semantics behind this package's checks and guards.

    `execute` runs with the task data as globals, so assignments become task data; afterwards the
    builtins, functions and injected names are removed again. `evaluate` works on a copy.
    """

    def __init__(self, clock: Clock | None = None, time_limit: float = DEFAULT_TIME_LIMIT,
                 environment_globals: dict[str, Any] | None = None) -> None:
        super().__init__(environment_globals)
        self.clock: Clock = clock or system_clock
        self.time_limit = time_limit
        self.builtins: dict[str, Any] = {**_SAFE_BUILTINS, **self._clock_functions()}

    def _clock_functions(self) -> dict[str, Callable[[], Any]]:
        # Closures, not bound methods: nothing here may lead back to the environment.
        def now() -> datetime:
            return self.clock()

        def today() -> date:
            return self.clock().astimezone(HELSINKI).date()

        return {"now": now, "today": today}

    def evaluate(self, expression: str, context: dict[str, Any],
                 external_context: Mapping[str, Any] | None = None) -> Any:
        code = _compile(expression or "", "eval")
        scope = {**self.globals, **(external_context or {}), **context, "__builtins__": self.builtins}
        result = self._run(code, scope, expression, "expression")
        if isinstance(result, Iterator):
            raise ScriptError(f"The expression `{_shorten(expression)}` gives an iterator, which cannot be"
                              " kept; wrap it in list(...) or use any(...) or all(...).")
        return result

    def execute(self, script: str, context: dict[str, Any],
                external_context: Mapping[str, Any] | None = None) -> bool:
        code = _compile(script or "", "exec")
        injected = {**self.globals, **(external_context or {})}
        clashes = sorted(set(injected).intersection(context))
        if clashes:
            raise ScriptError(f"The task data has fields named like predefined values ({', '.join(clashes)});"
                              " rename those fields.")
        context.update(injected)
        context["__builtins__"] = self.builtins
        try:
            self._run(code, context, script, "script")
        finally:
            self._remove_globals_and_functions_from_context(context, injected)
        self._drop_iterators(context)
        return True

    def _run(self, code: CodeType, scope: dict[str, Any], source: str, kind: str) -> Any:
        try:
            return self._watched(code, scope)
        except ScriptError:
            raise
        except (Exception, _Stop) as err:
            raise ScriptError(_failure(err, source, kind, self.time_limit)) from err

    def _watched(self, code: CodeType, scope: dict[str, Any]) -> Any:
        # Restore whatever tracer was there (a debugger, coverage); this frame itself is not watched,
        # so the restore runs even after the watchdog fired.
        previous = sys.gettrace()
        sys.settrace(_Watchdog(self.time_limit))
        try:
            return eval(code, scope)  # noqa: S307 - checked and guarded by _compile, run under the watchdog
        finally:
            sys.settrace(previous)

    def _remove_globals_and_functions_from_context(self, context: dict[str, Any],
                                                   injected: Mapping[str, Any]) -> None:
        for key in list(context):
            if key == "__builtins__" or callable(context[key]) or key in injected:
                del context[key]

    def _drop_iterators(self, context: dict[str, Any]) -> None:
        # A generator in the task data cannot be saved, and would run unwatched when read later.
        leftovers = sorted(key for key, value in context.items() if isinstance(value, Iterator))
        for key in leftovers:
            del context[key]
        if leftovers:
            raise ScriptError(f"The script leaves `{leftovers[0]}` as an iterator, which cannot be kept in"
                              " the task data; wrap it in list(...).")


def _at_element(err: ScriptError, task: Any) -> ScriptError:
    if err.element_id is not None:
        return err
    return ScriptError(err.reason, element_id=getattr(task.task_spec, "bpmn_id", None))


class RestrictedScriptEngine(PythonScriptEngine):
    """SpiffWorkflow's script engine on the restricted environment, with the engine clock.

    Failures leave as ScriptError naming the BPMN element; SpiffWorkflow's task.run() then marks the
    task ERROR and re-raises. Timers read `clock()`.
    """

    environment: RestrictedEnvironment

    def __init__(self, clock: Clock | None = None, time_limit: float = DEFAULT_TIME_LIMIT) -> None:
        super().__init__(environment=RestrictedEnvironment(clock=clock, time_limit=time_limit))

    @property
    def clock(self) -> Clock:
        return self.environment.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self.environment.clock = clock

    def evaluate(self, task: Any, expression: str, external_context: Mapping[str, Any] | None = None) -> Any:
        try:
            return self.environment.evaluate(expression, task.data, external_context)
        except ScriptError as err:
            raise _at_element(err, task) from err.__cause__

    def execute(self, task: Any, script: str, external_context: Mapping[str, Any] | None = None) -> bool:
        try:
            return self.environment.execute(script, task.data, external_context)
        except ScriptError as err:
            raise _at_element(err, task) from err.__cause__
