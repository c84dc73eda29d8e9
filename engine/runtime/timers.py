"""Firing due timers. `palvelupolku tick` runs one sweep, `palvelupolku worker` loops.

Several workers may sweep at once (PostgreSQL). A worker first *acquires* due timers: it stamps
them with its name and a lease (`lock_owner`, `locked_until`) in one short transaction, using
`FOR UPDATE SKIP LOCKED` on PostgreSQL so two workers never take the same row (SQLite has one
writer at a time, so the same UPDATE is atomic there). Each acquired timer then fires in its own
transaction. A worker killed mid-timer leaves only an expired lease: the timer is taken again
after `LEASE`. A failing timer is retried with back-off; after `MAX_ATTEMPTS` it becomes an
incident (status failed) that a manager sees and can retry (Camunda's job executor does the same).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..errors import NotFound, ProcessError
from ..models import AuditKind, InstanceStatus, Timer, TimerStatus
from . import audit, delivery
from .execution import Loaded, Runtime, find_task, load, persist, run_steps
from .instances import pending_after_commit, queue_messages

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 3
BATCH = 200


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def backoff(attempts: int) -> timedelta:
    """1 min, 4 min, 16 min ... between tries of a failing timer."""
    return timedelta(minutes=4 ** max(attempts - 1, 0))


def acquire(rt: Runtime, session: Session, owner: str, now: datetime, limit: int = BATCH,
            lease: timedelta = LEASE) -> list[str]:
    """Stamp up to `limit` due, unleased timers with `owner`; returns their ids."""
    free = or_(Timer.locked_until.is_(None), Timer.locked_until <= now)
    query = (select(Timer.id).where(Timer.status == TimerStatus.WAITING.value, Timer.due_at <= now, free)
             .order_by(Timer.due_at, Timer.id).limit(limit))
    if rt.lock_rows:
        query = query.with_for_update(skip_locked=True)
    ids = list(session.scalars(query))
    if ids:
        session.execute(update(Timer).where(Timer.id.in_(ids))
                        .values(lock_owner=owner, locked_until=now + lease)
                        .execution_options(synchronize_session=False))
    return ids


def fire(rt: Runtime, session: Session, timer_id: str, now: datetime, owner: str | None = None) -> bool:
    """Fire one due timer; False when it is no longer ours, no longer waiting or not due."""
    query = select(Timer).where(Timer.id == timer_id, Timer.status == TimerStatus.WAITING.value)
    if rt.lock_rows:
        query = query.with_for_update()
    timer = session.scalars(query).first()
    if timer is None or timer.due_at > now or (owner is not None and timer.lock_owner != owner):
        return False
    loaded = load(rt, session, timer.instance_id, clock=lambda: now)
    timer.lock_owner, timer.locked_until = None, None
    if loaded.row.status != InstanceStatus.RUNNING:
        timer.status = TimerStatus.CANCELLED.value
        return False
    before = _next_repetition(loaded, timer_id)
    loaded.workflow.refresh_timers()
    task = find_task(loaded.workflow, UUID(timer_id))
    # A cycle timer (R3/PT10M) stays waiting after each repetition; its next one has moved on.
    repeated = task is not None and task.state == TaskState.WAITING and _next_repetition(loaded, timer_id) != before
    if task is None or (task.state == TaskState.WAITING and not repeated):
        return False
    audit.record(session, now, audit.SYSTEM, AuditKind.TIMER_FIRED, instance_id=timer.instance_id,
                 task_id=timer_id, element_id=timer.element_id,
                 message=f"Timer '{task.task_spec.bpmn_name or timer.element_id}' fired"
                 + (f" (worker {owner})." if owner else "."))
    run_steps(rt, session, loaded, audit.SYSTEM)
    persist(rt, session, loaded)
    if not repeated:
        timer.status, timer.fired_at = TimerStatus.FIRED.value, now
    queue_messages(rt, session, [loaded])
    return True


def _next_repetition(loaded: Loaded, timer_id: str) -> object:
    task = find_task(loaded.workflow, UUID(timer_id))
    return task._get_internal_data("event_value") if task is not None else None


def sweep(rt: Runtime, transaction: Callable[[], Session], now: datetime, owner: str | None = None,
          lease: timedelta = LEASE, batch: int = BATCH, steps: Callable[[], Session] | None = None) -> int:
    """Acquire and fire every timer due at `now`; returns how many fired.

    `lease` must outlast firing one batch; a shorter one only lets another worker take the timers
    sooner (each still fires once: `fire` re-checks the owner under the row lock). `steps` makes the
    sessions timers fire in (optimistic ones, engine.db: the steps run without the write lock); a
    firing that meets a concurrent change of its instance is tried once more before it counts as failed."""
    owner = owner or worker_name()
    steps = steps or transaction
    fired = 0
    while True:
        with transaction() as session, session.begin():
            ids = acquire(rt, session, owner, now, limit=batch, lease=lease)
        for timer_id in ids:
            try:
                try:
                    fired += _fire(rt, steps, timer_id, now, owner)
                except StaleDataError:   # a person completed a task of the instance meanwhile
                    fired += _fire(rt, steps, timer_id, now, owner)
            except Exception as exc:  # noqa: BLE001 - one broken instance must not stop the sweep
                log.exception("timer %s failed", timer_id)
                _note_failure(transaction, timer_id, exc, now)
        if len(ids) < batch:
            return fired


def _fire(rt: Runtime, steps: Callable[[], Session], timer_id: str, now: datetime, owner: str) -> int:
    """Fire one timer in its own transaction; after the commit, deliver the messages its steps threw."""
    with steps() as session, session.begin():
        fired = fire(rt, session, timer_id, now, owner)
        chains = pending_after_commit(session)
    if chains:
        delivery.drain(rt, steps, chains, budget=rt.run_budget)
    return int(fired)


def _note_failure(transaction: Callable[[], Session], timer_id: str, exc: Exception, now: datetime) -> None:
    with transaction() as session, session.begin():
        timer = session.get(Timer, timer_id)
        if timer is None:
            return
        timer.attempts += 1
        timer.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        timer.lock_owner = None
        if timer.attempts >= MAX_ATTEMPTS:
            timer.status = TimerStatus.FAILED.value
            timer.locked_until = None
            audit.record(session, now, audit.SYSTEM, AuditKind.ERROR, instance_id=timer.instance_id,
                         task_id=timer_id, element_id=timer.element_id,
                         message=f"Timer failed {timer.attempts} times and needs a manager: {timer.last_error}")
        else:
            timer.locked_until = now + backoff(timer.attempts)   # not before then


def retry_failed(session: Session, timer_id: str, actor: str, now: datetime) -> None:
    """A manager sends a failed timer (an incident) back to the workers."""
    timer = session.get(Timer, timer_id)
    if timer is None:
        raise NotFound(f"Timer '{timer_id}' does not exist.", code="timer.not_found", params={"id": str(timer_id)[:40]})
    if timer.status != TimerStatus.FAILED:
        raise ProcessError(f"Timer '{timer.element_id}' has not failed; it is {timer.status}.", code="timer.not_failed",
                           params={"status": timer.status})
    timer.status, timer.attempts, timer.locked_until, timer.lock_owner = TimerStatus.WAITING.value, 0, None, None
    audit.record(session, now, actor, AuditKind.RETRY, instance_id=timer.instance_id, task_id=timer_id,
                 element_id=timer.element_id, message="Timer sent back to the workers.")
