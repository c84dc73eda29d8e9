"""The thread race used by the concurrency tests: N workers wait at a gate, then each makes the same
attempts at once; what every attempt came to is counted under one lock.

An attempt's return value is counted in `outcomes` (`"won"`, a task id, an HTTP status). An attempt
that raises ConflictError or PermissionDenied lost the race the way it should: it is kept in
`refusals`, so a test can read what the loser was told. Anything else raised is a defect and kept in
`unexpected`.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from engine import ConflictError, PermissionDenied

Item = TypeVar("Item")
Outcome = TypeVar("Outcome", bound=Hashable)


@dataclass
class Race(Generic[Outcome]):
    outcomes: Counter[Outcome] = field(default_factory=Counter)
    refusals: list[ConflictError | PermissionDenied] = field(default_factory=list)
    unexpected: list[BaseException] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def refused(self) -> Counter[str]:
        """The refusals by class name (TaskNotOpen, StaleStateError, ...)."""
        return Counter(type(exc).__name__ for exc in self.refusals)

    @property
    def silent(self) -> list[ConflictError | PermissionDenied]:
        """Losers not told why: a refusal with an empty message."""
        return [exc for exc in self.refusals if not str(exc).strip()]


def race(workers: int, items: Sequence[Item], attempt: Callable[[int, Item], Outcome],
         timeout: float = 900) -> Race[Outcome]:
    """Workers 0..workers-1 each call `attempt(worker, item)` for every item in order, all starting
    together; returns when every worker is done (fails if one is still running after `timeout` s)."""
    result: Race[Outcome] = Race()
    lock = threading.Lock()
    gate = threading.Barrier(workers)

    def run(worker: int) -> None:
        gate.wait()
        for item in items:
            try:
                outcome = attempt(worker, item)
            except (ConflictError, PermissionDenied) as exc:
                with lock:
                    result.refusals.append(exc)
            except BaseException as exc:  # noqa: BLE001 - anything else is a defect, kept and shown
                with lock:
                    result.unexpected.append(exc)
            else:
                with lock:
                    result.outcomes[outcome] += 1

    began = time.monotonic()
    threads = [threading.Thread(target=run, args=(n,), name=f"racer-{n}") for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, began + timeout - time.monotonic()))
    result.seconds = time.monotonic() - began
    stuck = [t.name for t in threads if t.is_alive()]
    assert not stuck, f"{len(stuck)} racer(s) still running after {timeout:g} s: {stuck[:3]}"
    return result
