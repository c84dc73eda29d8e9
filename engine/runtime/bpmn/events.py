"""Checks of events: boundary events, timers, messages, signals, errors, and the unsupported kinds.

`check_event` runs the check of each event definition of an event node (`_DEFINITION_CHECKS`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from lxml import etree

from ..scripting import check_expression
from .graph import ACTIVITIES, Node, Scope, camunda, cap, child, kind, label_of, text_of, title
from .parser import is_iso_timer_value
from .report import Report, java_sentence, quote

TIMER_EXAMPLES = {
    "timeDate": "an ISO 8601 date and time like 2026-01-31T09:00:00+02:00",
    "timeDuration": "an ISO 8601 duration like P14D",
    "timeCycle": "an ISO 8601 cycle like R3/P1D",
}


# --- events ----------------------------------------------------------------------------------------

def check_event(report: Report, scope: Scope, node: Node) -> None:
    definitions = [c for c in node.element if kind(c).endswith("EventDefinition")]
    if child(node.element, "eventDefinitionRef") is not None:
        report.add(node.element, f"{cap(title(node.element))} refers to a shared event definition "
                   "(eventDefinitionRef); SpiffWorkflow reads only event definitions inside the event itself.",
                   code="bpmn.event_definition_ref", element=label_of(node.element))
    if node.kind == "boundaryEvent":
        _check_boundary(report, scope, node, definitions)
    for definition in definitions:
        check = _DEFINITION_CHECKS.get(kind(definition))
        if check is not None:
            check(report, scope, node, definition)


def _check_boundary(report: Report, scope: Scope, node: Node, definitions: list[etree._Element]) -> None:
    host = node.element.get("attachedToRef")
    what = cap(title(node.element))
    if not host:
        report.add(node.element, f"{what} has no attachedToRef; say which activity it is attached to.",
                   code="bpmn.boundary_unattached", element=label_of(node.element))
    elif host not in scope.nodes or scope.nodes[host].kind not in ACTIVITIES:
        report.add(node.element, f"{what} is attached to '{quote(host)}', which is not an activity in the same "
                   "process or subprocess.", code="bpmn.boundary_bad_host", element=label_of(node.element),
                   host=quote(host))
    if not definitions:
        report.add(node.element, f"{what} has no event definition; say what it waits for (a timer, a message or "
                   "an error).", code="bpmn.boundary_no_definition", element=label_of(node.element))


def _refuse_link(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a link event; SpiffWorkflow 3.2 does not support "
               "link events (the path would silently stop there); connect the elements with a sequence flow.",
               code="bpmn.link_event", element=label_of(node.element))


def _refuse_compensation(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a compensation event; SpiffWorkflow 3.2 does not "
               "support compensation; model the undo steps as ordinary tasks.",
               code="bpmn.compensation_event", element=label_of(node.element))


def _refuse_conditional(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a conditional event; SpiffWorkflow 3.2 checks its "
               "condition only once, when the event is reached, and never again, so it could wait for ever; use "
               "an exclusive gateway, a timer or a message instead.",
               code="bpmn.conditional_event", element=label_of(node.element))


def _check_timer(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    what = title(node.element)
    values = [c for c in definition if kind(c) in TIMER_EXAMPLES]
    if not values:
        report.add(node.element, f"The timer of {what} has no timeDate, timeDuration or timeCycle; say when it "
                   "fires, for example a timeDuration of P14D.", code="bpmn.timer_without_time",
                   element=label_of(node.element))
        return
    # The parser reads timeDate, then timeDuration, then timeCycle: check the one it will use.
    chosen = min(values, key=lambda c: list(TIMER_EXAMPLES).index(kind(c)))
    reason = _timer_problem(text_of(chosen), kind(chosen))
    if reason:
        report.add(node.element, f"The timer of {what} {reason}",
                   code="bpmn.timer_problem", element=label_of(node.element), detail=reason)
    elif node.kind == "startEvent" and kind(chosen) == "timeCycle":
        report.add(node.element, f"The timer of {what} repeats (timeCycle), but Palvelupolku starts an instance"
                   " when a person, the API or a message starts it, never by a start timer; use a timeDate or"
                   " timeDuration, or start the instances from outside.", code="bpmn.start_timer_cycle",
                   element=label_of(node.element))


def _timer_problem(text: str, timer_kind: str) -> str | None:
    example = TIMER_EXAMPLES[timer_kind]
    if not text:
        return f"has an empty {timer_kind}; write {example}."
    if is_iso_timer_value(text, timer_kind):
        return None
    if timer_kind == "timeCycle" and text.strip().upper().startswith("R") and "/" in text:
        return f"has the timeCycle '{quote(text)}', which is not {example} (a positive period is needed)."
    reason = check_expression(text)
    if reason:
        return (f"has the {timer_kind} '{quote(text)}', which is not {example}, nor an allowed Python "
                f"expression: {reason}")
    literal = _string_literal(text)
    if literal is not None and not is_iso_timer_value(literal, timer_kind):
        return f"has the {timer_kind} '{quote(literal)}', which is not {example}."
    return None


def _check_message(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    check_message_ref(report, node, definition, required=True)
    if node.kind in ("intermediateThrowEvent", "endEvent"):
        expression = definition.get(camunda("expression")) or node.element.get(camunda("expression"))
        how = java_sentence(definition)
        if expression and how is not None and how.startswith("camunda:expression"):
            report.add(node.element, f"{cap(title(node.element))} has the camunda:expression '{quote(expression)}' "
                       "on its message; Palvelupolku does not evaluate it: the message carries the sender's task "
                       "data as its payload, so leave the expression out (set the values in the task data before).",
                       code="bpmn.message_expression", element=label_of(node.element), expression=quote(expression))
        elif how is not None:
            report.add(node.element, f"{cap(title(node.element))} runs Java code ({how}); Palvelupolku cannot run "
                       "it; leave the implementation out and the message carries the task data.",
                       code="bpmn.message_java", element=label_of(node.element), how=how)


def check_message_ref(report: Report, node: Node, holder: etree._Element, required: bool) -> None:
    ref = holder.get("messageRef")
    if ref and ref not in report.defined["message"]:
        report.add(node.element, f"{cap(title(node.element))} refers to message '{quote(ref)}', which is not "
                   f"defined in this file; add <bpmn:message id=\"{quote(ref)}\" name=\"...\"/>.",
                   code="bpmn.message_undefined", element=label_of(node.element), ref=quote(ref))
    elif not ref and required and not node.element.get("name"):
        report.add(node.element, f"{cap(title(node.element))} has neither a messageRef nor a name, so there is no "
                   "telling which message it is about; define a bpmn:message and refer to it.",
                   code="bpmn.message_unnamed", element=label_of(node.element))


def _check_signal(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    what = cap(title(node.element))
    ref = definition.get("signalRef")
    if ref and ref not in report.defined["signal"]:
        report.add(node.element, f"{what} refers to signal '{quote(ref)}', which is not defined in this file.",
                   code="bpmn.signal_undefined", element=label_of(node.element), ref=quote(ref))
        return
    if node.kind == "startEvent" and kind(scope.element) == "process":
        report.add(node.element, f"{what} waits for a signal; Palvelupolku does not send signals between "
                   "instances, so nothing could start the process this way; use a message start event.",
                   code="bpmn.signal_start", element=label_of(node.element))
    elif node.kind in ("startEvent", "intermediateCatchEvent", "boundaryEvent"):
        name = report.catalog.signal_name(report.doc, node.element, definition)
        if name not in report.catalog.thrown_signals():
            report.add(node.element, f"{what} waits for signal '{name}', which no element of these processes "
                       "throws; Palvelupolku does not pass signals between instances, so it would wait for ever.",
                       code="bpmn.signal_never_thrown", element=label_of(node.element), name=name)


def _check_reference(tag: str) -> Callable[[Report, Scope, Node, etree._Element], None]:
    def check(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
        ref = definition.get(f"{tag}Ref")
        if ref and ref not in report.defined[tag]:
            report.add(node.element, f"{cap(title(node.element))} refers to {tag} '{quote(ref)}', which is not "
                       f"defined in this file; add a bpmn:{tag} with that id.",
                       code="bpmn.reference_undefined", element=label_of(node.element), kind=tag, ref=quote(ref))
    return check


_DEFINITION_CHECKS: dict[str, Callable[[Report, Scope, Node, etree._Element], None]] = {
    "linkEventDefinition": _refuse_link,
    "compensateEventDefinition": _refuse_compensation,
    "conditionalEventDefinition": _refuse_conditional,
    "timerEventDefinition": _check_timer,
    "messageEventDefinition": _check_message,
    "signalEventDefinition": _check_signal,
    "errorEventDefinition": _check_reference("error"),
    "escalationEventDefinition": _check_reference("escalation"),
}


# --- small helpers ---------------------------------------------------------------------------------

def _string_literal(text: str) -> str | None:
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return None
    body = tree.body
    return body.value if isinstance(body, ast.Constant) and isinstance(body.value, str) else None
