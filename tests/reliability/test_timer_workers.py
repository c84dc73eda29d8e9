"""Figure R2: due timers, three `palvelupolku worker` processes on PostgreSQL, one killed with -9 midway.

Every timer fires exactly once: the killed worker's leased timers wait for their lease to expire and
are taken by the others; a timer it was firing when it died rolled back with its transaction.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from engine import Engine
from engine.models import AuditEvent, Timer
from tests.engine.test_timers import waiting_instances
from tests.reliability.conftest import record, scale
from tests.reliability.workers import CLI, kill, spawn, stop

LEASE_SECONDS = 3
BATCH = 10
FIRED_BY = re.compile(r"\(worker (\S+)\)\.$")


def fired_by(eng: Engine) -> dict[str, list[str]]:
    with eng.reading() as s:
        rows = s.execute(select(AuditEvent.task_id, AuditEvent.message).where(AuditEvent.kind == "timer_fired")).all()
    out: dict[str, list[str]] = {}
    for task_id, message in rows:
        match = FIRED_BY.search(message)
        out.setdefault(task_id, []).append(match.group(1) if match else "?")
    return out


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_three_workers_fire_each_timer_exactly_once_when_one_is_killed(kokeilu: Engine, db_url: str) -> None:
    count = scale(120, 1000)
    waiting_instances(kokeilu, count)
    with kokeilu.reading() as s:
        timer_ids = set(s.scalars(select(Timer.id).where(Timer.status == "waiting")))
    assert len(timer_ids) == count
    workers = [spawn([CLI, "worker", "--interval", "0.2", "--lease", str(LEASE_SECONDS), "--batch", str(BATCH)],
                     db_url) for _ in range(3)]
    names = []
    for w in workers:
        assert w.stdout is not None
        names.append(w.stdout.readline().split()[1])   # "Worker <name> started ..."
    began = time.monotonic()
    victim = None
    try:
        # kill -9 a worker while it holds leases, once a fifth of the timers have fired
        while victim is None and time.monotonic() - began < 120:
            fired = sum(len(v) for v in fired_by(kokeilu).values())
            with kokeilu.reading() as s:
                held = dict(s.execute(select(Timer.lock_owner, func.count()).where(
                    Timer.status == "waiting", Timer.lock_owner.is_not(None)).group_by(Timer.lock_owner)).all())
            holders = [n for n in names if held.get(n)]
            if fired >= count // 5 and holders:
                victim_name = holders[0]
                victim = workers[names.index(victim_name)]
                kill(victim)
                killed_at_fired, leased_by_victim = fired, held[victim_name]
            time.sleep(0.02)
        assert victim is not None, "no worker held a lease to be killed with"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with kokeilu.reading() as s:
                left = s.scalar(select(func.count()).select_from(Timer).where(
                    Timer.id.in_(timer_ids), Timer.status != "fired")) or 0
            if not left:
                break
            time.sleep(0.2)
        seconds = time.monotonic() - began
    finally:
        outputs = [stop(w) for w in workers if w is not victim]
    assert victim.returncode is not None and victim.returncode < 0, "the victim was killed, not stopped"

    firings = fired_by(kokeilu)
    per_timer = Counter(len(firings.get(t, [])) for t in timer_ids)
    per_worker = Counter(w for v in firings.values() for w in v)
    findings = list(kokeilu.check())
    record("R2", "postgresql", timers=count, workers=3, batch=BATCH, killed_after_fired=killed_at_fired,
           leased_by_killed_worker=leased_by_victim, fired_once=per_timer[1],
           fired_twice_or_more=sum(n for k, n in per_timer.items() if k > 1), never_fired=per_timer[0],
           per_worker={("killed " if k == victim_name else "") + k: n for k, n in per_worker.items()},
           lease_seconds=LEASE_SECONDS, check_findings=len(findings), seconds=round(seconds, 1))
    assert per_timer == Counter({1: count}), (per_timer, outputs)
    survivors = set(names) - {victim_name}
    assert survivors <= set(per_worker), "both surviving workers fired timers"
    assert findings == []
