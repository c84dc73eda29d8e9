"""Figure R5: the hostile expression and script list, and endless loops, against the restricted evaluator."""

from __future__ import annotations

import time

from engine.errors import ScriptError
from engine.runtime.scripting import DEFAULT_TIME_LIMIT, RestrictedEnvironment
from tests.engine.test_scripting import HOSTILE_EXPRESSIONS, HOSTILE_SCRIPTS, MOMENT, task_data
from tests.reliability.conftest import record

LOOPS = ["while True: pass", "while True:\n    x = [1] * 10", "n = 0\nwhile n >= 0:\n    n += 1",
         "def f():\n    while True:\n        yield 1\nfor x in f():\n    pass",
         "while True:\n    try:\n        x = 1 / 0\n    except ZeroDivisionError:\n        pass"]


def test_no_escape_and_every_loop_stops_within_a_second() -> None:
    env = RestrictedEnvironment(clock=lambda: MOMENT, time_limit=0.3)
    escapes = []
    for source in HOSTILE_EXPRESSIONS:
        try:
            env.evaluate(source, task_data())
            escapes.append(source)
        except ScriptError:
            pass
    for source in HOSTILE_SCRIPTS:
        try:
            env.execute(source, task_data())
            escapes.append(source)
        except ScriptError:
            pass
    default = RestrictedEnvironment(clock=lambda: MOMENT)   # the limit the engine runs with
    stops = []
    for loop in LOOPS:
        began = time.monotonic()
        try:
            default.execute(loop, {})
        except ScriptError:
            pass
        stops.append(time.monotonic() - began)
    record("R5", "-", hostile_sources=len(HOSTILE_EXPRESSIONS) + len(HOSTILE_SCRIPTS), escapes=len(escapes),
           endless_loops=len(LOOPS), slowest_stop_seconds=round(max(stops), 3), cpu_limit=DEFAULT_TIME_LIMIT)
    assert escapes == []
    assert len(HOSTILE_EXPRESSIONS) + len(HOSTILE_SCRIPTS) >= 30
    assert max(stops) < 1.0, stops
