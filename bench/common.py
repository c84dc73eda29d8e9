"""What every figure shares: the `Figure` record, timing helpers, and the machine and database descriptions.

A figure carries its own baseline measured in the same run, so the ratio stays meaningful on a
shared, noisy machine; `ok` is None when the figure could not be measured (with `skipped` saying why).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from typing import Any

from sqlalchemy import text


@dataclass
class Figure:
    id: str                      # E1 .. M1, as in issue 7
    what: str
    database: str                # sqlite | postgresql | "" (no database)
    counts: str                  # the data size it was measured at, in words
    unit: str
    bar: str                     # the bar, as text
    value: float | None = None   # the figure (median, p95 or a rate: see `unit` and `what`)
    median: float | None = None
    p95: float | None = None
    baseline: float | None = None
    ratio: float | None = None   # value / baseline
    ok: bool | None = None       # None: not measured (see `skipped`)
    samples: int = 0
    skipped: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def judge(fig: Figure, value: float, baseline: float, *, at_most: float | None = None,
          at_least: float | None = None, on_ratio: bool = False) -> Figure:
    """Fill value, baseline, ratio and ok; the bar applies to the ratio or to the value itself."""
    fig.value, fig.baseline = value, baseline
    fig.ratio = value / baseline if baseline else None
    checked = fig.ratio if on_ratio else value
    if checked is None:
        fig.ok = None
    elif at_most is not None:
        fig.ok = checked <= at_most
    elif at_least is not None:
        fig.ok = checked >= at_least
    return fig


def skipped(fig: Figure, reason: str) -> Figure:
    fig.ok, fig.skipped = None, reason
    return fig


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def p95(values: Iterable[float]) -> float:
    """The 95th percentile, nearest-rank (a real observed sample, never interpolated)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("p95 of no samples")
    rank = max(1, -(-95 * len(ordered) // 100))
    return float(ordered[rank - 1])


def timed(call: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    """(milliseconds, result) of `call(*args)`."""
    started = time.perf_counter()
    result = call(*args)
    return (time.perf_counter() - started) * 1000, result


def timed_ms(call: Callable[..., Any], *args: Any) -> float:
    return timed(call, *args)[0]


def interleaved(a: Callable[[int], Any], b: Callable[[int], Any], samples: int) -> tuple[list[float], list[float]]:
    """Time a and b alternately (A B A B ...) so the machine's noise hits both alike; milliseconds."""
    times_a, times_b = [], []
    for i in range(samples):
        times_a.append(timed_ms(a, i))
        times_b.append(timed_ms(b, i))
    return times_a, times_b


def progress(message: str) -> None:
    """Progress goes to stderr; stdout carries only the table or the JSON object."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def machine() -> dict[str, Any]:
    return {"cpu": _cpu_model(), "cores": os.cpu_count(), "ram_gb": _ram_gb(), "arch": platform.machine(),
            "os": platform.platform(terse=True), "python": platform.python_version(),
            "spiffworkflow": _version("SpiffWorkflow"), "sqlalchemy": _version("SQLAlchemy"),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def database(url_engine: Any) -> dict[str, str]:
    """Dialect and server version of an SQLAlchemy engine's database."""
    with url_engine.connect() as conn:
        if url_engine.dialect.name == "sqlite":
            version = conn.execute(text("select sqlite_version()")).scalar_one()
        else:
            version = conn.execute(text("show server_version")).scalar_one()
    return {"dialect": url_engine.dialect.name, "version": str(version)}
