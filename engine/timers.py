"""Firing due timers. `palvelupolku tick` runs one sweep, `palvelupolku worker` loops.

Each timer fires in its own transaction: one broken instance is logged, counted and
left for a retry, and never stops the sweep (as viewflow's and Camunda's job executors do).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .instances import route_messages
from .models import AuditKind, InstanceStatus, Timer, TimerStatus
from .runtime import Runtime, load, persist, run_steps

log = logging.getLogger(__name__)


def due_timer_ids(session: Session, now: datetime, limit: int = 500) -> list[str]:
    return list(session.scalars(
        select(Timer.id).where(Timer.status == TimerStatus.WAITING.value, Timer.due_at <= now)
        .order_by(Timer.due_at, Timer.id).limit(limit)))


def fire(rt: Runtime, session: Session, timer_id: str, now: datetime) -> bool:
    """Fire one due timer; False when another worker took it first or it is no longer due."""
    query = select(Timer).where(Timer.id == timer_id, Timer.status == TimerStatus.WAITING.value)
    if rt.lock_rows:
        query = query.with_for_update(skip_locked=True)
    timer = session.scalars(query).first()
    if timer is None or timer.due_at > now:
        return False
    loaded = load(rt, session, timer.instance_id, clock=lambda: now)
    if loaded.row.status != InstanceStatus.RUNNING:
        timer.status = TimerStatus.CANCELLED.value
        return False
    loaded.workflow.refresh_timers()
    task = loaded.workflow.get_task_from_id(UUID(timer_id))
    if task is None or task.state == TaskState.WAITING:
        return False
    audit.record(session, now, audit.SYSTEM, AuditKind.TIMER_FIRED, instance_id=timer.instance_id,
                 task_id=timer_id, element_id=timer.element_id,
                 message=f"Timer '{task.task_spec.bpmn_name or timer.element_id}' fired.")
    run_steps(rt, session, loaded, audit.SYSTEM)
    persist(rt, session, loaded)
    timer.status, timer.fired_at = TimerStatus.FIRED.value, now
    route_messages(rt, session, [loaded])
    return True


def sweep(rt: Runtime, transaction: Callable[[], Session], read: Callable[[], Session],
          now: datetime) -> int:
    """Fire every timer due at `now`; returns how many fired."""
    with read() as session:
        ids = due_timer_ids(session, now)
    fired = 0
    for timer_id in ids:
        try:
            with transaction() as session, session.begin():
                fired += fire(rt, session, timer_id, now)
        except Exception as exc:  # noqa: BLE001 - one broken instance must not stop the sweep
            log.exception("timer %s failed", timer_id)
            _note_failure(transaction, timer_id, exc)
    return fired


def _note_failure(transaction: Callable[[], Session], timer_id: str, exc: Exception) -> None:
    with transaction() as session, session.begin():
        timer = session.get(Timer, timer_id)
        if timer is not None:
            timer.attempts += 1
            timer.last_error = str(exc)[:2000]
            if timer.attempts >= 3:
                timer.status = TimerStatus.FAILED.value
