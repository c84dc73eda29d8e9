"""Moving running instances from one deployed version of a process to another.

What it owns: the per-instance plan (a dry run that says whether an instance can move and why
not), the move itself, and the batch that moves many instances, each in its own transaction.

How an instance moves. Its state is restored afresh from the stored JSON (never the cached
workflow, so a refused attempt leaves nothing changed anywhere), and every task of its tree is
given the element of the target version with the same id, or the id the mapping names. Where the
instance stands now (ready user tasks, waiting timers and message catches, a running sub-process)
the tree below is predicted again from the new version. A task keeps its SpiffWorkflow id, so
its open task row keeps its assignee, claim, due date and the data it holds; a timer keeps its
due date unless its definition changed, in which case it is computed anew from the moment of
the move; a message catch waits for the new version's message. The result is serialized and
restored once more before anything is written, so a state that would not load is never stored.

A running multi-instance task keeps its instances (open and done); each open one stands anew, and
what follows the task is predicted again.

An element the instance already passed and the target version lacks needs no mapping: its task is
taken out of the stored tree (its children take its place); its audit entries and task rows keep its
id and name, and the move's audit entry names it (the plan's note). Tasks already pruned from the
live state (engine.runtime.prune) are not in the tree at all: their diagram marks (`instance_trail`) are
renamed by the mapping and dropped for elements the target lacks, and an element only they passed gets
no note.

What it refuses, with a sentence each (as Camunda 8 does): an instance that is not running; an
element where the instance stands that the target version lacks and the mapping does not place; a
mapped element of another type (a user task becoming a timer); an element moved into or out of a
sub-process; an element where the instance stands that is reached differently in the target version
(boundary events added or removed around it, a new preceding element), because the tree above it
would not be the tree the new version would have built; a parallel or inclusive gateway whose branches
change while the instance is among them (its join would wait for a token no branch carries); a running
multi-instance task whose collection or item changed.

The move of one instance is written with `execution.persist` in the caller's transaction, so the
instance's version column (`lock_version`) refuses it if anything changed the instance meanwhile.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.specs import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.data_spec import TaskDataReference
from SpiffWorkflow.bpmn.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.bpmn.specs.mixins.unstructured_join import UnstructuredJoin
from SpiffWorkflow.task import Task as SpiffTask
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from ..errors import ConflictError, NotFound, StaleStateError, ValidationError
from ..models import (
    AuditKind,
    Customer,
    DefinitionVersion,
    Instance,
    InstanceStatus,
    MessageWait,
    ProcessDefinition,
    Task,
    TaskStatus,
    Timer,
    TimerStatus,
    customer_key_is,
)
from . import audit, prune
from .bpmn.parser import CANDIDATE_GROUPS, timer_due
from .execution import Loaded, Runtime, message_waits, persist
from .modelling import version
from .state import Specs

ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR
RESET = TaskState.READY | TaskState.WAITING
MAX_MAPPING = 500


@dataclass(frozen=True)
class Plan:
    """The dry run of one instance: whether it can move and, if not, why (whole sentences)."""

    instance_id: int
    process_key: str
    from_version: int
    to_version: int
    lock_version: int
    customer: str
    responsible: str
    active: list[str]                                   # element ids where the instance stands now
    reasons: list[str] = field(default_factory=list)     # why it cannot move; empty: it can
    notes: list[str] = field(default_factory=list)       # what changes for it when it moves
    unmapped: list[str] = field(default_factory=list)    # active elements with no place in the target

    @property
    def movable(self) -> bool:
        return not self.reasons

    @property
    def sentence(self) -> str:
        if self.movable:
            where = ", ".join(self.active) or "nothing"
            return (f"Instance {self.instance_id} can move from version {self.from_version} to "
                    f"{self.to_version}; it stands at {where}.")
        return f"Instance {self.instance_id} cannot move: " + " ".join(self.reasons)

    def as_json(self) -> dict[str, Any]:
        return {"instance_id": self.instance_id, "can_move": self.movable, "sentence": self.sentence,
                "reasons": list(self.reasons), "notes": list(self.notes), "active": list(self.active),
                "reason_codes": [_coded(r) for r in self.reasons], "note_codes": [_coded(n) for n in self.notes],
                "unmapped": list(self.unmapped), "lock_version": self.lock_version, "customer": self.customer,
                "responsible": self.responsible, "from_version": self.from_version, "to_version": self.to_version}


def _coded(sentence: str) -> dict[str, Any]:
    """A reason or note for API clients that say it in their reader's language: its code and parameters
    (code "" when it is none of SENTENCES; the sentence itself is then all there is)."""
    code, params = describe(sentence)
    return {"code": code, "params": params}


@dataclass
class BatchReport:
    """What a batch did: the instances moved and those left untouched, each with its sentence."""

    process_key: str
    from_version: int
    to_version: int
    moved: list[Plan] = field(default_factory=list)
    refused: list[Plan] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"process_key": self.process_key, "from_version": self.from_version, "to_version": self.to_version,
                "dry_run": self.dry_run, "moved": [p.as_json() for p in self.moved],
                "not_moved": [p.as_json() for p in self.refused]}


@dataclass(frozen=True)
class Filter:
    """Which instances of a version a batch takes: all, or those waiting at an element, of a customer
    (Business ID) or of a responsible expert."""

    element: str | None = None
    customer: str | None = None
    responsible: str | None = None


# --- versions and mappings ---------------------------------------------------------------------------

def check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """A mapping of element ids, old -> new; ids are what BPMN allows (no dots, no spaces)."""
    if not mapping:
        return {}
    if len(mapping) > MAX_MAPPING:
        raise ValidationError(f"A mapping may name at most {MAX_MAPPING} elements.", code="mapping.too_long",
                              params={"max": MAX_MAPPING})
    cleaned = {}
    for old, new in mapping.items():
        old, new = str(old).strip(), str(new).strip()
        if not old or not new:
            continue
        for element in (old, new):
            if len(element) > 200 or "." in element or any(c.isspace() for c in element):
                raise ValidationError(f"'{element[:60]}' is not an element id; map ids such as Task_jalkihoito.",
                                      code="mapping.bad_id", params={"element": element[:60]})
        cleaned[old] = new
    return cleaned


def _mapped(name: str, mapping: Mapping[str, str]) -> str:
    """The target spec name of a spec: generated names (`X.BoundaryEventSplit`) follow their element."""
    head, dot, tail = name.partition(".")
    if head in mapping:
        return mapping[head] + dot + tail
    return name


def _label(spec: Any) -> str:
    bpmn_id = getattr(spec, "bpmn_id", None) or spec.name
    name = getattr(spec, "bpmn_name", None)
    return f"'{name}' ({bpmn_id})" if name and name != bpmn_id else f"'{bpmn_id}'"


def _kind(spec: Any) -> str:
    return type(spec).__name__


# --- the plan and the move of one workflow ---------------------------------------------------------------

@dataclass
class _Part:
    """One workflow of the instance (the top one or a sub-process) with its old and new spec."""

    workflow: Any
    old: BpmnProcessSpec
    new: BpmnProcessSpec | None
    passed: list[SpiffTask] = field(default_factory=list)   # ran already; no place in the target: dropped


# Every reason and note of a dry run, as code -> English template: `describe` reads a sentence back into its
# code and parameters so the web app can say it in the reader's language (the CLI and API keep the English).
# Order matters: the first template that matches wins.
SENTENCES = {
    "migrate.subprocess_missing": "It runs sub-process {name}, which the target version does not have.",
    "migrate.moved_subprocess": "Element {element} moved into or out of a sub-process in version {version}; "
                                "such moves are refused.",
    "migrate.stands_missing": "It stands at {element}, which version {version} does not have; map it to an "
                              "element of that version.",
    "migrate.passed_missing": "It already passed {element}, which version {version} does not have; map it to an "
                              "element of that version.",
    "migrate.passed_dropped": "It already passed {element}, which version {version} does not have; its history "
                              "keeps it.",
    "migrate.loop_collection": "The multi-instance task {element} runs over another collection or item in version "
                               "{version}; it cannot change that while it runs.",
    "migrate.join_changed": "It waits at the join {element}, whose incoming branches differ in version {version}; "
                            "it would wait for a branch no token runs on, or miss one.",
    "migrate.fork_changed": "It is inside the branches of {element}, which splits differently in version "
                            "{version}; their join would wait for a branch no token runs on.",
    "migrate.type_changed": "Element {element} is a {old_kind} but {new_element} in version {version} is a "
                            "{new_kind}; an element cannot change its type.",
    "migrate.reached_differently": "It stands at {element}, which version {version} reaches differently (a "
                                   "preceding element or a boundary event changed around it).",
    "migrate.not_same": "{element} would not stand the same way in version {version}.",
    "migrate.other_process": "Version {version} belongs to another process than {process}.",
    "migrate.already": "It already runs on version {version}.",
    "migrate.in_error": "It is error; only running instances move (retry or cancel it first).",
    "migrate.not_running": "It is {status}; only running instances move.",
    "migrate.state_refused": "The new version's definitions could not take its state ({detail}).",
    "migrate.version_now": "It runs on version {now}, not {expected}.",
    "migrate.raced": "It was changed by others at the same time {times} times; run the batch again ({detail}).",
    "migrate.timer_changed": "Timer {element} changed; its due time is computed anew from now.",
    "migrate.now_waits": "{element} now waits for message '{name}'.",
    "migrate.becomes": "{element} becomes {new_element}.",
    "migrate.changed_under": "{element} changed under it ({changes}); it continues with version {version}'s "
                             "definition.",
}
_PATTERNS = {code: re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)"
                                      for i, p in enumerate(re.split(r"\{(\w+)\}", t))), re.DOTALL)
             for code, t in SENTENCES.items()}


def describe(sentence: str) -> tuple[str, dict[str, str]]:
    """A dry run's reason or note as its code and parameters ("" when it is none of SENTENCES)."""
    for code, pattern in _PATTERNS.items():
        found = pattern.fullmatch(sentence)
        if found:
            return code, found.groupdict()
    return "", {}


def _parts(workflow: BpmnWorkflow, new_specs: Specs, mapping: Mapping[str, str],
           reasons: list[str]) -> list[_Part]:
    new_top, new_subs = new_specs
    parts = [_Part(workflow, workflow.spec, new_top)]
    for sp_id, sp in workflow.subprocesses.items():
        owner = workflow.get_task_from_id(sp_id)
        old_name = sp.spec.name
        target = None
        if owner is not None:
            owner_part = next((p for p in parts if p.workflow is owner.workflow), None)
            new_owner = owner_part.new.task_specs.get(_mapped(owner.task_spec.name, mapping)) \
                if owner_part is not None and owner_part.new is not None else None
            name = getattr(new_owner, "spec", None) or _mapped(old_name, mapping)
            target = new_subs.get(name)
        if target is None:
            reasons.append(f"It runs sub-process {old_name!r}, which the target version does not have.")
        parts.append(_Part(sp, sp.spec, target))
    return parts


def _elsewhere(new_specs: Specs, name: str, part_spec: BpmnProcessSpec | None) -> bool:
    top, subs = new_specs
    return any(name in spec.task_specs for spec in (top, *subs.values()) if spec is not part_spec)


def _check_part(part: _Part, new_specs: Specs, mapping: Mapping[str, str], plan: Plan) -> None:
    if part.new is None:
        return
    for task in part.workflow.tasks.values():
        if task.state & TaskState.PREDICTED_MASK or (task.state & TaskState.FUTURE):
            continue      # predicted again from the new version
        old = task.task_spec
        name = _mapped(old.name, mapping)
        new = part.new.task_specs.get(name)
        active = bool(task.state & ACTIVE)
        if new is None and getattr(old, "bpmn_id", None) is None and "." in old.name:
            continue      # a generated spec (X.BoundaryEventSplit) follows its element, which is checked itself
        if new is None:
            if _elsewhere(new_specs, name, part.new):
                plan.reasons.append(f"Element {_label(old)} moved into or out of a sub-process in version "
                                    f"{plan.to_version}; such moves are refused.")
            elif active:
                plan.reasons.append(f"It stands at {_label(old)}, which version {plan.to_version} does not have; "
                                    "map it to an element of that version.")
                plan.unmapped.append(getattr(old, "bpmn_id", None) or old.name)
            elif task.parent is None or task.id in getattr(part.workflow, "top_workflow", part.workflow).subprocesses:
                plan.reasons.append(f"It already passed {_label(old)}, which version {plan.to_version} does not "
                                    "have; map it to an element of that version.")
                plan.unmapped.append(getattr(old, "bpmn_id", None) or old.name)
            else:
                part.passed.append(task)
                if getattr(old, "bpmn_id", None):
                    plan.notes.append(f"It already passed {_label(old)}, which version {plan.to_version} does not "
                                      "have; its history keeps it.")
            continue
        if _kind(old) != _kind(new):
            plan.reasons.append(f"Element {_label(old)} is a {_kind(old)} but {_label(new)} in version "
                                f"{plan.to_version} is a {_kind(new)}; an element cannot change its type.")
            continue
        if isinstance(old, UnstructuredJoin):
            _check_gateway(task, old, new, mapping, plan)
        if active and task.parent is not None:
            parent_name = _mapped(task.parent.task_spec.name, mapping)
            if parent_name not in {i.name for i in new.inputs}:
                plan.reasons.append(f"It stands at {_label(old)}, which version {plan.to_version} reaches "
                                    "differently (a preceding element or a boundary event changed around it).")


def _check_gateway(task: SpiffTask, old: Any, new: Any, mapping: Mapping[str, str], plan: Plan) -> None:
    """A parallel or inclusive gateway counts its branches: a join waiting, or a fork whose branches are
    still running, must keep the same ones, or the join waits for a token that never comes."""
    if task.state & ACTIVE:
        if {_mapped(i.name, mapping) for i in old.inputs} != {i.name for i in new.inputs}:
            plan.reasons.append(f"It waits at the join {_label(old)}, whose incoming branches differ in version "
                                f"{plan.to_version}; it would wait for a branch no token runs on, or miss one.")
    elif task.state & TaskState.COMPLETED and len(old.outputs) > 1 and _open_below(task) and (
            {_mapped(o.name, mapping) for o in old.outputs} != {o.name for o in new.outputs}):
        plan.reasons.append(f"It is inside the branches of {_label(old)}, which splits differently in version "
                            f"{plan.to_version}; their join would wait for a branch no token runs on.")


def _open_below(task: SpiffTask) -> bool:
    """Whether a task below `task` is active before a join that completed (i.e. still within its branches)."""
    for child in task.children:
        if child.state & ACTIVE:
            return True
        if child.state & TaskState.COMPLETED and not (
                isinstance(child.task_spec, UnstructuredJoin) and len(child.task_spec.inputs) > 1) \
                and _open_below(child):
            return True
    return False


def _changes(rt: Runtime, old: Any, new: Any) -> list[str]:
    registry = rt.codec.serializer.registry
    a, b = registry.convert(old), registry.convert(new)
    same_anyway = ("name", "bpmn_id", "inputs", "outputs")      # the mapping and the flows, not the element
    return sorted(k for k in set(a) | set(b) if k not in same_anyway and a.get(k) != b.get(k))


def _apply(rt: Runtime, parts: list[_Part], new_specs: Specs, mapping: Mapping[str, str], plan: Plan,
           top: BpmnWorkflow) -> None:
    """Give every task its new spec and predict the tree below the tasks that stand anew."""
    top.subprocess_specs = new_specs[1]
    for part in parts:
        assert part.new is not None
        for task in part.passed:
            _splice(part.workflow, task)
        part.workflow.spec = part.new
        for task in part.workflow.tasks.values():
            new = part.new.task_specs.get(_mapped(task.task_spec.name, mapping))
            if new is not None:
                if task.state & TaskState.STARTED:
                    _carry_loop(task.task_spec, new, plan)
                task.task_spec = new
    for part in parts:
        for task in [t for t in part.workflow.tasks.values() if t.state & ACTIVE]:
            _restand(rt, task, plan)


def _carry_loop(old: Any, new: Any, plan: Plan) -> None:
    """A Camunda multi-instance task resolves its collection when it starts, on its spec (SpiffWorkflow's
    camunda `update_task_spec`); the target's spec has not started, so it gets what the running one
    resolved. Without it the task's remaining instances would merge into the list instead of by index."""
    if not isinstance(old, MultiInstanceTask) or not isinstance(new, MultiInstanceTask):
        return
    if new.data_input is not None or old.data_input is None:
        return
    if (getattr(old.data_output, "bpmn_id", None), getattr(old.output_item, "bpmn_id", None)) != (
            getattr(new.data_output, "bpmn_id", None), getattr(new.output_item, "bpmn_id", None)):
        plan.reasons.append(f"The multi-instance task {_label(old)} runs over another collection or item in "
                            f"version {plan.to_version}; it cannot change that while it runs.")
        return
    new.data_input = TaskDataReference(old.data_input.bpmn_id)
    new.input_item = TaskDataReference(old.input_item.bpmn_id) if old.input_item is not None else None
    # not the cardinality: an instance starting the task on the target version resolves it from its own


def _splice(workflow: Any, task: SpiffTask) -> None:
    """Take a task that already ran out of the tree, its children taking its place under its parent.

    The stored state would otherwise name an element the new version lacks and not load. Nothing is
    lost: the instance's history (audit events, task rows) keeps the element's id and name, and the
    data it produced is already in the tasks after it. The task where the instance stands keeps its
    parent: were that removed, the new version would reach it differently, which is refused."""
    parent = task.parent
    assert parent is not None
    children = list(task._children)
    at = parent._children.index(task.id)
    parent._children[at:at + 1] = children
    for child in task.children:
        child._parent = parent.id
    del workflow.tasks[task.id]


def _restand(rt: Runtime, task: SpiffTask, plan: Plan) -> None:
    spec = task.task_spec
    if task.state & TaskState.STARTED:
        # A running sub-process or multi-instance task: only what follows it is predicted again. Its
        # instances (triggered children, open or done) stay as they are; each open one restands itself.
        for child in task.children:
            if child.state & (TaskState.PREDICTED_MASK | TaskState.FUTURE) and not child.triggered:
                task.workflow._remove_task(child.id)
        spec._predict(task, mask=TaskState.PREDICTED_MASK | TaskState.DEFINITE_MASK)
        return
    if not task.state & RESET:
        return
    old_definition = task.internal_data.get("palvelupolku_migrated_from")
    definition = getattr(spec, "event_definition", None)
    if old_definition is not None and old_definition != _definition_key(rt, definition):
        task.internal_data = {}
        if isinstance(definition, TimerEventDefinition):
            plan.notes.append(f"Timer {_label(spec)} changed; its due time is computed anew from now.")
        elif isinstance(definition, MessageEventDefinition):
            plan.notes.append(f"{_label(spec)} now waits for message '{definition.name}'.")
    task.internal_data.pop("palvelupolku_migrated_from", None)
    state = task.state
    task._drop_children(force=True)
    task._set_state(TaskState.FUTURE)
    spec._predict(task, mask=TaskState.PREDICTED_MASK | TaskState.FUTURE)
    spec._update(task)
    if task.state != state and not (state == TaskState.WAITING and task.state == TaskState.READY):
        plan.reasons.append(f"{_label(spec)} would not stand the same way in version {plan.to_version}.")


def _definition_key(rt: Runtime, definition: Any) -> str | None:
    if definition is None:
        return None
    return json.dumps(rt.codec.serializer.registry.convert(definition), sort_keys=True, default=str)


def _note_definitions(rt: Runtime, parts: list[_Part]) -> None:
    """Remember, on each waiting event, its definition before the move (to see whether it changed)."""
    for part in parts:
        for task in part.workflow.tasks.values():
            if task.state & RESET and getattr(task.task_spec, "event_definition", None) is not None:
                task.internal_data["palvelupolku_migrated_from"] = _definition_key(rt, task.task_spec.event_definition)


def _describe_changes(rt: Runtime, parts: list[_Part], mapping: Mapping[str, str], plan: Plan) -> None:
    for part in parts:
        if part.new is None:
            continue
        for task in part.workflow.tasks.values():
            if not task.state & RESET or not getattr(task.task_spec, "bpmn_id", None):
                continue
            new = part.new.task_specs.get(_mapped(task.task_spec.name, mapping))
            if new is None or _kind(new) != _kind(task.task_spec):
                continue
            if new.name != task.task_spec.name:
                plan.notes.append(f"{_label(task.task_spec)} becomes {_label(new)}.")
            changed = _changes(rt, task.task_spec, new)
            if changed:
                plan.notes.append(f"{_label(new)} changed under it ({', '.join(changed)}); it continues with "
                                  f"version {plan.to_version}'s definition.")


def _standing(workflow: BpmnWorkflow) -> list[str]:
    found = []
    for task in [*workflow.tasks.values(), *(t for sp in workflow.subprocesses.values() for t in sp.tasks.values())]:
        bpmn_id = getattr(task.task_spec, "bpmn_id", None)
        if task.state & ACTIVE and bpmn_id and not isinstance(task.task_spec, SubWorkflowTask):
            found.append(bpmn_id)
    return sorted(set(found))


def plan_move(rt: Runtime, session: Session, row: Instance, target: DefinitionVersion,
              mapping: Mapping[str, str]) -> tuple[Plan, BpmnWorkflow | None]:
    """The dry run of `row` to `target`, and the moved workflow when it can move (nothing is written)."""
    source = row.definition_version
    plan = Plan(row.id, row.process_key, source.version, target.version, row.lock_version,
                row.customer.key if row.customer else "", row.responsible, [])
    if target.definition_id != source.definition_id:
        plan.reasons.append(f"Version {target.version} belongs to another process than {row.process_key}.")
        return plan, None
    if target.id == source.id:
        plan.reasons.append(f"It already runs on version {target.version}.")
        return plan, None
    if row.status != InstanceStatus.RUNNING:
        plan.reasons.append(f"It is {row.status}; only running instances move"
                            + (" (retry or cancel it first)." if row.status == InstanceStatus.ERROR else "."))
        return plan, None
    old_specs = rt.codec.specs(source.id, lambda: source.spec_json)
    new_specs = rt.codec.specs(target.id, lambda: target.spec_json)
    workflow = rt.codec.load(row.state_json, row.serializer_version, old_specs)   # a copy of its own
    plan.active.extend(_standing(workflow))
    parts = _parts(workflow, new_specs, mapping, plan.reasons)
    for part in parts:
        _check_part(part, new_specs, mapping, plan)
    _note_pruned_passes(session, row.id, old_specs, new_specs, mapping, plan)
    if plan.reasons:
        return plan, None
    _describe_changes(rt, parts, mapping, plan)
    _note_definitions(rt, parts)
    workflow.script_engine = rt.script_engine()
    try:
        _apply(rt, parts, new_specs, mapping, plan, workflow)
        moved = _round_trip(rt, workflow, new_specs)
    except Exception as exc:  # noqa: BLE001 - SpiffWorkflow failing on the new tree is a refusal, not a crash
        plan.reasons.append(f"The new version's definitions could not take its state ({type(exc).__name__}: {exc}).")
        return plan, None
    if plan.reasons:
        return plan, None
    return plan, moved


def _note_pruned_passes(session: Session, instance_id: int, old_specs: Specs, new_specs: Specs,
                        mapping: Mapping[str, str], plan: Plan) -> None:
    """Elements passed by tasks already pruned from the state (engine.runtime.prune) that the target lacks get
    the note the tree's passed tasks get: the instance's trail names them."""
    olds = (old_specs[0], *old_specs[1].values())
    new_names = {name for spec in (new_specs[0], *new_specs[1].values()) for name in spec.task_specs}
    for element, target in sorted(prune.trail(session, instance_id)):
        if target != prune.COMPLETED_MARK or _mapped(element, mapping) in new_names:
            continue
        old = next((spec.task_specs[element] for spec in olds if element in spec.task_specs), None)
        note = (f"It already passed {_label(old)}, which version {plan.to_version} does not have; its history "
                "keeps it.") if old is not None else None
        if note is not None and note not in plan.notes:
            plan.notes.append(note)


def _round_trip(rt: Runtime, workflow: BpmnWorkflow, new_specs: Specs) -> BpmnWorkflow:
    """Serialize and restore: what is stored must load, every task on an element of the new version."""
    for task in [*workflow.tasks.values(), *(t for sp in workflow.subprocesses.values() for t in sp.tasks.values())]:
        spec = task.workflow.spec
        if spec.task_specs.get(task.task_spec.name) is not task.task_spec:
            raise ValidationError(f"element {_label(task.task_spec)} has no place in the new version")
    restored = rt.codec.load(rt.codec.dump(workflow), rt.codec.version, new_specs)
    restored.script_engine = workflow.script_engine
    return restored


# --- moving one instance ---------------------------------------------------------------------------------

def _locked_row(rt: Runtime, session: Session, instance_id: int) -> Instance:
    if not 0 < instance_id < 2**63:
        raise NotFound(f"Instance {instance_id} does not exist.",
                       code="instance.not_found", params={"instance": instance_id})
    query = select(Instance).where(Instance.id == instance_id)
    if rt.lock_rows:
        query = query.with_for_update(of=Instance)
    row = session.scalars(query).first()
    if row is None:
        raise NotFound(f"Instance {instance_id} does not exist.",
                       code="instance.not_found", params={"instance": instance_id})
    return row


def dry_run(rt: Runtime, session: Session, instance_id: int, to_version: int,
            mapping: Mapping[str, str] | None = None) -> Plan:
    row = _locked_row(rt, session, instance_id)
    target = version(session, row.process_key, to_version)
    return plan_move(rt, session, row, target, check_mapping(mapping))[0]


def move(rt: Runtime, session: Session, instance_id: int, to_version: int, actor: str,
         mapping: Mapping[str, str] | None = None, expected_version: int | None = None) -> Plan:
    """Move one instance in the caller's transaction; a refusal raises and writes nothing."""
    mapping = check_mapping(mapping)
    row = _locked_row(rt, session, instance_id)
    if expected_version is not None and expected_version != row.lock_version:
        raise StaleStateError(f"Instance {instance_id} changed since its dry run (version {expected_version}, now "
                              f"{row.lock_version}); run the dry run again.", code="migration.stale",
                              params={"instance": instance_id})
    target = version(session, row.process_key, to_version)
    plan, workflow = plan_move(rt, session, row, target, mapping)
    if workflow is None:
        raise MigrationRefused(plan)
    _write(rt, session, row, target, workflow, plan, mapping, actor)
    return plan


class MigrationRefused(ValidationError):
    """The instance cannot move; `plan` says why (raised inside the engine's one exception tree)."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(plan.sentence, plan.reasons)
        self.plan = plan


def _write(rt: Runtime, session: Session, row: Instance, target: DefinitionVersion, workflow: BpmnWorkflow,
           plan: Plan, mapping: Mapping[str, str], actor: str) -> None:
    source_version = row.definition_version.version
    row.definition_version_id = target.id
    row.definition_version = target
    loaded = Loaded(row, workflow)
    marks = prune.trail(session, row.id)      # read before the version-checked write, written after it
    persist(rt, session, loaded)
    elements = {s.bpmn_id for spec in (workflow.spec, *workflow.subprocess_specs.values())
                for s in spec.task_specs.values() if getattr(s, "bpmn_id", None)}
    prune.move_trail(session, row.id, marks, mapping, elements)
    _refresh_rows(session, row, workflow)
    audit.record(session, rt.clock(), actor, AuditKind.MIGRATE, instance_id=row.id,
                 message=f"Moved from version {source_version} to version {target.version}"
                 + (f" with mapping {_mapping_text(mapping)}." if mapping else "."),
                 data={"from": source_version, "to": target.version, "mapping": dict(mapping),
                       "notes": plan.notes})


def _mapping_text(mapping: Mapping[str, str]) -> str:
    return ", ".join(f"{old} -> {new}" for old, new in sorted(mapping.items()))


def _refresh_rows(session: Session, row: Instance, workflow: BpmnWorkflow) -> None:
    """The rows `persist` kept by task id now describe the new version's elements: task names, groups and
    aftercare marks, timer due times and awaited messages follow the new definitions. Assignees, claims,
    due dates and created times of open tasks stay as they were."""
    by_id = {str(t.id): t for t in [*workflow.tasks.values(),
                                     *(t for sp in workflow.subprocesses.values() for t in sp.tasks.values())]}
    for task_row in session.scalars(select(Task).where(Task.instance_id == row.id,
                                                       Task.status == TaskStatus.OPEN.value)):
        spiff = by_id.get(task_row.id)
        if spiff is None:
            continue
        spec = spiff.task_spec
        ext = getattr(spec, "extensions", {}) or {}
        task_row.element_id = spec.bpmn_id
        task_row.name = spec.bpmn_name or spec.bpmn_id
        task_row.lane = spec.lane
        if task_row.assignee is None or task_row.candidate_group is not None:
            task_row.candidate_group = ext.get(CANDIDATE_GROUPS) or spec.lane or task_row.candidate_group
        task_row.is_aftercare = str(ext.get("aftercare", "")).lower() == "true"
    for timer in session.scalars(select(Timer).where(Timer.instance_id == row.id,
                                                     Timer.status == TimerStatus.WAITING.value)):
        spiff = by_id.get(timer.id)
        if spiff is None:
            continue
        timer.element_id = spiff.task_spec.bpmn_id
        due = timer_due(spiff)
        if due is not None and due != timer.due_at:
            timer.due_at, timer.attempts, timer.lock_owner, timer.locked_until = due, 0, None, None
    for wait in session.scalars(select(MessageWait).where(MessageWait.instance_id == row.id)):
        spiff = by_id.get(wait.id)
        names = [name for _id, name in message_waits(spiff)] if spiff is not None else []
        if spiff is not None and len(names) == 1:
            wait.element_id, wait.message_name = spiff.task_spec.bpmn_id, names[0]


# --- batches ---------------------------------------------------------------------------------------------

def candidates(session: Session, process_key: str, from_version: int, where: Filter, limit: int = 100_000) -> list[int]:
    """The ids of the running (or failed) instances of a version that the filter takes, oldest first."""
    source = version(session, process_key, from_version)
    query = (select(Instance.id).where(Instance.definition_version_id == source.id,
                                       Instance.status.in_([InstanceStatus.RUNNING.value, InstanceStatus.ERROR.value]))
             .order_by(Instance.id).limit(limit))
    if where.responsible:
        query = query.where(Instance.responsible == where.responsible)
    if where.customer:
        query = query.where(Instance.customer_id.in_(
            select(Customer.id).where(customer_key_is(where.customer))))
    if where.element:
        element = where.element
        query = query.where(
            exists().where(Task.instance_id == Instance.id, Task.status == TaskStatus.OPEN.value,
                           Task.element_id == element)
            | exists().where(Timer.instance_id == Instance.id, Timer.status == TimerStatus.WAITING.value,
                             Timer.element_id == element)
            | exists().where(MessageWait.instance_id == Instance.id, MessageWait.element_id == element))
    return list(session.scalars(query))


def run_batch(rt: Runtime, transaction: Callable[[], Any], ids: Sequence[int], process_key: str, from_version: int,
              to_version: int, actor: str, mapping: Mapping[str, str] | None = None, dry: bool = False,
              retries: int = 3) -> BatchReport:
    """Move (or dry-run) each instance in its own transaction. An instance changed meanwhile by someone
    else is tried again from its new state, up to `retries` times; whatever fails leaves it untouched."""
    mapping = check_mapping(mapping)
    report = BatchReport(process_key, from_version, to_version, dry_run=dry)
    for instance_id in ids:
        plan = _one(rt, transaction, instance_id, from_version, to_version, actor, mapping, dry, retries)
        (report.moved if plan.movable else report.refused).append(plan)
    return report


def _one(rt: Runtime, transaction: Callable[[], Any], instance_id: int, from_version: int, to_version: int,
         actor: str, mapping: Mapping[str, str], dry: bool, retries: int) -> Plan:
    last: Exception | None = None
    for _attempt in range(max(retries, 1)):
        try:
            with transaction() as session:
                row = _locked_row(rt, session, instance_id)
                if row.definition_version.version != from_version:
                    return _refusal(row, from_version, to_version,
                                    f"It runs on version {row.definition_version.version} now, not {from_version}.")
                if dry:
                    return dry_run(rt, session, instance_id, to_version, mapping)
                return move(rt, session, instance_id, to_version, actor, mapping)
        except MigrationRefused as exc:
            return exc.plan
        except ConflictError as exc:
            last = exc
    return Plan(instance_id, "", from_version, to_version, 0, "", "", [],
                reasons=[f"It was changed by others at the same time {retries} times; run the batch again ({last})."])


def _refusal(row: Instance, from_version: int, to_version: int, reason: str) -> Plan:
    return Plan(row.id, row.process_key, from_version, to_version, row.lock_version,
                row.customer.key if row.customer else "", row.responsible, [], reasons=[reason])


def older_running(session: Session, process_key: str) -> dict[int, int]:
    """Running instances per version older than the newest: the owner's offer after a deploy."""
    newest = session.scalar(select(func.max(DefinitionVersion.version)).join(ProcessDefinition)
                            .where(ProcessDefinition.process_key == process_key))
    if newest is None:
        return {}
    rows = session.execute(
        select(DefinitionVersion.version, func.count(Instance.id))
        .join(Instance, Instance.definition_version_id == DefinitionVersion.id)
        .join(ProcessDefinition, ProcessDefinition.id == DefinitionVersion.definition_id)
        .where(ProcessDefinition.process_key == process_key, Instance.status == InstanceStatus.RUNNING.value,
               DefinitionVersion.version < newest)
        .group_by(DefinitionVersion.version).order_by(DefinitionVersion.version))
    return {int(v): int(n) for v, n in rows}
