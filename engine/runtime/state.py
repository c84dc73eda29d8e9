"""Instance state <-> SpiffWorkflow objects.

The serializer's JSON for an instance is stored WITHOUT its spec: the spec of each
definition version is stored once (`DefinitionVersion.spec_json`) and restored once per
process into a cache, so loading an instance does not re-parse or re-build its process.

Restoring a workflow costs time in proportion to its tree (since issue 15 pruned of finished
history at each step, engine.runtime.prune, but an instance stored before keeps it until its next step), so
each process also keeps the workflows it committed last (`keep`) and hands one out again
(`take`) when the stored state is still exactly the JSON it was kept with. A workflow is
taken out while an operation changes it: two threads never share one, and an operation
that fails (rolls back) never puts its changed workflow back.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, TaskConverter, WorkflowConverter
from SpiffWorkflow.bpmn.serializer.workflow import VERSION as SERIALIZER_VERSION
from SpiffWorkflow.bpmn.specs import BpmnProcessSpec
from SpiffWorkflow.task import Task as SpiffTask
from SpiffWorkflow.util.task import TaskState

from ..errors import ProcessError
from .bpmn.parser import new_serializer, serializer_config

Specs = tuple[BpmnProcessSpec, dict[str, BpmnProcessSpec]]


class _SharedSpecWorkflowConverter(BpmnWorkflowConverter):
    """Restores a workflow onto already-built spec objects when they are handed in, and converts one
    without its specs (stored apart, once per version): SpiffWorkflow's converter converts the whole spec,
    every form of every task, at each dump, and that was most of a dump's cost in our processes."""

    def to_dict(self, workflow: BpmnWorkflow) -> dict[str, Any]:
        dct: dict[str, Any] = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct: dict[str, Any]) -> BpmnWorkflow:
        spec = dct.pop("spec")
        subprocess_specs = dct.pop("subprocess_specs", {})
        if isinstance(spec, dict):
            spec = self.registry.restore(spec)
            subprocess_specs = self.mapping_from_dict(subprocess_specs)
        dct["spec"], dct["subprocess_specs"] = spec, subprocess_specs
        return self._restore(dct)

    def _restore(self, dct: dict[str, Any]) -> BpmnWorkflow:
        from uuid import UUID

        workflow = self.target_class(dct.pop("spec"), dct.pop("subprocess_specs"), deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


class _FinishedTaskCachingConverter(TaskConverter):
    """Converts a finished task once per workflow object: the history part of an instance's state.

    A completed or cancelled task no longer changes (its data, its place in the tree), yet the
    serializer converts it anew at every step, data delta and all: for an instance with hundreds
    of tasks behind it, most of the cost of a step. The converted dict is kept on the workflow
    object (which one thread uses at a time, see `StateCodec.take`) with what it was made from, and
    made again if any of that differs."""

    def to_dict(self, task: SpiffTask) -> dict[str, Any]:
        if not task.state & _FINISHED:
            return self._typed(super().to_dict(task))
        cache: dict[Any, tuple[tuple[Any, ...], dict[str, Any]]] = task.workflow.__dict__.setdefault(
            "_palvelupolku_converted", {})
        made_from = (task.state, task.last_state_change, tuple(task._children), task.triggered, task._parent,
                     len(task.data), len(task.internal_data))
        hit = cache.get(task.id)
        if hit is not None and hit[0] == made_from:
            return hit[1]
        dct = self._typed(super().to_dict(task))
        cache[task.id] = (made_from, dct)
        return dct


    def _typed(self, dct: dict[str, Any]) -> dict[str, Any]:
        """SpiffWorkflow 3.2 restores a task's data and delta through the registry but stores them raw, so a
        date a script put into the data broke the dump; convert them as it restores them."""
        dct["data"] = self.registry.convert(dct["data"])
        if dct.get("delta"):
            dct["delta"] = {**dct["delta"], "updates": self.registry.convert(dct["delta"].get("updates", {}))}
        return dct


_FINISHED = TaskState.COMPLETED | TaskState.CANCELLED


class StateCodec:
    """Serialize instances and cache restored specs (thread-safe, bounded)."""

    def __init__(self, cache_size: int = 256, live_size: int = 256) -> None:
        config = serializer_config()
        config[BpmnWorkflow] = _SharedSpecWorkflowConverter
        config[SpiffTask] = _FinishedTaskCachingConverter
        self.serializer = new_serializer(config)
        self.version = SERIALIZER_VERSION
        self._cache: OrderedDict[int, Specs] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._live: OrderedDict[int, tuple[str, BpmnWorkflow]] = OrderedDict()
        self._live_size = live_size

    def specs_to_json(self, spec: BpmnProcessSpec, subprocess_specs: dict[str, BpmnProcessSpec]) -> str:
        registry = self.serializer.registry
        return json.dumps({
            "spec": registry.convert(spec),
            "subprocess_specs": {name: registry.convert(s) for name, s in subprocess_specs.items()},
        })

    def specs(self, version_id: int, spec_json: str | Callable[[], str]) -> Specs:
        """The built specs of a definition version; `spec_json` may be a function, read only on a miss."""
        with self._lock:
            cached = self._cache.get(version_id)
            if cached is not None:
                self._cache.move_to_end(version_id)
                return cached
        dct = json.loads(spec_json() if callable(spec_json) else spec_json)
        registry = self.serializer.registry
        built: Specs = (registry.restore(dct["spec"]),
                        {name: registry.restore(s) for name, s in dct["subprocess_specs"].items()})
        with self._lock:
            self._cache[version_id] = built
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return built

    def take(self, instance_id: int, state_json: str) -> BpmnWorkflow | None:
        """The kept workflow of an instance, if its state is still `state_json`; it leaves the cache."""
        with self._lock:
            kept = self._live.pop(instance_id, None)
        if kept is None or (kept[0] is not state_json and kept[0] != state_json):
            return None
        return kept[1]

    def keep(self, instance_id: int, state_json: str, workflow: BpmnWorkflow) -> None:
        """Remember a workflow whose committed state is `state_json` (call only after the commit)."""
        with self._lock:
            self._live[instance_id] = (state_json, workflow)
            self._live.move_to_end(instance_id)
            while len(self._live) > self._live_size:
                self._live.popitem(last=False)

    def dump(self, workflow: BpmnWorkflow) -> str:
        # Plain conversion (not the registry's faster "encoder mode"): that mode is a flag on
        # the shared registry, which would race between threads.
        dct = self.serializer.to_dict(workflow)     # without the specs (_SharedSpecWorkflowConverter)
        try:
            return json.dumps(dct, separators=(",", ":"))
        except (TypeError, ValueError) as exc:   # a value the registry cannot type either (a set of sets...)
            raise ProcessError(f"The task data holds a value that cannot be saved ({exc}); store text, numbers, "
                               "true/false, dates, lists or dictionaries in task data.",
                               code="data.unsavable") from exc

    def load(self, state_json: str, stored_version: str, specs: Specs) -> BpmnWorkflow:
        dct = json.loads(state_json)
        if stored_version != self.version:
            dct[self.serializer.VERSION_KEY] = stored_version
            self.serializer.migrate(dct)
        dct["spec"], dct["subprocess_specs"] = specs
        workflow: BpmnWorkflow = self.serializer.from_dict(dct)
        return workflow

    def convert(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """Data (a message's payload) as JSON the registry restores with its dates and durations typed;
        None when it holds a value JSON cannot hold."""
        try:
            dct: dict[str, Any] = self.serializer.registry.convert(data)
            json.dumps(dct)
        except (TypeError, ValueError):
            return None
        return dct

    def restore(self, dct: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = self.serializer.registry.restore(dct)
        return data
