"""Read models for the screens: inboxes, instance lists, the team's load, customers' service paths.

Each query is one or two indexed SELECTs; functions that list things return a `Page` so callers
paginate, and the instance list also yields every matching row for CSV export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from .clock import HELSINKI
from .models import (
    AuditEvent,
    AuditKind,
    Customer,
    DefinitionVersion,
    Instance,
    InstanceStatus,
    ProcessDefinition,
    Task,
    TaskStatus,
    User,
)
from .views import TaskInfo, task_info

T = TypeVar("T")
MAX_PER_PAGE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _page_args(page: int, per_page: int) -> tuple[int, int]:
    return max(1, page), min(max(1, per_page), MAX_PER_PAGE)


def paginate(session: Session, query: Select[Any], page: int, per_page: int) -> tuple[list[Any], int, int, int]:
    page, per_page = _page_args(page, per_page)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = list(session.execute(query.limit(per_page).offset((page - 1) * per_page)).all())
    return rows, int(total), page, per_page


def end_of_week(now: datetime) -> datetime:
    """Sunday 24:00 of this week, Helsinki time, as UTC."""
    local = now.astimezone(HELSINKI)
    sunday = local.date() + timedelta(days=6 - local.weekday())
    return datetime.combine(sunday + timedelta(days=1), time(0), HELSINKI).astimezone(now.tzinfo)


# --- the expert's inbox ------------------------------------------------------------------------------

@dataclass(frozen=True)
class InboxFilter:
    tab: str = "mine"                 # mine | group | all (mine and my groups' unclaimed)
    process_key: str | None = None
    business_id: str | None = None
    due: str | None = None            # overdue | week
    q: str = ""                       # company name or Business ID
    page: int = 1
    per_page: int = 25


@dataclass(frozen=True)
class InboxPage:
    tasks: Page[TaskInfo]
    counts: dict[str, int]            # mine, group, overdue (of mine + group)


def _mine(user: User) -> Any:
    return Task.assignee == user.username


def _groups(user: User) -> Any:
    if not user.group_names:
        return Task.id.is_(None)  # matches nothing
    return and_(Task.assignee.is_(None), Task.candidate_group.in_(user.group_names))


def inbox(session: Session, user: User, now: datetime, f: InboxFilter) -> InboxPage:
    scope = {"mine": _mine(user), "group": _groups(user)}.get(f.tab, or_(_mine(user), _groups(user)))
    query = (select(Task, Customer.business_id, Customer.name)
             .join(Customer, Customer.id == Task.customer_id)
             .where(Task.status == TaskStatus.OPEN.value, scope))
    if f.process_key:
        query = query.where(Task.process_key == f.process_key)
    if f.business_id:
        query = query.where(Customer.business_id == f.business_id)
    if f.due == "overdue":
        query = query.where(Task.due_at < now)
    elif f.due == "week":
        query = query.where(Task.due_at < end_of_week(now))
    if f.q.strip():
        query = query.where(_customer_match(f.q))
    query = query.order_by(Task.due_at.is_(None), Task.due_at, Task.created_at, Task.id)
    rows, total, page, per_page = paginate(session, query, f.page, f.per_page)
    tasks = Page([task_info(t, bid, name) for t, bid, name in rows], total, page, per_page)
    return InboxPage(tasks, _inbox_counts(session, user, now))


def _customer_match(q: str) -> Any:
    text = q.strip()
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(Customer.name.ilike(f"%{escaped}%", escape="\\"), Customer.business_id.startswith(text, autoescape=True))


def _inbox_counts(session: Session, user: User, now: datetime) -> dict[str, int]:
    open_ = Task.status == TaskStatus.OPEN.value
    mine, group = _mine(user), _groups(user)
    row = session.execute(select(
        func.count().filter(mine),
        func.count().filter(group),
        func.count().filter(or_(mine, group), Task.due_at < now),
    ).where(open_, or_(mine, group))).one()
    return {"mine": row[0], "group": row[1], "overdue": row[2]}


# --- processes one can start ---------------------------------------------------------------------

@dataclass(frozen=True)
class ProcessInfo:
    process_key: str
    name: str
    version: int
    deployed_at: datetime
    deployed_by: str
    startable: bool


def processes(session: Session) -> list[ProcessInfo]:
    """The newest version of every definition."""
    newest = (select(DefinitionVersion.definition_id, func.max(DefinitionVersion.version).label("v"))
              .group_by(DefinitionVersion.definition_id).subquery())
    rows = session.execute(
        select(DefinitionVersion, ProcessDefinition.process_key)
        .join(ProcessDefinition, ProcessDefinition.id == DefinitionVersion.definition_id)
        .join(newest, and_(newest.c.definition_id == DefinitionVersion.definition_id,
                           newest.c.v == DefinitionVersion.version))
        .order_by(DefinitionVersion.name)).all()
    return [ProcessInfo(key, v.name, v.version, v.deployed_at, v.deployed_by,
                        v.has_plain_start and not v.callable_only) for v, key in rows]


# --- managers: instances ----------------------------------------------------------------------------

SORTS = {"started": Instance.started_at, "process": Instance.process_key, "status": Instance.status,
         "responsible": Instance.responsible, "customer": Customer.name, "id": Instance.id}


@dataclass(frozen=True)
class InstanceFilter:
    process_key: str | None = None
    version: int | None = None
    status: str | None = None
    responsible: str | None = None
    customer: str = ""                # company name or Business ID
    started_from: date | None = None
    started_to: date | None = None
    overdue_aftercare: bool = False
    in_error: bool = False
    sort: str = "started"
    descending: bool = True
    page: int = 1
    per_page: int = 50


@dataclass(frozen=True)
class InstanceRow:
    id: int
    process_key: str
    process_name: str
    version: int
    status: str
    customer_business_id: str
    customer_name: str
    responsible: str
    started_at: datetime
    ended_at: datetime | None
    parent_id: int | None
    error_message: str | None


def _instances_query(f: InstanceFilter, now: datetime) -> Select[Any]:
    query = (select(Instance, Customer.business_id, Customer.name, DefinitionVersion.version,
                    DefinitionVersion.name)
             .join(Customer, Customer.id == Instance.customer_id)
             .join(DefinitionVersion, DefinitionVersion.id == Instance.definition_version_id))
    if f.process_key:
        query = query.where(Instance.process_key == f.process_key)
    if f.version is not None:
        query = query.where(DefinitionVersion.version == f.version)
    if f.status:
        query = query.where(Instance.status == f.status)
    if f.in_error:
        query = query.where(Instance.status == InstanceStatus.ERROR.value)
    if f.responsible:
        query = query.where(Instance.responsible == f.responsible)
    if f.customer.strip():
        query = query.where(_customer_match(f.customer))
    if f.started_from:
        query = query.where(Instance.started_at >= _local_midnight(f.started_from))
    if f.started_to:
        query = query.where(Instance.started_at < _local_midnight(f.started_to + timedelta(days=1)))
    if f.overdue_aftercare:
        late = select(Task.id).where(Task.instance_id == Instance.id, Task.is_aftercare.is_(True),
                                     Task.status == TaskStatus.OPEN.value, Task.due_at < now)
        query = query.where(late.exists())
    column = SORTS.get(f.sort, Instance.started_at)
    return query.order_by(column.desc() if f.descending else column.asc(), Instance.id.desc())


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), HELSINKI)


def _instance_row(row: Any) -> InstanceRow:
    inst, bid, cname, version, pname = row
    return InstanceRow(inst.id, inst.process_key, pname, version, inst.status, bid, cname, inst.responsible,
                       inst.started_at, inst.ended_at, inst.parent_id, inst.error_message)


def instances(session: Session, now: datetime, f: InstanceFilter) -> Page[InstanceRow]:
    rows, total, page, per_page = paginate(session, _instances_query(f, now), f.page, f.per_page)
    return Page([_instance_row(r) for r in rows], total, page, per_page)


def all_instances(session: Session, now: datetime, f: InstanceFilter, chunk: int = 1000) -> Iterator[InstanceRow]:
    """Every matching row, streamed in chunks (for CSV export)."""
    query = _instances_query(f, now).execution_options(yield_per=chunk)
    for row in session.execute(query):
        yield _instance_row(row)


# --- managers: the team's load --------------------------------------------------------------------

@dataclass(frozen=True)
class Load:
    name: str
    open: int
    overdue: int
    aftercare: int


def team(session: Session, now: datetime) -> tuple[list[Load], list[Load]]:
    """Open tasks per assigned expert, and unclaimed open tasks per group."""
    open_ = Task.status == TaskStatus.OPEN.value
    counts = (func.count(), func.count().filter(Task.due_at < now), func.count().filter(Task.is_aftercare.is_(True)))
    people = [Load(*r) for r in session.execute(
        select(Task.assignee, *counts).where(open_, Task.assignee.is_not(None))
        .group_by(Task.assignee).order_by(Task.assignee))]
    groups = [Load(*r) for r in session.execute(
        select(Task.candidate_group, *counts).where(open_, Task.assignee.is_(None), Task.candidate_group.is_not(None))
        .group_by(Task.candidate_group).order_by(Task.candidate_group))]
    return people, groups


# --- customers: their service path ---------------------------------------------------------------

AFTERCARE_FIELDS = ("asiakas_tavoitettu", "arvio_tulos", "arvio_palvelu", "uudet_palvelutarpeet",
                    "yhteydenotto_pvm", "yhteydenottotapa")


@dataclass(frozen=True)
class PathStep:
    instance: InstanceRow
    children: list[int]
    aftercare_done_at: datetime | None
    aftercare: dict[str, Any] = field(default_factory=dict)   # the aftercare form's outcome fields
    open_tasks: list[TaskInfo] = field(default_factory=list)


def service_path(session: Session, customer: Customer) -> list[PathStep]:
    """Every instance of the customer in time order, with links, aftercare outcome and open tasks."""
    rows = session.execute(
        select(Instance, Customer.business_id, Customer.name, DefinitionVersion.version, DefinitionVersion.name)
        .join(Customer, Customer.id == Instance.customer_id)
        .join(DefinitionVersion, DefinitionVersion.id == Instance.definition_version_id)
        .where(Instance.customer_id == customer.id).order_by(Instance.started_at, Instance.id)).all()
    ids = [r[0].id for r in rows]
    children: dict[int, list[int]] = {i: [] for i in ids}
    for r in rows:
        if r[0].parent_id in children:
            children[r[0].parent_id].append(r[0].id)
    outcome = _aftercare_outcomes(session, ids)
    open_tasks: dict[int, list[TaskInfo]] = {i: [] for i in ids}
    for t in session.scalars(select(Task).where(Task.instance_id.in_(ids), Task.status == TaskStatus.OPEN.value)
                             .order_by(Task.due_at.is_(None), Task.due_at)):
        open_tasks[t.instance_id].append(task_info(t, customer.business_id, customer.name))
    return [PathStep(_instance_row(r), children[r[0].id], r[0].aftercare_completed_at,
                     outcome.get(r[0].id, {}), open_tasks[r[0].id]) for r in rows]


def _aftercare_outcomes(session: Session, instance_ids: list[int]) -> dict[int, dict[str, Any]]:
    if not instance_ids:
        return {}
    events = session.execute(
        select(AuditEvent.instance_id, AuditEvent.data)
        .join(Task, Task.id == AuditEvent.task_id)
        .where(AuditEvent.instance_id.in_(instance_ids), AuditEvent.kind == AuditKind.COMPLETE.value,
               Task.is_aftercare.is_(True))
        .order_by(AuditEvent.id)).all()
    out: dict[int, dict[str, Any]] = {}
    for instance_id, data in events:
        if instance_id is not None:
            out[instance_id] = {k: (data or {}).get(k) for k in AFTERCARE_FIELDS if k in (data or {})}
    return out
