"""Which earlier data a task's page shows beside its form, as the process model says (issue 18).

The convention (README, "What a task shows of earlier steps"): a user task may carry, in its own
`camunda:properties` (as the aftercare mark does), the extension property

    <camunda:property name="context" value="Task_kartoitus, asiakkaan_odotukset, odotusten_taso"/>

a list of ids separated by commas or spaces. An id that is a user task of the process shows everything
that task recorded; any other id is a form field, shown where an earlier step last recorded it. An
empty value shows nothing of the earlier steps. Without the property the default rule holds (the latest
steps, engine.office.context). The Camunda Modeler shows and keeps the property like any other.

`context_warnings` says which listed id no earlier step (a user task or start event from which the
task can be reached, the steps inside an earlier subprocess included) records: a warning, which never
stops a deploy, since a service started by a message also holds what its sender recorded. The walks
together visit at most WALK_BUDGET nodes per file.
"""

from __future__ import annotations

import re
from collections import deque

from lxml import etree

from .graph import Node, Scope, bpmn, build_scope, camunda, executable_processes, extension_properties
from .xmlsafe import LoadedDocument, Problem

CONTEXT_PROPERTY = "context"
# Each listed task walks back over the process once; past this many nodes visited in one file the rest go
# unchecked (warnings are advice), so a huge generated file cannot stall the editor's check.
WALK_BUDGET = 200_000
_SEPARATORS = re.compile(r"[\s,;]+")
_RECORDING = ("userTask", "startEvent")


def context_list(value: str | None) -> tuple[str, ...] | None:
    """The ids of a `context` property's value, in order, each once; None when the property is absent."""
    if value is None:
        return None
    return tuple(dict.fromkeys(i for i in _SEPARATORS.split(value) if i))


def element_context(element: etree._Element) -> tuple[str, ...] | None:
    """The element's own context list (the last property wins, as at runtime), or None for the default."""
    values = [value for name, value in extension_properties(element) if name == CONTEXT_PROPERTY]
    return context_list(values[-1]) if values else None


def context_warnings(doc: LoadedDocument) -> list[Problem]:
    """A warning per listed id that is neither an earlier user task nor a field an earlier step records."""
    warnings: list[Problem] = []
    budget = [WALK_BUDGET]
    for process in executable_processes(doc):
        root = build_scope(process)
        places = {n.id: (s, n) for s in root.walk() for n in s.nodes.values()}
        parents = {n.scope.element: (s, n) for s in root.walk() for n in s.nodes.values() if n.scope is not None}
        for task in process.iter(bpmn("userTask")):
            wanted = element_context(task)
            if not wanted or (task.get("id") or "") not in places:
                continue
            tasks, fields = _earlier(places[task.get("id") or ""], parents, budget)
            if budget[0] <= 0:
                return warnings
            for item in wanted:
                if item not in tasks and item not in fields:
                    name = " ".join((task.get("name") or task.get("id") or "").split())
                    warnings.append(Problem(
                        doc.filename, task.get("id") or "-",
                        f"The user task '{name}' lists '{item}' in its context property, but no earlier step "
                        "records a field with that id and it is no earlier user task; check the id, or remove it "
                        "from the list.",
                        warning=True, code="bpmn.context_unknown", params={"task": name, "item": item}))
    return warnings


def _earlier(start: tuple[Scope, Node], parents: dict[etree._Element, tuple[Scope, Node]], budget: list[int]
             ) -> tuple[set[str], set[str]]:
    """Ids of the user tasks and of the form fields recorded before `start`: one backward walk, which
    spends `budget` (a node visited or an element of an earlier subprocess read: one each)."""
    seen: set[int] = set()
    recording: list[etree._Element] = []
    queue: deque[tuple[Scope, Node]] = deque(_before(*start, parents))
    while queue and budget[0] > 0:
        scope, node = queue.popleft()
        if id(node) in seen:
            continue
        seen.add(id(node))
        found = list(node.element.iter(*(bpmn(k) for k in _RECORDING)))
        budget[0] -= 1 + (len(found) if node.scope is not None else 0)
        recording.extend(found)
        queue.extend(_before(scope, node, parents))
    tasks = {e.get("id") or "" for e in recording if etree.QName(e).localname == "userTask"}
    fields = {f.get("id") or "" for e in recording for f in e.iter(camunda("formField"))}
    return tasks, fields


def _before(scope: Scope, node: Node, parents: dict[etree._Element, tuple[Scope, Node]]
            ) -> list[tuple[Scope, Node]]:
    """The nodes a token passes just before `node`: flow sources, the host of a boundary event, and for
    a start event inside a subprocess what comes before the subprocess."""
    found = [(scope, scope.nodes[f.source or ""]) for f in node.incoming if f.source in scope.nodes]
    host = scope.nodes.get(node.element.get("attachedToRef") or "")
    if node.kind == "boundaryEvent" and host is not None:
        found.append((scope, host))
    if not node.incoming and scope.element in parents:
        outer_scope, outer = parents[scope.element]
        found.extend(_before(outer_scope, outer, parents))
    return found


__all__ = ["CONTEXT_PROPERTY", "context_list", "context_warnings", "element_context"]
