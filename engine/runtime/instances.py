"""Starting instances, messages between them, and the manager's actions on them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast
from uuid import uuid4

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.specs.control import BpmnStartTask, StartEventSplit
from SpiffWorkflow.bpmn.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import Table, bindparam, func, insert, inspect, select
from sqlalchemy.orm import Session

from ..errors import NotFound, ProcessError, StaleStateError, ValidationError
from ..models import (
    AuditEvent,
    AuditKind,
    Customer,
    DefinitionVersion,
    GroupMember,
    Instance,
    InstanceStatus,
    MessageWait,
    PendingMessage,
    ProcessDefinition,
    Role,
    Task,
    TaskStatus,
    Timer,
    TimerStatus,
    User,
    UserRole,
    customer_key_is,
    prospect_id,
)
from . import access, audit, datalimits
from .execution import Loaded, Outgoing, Runtime, attach, load, persist, retry_failed, run_steps

MAX_START_DATA_BYTES = 64 * 1024
MAX_MESSAGE_HOPS = 50
DATA_CUSTOMER = "asiakas"
DATA_CUSTOMER_NAME = "asiakas_nimi"
DATA_RESPONSIBLE = "vastuuasiantuntija"


@dataclass(frozen=True)
class StartRequest:
    process_key: str
    customer: str                 # the card's key: a Business ID, or "H-<id>" for a prospect's card
    responsible: str              # username of the responsible expert
    data: dict[str, Any] | None = None
    actor: str = audit.SYSTEM
    parent_id: int | None = None
    message: Outgoing | None = None


# The newest version of a process, its columns but the large deferred ones (source, spec), as a Core
# statement: a start reads it every time, and the ORM's read costs several times more (engine.runtime.execution.attach).
_LATEST = (select(*(p.columns[0] for p in inspect(DefinitionVersion).column_attrs if not p.deferred))
           .join(ProcessDefinition, ProcessDefinition.id == DefinitionVersion.definition_id)
           .where(ProcessDefinition.process_key == bindparam("process_key"))
           .order_by(DefinitionVersion.version.desc()).limit(1))


def latest_version(session: Session, process_key: str) -> DefinitionVersion:
    found = session.connection().execute(_LATEST, {"process_key": process_key}).first()
    version = attach(session, DefinitionVersion, found._asdict()) if found is not None else None
    if version is None:
        known = session.scalars(select(ProcessDefinition.process_key).order_by(ProcessDefinition.process_key))
        raise NotFound(f"No process '{process_key}' is deployed; deployed: {', '.join(known) or 'none'}.",
                       code="process.not_deployed", params={"process": process_key})
    return version


_customer_columns = tuple(cast(Table, Customer.__table__).columns)


def customer_by_key(session: Session, key: str, contacts: bool = True) -> Customer:
    """The card `key` names: a Business ID, or "H-<id>" for a card without one (engine.models.Customer);
    without `contacts`, its contact people are read only if asked for (a start does not need them)."""
    key = key if isinstance(key, str) else ""      # None from a caller: no card, said as such
    if contacts:
        customer = session.scalars(select(Customer).where(customer_key_is(key))).first()
    else:       # a Core read (the start's): the contacts are read if asked for
        found = session.connection().execute(select(*_customer_columns).where(customer_key_is(key))).first()
        customer = attach(session, Customer, found._asdict()) if found is not None else None
    if customer is None and prospect_id(key) is not None:
        raise NotFound(f"There is no customer card {key.strip()}.", code="customer.no_card",
                       params={"key": key.strip()[:40]})
    if customer is None:
        raise NotFound(f"No customer with Business ID '{key}'; add the company first.",
                       code="customer.not_found", params={"business_id": str(key)[:40]})
    return customer


def check_accepts(version: DefinitionVersion, customer: Customer) -> None:
    """A card without a Business ID starts only the processes whose model allows it (deploy.PROSPECTS_PROPERTY)."""
    if customer.business_id is None and not version.accepts_prospects:
        raise ValidationError(f"{customer.name} has no Business ID yet, and process '{version.definition.process_key}' "
                              "needs one: record the company's Business ID on the customer card first.",
                              code="customer.business_id_required",
                              params={"customer": customer.name, "process": version.definition.process_key})


@dataclass(frozen=True)
class Worker:
    """Who acts in a hot-path operation: an active user's name and groups, read in one statement."""
    username: str
    groups: frozenset[str]


_WORKER = (select(User.active, GroupMember.group_name)
           .outerjoin(GroupMember, GroupMember.user_id == User.id)
           .where(User.username == bindparam("username")))


def worker(session: Session, username: str) -> Worker:
    rows = session.execute(_WORKER, {"username": username}).all()
    if not rows or not rows[0].active:
        raise NotFound(f"No active user '{username}'.", code="user.not_active", params={"user": username})
    return Worker(username, frozenset(r.group_name for r in rows if r.group_name is not None))


def active_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        raise NotFound(f"No active user '{username}'.", code="user.not_active", params={"user": username})
    return user


def active_expert(session: Session, username: str, what: str = "responsible expert") -> User:
    """Someone who can open the tasks they are given: an active user with the expert role.

    No group is asked of the responsible expert: their tasks come to them by name (no group, or
    `camunda:assignee` naming them), and whoever holds a task may open it (engine.runtime.access); our
    models' lanes are the organisation's, an ELY expert is the responsible of a TE-lane service
    (yritys_suomi_ohjaus in the demo). A task handed to someone else is checked against its group
    (engine.runtime.tasks.assign)."""
    user = active_user(session, username)
    if not access.is_expert(user):
        raise ValidationError(f"{user.username} cannot be the {what}: only an active expert can open the tasks "
                              "that come with it.", code="user.not_expert", params={"user": user.username})
    return user


_EXPERT = (select(User.active, UserRole.role)
           .outerjoin(UserRole, UserRole.user_id == User.id)
           .where(User.username == bindparam("username")))


def responsible_expert(session: Session, username: str) -> str:
    """`active_expert`'s rule for a start's responsible expert, in one statement (the start's one user read)."""
    rows = session.execute(_EXPERT, {"username": username}).all()
    if not rows or not rows[0].active:
        raise NotFound(f"No active user '{username}'.", code="user.not_active", params={"user": username})
    if Role.EXPERT.value not in {r.role for r in rows}:
        raise ValidationError(f"{username} cannot be the responsible expert: only an active expert can open the "
                              "tasks that come with it.", code="user.not_expert", params={"user": username})
    return username


def check_start_data(data: dict[str, Any] | None) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and k.isidentifier() for k in data):
        raise ValidationError("Start data must be an object whose keys are names like 'kuvaus'.",
                              code="start.not_object")
    if any(k.startswith("_") for k in data):
        raise ValidationError("Start data keys may not start with an underscore.", code="start.underscore")
    datalimits.check(data, "the start data")       # depth, types, finite numbers (issue 14)
    size = len(json.dumps(data))
    if size > MAX_START_DATA_BYTES:
        raise ValidationError(f"Start data is {size} bytes; at most {MAX_START_DATA_BYTES} are accepted.",
                              code="start.too_large", params={"size": size, "max": MAX_START_DATA_BYTES})
    return dict(data)


def start(rt: Runtime, session: Session, req: StartRequest) -> Instance:
    """Start an instance and run it to its first wait state; queue the messages it throws."""
    return begin(rt, session, req).row


def begin(rt: Runtime, session: Session, req: StartRequest) -> Loaded:
    """`start`, answering with the instance as written: its open task rows as `persist` wrote them
    (`Loaded.synced`); `Loaded.sent` counts the messages it queued, delivered after the commit."""
    loaded = _write_started(rt, session, _begin(rt, session, req, responsible_expert(session, req.responsible)))
    queue_messages(rt, session, [loaded])
    return loaded


@dataclass
class _Started:
    """An instance whose first steps have run in memory and which is not written yet."""
    loaded: Loaded
    req: StartRequest
    version: DefinitionVersion
    customer: Customer


def _begin(rt: Runtime, session: Session, req: StartRequest, responsible: str | None = None) -> _Started:
    """Check the request and run the new instance's first steps, writing nothing (`_write_started` writes);
    `responsible` when the caller has checked the responsible expert already (else they are read here)."""
    version = latest_version(session, req.process_key)
    if version.callable_only:
        raise ValidationError(f"Process '{req.process_key}' is only called from other processes; start its caller.",
                              code="process.called_only", params={"process": req.process_key})
    if req.message is None and not version.has_plain_start:
        raise ValidationError(f"Process '{req.process_key}' starts only by message "
                              f"({', '.join(version.start_messages)}).", code="process.message_start_only",
                              params={"process": req.process_key, "messages": ", ".join(version.start_messages)})
    customer = customer_by_key(session, req.customer, contacts=False)
    check_accepts(version, customer)
    responsible = responsible or worker(session, req.responsible).username
    data = check_start_data(req.data)
    data.update({DATA_CUSTOMER: customer.key, DATA_CUSTOMER_NAME: customer.name,
                 DATA_RESPONSIBLE: responsible})
    spec, subprocess_specs = rt.codec.specs(version.id, lambda: version.spec_json)
    workflow = BpmnWorkflow(spec, subprocess_specs, script_engine=rt.script_engine())
    row = Instance(definition_version_id=version.id, process_key=req.process_key, customer_id=customer.id,
                   responsible=responsible, parent_id=req.parent_id,
                   status=InstanceStatus.RUNNING.value, serializer_version=rt.codec.version, state_json="{}",
                   started_at=rt.clock(), started_by=req.actor)
    row.definition_version = version
    loaded = Loaded(row, workflow, ready_before=frozenset())   # a new instance has no task rows
    _enter(workflow, data, req.message)
    with session.no_autoflush:
        run_steps(rt, session, loaded, req.actor)     # before any write: the write lock is not held yet
    return _Started(loaded, req, version, customer)


def _write_started(rt: Runtime, session: Session, started: _Started) -> Loaded:
    loaded, req = started.loaded, started.req
    loaded.row.customer = started.customer           # the answer names it: no read of it again
    loaded.version = started.version.version
    how = f" by message '{req.message.name}'" if req.message else ""
    # Written by `persist`, which inserts the row with its state and gives the event the instance's id.
    loaded.audit.append(audit.row(loaded.row.started_at, req.actor, AuditKind.START, instance_id=None,
                                  message=f"Started {req.process_key} v{started.version.version} for "
                                          f"{started.customer.name}{how}.",
                                  data={"data": req.data or {}, "parent_id": req.parent_id}))
    persist(rt, session, loaded)
    return loaded


def _enter(workflow: BpmnWorkflow, data: dict[str, Any], message: Outgoing | None) -> None:
    first = workflow.get_tasks(state=TaskState.READY)[0]
    first.data.update(data)
    if message is None:
        return
    # Run only the start control tasks, so the start events wait; then take the message start.
    while ready := [t for t in workflow.get_tasks(state=TaskState.READY)
                    if isinstance(t.task_spec, BpmnStartTask | StartEventSplit)]:
        for task in ready:
            task.run()
    for task in workflow.get_tasks(state=TaskState.READY):
        if isinstance(task.task_spec, StartEvent):
            task.cancel()
    workflow.catch(BpmnEvent(MessageEventDefinition(message.name), dict(message.payload)))


# --- messages ----------------------------------------------------------------------------------

PENDING = "palvelupolku.pending"   # session.info key: the chains of messages this transaction queued


def pending_after_commit(session: Session) -> set[str]:
    """The message chains the transaction queued; the engine delivers them once it has committed."""
    return session.info.pop(PENDING, set())


def queue_messages(rt: Runtime, session: Session, senders: list[Loaded], chain: str | None = None) -> None:
    """Write what the senders threw as pending messages, in the senders' own transaction after their
    writes; each is delivered once that transaction commits, in a transaction of its own
    (engine.runtime.delivery), so the receivers' steps never run while the senders' writes hold the lock.

    `chain` names the messages one operation set off (a receiver's messages join the chain of the message
    it received): a chain of more than MAX_MESSAGE_HOPS messages is the models messaging in a loop, and
    what would go beyond it is not sent but recorded on the sender."""
    thrown = [(s, m) for s in senders for m in s.outgoing]
    for s in senders:
        s.sent += len(s.outgoing)
        s.outgoing.clear()
    if not thrown:
        return
    now = rt.clock()
    so_far = 0
    if chain is None:
        chain = str(uuid4())
    else:
        so_far = session.scalar(select(func.count()).select_from(PendingMessage)
                                .where(PendingMessage.chain == chain)) or 0
    rows, events = [], []
    for sender, message in thrown:
        _check_deliverable(session, sender.row, message.name)
        so_far += 1
        if so_far > MAX_MESSAGE_HOPS:
            events.append(audit.row(now, audit.SYSTEM, AuditKind.MESSAGE_UNDELIVERED, instance_id=sender.row.id,
                                    message=f"Message '{message.name}' was not delivered: more than "
                                            f"{MAX_MESSAGE_HOPS} messages in one step; the models probably "
                                            "message in a loop."))
            continue
        payload = rt.codec.convert(message.payload)
        if payload is None:
            events.append(audit.row(now, audit.SYSTEM, AuditKind.MESSAGE_UNDELIVERED, instance_id=sender.row.id,
                                    message=f"Message '{message.name}' was not delivered: its data holds a value "
                                            "that cannot be saved; send text, numbers, true/false, dates, lists or "
                                            "dictionaries."))
            continue
        rows.append({"chain": chain, "name": message.name, "payload": payload,
                     "customer_id": sender.row.customer_id, "responsible": sender.row.responsible,
                     "sender_id": sender.row.id, "actor": audit.SYSTEM, "created_at": now, "attempts": 0})
        events.append(audit.row(now, audit.SYSTEM, AuditKind.MESSAGE_SENT, instance_id=sender.row.id,
                                message=f"Sent message '{message.name}'."))
    if rows:
        session.execute(_QUEUE, rows)
        session.info.setdefault(PENDING, set()).add(chain)
    audit.insert_many(session, events)


_QUEUE = insert(PendingMessage)


def deliver(rt: Runtime, session: Session, message: Outgoing, customer: Customer, responsible: str,
            sender: Instance | None = None, actor: str = audit.SYSTEM) -> list[Loaded]:
    """Deliver one message for `customer`; returns the instances that received it or were started.

    The receivers' steps run before the first write, as every step does (engine.execution): first all
    of them, then their version-checked writes."""
    now = rt.clock()
    source = f"instance {sender.id}" if sender else actor
    waiting = _waiting_receiver(session, customer.id, message.name, sender.id if sender else None)
    if waiting is not None:
        receiver = load(rt, session, waiting)
        receiver.workflow.catch(BpmnEvent(MessageEventDefinition(message.name), dict(message.payload)))
        receiver.audit.append(audit.row(now, actor, AuditKind.MESSAGE_DELIVERED, instance_id=waiting,
                                        message=f"Received message '{message.name}' from {source}.",
                                        data={"message": message.name}))
        with session.no_autoflush:
            run_steps(rt, session, receiver, actor)
        persist(rt, session, receiver)
        return [receiver]
    children = []
    for key in _processes_started_by(session, message.name):
        owner = _chosen_expert(session, message.payload.get(f"{DATA_RESPONSIBLE}_{key}")) or responsible
        req = StartRequest(key, customer.key, owner, data=_payload(message.payload),
                           parent_id=sender.id if sender else None, message=message, actor=actor)
        children.append(_begin(rt, session, req))
    started = []
    for child in children:
        loaded = _write_started(rt, session, child)
        audit.record(session, now, actor, AuditKind.MESSAGE_DELIVERED,
                     instance_id=sender.id if sender else loaded.row.id,
                     message=f"Message '{message.name}' started {child.req.process_key} instance {loaded.row.id}.",
                     data={"child_id": loaded.row.id, "message": message.name})
        started.append(loaded)
    if not started and sender is not None:
        audit.record(session, now, actor, AuditKind.MESSAGE_UNDELIVERED, instance_id=sender.id,
                     message=f"No deployed process and no waiting instance of this customer catches message "
                             f"'{message.name}'.")
    return started


def send_message(rt: Runtime, session: Session, name: str, business_id: str, responsible: str,
                 payload: dict[str, Any] | None, actor: str) -> list[int]:
    """A message from outside (another system, a person): same routing as between instances; what the
    receivers throw is queued like any instance's messages."""
    customer = customer_by_key(session, business_id)
    active_expert(session, responsible)
    receivers = deliver(rt, session, Outgoing(name, check_start_data(payload)), customer, responsible,
                        actor=actor)
    if not receivers:
        raise NotFound(f"Nothing catches message '{name}' for {customer.name}: no waiting instance and no "
                       "process with a message start event for it.", code="message.no_receiver",
                       params={"message": name, "customer": customer.name})
    queue_messages(rt, session, receivers)
    return [r.row.id for r in receivers]


def _chosen_expert(session: Session, username: Any) -> str | None:
    """The expert the sender chose for the started service (`vastuuasiantuntija_<process key>` in the
    message): each service with the expert of its field. None (the sender's expert) when none was chosen
    or the one named cannot take it."""
    if not isinstance(username, str) or not username.strip():
        return None
    try:
        return active_expert(session, username.strip().lower()).username
    except (ValidationError, NotFound):
        return None


def _payload(payload: dict[str, Any]) -> dict[str, Any]:
    # The engine sets these itself for the new instance.
    skip = {DATA_CUSTOMER, DATA_CUSTOMER_NAME, DATA_RESPONSIBLE}
    return {k: v for k, v in payload.items() if k not in skip and isinstance(k, str) and not k.startswith("_")}


def _waiting_receiver(session: Session, customer_id: int, name: str, sender_id: int | None) -> int | None:
    query = (select(MessageWait.instance_id).join(Instance, Instance.id == MessageWait.instance_id)
             .where(MessageWait.message_name == name, Instance.customer_id == customer_id,
                    Instance.status == InstanceStatus.RUNNING.value)
             .order_by(Instance.started_at, Instance.id).limit(1))
    if sender_id is not None:
        query = query.where(Instance.id != sender_id)
    return session.scalars(query).first()


def _processes_started_by(session: Session, name: str) -> list[str]:
    return sorted(v.definition.process_key for v in _versions_started_by(session, name))


def _versions_started_by(session: Session, name: str) -> list[DefinitionVersion]:
    newest = (select(DefinitionVersion.definition_id, func.max(DefinitionVersion.version).label("v"))
              .group_by(DefinitionVersion.definition_id).subquery())
    versions = session.scalars(
        select(DefinitionVersion).join(newest, (newest.c.definition_id == DefinitionVersion.definition_id)
                                       & (newest.c.v == DefinitionVersion.version)))
    return [v for v in versions if name in (v.start_messages or []) and not v.callable_only]


def _check_deliverable(session: Session, sender: Instance, name: str) -> None:
    """Refuse in the sender's own step what delivering would refuse for certain: a message that starts a
    process which does not take this customer's card (no Business ID yet). The step is refused with the
    sentence and nothing is lost (the task stays open until the Business ID is recorded)."""
    if _waiting_receiver(session, sender.customer_id, name, sender.id) is not None:
        return
    for version in _versions_started_by(session, name):
        check_accepts(version, sender.customer)


# --- manager actions ----------------------------------------------------------------------------

def retry(rt: Runtime, session: Session, instance_id: int, actor: str) -> Instance:
    loaded = load(rt, session, instance_id)
    failed = loaded.workflow.get_tasks(state=TaskState.ERROR)
    if loaded.row.status != InstanceStatus.ERROR:
        raise ProcessError(f"Instance {instance_id} is not in error; there is nothing to retry.",
                           code="instance.not_in_error", params={"instance": instance_id})
    loaded.row.status, loaded.row.error_message, loaded.row.error_element = InstanceStatus.RUNNING.value, None, None
    audit.record(session, rt.clock(), actor, AuditKind.RETRY, instance_id=instance_id,
                 element_id=failed[0].task_spec.bpmn_id if failed else None, message="Retried the failed step.")
    retry_failed(loaded, actor)
    if loaded.error is None:
        run_steps(rt, session, loaded, actor)
    persist(rt, session, loaded)
    queue_messages(rt, session, [loaded])
    return loaded.row


def cancel(rt: Runtime, session: Session, instance_id: int, actor: str, reason: str) -> Instance:
    if not reason.strip():
        raise ValidationError("Give a reason for cancelling the instance.", code="instance.cancel_reason")
    loaded = load(rt, session, instance_id)
    row = loaded.row
    if row.status in (InstanceStatus.COMPLETED, InstanceStatus.CANCELLED):
        raise ProcessError(f"Instance {instance_id} has already ended ({row.status}).", code="instance.ended",
                           params={"instance": instance_id, "status": row.status})
    loaded.workflow.cancel()
    now = rt.clock()
    row.status, row.ended_at = InstanceStatus.CANCELLED.value, now
    audit.record(session, now, actor, AuditKind.CANCEL, instance_id=instance_id, message=reason.strip())
    persist(rt, session, loaded)
    for timer in session.scalars(select(Timer).where(Timer.instance_id == instance_id,
                                                     Timer.status == TimerStatus.WAITING.value)):
        timer.status = TimerStatus.CANCELLED.value
    return row


@dataclass(frozen=True)
class HandedOver:
    """A finished hand-over, for whoever follows up on it (the office's reminders)."""
    instance: Instance
    from_user: str
    to_user: str


def hand_over(rt: Runtime, session: Session, instance_id: int, to_user: str, actor: str, note: str,
              expected_version: int | None = None) -> HandedOver:
    """Change the responsible expert: open tasks of the old one and future assignments follow.

    With `expected_version` (the version the manager's page showed) a change made meanwhile by
    someone else refuses the hand-over: two managers handing over at once cannot both win."""
    if not note.strip():
        raise ValidationError("Write a note on how the customer was told about the new responsible expert.",
                              code="instance.handover_note")
    new = active_expert(session, to_user)
    loaded = load(rt, session, instance_id)
    row = loaded.row
    if expected_version is not None and expected_version != row.lock_version:
        last = session.scalars(select(AuditEvent.actor).where(AuditEvent.instance_id == instance_id)
                               .order_by(AuditEvent.id.desc()).limit(1)).first()
        raise StaleStateError(f"Instance {instance_id} was changed by {last or 'someone'} since you loaded it; "
                              "reload the page and check before handing over.", code="instance.stale_handover",
                              params={"instance": instance_id, "user": last or ""})
    if row.status in (InstanceStatus.COMPLETED, InstanceStatus.CANCELLED):
        raise ProcessError(f"Instance {instance_id} has ended; its responsibility cannot be handed over.",
                           code="instance.ended_handover", params={"instance": instance_id})
    if new.username == row.responsible:
        raise ValidationError(f"{new.username} is already the responsible expert.", code="instance.already_responsible",
                              params={"user": new.username})
    old = row.responsible
    for task in loaded.workflow.get_tasks(state=TaskState.NOT_FINISHED_MASK):
        if DATA_RESPONSIBLE in task.data:
            task.data[DATA_RESPONSIBLE] = new.username
    row.responsible = new.username
    for task in session.scalars(select(Task).where(Task.instance_id == instance_id, Task.assignee == old,
                                                   Task.status == TaskStatus.OPEN.value)):
        task.assignee = new.username
    audit.record(session, rt.clock(), actor, AuditKind.HANDOVER, instance_id=instance_id,
                 message=f"Responsibility handed over from {old} to {new.username}. {note.strip()}",
                 data={"from": old, "to": new.username, "note": note.strip()})
    persist(rt, session, loaded)
    return HandedOver(row, old, new.username)

