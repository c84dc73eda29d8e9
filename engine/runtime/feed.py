"""The event feed: what happened to instances and tasks, read from the audit trail in its order.

Other systems follow the office with `events(after=cursor)` instead of polling every instance. The
cursor is the id of the last audit event the reader has seen (opaque to clients): audit events are
only ever appended, so a reader that keeps its cursor gets each event exactly once, across restarts
of either side. Each audit kind that matters outside has one stable type name (`TYPES`); a completed
aftercare task is `aftercare.completed`, and a new needs assessment started from an aftercare is
`needs.new` on the instance that asked for it. Events of instances the reader may not read
(engine.runtime.access) are skipped, yet the cursor moves past them, so a reader never scans them again.

Exactly once needs the ids to become visible in their order. On SQLite they do: every write happens
under the one write lock, so a smaller id is always committed first. On PostgreSQL a sequence hands
out ids before commit, and a transaction that took id 10 may commit after one that took id 11; so
there the feed holds back events younger than `SETTLE` (far longer than any one operation may run,
engine.runtime.execution.RUN_BUDGET_SECONDS), and a reader sees an event that much later.

A read model over Core rows (a page of joined rows per call), not the ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..models import AuditEvent, AuditKind, Customer, Instance, Task, User
from . import access
from .bpmn import NEW_NEEDS_MESSAGE

TYPES: dict[str, str] = {
    AuditKind.START: "instance.started",
    AuditKind.TASK_CREATE: "task.created",
    AuditKind.CLAIM: "task.claimed",
    AuditKind.UNCLAIM: "task.unclaimed",
    AuditKind.ASSIGN: "task.assigned",
    AuditKind.COMPLETE: "task.completed",
    AuditKind.HANDOVER: "instance.handed_over",
    AuditKind.MESSAGE_DELIVERED: "message.delivered",
    AuditKind.MIGRATE: "instance.migrated",
    AuditKind.ERROR: "instance.failed",
    AuditKind.RETRY: "instance.retried",
    AuditKind.CANCEL: "instance.cancelled",
    AuditKind.END: "instance.completed",
}
AFTERCARE_DONE = "aftercare.completed"
NEW_NEEDS = "needs.new"
EVENT_TYPES = sorted({*TYPES.values(), AFTERCARE_DONE, NEW_NEEDS})
MAX_LIMIT = 500
SETTLE = timedelta(seconds=30)
SCAN = 2000          # audit rows looked at per call at most: a reader with little to see still moves on


@dataclass(frozen=True)
class FeedEvent:
    cursor: str
    type: str
    at: datetime
    actor: str
    instance_id: int
    process_key: str
    customer_business_id: str
    task_id: str | None
    task_name: str | None
    element_id: str | None
    data: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {"cursor": self.cursor, "type": self.type, "at": self.at.isoformat(), "actor": self.actor,
                "instance_id": self.instance_id, "process_key": self.process_key,
                "customer_business_id": self.customer_business_id, "task_id": self.task_id,
                "task_name": self.task_name, "element_id": self.element_id, "data": self.data}


@dataclass(frozen=True)
class FeedPage:
    events: list[FeedEvent]
    cursor: str            # give it as `after` next time (unchanged when nothing new happened)
    more: bool             # True: more events are waiting, read again at once


def parse_cursor(text: str | None) -> int:
    if text is None or text == "":
        return 0
    if not text.isdigit() or len(text) > 18:
        raise ValidationError(f"'{text[:40]}' is not a cursor of this feed; give the 'cursor' of an earlier "
                              "answer, or leave 'after' out to read from the beginning.", code="feed.bad_cursor",
                              params={"cursor": text[:40]})
    return int(text)


def _type(kind: str, is_aftercare: bool | None, data: dict[str, Any] | None) -> str:
    if kind == AuditKind.COMPLETE and is_aftercare:
        return AFTERCARE_DONE
    if kind == AuditKind.MESSAGE_DELIVERED and (data or {}).get("message") == NEW_NEEDS_MESSAGE \
            and "child_id" in (data or {}):
        return NEW_NEEDS
    return TYPES[kind]


def _public_data(kind: str, data: dict[str, Any] | None) -> dict[str, Any]:
    """What other systems may read of the event's data: links and versions, never form contents."""
    keep = {"child_id", "message", "from_version", "to_version", "from", "to", "parent_id"}
    return {k: v for k, v in (data or {}).items() if k in keep and (v is None or isinstance(v, int | str))}


def events(session: Session, user: User, after: int, limit: int, settled: datetime | None = None) -> FeedPage:
    """Events after the cursor `after`; with `settled`, only up to the first one recorded after it (SETTLE):
    an id below it may still be about to commit."""
    limit = min(max(limit, 1), MAX_LIMIT)
    rows = session.execute(
        select(AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.kind, AuditEvent.instance_id,
               AuditEvent.task_id, AuditEvent.element_id, AuditEvent.data, Instance.process_key,
               Customer.key, Task.name, Task.element_id, Task.is_aftercare)
        .join(Instance, Instance.id == AuditEvent.instance_id)
        .join(Customer, Customer.id == Instance.customer_id)
        .outerjoin(Task, Task.id == AuditEvent.task_id)
        .where(AuditEvent.id > after, AuditEvent.kind.in_(list(TYPES)))
        .order_by(AuditEvent.id).limit(SCAN)).all()
    readable: dict[int, bool] = {}
    found: list[FeedEvent] = []
    last = after
    for row in rows:
        if len(found) == limit:
            return FeedPage(found, str(last), True)
        if settled is not None and row[1] > settled:
            return FeedPage(found, str(last), False)
        last = row[0]
        instance_id = row[4]
        if instance_id not in readable:
            readable[instance_id] = access.is_manager(user) or access.may_read_instance(
                session, user, session.get_one(Instance, instance_id))
        if not readable[instance_id]:
            continue
        found.append(FeedEvent(str(row[0]), _type(row[3], row[12], row[7]), row[1], row[2], instance_id, row[8],
                               row[9], row[5], row[10], row[6] or row[11], _public_data(row[3], row[7])))
    return FeedPage(found, str(last), len(rows) == SCAN)
