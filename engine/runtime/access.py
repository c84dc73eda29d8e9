"""Who may read which task and instance: the one rule the pages and the API both ask.

Managers (and admins) read everything. An expert reads a task they hold or held, a task of one of
their groups (its lane: colleagues cover for each other, so a claimed one too), and any task of an
instance they are responsible for; an instance, when they are responsible for it or may read one of
its tasks, or when they work for its customer (responsible for another of its services, or holding,
having held or sharing by group one of its tasks): the customer is not asked twice, so the expert of
the next service reads what the earlier ones recorded. Anyone else (a process owner without the expert
role, a deactivated user) reads none. Acting (claim, complete, hand over) has its own rules in
engine.runtime.tasks and .instances; reading comes first for every one of them.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from ..errors import NotFound, PermissionDenied
from ..models import Instance, Role, Task, User


def is_manager(user: User) -> bool:
    return user.active and bool({Role.MANAGER.value, Role.ADMIN.value} & set(user.role_names))


def is_expert(user: User) -> bool:
    return user.active and Role.EXPERT.value in user.role_names


def _visible_task(user: User) -> ColumnElement[bool]:
    return or_(Task.assignee == user.username, Task.completed_by == user.username,
               Task.candidate_group.in_(user.group_names))


def may_read_instance(session: Session, user: User, instance: Instance) -> bool:
    if is_manager(user):
        return True
    if not is_expert(user):
        return False
    if instance.responsible == user.username:
        return True
    found = session.scalars(select(Task.id).where(Task.instance_id == instance.id, _visible_task(user))
                            .limit(1)).first()
    return found is not None or works_for_customer(session, user, instance.customer_id)


def works_for_customer(session: Session, user: User, customer_id: int) -> bool:
    if session.scalars(select(Instance.id).where(Instance.customer_id == customer_id,
                                                 Instance.responsible == user.username).limit(1)).first():
        return True
    return session.scalars(select(Task.id).where(Task.customer_id == customer_id, _visible_task(user))
                           .limit(1)).first() is not None


def may_read_task(session: Session, user: User, task: Task) -> bool:
    if is_manager(user):
        return True
    if not is_expert(user):
        return False
    if task.assignee == user.username or task.completed_by == user.username:
        return True
    if task.candidate_group is not None and task.candidate_group in user.group_names:
        return True
    return session.scalar(select(Instance.responsible).where(Instance.id == task.instance_id)) == user.username


def require_instance(session: Session, user: User, instance: Instance) -> None:
    if not may_read_instance(session, user, instance):
        raise PermissionDenied(f"{user.username} may not see instance {instance.id}: it is neither theirs "
                               "nor their group's.", code="access.instance",
                               params={"user": user.username, "instance": instance.id})


def require_task(session: Session, user: User, task: Task) -> None:
    if not may_read_task(session, user, task):
        raise PermissionDenied(f"{user.username} may not see task '{task.name}': it is neither theirs nor "
                               "their group's.", code="access.task",
                               params={"user": user.username, "task": task.name, "process": task.process_key,
                                       "element": task.element_id})


def check_instance(session: Session, username: str, instance_id: int) -> None:
    """NotFound for an instance that does not exist, PermissionDenied for one the user may not see."""
    row = session.get(Instance, instance_id) if 0 < instance_id < 2**31 else None   # ids are 32-bit on PostgreSQL
    if row is None:
        raise NotFound(f"Instance {instance_id} does not exist.",
                       code="instance.not_found", params={"instance": instance_id})
    require_instance(session, _user(session, username), row)


def check_task(session: Session, username: str, task: Task) -> None:
    require_task(session, _user(session, username), task)


def _user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(f"No user '{username}'.", code="user.not_found", params={"user": username})
    return user
