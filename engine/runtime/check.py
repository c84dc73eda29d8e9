"""`palvelupolku check`: verify that the rows agree with the stored workflow state.

Invariants: every running instance waits for something (a ready task, a timer or a message);
every open task row is a ready user task in the state and every ready user task has its row;
every waiting timer row is a waiting timer in the state; an instance in error has a failed step;
the data an instance holds (its state and every task's data) keeps today's limits (engine.runtime.
datalimits), which data stored before those limits may break.

`repair` is the way out for such data, never a silent deletion: the instance is put in error with
the reason, its open tasks and waiting timers are closed (no inbox lists a task whose page cannot
be shown, no timer fires into it), an audit event says who did it and why, and the stored state is
left as it was, for export or a hand repair. `check` does not report an instance repaired so.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..models import AuditKind, Instance, InstanceStatus, MessageWait, Task, TaskStatus, Timer, TimerStatus
from . import audit, datalimits
from .execution import Runtime, is_timer_wait, load

# The start of the error message of an instance `repair` stopped; check passes over those.
REPAIRED = "Stopped by check --repair: "


@dataclass(frozen=True)
class Finding:
    instance_id: int
    message: str
    data_limit: bool = False      # the stored data breaks today's limits: `repair` can stop the instance

    def __str__(self) -> str:
        return f"instance {self.instance_id}: {self.message}"


def check_all(rt: Runtime, read: Callable[[], Session], batch: int = 500) -> Iterator[Finding]:
    last = 0
    while True:
        with read() as session:
            ids = list(session.scalars(
                select(Instance.id).where(Instance.id > last,
                                          Instance.status.in_([InstanceStatus.RUNNING.value,
                                                               InstanceStatus.ERROR.value]))
                .order_by(Instance.id).limit(batch)))
            for instance_id in ids:
                yield from check_instance(rt, session, instance_id)
        if len(ids) < batch:
            return
        last = ids[-1]


def is_repaired(row: Instance) -> bool:
    """Stopped by `repair`: its pages show it without reading its state."""
    return row.status == InstanceStatus.ERROR and (row.error_message or "").startswith(REPAIRED)


def data_problem(rt: Runtime, state_json: str) -> str | None:
    """One sentence when a stored state breaks today's data limits, else None. Read without
    SpiffWorkflow: data nested deeper than its deserializer's recursion is exactly what to find."""
    if len(state_json) > rt.max_state_chars:
        return (f"its stored state is {len(state_json):,} characters, more than the {rt.max_state_chars:,} "
                "allowed today")
    try:
        state = json.loads(state_json)
    except RecursionError:
        return "its stored data is nested too deep to be read back"
    except ValueError:
        return None                # not JSON at all: the load below reports it
    pending: list[Any] = [state] if isinstance(state, dict) else []
    while pending:
        workflow = pending.pop()
        found = datalimits.problem(workflow.get("data") or {}, "the instance's data")
        if found:
            return found
        for task in (workflow.get("tasks") or {}).values():
            found = datalimits.problem(task.get("data") or {}, f"the data of task {task.get('task_spec', '?')}")
            if found:
                return found
        pending.extend(w for w in (workflow.get("subprocesses") or {}).values() if isinstance(w, dict))
    return None


def check_instance(rt: Runtime, session: Session, instance_id: int) -> Iterator[Finding]:
    status, error, state_json = session.execute(
        select(Instance.status, Instance.error_message, Instance.state_json).where(Instance.id == instance_id)).one()
    if status == InstanceStatus.ERROR and (error or "").startswith(REPAIRED):
        return                     # stopped on purpose; a manager sees why on its page
    found = data_problem(rt, state_json)
    if found:
        yield Finding(instance_id, f"{found}; stored before the limits. `palvelupolku check --repair` stops it "
                                   "in error (its data is kept).", data_limit=True)
        return
    try:
        loaded = load(rt, session, instance_id)
    except Exception as exc:  # noqa: BLE001 - an unreadable state is exactly what check reports
        yield Finding(instance_id, f"the stored state cannot be loaded: {type(exc).__name__}: {exc}")
        return
    workflow, row = loaded.workflow, loaded.row
    ready = {str(t.id) for t in workflow.get_tasks(state=TaskState.READY) if t.task_spec.manual}
    rows = set(session.scalars(select(Task.id).where(Task.instance_id == instance_id,
                                                     Task.status == TaskStatus.OPEN.value)))
    for task_id in sorted(rows - ready):
        yield Finding(instance_id, f"task row {task_id} is open but the task is not ready in the state")
    for task_id in sorted(ready - rows):
        yield Finding(instance_id, f"ready task {task_id} has no open task row (nobody sees it in an inbox)")
    timers_in_state = {str(t.id) for t in workflow.get_tasks(state=TaskState.WAITING) if is_timer_wait(t)}
    timer_rows = set(session.scalars(select(Timer.id).where(Timer.instance_id == instance_id,
                                                            Timer.status.in_([TimerStatus.WAITING.value,
                                                                              TimerStatus.FAILED.value]))))
    for timer_id in sorted(timer_rows - timers_in_state):
        yield Finding(instance_id, f"timer row {timer_id} waits but the state has no such waiting timer")
    for timer_id in sorted(timers_in_state - timer_rows):
        yield Finding(instance_id, f"waiting timer {timer_id} has no timer row (it would never fire)")
    waits = set(session.scalars(select(MessageWait.id).where(MessageWait.instance_id == instance_id)))
    if row.status == InstanceStatus.ERROR and not row.error_message:
        yield Finding(instance_id, "the instance is marked in error but says no reason")
    if row.status == InstanceStatus.RUNNING and not (ready or timers_in_state or waits):
        yield Finding(instance_id, "the instance is running but waits for nothing: it is stuck")


def repair(rt: Runtime, session: Session, instance_id: int, actor: str) -> str | None:
    """Stop an instance whose stored data breaks the limits: error with the reason, open tasks and
    waiting timers closed, audited; the state is kept. None (nothing done) when its data is fine."""
    row = session.get(Instance, instance_id)
    if row is None or row.status not in (InstanceStatus.RUNNING, InstanceStatus.ERROR):
        return None
    if is_repaired(row):
        return None
    found = data_problem(rt, row.state_json)
    if found is None:
        return None
    now = rt.clock()
    reason = f"{REPAIRED}{found}. The stored data is kept; no step can run on it."
    session.execute(update(Task).where(Task.instance_id == instance_id, Task.status == TaskStatus.OPEN.value)
                    .values(status=TaskStatus.CANCELLED.value, completed_at=now))
    session.execute(update(Timer).where(Timer.instance_id == instance_id,
                                        Timer.status.in_([TimerStatus.WAITING.value, TimerStatus.FAILED.value]))
                    .values(status=TimerStatus.CANCELLED.value))
    session.execute(delete(MessageWait).where(MessageWait.instance_id == instance_id))
    row.status, row.error_message = InstanceStatus.ERROR.value, reason
    audit.record(session, now, actor, AuditKind.ERROR, instance_id=instance_id, message=reason,
                 data={"repair": "data_limits"})
    return reason
