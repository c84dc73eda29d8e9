"""One aftercare call per customer (issue 18; thesis 6.2.4 and 7.2: compulsory feedback annoys companies,
one aftercare covers a bundle of services).

Each service keeps its own aftercare task (the BPMN rule: every service ends in aftercare), but the
office makes one call: the open call tasks of one customer held by one expert (aftercare calls, and the
referral check of Yritys-Suomi guidance) whose due dates lie within `WINDOW` of each other form one
*call*. The call is worked on one form with a section per service, and each section's answers complete
that service's own task, so every outcome is recorded on its own instance. The call is computed from the
open tasks whenever it is asked for: nothing to keep in step when a task is handed over or done alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..models import Task, TaskStatus
from ..runtime import tasks
from ..runtime.execution import Runtime
from ..runtime.queries import IS_OPEN, InboxPage

WINDOW = timedelta(days=14)
REFERRAL_CHECK = "Task_varmistus"     # yritys_suomi_ohjaus: did the referred customer get the service?


@dataclass(frozen=True)
class Call:
    customer_id: int
    assignee: str
    task_ids: list[str]        # the lead (the earliest due) first

    @property
    def services(self) -> int:
        return len(self.task_ids)

    @property
    def id(self) -> str:
        """The call's name for outside code (the API): its lead task's id; a call is computed, never stored."""
        return self.task_ids[0]


def _is_call_task() -> Any:
    return or_(Task.is_aftercare.is_(True), Task.element_id == REFERRAL_CHECK)


def _group(rows: Sequence[Any]) -> list[Call]:
    """Tasks of one customer and one assignee, by due date; a task joins the call whose lead is due
    at most WINDOW before it."""
    by_owner: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for t in rows:
        by_owner[(t.customer_id, t.assignee or "")].append(t)
    calls = []
    for (customer_id, assignee), items in by_owner.items():
        items.sort(key=lambda t: (t.due_at or t.created_at, t.created_at, t.id))
        lead_due: datetime | None = None
        current: list[Any] = []
        for t in items:
            due = t.due_at or t.created_at
            if lead_due is not None and due - lead_due > WINDOW:
                calls.append(Call(customer_id, assignee, [c.id for c in current]))
                current = []
            if not current:
                lead_due = due
            current.append(t)
        if current:
            calls.append(Call(customer_id, assignee, [c.id for c in current]))
    return calls


def open_calls(session: Session, assignee: str) -> list[Call]:
    """The expert's open calls: one per customer and window, however many services it covers."""
    rows = list(session.scalars(select(Task).where(Task.status == TaskStatus.OPEN.value, Task.assignee == assignee,
                                                   _is_call_task())))
    return _group(rows)


def call_of(session: Session, task_id: str) -> Call | None:
    """The call a task belongs to; None for a task that is no open call task."""
    task = tasks.get_task(session, task_id)
    if task.status != TaskStatus.OPEN.value or not (task.is_aftercare or task.element_id == REFERRAL_CHECK):
        return None
    rows = list(session.scalars(select(Task).where(
        Task.status == TaskStatus.OPEN.value, Task.customer_id == task.customer_id, _is_call_task(),
        Task.assignee == task.assignee if task.assignee else Task.assignee.is_(None))))
    return next((c for c in _group(rows) if task_id in c.task_ids), None)


_CALL_TASKS_OF = (        # built once: building it cost an inbox page more than the read
    select(Task.id, Task.customer_id, Task.assignee, Task.due_at, Task.created_at)
    .where(IS_OPEN, _is_call_task(), Task.customer_id.in_(
        select(Task.customer_id).where(Task.id.in_(bindparam("ids", expanding=True)), IS_OPEN, _is_call_task()))))


def calls_for(session: Session, task_ids: Collection[str]) -> dict[str, Call]:
    """The joint calls (two services or more) that any of `task_ids` belong to, by task id; one read for a
    whole list (the API's task lists, an inbox page), however long: the open call tasks of the listed ones'
    companies, as plain rows of the columns a call needs (an inbox page at size spent more on the ORM's
    task objects than on the read). The open status is a literal, so a generic plan keeps the index."""
    if not task_ids:
        return {}
    rows = session.connection().execute(_CALL_TASKS_OF, {"ids": list(task_ids)}).all()
    wanted = set(task_ids)
    return {t: c for c in _group(rows) if c.services > 1 for t in c.task_ids if t in wanted}


def fold_inbox(session: Session, page: InboxPage) -> InboxPage:
    """The inbox shows one row per call: a call's lead stands for its services, the others leave the page.

    Only the tasks on the page are looked at (and the calls they belong to, read at once by `calls_for`), so
    the page stays as cheap as the query behind it; a page may show fewer rows than its size when calls were
    folded on it."""
    joined: dict[str, list[str]] = {}
    hidden: set[str] = set()
    calls = calls_for(session, [t.id for t in page.tasks.items if t.is_aftercare or t.element_id == REFERRAL_CHECK])
    for t in page.tasks.items:
        call = calls.get(t.id)          # joint calls only: two reads for the page, not two per task
        if t.id in hidden or t.id in joined or call is None:
            continue
        joined[call.task_ids[0]] = call.task_ids
        hidden.update(call.task_ids[1:])
    if not joined:
        return page
    on_page = {t.id for t in page.tasks.items}
    leads = {lead for lead in joined if lead in on_page}
    # a call whose lead is on another page shows here through its first member on this page
    for lead, ids in list(joined.items()):
        if lead not in leads:
            first = next(i for i in ids if i in on_page)
            joined[first] = [first, *[i for i in ids if i != first]]
            del joined[lead]
    keep = [t for t in page.tasks.items if t.id in joined or t.id not in hidden]
    return replace(page, tasks=replace(page.tasks, items=keep), joined=joined)


def complete_call(rt: Runtime, session: Session, lead_task_id: str, username: str,
                  sections: Mapping[str, dict[str, Any]]) -> Call:
    """Complete every service of the call, each with its own section's answers, in one transaction: a
    section that does not validate keeps the whole call open."""
    call = call_of(session, lead_task_id)
    if call is None:
        raise ValidationError(f"Task {lead_task_id} is no open aftercare call.", code="call.not_open",
                              params={"id": lead_task_id})
    missing = [t for t in call.task_ids if t not in sections]
    if missing:
        raise ValidationError(f"The call covers {call.services} services; answer each of them ({len(missing)} "
                              "missing).", code="call.unanswered",
                              params={"services": call.services, "missing": len(missing)})
    for task_id in call.task_ids:
        tasks.complete(rt, session, task_id, username, sections[task_id])
    return call
