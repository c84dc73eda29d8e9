"""The restricted evaluator for the Python in BPMN files.

Gateway conditions, script tasks, timer values and assignee expressions are Python over task data.
Process owners deploy them, so they run behind four guards:

1. A static check of the syntax tree, before anything is compiled: an allow-list of node types;
   no imports, `global`, classes, `yield`, `async`, `with`, `match` or `finally`; no name (except
   a lone `_`) or attribute that starts with an underscore, which also closes
   `().__class__.__base__.__subclasses__()`; no `.format` / `.format_map` (str.format reads
   attributes) and no attribute that leads to frames, code or tracebacks (`gi_frame`, `f_back`, ...).
   Functions, lambdas and comprehensions are allowed.
2. A small set of builtins, plus `now()` (the engine clock), `today()` (its date in Helsinki),
   `date`, `datetime`, `timedelta`, `timezone` and a few exception classes for `except`.
   No open, eval, getattr, type, iter, next, print, ...
3. Size caps: `+ * ** << % //`, f-string format specs and the string methods that can grow a
   result many times over are rewritten into calls of checking helpers that refuse before
   computing; `range` and `round` are capped, `sum` adds no lists, `zip` yields tuple by tuple.
4. A watchdog trace function (`sys.settrace`, so it works in any thread, e.g. Flask's) that stops
   a run after `time_limit` seconds of CPU time (or 1.25 times that on the wall clock, when a busy
   machine lets CPU time lag), or when the process's peak memory grows by more than
   MEMORY_GROWTH_LIMIT. Its exception is a BaseException, and bare `except:`, `except
   Exception`, `finally` and computed `except` types are unavailable, so a script can neither
   catch it nor run code after it; every `while` loop calls a no-op so the watchdog sees each turn.

What is left: the watchdog only runs between Python lines, so one C-level call over capped data
can still take long or build a large value, e.g. `sorted([[0] * 10**6] * 10**6)` compares
10**12 items and `str()` of that list would need terabytes. Run the service under a process
memory limit as well; this package keeps honest mistakes and casual attacks out, it is not a VM.

Every refusal or failure raises `engine.errors.ScriptError`. No Flask here.
"""

from .checks import check_expression, check_script
from .environment import DEFAULT_TIME_LIMIT, RestrictedEnvironment, RestrictedScriptEngine
from .guards import MAX_INT_BITS, MAX_ITEMS, MAX_ROUND_DIGITS
from .watchdog import MEMORY_GROWTH_LIMIT

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "MAX_INT_BITS",
    "MAX_ITEMS",
    "MAX_ROUND_DIGITS",
    "MEMORY_GROWTH_LIMIT",
    "RestrictedEnvironment",
    "RestrictedScriptEngine",
    "check_expression",
    "check_script",
]
