"""Instance state <-> SpiffWorkflow objects.

The serializer's JSON for an instance is stored WITHOUT its spec: the spec of each
definition version is stored once (`DefinitionVersion.spec_json`) and restored once per
process into a cache, so loading an instance does not re-parse or re-build its process.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter
from SpiffWorkflow.bpmn.serializer.workflow import VERSION as SERIALIZER_VERSION
from SpiffWorkflow.bpmn.specs import BpmnProcessSpec

from .bpmn.parser import new_serializer, serializer_config

Specs = tuple[BpmnProcessSpec, dict[str, BpmnProcessSpec]]


class _SharedSpecWorkflowConverter(BpmnWorkflowConverter):
    """Restores a workflow onto already-built spec objects when they are handed in."""

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


class StateCodec:
    """Serialize instances and cache restored specs (thread-safe, bounded)."""

    def __init__(self, cache_size: int = 256) -> None:
        config = serializer_config()
        config[BpmnWorkflow] = _SharedSpecWorkflowConverter
        self.serializer = new_serializer(config)
        self.version = SERIALIZER_VERSION
        self._cache: OrderedDict[int, Specs] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def specs_to_json(self, spec: BpmnProcessSpec, subprocess_specs: dict[str, BpmnProcessSpec]) -> str:
        registry = self.serializer.registry
        return json.dumps({
            "spec": registry.convert(spec),
            "subprocess_specs": {name: registry.convert(s) for name, s in subprocess_specs.items()},
        })

    def specs(self, version_id: int, spec_json: str) -> Specs:
        with self._lock:
            cached = self._cache.get(version_id)
            if cached is not None:
                self._cache.move_to_end(version_id)
                return cached
        dct = json.loads(spec_json)
        registry = self.serializer.registry
        built: Specs = (registry.restore(dct["spec"]),
                        {name: registry.restore(s) for name, s in dct["subprocess_specs"].items()})
        with self._lock:
            self._cache[version_id] = built
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return built

    def dump(self, workflow: BpmnWorkflow) -> str:
        # Plain conversion (not the registry's faster "encoder mode"): that mode is a flag on
        # the shared registry, which would race between threads.
        dct = self.serializer.to_dict(workflow)
        dct.pop("spec", None)
        dct.pop("subprocess_specs", None)
        return json.dumps(dct, separators=(",", ":"))

    def load(self, state_json: str, stored_version: str, specs: Specs) -> BpmnWorkflow:
        dct = json.loads(state_json)
        if stored_version != self.version:
            dct[self.serializer.VERSION_KEY] = stored_version
            self.serializer.migrate(dct)
        dct["spec"], dct["subprocess_specs"] = specs
        workflow: BpmnWorkflow = self.serializer.from_dict(dct)
        return workflow
