"""The experts' side: inboxes, claiming, completing and handing over tasks."""

from __future__ import annotations

from typing import Any, cast

from SpiffWorkflow.bpmn.exceptions import WorkflowDataException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..db import OPTIMISTIC
from ..errors import NotFound, PermissionDenied, StaleStateError, TaskNotOpen, ValidationError
from ..models import (
    AuditKind,
    Customer,
    DefinitionVersion,
    GroupMember,
    Instance,
    Role,
    Task,
    TaskStatus,
    User,
)
from . import audit, documentation, forms, texts
from .bpmn.languages import DEFAULT_LANGUAGE
from .execution import (
    Loaded,
    Runtime,
    attach,
    close_task,
    load,
    loaded_from,
    persist,
    run_steps,
    spiff_task,
    task_spec_for,
)
from .forms import form_of
from .instances import Worker, active_expert, active_user, queue_messages, worker
from .users import active_users
from .views import TaskInfo, task_info


def get_task(session: Session, task_id: str) -> Task:
    task = session.get(Task, task_id) if isinstance(task_id, str) and len(task_id) <= 36 else None
    if task is None:
        raise NotFound(f"Task '{task_id}' does not exist.", code="task.not_found", params={"id": str(task_id)[:40]})
    return task


def _names(task: Task) -> dict[str, str]:
    """An error's parameters naming a task: its stored name, and what an interface needs to name it in the
    reader's language (the process and element)."""
    return {"task": task.name, "process": task.process_key, "element": task.element_id}


def _require_open(task: Task) -> None:
    if task.status != TaskStatus.OPEN:
        by = f" by {task.completed_by}" if task.completed_by else ""
        raise TaskNotOpen(f"Task '{task.name}' is already {task.status}{by}; reload to see its current state.",
                          code="task.not_open_by" if by else "task.not_open",
                          params={**_names(task), "status": task.status, "user": task.completed_by or ""})


def may_work_on(user: Worker, task: Task) -> bool:
    if task.assignee is not None:
        return task.assignee == user.username
    return task.candidate_group in user.groups


_tasks = cast(Table, Task.__table__)
_members = cast(Table, GroupMember.__table__)
_users = cast(Table, User.__table__)
# A claim at its floor: one statement that checks what a claim needs (the task open and unclaimed, the user
# active and in its group) in its WHERE clause and returns the row. Of two racing claims exactly one matches.
# The groups of the active user `:username` (a claim's and a completion's check of the user).
_user_groups = (select(_members.c.group_name).join(_users, _users.c.id == _members.c.user_id)
                .where(_users.c.username == bindparam("username"), _users.c.active.is_(True)))
_CLAIM = (update(_tasks)
          .where(_tasks.c.id == bindparam("task_id"), _tasks.c.status == TaskStatus.OPEN.value,
                 _tasks.c.assignee.is_(None), _tasks.c.candidate_group.in_(_user_groups.scalar_subquery()))
          .values(assignee=bindparam("username"), claimed_at=bindparam("now"))
          .returning(*_tasks.columns))


def claim(rt: Runtime, session: Session, task_id: str, username: str) -> TaskInfo:
    """Take a group's task: one UPDATE that checks and claims, and its audit row; only a claim that does not
    match (an inactive user, a task claimed, closed or of another group, or one's own) reads the task to
    answer why (or, for one's own task, to return it unchanged)."""
    now = rt.clock()
    if isinstance(task_id, str) and len(task_id) <= 36:
        claimed = session.connection().execute(_CLAIM, {"task_id": task_id, "username": username,
                                                        "now": now}).first()
        if claimed is not None:
            audit.insert_many(session, [audit.row(now, username, AuditKind.CLAIM, instance_id=claimed.instance_id,
                                                  task_id=claimed.id, element_id=claimed.element_id,
                                                  message=f"{username} claimed '{claimed.name}'.")])
            return task_info(claimed)
    user = worker(session, username)
    task = get_task(session, task_id)
    _require_open(task)
    if task.assignee == user.username:
        return task_info(task)
    if task.assignee is not None:
        raise TaskNotOpen(f"Task '{task.name}' is already claimed by {task.assignee}.", code="task.claimed",
                          params={**_names(task), "user": task.assignee})
    if task.candidate_group not in user.groups:
        raise PermissionDenied(f"{user.username} is not in group '{task.candidate_group}' of task '{task.name}'.",
                               code="task.not_in_group",
                               params={**_names(task), "user": user.username, "group": task.candidate_group})
    # Every check passes now but the UPDATE matched nothing: the row changed in between.
    raise TaskNotOpen(f"Task '{task.name}' was claimed or completed by someone else just now; reload.",
                      code="task.raced", params=_names(task))


def unclaim(rt: Runtime, session: Session, task_id: str, username: str) -> Task:
    task = get_task(session, task_id)
    _require_open(task)
    if task.assignee != username:
        raise PermissionDenied(f"Only {task.assignee or 'the assignee'} can give task '{task.name}' back.",
                               code="task.only_assignee_returns", params={**_names(task), "user": task.assignee or ""})
    if task.candidate_group is None:
        raise ValidationError(f"Task '{task.name}' belongs to the responsible expert and has no group to return to.",
                              code="task.no_group", params=_names(task))
    task.assignee, task.claimed_at = None, None
    audit.record(session, rt.clock(), username, AuditKind.UNCLAIM, instance_id=task.instance_id, task_id=task.id,
                 element_id=task.element_id, message=f"{username} gave '{task.name}' back to {task.candidate_group}.")
    return task


def assign(rt: Runtime, session: Session, task_id: str, to_user: str, actor: str, note: str = "") -> Task:
    """Hand a task over to another user (by its assignee, or by a manager)."""
    task = get_task(session, task_id)
    _require_open(task)
    actor_user = active_user(session, actor)
    target = active_expert(session, to_user, f"assignee of task '{task.name}'")
    is_manager = _hands_over_anywhere(actor_user)
    if not is_manager and task.assignee != actor_user.username:
        raise PermissionDenied(f"Only the assignee or a manager can hand over task '{task.name}'.",
                               code="task.only_assignee_hands_over", params=_names(task))
    if not is_manager and not note.strip():
        raise ValidationError("Write a note that the customer was told who takes over.", code="task.note_needed")
    # Outside the task's group: only a manager's explicit hand-over, and its audit row says so; an expert
    # is refused with a sentence.
    outside = _outside_group(task, target, _responsible(session, task))
    if outside and not is_manager:
        raise ValidationError(f"{target.username} cannot take task '{task.name}': it belongs to group "
                              f"'{task.candidate_group}', which they are not in. Hand it to a member of the "
                              "group, or ask a manager.", code="task.outside_group",
                              params={"user": target.username, "task": task.name, "group": task.candidate_group})
    previous = task.assignee
    task.assignee, task.claimed_at = target.username, rt.clock()
    exception = f" Outside group '{task.candidate_group}', by a manager." if outside else ""
    data: dict[str, Any] = {"from": previous, "to": target.username}
    if outside:
        data["outside_group"] = task.candidate_group
    audit.record(session, rt.clock(), actor, AuditKind.ASSIGN, instance_id=task.instance_id, task_id=task.id,
                 element_id=task.element_id, message=f"'{task.name}' handed from {previous or 'the group'} to "
                 f"{target.username}.{exception} {note.strip()}".strip(), data=data)
    return task


def _responsible(session: Session, task: Task) -> str | None:
    return session.scalar(select(Instance.responsible).where(Instance.id == task.instance_id))


def _hands_over_anywhere(user: User) -> bool:
    return bool({Role.MANAGER, Role.ADMIN} & set(user.role_names))


def _outside_group(task: Task, target: User, responsible: str | None) -> bool:
    """Whether `target` is outside the task's group: not a member, and not the service's responsible expert
    (whose tasks they are)."""
    return (task.candidate_group is not None and task.candidate_group not in target.group_names
            and target.username != responsible)


def hand_over_candidates(session: Session, task_id: str, actor: str) -> list[User]:
    """Whom `actor` may hand the task to, by the rule `assign` enforces: the active experts but the actor;
    an expert only the group's members and the responsible expert, a manager anyone."""
    task = get_task(session, task_id)
    actor_user = active_user(session, actor)
    anywhere, responsible = _hands_over_anywhere(actor_user), _responsible(session, task)
    return [u for u in active_users(session, Role.EXPERT.value)
            if u.username != actor_user.username and (anywhere or not _outside_group(task, u, responsible))]


_instances = cast(Table, Instance.__table__)
_customers = cast(Table, Customer.__table__)
_versions = cast(Table, DefinitionVersion.__table__)
_children = _instances.alias("children")
# What a completion reads, in one statement: the task, its instance, the customer and the version's
# number, whether the user may complete the task (active; its assignee, or in the group of an unclaimed
# one), and whether the instance has children (the answer lists them). A completion refused reads again
# to say why.
_STEP_READ = (select(*_tasks.columns, *_instances.columns, *_customers.columns, _versions.c.version,
                     (_tasks.c.status == TaskStatus.OPEN.value)
                     & ((_tasks.c.assignee == bindparam("username"))
                        | (_tasks.c.assignee.is_(None) & _tasks.c.candidate_group.in_(_user_groups.scalar_subquery())))
                     & select(_users.c.id).where(_users.c.username == bindparam("username"),
                                                 _users.c.active.is_(True)).exists(),
                     select(_children.c.id).where(_children.c.parent_id == _instances.c.id).exists())
              .select_from(_tasks.join(_instances, _instances.c.id == _tasks.c.instance_id)
                           .join(_customers, _customers.c.id == _instances.c.customer_id)
                           .join(_versions, _versions.c.id == _instances.c.definition_version_id))
              .where(_tasks.c.id == bindparam("task_id")))
_SPANS = tuple(len(t.columns) for t in (_tasks, _instances, _customers))


def _step_read(rt: Runtime, session: Session, task_id: str, username: str) -> tuple[Task, Loaded] | None:
    """The task and its instance loaded for a completion by `username`, read in one Core statement; None
    when the user may not complete it (`complete` then reads again to say why), or when the instance must be read
    with its row lock (a locking transaction on PostgreSQL)."""
    if rt.lock_rows and not session.info.get(OPTIMISTIC) or not isinstance(task_id, str) or len(task_id) > 36:
        return None
    found = session.connection().execute(_STEP_READ, {"task_id": task_id, "username": username}).first()
    if found is None or not found[-2]:
        return None
    task_end, instance_end = _SPANS[0], _SPANS[0] + _SPANS[1]
    customer = attach(session, Customer, dict(zip(_customers.columns.keys(), found[instance_end:-3], strict=True)))
    row = attach(session, Instance, dict(zip(_instances.columns.keys(), found[task_end:instance_end], strict=True)))
    if "customer" not in row.__dict__:
        set_committed_value(row, "customer", customer)
    task = attach(session, Task, dict(zip(_tasks.columns.keys(), found[:task_end], strict=True)))
    loaded = loaded_from(rt, row, version=found[-3])
    if not found[-1]:
        loaded.children = []
    return task, loaded


def complete(rt: Runtime, session: Session, task_id: str, username: str, data: dict[str, Any] | None,
             expected_version: int | None = None) -> Loaded:
    """Validate the form, complete the task, run to the next wait state; all or nothing."""
    read = _step_read(rt, session, task_id, username)
    if read is None:
        user = worker(session, username)
        task = get_task(session, task_id)
        _require_open(task)
        if not may_work_on(user, task):
            owner = task.assignee or f"group '{task.candidate_group}'"
            raise PermissionDenied(f"Task '{task.name}' belongs to {owner}, not to {user.username}.",
                                   code="task.not_yours",
                                   params={**_names(task), "owner": owner, "user": user.username})
        read = task, load(rt, session, task.instance_id)
    task, loaded = read
    row = loaded.row
    if expected_version is not None and expected_version != row.lock_version:
        raise StaleStateError(f"Instance {row.id} changed since you loaded it (version {expected_version}, now "
                              f"{row.lock_version}); reload the task and try again.", code="task.stale",
                              params={"instance": row.id})
    target = spiff_task(loaded, task_id)
    if target is None or target.state != TaskState.READY:
        raise TaskNotOpen(f"Task '{task.name}' is no longer waiting for input; reload.", code="task.not_waiting",
                          params=_names(task))
    if not isinstance(data, dict | None):
        raise ValidationError("Form data must be an object of field values.", code="task.data_not_object")
    cleaned = forms.validate(forms.form_of(target.task_spec), data or {}, target.data)
    target.data.update(cleaned)
    try:
        target.run()
    except WorkflowDataException as exc:   # issue 20: a data output of the task has no value to take
        reason = " ".join(str(exc).split()).rstrip(". ")
        raise ValidationError(f"Task '{task.name}' cannot be completed: {reason}. Submit the missing value with "
                              "the task, or ask the process owner to fix the model's data associations.",
                              code="task.missing_output", params={**_names(task), "detail": reason}) from exc
    now = rt.clock()
    close_task(loaded, task, TaskStatus.COMPLETED, now, username, task.assignee or username)
    if task.is_aftercare:
        row.aftercare_completed_at = now
    loaded.audit.append(audit.row(now, username, AuditKind.COMPLETE, instance_id=row.id, task_id=task.id,
                                  element_id=task.element_id, message=f"{username} completed '{task.name}'.",
                                  data=cleaned))
    run_steps(rt, session, loaded, username)
    persist(rt, session, loaded)
    queue_messages(rt, session, [loaded])   # delivered once this transaction commits (engine.runtime.delivery)
    return loaded


def task_view(rt: Runtime, session: Session, task_id: str, lang: str = DEFAULT_LANGUAGE) -> TaskInfo:
    """A task with its form and its documentation rendered for this customer, in `lang` where the
    model has that language's texts (Finnish where not)."""
    row = get_task(session, task_id)
    customer = session.get(Customer, row.customer_id)
    instance = session.get(Instance, row.instance_id)
    spec = task_spec_for(rt, instance.definition_version, row.element_id) if instance else None
    form = form_of(spec).as_list() if spec is not None else []
    bid, name = (customer.key, customer.name) if customer else ("", "")
    doc = (getattr(spec, "documentation", None) or "") if spec is not None else ""
    model = texts.version_texts(session, instance.definition_version_id) if instance else None
    if model is not None and lang != DEFAULT_LANGUAGE:
        doc = model.documentation(row.element_id, lang) or doc
    doc = documentation.render(doc, {"asiakas": bid, "asiakas_nimi": name, "tehtava": row.name,
                                     "vastuuasiantuntija": instance.responsible if instance else ""})
    info = task_info(row, bid, name, form, doc)
    return texts.localize_task(info, model, lang) if model is not None else info
