"""Checks of activities: user tasks and their forms, scripts, Java, DMN, call activities, subprocesses.

`NODE_CHECKS` maps a node kind to its check; `engine.bpmn.elements` calls it for every node.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from lxml import etree

from ..forms import CONSTRAINTS, FIELD_TYPES
from ..scripting import check_script
from .camunda import handler_name
from .events import check_message_ref
from .graph import SUBPROCESSES, Node, Scope, camunda, cap, child, is_executable, kind, label_of, title
from .parser import is_iso_datetime, is_iso_duration
from .report import PYTHON_NAMES, Report, check_expression_in, is_identifier, java_sentence, quote

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- activities ------------------------------------------------------------------------------------

def _check_user_task(report: Report, scope: Scope, node: Node) -> None:
    element = node.element
    assignee = element.get(camunda("assignee"))
    if assignee is not None and assignee.strip():
        check_expression_in(report, element, f"the camunda:assignee of {title(element)}", assignee.strip())
    due = (element.get(camunda("dueDate")) or "").strip()
    if due and not (is_iso_duration(due) or is_iso_datetime(due)):
        check_expression_in(report, element, f"the camunda:dueDate of {title(element)}", due)
    fields = [f for data in element.iter(camunda("formData")) for f in data if f.tag == camunda("formField")]
    # An external form (camunda:formKey without formData) is accepted: the task takes whatever data is
    # submitted with it (through the API); the browser shows it without fields.
    seen: set[str] = set()
    for form_field in fields:
        _check_form_field(report, element, form_field, seen)


def _check_form_field(report: Report, task: etree._Element, form_field: etree._Element, seen: set[str]) -> None:
    what = cap(title(task))
    field_id = form_field.get("id") or ""
    field_type = form_field.get("type") or "string"
    if not field_id:
        report.add(task, f"{what} has a form field without an id (line {form_field.sourceline}); every field "
                   "needs an id, which becomes its task data name.", code="bpmn.field_without_id",
                   element=label_of(task), line=form_field.sourceline)
    elif not is_identifier(field_id):
        report.add(task, f"{what} has the form field id '{quote(field_id)}', which is not a valid Python "
                   "identifier; field ids become task data names used in conditions and scripts (like "
                   "customer_name).", code="bpmn.field_bad_id", element=label_of(task), field=quote(field_id))
    elif field_id in seen:
        report.add(task, f"{what} has two form fields with the id '{field_id}'; field ids must be unique "
                   "within a form.", code="bpmn.duplicate_field", element=label_of(task), field=field_id)
    seen.add(field_id)
    if field_type not in FIELD_TYPES:
        report.add(task, f"{what} has an unknown form field type '{quote(field_type)}' in field '{field_id}'; "
                   f"use one of: {', '.join(FIELD_TYPES)}.", code="bpmn.field_unknown_type", element=label_of(task),
                   field=field_id, type=quote(field_type), choices=", ".join(FIELD_TYPES))
        return
    options = [v.get("id") or "" for v in form_field if v.tag == camunda("value")]
    if field_type == "enum" and not options:
        report.add(task, f"{what} has the enum field '{field_id}' without any camunda:value; add the options "
                   "to choose from.", code="bpmn.enum_without_values", element=label_of(task), field=field_id)
    for constraint in form_field.iter(camunda("constraint")):
        if not (constraint.get("name") or "").strip() and not (constraint.get("config") or "").strip():
            continue  # an empty constraint, as the modeler leaves it: it constrains nothing
        reason = _constraint_problem(constraint.get("name") or "", constraint.get("config"), field_type)
        if reason:
            report.add(task, f"{what}, form field '{field_id}': {reason}",
                       code="bpmn.field_constraint", element=label_of(task), field=quote(field_id), detail=reason)
    reason = _default_problem(form_field.get("defaultValue"), field_type, options)
    if reason:
        report.add(task, f"{what}, form field '{field_id}': {reason}",
                   code="bpmn.field_default", element=label_of(task), field=quote(field_id), detail=reason)


def _constraint_problem(name: str, config: str | None, field_type: str) -> str | None:
    value = (config or "").strip()
    if name not in CONSTRAINTS:
        return f"unknown constraint '{quote(name)}'; use one of: {', '.join(CONSTRAINTS)}."
    if name in ("min", "max"):
        if field_type == "long" and not _is_int(value):
            return f"constraint '{name}' needs a whole number as its config, not '{quote(value)}'."
        if field_type == "date" and not _is_day(value):
            return f"constraint '{name}' needs a date like 2026-01-31 as its config, not '{quote(value)}'."
        if field_type not in ("long", "date"):
            return f"constraint '{name}' applies only to long and date fields, not to a {field_type} field."
    if name == "required_when" and not value.isidentifier():
        return f"constraint 'required_when' needs the id of a boolean field as its config, not '{quote(value)}'."
    if name in ("minlength", "maxlength"):
        if field_type != "string":
            return f"constraint '{name}' applies only to string fields, not to a {field_type} field."
        if not (_is_int(value) and int(value) >= 0):
            return f"constraint '{name}' needs a whole number of at least 0 as its config, not '{quote(value)}'."
    return None


def _default_problem(default: str | None, field_type: str, options: list[str]) -> str | None:
    if not default:
        return None
    valid = {
        "long": _is_int(default),
        "boolean": default.strip().lower() in ("true", "false"),
        "date": _is_day(default),
        "enum": default in options,
        "string": "${" not in default and "#{" not in default,
    }[field_type]
    if valid:
        return None
    if field_type == "string":
        return f"the default value '{quote(default)}' looks like a JUEL expression; Palvelupolku shows it as text."
    return f"the default value '{quote(default)}' is not a valid {field_type} value."


def _check_script_task(report: Report, scope: Scope, node: Node) -> None:
    element = node.element
    script_format = (element.get("scriptFormat") or "").strip()
    resource = element.get(camunda("resource"))
    script = child(element, "script")
    text = script.text if script is not None else None
    if script_format and script_format.lower() not in PYTHON_NAMES:
        report.add(element, f"{cap(title(element))} has scriptFormat '{quote(script_format)}'; Palvelupolku "
                   "runs only Python scripts, so write it in Python with scriptFormat python (or none).",
                   code="bpmn.script_not_python", element=label_of(element), format=quote(script_format))
    elif resource:
        report.add(element, f"{cap(title(element))} loads its script from the resource '{quote(resource)}', "
                   "which Palvelupolku cannot read; put the Python code in the script body.",
                   code="bpmn.script_resource", element=label_of(element), resource=quote(resource))
    elif not text or not text.strip():
        report.add(element, f"{cap(title(element))} has no script; write the Python code it should run in its "
                   "script body.", code="bpmn.no_script", element=label_of(element))
    else:
        reason = check_script(text)
        if reason:
            report.add(element, f"The script of {title(element)} is refused: {reason}",
                       code="bpmn.script_refused", element=label_of(element), detail=reason)


def _check_java(report: Report, scope: Scope, node: Node) -> None:
    named = handler_name(node.element) if node.kind in ("serviceTask", "sendTask") else None
    if named is not None:
        what, name = named
        if not name:
            report.add(node.element, f"{cap(title(node.element))} is an external task without a camunda:topic; "
                       "name the topic, which is the name of the Python service handler that does the work.",
                       code="bpmn.external_no_topic", element=label_of(node.element))
        elif name not in report.services:
            report.add(node.element, f"{cap(title(node.element))} names the {what} '{quote(name)}', but no Python "
                       "service handler is installed under that name; install one (the entry point group "
                       "palvelupolku.services, or Engine(services=...)) or model the work as a user task.",
                       code="bpmn.service_missing", element=label_of(node.element), name=quote(name))
        how = None
    else:
        how = java_sentence(node.element)
    if how is not None:
        report.add(node.element, f"{cap(title(node.element))} runs Java code ({how}); Palvelupolku cannot run it; "
                   "name a Python service handler with camunda:class, or model it as a user task or a script task.",
                   code="bpmn.java_code", element=label_of(node.element), how=how)
    elif node.kind == "serviceTask" and named is None:
        # SpiffWorkflow 3.2's serializer has no converter for a plain service task: deploy would fail.
        report.add(node.element, f"{cap(title(node.element))} has no implementation Palvelupolku can run, and "
                   "SpiffWorkflow 3.2 cannot store a plain service task; name a Python service handler with "
                   "camunda:class, or model it as a user task (work a person does) or a script task (Python).",
                   code="bpmn.service_no_implementation", element=label_of(node.element))
    if node.kind in ("sendTask", "receiveTask") and named is None:
        for holder in [node.element, *(c for c in node.element if kind(c) == "messageEventDefinition")]:
            check_message_ref(report, node, holder, required=False)


def _check_business_rule_task(report: Report, scope: Scope, node: Node) -> None:
    ref = (node.element.get(camunda("decisionRef")) or "").strip()
    if not ref:
        report.add(node.element, f"{cap(title(node.element))} is a business rule task without camunda:decisionRef; "
                   "name the DMN decision it evaluates (deploy the .dmn file with the process), or model the "
                   "decision with an exclusive gateway and conditions.",
                   code="bpmn.no_decision_ref", element=label_of(node.element))
    elif ref not in report.catalog.decisions:
        report.add(node.element, f"{cap(title(node.element))} evaluates the DMN decision '{quote(ref)}', which is "
                   "in none of the .dmn files being deployed or already deployed; deploy the .dmn file with the "
                   "process.",
                   code="bpmn.decision_missing", element=label_of(node.element), decision=quote(ref))
    elif any(report.catalog.required_decisions.get(ref, [])):
        needed = ", ".join(report.catalog.required_decisions[ref])
        report.add(node.element, f"{cap(title(node.element))} evaluates the DMN decision '{quote(ref)}', which "
                   f"requires the decision(s) {quote(needed)}; Palvelupolku evaluates one decision table at a time, "
                   "so evaluate each required decision first in its own business rule task (its "
                   "camunda:resultVariable named as the input the table reads).",
                   code="bpmn.decision_requires", element=label_of(node.element), decision=quote(ref),
                   required=quote(needed))
    binding = (node.element.get(camunda("decisionRefBinding")) or "latest").strip()
    if binding not in ("latest", "deployment"):
        report.add(node.element, f"{cap(title(node.element))} binds its decision by {binding}; Palvelupolku "
                   "evaluates the decision deployed with the process version, so leave camunda:decisionRefBinding "
                   "out.",
                   code="bpmn.decision_binding", element=label_of(node.element), binding=binding)


def _check_call_activity(report: Report, scope: Scope, node: Node) -> None:
    called = node.element.get("calledElement")
    target = report.catalog.process(called) if called else None
    if not called:
        report.add(node.element, f"{cap(title(node.element))} has no calledElement; name the id of the process "
                   "it calls.",
                   code="bpmn.no_called_element", element=label_of(node.element))
    elif target is None:
        report.add(node.element, f"{cap(title(node.element))} calls process '{quote(called)}', which is neither "
                   "in the files being validated nor deployed; deploy it first or validate both files together.",
                   code="bpmn.called_missing", element=label_of(node.element), process_id=quote(called))
    elif not is_executable(target):
        report.add(node.element, f"{cap(title(node.element))} calls process '{called}', which is not marked "
                   "isExecutable=\"true\"; Palvelupolku runs and checks only executable processes.",
                   code="bpmn.called_not_executable", element=label_of(node.element), process_id=quote(called))


def _check_subprocess(report: Report, scope: Scope, node: Node) -> None:
    if node.event_subprocess and node.scope is not None:
        if any(start.interrupting for start in node.scope.starts()):
            report.add(node.element, f"{cap(title(node.element))} is an interrupting event subprocess; "
                       "SpiffWorkflow's Camunda parser runs event subprocesses without interrupting the process, "
                       "so the rest would go on; make its start event non-interrupting or use an interrupting "
                       "boundary event.",
                       code="bpmn.interrupting_event_subprocess", element=label_of(node.element))


def _check_complex_gateway(report: Report, scope: Scope, node: Node) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a complex gateway, which SpiffWorkflow does not "
               "support; use an inclusive or a parallel gateway.",
               code="bpmn.complex_gateway", element=label_of(node.element))


NODE_CHECKS: dict[str, Callable[[Report, Scope, Node], None]] = {
    "userTask": _check_user_task,
    "scriptTask": _check_script_task,
    "serviceTask": _check_java,
    "sendTask": _check_java,
    "receiveTask": _check_java,
    "businessRuleTask": _check_business_rule_task,
    "callActivity": _check_call_activity,
    "complexGateway": _check_complex_gateway,
    **{tag: _check_subprocess for tag in SUBPROCESSES},
}


# --- small helpers ---------------------------------------------------------------------------------

def _is_int(value: str) -> bool:
    try:
        int(value.strip())
    except ValueError:
        return False
    return True


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return bool(_ISO_DAY.match(value.strip()))
