"""Keeping finished work out of an instance's live state (issue 15): the pruned task tree and its trail.

SpiffWorkflow keeps every task an instance ever ran in one tree, so the state it serializes and the
walks it makes at every step grow with the instance's age (954 tasks and 339 KB after 300 completed
tasks of a loop). `prune`, called by `execution.persist` before the state is serialized, cuts the
finished history off the top-level workflow's tree: the tree's root (the "Root" task every version has)
is given as its one child the lowest task that still matters, and everything else above and beside that
task goes, finished subprocesses included.

What stays, from what SpiffWorkflow 3.2 reads (bpmn/specs/mixins/unstructured_join.py,
parallel_gateway.py, inclusive_gateway.py, specs/Join.py, bpmn/specs/control.py):

- every unfinished task and `last_task` (the engine's `current_data`, SpiffWorkflow's `run_next`), with
  the lowest finished ancestor of them all that is a BPMN element: the kept top. A parallel or
  inclusive join looks for its siblings' tasks and their parents, a boundary or start event join for its
  split task, an event-based gateway at its children: all below the lowest common ancestor of the tasks
  still waiting or predicted, so below the kept top;
- a finished task whose subprocess still has an unfinished task.

A model is not pruned at all when a parallel or inclusive gateway of its process lies on a cycle: a
later round's parallel join looks up its inputs among all its ancestors, back to the first round
(ParallelGateway._check_threshold_unstructured's remove_ancestor; found by the conformance model
gateway_loop_input.bpmn, which waited for ever when pruned), an inclusive join counts earlier rounds'
tasks, and a join merges the data of earlier rounds' cancelled join tasks (UnstructuredJoin._run_hook).
Nor when its process is an ad hoc one (`conditional_paths`: the process spec walks the root's children).
Subprocesses are only ever removed whole, never pruned inside.

What the pages read from the pruned tasks is returned as marks (`Pruned.marks`), which `persist` writes
to `instance_trail` in the same transaction: an element completed, a sequence flow taken (the element
pair; the diagram names the flow). The kept top is finished and a BPMN element, so no pruned task's
reached successors can change state later: the marks are final. Task rows and the audit trail (history,
heatmap, earlier steps' data) are not touched. `Pruned.states` keeps the pruned tasks' last states for
the rest of the step (a timer that fired in this step is marked fired, not cancelled).

The trail is written on the hot path as one prebuilt Core INSERT that skips marks already there (a loop
marks the same elements every round); the workflow object remembers what it wrote, so a step in a loop
writes nothing. (The object is kept only after a commit, see `StateCodec.keep`, so it never remembers
a rolled-back write.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, cast
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.specs.mixins.unstructured_join import UnstructuredJoin
from SpiffWorkflow.task import Task as SpiffTask
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import TrailMark
from .writes import Writes

FINISHED = TaskState.COMPLETED | TaskState.CANCELLED
# The states in which a task counts as reached on the diagram (a taken flow leads to it).
REACHED = TaskState.COMPLETED | TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR
COMPLETED_MARK = ""    # a trail mark's target for "the element completed"


@dataclass
class Pruned:
    marks: set[tuple[str, str]] = field(default_factory=set)   # (element, next element | COMPLETED_MARK)
    states: dict[UUID, int] = field(default_factory=dict)        # pruned task id -> its last state


def reached_children(task: SpiffTask) -> Iterator[SpiffTask]:
    """The next BPMN elements reached from `task`, looking through SpiffWorkflow's helper specs."""
    for child in task.children:
        if not child.state & REACHED:
            continue
        if getattr(child.task_spec, "bpmn_id", None):
            yield child
        else:
            yield from reached_children(child)


def marks_of(task: SpiffTask) -> Iterator[tuple[str, str]]:
    """What the diagram reads from one finished task: its completion and the flows it took."""
    element = getattr(task.task_spec, "bpmn_id", None)
    if element and task.state == TaskState.COMPLETED:
        yield element, COMPLETED_MARK
        for child in reached_children(task):
            yield element, child.task_spec.bpmn_id


def _on_cycle(spec: Any) -> bool:
    seen: set[int] = set()
    stack = list(spec.outputs)
    while stack:
        current = stack.pop()
        if current is spec:
            return True
        if id(current) not in seen:
            seen.add(id(current))
            stack.extend(current.outputs)
    return False


def prunable(process_spec: Any) -> bool:
    """Whether instances of a process may be pruned (see the module); worked out once per built spec."""
    rule: bool | None = process_spec.__dict__.get("_palvelupolku_prunable")
    if rule is None:
        rule = not getattr(process_spec, "conditional_paths", None) and not any(
            isinstance(s, UnstructuredJoin) and _on_cycle(s) for s in process_spec.task_specs.values())
        process_spec.__dict__["_palvelupolku_prunable"] = rule   # specs are shared: the same for every thread
    return rule


def _lowest_common_ancestor(tasks: list[SpiffTask]) -> SpiffTask | None:
    if not tasks:
        return None
    path = []
    current: SpiffTask | None = tasks[0]
    while current is not None:
        path.append(current)
        current = current.parent
    path.reverse()                                   # root first
    index = {t.id: i for i, t in enumerate(path)}
    lowest = len(path) - 1
    for task in tasks[1:]:
        current = task
        while current is not None and current.id not in index:
            current = current.parent
        if current is None:
            return None                              # not in one tree: leave it alone
        lowest = min(lowest, index[current.id])
    return path[lowest]


def _kept_top(workflow: BpmnWorkflow, needed: list[SpiffTask]) -> SpiffTask | None:
    """The lowest finished BPMN element above (or at) every needed task, if anything lies above it."""
    top = _lowest_common_ancestor(needed)
    root = workflow.task_tree
    while top is not None and top is not root and not (
            top.state & FINISHED and getattr(top.task_spec, "bpmn_id", None)):
        top = top.parent
    if top is None or top is root or top.parent is root:
        return None
    return top


def _subtree_ids(top: SpiffTask) -> set[UUID]:
    ids, stack = set(), [top]
    while stack:
        task = stack.pop()
        ids.add(task.id)
        stack.extend(task.children)
    return ids


def _subprocess_ids(workflow: BpmnWorkflow, task_id: UUID) -> list[UUID]:
    """The subprocess started by a task and every subprocess nested in it (keys of `subprocesses`)."""
    found, stack = [], [task_id]
    while stack:
        current = stack.pop()
        subprocess = workflow.subprocesses.get(current)
        if subprocess is not None:
            found.append(current)
            stack.extend(t for t in subprocess.tasks if t in workflow.subprocesses)
    return found


def _all_finished(workflow: BpmnWorkflow, task_id: UUID) -> bool:
    return all(t.state & FINISHED for sp in _subprocess_ids(workflow, task_id)
               for t in workflow.subprocesses[sp].tasks.values())


def prune(workflow: BpmnWorkflow) -> Pruned | None:
    """Cut the finished history off the workflow's tree; None when nothing (safely) goes."""
    if not prunable(workflow.spec):
        return None
    tasks = workflow.tasks
    needed = [t for t in tasks.values() if not t.state & FINISHED]
    if workflow.last_task is not None and workflow.last_task.workflow is workflow:
        needed.append(workflow.last_task)
    while True:
        top = _kept_top(workflow, needed)
        if top is None:
            return None
        kept = _subtree_ids(top)
        kept.add(workflow.task_tree.id)
        gone = [t for task_id, t in tasks.items() if task_id not in kept]
        blocking = [t for t in gone if t.id in workflow.subprocesses and not _all_finished(workflow, t.id)]
        if not blocking:
            break
        needed.extend(blocking)
    return _cut(workflow, top, gone)


def _cut(workflow: BpmnWorkflow, top: SpiffTask, gone: list[SpiffTask]) -> Pruned:
    pruned = Pruned()
    for task in gone:
        pruned.marks.update(marks_of(task))
        pruned.states[task.id] = task.state
        for sp_id in _subprocess_ids(workflow, task.id):
            for sub_task in workflow.subprocesses[sp_id].tasks.values():
                pruned.marks.update(marks_of(sub_task))
                pruned.states[sub_task.id] = sub_task.state
            del workflow.subprocesses[sp_id]
    converted = workflow.__dict__.get("_palvelupolku_converted", {})   # state.py's per-task cache
    for task in gone:
        del workflow.tasks[task.id]
        workflow.event_manager.remove_task(task)
        converted.pop(task.id, None)
    for task_id in pruned.states:
        converted.pop(task_id, None)
    root = workflow.task_tree
    root._children = [top.id]
    top._parent = root.id
    return pruned


_trail = cast(Table, TrailMark.__table__)
_INSERT_MARKS = {"sqlite": sqlite.insert(_trail).on_conflict_do_nothing(),
                 "postgresql": postgresql.insert(_trail).on_conflict_do_nothing()}
_WRITTEN = "_palvelupolku_trail"      # workflow attribute: the marks this object has written


def write_marks(writes: Writes, instance_id: int, workflow: BpmnWorkflow, marks: set[tuple[str, str]]) -> None:
    """Add marks to an instance's trail with the step's writes (those it has not written already)."""
    written: set[tuple[str, str]] = workflow.__dict__.setdefault(_WRITTEN, set())
    new = marks - written
    if not new:
        return
    writes.add(_INSERT_MARKS[writes.connection.dialect.name],
               [{"instance_id": instance_id, "element_id": e, "target_id": t} for e, t in sorted(new)])
    written.update(new)


def trail(session: Session, instance_id: int) -> set[tuple[str, str]]:
    """The instance's marks of pruned tasks: (element, next element | COMPLETED_MARK)."""
    return {(e, t) for e, t in session.execute(
        select(_trail.c.element_id, _trail.c.target_id).where(_trail.c.instance_id == instance_id)).tuples()}


def move_trail(session: Session, instance_id: int, marks: set[tuple[str, str]], mapping: Mapping[str, str],
               elements: set[str]) -> None:
    """An instance moved to another version (engine.runtime.migration): its marks from before the move name
    the new version's elements, as the moved tree's tasks do; marks of elements the new version lacks go, as
    their tasks do. (Marks the move's own step wrote already name the new version.)"""
    moved = {(mapping.get(e, e), mapping.get(t, t) if t else t) for e, t in marks}
    moved = {(e, t) for e, t in moved if e in elements and (not t or t in elements)}
    gone = marks - moved
    connection = session.connection()
    for e, t in sorted(gone):
        connection.execute(delete(_trail).where(_trail.c.instance_id == instance_id, _trail.c.element_id == e,
                                                _trail.c.target_id == t))
    if moved - marks:
        connection.execute(_INSERT_MARKS[connection.dialect.name],
                           [{"instance_id": instance_id, "element_id": e, "target_id": t}
                            for e, t in sorted(moved - marks)])
