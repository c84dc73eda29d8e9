"""S1: E1 and E3 on a PostgreSQL database holding a large history against the same on an empty one.

The issue's size is 200,000 customers and 10 million finished tasks; the number of finished tasks is a
parameter (`--s1-finished`), since generating 10 million rows takes longer than a shared 2-core machine
allows in one sitting. The large side is generated once (COPY, `bench.data`) into its own schema and
reused while its parameters match; the empty side is a fresh schema each run. Both sides complete the
same process in turns, sample by sample, so the machine's noise meets both alike: what is left in the
ratio is what the database's size costs a completion.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from bench.common import Figure, judge, median, p95, progress, skipped, timed
from bench.data import BENCH_BPMN, PROCESSES, Dataset, Size
from bench.engine_figures import CUSTOMER, LOOP_PROCESS, LOOP_STEP, RESTART_EVERY, USER, EngineSide, _open_task
from engine import Engine, InstanceInfo
from engine.models import Customer, User

# The issue's size; `instances` follows the finished tasks (ten per instance), `open_tasks` stays Q1's.
FULL_SCALE = Size(customers=200_000, experts=50, open_tasks=100_000, finished_tasks=10_000_000,
                  instances=1_000_000, signed_in=16)
QUICK_SCALE = Size(customers=300, experts=12, open_tasks=500, finished_tasks=3_000, instances=1_000, signed_in=4)
NEEDS_POSTGRES = "S1 is measured on PostgreSQL only: pass --postgres URL or set PALVELUPOLKU_BENCH_POSTGRES_URL."
BAR = 1.1


@dataclass(frozen=True)
class ScaleCounts:
    e1_samples: int
    e3_grown: int
    e3_samples: int


FULL_COUNTS = ScaleCounts(e1_samples=200, e3_grown=300, e3_samples=30)
QUICK_COUNTS = ScaleCounts(e1_samples=6, e3_grown=12, e3_samples=4)


def scale_size(quick: bool, finished: int | None = None) -> Size:
    """The large side's size: the issue's (or the quick one), with `finished` finished tasks when given."""
    size = QUICK_SCALE if quick else FULL_SCALE
    if finished is None:
        return size
    if finished < 1:
        raise ValueError("The number of finished tasks for S1 must be at least 1.")
    return replace(size, finished_tasks=finished,
                   instances=min(size.instances, max(size.open_tasks, finished // 10)))


def _setup(url: str) -> Engine:
    """The bench's processes, user and customer on a database that may already have them (a reused one)."""
    eng = Engine(url)
    eng.deploy(PROCESSES)           # unchanged files: no new versions on a reused database
    eng.deploy(BENCH_BPMN)
    with eng.reading() as s:
        has_user = s.scalar(select(User.id).where(User.username == USER)) is not None
        has_customer = s.scalar(select(Customer.id).where(Customer.business_id == CUSTOMER[0])) is not None
    if not has_user:
        eng.add_user(USER, roles=["expert"], groups=["TE-asiantuntijat"])
    if not has_customer:
        eng.add_customer(*CUSTOMER)
    return eng


def _e1_pair(empty: EngineSide, large: EngineSide, samples: int) -> tuple[list[float], list[float]]:
    """Completions in fresh instances, a new one every RESTART_EVERY, on each side in turns."""
    infos: dict[str, InstanceInfo] = {}
    times: dict[str, list[float]] = {"empty": [], "large": []}
    for i in range(samples):
        for name, side in (("empty", empty), ("large", large)):
            if i % RESTART_EVERY == 0:
                infos[name] = side.start(LOOP_PROCESS)
            ms, infos[name] = timed(side.eng.complete, infos[name].open_tasks[0].id, USER, dict(LOOP_STEP))
            times[name].append(ms)
    return times["empty"], times["large"]


def _e3_pair(empty: EngineSide, large: EngineSide, grown_to: int, samples: int) -> tuple[list[float], list[float]]:
    """Completions in an instance with about `grown_to` completed tasks, on each side in turns."""
    start_at = grown_to - samples // 2
    grown: dict[str, InstanceInfo] = {}
    for name, side in (("empty", empty), ("large", large)):
        progress(f"S1: growing an instance to {start_at} completed tasks ({name} database)")
        info = side.start(LOOP_PROCESS)
        for n in range(start_at):
            info = side.eng.complete(_open_task(info, n), USER, dict(LOOP_STEP))
        grown[name] = info
    times: dict[str, list[float]] = {"empty": [], "large": []}
    for i in range(samples):
        for name, side in (("empty", empty), ("large", large)):
            ms, grown[name] = timed(side.eng.complete, _open_task(grown[name], start_at + i), USER, dict(LOOP_STEP))
            times[name].append(ms)
    return times["empty"], times["large"]


def _figure(what: str, size: Size, samples: int, empty_ms: list[float], large_ms: list[float]) -> Figure:
    fig = Figure(id="S1", what=what, database="postgresql", unit="ms", bar=f"<= {BAR}x",
                 counts=f"{samples} completions each; large: {size.describe()}")
    fig.median, fig.p95, fig.samples = median(large_ms), p95(large_ms), samples
    fig.extra = {"baseline_p95": p95(empty_ms), "finished_tasks": size.finished_tasks, "customers": size.customers}
    return judge(fig, median(large_ms), median(empty_ms), at_most=BAR, on_ratio=True)


def run(empty_url: str, dataset: Dataset, counts: ScaleCounts) -> list[Figure]:
    """S1 on PostgreSQL: `empty_url` a fresh schema, `dataset` the generated large one."""
    empty, large = _setup(empty_url), _setup(dataset.url)
    try:
        sides = EngineSide(empty), EngineSide(large)
        progress(f"S1: E1 at {dataset.size.finished_tasks:,} finished tasks vs an empty database, "
                 f"{counts.e1_samples} completions each, in turns")
        e1 = _figure("E1 (Engine.complete, fresh instance) on the large database vs an empty one", dataset.size,
                     counts.e1_samples, *_e1_pair(*sides, counts.e1_samples))
        e3 = _figure(f"E3 (completion after {counts.e3_grown} completed tasks) on the large database vs an empty one",
                     dataset.size, counts.e3_samples, *_e3_pair(*sides, counts.e3_grown, counts.e3_samples))
        return [e1, e3]
    finally:
        empty.dispose()
        large.dispose()


def not_measured(quick: bool) -> list[Figure]:
    """S1's figures without PostgreSQL: reported as skipped, with the reason."""
    size = scale_size(quick)
    return [skipped(Figure(id="S1", what=f"{what} on the large database vs an empty one", database="postgresql",
                           counts=size.describe(), unit="ms", bar=f"<= {BAR}x"), NEEDS_POSTGRES)
            for what in ("E1", "E3")]

