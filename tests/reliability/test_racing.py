"""Figure R1: 16 threads race to complete the same tasks; exactly one wins each, every loser is told why."""

from __future__ import annotations

from sqlalchemy import func, select

from engine import Engine
from engine.models import AuditEvent, Task
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start
from tests.race import race
from tests.reliability.conftest import dialect, record, scale

THREADS = 16


def test_racing_completions_lose_nothing_and_duplicate_nothing(kokeilu: Engine, db_url: str) -> None:
    count = scale(40, 500)
    instances = [start(kokeilu) for _ in range(count)]
    tasks = [only_task(kokeilu, i) for i in instances]

    def attempt(_worker: int, task_id: str) -> str:
        kokeilu.complete(task_id, "asiantuntija", GOOD_PROMISE)
        return task_id          # won

    result = race(THREADS, tasks, attempt)
    assert result.unexpected == [], result.unexpected[:3]
    assert result.silent == []
    won, losers = result.outcomes, result.refused
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
           check_findings=len(findings), seconds=round(result.seconds, 1))
    assert lost == 0 and duplicated == 0
    assert sum(won.values()) == count and sum(losers.values()) == (THREADS - 1) * count
    assert completions == {t: 1 for t in tasks}, "one audited completion per task, no more, no less"
    assert closed == count
    assert findings == []
    # every instance moved on exactly once: it now waits at the next step, not at the promise again
    assert all(kokeilu.instance(i).open_tasks == [] or kokeilu.instance(i).open_tasks[0].id not in tasks
               for i in instances[:20])
