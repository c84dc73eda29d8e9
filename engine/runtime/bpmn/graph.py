"""A small graph model of BPMN processes, read straight from the XML tree.

The validator checks files that SpiffWorkflow may not be able to parse at all, so it cannot lean
on SpiffWorkflow's specs: this model is built from the lxml tree and never raises on odd input
(missing ids, dangling references, comments between elements). A `Scope` is a process or an
embedded subprocess; a subprocess appears in its parent scope as one `Node` with its own `Scope`.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree

from .xmlsafe import BPMN_NS, LoadedDocument, is_dmn_root

CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
OMG_NAMESPACES = frozenset({
    BPMN_NS,
    "http://www.omg.org/spec/BPMN/20100524/DI",
    "http://www.omg.org/spec/DD/20100524/DC",
    "http://www.omg.org/spec/DD/20100524/DI",
})

TASKS = frozenset({"task", "userTask", "manualTask", "serviceTask", "sendTask", "receiveTask", "scriptTask",
                   "businessRuleTask"})
SUBPROCESSES = frozenset({"subProcess", "transaction", "adHocSubProcess"})
ACTIVITIES = TASKS | SUBPROCESSES | {"callActivity"}
EVENTS = frozenset({"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
                    "boundaryEvent"})
GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway",
                      "complexGateway"})
FLOW_NODES = ACTIVITIES | EVENTS | GATEWAYS
CONDITIONAL_GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway"})

_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])")


def bpmn(tag: str) -> str:
    return f"{{{BPMN_NS}}}{tag}"


def camunda(name: str) -> str:
    return f"{{{CAMUNDA_NS}}}{name}"


def kind(element: etree._Element) -> str:
    """The BPMN local name of `element` ('userTask'), or '' for comments and foreign elements."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(f"{{{BPMN_NS}}}"):
        return tag[len(BPMN_NS) + 2:]
    return ""


def children(element: etree._Element, *tags: str) -> list[etree._Element]:
    return [child for child in element if kind(child) in tags]


def child(element: etree._Element, tag: str) -> etree._Element | None:
    found = children(element, tag)
    return found[0] if found else None


def text_of(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def words(tag: str) -> str:
    """'exclusiveGateway' -> 'exclusive gateway'; 'subProcess' -> 'subprocess'."""
    if tag in SUBPROCESSES or tag == "process":
        return {"subProcess": "subprocess", "adHocSubProcess": "ad hoc subprocess"}.get(tag, tag)
    return _WORDS.sub(" ", tag).lower() if tag else "element"


def title(element: etree._Element) -> str:
    """How a message names an element: "user task 'Call the customer'" (its name, else its id)."""
    label = element.get("name") or element.get("id")
    what = words(kind(element)) if kind(element) else etree.QName(element).localname
    if label:
        return f"{what} '{' '.join(label.split())}'"
    return f"{what} on line {element.sourceline}"


def label_of(element: etree._Element) -> str:
    """An element as a translated problem names it: its name, else its id."""
    return " ".join((element.get("name") or element.get("id") or "").split())


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the model -----------------------------------------------------------------------------------

@dataclass(eq=False)
class Flow:
    element: etree._Element
    id: str | None
    source: str | None
    target: str | None

    @property
    def condition(self) -> etree._Element | None:
        return child(self.element, "conditionExpression")


@dataclass(eq=False)
class Node:
    element: etree._Element
    id: str
    kind: str
    outgoing: list[Flow] = field(default_factory=list)
    incoming: list[Flow] = field(default_factory=list)
    boundary: list[Node] = field(default_factory=list)
    scope: Scope | None = None               # the inner scope of a subprocess

    @property
    def name(self) -> str:
        return self.element.get("name") or self.id

    @property
    def interrupting(self) -> bool:
        attribute = "cancelActivity" if self.kind == "boundaryEvent" else "isInterrupting"
        return (self.element.get(attribute) or "true").strip().lower() != "false"

    @property
    def event_subprocess(self) -> bool:
        return self.kind in SUBPROCESSES and (self.element.get("triggeredByEvent") or "").lower() == "true"

    def has_definition(self, tag: str) -> bool:
        return child(self.element, tag) is not None


@dataclass(eq=False)
class Scope:
    element: etree._Element
    nodes: dict[str, Node] = field(default_factory=dict)
    flows: list[Flow] = field(default_factory=list)
    leaving: dict[str, list[Flow]] = field(default_factory=dict)   # by sourceRef, targets unchecked

    @property
    def id(self) -> str:
        return self.element.get("id") or ""

    def starts(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == "startEvent"]

    def walk(self) -> Iterator[Scope]:
        """This scope and every scope nested in it, parents first."""
        yield self
        for node in self.nodes.values():
            if node.scope is not None:
                yield from node.scope.walk()


def build_scope(element: etree._Element) -> Scope:
    scope = Scope(element)
    for item in element:
        tag = kind(item)
        if tag in FLOW_NODES and item.get("id") and item.get("id") not in scope.nodes:
            node = Node(item, item.get("id") or "", tag)
            if tag in SUBPROCESSES:
                node.scope = build_scope(item)
            scope.nodes[node.id] = node
        elif tag == "sequenceFlow":
            scope.flows.append(Flow(item, item.get("id"), item.get("sourceRef"), item.get("targetRef")))
    _connect(scope)
    return scope


def _connect(scope: Scope) -> None:
    for flow in scope.flows:
        if not flow.id:
            continue  # SpiffWorkflow drops flows without an id; so does the model
        scope.leaving.setdefault(flow.source or "", []).append(flow)
        source, target = scope.nodes.get(flow.source or ""), scope.nodes.get(flow.target or "")
        if source is not None and target is not None:
            source.outgoing.append(flow)
            target.incoming.append(flow)
    for node in scope.nodes.values():
        host = scope.nodes.get(node.element.get("attachedToRef") or "")
        if node.kind == "boundaryEvent" and host is not None:
            host.boundary.append(node)


# --- what several checks need to know across documents -------------------------------------------

def is_executable(process: etree._Element) -> bool:
    # As SpiffWorkflow reads it: only isExecutable="false" marks a process as a drawing not to run.
    return (process.get("isExecutable") or "true").strip().lower() != "false"


def processes(doc: LoadedDocument) -> list[etree._Element]:
    return children(doc.root, "process")


def decisions(doc: LoadedDocument) -> list[str]:
    """The decision ids of a DMN file (none for a BPMN file)."""
    if not is_dmn_root(doc.root):
        return []
    return [d.get("id") or "" for d in doc.root if etree.QName(d).localname == "decision"]


def executable_processes(doc: LoadedDocument) -> list[etree._Element]:
    return [p for p in processes(doc) if is_executable(p)]


def extension_properties(element: etree._Element) -> list[tuple[str, str]]:
    """The element's own camunda:property name/value pairs (not those of nested elements)."""
    pairs: list[tuple[str, str]] = []
    for extensions in children(element, "extensionElements"):
        for group in extensions.iter(camunda("properties")):
            if group.getparent() is extensions:
                pairs.extend((p.get("name") or "", p.get("value") or "") for p in group
                             if p.tag == camunda("property"))
    return pairs


class Catalog:
    """Processes by id over the documents being validated and those already deployed."""

    def __init__(self, docs: Sequence[LoadedDocument], extra: Sequence[LoadedDocument] = ()) -> None:
        self.docs = list(docs)
        self.extra = list(extra)
        self.processes: dict[str, tuple[LoadedDocument, etree._Element]] = {}
        for doc in [*self.docs, *self.extra]:
            for process in processes(doc):
                self.processes.setdefault(process.get("id") or "", (doc, process))
        self.decisions = {d for doc in [*self.docs, *self.extra] for d in decisions(doc)}
        self.required_decisions = {d.get("id") or "": [(r.get("href") or "").lstrip("#")
                                                       for r in d.iter("{*}requiredDecision")]
                                   for doc in [*self.docs, *self.extra] if is_dmn_root(doc.root)
                                   for d in doc.root if etree.QName(d).localname == "decision"}
        self.called = {c.get("calledElement") for doc in [*self.docs, *self.extra]
                       for c in doc.root.iter(bpmn("callActivity")) if c.get("calledElement")}
        self._scopes: dict[etree._Element, Scope] = {}
        self._thrown: set[str] | None = None
        self._signals: dict[etree._Element, dict[str, str]] = {}
        self._messages: dict[etree._Element, dict[str, str]] = {}

    def process(self, process_id: str) -> etree._Element | None:
        found = self.processes.get(process_id)
        return found[1] if found else None

    def scope(self, element: etree._Element) -> Scope:
        if element not in self._scopes:
            self._scopes[element] = build_scope(element)
        return self._scopes[element]

    def calls(self, process: etree._Element) -> list[etree._Element]:
        """Call activities anywhere inside `process`, nested subprocesses included."""
        return list(process.iter(bpmn("callActivity")))

    def signal_name(self, doc: LoadedDocument, event: etree._Element, definition: etree._Element) -> str:
        """The name SpiffWorkflow matches signals by: the signal's name, else the event's name."""
        ref = definition.get("signalRef")
        if not ref:
            return event.get("name") or ""
        if doc.root not in self._signals:
            self._signals[doc.root] = {s.get("id") or "": s.get("name") or "" for s in doc.root.iter(bpmn("signal"))}
        return self._signals[doc.root].get(ref) or ref

    def message_names(self, doc: LoadedDocument) -> dict[str, str]:
        if doc.root not in self._messages:
            self._messages[doc.root] = message_names(doc.root)
        return self._messages[doc.root]

    def thrown_signals(self) -> set[str]:
        if self._thrown is None:
            self._thrown = set()
            for doc in [*self.docs, *self.extra]:
                for event in doc.root.iter(bpmn("intermediateThrowEvent"), bpmn("endEvent")):
                    for definition in children(event, "signalEventDefinition"):
                        self._thrown.add(self.signal_name(doc, event, definition))
        return self._thrown


def message_names(root: etree._Element) -> dict[str, str]:
    """Message id -> the name SpiffWorkflow (and our parser) gives it: its name, else its id."""
    return {m.get("id") or "": m.get("name") or m.get("id") or "" for m in root.iter(bpmn("message"))}


def message_name(event: etree._Element, definition: etree._Element, names: dict[str, str]) -> str | None:
    """The message an event sends or waits for, as `engine.bpmn.parser` names it."""
    ref = definition.get("messageRef")
    if ref:
        return names.get(ref)
    return event.get("name")


# --- call activities that call back --------------------------------------------------------------

def recursive_calls(catalog: Catalog) -> list[tuple[LoadedDocument, etree._Element, list[str]]]:
    """Call activities of the checked documents on a cycle of calls, each with one such cycle of process ids.

    Linear in the number of processes: one strongly-connected-components pass over the call graph,
    then at most two breadth-first walks per component to name a cycle.
    """
    graph = {pid: [c.get("calledElement") or "" for c in catalog.calls(element)]
             for pid, (_doc, element) in catalog.processes.items()}
    graph = {pid: [t for t in targets if t in graph] for pid, targets in graph.items()}
    component = _components(graph)
    routes = _Routes(graph, component)
    found = []
    for doc in catalog.docs:
        for process in executable_processes(doc):
            caller = process.get("id") or ""
            for call in catalog.calls(process):
                callee = call.get("calledElement") or ""
                if caller in component and component.get(callee) == component[caller] \
                        and (callee != caller or caller in graph[caller]):
                    found.append((doc, call, routes.cycle(caller, callee)))
    return found


def _components(graph: dict[str, list[str]]) -> dict[str, str]:
    """Strongly connected components (Tarjan's, iterative): process id -> the id of its component's root."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    root: dict[str, str] = {}
    for start in graph:
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(graph[start]))]
        while work:
            node, successors = work[-1]
            for target in successors:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(graph[target])))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    while stack:
                        member = stack.pop()
                        on_stack.discard(member)
                        root[member] = node
                        if member == node:
                            break
    return root


class _Routes:
    """Call chains inside one component, through its root: two breadth-first walks per component."""

    def __init__(self, graph: dict[str, list[str]], component: dict[str, str]) -> None:
        self.graph = graph
        self.component = component
        self.reverse: dict[str, list[str]] = {}
        for source, targets in graph.items():
            for target in targets:
                self.reverse.setdefault(target, []).append(source)
        self._toward: dict[str, dict[str, str]] = {}   # root -> node -> next hop toward the root
        self._from: dict[str, dict[str, str]] = {}     # root -> node -> previous hop from the root

    def cycle(self, caller: str, callee: str) -> list[str]:
        if caller == callee:
            return [caller, caller]
        root = self.component[caller]
        to_root = [callee]
        while to_root[-1] != root:
            to_root.append(self._hops(root, self.reverse, self._toward)[to_root[-1]])
        from_root = [caller]
        while from_root[-1] != root:
            from_root.append(self._hops(root, self.graph, self._from)[from_root[-1]])
        return [caller, *to_root, *reversed(from_root[:-1])]

    def _hops(self, root: str, edges: dict[str, list[str]], cache: dict[str, dict[str, str]]) -> dict[str, str]:
        """Breadth first from `root` along `edges` within its component: member -> the member it was reached from."""
        if root not in cache:
            hops: dict[str, str] = {root: root}
            queue = deque([root])
            while queue:
                current = queue.popleft()
                for neighbour in edges.get(current, []):
                    if neighbour not in hops and self.component.get(neighbour) == root:
                        hops[neighbour] = current
                        queue.append(neighbour)
            cache[root] = hops
        return cache[root]
