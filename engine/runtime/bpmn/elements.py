"""Checks of one document: its ids and definitions, then each process scope, flow and node.

`engine.bpmn.validation` runs them on every executable process, scope by scope; a node is handed
on to `engine.bpmn.activities` or `engine.bpmn.events` by its kind.
"""

from __future__ import annotations

from lxml import etree

from ..documentation import DocumentationError
from ..documentation import check as check_template
from .activities import NODE_CHECKS
from .events import check_event
from .graph import (
    ACTIVITIES,
    CONDITIONAL_GATEWAYS,
    EVENTS,
    FLOW_NODES,
    GATEWAYS,
    OMG_NAMESPACES,
    Flow,
    Node,
    Scope,
    bpmn,
    camunda,
    cap,
    child,
    kind,
    label_of,
    processes,
    text_of,
    title,
    words,
)
from .report import PYTHON_NAMES, Report, check_expression_in, is_identifier, quote
from .xmlsafe import is_valid_id

_ROOT_DEFINITIONS = ("process", "message", "signal", "error", "escalation", "dataStore")


# --- one document ----------------------------------------------------------------------------------

def no_executable_process(report: Report) -> None:
    found = processes(report.doc)
    if not found:
        report.add(None, "No executable process: the file holds no bpmn:process at all; add a process and mark "
                   "it isExecutable=\"true\".", code="bpmn.no_process")
        return
    names = ", ".join(title(p) for p in found[:5]) + (", ..." if len(found) > 5 else "")
    verb = "is" if len(found) == 1 else "are"
    report.add(found[0], f"No executable process: {names} {verb} not marked executable; mark the process "
               "isExecutable=\"true\" (in Camunda Modeler: the 'Executable' checkbox) so that Palvelupolku "
               "can run it.",
               code="bpmn.not_executable", processes=", ".join(label_of(p) for p in found[:5]))


def check_decisions(report: Report) -> None:
    """A DMN file: decision tables SpiffWorkflow evaluates (its expressions are Python over task data)."""
    found = [d for d in report.doc.root if etree.QName(d).localname == "decision"]
    if not found:
        report.add(None, "This DMN file holds no decision; add a decision table or leave the file out.",
                   code="bpmn.dmn_empty")
    for decision in found:
        label = decision.get("name") or decision.get("id") or f"on line {decision.sourceline}"
        if not decision.get("id"):
            report.add(None, f"The DMN decision '{quote(label)}' has no id; a business rule task names a decision "
                       "by its id (camunda:decisionRef).",
                       code="bpmn.decision_no_id", decision=quote(label))
        if not any(etree.QName(c).localname == "decisionTable" for c in decision):
            report.add(decision.get("id"), f"The DMN decision '{quote(label)}' is not a decision table; Palvelupolku "
                       "evaluates only decision tables.",
                       code="bpmn.decision_not_table", decision=quote(label))


def check_ids(report: Report) -> None:
    seen: dict[str, list[etree._Element]] = {}
    for element in report.doc.root.iter(tag=etree.Element):
        value = element.get("id")
        if value is None or etree.QName(element).namespace not in OMG_NAMESPACES:
            continue  # camunda:formField ids and the like are not XML ids
        if not is_valid_id(value):
            report.add(None, f"The {_what(element)} on line {element.sourceline} has the id '{quote(value)}', "
                       "which is not a valid BPMN id; ids are XML names, without spaces or colons.",
                       code="bpmn.bad_id", line=element.sourceline, id=quote(value))
        seen.setdefault(value, []).append(element)
    for value, elements in seen.items():
        if len(elements) > 1 and value:
            where = ", ".join(f"{_what(e)} on line {e.sourceline}" for e in elements[:5])
            report.add(value, f"The id '{quote(value)}' is used by {len(elements)} elements ({where}); ids must "
                       "be unique within a file.", code="bpmn.duplicate_id", id=quote(value), count=len(elements))


def check_root_definitions(report: Report) -> None:
    """Definitions SpiffWorkflow indexes for the whole file, executable process or not."""
    for element in report.doc.root.iter(*(bpmn(t) for t in _ROOT_DEFINITIONS)):
        tag = kind(element)
        if not element.get("id"):
            report.add(None, f"The {words(tag)} on line {element.sourceline} has no id; SpiffWorkflow refuses "
                       f"a {words(tag)} without an id.",
                       code="bpmn.definition_no_id", line=element.sourceline)
        if tag == "dataStore":
            report.add(element, f"{cap(title(element))} cannot be used: Palvelupolku has no data store "
                       "implementation, so SpiffWorkflow refuses the whole file; keep the data in task data instead.",
                       code="bpmn.data_store", element=label_of(element))


def check_correlations(report: Report) -> None:
    """Correlation keys would pick the receiving instance by data; the engine does not apply them, so refuse."""
    for element in report.doc.root.iter(bpmn("correlationKey"), bpmn("correlationProperty")):
        report.add(element.get("id") or None, f"{cap(title(element))} on line {element.sourceline} correlates "
                   "messages by their data, which Palvelupolku does not do: a message reaches the waiting instance "
                   "of the customer it is sent for, by its name. Remove the correlation and send the message for "
                   "the right customer.",
                   code="bpmn.correlation", line=element.sourceline)


def check_lanes(report: Report, process: etree._Element) -> None:
    nodes = {e.get("id") for e in process.iter(tag=etree.Element) if kind(e) in FLOW_NODES}
    for ref in process.iter(bpmn("flowNodeRef")):
        target = (ref.text or "").strip()
        if target not in nodes:
            lane = ref.getparent()
            report.add(lane, f"{cap(title(lane))} lists '{quote(target)}', which is not an element of "
                       f"{title(process)}; remove it from the lane.",
                       code="bpmn.lane_stranger", lane=label_of(lane), target=quote(target),
                       container=label_of(process))


def check_documentation(report: Report, process: etree._Element) -> None:
    """Documentation is shown to the expert as a template: only placeholders and plain filters."""
    for doc in process.iter(bpmn("documentation")):
        owner = doc.getparent()
        try:
            check_template(doc.text or "")
        except DocumentationError as exc:
            report.add(owner, f"{cap(title(owner))}: {exc}",
                       code="bpmn.documentation", element=label_of(owner), detail=str(exc))


def check_camunda_extensions(report: Report, process: etree._Element) -> None:
    """Camunda features SpiffWorkflow skips silently: the model would run without them."""
    wanted = (camunda("executionListener"), camunda("taskListener"))
    for extension in process.iter(*wanted):
        # camunda:inputOutput is not here: it runs as pre/post-scripts (engine.runtime.bpmn.camunda)
        owner = next((a for a in extension.iterancestors() if kind(a) and kind(a) != "extensionElements"), process)
        which = "task" if extension.tag == camunda("taskListener") else "execution"
        report.add(owner, f"{cap(title(owner))} has a Camunda {which} listener; Palvelupolku does not run "
                   "listeners, so its work would be skipped; move it into a script task.",
                   code="bpmn.listener", element=label_of(owner))
    for element in process.iter():
        for attribute in ("asyncBefore", "asyncAfter"):
            if (element.get(camunda(attribute)) or "").strip().lower() == "true":
                report.add(element, f"{cap(title(element))} asks for an asynchronous continuation "
                           f"(camunda:{attribute}); Palvelupolku runs each step in the transaction of the step "
                           "before it and has no job executor for this, so remove the setting.",
                           code="bpmn.async", element=label_of(element), attribute=attribute)
    for retry in process.iter(camunda("failedJobRetryTimeCycle")):
        owner = next((a for a in retry.iterancestors() if kind(a) and kind(a) != "extensionElements"), process)
        report.add(owner, f"{cap(title(owner))} has camunda:failedJobRetryTimeCycle; Palvelupolku retries failed "
                   "timers on its own schedule and does not take this setting, so remove it.",
                   code="bpmn.retry_cycle", element=label_of(owner))


# --- a process or subprocess scope -----------------------------------------------------------------

def check_scope(report: Report, scope: Scope) -> None:
    _check_unidentified(report, scope)
    for flow in scope.flows:
        if flow.id:
            _check_flow(report, scope, flow)
    has_start = bool(scope.starts())      # once per scope: a model may hold 20,000 elements
    for node in scope.nodes.values():
        _check_node(report, scope, node, has_start)


def _check_unidentified(report: Report, scope: Scope) -> None:
    for item in scope.element:
        tag = kind(item)
        if item.get("id"):
            continue
        if tag == "sequenceFlow":
            report.add(None, f"The sequence flow on line {item.sourceline} (from '{quote(item.get('sourceRef'))}' "
                       f"to '{quote(item.get('targetRef'))}') has no id; SpiffWorkflow silently drops sequence flows "
                       "without an id, so give it one.",
                       code="bpmn.flow_no_id", line=item.sourceline)
        elif tag in FLOW_NODES:
            named = f" '{quote(item.get('name'))}'" if item.get("name") else ""
            report.add(None, f"The {words(tag)}{named} on line {item.sourceline} has no id; SpiffWorkflow cannot "
                       "reach an element without an id, so give it one.",
                       code="bpmn.node_no_id", line=item.sourceline)


def _check_flow(report: Report, scope: Scope, flow: Flow) -> None:
    for attribute, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
        if not ref:
            report.add(flow.element, f"{cap(title(flow.element))} has no {attribute}; every sequence flow needs "
                       "a sourceRef and a targetRef.", code="bpmn.flow_unconnected", element=label_of(flow.element))
        elif ref not in scope.nodes:
            where = (f"'{quote(ref)}' is not an element of the same {words(kind(scope.element))}; sequence flows "
                     "cannot cross into or out of a subprocess" if ref in report.ids
                     else f"no element with the id '{quote(ref)}' exists in this file")
            report.add(flow.element, f"{cap(title(flow.element))} has {attribute}=\"{quote(ref)}\", but {where}.",
                       code="bpmn.flow_bad_ref", element=label_of(flow.element), ref=quote(ref))
    source = scope.nodes.get(flow.source or "")
    if source is not None and flow.condition is not None:
        _check_condition(report, flow, source)


def _check_condition(report: Report, flow: Flow, source: Node) -> None:
    condition = flow.condition
    what = title(flow.element)
    if source.kind not in CONDITIONAL_GATEWAYS:
        report.add(flow.element, f"{cap(what)} has a condition, but it leaves {title(source.element)}, where "
                   "SpiffWorkflow ignores conditions; only exclusive and inclusive gateways evaluate them.",
                   code="bpmn.condition_ignored", element=label_of(flow.element), source=label_of(source.element))
        return
    if condition is None or source.element.get("default") == flow.id:
        return  # the condition of a default flow is never evaluated
    language = (condition.get("language") or "").strip()
    if language and language.lower() not in PYTHON_NAMES:
        report.add(flow.element, f"The condition of {what} is written in '{language}'; Palvelupolku evaluates "
                   "conditions as Python expressions.", code="bpmn.condition_language",
                   element=label_of(flow.element), language=language)
    elif not text_of(condition):
        report.add(flow.element, f"{cap(what)} has an empty condition; write a Python expression, or make the "
                   "flow the gateway's default.", code="bpmn.empty_condition", element=label_of(flow.element))
    else:
        check_expression_in(report, flow.element, f"the condition of {what}", text_of(condition))


def _check_node(report: Report, scope: Scope, node: Node, has_start: bool) -> None:
    _check_reserved_id(report, node)
    _check_connected(report, scope, node, has_start)
    _check_outgoing(report, scope, node)
    _check_loop(report, node)
    check = NODE_CHECKS.get(node.kind)
    if check is not None:
        check(report, scope, node)
    if node.kind in EVENTS:
        check_event(report, scope, node)


def _reserved_reason(value: str) -> str | None:
    if value in ("Start", "End"):
        return "SpiffWorkflow names the internal first and last task of every process 'Start' and 'End'"
    if value in ("StartEventSplit", "StartEventJoin"):
        return "SpiffWorkflow uses these names to join several start events"
    if value.endswith(".EndJoin"):
        return "SpiffWorkflow names the internal end task of each process '<process id>.EndJoin'"
    if ".BoundaryEvent" in value:
        return "SpiffWorkflow names the internal tasks around boundary events '<id>.BoundaryEventSplit/Join'"
    return None


def _check_reserved_id(report: Report, node: Node) -> None:
    reason = _reserved_reason(node.id)
    if reason is not None:
        report.add(node.element, f"The id '{node.id}' of {title(node.element)} clashes with SpiffWorkflow's "
                   f"internal task names ({reason}); rename the element.",
                   code="bpmn.reserved_id", element=label_of(node.element), id=node.id)


def _check_connected(report: Report, scope: Scope, node: Node, has_start: bool) -> None:
    """A start with nowhere to go, or an activity nothing leads to: accepted, such a model would stick."""
    if node.kind == "startEvent" and not node.outgoing and len(scope.nodes) > 1:
        report.add(node.element, f"{cap(title(node.element))} has no outgoing sequence flow, so the process would "
                   "end as soon as it starts; connect it to the first step.", code="bpmn.start_no_outgoing",
                   element=label_of(node.element))
    compensation = node.element.get("isForCompensation") == "true"
    by_event = node.element.get("triggeredByEvent") == "true"
    if node.kind in ACTIVITIES and not node.incoming and not compensation and not by_event and has_start:
        report.add(node.element, f"{cap(title(node.element))} has no incoming sequence flow, so it never runs "
                   "(BPMN starts such an activity with the process; SpiffWorkflow does not); connect it from the "
                   "start event or a step before it.", code="bpmn.no_incoming",
                   element=label_of(node.element))


def _check_outgoing(report: Report, scope: Scope, node: Node) -> None:
    leaving = scope.leaving.get(node.id, [])
    default = node.element.get("default")
    if default and default not in {f.id for f in leaving}:
        report.add(node.element, f"{cap(title(node.element))} names '{quote(default)}' as its default flow, "
                   "which is not one of its outgoing sequence flows.", code="bpmn.default_not_outgoing",
                   element=label_of(node.element), flow=quote(default))
    if len(leaving) > 1 and node.kind not in GATEWAYS and node.kind != "startEvent":
        report.add(node.element, f"{cap(title(node.element))} has {len(leaving)} outgoing sequence flows; "
                   f"SpiffWorkflow allows only one from a {words(node.kind)}, so branch with a gateway after it.",
                   code="bpmn.many_outgoing", element=label_of(node.element), count=len(leaving))
    if node.kind in CONDITIONAL_GATEWAYS and len(leaving) > 1:
        for flow in leaving:
            if flow.id != default and flow.condition is None:
                report.add(flow.element, f"{cap(title(flow.element))} leaves {title(node.element)} without a "
                           "condition and is not its default flow; give it a condition or make it the gateway's "
                           "default.", code="bpmn.flow_without_condition", element=label_of(flow.element),
                           gateway=label_of(node.element))


def _check_loop(report: Report, node: Node) -> None:
    multi = child(node.element, "multiInstanceLoopCharacteristics")
    if multi is not None:
        for tag in ("loopCardinality", "completionCondition"):
            if text_of(child(multi, tag)):
                check_expression_in(report, node.element, f"the {words(tag)} of {title(node.element)}",
                                    text_of(child(multi, tag)))
        for attribute in ("collection", "elementVariable"):
            value = multi.get(camunda(attribute))
            if value is not None and not is_identifier(value):
                report.add(node.element, f"The camunda:{attribute} '{quote(value)}' of {title(node.element)} "
                           "must be the name of a task data variable (a Python identifier like items).",
                           code="bpmn.loop_variable", element=label_of(node.element), attribute=attribute,
                           value=quote(value))
    loop = child(node.element, "standardLoopCharacteristics")
    if loop is not None and text_of(child(loop, "loopCondition")):
        check_expression_in(report, node.element, f"the loop condition of {title(node.element)}",
                            text_of(child(loop, "loopCondition")))


# --- small helpers ---------------------------------------------------------------------------------

def _what(element: etree._Element) -> str:
    return words(kind(element)) if kind(element) else etree.QName(element).localname
