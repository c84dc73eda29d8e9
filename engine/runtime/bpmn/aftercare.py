"""The aftercare rule: no service process may end without the aftercare call.

In the TE Office's model (DOMAIN.md, "The aftercare model") every service ends with aftercare: the
responsible expert calls the customer, both evaluate the service, and the expert reassesses the
service needs. In BPMN that is:

* a user task marked `<camunda:property name="aftercare" value="true"/>` (the aftercare task);
* every path from a start event to an end of the process passes through it. Its boundary events
  count as being at it; boundary events of other activities start paths too. An embedded
  subprocess or a call activity is one node, which passes the aftercare if every path inside it
  does. A task without outgoing flow ends the process like an end event. On the branch of a
  non-interrupting boundary event only a terminate end event ends the process early: the token
  that stayed on the activity still has to pass the aftercare. Event subprocesses never end the
  process here (SpiffWorkflow's Camunda parser runs them without interrupting it);
* its one normal outgoing flow goes straight to an exclusive gateway (the needs-reassessment
  gateway) with a default flow (no new needs) and at least two outgoing flows, and a branch other
  than the default ends, possibly after further nodes, in a message end event sending
  NEW_NEEDS_MESSAGE (new needs: start a service needs assessment).

Processes called by a call activity are part of their caller and need no aftercare of their own;
an aftercare task they do have must still lead to a proper needs-reassessment gateway. Every walk
here is linear in the size of the process, so a huge file cannot stall validation.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .graph import (
    FLOW_NODES,
    SUBPROCESSES,
    Catalog,
    Node,
    Scope,
    bpmn,
    cap,
    child,
    executable_processes,
    extension_properties,
    kind,
    message_name,
    title,
)
from .xmlsafe import LoadedDocument, Problem

AFTERCARE_PROPERTY = "aftercare"
NEW_NEEDS_MESSAGE = "uusi_palvelutarve"
_NOT_USER_TASKS = FLOW_NODES - {"userTask"}


def is_aftercare(element: etree._Element) -> bool:
    """True when the element's own camunda:properties mark it aftercare (the last value wins, as at runtime)."""
    values = [value for name, value in extension_properties(element) if name == AFTERCARE_PROPERTY]
    return bool(values) and values[-1].strip().lower() == "true"


def aftercare_task_ids(root: etree._Element, process_id: str) -> list[str]:
    """Ids of the user tasks marked aftercare=true in the process `process_id` (nested ones included)."""
    for process in root.iter(bpmn("process")):
        if process.get("id") == process_id:
            return [t.get("id") or "" for t in process.iter(bpmn("userTask")) if t.get("id") and is_aftercare(t)]
    return []


def check_aftercare(catalog: Catalog) -> list[Problem]:
    coverage = _Coverage(catalog)
    problems: list[Problem] = []
    for doc in catalog.docs:
        for process in executable_processes(doc):
            try:
                problems.extend(_check_process(coverage, doc, process))
            except RecursionError:  # hundreds of call activities calling one another
                problems.append(_problem(doc, process, f"{cap(title(process))} calls processes nested too deeply "
                                                       "to follow its paths to the aftercare task; flatten the "
                                                       "chain of call activities.",
                                         "bpmn.aftercare_too_deep", element=_label(process)))
    return problems


def _label(element: etree._Element) -> str:
    return " ".join((element.get("name") or element.get("id") or "").split())


def _problem(doc: LoadedDocument, where: etree._Element, message: str, code: str = "bpmn.problem",
             **params: Any) -> Problem:
    return Problem(doc.filename, where.get("id") or "-", message, code=code, params=params)


def _check_process(coverage: _Coverage, doc: LoadedDocument, process: etree._Element) -> list[Problem]:
    problems = [_problem(doc, e, f"{cap(title(e))} is marked aftercare, but only a user task can be the "
                                 "aftercare task; move the mark to the user task of the aftercare call.",
                         "bpmn.aftercare_not_user_task", element=_label(e))
                for e in process.iter(tag=etree.Element) if kind(e) in _NOT_USER_TASKS and is_aftercare(e)]
    marked = [t for t in process.iter(bpmn("userTask")) if is_aftercare(t)]
    scope = coverage.catalog.scope(process)
    problems.extend(_Reassessment(coverage.catalog, doc, scope, marked).problems())
    if (process.get("id") or "") in coverage.catalog.called:
        return problems  # part of its caller, which must have the aftercare
    calls_aftercare = any(coverage.call_covers(c) for c in coverage.catalog.calls(process))
    if not marked and not calls_aftercare:
        marker = f'<camunda:property name="{AFTERCARE_PROPERTY}" value="true"/>'
        problems.append(_problem(doc, process, f"{cap(title(process))} has no aftercare task: every service "
                                 "process must end with the aftercare call. Mark its user task with the extension "
                                 f"property {AFTERCARE_PROPERTY} = true ({marker} in its camunda:properties).",
                                 code="bpmn.no_aftercare", element=_label(process)))
        return problems
    names = " or ".join(f"'{_label(t)}'" for t in marked)
    for bypass in coverage.bypasses(scope):
        sentence, code, params = bypass.coded(names)
        problems.append(_problem(doc, bypass.end.element, sentence, code, **params))
    return problems


# --- every path passes the aftercare ---------------------------------------------------------------

@dataclass
class _Bypass:
    end: Node
    start: Node
    via: Node | None          # the first boundary event on the way, if any

    def coded(self, names: str) -> tuple[str, str, dict[str, str]]:
        """The sentence, its code and params (a dead end is not an end event; `_via` when through a boundary)."""
        params = {"end": _label(self.end.element), "start": _label(self.start.element), "tasks": names}
        code = "bpmn.aftercare_bypass" if self.end.kind == "endEvent" else "bpmn.aftercare_dead_end"
        if self.via is not None:
            code, params["via"] = code + "_via", _label(self.via.element)
        return self.sentence(names), code, params

    def sentence(self, names: str) -> str:
        route = f" through boundary event '{_label(self.via.element)}'" if self.via is not None else ""
        task = f"the aftercare task {names}" if names else "the aftercare task"
        reached = f"can be reached from start event '{_label(self.start.element)}'{route} without passing {task}"
        fix = "; route every path through the aftercare call before the process ends."
        if self.end.kind == "endEvent":
            return f"End event '{_label(self.end.element)}' {reached}{fix}"
        return (f"{cap(title(self.end.element))} has no outgoing sequence flow, so the process ends there, and it "
                f"{reached}{fix}")


class _Coverage:
    """Which nodes and scopes make every path pass an aftercare task; memoized, call cycles guarded."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._memo: dict[etree._Element, bool] = {}

    def node_covers(self, node: Node) -> bool:
        if node.kind == "userTask":
            return is_aftercare(node.element)
        if node.kind in SUBPROCESSES and node.scope is not None and not node.event_subprocess:
            return self.scope_covers(node.scope)
        if node.kind == "callActivity":
            return self.call_covers(node.element)
        return False

    def call_covers(self, call: etree._Element) -> bool:
        target = self.catalog.process(call.get("calledElement") or "")
        return target is not None and self.scope_covers(self.catalog.scope(target))

    def scope_covers(self, scope: Scope) -> bool:
        if scope.element not in self._memo:
            self._memo[scope.element] = False  # a recursive call (reported elsewhere) covers nothing
            has_aftercare = any(self.node_covers(n) for n in scope.nodes.values())
            self._memo[scope.element] = has_aftercare and bool(scope.starts()) and not self.bypasses(scope)
        return self._memo[scope.element]

    def bypasses(self, scope: Scope) -> list[_Bypass]:
        """Ends reachable from a start event without an aftercare node; one breadth-first walk from all starts.

        `side` marks the branch of a non-interrupting boundary event (see the module docstring).
        """
        found: dict[str, _Bypass] = {}
        seen: set[tuple[str, bool]] = set()
        queue: deque[tuple[Node, bool, Node | None, Node]] = deque((s, False, None, s) for s in scope.starts())
        while queue:
            node, side, via, start = queue.popleft()
            if (node.id, side) in seen:
                continue
            seen.add((node.id, side))
            covered = self.node_covers(node)
            if covered and node.kind == "userTask":
                continue  # the aftercare task and its boundary events: the customer got the call
            if not covered:
                if _ends_process(node, side):
                    found.setdefault(node.id, _Bypass(node, start, via))
                queue.extend((scope.nodes[f.target or ""], side, via, start) for f in node.outgoing)
            # A subprocess or call passing the aftercare can still be interrupted before it got there.
            queue.extend((b, side or not b.interrupting, via or b, start) for b in node.boundary)
        return list(found.values())


def _ends_process(node: Node, side: bool) -> bool:
    if node.kind == "endEvent":
        return not side or node.has_definition("terminateEventDefinition")
    return not node.outgoing and not side and not node.event_subprocess


# --- the needs-reassessment gateway ----------------------------------------------------------------

class _Reassessment:
    """The gateway after each aftercare task of one process, and where its branches lead."""

    def __init__(self, catalog: Catalog, doc: LoadedDocument, process_scope: Scope,
                 marked: list[etree._Element]) -> None:
        self.doc = doc
        self.names = catalog.message_names(doc)
        self.marked = marked
        self.scope_of = {n.element: s for s in process_scope.walk() for n in s.nodes.values()}
        gateways = [self._gateway(t) for t in marked]
        self.gateways = {g.id for g in gateways if g is not None}
        self._reach: dict[tuple[Scope, bool], dict[str, Node]] = {}

    def problems(self) -> list[Problem]:
        found = []
        for task in self.marked:
            scope = self.scope_of.get(task)
            if scope is not None:  # a task without an id is reported by the structural checks
                found.extend(self._check_task(scope, scope.nodes[task.get("id") or ""]))
        return found

    def _gateway(self, task: etree._Element) -> Node | None:
        scope = self.scope_of.get(task)
        node = scope.nodes.get(task.get("id") or "") if scope is not None else None
        if scope is None or node is None or len(node.outgoing) != 1:
            return None
        target = scope.nodes[node.outgoing[0].target or ""]
        return target if target.kind == "exclusiveGateway" else None

    def _check_task(self, scope: Scope, node: Node) -> list[Problem]:
        label = _label(node.element)
        if len(node.outgoing) != 1:
            return [_problem(self.doc, node.element, f"The aftercare task '{label}' must have exactly one outgoing "
                             f"sequence flow, to the needs-reassessment gateway; it has {len(node.outgoing)}.",
                             "bpmn.aftercare_outgoing", task=label, count=len(node.outgoing))]
        gateway = scope.nodes[node.outgoing[0].target or ""]
        if gateway.kind != "exclusiveGateway":
            return [_problem(self.doc, node.element, f"The aftercare task '{label}' must lead straight to an "
                             "exclusive gateway (the needs-reassessment gateway: new service needs or not); it leads "
                             f"to {title(gateway.element)}.", "bpmn.aftercare_not_to_gateway", task=label,
                             target=_label(gateway.element))]
        return self._check_gateway(scope, gateway, label)

    def _check_gateway(self, scope: Scope, gateway: Node, task_label: str) -> list[Problem]:
        problems = []
        what = f"The needs-reassessment gateway '{_label(gateway.element)}' after the aftercare task '{task_label}'"
        default = gateway.element.get("default")
        if not default or default not in {f.id for f in gateway.outgoing}:
            problems.append(_problem(self.doc, gateway.element, f"{what} has no default flow; make the 'no new "
                                     "needs' flow its default.", "bpmn.reassessment_no_default",
                                     gateway=_label(gateway.element), task=task_label))
        if len(gateway.outgoing) < 2:
            problems.append(_problem(self.doc, gateway.element, f"{what} has {len(gateway.outgoing)} outgoing "
                                     "sequence flow(s); it needs at least two: the default (no new needs) and one "
                                     "to a new service needs assessment.", "bpmn.reassessment_too_few",
                                     gateway=_label(gateway.element), task=task_label, count=len(gateway.outgoing)))
        branches = [f.target or "" for f in gateway.outgoing if f.id != default]
        if not any(b in self._reaching(scope, new_needs=True) for b in branches):
            others = [self._reaching(scope, new_needs=False)[b] for b in branches if b in self._reaching(scope, False)]
            hint = f" (found {title(others[0].element)} sending '{self._sent(others[0])}')" if others else ""
            problems.append(_problem(self.doc, gateway.element, f"No branch of the needs-reassessment gateway "
                                     f"'{_label(gateway.element)}' other than the default ends in a message end event "
                                     f"sending '{NEW_NEEDS_MESSAGE}'{hint}; add one so that new needs start a service "
                                     "needs assessment.",
                                     "bpmn.reassessment_no_new_needs", gateway=_label(gateway.element),
                                     sent=NEW_NEEDS_MESSAGE))
        return problems

    def _sent(self, end: Node) -> str:
        definition = child(end.element, "messageEventDefinition")
        return (message_name(end.element, definition, self.names) if definition is not None else None) or ""

    def _reaching(self, scope: Scope, new_needs: bool) -> dict[str, Node]:
        """Node id -> a message end event it leads to, found walking backwards once per scope.

        The walk does not go back through a needs-reassessment gateway, so a branch that loops
        back to the aftercare does not borrow the new-needs end of another branch.
        """
        key = (scope, new_needs)
        if key not in self._reach:
            ends = [n for n in scope.nodes.values() if n.kind == "endEvent" and n.has_definition(
                "messageEventDefinition") and (not new_needs or self._sent(n) == NEW_NEEDS_MESSAGE)]
            self._reach[key] = _walk_back(scope, ends, self.gateways)
        return self._reach[key]


def _walk_back(scope: Scope, ends: list[Node], blocked: set[str]) -> dict[str, Node]:
    reached: dict[str, Node] = {}
    queue = deque((end, end) for end in ends)
    while queue:
        node, end = queue.popleft()
        if node.id in reached:
            continue
        reached[node.id] = end
        if node.id in blocked:
            continue
        queue.extend((scope.nodes[f.source or ""], end) for f in node.incoming)
        host = scope.nodes.get(node.element.get("attachedToRef") or "")
        if node.kind == "boundaryEvent" and host is not None:
            queue.append((host, end))
    return reached
