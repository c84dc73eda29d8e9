"""The sandbox child: runs one expression or script at a time for its parent, under kernel limits.

Started by `sandbox.py` as a fresh interpreter that skips the package `__init__` files (so it
imports neither SpiffWorkflow nor SQLAlchemy: it starts in a few tens of milliseconds). Before it
reads any request it caps its own address space (RLIMIT_AS: what it holds now plus
MEMORY_GROWTH_LIMIT), forbids core files and new files, lowers its own scheduling priority
(NICENESS), and before each request sets its CPU limit (RLIMIT_CPU) a few seconds ahead, so even a
C-level call that its parent could not stop ends.

The priority is what keeps other users' pages fast while a hostile model burns its second: on a
machine with as many busy processes as cores, the kernel gives the web workers the CPU first and the
child what is left. An honest expression needs well under a millisecond, so even a starved child
finishes far inside its wall-clock deadline.

Protocol: one JSON line per request `{"mode", "source", "data", "external", "now", "time_limit"}`,
one JSON line per answer: `{"result": ...}` (eval), `{"data": ...}` (exec) or `{"error":
sentence, "recycle": bool}`. Values are encoded by `wire.py`.
"""

from __future__ import annotations

import math
import os
import sys
from datetime import datetime
from typing import Any

from ...errors import ScriptError
from . import wire
from .checks import _shorten
from .runner import builtins_at, evaluate_here, execute_here
from .watchdog import MEMORY_GROWTH_LIMIT

try:
    import resource
except ImportError:                          # pragma: no cover - not on Windows
    resource = None  # type: ignore[assignment]


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


NICENESS = 10    # added to the parent's: a share of about a tenth of a core against a busy web worker


def _limit_resources() -> None:
    try:
        os.nice(NICENESS)
    except (AttributeError, OSError):        # pragma: no cover - not on Windows
        pass
    if resource is None:
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    size = _address_space()
    if size:                                 # Linux: the kernel refuses the allocation, Python raises MemoryError
        resource.setrlimit(resource.RLIMIT_AS, (size + MEMORY_GROWTH_LIMIT, resource.RLIM_INFINITY))


def _limit_cpu(time_limit: float) -> None:
    if resource is None:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + time_limit) + 2
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    if hard != resource.RLIM_INFINITY and soft > hard:
        soft = hard
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _unsendable_data(data: dict[str, Any]) -> str | None:
    for key, value in data.items():
        try:
            wire.encode(value)
        except wire.Unsendable as err:
            return (f"The script leaves `{key}` holding a {err.args[0]}, which cannot be kept in the task data;"
                    " keep only text, numbers, truth values, dates, lists and dictionaries.")
    return None


def answer(request: dict[str, Any]) -> dict[str, Any]:
    """One request's answer; never raises for anything the code under test does."""
    moment = datetime.fromisoformat(request["now"])
    scope_builtins = builtins_at(lambda: moment)
    source, time_limit = request["source"], float(request["time_limit"])
    data = wire.decode(request["data"])
    external = wire.decode(request["external"])
    _limit_cpu(time_limit)
    try:
        if request["mode"] == "eval":
            result = evaluate_here(source, data, external, scope_builtins, time_limit)
            try:
                return {"result": wire.encode(result)}
            except wire.Unsendable as err:
                return {"error": f"The expression `{_shorten(source)}` gives a {err.args[0]}, which cannot be"
                                 " used as a value here.", "recycle": False}
        execute_here(source, data, external, scope_builtins, time_limit)
        problem = _unsendable_data(data)
        if problem:
            return {"error": problem, "recycle": False}
        return {"data": wire.encode(data)}
    except ScriptError as err:
        # After MemoryError the heap may be fragmented and large: a fresh child is cheap.
        return {"error": err.reason, "code": err.code, "params": {k: v for k, v in err.params.items()
                                                                  if k not in ("element", "detail")},
                "recycle": isinstance(err.__cause__, MemoryError)}
    except RecursionError:
        return {"error": "The value is nested too deeply to pass on.", "recycle": False}


def main() -> None:
    _limit_resources()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stdout.write(b"ready\n")
    stdout.flush()
    for line in stdin:
        try:
            reply = answer(wire.loads(line))
        except MemoryError:
            reply = {"error": "The value used more than the memory it may use.", "recycle": True}
        try:
            out = wire.dumps(reply)
        except (MemoryError, RecursionError, ValueError):
            out = wire.dumps({"error": "The value is too large or nested too deeply to pass on.", "recycle": True})
        stdout.write(out)
        stdout.flush()
