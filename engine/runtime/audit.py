"""The audit trail: who did what, when, to which instance and task."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from ..models import AuditEvent, AuditKind

SYSTEM = "system"


def record(session: Session, at: datetime, actor: str, kind: AuditKind, *, instance_id: int | None = None,
           task_id: str | None = None, element_id: str | None = None, message: str = "",
           data: dict[str, Any] | None = None) -> AuditEvent:
    event = AuditEvent(at=at, actor=actor, kind=kind.value, instance_id=instance_id, task_id=task_id,
                       element_id=element_id, message=message, data=data)
    session.add(event)
    return event


_INSERT = insert(cast(Table, AuditEvent.__table__))


def insert_many(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert audit rows at once, with one Core executemany (the step's hot path: a row per new task).
    Written now, not at the next flush: call it only where the transaction already writes."""
    if rows:
        session.connection().execute(_INSERT, rows)
