"""Running instances: load, step, and persist SpiffWorkflow state with its task rows.

Every engine operation loads the instance, changes the workflow, and writes the serialized
state, the task/timer/message rows and the audit events in the caller's one transaction.
`Instance.lock_version` is SQLAlchemy's version column: an UPDATE based on a stale read
matches no row and fails, so a completion computed from old state can never be written.

The operations that run steps use an optimistic transaction (engine.db): they read, run the
steps in memory and serialize the state without holding SQLite's write lock (nor, on
PostgreSQL, the instance's row lock); `persist` makes the first write, the version-checked
UPDATE, and only then are the rows synced. Nothing here writes before the steps have run
(a step's audit events wait in `Loaded.audit`), so the lock is held for the writes alone.

Every run of one operation (all instances it steps) shares one wall-clock budget
(`Runtime.run_budget`): a model that loops or crawls stops in an error a manager sees and can retry,
instead of holding a worker for minutes. The messages a step throws are delivered after its commit,
each in an operation of its own (engine.runtime.delivery).

Which path is which: the step operations (complete, claim, start, timer firing) run on prebuilt Core
statements, not the ORM's reads and unit of work (several times their cost per statement). A completion
reads the task, its instance, customer and version and checks the acting user in one statement
(`engine.runtime.tasks`); a start reads its version and customer by Core and inserts its instance by one
INSERT with its first state (`_insert_instance`). The rows read are joined to the session as if the ORM
had loaded them (`attach`), so the pages' code and later ORM work in the same transaction see them as
usual. The writes: the instance's version-checked UPDATE (`_write_instance`), the completed task's UPDATE
that matches it only while open (`close_task`), the new task and timer rows, the awaited messages, and
all the step's audit events in one INSERT at the end of `persist`. Waiting timers and awaited messages are
read only when the instance waits, or waited, for one (`Loaded.waited_before`), and a completion answers
without the history. The task rows are written as the difference between the ready set the loaded
state had (`Loaded.ready_before`: what the open rows mirror) and the stepped state's, so a step reads
only the rows that stay open, not all of them. A task's or timer's other changes, the manager's actions
and the pages' reads (views, queries) stay on the ORM.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar, cast
from uuid import UUID, uuid5

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.task import Task as SpiffTask
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import Table, bindparam, delete, insert, inspect, select, update
from sqlalchemy.orm import Mapper, Session, joinedload, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from ..clock import Clock
from ..db import OPTIMISTIC
from ..errors import NotFound, ProcessError, ScriptError
from ..models import (
    AuditKind,
    Customer,
    DefinitionVersion,
    Instance,
    InstanceStatus,
    MessageWait,
    Task,
    TaskStatus,
    Timer,
    TimerStatus,
    User,
)
from . import audit, datalimits, prune, treewalk
from .bpmn.parser import (
    ASSIGNEE,
    CANDIDATE_GROUPS,
    DUE_DATE,
    is_iso_datetime,
    is_iso_duration,
    moment,
    timer_due,
)
from .scripting import DEFAULT_TIME_LIMIT, RestrictedScriptEngine
from .services import ServiceRegistry
from .state import StateCodec
from .writes import Writes

log = logging.getLogger(__name__)

treewalk.install()   # no depth limit on SpiffWorkflow's tree walks, and cheaper ones (see the module)

MAX_ENGINE_STEPS = 10_000
# Call activities nested deeper than this are a process calling itself (directly or in a ring): each
# level costs SpiffWorkflow a walk up the whole chain, so without the cap it slows to a hang.
MAX_CALL_DEPTH = 20
RUN_BUDGET_SECONDS = 5.0
DEADLINE = "palvelupolku.deadline"   # session.info key: when the operation's run budget ends (monotonic)


class StepLimitExceeded(ProcessError):
    pass


@dataclass
class Runtime:
    """The collaborators every operation needs; built once by `engine.Engine`."""

    clock: Clock
    codec: StateCodec = field(default_factory=StateCodec)
    max_steps: int = MAX_ENGINE_STEPS
    run_budget: float = RUN_BUDGET_SECONDS   # wall-clock seconds for all steps of one operation
    script_time_limit: float = DEFAULT_TIME_LIMIT
    lock_rows: bool = False        # SELECT ... FOR UPDATE (PostgreSQL); SQLite serializes writers itself
    max_state_chars: int = datalimits.MAX_STATE_CHARS
    # The Camunda layer (issue 20): named Python service handlers, and whether deploy enforces the
    # aftercare rule (off only for embedding and tests; never set by the web app).
    services: ServiceRegistry = field(default_factory=ServiceRegistry.default)
    aftercare: bool = True
    # Cut finished history off the live state at each step (engine.runtime.prune); off only in tests
    # that compare what the pages show with and without it.
    prune: bool = True

    def script_engine(self, clock: Clock | None = None) -> RestrictedScriptEngine:
        return RestrictedScriptEngine(clock=clock or self.clock, time_limit=self.script_time_limit)


@dataclass
class Outgoing:
    """A message thrown by an instance that no task inside it caught."""

    name: str
    payload: dict[str, Any]


@dataclass
class Loaded:
    row: Instance
    workflow: BpmnWorkflow
    outgoing: list[Outgoing] = field(default_factory=list)
    sent: int = 0                    # messages its steps threw that were queued (engine.runtime.instances)
    synced: Synced | None = None     # the rows as the last `persist` left them
    error: tuple[str, str | None] | None = None   # (message, element) of a failed run, audited by `persist`
    error_actor: str = ""
    # The step's audit events (`audit.row`), written by `persist` right after the version-checked UPDATE:
    # through the unit of work an autoflush could write them first, taking SQLite's write lock early.
    audit: list[dict[str, Any]] = field(default_factory=list)
    # Whether the stored rows include waiting timers / awaited messages (they mirror the state as loaded):
    # when neither the loaded nor the stepped state waits for one, `persist` skips reading those rows.
    waited_before: tuple[bool, bool] = (False, False)
    # The ids of the manual tasks ready in the state the stored rows mirror (the open task rows): `persist`
    # writes the task rows as the difference to the stepped state instead of reading every open row. None
    # when not known (a state built elsewhere, a migration's): then the open rows are read.
    ready_before: frozenset[str] | None = None
    # The last states of tasks pruned from the state in this operation (a timer fired, not cancelled).
    pruned: dict[UUID, int] = field(default_factory=dict)
    # The number of the instance's definition version when the read gave it (the answer names it; the
    # row's relationship would cost a read of its own).
    version: int | None = None
    children: list[int] | None = None   # the ids of the instances it started, when the read gave them
    # Task rows the operation closed (a completion): written by `persist` right after the instance's
    # version-checked UPDATE, each by a checked Core UPDATE (`close_task`).
    closed: list[tuple[Task, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Synced:
    """The instance's open task rows, waiting timers and awaited messages right after `persist`."""

    open_tasks: list[Task]
    timers: list[Timer]
    messages: list[str]


KEEP = "palvelupolku.keep"   # session.info key: workflows to keep in the codec once the transaction commits


def keep_after_commit(session: Session) -> list[tuple[int, str, BpmnWorkflow]]:
    """The workflows `persist` wrote in this session; the engine hands them to `StateCodec.keep` after commit."""
    return session.info.pop(KEEP, [])


def load(rt: Runtime, session: Session, instance_id: int, clock: Clock | None = None) -> Loaded:
    """The instance with its workflow, read through the ORM (with the row lock a locking transaction on
    PostgreSQL takes); the step paths read theirs in one Core statement (`attach`, `loaded_from`)."""
    if not 0 < instance_id < 2**31:      # would overflow PostgreSQL's 32-bit id column, so it cannot exist
        raise NotFound(f"Instance {instance_id} does not exist.",
                       code="instance.not_found", params={"instance": instance_id})
    # The customer comes joined (the views show it) but not its contact people.
    query = select(Instance).where(Instance.id == instance_id).options(
        joinedload(Instance.customer).lazyload(Customer.contacts))
    if rt.lock_rows and not session.info.get(OPTIMISTIC):
        query = query.with_for_update(of=Instance)
    row = session.scalars(query).first()
    if row is None:
        raise NotFound(f"Instance {instance_id} does not exist.",
                       code="instance.not_found", params={"instance": instance_id})
    return loaded_from(rt, row, clock)


def loaded_from(rt: Runtime, row: Instance, clock: Clock | None = None, version: int | None = None) -> Loaded:
    """The workflow of an instance row just read: the one kept since this process last wrote it when the
    row still holds that state, else restored from the row's JSON."""
    workflow = rt.codec.take(row.id, row.state_json) if row.serializer_version == rt.codec.version else None
    if workflow is None:
        specs = rt.codec.specs(row.definition_version_id, lambda: row.definition_version.spec_json)
        workflow = rt.codec.load(row.state_json, row.serializer_version, specs)
    workflow.script_engine = rt.script_engine(clock)
    return Loaded(row, workflow, waited_before=_waits(_waiting(workflow)), ready_before=ready_ids(workflow),
                  version=version)


M = TypeVar("M")


def attach(session: Session, cls: type[M], values: Mapping[str, Any]) -> M:
    """The ORM object of a row read by a Core statement, in the session as if the ORM had loaded it:
    clean; its relationships, and any column not in `values` (a deferred one), read on first use. The
    session's own copy when it holds one (with its changes, as an ORM read would keep them).

    An ORM read costs several times a Core one (statement caching, loading, the identity map); the
    step operations read what they need in one Core statement and attach the rows."""
    mapper: Mapper[Any] = inspect(cls)   # type: ignore[assignment]
    existing = session.identity_map.get(mapper.identity_key_from_primary_key(
        tuple(values[str(c.key)] for c in mapper.primary_key)))
    if existing is not None:
        return cast(M, existing)
    obj = mapper.class_manager.new_instance()
    obj.__dict__.update(values)
    make_transient_to_detached(obj)      # the columns not in `values` are expired: read on first use
    session.add(obj)
    return cast(M, obj)


def _waits(waiting: list[SpiffTask]) -> tuple[bool, bool]:
    """(any timer, any message other than a start event) among the waiting catch events."""
    return any(is_timer_wait(t) for t in waiting), any(message_waits(t) for t in waiting)


def event_definitions(spec: Any) -> list[Any]:
    """The event definitions a catch event waits for: several for an event-based gateway or a multiple event."""
    definition = getattr(spec, "event_definition", None)
    if isinstance(definition, MultipleEventDefinition):
        return list(definition.event_definitions)
    return [definition] if definition is not None else []


def is_timer_wait(task: SpiffTask) -> bool:
    return any(isinstance(d, TimerEventDefinition) for d in event_definitions(task.task_spec))


def message_waits(task: SpiffTask) -> list[tuple[str, str]]:
    """(wait row id, message name) for each message a waiting task catches and has not caught yet.

    A task catching one message keeps its own id as the row id; one catching several (an event-based
    gateway) gets an id per message name, derived from the task id so a rewrite finds the same rows."""
    seen = [e.event_definition for e in task.internal_data.get("seen_events", [])]
    definition = task.task_spec.event_definition
    if isinstance(task.task_spec, StartEvent) and not (
            isinstance(definition, MultipleEventDefinition) and definition.parallel and seen):
        return []   # a start event waits for no message once its instance exists, unless it needs several
    names = [d.name for d in event_definitions(task.task_spec)
             if isinstance(d, MessageEventDefinition) and d not in seen]
    if len(names) == 1:
        return [(str(task.id), names[0])]
    return [(str(uuid5(task.id, name)), name) for name in names]


def run_steps(rt: Runtime, session: Session, loaded: Loaded, actor: str) -> None:
    """Run engine steps to the next wait state; a failure puts the instance in ERROR, never raises."""
    steps = 0
    deadline: float = session.info.setdefault(DEADLINE, time.monotonic() + rt.run_budget)

    def count(task: SpiffTask) -> None:
        nonlocal steps
        steps += 1
        if time.monotonic() > deadline:
            task._set_state(TaskState.ERROR)  # so the instance shows where it stopped, and retry resumes there
            raise StepLimitExceeded(
                f"The process ran for more than {rt.run_budget:g} seconds without waiting for a person, a timer"
                " or a message; it probably loops without end or a step is too slow. Fix the model and retry.")
        if getattr(task.workflow, "depth", 0) > MAX_CALL_DEPTH:
            task._set_state(TaskState.ERROR)
            raise StepLimitExceeded(
                f"Call activities nested more than {MAX_CALL_DEPTH} deep; a process probably calls itself"
                " without end. Fix the model and retry.")
        if steps > rt.max_steps:
            task._set_state(TaskState.ERROR)  # so the instance shows where it stopped, and retry resumes there
            raise StepLimitExceeded(
                f"The process ran more than {rt.max_steps} steps without waiting for a person, a timer or"
                " a message; it probably loops without end. Fix the model and retry.")

    loaded.workflow.script_engine.services = rt.services.bind(session, loaded.row, rt.clock)  # service tasks
    try:
        loaded.workflow.do_engine_steps(will_complete_task=count)
    except Exception as exc:  # noqa: BLE001 - any failure of a model step is recorded, not raised
        _record_error(loaded, exc, actor)
    for event in loaded.workflow.get_events():
        if isinstance(event.event_definition, MessageEventDefinition):
            loaded.outgoing.append(Outgoing(event.event_definition.name, dict(event.payload or {})))


def _record_error(loaded: Loaded, exc: Exception, actor: str) -> None:
    """Put the instance in ERROR; `persist` audits it once the row (of a new instance too) has its id."""
    failing = _failing_task(loaded.workflow, exc)
    if failing is not None and failing.state in (TaskState.FUTURE, TaskState.LIKELY, TaskState.MAYBE,
                                                  TaskState.WAITING, TaskState.READY, TaskState.STARTED):
        # A condition checked before the task is ready (a loop's, a gateway's) fails without marking the
        # task; mark it, so the instance shows where it stopped, and note that a retry must check it again.
        failing._set_internal_data(failed_before_ready=failing.state != TaskState.READY)
        failing._set_state(TaskState.ERROR)
    failed = tasks_in(loaded.workflow, TaskState.ERROR)
    element = failed[0].task_spec.bpmn_id if failed else None
    message = error_sentence(exc, element)
    row = loaded.row
    row.status = InstanceStatus.ERROR.value
    row.error_message = message
    row.error_element = element
    loaded.error = (message, element)
    loaded.error_actor = actor
    log.warning("instance %s failed at %s: %s", row.id, element, message)


def retry_failed(loaded: Loaded, actor: str) -> None:
    """Run a failed instance's failed tasks again: a task that failed before it was ready is checked again."""
    for task in tasks_in(loaded.workflow, TaskState.ERROR):
        if task._get_internal_data("failed_before_ready"):
            task.internal_data.pop("failed_before_ready", None)
            task._set_state(TaskState.FUTURE)
            try:
                task.task_spec._update(task)
            except Exception as exc:  # noqa: BLE001 - the same failure again is recorded, not raised
                _record_error(loaded, exc, actor)
        else:
            task._set_state(TaskState.READY)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and what it wraps (SpiffWorkflow's `.exception`, then the cause or context), each once."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = getattr(current, "exception", None) or current.__cause__ or current.__context__


def _failing_task(workflow: BpmnWorkflow, exc: BaseException) -> SpiffTask | None:
    """The task a failure happened in: SpiffWorkflow's exceptions carry it, ours name its element."""
    for current in _causes(exc):
        task = getattr(current, "task", None)
        if isinstance(task, SpiffTask):
            return task
        element = getattr(current, "element_id", None)
        if element:
            unfinished = [t for t in workflow.get_tasks(spec_name=element)
                          if not t.has_state(TaskState.FINISHED_MASK)]
            if len(unfinished) == 1:
                return unfinished[0]
    return None


def error_sentence(exc: BaseException, element: str | None) -> str:
    """The message a manager reads: what failed where, without a traceback."""
    for current in _causes(exc):
        if isinstance(current, ScriptError | StepLimitExceeded):
            return str(current)
    where = f"Element '{element}' failed: " if element else "A step failed: "
    return where + (str(exc).strip() or type(exc).__name__)


# --- rows derived from the workflow ----------------------------------------------------------------

def persist(rt: Runtime, session: Session, loaded: Loaded) -> None:
    """Write the workflow state and bring task, timer and message rows in line with it.

    The writes go by `Writes`: on PostgreSQL the step's statements between two reads travel in one
    pipeline, the instance's version-checked UPDATE first; before each read the queued writes are sent."""
    row, workflow = loaded.row, loaded.workflow
    now = rt.clock()
    cut = prune.prune(workflow) if rt.prune else None
    if cut is not None:
        loaded.pruned.update(cut.states)
    row.state_json = rt.codec.dump(workflow)
    row.serializer_version = rt.codec.version
    if workflow.completed and row.status != InstanceStatus.CANCELLED:
        row.status = InstanceStatus.COMPLETED.value
        row.ended_at = row.ended_at or now
    # An instance in error stays in error, with its reason, until a manager retries or cancels it: a
    # failure that left no task in ERROR (a loop condition, a gateway, a start) is still a failure.
    if row.status == InstanceStatus.RUNNING and len(row.state_json) > rt.max_state_chars:
        _state_too_large(rt, session, loaded, now)
    writes = Writes(session)
    if inspect(row).transient:
        _insert_instance(session, row)  # a new instance, with its first state (its id is needed next)
    else:
        _write_instance(writes, row)    # the first write: the version check; a stale write raises StaleDataError
    for task_row, values in loaded.closed:
        _write_task(writes, task_row, values)
    loaded.closed = []
    if session.new or session.dirty or session.deleted:
        writes.send()                   # the unit of work's changes go after the version check, as always
        session.flush()
    for event in loaded.audit:
        if event["instance_id"] is None:      # a new instance's start event, written before it had an id
            event["instance_id"] = row.id
    if cut is not None:
        prune.write_marks(writes, row.id, workflow, cut.marks)   # what the diagram read from the cut tasks
    if loaded.error is not None:
        message, element = loaded.error
        loaded.audit.append(audit.row(now, loaded.error_actor, AuditKind.ERROR, instance_id=row.id,
                                      element_id=element, message=message))
        loaded.error = None
    session.info.setdefault(KEEP, []).append((row.id, row.state_json, workflow))
    waiting = _waiting(workflow)
    timers_now, messages_now = _waits(waiting)
    timers_before, messages_before = loaded.waited_before
    open_tasks = _sync_tasks(rt, session, writes, loaded, now)
    if row.status == InstanceStatus.COMPLETED and row.ended_at == now:
        loaded.audit.append(audit.row(now, audit.SYSTEM, AuditKind.END, instance_id=row.id,
                                      message="The instance ended."))
    if loaded.audit:      # the step's events, the new tasks' and the end's, in one statement
        writes.add(audit.INSERT, loaded.audit)
    loaded.audit = []
    writes.send()         # before the timer and message rows are read
    loaded.synced = Synced(
        open_tasks,
        _sync_timers(session, loaded, waiting) if timers_before or timers_now else [],
        _sync_message_waits(session, loaded, waiting) if messages_before or messages_now else [])
    loaded.waited_before = (timers_now, messages_now)


def _state_too_large(rt: Runtime, session: Session, loaded: Loaded, now: datetime) -> None:
    """A loop (a PT1S timer going round) grows the stored history each turn: stop it with a clear error
    a manager sees, before the state becomes too large to load; its timers are then cancelled."""
    row = loaded.row
    message = (f"The instance's stored state has grown past {rt.max_state_chars:,} characters"
               f" ({len(row.state_json):,}); the process probably loops without end through a timer or a"
               " message. Fix the model, then cancel the instance.")
    row.status, row.error_message, row.error_element = InstanceStatus.ERROR.value, message, None
    log.warning("instance %s stopped: %s", row.id, message)
    loaded.audit.append(audit.row(now, audit.SYSTEM, AuditKind.ERROR, instance_id=row.id, message=message))


# The instance's columns a step may change, written by one prebuilt statement with the version check.
_STEP_COLUMNS = ("status", "error_message", "error_element", "serializer_version", "state_json", "responsible",
                 "ended_at", "aftercare_completed_at")
_instances = cast(Table, Instance.__table__)
_WRITE_INSTANCE = (update(_instances)
                   .where(_instances.c.id == bindparam("b_id"), _instances.c.lock_version == bindparam("b_version"))
                   .values({name: bindparam(name) for name in (*_STEP_COLUMNS, "lock_version")}))


_WRITE_TASK = (update(cast(Table, Task.__table__))
               .where(Task.__table__.c.id == bindparam("b_id"), Task.__table__.c.status == TaskStatus.OPEN.value)
               .values(status=bindparam("status"), completed_at=bindparam("completed_at"),
                       completed_by=bindparam("completed_by"), assignee=bindparam("assignee")))


def close_task(loaded: Loaded, task_row: Task, status: TaskStatus, at: datetime, by: str | None,
               assignee: str | None) -> None:
    """Close an open task row with the step (`persist` writes it after the instance's version check)."""
    loaded.closed.append((task_row, {"status": status.value, "completed_at": at, "completed_by": by,
                                     "assignee": assignee}))


def _write_task(writes: Writes, task_row: Task, values: dict[str, Any]) -> None:
    """Close a task row by one prebuilt Core UPDATE that matches it only while it is open: a racing
    completion that closed it first makes this one stale (the whole operation then runs again and hears
    that the task is no longer open). The session's copy is left as if the ORM had flushed it."""
    writes.add(_WRITE_TASK, {**values, "b_id": task_row.id}, rows=1,
               stale=f"Task {task_row.id} was closed since it was read.")
    for name, value in values.items():
        set_committed_value(task_row, name, value)
    _settle(writes.session, task_row)


def _settle(session: Session, obj: Any) -> None:
    """After a Core write of an object's changes: when none is left pending, mark the session's copy clean,
    as a flush would (else every later flush walks the unit of work for an object with nothing to write)."""
    state = inspect(obj)
    if state.modified and not state.committed_state:
        state._commit_all(state.dict, session.identity_map)   # SQLAlchemy's own step after a flush


_INSERT_INSTANCE = insert(_instances)


def _insert_instance(session: Session, row: Instance) -> None:
    """Insert a new instance (a transient row) by one prebuilt Core statement and join it to the session
    as if loaded; the unit of work would cost several times more."""
    values = {name: row.__dict__.get(name) for name in _instances.columns.keys() if name != "id"}
    values["lock_version"] = values["lock_version"] or 1
    result = session.connection().execute(_INSERT_INSTANCE, values)
    key = result.inserted_primary_key
    assert key is not None              # an INSERT of one row
    row.__dict__.update(values, id=key[0])
    make_transient_to_detached(row)
    session.add(row)


def _write_instance(writes: Writes, row: Instance) -> None:
    """Write a step's changes to the instance row (Core, not the unit of work: it costs several times
    more); with the version check the ORM would make, and the row left as if the ORM had flushed it."""
    version = row.lock_version
    values = {name: getattr(row, name) for name in _STEP_COLUMNS}
    writes.add(_WRITE_INSTANCE, {**values, "lock_version": version + 1, "b_id": row.id, "b_version": version},
               rows=1, stale=f"Instance {row.id} changed since it was read (version {version}).")
    for name, value in values.items():
        set_committed_value(row, name, value)
    set_committed_value(row, "lock_version", version + 1)
    _settle(writes.session, row)


def all_tasks(workflow: BpmnWorkflow) -> Iterator[SpiffTask]:
    """Every task of the workflow and its subprocesses, oldest first.

    A flat pass over the task tables: `get_tasks` walks the tree, which holds every task the instance
    ever ran, and costs several times more; the rows derived here do not depend on tree order."""
    yield from workflow.tasks.values()
    for subprocess in workflow.subprocesses.values():
        yield from subprocess.tasks.values()


def tasks_in(workflow: BpmnWorkflow, state: int) -> list[SpiffTask]:
    return [t for t in all_tasks(workflow) if t.state & state]


def _waiting(workflow: BpmnWorkflow) -> list[SpiffTask]:
    if workflow.completed:
        return []
    return [t for t in tasks_in(workflow, TaskState.WAITING) if isinstance(t.task_spec, CatchingEvent)]


def ready_ids(workflow: BpmnWorkflow) -> frozenset[str]:
    """The ids of the manual tasks the workflow waits on: what its open task rows mirror."""
    if workflow.completed:
        return frozenset()
    return frozenset(str(t.id) for t in tasks_in(workflow, TaskState.READY) if t.task_spec.manual)


def _sync_tasks(rt: Runtime, session: Session, writes: Writes, loaded: Loaded, now: datetime) -> list[Task]:
    """Bring the open task rows in line with the ready manual tasks: the difference between the ready set
    the rows mirror (`Loaded.ready_before`) and the stepped state's. Only rows that stay open are read, a
    task that left the ready set is closed by one UPDATE, and new ones go in by one executemany; the open
    rows are read whole only when the ready set before the step is not known."""
    row, workflow = loaded.row, loaded.workflow
    ready = {} if workflow.completed else {
        str(t.id): t for t in tasks_in(workflow, TaskState.READY) if t.task_spec.manual}
    before = loaded.ready_before
    if before is None:
        writes.send()
        existing = {t.id: t for t in session.scalars(
            select(Task).where(Task.instance_id == row.id, Task.status == TaskStatus.OPEN.value))}
        for task_id, task_row in existing.items():
            if task_id not in ready:
                task_row.status = TaskStatus.CANCELLED.value
                task_row.completed_at = now
        still_open = [t for task_id, t in existing.items() if task_id in ready]
        known: set[str] | frozenset[str] = set(existing)
    else:
        # The task the operation completed left the ready set too; its row is closed already.
        gone = sorted(task_id for task_id in before - ready.keys() if _session_status(session, task_id) in
                      (None, TaskStatus.OPEN.value))
        if gone:
            _close_tasks(session, writes, gone, now)
        kept = sorted(before & ready.keys())
        if kept:
            writes.send()
        still_open = list(session.scalars(select(Task).where(Task.id.in_(kept)))) if kept else []
        known = before
    created = [new_task_row(rt, row, spiff_task, now, writes)
               for task_id, spiff_task in ready.items() if task_id not in known]
    if created:
        _insert_tasks(session, writes, created, now, loaded.audit)
        still_open.extend(created)
    loaded.ready_before = frozenset(ready)
    return sorted(still_open, key=lambda t: t.created_at)


def _session_status(session: Session, task_id: str) -> str | None:
    """The status of the task's row as the session holds it (flushed), None when it holds none."""
    task_row = session.identity_map.get(inspect(Task).identity_key_from_primary_key((task_id,)))
    return task_row.status if isinstance(task_row, Task) else None


def _close_tasks(session: Session, writes: Writes, task_ids: list[str], now: datetime) -> None:
    """Cancel the open rows of tasks that left the ready set (one Core UPDATE; a row the operation already
    completed is flushed by then and not open, so it keeps its status), and the copies of them the session
    holds, so the session agrees with the database. (Its list of ids is expanded at execution: it goes
    on its own, after the writes queued before it.)"""
    writes.send()
    writes.connection.execute(_CLOSE_TASKS, {"ids": task_ids, "status": TaskStatus.CANCELLED.value,
                                             "completed_at": now})
    for task_id in task_ids:
        task_row = session.identity_map.get(inspect(Task).identity_key_from_primary_key((task_id,)))
        if isinstance(task_row, Task):
            set_committed_value(task_row, "status", TaskStatus.CANCELLED.value)
            set_committed_value(task_row, "completed_at", now)


_tasks = cast(Table, Task.__table__)
_TASK_COLUMNS = tuple(c.name for c in _tasks.columns)
_INSERT_TASKS = insert(_tasks)
_CLOSE_TASKS = (update(_tasks)
                .where(_tasks.c.id.in_(bindparam("ids", expanding=True)), _tasks.c.status == TaskStatus.OPEN.value)
                .values(status=bindparam("status"), completed_at=bindparam("completed_at")))


def _insert_tasks(session: Session, writes: Writes, created: list[Task], now: datetime,
                  events: list[dict[str, Any]]) -> None:
    """Insert new task rows by one Core executemany (the unit of work costs several times more per row),
    and add their TASK_CREATE audit rows (for the API's event feed; the history leaves them out) to
    `events`, which `persist` writes with the step's own. The rows are then attached to the session as
    if loaded, so later changes to them in the same transaction are written as usual."""
    # the columns new_task_row sets (the same for every row); any other column takes its default
    writes.add(_INSERT_TASKS, [{name: t.__dict__[name] for name in _TASK_COLUMNS if name in t.__dict__}
                               for t in created])
    events.extend(audit.row(now, audit.SYSTEM, AuditKind.TASK_CREATE, instance_id=t.instance_id, task_id=t.id,
                            message=f"Task '{t.name}' is open.") for t in created)
    for task_row in created:
        make_transient_to_detached(task_row)
        session.add(task_row)


def new_task_row(rt: Runtime, row: Instance, spiff_task: SpiffTask, now: datetime,
                 writes: Writes | None = None) -> Task:
    spec = spiff_task.task_spec
    ext = getattr(spec, "extensions", {}) or {}
    group = ext.get(CANDIDATE_GROUPS) or spec.lane
    expression = ext.get(ASSIGNEE)
    assignee = _evaluate_assignee(spiff_task, expression, writes) if expression else None
    if assignee is None and group is None:
        assignee = row.responsible
    # Every column set straight into the object (a transient one, as the ORM's constructor would make it,
    # without an attribute event per column): `_insert_tasks` writes it and joins it to the session.
    task_row = _TASK_MANAGER.new_instance()
    task_row.__dict__.update(
        id=str(spiff_task.id), instance_id=row.id, customer_id=row.customer_id, process_key=row.process_key,
        element_id=spec.bpmn_id, name=spec.bpmn_name or spec.bpmn_id, lane=spec.lane, candidate_group=group,
        assignee=assignee, is_aftercare=str(ext.get("aftercare", "")).lower() == "true",
        status=TaskStatus.OPEN.value, due_at=_due(spiff_task, ext.get(DUE_DATE), now), created_at=now,
        claimed_at=now if assignee else None, completed_at=None, completed_by=None)
    return cast(Task, task_row)


_TASK_MANAGER = inspect(Task).class_manager


def _evaluate_assignee(spiff_task: SpiffTask, expression: str, writes: Writes | None) -> str | None:
    try:
        value = spiff_task.workflow.script_engine.evaluate(spiff_task, expression)
    except Exception:  # noqa: BLE001 - an unknown assignee leaves the task to its group
        name = expression.strip()
        if writes is not None and name.isidentifier():
            writes.send()               # the read sees the step's writes so far
            if writes.session.scalar(select(User.id).where(User.username == name,
                                                           User.active.is_(True))) is not None:
                return name     # Camunda's literal assignee (camunda:assignee="demo"): a user, not a data field
        log.warning("assignee expression %r of %s failed", expression, spiff_task.task_spec.bpmn_id)
        return None
    return str(value) if value else None


def _due(spiff_task: SpiffTask, expression: str | None, now: datetime) -> datetime | None:
    if not expression:
        return None
    text = expression.strip()
    try:
        if not (is_iso_duration(text) or is_iso_datetime(text)):
            text = str(spiff_task.workflow.script_engine.evaluate(spiff_task, text))
        if is_iso_duration(text):
            parsed = TimerEventDefinition.parse_iso_duration(text)
            return now + TimerEventDefinition.get_timedelta_from_start(parsed, now)
        return moment(text)
    except Exception:  # noqa: BLE001 - a bad due date must not stop the process; the task has none
        log.warning("due date %r of %s failed", expression, spiff_task.task_spec.bpmn_id)
        return None


def _sync_timers(session: Session, loaded: Loaded, waiting: list[SpiffTask]) -> list[Timer]:
    row = loaded.row
    current = {}
    for t in waiting:
        if is_timer_wait(t):
            due = timer_due(t)
            if due is not None:
                current[str(t.id)] = (t, due)
    stored = {t.id: t for t in session.scalars(
        select(Timer).where(Timer.instance_id == row.id, Timer.status == TimerStatus.WAITING.value))}
    for timer_id, timer in stored.items():
        if timer_id not in current:
            fired = _task_state(loaded, timer_id) == TaskState.COMPLETED
            timer.status = (TimerStatus.FIRED if fired else TimerStatus.CANCELLED).value
    still_waiting = [timer for timer_id, timer in stored.items() if timer_id in current]
    for timer in still_waiting:
        timer.due_at = current[timer.id][1]       # a cycle timer's next repetition
    new = {timer_id: (t, due) for timer_id, (t, due) in current.items() if timer_id not in stored}
    if not new:
        return still_waiting
    # A row of the same id may exist (a timer that fired or failed before): that one is updated, as
    # merge did; the new ones are inserted by one Core executemany and join the session as loaded.
    earlier = set(session.scalars(select(Timer.id).where(Timer.id.in_(list(new)))))
    created = []
    for timer_id, (t, due) in new.items():
        timer = Timer(id=timer_id, instance_id=row.id, element_id=t.task_spec.bpmn_id, due_at=due,
                      status=TimerStatus.WAITING.value, attempts=0)
        if timer_id in earlier:
            still_waiting.append(session.merge(timer))
        else:
            timer.lock_owner = timer.locked_until = timer.last_error = timer.fired_at = None
            created.append(timer)
    if created:
        session.connection().execute(_INSERT_TIMERS, [{c: t.__dict__[c] for c in _TIMER_COLUMNS if c in t.__dict__}
                                                       for t in created])
        for timer in created:
            make_transient_to_detached(timer)
            session.add(timer)
        still_waiting.extend(created)
    return still_waiting


_timers = cast(Table, Timer.__table__)
_TIMER_COLUMNS = tuple(c.name for c in _timers.columns)
_INSERT_TIMERS = insert(_timers)


def _task_state(loaded: Loaded, task_id: str) -> int | None:
    """A task's state, also of one pruned from the state in this operation (engine.runtime.prune)."""
    key = UUID(task_id)
    if key in loaded.pruned:
        return loaded.pruned[key]
    task = find_task(loaded.workflow, key)
    return task.state if task is not None else None


def _sync_message_waits(session: Session, loaded: Loaded, waiting: list[SpiffTask]) -> list[str]:
    """Bring the instance's awaited messages in line with its state: prebuilt Core statements, one read,
    at most one DELETE and one INSERT (no unit of work; nothing else keeps these rows in the session)."""
    row = loaded.row
    current = {wait_id: (t, name) for t in waiting for wait_id, name in message_waits(t)}
    connection = session.connection()
    stored = set(connection.scalars(_STORED_WAITS, {"instance_id": row.id}))
    gone = sorted(stored - set(current))
    if gone:
        connection.execute(_DELETE_WAITS, {"ids": gone})
    new = [{"id": wait_id, "instance_id": row.id, "element_id": t.task_spec.bpmn_id, "message_name": name}
           for wait_id, (t, name) in current.items() if wait_id not in stored]
    if new:
        connection.execute(_INSERT_WAITS, new)
    return sorted(name for _t, name in current.values())


_wait_rows = cast(Table, MessageWait.__table__)
_STORED_WAITS = select(_wait_rows.c.id).where(_wait_rows.c.instance_id == bindparam("instance_id"))
_DELETE_WAITS = delete(_wait_rows).where(_wait_rows.c.id.in_(bindparam("ids", expanding=True)))
_INSERT_WAITS = insert(_wait_rows)


def task_spec_for(rt: Runtime, version: DefinitionVersion, element_id: str) -> Any:
    """The spec of an element of a deployed version (forms, documentation) without loading any instance."""
    spec, subprocess_specs = rt.codec.specs(version.id, lambda: version.spec_json)
    for candidate in (spec, *subprocess_specs.values()):
        task_spec = candidate.task_specs.get(element_id)
        if isinstance(task_spec, LoopTask):
            # a multi-instance or loop task: its open tasks are its instances, whose spec has the form
            task_spec = candidate.task_specs.get(task_spec.task_spec, task_spec)
        if task_spec is not None:
            return task_spec
    return None


def spiff_task(loaded: Loaded, task_id: str) -> SpiffTask | None:
    try:
        return find_task(loaded.workflow, UUID(task_id))
    except ValueError:
        return None


def find_task(workflow: BpmnWorkflow, task_id: UUID) -> SpiffTask | None:
    """The workflow's task of that id; None when it has none, which pruning makes the common case for a
    finished task (engine.runtime.prune): a completion racing another for the same task reads the state
    the winner pruned, and must hear "no longer waiting", not fail."""
    try:
        return workflow.get_task_from_id(task_id)
    except (TaskNotFoundException, KeyError):
        return None


def current_data(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The data an observer sees: of the newest ready/waiting task, else of the last task run."""
    for state in (TaskState.READY, TaskState.WAITING):
        tasks = tasks_in(workflow, state)
        if tasks:
            return dict(tasks[-1].data)
    last = workflow.last_task
    return dict(last.data) if last is not None else dict(workflow.data)
