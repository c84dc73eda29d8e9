"""Read models the facade returns: plain frozen dataclasses, safe to use after the session ends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from ..models import AuditEvent, AuditKind, Instance, MessageWait, Task, Timer, TimerStatus
from . import audit

if TYPE_CHECKING:
    from .execution import Synced


@dataclass(frozen=True)
class TaskInfo:
    id: str
    instance_id: int
    process_key: str
    element_id: str
    name: str
    candidate_group: str | None
    assignee: str | None
    status: str
    due_at: datetime | None
    created_at: datetime
    completed_at: datetime | None
    completed_by: str | None
    is_aftercare: bool
    # The customer card's key (engine.models.Customer.key): its Business ID, or "H-<id>" for a card without
    # one; the name stays for the API's clients (issue 18).
    customer_business_id: str = ""
    customer_name: str = ""
    form: list[dict[str, Any]] = field(default_factory=list)
    documentation: str = ""
    claimed_at: datetime | None = None   # since when the assignee has had it (claim or hand-over)

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    kind: str
    task_id: str | None
    element_id: str | None
    message: str
    data: dict[str, Any] | None
    code: str = ""                                   # the sentence as a code and parameters (audit.describe)
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InstanceInfo:
    id: int
    process_key: str
    version: int
    status: str
    customer_business_id: str      # the card's key, as in TaskInfo
    customer_name: str
    responsible: str
    parent_id: int | None
    children: list[int]
    started_at: datetime
    ended_at: datetime | None
    error_message: str | None
    error_element: str | None
    lock_version: int
    open_tasks: list[TaskInfo]
    timers: list[dict[str, Any]]
    waiting_for_messages: list[str]
    history: list[HistoryEntry] | None   # None: not read (a completion's answer; `Engine.instance` reads it)
    data: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def task_info(row: Task | Row[Any], business_id: str = "", customer_name: str = "",
              form: list[dict[str, Any]] | None = None, documentation: str = "") -> TaskInfo:
    """From a task row: an ORM object, or a plain row of the table's columns (the hot path's reads)."""
    return TaskInfo(
        id=row.id, instance_id=row.instance_id, process_key=row.process_key, element_id=row.element_id,
        name=row.name, candidate_group=row.candidate_group, assignee=row.assignee, status=row.status,
        due_at=row.due_at, created_at=row.created_at, completed_at=row.completed_at,
        completed_by=row.completed_by, is_aftercare=row.is_aftercare, customer_business_id=business_id,
        customer_name=customer_name, form=form or [], documentation=documentation,
        claimed_at=row.claimed_at)


def history_entry(values: Sequence[Any]) -> HistoryEntry:
    """From a row of (at, actor, kind, task_id, element_id, message, data), by position (see
    `task_info_of_row`)."""
    at, actor, kind, task_id, element_id, message, data = values
    code, params = audit.describe(kind, message)
    return HistoryEntry(at=at, actor=actor, kind=kind, task_id=task_id, element_id=element_id, message=message,
                        data=data, code=code, params=params)


# The tasks table's columns in table order: a Core read of them gives rows `task_info_of_row` unpacks.
TASK_COLUMNS = ("id", "instance_id", "customer_id", "process_key", "element_id", "name", "lane", "candidate_group",
                "assignee", "is_aftercare", "status", "due_at", "created_at", "claimed_at", "completed_at",
                "completed_by")


def task_info_of_row(values: Sequence[Any], business_id: str = "", customer_name: str = "") -> TaskInfo:
    """From a row of the tasks table's columns in table order (`TASK_COLUMNS`; the inbox's Core reads), by
    position: a SQLAlchemy Row's attribute costs about 0.4 us to read, and an inbox of 40 tasks read them
    600 times."""
    (task_id, instance_id, _customer_id, process_key, element_id, name, _lane, candidate_group, assignee,
     is_aftercare, status, due_at, created_at, claimed_at, completed_at, completed_by) = values
    return TaskInfo(
        id=task_id, instance_id=instance_id, process_key=process_key, element_id=element_id, name=name,
        candidate_group=candidate_group, assignee=assignee, status=status, due_at=due_at, created_at=created_at,
        completed_at=completed_at, completed_by=completed_by, is_aftercare=is_aftercare,
        customer_business_id=business_id, customer_name=customer_name, claimed_at=claimed_at)



def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


_CHILDREN = select(Instance.id).where(Instance.parent_id == bindparam("parent_id")).order_by(Instance.id)


def instance_info(s: Session, row: Instance, data: dict[str, Any], synced: Synced | None = None,
                  with_history: bool = True, children: list[int] | None = None,
                  version: int | None = None) -> InstanceInfo:
    """The instance as the screens and the API show it; `synced` spares reading the rows persist just wrote.

    Without `with_history` the audit trail is not read: it grows with the instance's age, and the
    answer to a completion does not need it."""
    if synced is None:
        open_tasks = list(s.scalars(select(Task).where(Task.instance_id == row.id, Task.status == "open")
                                    .order_by(Task.created_at)))
        timer_rows = list(s.scalars(select(Timer).where(Timer.instance_id == row.id,
                                                        Timer.status == TimerStatus.WAITING.value)))
        messages = sorted(s.scalars(select(MessageWait.message_name).where(MessageWait.instance_id == row.id)))
    else:
        open_tasks, timer_rows, messages = synced.open_tasks, synced.timers, synced.messages
    # Plain rows, not ORM objects: an instance's history only grows, and this runs after every step.
    history: list[HistoryEntry] | None = [history_entry(e) for e in s.execute(
        select(AuditEvent.at, AuditEvent.actor, AuditEvent.kind, AuditEvent.task_id, AuditEvent.element_id,
               AuditEvent.message, AuditEvent.data)
        .where(AuditEvent.instance_id == row.id, AuditEvent.kind != AuditKind.TASK_CREATE.value)
        .order_by(AuditEvent.id))] if with_history else None
    if children is None:      # given by a caller that knows them (a start that sent nothing has none)
        children = list(s.connection().scalars(_CHILDREN, {"parent_id": row.id}))
    waiting_timers = [{"id": t.id, "element_id": t.element_id, "due_at": t.due_at} for t in timer_rows]
    return InstanceInfo(
        id=row.id, process_key=row.process_key, status=row.status,
        version=version if version is not None else row.definition_version.version,
        customer_business_id=row.customer.key, customer_name=row.customer.name,
        responsible=row.responsible, parent_id=row.parent_id, children=children, started_at=row.started_at,
        ended_at=row.ended_at, error_message=row.error_message, error_element=row.error_element,
        lock_version=row.lock_version,
        open_tasks=[task_info(t, row.customer.key, row.customer.name) for t in open_tasks],
        timers=waiting_timers, waiting_for_messages=messages, history=history, data=data)
