"""`palvelupolku bench --profile`: where one `Engine.complete` spends its time, by bucket.

E1's loop (a new instance every ten completions) runs under cProfile, and each function's own time
(`tottime`) is put in the bucket of the code it belongs to: SQLAlchemy's ORM, SQLAlchemy's Core and
engine, our own Python, SpiffWorkflow running the model and SpiffWorkflow serializing it (with the
converters of engine/runtime/state.py, which the raw baseline's round trip uses as well), the database
driver (statements, round trips, commit), JSON, and the rest. The raw baseline's step is profiled the same
way in the same run. cProfile's own overhead inflates every call; compare shares and the two loops with
each other, and take absolute times from E1.
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import progress
from bench.data import BENCH_BPMN
from bench.engine_figures import LOOP_PROCESS, LOOP_STEP, RESTART_EVERY, START_DATA, USER, EngineSide, RawRun, setup

BUCKETS = ("SQLAlchemy ORM", "SQLAlchemy Core and engine", "our own Python", "SpiffWorkflow run",
           "SpiffWorkflow serialize", "database driver", "JSON", "other Python and built-ins")
_ENGINE_DIR = str(Path(__file__).resolve().parent.parent / "engine")


def bucket(filename: str, name: str) -> str:
    """The bucket of a function, from the file it is defined in (built-ins: from their name)."""
    path = filename.replace("\\", "/")
    if "/sqlalchemy/orm/" in path:
        return "SQLAlchemy ORM"
    if "/sqlalchemy/" in path:
        return "SQLAlchemy Core and engine"
    if "/SpiffWorkflow/" in path:
        return "SpiffWorkflow serialize" if "/serializer/" in path else "SpiffWorkflow run"
    if path.startswith(_ENGINE_DIR):
        # the serializer's configuration (converters), which the raw baseline uses too
        return "SpiffWorkflow serialize" if path.endswith("/runtime/state.py") else "our own Python"
    if "/psycopg" in path or "sqlite3" in name or "psycopg" in name or "poll" in name or "select." in name:
        return "database driver"
    if "/json/" in path or "json" in name:
        return "JSON"
    return "other Python and built-ins"


@dataclass
class Profile:
    what: str
    calls: int
    median_ms: float          # unprofiled, measured just before
    buckets: dict[str, float]  # profiled ms per call

    @property
    def total(self) -> float:
        return sum(self.buckets.values())

    def as_json(self) -> dict[str, Any]:
        return {"what": self.what, "calls": self.calls, "median_ms": self.median_ms, "profiled_ms": self.total,
                "buckets": self.buckets}


def _profiled(what: str, calls: int, step: Callable[[int], None]) -> Profile:
    times = []
    for i in range(calls):
        started = time.perf_counter()
        step(i)
        times.append((time.perf_counter() - started) * 1000)
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(calls):
        step(calls + i)
    profiler.disable()
    sums: dict[str, float] = defaultdict(float)
    stats: dict[Any, Any] = pstats.Stats(profiler).stats   # type: ignore[attr-defined]
    for (filename, _line, name), (_cc, _nc, own, _cum, _callers) in stats.items():
        sums[bucket(filename, name)] += own
    return Profile(what, calls, statistics.median(times), {b: sums[b] * 1000 / calls for b in BUCKETS})


def run(url: str, database: str, calls: int = 300) -> list[Profile]:
    """Profile E1's loop on the engine at `url` (an empty database) and the raw baseline's step."""
    progress(f"profile on {database}: {calls} completions each way, then {calls} more under cProfile")
    eng = setup(url)
    try:
        side = EngineSide(eng)
        raw = RawRun(BENCH_BPMN, LOOP_PROCESS)
        state: dict[str, Any] = {}

        def engine_step(i: int) -> None:
            if i % RESTART_EVERY == 0:
                state["info"] = side.start(LOOP_PROCESS)
            state["info"] = eng.complete(state["info"].open_tasks[0].id, USER, dict(LOOP_STEP))

        def raw_step(i: int) -> None:
            if i % RESTART_EVERY == 0:
                raw.start(dict(START_DATA))
            raw.step(dict(LOOP_STEP))

        for i in range(20):                  # warm the caches (statements, specs) before measuring
            engine_step(i)
        # The starts (one in ten) are in both loops' profiles, as E1 has them between its samples.
        return [_profiled(f"Engine.complete ({database})", calls, engine_step),
                _profiled("raw SpiffWorkflow step + JSON round trip", calls, raw_step)]
    finally:
        eng.dispose()


def to_table(profiles: list[Profile]) -> str:
    head = ["bucket"] + [p.what for p in profiles]
    rows = [[b] + [f"{p.buckets[b]:.3f} ms ({p.buckets[b] / p.total:.0%})" for p in profiles] for b in BUCKETS]
    rows.append(["profiled, all"] + [f"{p.total:.3f} ms" for p in profiles])
    rows.append(["median without the profiler"] + [f"{p.median_ms:.3f} ms" for p in profiles])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
