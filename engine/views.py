"""Read models the facade returns: plain frozen dataclasses, safe to use after the session ends."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row

from .models import AuditEvent, Task


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
    customer_business_id: str = ""
    customer_name: str = ""
    form: list[dict[str, Any]] = field(default_factory=list)
    documentation: str = ""

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


@dataclass(frozen=True)
class InstanceInfo:
    id: int
    process_key: str
    version: int
    status: str
    customer_business_id: str
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
    history: list[HistoryEntry]
    data: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def task_info(row: Task, business_id: str = "", customer_name: str = "", form: list[dict[str, Any]] | None = None,
              documentation: str = "") -> TaskInfo:
    return TaskInfo(
        id=row.id, instance_id=row.instance_id, process_key=row.process_key, element_id=row.element_id,
        name=row.name, candidate_group=row.candidate_group, assignee=row.assignee, status=row.status,
        due_at=row.due_at, created_at=row.created_at, completed_at=row.completed_at,
        completed_by=row.completed_by, is_aftercare=row.is_aftercare, customer_business_id=business_id,
        customer_name=customer_name, form=form or [], documentation=documentation)


def history_entry(event: AuditEvent | Row[Any]) -> HistoryEntry:
    """From an audit event, or a row of its columns (the history is read as plain rows)."""
    return HistoryEntry(at=event.at, actor=event.actor, kind=event.kind, task_id=event.task_id,
                        element_id=event.element_id, message=event.message, data=event.data)



def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
