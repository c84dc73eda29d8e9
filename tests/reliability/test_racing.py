"""Figure R1: 16 threads race to complete the same tasks; exactly one wins each, every loser is told why."""

from __future__ import annotations

import threading
import time
from collections import Counter

from sqlalchemy import func, select

from engine import ConflictError, Engine, PermissionDenied
from engine.models import AuditEvent, Task

from ..engine.test_runtime import GOOD_PROMISE, only_task, start
from .conftest import dialect, record, scale

THREADS = 16


def test_racing_completions_lose_nothing_and_duplicate_nothing(kokeilu: Engine, db_url: str) -> None:
    count = scale(40, 500)
    instances = [start(kokeilu) for _ in range(count)]
    tasks = [only_task(kokeilu, i) for i in instances]
    won: Counter[str] = Counter()
    losers: Counter[str] = Counter()
    silent: list[BaseException] = []
    unexpected: list[BaseException] = []
    lock = threading.Lock()
    gate = threading.Barrier(THREADS)

    def racer() -> None:
        gate.wait()
        for task_id in tasks:
            try:
                kokeilu.complete(task_id, "asiantuntija", GOOD_PROMISE)
                with lock:
                    won[task_id] += 1
            except (ConflictError, PermissionDenied) as exc:
                with lock:
                    losers[type(exc).__name__] += 1
                    if not str(exc).strip():
                        silent.append(exc)
            except BaseException as exc:  # noqa: BLE001 - anything else is a defect, counted and shown
                with lock:
                    unexpected.append(exc)

    began = time.monotonic()
    threads = [threading.Thread(target=racer) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    seconds = time.monotonic() - began

    assert unexpected == [], unexpected[:3]
    assert silent == []
    duplicated = sum(1 for n in won.values() if n > 1)
    lost = sum(1 for t in tasks if won[t] == 0)
    with kokeilu.reading() as s:
        completions = dict(s.execute(select(AuditEvent.task_id, func.count()).where(
            AuditEvent.kind == "complete", AuditEvent.task_id.in_(tasks)).group_by(AuditEvent.task_id)).all())
        closed = s.scalar(select(func.count()).select_from(Task).where(Task.id.in_(tasks), Task.status != "open"))
    findings = list(kokeilu.check())
    record("R1", dialect(db_url),
           threads=THREADS, tasks=count, attempts=THREADS * count, winners=sum(won.values()),
           losers_told_why=sum(losers.values()), loser_kinds=dict(losers), lost=lost, duplicated=duplicated,
           check_findings=len(findings), seconds=round(seconds, 1))
    assert lost == 0 and duplicated == 0
    assert sum(won.values()) == count and sum(losers.values()) == (THREADS - 1) * count
    assert completions == {t: 1 for t in tasks}, "one audited completion per task, no more, no less"
    assert closed == count
    assert findings == []
    # every instance moved on exactly once: it now waits at the next step, not at the promise again
    assert all(kokeilu.instance(i).open_tasks == [] or kokeilu.instance(i).open_tasks[0].id not in tasks
               for i in instances[:20])
