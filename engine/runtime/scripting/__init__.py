"""The restricted evaluator for the Python in BPMN files.

Gateway conditions, script tasks, timer values, due dates and assignee expressions are Python over
task data. Process owners deploy them, so they run behind these guards:

1. A static check of the syntax tree, before anything is compiled: an allow-list of node types;
   no imports, `global`, classes, `yield`, `async`, `with`, `match` or `finally`; no name (except
   a lone `_`) or attribute that starts with an underscore, which also closes
   `().__class__.__base__.__subclasses__()`; no `.format` / `.format_map` (str.format reads
   attributes), no attribute that leads to frames, code or tracebacks (`gi_frame`, `f_back`, ...),
   and no attribute assignment (a value hung on a shared function would outlive the run).
   Functions, lambdas and comprehensions are allowed.
2. A small set of builtins, plus `now()` (the engine clock), `today()` (its date in Helsinki),
   `date`, `datetime`, `timedelta`, `timezone` and a few exception classes for `except`.
   No open, eval, getattr, type, iter, next, print, ...
3. Size caps: `+ * ** << % //`, f-string format specs and the string methods that can grow a
   result many times over are rewritten into calls of checking helpers that refuse before
   computing; `range` and `round` are capped, `sum` adds no lists, `zip` yields tuple by tuple.
4. A watchdog trace function that stops a run after `time_limit` seconds of CPU time (or 1.25 times
   that on the wall clock), or when peak memory grows by more than MEMORY_GROWTH_LIMIT; its
   exception cannot be caught by the script.
5. Isolation (issue 14): the watchdog only looks between Python lines, so one C-level call over
   capped data escaped it: `sorted([[0]*10**6]*20000)` ran 11 s, `str([[0]*10**6]*300)` grew the
   server by 1 GB. Size-aware guards on every builtin and operator would have to know the cost of
   every C function on every shape of data; instead the cost is bounded where it is provable, and
   the kernel bounds the rest:

   - the fast path (`cheap.py`): an expression or script whose syntax tree is in a small subset
     (names, constants, comparisons, `and`/`or`/`not`, `+ - /`, subscripts, attribute reads,
     f-strings without specs, short literals, calls of `len`, `int`, `str`, `now()`, `.get()`,
     `.lower()` and a few other O(n) builtins and methods; scripts of assignments each made once
     from the data) costs at most (source size) x (data size), and data is capped by
     `engine.runtime.datalimits` (1 MB, 32 levels). It runs in this process, under guards 1-4.
     Nearly every condition, assignee and due date written in practice is cheap, and so are all
     the scripts of `processes/`.
   - everything else (loops, comprehensions, lambdas, `* ** %`, `sorted`, `max`, `sum`, `join`,
     ...) runs in a sandbox child (`sandbox.py`, `child.py`): a fresh interpreter that skips the
     package `__init__` files (no SpiffWorkflow or SQLAlchemy; it starts in ~0.2 s), with
     RLIMIT_AS at its own size plus MEMORY_GROWTH_LIMIT, RLIMIT_CPU a few seconds ahead, no core or
     other files, fed one request at a time by pipe with the code, the JSON-able task data (`wire.py`)
     and the clock's reading. The parent waits at most time_limit x 1.25 + 0.25 s (1.19 s by
     default), then kills the child with SIGKILL and starts another. At most 4 children per process
     (each may hold 256 MB); one is kept warm. The child runs the same guards 1-4, so refusals and
     failures read the same; results and changed data come back as tagged JSON, and a value that
     cannot cross (a function) is refused with a sentence.

   Per evaluation, measured on the 2-core development machine at load 9-11 (other test runs):
   a cheap condition 6.5 us median (12 us p95), as before (6.2 us); a cheap script 17 us; an
   expression or script in the child 160-215 us median (275-375 us p95), against 8 us in process
   before. Engine.complete (bench E1, `--quick`): 4.38x raw SpiffWorkflow after, 4.43x before.

Data limits (`engine.runtime.datalimits`) are checked on the data a script leaves. Every refusal
or failure raises `engine.errors.ScriptError`. No Flask here.
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
