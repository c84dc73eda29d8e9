"""Read models for the screens: inboxes, instance lists, the team's load, customers' service paths.

Each query is one or two indexed SELECTs; functions that list things return a `Page` so callers
paginate, and the instance list also yields every matching row for CSV export.

The inbox is the hot path, written for its cost: Core statements returning plain rows (no ORM objects),
the unfiltered ones built once with the user and their groups as parameters, three or four round trips a
page (issue 15). The other screens use the ORM where it reads more clearly.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Select, Table, and_, bindparam, func, literal, literal_column, or_, select, true, union_all
from sqlalchemy.orm import Session

from ..clock import HELSINKI
from ..errors import NotFound
from ..models import (
    AuditEvent,
    AuditKind,
    Customer,
    DefinitionVersion,
    GroupMember,
    Instance,
    InstanceStatus,
    ProcessDefinition,
    Task,
    TaskStatus,
    User,
    customer_key_is,
    prospect_id,
)
from .companysearch import company_match
from .views import TASK_COLUMNS, TaskInfo, task_info, task_info_of_row

T = TypeVar("T")
MAX_PER_PAGE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int
    capped: bool = False              # there are more than `total` (counting stopped there)

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
    counts: dict[str, int]            # mine, group, overdue (of mine + group), under the page's filter
    # rows that stand for several tasks worked as one (a domain's folding, engine.office.calls): the row's
    # task id -> the ids of all the tasks it covers, itself first; the counts still count tasks
    joined: dict[str, list[str]] = field(default_factory=dict)


# `status = 'open'` as a literal, not a bound parameter: only then do SQLite and PostgreSQL (its generic
# plans) use the partial indexes of open tasks (engine.models.Task).
IS_OPEN = Task.status == literal_column("'open'")


@dataclass(frozen=True)
class InboxUser:
    """Whose inbox: the user's name and groups, all an inbox reads of them (one statement, `inbox_user`)."""
    username: str
    group_names: list[str]


def inbox_user(session: Session, username: str) -> InboxUser:
    """The user and their groups in one statement (the ORM's user reads roles and groups in two more)."""
    rows = session.connection().execute(_INBOX_USER, {"username": username.strip().lower()}).all()
    if not rows:
        raise NotFound(f"No user '{username}'.", code="user.not_found", params={"user": username})
    return InboxUser(rows[0].username, sorted({r.group_name for r in rows if r.group_name is not None}))


def _bound_scopes(tab: str, groups: int) -> list[Any]:
    """The inbox's parts, each one index range: the user's own tasks, each group's unclaimed ones; the
    user's name and groups are parameters (`_scope_params`), so the statements are built once."""
    mine = [Task.assignee == bindparam("username")]
    unclaimed = [and_(Task.candidate_group == bindparam(f"group{i}"), Task.assignee.is_(None)) for i in range(groups)]
    return {"mine": mine, "group": unclaimed}.get(tab, mine + unclaimed)


def _scope_params(user: User | InboxUser) -> dict[str, Any]:
    return {"username": user.username, **{f"group{i}": g for i, g in enumerate(sorted(set(user.group_names)))}}


# A search (or the Business ID filter) that matches at most this many companies reads their open tasks
# by company; a term matching more is common enough that the inbox's own ranges find its tasks early.
MAX_MATCHED_CUSTOMERS = 1000


@dataclass
class _TaskFilter:
    where: list[Any]                       # WHERE clauses on tasks
    customer_ids: list[int] | None = None  # the tasks' companies, when few enough to read by company
    nothing: bool = False                  # no company matched: no task can


def _task_filter(session: Session, now: datetime, f: InboxFilter) -> _TaskFilter:
    where: list[Any] = []
    if f.process_key:
        where.append(Task.process_key == f.process_key)
    if f.due == "overdue":
        where.append(Task.due_at < now)
    elif f.due == "week":
        where.append(Task.due_at < end_of_week(now))
    if not (f.business_id or f.q.strip()):
        return _TaskFilter(where)
    companies = select(Customer.id)
    if f.business_id:
        companies = companies.where(customer_key_is(f.business_id))
    if f.q.strip():
        companies = companies.where(_customer_match(session, f.q))
    matched = _matching_companies(session, companies)
    if matched is None:
        return _TaskFilter(where, nothing=True)
    if isinstance(matched, list):
        return _TaskFilter(where, customer_ids=matched)
    return _TaskFilter([*where, Task.customer_id.in_(matched)])


def _matching_companies(session: Session, companies: Select[Any]) -> list[int] | Select[Any] | None:
    """The ids `companies` selects when at most MAX_MATCHED_CUSTOMERS, else the query itself (to use as a
    subquery); None when it selects none."""
    ids = list(session.scalars(companies.limit(MAX_MATCHED_CUSTOMERS + 1)))
    if not ids:
        return None
    return ids if len(ids) <= MAX_MATCHED_CUSTOMERS else companies


_TASK_END = len(TASK_COLUMNS)


def _named_tasks(rows: Iterable[Sequence[Any]], start: int = 0) -> list[tuple[Sequence[Any], str, str]]:
    """(task columns, company key, company name) of rows holding, from `start`, the tasks table's columns
    and then `_NAME_COLUMNS` (by position: see views.task_info_of_row)."""
    end = start + _TASK_END
    return [(r[start:end], r[end] or "", r[end + 1] or "") for r in rows]


def _rows_statement(scopes: list[Any], where: list[Any]) -> Any:
    """Rows `first`..`first+count` of the inbox order over all scopes, with their companies' names, in one
    statement: per scope the first `wanted` (first+count) entries of its index range with a due date and of
    those without (ids and sort keys only, from the index), merged and cut to the page by the database;
    then only the page's task and company rows. (Each part is limited before any join, so no planner with
    stale statistics sorts a whole range, and the rows the page does not show are never read or sent.)"""
    parts = []
    for scope in scopes:
        ranged = select(Task.id, Task.due_at, Task.created_at).where(IS_OPEN, scope, *where)
        parts.append(ranged.where(Task.due_at.is_not(None)).order_by(Task.due_at, Task.created_at, Task.id)
                     .limit(bindparam("wanted")).subquery().select())
        parts.append(ranged.where(Task.due_at.is_(None)).order_by(Task.due_at, Task.created_at, Task.id)
                     .limit(bindparam("wanted")).subquery().select())  # (due_at: the index's order, for PostgreSQL)
    found = union_all(*parts).subquery("found")
    page = (select(found.c.id.label("page_id"), found.c.due_at, found.c.created_at)
            .order_by(found.c.due_at.is_(None), found.c.due_at, found.c.created_at, found.c.id)
            .limit(bindparam("count")).offset(bindparam("first")).subquery("page"))
    return select(*_task_table.columns, *_NAME_COLUMNS).select_from(_page_tasks(page)).order_by(*_page_order(page))


def _counts_statement(scopes: list[Any], where: list[Any]) -> Any:
    """Open tasks of the user and unclaimed ones of the groups, and the overdue of both, under the page's
    filter (a tab never promises tasks it then hides): a count per scope, each on its own index range
    (index-only without a filter), all in one UNION ALL statement; `scopes` the user's own first."""
    parts = [select(literal(i).label("scope"), func.count().label("total"),
                    func.count().filter(Task.due_at < bindparam("now")).label("overdue")).where(IS_OPEN, scope, *where)
             for i, scope in enumerate(scopes)]
    return union_all(*parts) if len(parts) > 1 else parts[0]


@functools.lru_cache(maxsize=64)
def _unfiltered_statements(tab: str, groups: int) -> tuple[Any, Any]:
    """The counts and rows statements of an unfiltered inbox, built once per tab and number of groups
    (building and keying them cost a page at size more than its reads of the database)."""
    return (_counts_statement(_bound_scopes("all", groups), []),
            _rows_statement(_bound_scopes(tab, groups), []) if tab != "group" or groups else None)


def _inbox_of_ranges(session: Session, user: User | InboxUser, now: datetime, tab: str, where: list[Any],
                     first: int, count: int) -> tuple[list[Any], dict[str, int]]:
    """The page and the tabs' counts from the scopes' own index ranges: two statements."""
    groups = len(set(user.group_names))
    if where:
        rows_scopes = _bound_scopes(tab, groups)
        statements = (_counts_statement(_bound_scopes("all", groups), where),
                      _rows_statement(rows_scopes, where) if rows_scopes else None)
    else:
        statements = _unfiltered_statements(tab, groups)
    params = _scope_params(user)
    connection = session.connection()
    counts = {"mine": 0, "group": 0, "overdue": 0}
    for row in connection.execute(statements[0], {**params, "now": now}):
        counts["mine" if row.scope == 0 else "group"] += row.total
        counts["overdue"] += row.overdue
    if statements[1] is None:
        return [], counts
    rows = connection.execute(statements[1], {**params, "wanted": first + count, "count": count, "first": first})
    return _named_tasks(rows), counts


_NAME_COLUMNS = (Customer.key.label("customer_key"), Customer.name.label("customer_name"))


def _page_tasks(page: Any) -> Any:
    """The page's ids joined to their tasks and those tasks' companies (primary-key lookups)."""
    return (page.join(_task_table, _task_table.c.id == page.c.page_id)
            .outerjoin(Customer, Customer.id == _task_table.c.customer_id))


def _page_order(page: Any) -> tuple[Any, ...]:
    return page.c.due_at.is_(None), page.c.due_at, page.c.created_at, page.c.page_id


def _customer_scopes() -> tuple[Any, Any]:
    """The user's own tasks and their groups' unclaimed ones (parameters `username` and `groups`), written so
    that no index can serve them (coalesce): a search reads the matched companies' tasks through the
    company index alone, else a planner misled by its statistics scans a whole group's range checking
    each task's company."""
    assignee, group = func.coalesce(Task.assignee, ""), func.coalesce(Task.candidate_group, "")
    return (assignee == bindparam("username"),
            and_(assignee == "", group.in_(bindparam("groups", expanding=True))))


def _customers_statement(tab: str, where: list[Any]) -> Any:
    """The page and the tabs' counts when the filter names few companies (`customer_ids`), in one statement:
    the companies' open tasks in the user's scopes read once, through the company index alone (its columns
    hold what the scopes and the order read), counted per tab, and the page's ids sorted from the same
    entries; then only those tasks' rows. (Two statements read the same entries twice, and sorting whole
    rows read a thousand heap pages for a common term.)"""
    mine, groups = _customer_scopes()
    matched = (select(Task.id, Task.due_at, Task.created_at, mine.label("mine"), groups.label("grp"))
               .where(IS_OPEN, Task.customer_id.in_(bindparam("customer_ids", expanding=True)), or_(mine, groups),
                      *where)
               .cte("matched"))
    counts = select(func.count().filter(matched.c.mine).label("n_mine"),
                    func.count().filter(matched.c.grp).label("n_group"),
                    func.count().filter(matched.c.due_at < bindparam("now")).label("n_overdue")).subquery("counts")
    shown = {"mine": [matched.c.mine], "group": [matched.c.grp]}.get(tab, [])
    page = (select(matched.c.id.label("page_id"), matched.c.due_at, matched.c.created_at).where(*shown)
            .order_by(matched.c.due_at.is_(None), matched.c.due_at, matched.c.created_at, matched.c.id)
            .limit(bindparam("count")).offset(bindparam("first")).subquery("page"))
    return (select(counts, *_task_table.columns, *_NAME_COLUMNS)   # the counts' row, beside each row of the page
            .select_from(counts.outerjoin(_page_tasks(page), true())).order_by(*_page_order(page)))


@functools.lru_cache(maxsize=8)
def _unfiltered_customers_statement(tab: str) -> Any:
    return _customers_statement(tab, [])     # built once per tab (see _unfiltered_statements)


def _inbox_of_customers(session: Session, user: User | InboxUser, tab: str, now: datetime, flt: _TaskFilter,
                        first: int, count: int) -> tuple[list[Any], dict[str, int]]:
    statement = _customers_statement(tab, flt.where) if flt.where else _unfiltered_customers_statement(tab)
    rows = session.connection().execute(statement, {
        "username": user.username, "groups": sorted(set(user.group_names)), "customer_ids": flt.customer_ids or [],
        "now": now, "count": count, "first": first}).all()
    found = {"mine": rows[0].n_mine, "group": rows[0].n_group, "overdue": rows[0].n_overdue}
    # the counts' three columns come first, then the task's and the names (none when the page is empty)
    return _named_tasks((r for r in rows if r[3] is not None), start=3), found


def inbox(session: Session, user: User | InboxUser, now: datetime, f: InboxFilter) -> InboxPage:
    """A page of the inbox and the tabs' counts. The counts are read once, for the filter the page shows
    (a tab never promises tasks it then hides), and the page's total is its tab's count: a filtered page
    reads no unfiltered counts it would throw away."""
    page, per_page = _page_args(f.page, f.per_page)
    first = (page - 1) * per_page
    flt = _task_filter(session, now, f)
    if flt.nothing:
        return InboxPage(Page([], 0, page, per_page), {"mine": 0, "group": 0, "overdue": 0})
    if flt.customer_ids is not None:
        rows, counts = _inbox_of_customers(session, user, f.tab, now, flt, first, per_page)
    else:
        rows, counts = _inbox_of_ranges(session, user, now, f.tab, flt.where, first, per_page)
    total = {"mine": counts["mine"], "group": counts["group"]}.get(f.tab, counts["mine"] + counts["group"])
    return InboxPage(Page([task_info_of_row(t, bid, name) for t, bid, name in rows], total, page, per_page),
                     counts)


_task_table = cast(Table, Task.__table__)
_INBOX_USER = (select(User.username, GroupMember.group_name)
               .outerjoin(GroupMember, GroupMember.user_id == User.id)
               .where(User.username == bindparam("username")))


def inbox_tasks(session: Session, username: str, limit: int, offset: int = 0) -> list[TaskInfo]:
    """The user's inbox (own tasks and the groups' unclaimed ones) in inbox order, for the API: the user and
    their groups in one statement, then the inbox page's own rows statement (its "all" tab, plain rows)."""
    user = inbox_user(session, username)
    first, count = max(0, offset), max(0, limit)
    if count == 0:
        return []
    statement = _unfiltered_statements("all", len(user.group_names))[1]
    rows = session.connection().execute(statement, {**_scope_params(user), "wanted": first + count,
                                                    "count": count, "first": first})
    return [task_info_of_row(t, bid, name) for t, bid, name in _named_tasks(rows)]


def _customer_match(session: Session, q: str) -> Any:
    match = company_match(session.get_bind().dialect.name, q)
    card = prospect_id(q.strip())       # a card without a Business ID is found by its key "H-<id>"
    return or_(match, Customer.id == card) if card is not None else match


# --- processes one can start ---------------------------------------------------------------------

@dataclass(frozen=True)
class ProcessInfo:
    process_key: str
    name: str
    version: int
    deployed_at: datetime
    deployed_by: str
    startable: bool
    accepts_prospects: bool = False     # may start for a card without a Business ID (issue 18)


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
                        v.has_plain_start and not v.callable_only, v.accepts_prospects) for v, key in rows]


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


def _instance_filters(session: Session, f: InstanceFilter, now: datetime) -> list[Any] | None:
    """WHERE clauses on instances (and their version) for the filter; None when nothing can match."""
    where: list[Any] = []
    if f.process_key:
        where.append(Instance.process_key == f.process_key)
    if f.version is not None:
        where.append(DefinitionVersion.version == f.version)
    if f.status:
        where.append(Instance.status == f.status)
    if f.in_error:
        where.append(Instance.status == InstanceStatus.ERROR.value)
    if f.responsible:
        where.append(Instance.responsible == f.responsible)
    if f.customer.strip():
        matched = _matching_companies(session, select(Customer.id).where(_customer_match(session, f.customer)))
        if matched is None:
            return None
        where.append(Instance.customer_id.in_(matched))
    if f.started_from:
        where.append(Instance.started_at >= _local_midnight(f.started_from))
    if f.started_to:
        where.append(Instance.started_at < _local_midnight(f.started_to + timedelta(days=1)))
    if f.overdue_aftercare:
        late = select(Task.instance_id).where(IS_OPEN, Task.is_aftercare.is_(True),
                                              Task.due_at < now)
        where.append(Instance.id.in_(late))
    return where


def _instance_order(f: InstanceFilter) -> list[Any]:
    column = SORTS.get(f.sort, Instance.started_at)
    return [column.desc() if f.descending else column.asc(), Instance.id.desc()]


def _matching_ids(where: list[Any], f: InstanceFilter) -> Select[Any]:
    """Ids of the matching instances, joined only to what the filter (a version) needs."""
    ids = select(Instance.id).where(*where)
    if f.version is not None:
        ids = ids.join(DefinitionVersion, DefinitionVersion.id == Instance.definition_version_id)
    return ids


def _instances_query(where: list[Any], f: InstanceFilter) -> Select[Any]:
    # The list's columns only: the instance entity would bring its state (large) and eager relations.
    return (select(Instance.id, Instance.process_key, DefinitionVersion.name, DefinitionVersion.version,
                   Instance.status, Customer.key, Customer.name, Instance.responsible, Instance.started_at,
                   Instance.ended_at, Instance.parent_id, Instance.error_message)
            .join(Customer, Customer.id == Instance.customer_id)
            .join(DefinitionVersion, DefinitionVersion.id == Instance.definition_version_id)
            .where(*where)
            .order_by(*_instance_order(f)))


# The instance list counts matches up to this many: an exact count of a million rows costs more
# than the page itself, and nobody pages that far; they narrow the filter.
COUNT_CAP = 10_000


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), HELSINKI)


def _instance_row(row: Any) -> InstanceRow:
    inst, bid, cname, version, pname = row
    return InstanceRow(inst.id, inst.process_key, pname, version, inst.status, bid, cname, inst.responsible,
                       inst.started_at, inst.ended_at, inst.parent_id, inst.error_message)


def instances(session: Session, now: datetime, f: InstanceFilter) -> Page[InstanceRow]:
    page, per_page = _page_args(f.page, f.per_page)
    where = _instance_filters(session, f, now)
    if where is None:
        return Page([], 0, page, per_page)
    rows = _instances_page(session, where, f, per_page, (page - 1) * per_page)
    if rows and len(rows) < per_page or page == 1 and not rows:
        total, capped = (page - 1) * per_page + len(rows), False     # the last page: its end is the count
    else:
        counted = session.scalar(select(func.count()).select_from(
            _matching_ids(where, f).limit(COUNT_CAP + 1).subquery())) or 0
        total, capped = min(counted, COUNT_CAP), counted > COUNT_CAP
    return Page([InstanceRow(*r) for r in rows], total, page, per_page, capped)


def _instances_page(session: Session, where: list[Any], f: InstanceFilter, limit: int, offset: int) -> list[Any]:
    """The page's ids first, from the instance table (and only the joins the filter or sort need), then
    their columns: the sort carries narrow rows, often straight from an index (a company search may
    match tens of thousands of instances)."""
    ids = _matching_ids(where, f)
    if f.sort == "customer":
        ids = ids.join(Customer, Customer.id == Instance.customer_id)
    page = list(session.scalars(ids.order_by(*_instance_order(f)).limit(limit).offset(offset)))
    return list(session.execute(_instances_query([Instance.id.in_(page)], f)).all()) if page else []


def all_instances(session: Session, now: datetime, f: InstanceFilter, chunk: int = 1000) -> Iterator[InstanceRow]:
    """Every matching row, streamed in chunks (for CSV export)."""
    where = _instance_filters(session, f, now)
    if where is None:
        return
    for row in session.execute(_instances_query(where, f).execution_options(yield_per=chunk)):
        yield InstanceRow(*row)


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
        select(Instance, Customer.key, Customer.name, DefinitionVersion.version, DefinitionVersion.name)
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
        open_tasks[t.instance_id].append(task_info(t, customer.key, customer.name))
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
