"""Guard 4, the watchdog: a trace function that stops a run on CPU time, wall time or memory."""

from __future__ import annotations

import sys
import time
from types import FrameType

from . import guards
from .checks import _FILENAME

MEMORY_GROWTH_LIMIT = 256 * 2**20   # bytes the process's peak memory may grow during one run


class _Stop(BaseException):
    """Raised by the watchdog; not an Exception, so `except Exception:` in a script cannot catch it."""


class _OutOfTime(_Stop):
    """`args[0]` says which clock ran out: "CPU" or "wall-clock"."""


class _OutOfMemory(_Stop):
    pass


if sys.platform == "win32":
    def _peak_memory() -> int:
        return 0                            # no getrusage: the memory guard is off
else:
    import resource

    _RSS_UNIT = 1 if sys.platform == "darwin" else 1024

    def _peak_memory() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _RSS_UNIT


_OWN_FILES = frozenset({_FILENAME, guards.__file__})   # the script and the guard helpers it calls
_LOOK_INTERVAL = 0.005                 # seconds of wall time between two looks of the watchdog
_WALL_FACTOR = 1.25                    # wall time allowed, as a multiple of the CPU time limit


class _Watchdog:
    """The trace function of one run: called on every call, line and return of the script's frames.

    The peak-memory check is process-wide, so it bounds the new peak, not this run's own use.
    """

    def __init__(self, time_limit: float) -> None:
        self.deadline = time.thread_time() + time_limit   # CPU time of this thread only
        # A busy machine lets CPU time lag behind the clock; the worker thread is held all the same.
        self.wall_deadline = time.monotonic() + time_limit * _WALL_FACTOR
        self.memory_ceiling = _peak_memory() + MEMORY_GROWTH_LIMIT
        self.next_look = 0.0
        self.stop: _Stop | None = None

    def __call__(self, frame: FrameType, event: str, arg: object) -> _Watchdog | None:
        if event == "return":
            return None                     # nothing was allocated or computed since the last line
        ours = frame.f_code.co_filename in _OWN_FILES
        if self.stop is None and time.monotonic() >= self.next_look:
            # Both measurements are system calls; looking every few milliseconds (a cheap clock) makes
            # the watchdog ten times cheaper, and memory cannot grow by much more than 50 MB meanwhile.
            self.next_look = time.monotonic() + _LOOK_INTERVAL
            self.stop = self._look()
        if self.stop is not None and ours:
            # Raised only in the script's own frames or the guard helpers it calls: raised in a frame
            # the script did not call (a gc callback of another library, a weakref finalizer) the
            # stop would be printed as "Exception ignored" and the script would run on.
            raise self.stop
        # Lines of the script itself are watched; other Python code it calls (the guard helpers,
        # strptime) still meets the watchdog on every call, and generators on every resume.
        return self if frame.f_code.co_filename == _FILENAME else None

    def _look(self) -> _Stop | None:
        if time.thread_time() > self.deadline:
            return _OutOfTime("CPU")
        if time.monotonic() > self.wall_deadline:
            return _OutOfTime("wall-clock")
        if _peak_memory() > self.memory_ceiling:
            return _OutOfMemory()
        return None
