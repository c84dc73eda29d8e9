"""The restricted environment and script engine: SpiffWorkflow's Python engine behind the guards.

Each evaluation goes one of two ways: a source that `cheap.py` proves cheap runs here, in this
process, under the watchdog (`runner.py`); everything else runs in a sandbox child (`sandbox.py`),
which the kernel limits and the parent kills when it misses its deadline. The task data crosses
the pipe as JSON (`wire.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from ...clock import Clock, system_clock
from ...errors import ScriptError
from .. import datalimits
from . import sandbox, wire
from .cheap import is_cheap
from .checks import _compile, _shorten
from .runner import DEFAULT_TIME_LIMIT, builtins_at, evaluate_here, execute_here

__all__ = ["DEFAULT_TIME_LIMIT", "RestrictedEnvironment", "RestrictedScriptEngine"]


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
        # Through a lambda, so a clock swapped later (`engine.clock = ...`) is the one read.
        self.builtins: dict[str, Any] = builtins_at(lambda: self.clock())
        sandbox.warm()           # a child starts meanwhile, so the first script need not wait for it

    def evaluate(self, expression: str, context: dict[str, Any],
                 external_context: Mapping[str, Any] | None = None) -> Any:
        _compile(expression or "", "eval")           # refusals read the same here and in the child
        external = {**self.globals, **(external_context or {})}
        if is_cheap(expression or "", "eval"):
            return evaluate_here(expression, context, external, self.builtins, self.time_limit)
        answer = self._in_child("eval", expression, context, external,
                                f"The expression `{_shorten(expression)}`")
        return wire.decode(answer["result"])

    def execute(self, script: str, context: dict[str, Any],
                external_context: Mapping[str, Any] | None = None) -> bool:
        _compile(script or "", "exec")
        external = {**self.globals, **(external_context or {})}
        if is_cheap(script or "", "exec"):
            execute_here(script, context, external, self.builtins, self.time_limit)
            _check_stored(context)
            return True
        clashes = sorted(set(external).intersection(context))
        if clashes:
            raise ScriptError(f"The task data has fields named like predefined values ({', '.join(clashes)});"
                              " rename those fields.", code="script.clashes", params={"names": ", ".join(clashes)})
        answer = self._in_child("exec", script, context, external, "The script")
        data = wire.decode(answer["data"])
        context.clear()
        context.update(data)
        _check_stored(context)
        return True

    def _in_child(self, mode: str, source: str, context: Mapping[str, Any], external: Mapping[str, Any],
                  where: str) -> dict[str, Any]:
        try:
            request = {"mode": mode, "source": source, "data": wire.encode(dict(context)),
                       "external": wire.encode(dict(external)), "now": self.clock().isoformat(),
                       "time_limit": self.time_limit}
        except wire.Unsendable as err:
            raise ScriptError(f"{where} cannot run: the task data holds a {err.args[0]}, which is not"
                              " a value task data may hold.", code="script.unsendable",
                              params={"kind": err.args[0]}) from None
        answer = sandbox.run(request, where)
        if "error" in answer:
            # the child's code and params cross the pipe with its sentence, so the reader's language holds
            raise ScriptError(str(answer["error"]), code=answer.get("code"), params=answer.get("params"))
        return answer


def _check_stored(context: dict[str, Any]) -> None:
    found = datalimits.coded_problem(context, "the task data after the script")
    if found:
        sentence, code, params = found
        raise ScriptError(sentence, code=code, params=params)


def _at_element(err: ScriptError, task: Any) -> ScriptError:
    if err.element_id is not None:
        return err
    params = {k: v for k, v in err.params.items() if k not in ("element", "detail")}
    return ScriptError(err.reason, element_id=getattr(task.task_spec, "bpmn_id", None),
                       code=None if err.code == ScriptError.code else err.code, params=params)


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
