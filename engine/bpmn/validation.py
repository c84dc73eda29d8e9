"""Validation of BPMN files before they are deployed: every reason a file cannot run, at once.

The checks run on the XML tree (see `engine.bpmn.graph`) so that they can speak of any file, even
one SpiffWorkflow would choke on. Only when they find nothing is the file handed to SpiffWorkflow's
parser (and serializer), whose every exception becomes a Problem too. Nothing here raises on bad
input: a file that is not XML, not BPMN or not runnable yields Problems (`FILE:ELEMENT_ID: sentence`).

Order of work: read files -> per document (ids, definitions, each executable process scope by
scope, element by element) -> across documents (process ids, recursive calls) -> the aftercare
rule (`engine.bpmn.aftercare`) -> SpiffWorkflow, if the structure was sound.
"""

from __future__ import annotations

import ast
import json
import keyword
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException

from ..errors import BpmnValidationError
from ..forms import CONSTRAINTS, FIELD_TYPES
from ..scripting import check_expression, check_script
from .aftercare import check_aftercare
from .graph import (
    ACTIVITIES,
    CONDITIONAL_GATEWAYS,
    EVENTS,
    FLOW_NODES,
    GATEWAYS,
    OMG_NAMESPACES,
    SUBPROCESSES,
    Catalog,
    Flow,
    Node,
    Scope,
    bpmn,
    camunda,
    cap,
    child,
    executable_processes,
    is_executable,
    kind,
    processes,
    recursive_calls,
    text_of,
    title,
    words,
)
from .parser import add_document, is_iso_datetime, is_iso_duration, is_iso_timer_value, new_parser, new_serializer
from .xmlsafe import MAX_BPMN_BYTES, NO_ELEMENT, LoadedDocument, Problem, is_valid_id, load_document

PYTHON_NAMES = ("python", "python3")
JAVA_ATTRIBUTES = ("class", "delegateExpression", "expression")
TIMER_EXAMPLES = {
    "timeDate": "an ISO 8601 date and time like 2026-01-31T09:00:00+02:00",
    "timeDuration": "an ISO 8601 duration like P14D",
    "timeCycle": "an ISO 8601 cycle like R3/P1D",
}
_ROOT_DEFINITIONS = ("process", "message", "signal", "error", "escalation", "dataStore")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPIFF_MESSAGE_LIMIT = 300
_QUOTE_LIMIT = 80


# --- files -----------------------------------------------------------------------------------------

def collect_bpmn_files(path: str | Path) -> list[Path]:
    """A file -> [it]; a folder -> its *.bpmn files, recursively and sorted (symlinked folders not followed)."""
    root = Path(path)
    if not root.is_dir():
        return [root]
    found: list[Path] = []
    for folder, _dirs, files in os.walk(root):
        found.extend(Path(folder) / name for name in files if name.lower().endswith(".bpmn"))
    return sorted(found)


def validate_paths(paths: Sequence[str | Path], *,
                   aftercare: bool = True) -> tuple[list[LoadedDocument], list[Problem]]:
    """Read and validate files together, so that call activities between them resolve."""
    docs: list[LoadedDocument] = []
    problems: list[Problem] = []
    for path in dict.fromkeys(f for p in paths for f in collect_bpmn_files(p)):
        try:
            docs.append(load_document(_read(path), str(path)))
        except BpmnValidationError as exc:
            problems.extend(exc.problems)
    return docs, problems + validate_documents(docs, aftercare=aftercare)


def _read(path: Path) -> bytes:
    """The file's bytes; the size is checked before reading, so a huge file is never loaded."""
    def refuse(message: str) -> BpmnValidationError:
        return BpmnValidationError(f"{path} cannot be read.", [Problem(str(path), NO_ELEMENT, message)])

    try:
        if not path.exists():
            raise refuse("The file does not exist.")
        if not path.is_file():  # a FIFO or a device would block or never end
            raise refuse("This is not a regular file.")
        size = path.stat().st_size
        if size > MAX_BPMN_BYTES:
            raise refuse(f"The file is {size / 1024 / 1024:.1f} MB; BPMN files may be at most "
                         f"{MAX_BPMN_BYTES // 1024 // 1024} MB.")
        with path.open("rb") as handle:
            return handle.read(MAX_BPMN_BYTES + 1)  # it may have grown since stat(); load_document refuses
    except OSError as exc:
        raise refuse(f"The file cannot be read: {exc.strerror or exc}.") from None


def validate_documents(docs: Sequence[LoadedDocument], *, aftercare: bool = True,
                       extra_documents: Sequence[LoadedDocument] = ()) -> list[Problem]:
    """Every problem of `docs`; `extra_documents` (already deployed) only resolve call activities."""
    catalog = Catalog(docs, extra_documents)
    problems: list[Problem] = []
    for doc in docs:
        problems.extend(_check_document(doc, catalog))
    problems.extend(_check_process_ids(docs, extra_documents))
    problems.extend(_check_call_cycles(catalog))
    structural_ok = not problems
    if aftercare:
        problems.extend(check_aftercare(catalog))
    if structural_ok:
        problems.extend(_load_with_spiffworkflow(docs, extra_documents))
    return list(dict.fromkeys(problems))


# --- one document ----------------------------------------------------------------------------------

@dataclass
class Report:
    """The document being checked and the problems found in it so far."""

    doc: LoadedDocument
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    defined: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        root = self.doc.root
        self.ids = {e.get("id") or "" for e in root.iter(tag=etree.Element)
                    if etree.QName(e).namespace in OMG_NAMESPACES}
        self.defined = {tag: {e.get("id") or "" for e in root.iter(bpmn(tag))}
                        for tag in ("message", "signal", "error", "escalation")}

    def add(self, where: etree._Element | str | None, message: str) -> None:
        element_id = where if isinstance(where, str) or where is None else where.get("id")
        self.problems.append(Problem(self.doc.filename, element_id or NO_ELEMENT, message))


def _check_document(doc: LoadedDocument, catalog: Catalog) -> list[Problem]:
    report = Report(doc, catalog)
    _check_ids(report)
    _check_root_definitions(report)
    runnable = executable_processes(doc)
    if not runnable:
        _no_executable_process(report)
    for process in runnable:
        for scope in catalog.scope(process).walk():
            _check_scope(report, scope)
        _check_lanes(report, process)
        _check_camunda_extensions(report, process)
    return report.problems


def _no_executable_process(report: Report) -> None:
    found = processes(report.doc)
    if not found:
        report.add(None, "No executable process: the file holds no bpmn:process at all; add a process and mark "
                   "it isExecutable=\"true\".")
        return
    names = ", ".join(title(p) for p in found[:5]) + (", ..." if len(found) > 5 else "")
    verb = "is" if len(found) == 1 else "are"
    report.add(found[0], f"No executable process: {names} {verb} not marked executable; mark the process "
               "isExecutable=\"true\" (in Camunda Modeler: the 'Executable' checkbox) so that Palvelupolku "
               "can run it.")


def _check_ids(report: Report) -> None:
    seen: dict[str, list[etree._Element]] = {}
    for element in report.doc.root.iter(tag=etree.Element):
        value = element.get("id")
        if value is None or etree.QName(element).namespace not in OMG_NAMESPACES:
            continue  # camunda:formField ids and the like are not XML ids
        if not is_valid_id(value):
            report.add(None, f"The {_what(element)} on line {element.sourceline} has the id '{_quote(value)}', "
                       "which is not a valid BPMN id; ids are XML names, without spaces or colons.")
        seen.setdefault(value, []).append(element)
    for value, elements in seen.items():
        if len(elements) > 1 and value:
            where = ", ".join(f"{_what(e)} on line {e.sourceline}" for e in elements[:5])
            report.add(value, f"The id '{_quote(value)}' is used by {len(elements)} elements ({where}); ids must "
                       "be unique within a file.")


def _check_root_definitions(report: Report) -> None:
    """Definitions SpiffWorkflow indexes for the whole file, executable process or not."""
    for element in report.doc.root.iter(*(bpmn(t) for t in _ROOT_DEFINITIONS)):
        tag = kind(element)
        if not element.get("id"):
            report.add(None, f"The {words(tag)} on line {element.sourceline} has no id; SpiffWorkflow refuses "
                       f"a {words(tag)} without an id.")
        if tag == "dataStore":
            report.add(element, f"{cap(title(element))} cannot be used: Palvelupolku has no data store "
                       "implementation, so SpiffWorkflow refuses the whole file; keep the data in task data instead.")


def _check_lanes(report: Report, process: etree._Element) -> None:
    nodes = {e.get("id") for e in process.iter(tag=etree.Element) if kind(e) in FLOW_NODES}
    for ref in process.iter(bpmn("flowNodeRef")):
        target = (ref.text or "").strip()
        if target not in nodes:
            lane = ref.getparent()
            report.add(lane, f"{cap(title(lane))} lists '{_quote(target)}', which is not an element of "
                       f"{title(process)}; remove it from the lane.")


def _check_camunda_extensions(report: Report, process: etree._Element) -> None:
    """Camunda features SpiffWorkflow skips silently: the model would run without them."""
    wanted = (camunda("executionListener"), camunda("taskListener"), camunda("inputOutput"))
    for extension in process.iter(*wanted):
        owner = next((a for a in extension.iterancestors() if kind(a) and kind(a) != "extensionElements"), process)
        if extension.tag == camunda("inputOutput"):
            report.add(owner, f"{cap(title(owner))} has camunda:inputOutput mappings; Palvelupolku does not apply "
                       "them, so set the values in a script task instead.")
        else:
            which = "task" if extension.tag == camunda("taskListener") else "execution"
            report.add(owner, f"{cap(title(owner))} has a Camunda {which} listener; Palvelupolku does not run "
                       "listeners, so its work would be skipped; move it into a script task.")


# --- a process or subprocess scope -----------------------------------------------------------------

def _check_scope(report: Report, scope: Scope) -> None:
    _check_unidentified(report, scope)
    for flow in scope.flows:
        if flow.id:
            _check_flow(report, scope, flow)
    for node in scope.nodes.values():
        _check_node(report, scope, node)


def _check_unidentified(report: Report, scope: Scope) -> None:
    for item in scope.element:
        tag = kind(item)
        if item.get("id"):
            continue
        if tag == "sequenceFlow":
            report.add(None, f"The sequence flow on line {item.sourceline} (from '{_quote(item.get('sourceRef'))}' "
                       f"to '{_quote(item.get('targetRef'))}') has no id; SpiffWorkflow silently drops sequence flows "
                       "without an id, so give it one.")
        elif tag in FLOW_NODES:
            named = f" '{_quote(item.get('name'))}'" if item.get("name") else ""
            report.add(None, f"The {words(tag)}{named} on line {item.sourceline} has no id; SpiffWorkflow cannot "
                       "reach an element without an id, so give it one.")


def _check_flow(report: Report, scope: Scope, flow: Flow) -> None:
    for attribute, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
        if not ref:
            report.add(flow.element, f"{cap(title(flow.element))} has no {attribute}; every sequence flow needs "
                       "a sourceRef and a targetRef.")
        elif ref not in scope.nodes:
            where = (f"'{_quote(ref)}' is not an element of the same {words(kind(scope.element))}; sequence flows "
                     "cannot cross into or out of a subprocess" if ref in report.ids
                     else f"no element with the id '{_quote(ref)}' exists in this file")
            report.add(flow.element, f"{cap(title(flow.element))} has {attribute}=\"{_quote(ref)}\", but {where}.")
    source = scope.nodes.get(flow.source or "")
    if source is not None and flow.condition is not None:
        _check_condition(report, flow, source)


def _check_condition(report: Report, flow: Flow, source: Node) -> None:
    condition = flow.condition
    what = title(flow.element)
    if source.kind not in CONDITIONAL_GATEWAYS:
        report.add(flow.element, f"{cap(what)} has a condition, but it leaves {title(source.element)}, where "
                   "SpiffWorkflow ignores conditions; only exclusive and inclusive gateways evaluate them.")
        return
    if condition is None or source.element.get("default") == flow.id:
        return  # the condition of a default flow is never evaluated
    language = (condition.get("language") or "").strip()
    if language and language.lower() not in PYTHON_NAMES:
        report.add(flow.element, f"The condition of {what} is written in '{language}'; Palvelupolku evaluates "
                   "conditions as Python expressions.")
    elif not text_of(condition):
        report.add(flow.element, f"{cap(what)} has an empty condition; write a Python expression, or make the "
                   "flow the gateway's default.")
    else:
        _expression(report, flow.element, f"the condition of {what}", text_of(condition))


def _check_node(report: Report, scope: Scope, node: Node) -> None:
    _check_reserved_id(report, node)
    _check_outgoing(report, scope, node)
    _check_loop(report, node)
    check = _NODE_CHECKS.get(node.kind)
    if check is not None:
        check(report, scope, node)
    if node.kind in EVENTS:
        _check_event(report, scope, node)


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
                   f"internal task names ({reason}); rename the element.")


def _check_outgoing(report: Report, scope: Scope, node: Node) -> None:
    leaving = scope.leaving.get(node.id, [])
    default = node.element.get("default")
    if default and default not in {f.id for f in leaving}:
        report.add(node.element, f"{cap(title(node.element))} names '{_quote(default)}' as its default flow, "
                   "which is not one of its outgoing sequence flows.")
    if len(leaving) > 1 and node.kind not in GATEWAYS and node.kind != "startEvent":
        report.add(node.element, f"{cap(title(node.element))} has {len(leaving)} outgoing sequence flows; "
                   f"SpiffWorkflow allows only one from a {words(node.kind)}, so branch with a gateway after it.")
    if node.kind in CONDITIONAL_GATEWAYS and len(leaving) > 1:
        for flow in leaving:
            if flow.id != default and flow.condition is None:
                report.add(flow.element, f"{cap(title(flow.element))} leaves {title(node.element)} without a "
                           "condition and is not its default flow; give it a condition or make it the gateway's "
                           "default.")


def _check_loop(report: Report, node: Node) -> None:
    multi = child(node.element, "multiInstanceLoopCharacteristics")
    if multi is not None:
        for tag in ("loopCardinality", "completionCondition"):
            if text_of(child(multi, tag)):
                _expression(report, node.element, f"the {words(tag)} of {title(node.element)}",
                            text_of(child(multi, tag)))
        for attribute in ("collection", "elementVariable"):
            value = multi.get(camunda(attribute))
            if value is not None and not _is_identifier(value):
                report.add(node.element, f"The camunda:{attribute} '{_quote(value)}' of {title(node.element)} "
                           "must be the name of a task data variable (a Python identifier like items).")
    loop = child(node.element, "standardLoopCharacteristics")
    if loop is not None and text_of(child(loop, "loopCondition")):
        _expression(report, node.element, f"the loop condition of {title(node.element)}",
                    text_of(child(loop, "loopCondition")))


# --- activities ------------------------------------------------------------------------------------

def _check_user_task(report: Report, scope: Scope, node: Node) -> None:
    element = node.element
    assignee = element.get(camunda("assignee"))
    if assignee is not None and assignee.strip():
        _expression(report, element, f"the camunda:assignee of {title(element)}", assignee.strip())
    due = (element.get(camunda("dueDate")) or "").strip()
    if due and not (is_iso_duration(due) or is_iso_datetime(due)):
        _expression(report, element, f"the camunda:dueDate of {title(element)}", due)
    fields = [f for data in element.iter(camunda("formData")) for f in data if f.tag == camunda("formField")]
    form_key = element.get(camunda("formKey"))
    if form_key and not fields:
        report.add(element, f"{cap(title(element))} uses the external form '{_quote(form_key)}', which Palvelupolku "
                   "cannot show; define the form fields with camunda:formData instead.")
    seen: set[str] = set()
    for form_field in fields:
        _check_form_field(report, element, form_field, seen)


def _check_form_field(report: Report, task: etree._Element, form_field: etree._Element, seen: set[str]) -> None:
    what = cap(title(task))
    field_id = form_field.get("id") or ""
    field_type = form_field.get("type") or "string"
    if not field_id:
        report.add(task, f"{what} has a form field without an id (line {form_field.sourceline}); every field "
                   "needs an id, which becomes its task data name.")
    elif not _is_identifier(field_id):
        report.add(task, f"{what} has the form field id '{_quote(field_id)}', which is not a valid Python "
                   "identifier; field ids become task data names used in conditions and scripts (like "
                   "customer_name).")
    elif field_id in seen:
        report.add(task, f"{what} has two form fields with the id '{field_id}'; field ids must be unique "
                   "within a form.")
    seen.add(field_id)
    if field_type not in FIELD_TYPES:
        report.add(task, f"{what} has an unknown form field type '{_quote(field_type)}' in field '{field_id}'; "
                   f"use one of: {', '.join(FIELD_TYPES)}.")
        return
    options = [v.get("id") or "" for v in form_field if v.tag == camunda("value")]
    if field_type == "enum" and not options:
        report.add(task, f"{what} has the enum field '{field_id}' without any camunda:value; add the options "
                   "to choose from.")
    for constraint in form_field.iter(camunda("constraint")):
        reason = _constraint_problem(constraint.get("name") or "", constraint.get("config"), field_type)
        if reason:
            report.add(task, f"{what}, form field '{field_id}': {reason}")
    reason = _default_problem(form_field.get("defaultValue"), field_type, options)
    if reason:
        report.add(task, f"{what}, form field '{field_id}': {reason}")


def _constraint_problem(name: str, config: str | None, field_type: str) -> str | None:
    value = (config or "").strip()
    if name not in CONSTRAINTS:
        return f"unknown constraint '{_quote(name)}'; use one of: {', '.join(CONSTRAINTS)}."
    if name in ("min", "max"):
        if field_type == "long" and not _is_int(value):
            return f"constraint '{name}' needs a whole number as its config, not '{_quote(value)}'."
        if field_type == "date" and not _is_day(value):
            return f"constraint '{name}' needs a date like 2026-01-31 as its config, not '{_quote(value)}'."
        if field_type not in ("long", "date"):
            return f"constraint '{name}' applies only to long and date fields, not to a {field_type} field."
    if name in ("minlength", "maxlength"):
        if field_type != "string":
            return f"constraint '{name}' applies only to string fields, not to a {field_type} field."
        if not (_is_int(value) and int(value) >= 0):
            return f"constraint '{name}' needs a whole number of at least 0 as its config, not '{_quote(value)}'."
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
        return f"the default value '{_quote(default)}' looks like a JUEL expression; Palvelupolku shows it as text."
    return f"the default value '{_quote(default)}' is not a valid {field_type} value."


def _check_script_task(report: Report, scope: Scope, node: Node) -> None:
    element = node.element
    script_format = (element.get("scriptFormat") or "").strip()
    resource = element.get(camunda("resource"))
    script = child(element, "script")
    text = script.text if script is not None else None
    if script_format and script_format.lower() not in PYTHON_NAMES:
        report.add(element, f"{cap(title(element))} has scriptFormat '{_quote(script_format)}'; Palvelupolku "
                   "runs only Python scripts, so write it in Python with scriptFormat python (or none).")
    elif resource:
        report.add(element, f"{cap(title(element))} loads its script from the resource '{_quote(resource)}', "
                   "which Palvelupolku cannot read; put the Python code in the script body.")
    elif not text or not text.strip():
        report.add(element, f"{cap(title(element))} has no script; write the Python code it should run in its "
                   "script body.")
    else:
        reason = check_script(text)
        if reason:
            report.add(element, f"The script of {title(element)} is refused: {reason}")


def _java_sentence(element: etree._Element) -> str | None:
    for attribute in JAVA_ATTRIBUTES:
        value = element.get(camunda(attribute))
        if value:
            return f"camunda:{attribute}=\"{_quote(value)}\""
    if (element.get(camunda("type")) or "").strip().lower() == "external":
        return f"an external task for Java workers, topic '{_quote(element.get(camunda('topic')) or '')}'"
    if any(True for _ in element.iter(camunda("connector"))):
        return "a Camunda connector"
    return None


def _check_java(report: Report, scope: Scope, node: Node) -> None:
    how = _java_sentence(node.element)
    if how is not None:
        report.add(node.element, f"{cap(title(node.element))} runs Java code ({how}); Palvelupolku cannot run it; "
                   "model it as a user task or a script task.")
    elif node.kind == "serviceTask":
        # SpiffWorkflow 3.2's serializer has no converter for a plain service task: deploy would fail.
        report.add(node.element, f"{cap(title(node.element))} has no implementation Palvelupolku can run, and "
                   "SpiffWorkflow 3.2 cannot store a plain service task; model it as a user task (work a person "
                   "does) or a script task (Python).")
    if node.kind in ("sendTask", "receiveTask"):
        for holder in [node.element, *(c for c in node.element if kind(c) == "messageEventDefinition")]:
            _check_message_ref(report, node, holder, required=False)


def _check_business_rule_task(report: Report, scope: Scope, node: Node) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a business rule task (a DMN decision); Palvelupolku "
               "does not run DMN decisions; model the decision with an exclusive gateway and conditions, or a "
               "script task.")


def _check_call_activity(report: Report, scope: Scope, node: Node) -> None:
    called = node.element.get("calledElement")
    target = report.catalog.process(called) if called else None
    if not called:
        report.add(node.element, f"{cap(title(node.element))} has no calledElement; name the id of the process "
                   "it calls.")
    elif target is None:
        report.add(node.element, f"{cap(title(node.element))} calls process '{_quote(called)}', which is neither "
                   "in the files being validated nor deployed; deploy it first or validate both files together.")
    elif not is_executable(target):
        report.add(node.element, f"{cap(title(node.element))} calls process '{called}', which is not marked "
                   "isExecutable=\"true\"; Palvelupolku runs and checks only executable processes.")


def _check_subprocess(report: Report, scope: Scope, node: Node) -> None:
    if node.event_subprocess and node.scope is not None:
        if any(start.interrupting for start in node.scope.starts()):
            report.add(node.element, f"{cap(title(node.element))} is an interrupting event subprocess; "
                       "SpiffWorkflow's Camunda parser runs event subprocesses without interrupting the process, "
                       "so the rest would go on; make its start event non-interrupting or use an interrupting "
                       "boundary event.")


def _check_complex_gateway(report: Report, scope: Scope, node: Node) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a complex gateway, which SpiffWorkflow does not "
               "support; use an inclusive or a parallel gateway.")


_NODE_CHECKS: dict[str, Callable[[Report, Scope, Node], None]] = {
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


# --- events ----------------------------------------------------------------------------------------

def _check_event(report: Report, scope: Scope, node: Node) -> None:
    definitions = [c for c in node.element if kind(c).endswith("EventDefinition")]
    if child(node.element, "eventDefinitionRef") is not None:
        report.add(node.element, f"{cap(title(node.element))} refers to a shared event definition "
                   "(eventDefinitionRef); SpiffWorkflow reads only event definitions inside the event itself.")
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
        report.add(node.element, f"{what} has no attachedToRef; say which activity it is attached to.")
    elif host not in scope.nodes or scope.nodes[host].kind not in ACTIVITIES:
        report.add(node.element, f"{what} is attached to '{_quote(host)}', which is not an activity in the same "
                   "process or subprocess.")
    if not definitions:
        report.add(node.element, f"{what} has no event definition; say what it waits for (a timer, a message or "
                   "an error).")


def _refuse_link(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a link event; SpiffWorkflow 3.2 does not support "
               "link events (the path would silently stop there); connect the elements with a sequence flow.")


def _refuse_compensation(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a compensation event; SpiffWorkflow 3.2 does not "
               "support compensation; model the undo steps as ordinary tasks.")


def _refuse_conditional(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    report.add(node.element, f"{cap(title(node.element))} is a conditional event; SpiffWorkflow 3.2 checks its "
               "condition only once, when the event is reached, and never again, so it could wait for ever; use "
               "an exclusive gateway, a timer or a message instead.")


def _check_timer(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    what = title(node.element)
    values = [c for c in definition if kind(c) in TIMER_EXAMPLES]
    if not values:
        report.add(node.element, f"The timer of {what} has no timeDate, timeDuration or timeCycle; say when it "
                   "fires, for example a timeDuration of P14D.")
        return
    # The parser reads timeDate, then timeDuration, then timeCycle: check the one it will use.
    chosen = min(values, key=lambda c: list(TIMER_EXAMPLES).index(kind(c)))
    reason = _timer_problem(text_of(chosen), kind(chosen))
    if reason:
        report.add(node.element, f"The timer of {what} {reason}")


def _timer_problem(text: str, timer_kind: str) -> str | None:
    example = TIMER_EXAMPLES[timer_kind]
    if not text:
        return f"has an empty {timer_kind}; write {example}."
    if is_iso_timer_value(text, timer_kind):
        return None
    reason = check_expression(text)
    if reason:
        return (f"has the {timer_kind} '{_quote(text)}', which is not {example}, nor an allowed Python "
                f"expression: {reason}")
    literal = _string_literal(text)
    if literal is not None and not is_iso_timer_value(literal, timer_kind):
        return f"has the {timer_kind} '{_quote(literal)}', which is not {example}."
    return None


def _check_message(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    _check_message_ref(report, node, definition, required=True)
    if node.kind in ("intermediateThrowEvent", "endEvent"):
        how = _java_sentence(definition)
        if how is not None:
            report.add(node.element, f"{cap(title(node.element))} runs Java code ({how}); Palvelupolku cannot run "
                       "it; leave the implementation out and the message carries the task data.")


def _check_message_ref(report: Report, node: Node, holder: etree._Element, required: bool) -> None:
    ref = holder.get("messageRef")
    if ref and ref not in report.defined["message"]:
        report.add(node.element, f"{cap(title(node.element))} refers to message '{_quote(ref)}', which is not "
                   f"defined in this file; add <bpmn:message id=\"{_quote(ref)}\" name=\"...\"/>.")
    elif not ref and required and not node.element.get("name"):
        report.add(node.element, f"{cap(title(node.element))} has neither a messageRef nor a name, so there is no "
                   "telling which message it is about; define a bpmn:message and refer to it.")


def _check_signal(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
    what = cap(title(node.element))
    ref = definition.get("signalRef")
    if ref and ref not in report.defined["signal"]:
        report.add(node.element, f"{what} refers to signal '{_quote(ref)}', which is not defined in this file.")
        return
    if node.kind == "startEvent" and kind(scope.element) == "process":
        report.add(node.element, f"{what} waits for a signal; Palvelupolku does not send signals between "
                   "instances, so nothing could start the process this way; use a message start event.")
    elif node.kind in ("startEvent", "intermediateCatchEvent", "boundaryEvent"):
        name = report.catalog.signal_name(report.doc, node.element, definition)
        if name not in report.catalog.thrown_signals():
            report.add(node.element, f"{what} waits for signal '{name}', which no element of these processes "
                       "throws; Palvelupolku does not pass signals between instances, so it would wait for ever.")


def _check_reference(tag: str) -> Callable[[Report, Scope, Node, etree._Element], None]:
    def check(report: Report, scope: Scope, node: Node, definition: etree._Element) -> None:
        ref = definition.get(f"{tag}Ref")
        if ref and ref not in report.defined[tag]:
            report.add(node.element, f"{cap(title(node.element))} refers to {tag} '{_quote(ref)}', which is not "
                       f"defined in this file; add a bpmn:{tag} with that id.")
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

def _expression(report: Report, where: etree._Element, what: str, text: str) -> None:
    reason = check_expression(text)
    if reason:
        report.add(where, f"{cap(what)} ('{_quote(text)}') is refused: {reason}")


def _string_literal(text: str) -> str | None:
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return None
    body = tree.body
    return body.value if isinstance(body, ast.Constant) and isinstance(body.value, str) else None


def _is_identifier(value: str) -> bool:
    return value.isidentifier() and not keyword.iskeyword(value)


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


def _quote(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _QUOTE_LIMIT else text[:_QUOTE_LIMIT] + "..."


def _what(element: etree._Element) -> str:
    return words(kind(element)) if kind(element) else etree.QName(element).localname


# --- across documents ------------------------------------------------------------------------------

def _check_process_ids(docs: Sequence[LoadedDocument], extra: Sequence[LoadedDocument]) -> list[Problem]:
    """SpiffWorkflow keeps one namespace for the processes and subprocesses of all files it parses."""
    owners: dict[str, LoadedDocument] = {}
    problems = []
    tags = [bpmn("process"), *(bpmn(t) for t in sorted(SUBPROCESSES))]
    for doc in [*docs, *extra]:
        for element in doc.root.iter(*tags):
            value = element.get("id")
            first = owners.setdefault(value, doc) if value else doc
            if first is not doc and any(doc is d for d in docs):
                problems.append(Problem(doc.filename, value or NO_ELEMENT,
                                        f"The id '{_quote(value or '')}' of {title(element)} is also a process or "
                                        f"subprocess id in {first.filename}; process and subprocess ids must be "
                                        "unique across all deployed files."))
    return problems


def _check_call_cycles(catalog: Catalog) -> list[Problem]:
    return [Problem(doc.filename, call.get("id") or NO_ELEMENT,
                    f"{cap(title(call))} makes a recursive call ({' -> '.join(chain)}); SpiffWorkflow would expand "
                    "the calls without end, so a process may not call itself.")
            for doc, call, chain in recursive_calls(catalog)]


# --- SpiffWorkflow ---------------------------------------------------------------------------------

def _load_with_spiffworkflow(docs: Sequence[LoadedDocument], extra: Sequence[LoadedDocument]) -> list[Problem]:
    parser = new_parser()
    for doc in [*docs, *extra]:
        try:
            add_document(parser, doc.root, doc.filename)
        except Exception as exc:  # SpiffWorkflow raises anything, from KeyError to RecursionError
            return [_spiff_problem(exc, doc, None, "cannot read")]
    problems = []
    stored: set[int] = set()   # the parser hands out one spec object per process: store-check each once
    for doc in docs:
        for process in executable_processes(doc):
            stage = "cannot load"
            try:
                spec = parser.get_spec(process.get("id"))
                subprocess_specs = parser.get_subprocess_specs(process.get("id"))
                stage = "loaded but cannot store"
                _round_trip([spec, *subprocess_specs.values()], stored)
            except Exception as exc:  # every failure of the parser is a Problem, never a traceback
                problems.append(_spiff_problem(exc, doc, process, stage))
    return problems


def _round_trip(specs: list[object], stored: set[int]) -> None:
    """Serialize and restore specs as deploy and the runtime will, so that a failure shows now."""
    registry = new_serializer().registry
    for spec in specs:
        if id(spec) not in stored:
            registry.restore(json.loads(json.dumps(registry.convert(spec))))
            stored.add(id(spec))


def _spiff_problem(exc: Exception, doc: LoadedDocument, process: etree._Element | None, doing: str) -> Problem:
    what = title(process) if process is not None else "this file"
    if isinstance(exc, RecursionError) or str(exc).startswith("RecursionError("):  # SpiffWorkflow wraps it
        return Problem(doc.filename, _element_id(process),
                       f"SpiffWorkflow {doing} {what}: its parser ran out of recursion depth; the process is too "
                       "long or too deeply nested for SpiffWorkflow.")
    text = _shorten(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)).rstrip(" .")
    if isinstance(exc, ValidationException):
        element = str(exc.id) if exc.id and is_valid_id(str(exc.id)) else _element_id(process)
        line = f" (line {exc.line_number})" if exc.line_number else ""
        named = exc.id and process is not None and exc.id != process.get("id")
        at = f" at {exc.tag} '{exc.name or exc.id}'" if exc.tag and named else ""
        return Problem(doc.filename, element, f"SpiffWorkflow {doing} {what}{at}: {text}{line}.")
    detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return Problem(doc.filename, _element_id(process), f"SpiffWorkflow {doing} {what}: {detail}.")


def _element_id(element: etree._Element | None) -> str:
    value = element.get("id") if element is not None else None
    return value if value and is_valid_id(value) else NO_ELEMENT


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SPIFF_MESSAGE_LIMIT else text[:_SPIFF_MESSAGE_LIMIT] + " ..."
