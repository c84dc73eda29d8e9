"""One instance as marks on its diagram: which elements were completed, which are active (a ready
user task), waiting (a timer or a message) or in error, which sequence flows were taken, and the
history of each element. The web page applies these as bpmn-js markers; nothing here knows of it.
What the live state no longer holds (tasks pruned from it, engine.runtime.prune) comes from its trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.task import Task as SpiffTask
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AuditEvent, Instance, Task
from . import audit
from .bpmn import load_document
from .check import is_repaired
from .execution import Runtime, load
from .prune import COMPLETED_MARK, reached_children, trail

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
# The strongest state wins when an element ran more than once (a loop): error over active over waiting.
RANK = {"completed": 1, "waiting": 2, "active": 3, "error": 4}


@dataclass(frozen=True)
class DiagramState:
    elements: dict[str, str]                       # element id -> completed | active | waiting | error
    flows: list[str]                               # ids of the sequence flows taken
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)   # element id -> audit entries

    def as_json(self) -> dict[str, Any]:
        return {"elements": self.elements, "flows": self.flows, "history": self.history}


def _state_of(task: SpiffTask) -> str | None:
    if task.state == TaskState.ERROR:
        return "error"
    if task.state == TaskState.COMPLETED:
        return "completed"
    if task.state == TaskState.READY and getattr(task.task_spec, "manual", False):
        return "active"
    definition = getattr(task.task_spec, "event_definition", None)
    if task.state == TaskState.WAITING and isinstance(definition, TimerEventDefinition | MessageEventDefinition):
        return "waiting"
    if task.state in (TaskState.READY, TaskState.STARTED, TaskState.WAITING):
        return "active"
    return None


def _flows(source_xml: str) -> dict[tuple[str, str], list[str]]:
    root = load_document(source_xml.encode("utf-8"), "diagram.bpmn").root
    pairs: dict[tuple[str, str], list[str]] = {}
    for flow in root.iter(f"{{{BPMN_NS}}}sequenceFlow"):
        pairs.setdefault((flow.get("sourceRef") or "", flow.get("targetRef") or ""), []).append(flow.get("id") or "")
    return pairs


def instance_diagram(rt: Runtime, session: Session, instance_id: int) -> DiagramState:
    row = session.get(Instance, instance_id) if 0 < instance_id < 2**31 else None
    if row is not None and is_repaired(row):
        # Its stored state cannot be read back: what its task rows and audit trail say, without the flows.
        done = {t.element_id: "completed" for t in session.scalars(
            select(Task).where(Task.instance_id == instance_id, Task.status == "completed"))}
        if row.error_element:
            done[row.error_element] = "error"
        return DiagramState(done, [], _history(session, instance_id))
    loaded = load(rt, session, instance_id)
    elements: dict[str, str] = {}
    taken: set[tuple[str, str]] = set()
    for source, target in trail(session, instance_id):
        if target == COMPLETED_MARK:
            elements[source] = "completed"
        else:
            taken.add((source, target))
    for task in loaded.workflow.get_tasks():
        element_id = getattr(task.task_spec, "bpmn_id", None)
        state = _state_of(task) if element_id else None
        if element_id and state and RANK[state] > RANK.get(elements.get(element_id, ""), 0):
            elements[element_id] = state
        if element_id and task.state == TaskState.COMPLETED:
            taken.update((element_id, child.task_spec.bpmn_id) for child in reached_children(task))
    row = loaded.row
    if row.error_element:
        elements[row.error_element] = "error"
    pairs = _flows(row.definition_version.source_xml)
    flows = sorted(f for pair in taken for f in pairs.get(pair, []))
    return DiagramState(elements, flows, _history(session, instance_id))


def _history(session: Session, instance_id: int) -> dict[str, list[dict[str, Any]]]:
    """Per element: when its user tasks were created (and for whom), then the audit trail at it."""
    history: dict[str, list[dict[str, Any]]] = {}
    for t in session.scalars(select(Task).where(Task.instance_id == instance_id).order_by(Task.created_at)):
        history.setdefault(t.element_id, []).append(
            {"at": t.created_at.isoformat(), "actor": t.assignee or t.candidate_group or "", "kind": "created",
             "message": t.name, "data": {}})
    for e in session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id,
                                                      AuditEvent.element_id.is_not(None)).order_by(AuditEvent.id)):
        code, params = audit.describe(e.kind, e.message)
        history.setdefault(e.element_id or "", []).append(
            {"at": e.at.isoformat(), "actor": e.actor, "kind": e.kind, "message": e.message, "data": e.data or {},
             "code": code, "params": params})
    for entries in history.values():
        entries.sort(key=lambda entry: entry["at"])
    return history
