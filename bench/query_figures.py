"""Q1-Q3: the screens' read queries at size, through the public engine API, on each database.

Baseline: a primary-key lookup of one task row through the same engine (its read session), the floor
of a read round trip, interleaved with the measured query so both see the same noise.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import Any

from bench.common import Figure, interleaved, judge, median, p95, progress
from bench.data import GROUPS, Dataset, _task_id, expert_groups
from engine import Engine
from engine.models import Task
from engine.runtime.queries import InboxFilter, InstanceFilter

WARMUP = 3


def _pk_lookup(eng: Engine, ids: list[str]) -> Callable[[int], Any]:
    def lookup(i: int) -> Any:
        with eng.reading() as s:
            row = s.get(Task, ids[i % len(ids)])
            assert row is not None
            return row.status

    return lookup


def _figure(fig_id: str, what: str, data: Dataset, database: str, bar_ms: float,
            query: Callable[[int], Any], baseline: Callable[[int], Any], samples: int, counts: str) -> Figure:
    for i in range(WARMUP):
        query(i)
        baseline(i)
    query_ms, base_ms = interleaved(query, baseline, samples)
    fig = Figure(id=fig_id, what=what, database=database, counts=counts, unit="ms", bar=f"p95 <= {bar_ms:g} ms")
    fig.median, fig.p95, fig.samples = median(query_ms), p95(query_ms), samples
    fig.extra = {"baseline_median": median(base_ms)}
    return judge(fig, p95(query_ms), p95(base_ms), at_most=bar_ms)


def _inbox_experts(data: Dataset) -> list[str]:
    """Experts of the TE group (the biggest), whose 'all' tab holds their own and the group's tasks."""
    people = [name for n, name in enumerate(data.experts, start=1) if GROUPS[0] in expert_groups(n)]
    return people[:10]


def q1(eng: Engine, data: Dataset, database: str, samples: int, baseline: Callable[[int], Any]) -> Figure:
    experts = _inbox_experts(data)

    def query(i: int) -> Any:
        page = eng.inbox_page(experts[i % len(experts)], InboxFilter(tab="all", per_page=50))
        assert len(page.tasks.items) == min(50, page.tasks.total)
        return page

    counts = f"{data.size.open_tasks:,} open + {data.size.finished_tasks:,} finished tasks"
    return _figure("Q1", "inbox page: 50 rows, mine + my groups, soonest due first, with customer names",
                   data, database, 15, query, baseline, samples, counts)


def q2(eng: Engine, data: Dataset, database: str, samples: int, baseline: Callable[[int], Any]) -> Figure:
    experts = _inbox_experts(data)
    terms = [t for pair in zip(data.search_names, data.search_ids, strict=False) for t in pair]

    def query(i: int) -> Any:
        return eng.inbox_page(experts[i % len(experts)], InboxFilter(tab="all", q=terms[i % len(terms)], per_page=50))

    counts = f"{data.size.open_tasks:,} open + {data.size.finished_tasks:,} finished tasks"
    return _figure("Q2", "inbox search by company-name fragment or Business ID (alternating)",
                   data, database, 15, query, baseline, samples, counts)


def _instance_filters(data: Dataset) -> list[InstanceFilter]:
    experts = data.experts
    return [
        InstanceFilter(process_key="rekrytointipalvelut", status="running"),
        InstanceFilter(responsible=experts[1]),
        InstanceFilter(customer=data.search_names[0]),
        InstanceFilter(started_from=date(2026, 9, 1), started_to=date(2026, 9, 30)),
        InstanceFilter(process_key="palvelutarvearvio", status="completed", responsible=experts[2]),
        InstanceFilter(customer=data.search_ids[0], sort="customer", descending=False),
        InstanceFilter(status="error"),
    ]


def q3(eng: Engine, data: Dataset, database: str, samples: int, baseline: Callable[[int], Any]) -> Figure:
    filters = _instance_filters(data)

    def query(i: int) -> Any:
        return eng.instances(filters[i % len(filters)])

    return _figure("Q3", "manager's instance list, 50 rows, filters by turns: process + status, responsible, "
                   "customer text, date range, ...", data, database, 50, query, baseline, samples,
                   f"{data.size.instances:,} instances")


def run(data: Dataset, database: str, samples: int, only: Callable[[str], bool]) -> list[Figure]:
    eng = Engine(data.url)
    try:
        rng = random.Random(11)
        ids = [_task_id(rng.randrange(1, data.size.open_tasks + data.size.finished_tasks + 1)) for _ in range(500)]
        baseline = _pk_lookup(eng, ids)
        figures = []
        for fig_id, measure in (("Q1", q1), ("Q2", q2), ("Q3", q3)):
            if only(fig_id):
                progress(f"{fig_id} on {database}: {samples} samples, interleaved with a primary-key lookup")
                figures.append(measure(eng, data, database, samples, baseline))
        return figures
    finally:
        eng.dispose()
