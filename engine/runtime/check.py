"""`palvelupolku check`: verify that the rows agree with the stored workflow state.

Invariants: every running instance waits for something (a ready task, a timer or a message);
every open task row is a ready user task in the state and every ready user task has its row;
every waiting timer row is a waiting timer in the state; an instance in error has a failed step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Instance, InstanceStatus, MessageWait, Task, TaskStatus, Timer, TimerStatus
from .execution import Runtime, is_timer_wait, load


@dataclass(frozen=True)
class Finding:
    instance_id: int
    message: str

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


def check_instance(rt: Runtime, session: Session, instance_id: int) -> Iterator[Finding]:
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
