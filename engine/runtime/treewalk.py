"""SpiffWorkflow's walks over an instance's task tree: without a depth limit, and cheaper per task.

SpiffWorkflow keeps every task an instance ever ran in one tree and walks the whole tree several times
per step (`get_tasks`, `update_waiting_tasks`, joins), so a step's cost grows with the instance's history.
Two changes to its iterators (`TaskIterator`, `BpmnTaskIterator`), applied when `engine` is imported:

1. No depth limit. The iterators stop descending at depth 1000; a loop adds a level for each element it
   passes, so after some 500 rounds of a two-element loop the task waiting for a person lay deeper than
   that, `get_tasks` no longer found it and the instance stalled without an error. Palvelupolku caps
   steps and call depth itself (engine.runtime).
2. The same depth-first order from a stack. The originals pop the list's head and prepend children
   (copying the list at every task) and keep a depth count that walks up the parents at every leaf;
   without a limit the count is not needed. Iterators asked for a limit or breadth first (nothing in
   Palvelupolku or SpiffWorkflow's BPMN code does) keep the original code.

tests/engine/test_workflow_cache.py checks the order against the originals on the process library.
"""

from __future__ import annotations

import sys
from typing import Any

from SpiffWorkflow.bpmn.util.task import BpmnTaskIterator
from SpiffWorkflow.util.task import TaskIterator, TaskState

UNLIMITED = sys.maxsize
_original_next = {TaskIterator: TaskIterator._next, BpmnTaskIterator: BpmnTaskIterator._next}


def _lift_depth_limit(cls: type) -> None:
    defaults = list(cls.__init__.__defaults__ or ())   # type: ignore[misc]  # (end_at_spec, max_depth, ...)
    if defaults[1:2] == [1000]:
        defaults[1] = UNLIMITED
        cls.__init__.__defaults__ = tuple(defaults)    # type: ignore[misc]


def _stack_order(self: Any) -> None:
    """Turn the head-first list into a stack (last item next) the first time the fast walk runs."""
    if not getattr(self, "_palvelupolku_stack", False):
        self.task_list.reverse()
        self._palvelupolku_stack = True


def _task_next(self: Any) -> Any:
    if self.max_depth != UNLIMITED or not self.depth_first:
        return _original_next[TaskIterator](self)
    _stack_order(self)
    if not self.task_list:
        raise StopIteration()
    task = self.task_list.pop()
    if task._children and task.state >= self.min_state and task.task_spec.name != self.end_at_spec:
        tasks = task.workflow.tasks
        self.task_list.extend(tasks.get(child) for child in reversed(task._children))
    return task


def _bpmn_task_next(self: Any) -> Any:
    if self.max_depth != UNLIMITED or not self.depth_first:
        return _original_next[BpmnTaskIterator](self)
    _stack_order(self)
    if not self.task_list:
        raise StopIteration()
    task = self.task_list.pop()
    subprocess = task.workflow.top_workflow.subprocesses.get(task.id)
    if subprocess is None:
        if task._children and task.state >= self.min_state and task.task_spec.name != self.end_at_spec:
            tasks = task.workflow.tasks
            self.task_list.extend(tasks.get(child) for child in reversed(task._children))
    elif task.task_spec.name != self.end_at_spec:
        self.task_list.extend(task.children[::-1])
        if not (self.skip_subprocesses or (task.state >= TaskState.FINISHED_MASK
                                           and self.task_filter.state <= TaskState.FINISHED_MASK)):
            self.task_list.append(subprocess.task_tree)
    return task


def install() -> None:
    for cls in (TaskIterator, BpmnTaskIterator):
        _lift_depth_limit(cls)
    TaskIterator._next = _task_next              # type: ignore[method-assign]
    BpmnTaskIterator._next = _bpmn_task_next     # type: ignore[method-assign]


def uninstall() -> None:
    """The originals back (for comparing orders in tests); the depth limit stays lifted."""
    for cls, original in _original_next.items():
        cls._next = original                     # type: ignore[method-assign]
