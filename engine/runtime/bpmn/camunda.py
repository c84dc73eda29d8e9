"""The Camunda 7 layer: a Camunda model rewritten, before anything reads it, into the dialect we run.

`translate_document` copies a loaded document's tree and rewrites, in the copy:

* JUEL (`${approved}`, `#{amount > 1000}`) in conditions, assignees, due dates, loop and
  multi-instance settings, timers and input/output mappings, into Python (`engine.runtime.bpmn.juel`);
  what lies outside the subset becomes a Problem saying why, and the text stays as it was;
* FEEL conditions (`= approved`) are refused with the Python to write instead;
* `camunda:dueDate="${dateTime().plusWeeks(1).toDate()}"` becomes the ISO 8601 duration `P7D`;
* data stores (which Camunda 7 only draws) are left out, with their associations;
* camunda:inputOutput and spiffworkflow:preScript/postScript become one Python pre-script and one
  post-script per task (attributes in `PALVELUPOLKU_NS`, run by `engine.runtime.bpmn.parser`);
* sequence flows without an id get a stable one, made from their source and target
  (`Flow_<source>_<target>`, numbered when taken), so SpiffWorkflow no longer drops them.

The validator (`engine.runtime.bpmn.validation`) checks the rewritten tree; the parser
(`engine.runtime.bpmn.parser.add_document`) reads it. The stored source stays the file as written.
`handler_name` says which Python service handler (`engine.runtime.services`) a service task names.
"""

from __future__ import annotations

import keyword
import re
import textwrap
from copy import deepcopy
from dataclasses import replace

from lxml import etree

from ..scripting import check_script
from .graph import FLOW_NODES, bpmn, camunda, cap, kind, label_of, title
from .juel import JuelError, is_juel, translate, translate_call, translate_identifier
from .xmlsafe import LoadedDocument, Problem

_DATE_TIME = re.compile(r"^[$#]\{\s*dateTime\(\)((?:\s*\.\s*plus(?:Years|Months|Weeks|Days|Hours|Minutes)"
                        r"\(\s*\d+\s*\))*)\s*\.\s*toDate\(\)\s*\}$")
_PLUS = re.compile(r"plus(Years|Months|Weeks|Days|Hours|Minutes)\(\s*(\d+)\s*\)")
_UNITS = {"Years": "Y", "Months": "M", "Weeks": "W", "Days": "D", "Hours": "H", "Minutes": "M"}
PALVELUPOLKU_NS = "urn:palvelupolku:dialect"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
_TRANSLATED = f"{{{PALVELUPOLKU_NS}}}translated"
JUEL_LANGUAGES = ("", "juel", "${}")
PYTHON_LANGUAGES = ("python", "python3")
_HOOKABLE = frozenset({"task", "userTask", "manualTask", "serviceTask", "sendTask", "scriptTask", "businessRuleTask",
                       "callActivity", "subProcess", "transaction"})
_SPIFF_HARMLESS = frozenset({"properties", "property", "instructionsForEndUser", "allowGuest", "guestConfirmation"})


def translate_document(doc: LoadedDocument) -> tuple[LoadedDocument, list[Problem]]:
    """A copy of `doc` in Palvelupolku's dialect, and the Problems of what could not be rewritten."""
    root = deepcopy(doc.root)
    translator = _Translator(doc.filename)
    translator.run(root)
    return replace(doc, root=root), translator.problems


def translate_root(root: etree._Element, filename: str) -> etree._Element:
    """The rewritten copy of a tree, its Problems dropped (the validator has reported them); a tree
    rewritten already (the validator's copy) is returned as it is, so a big file is not copied twice."""
    if root.get(_TRANSLATED) is not None:
        return root
    copy = deepcopy(root)
    _Translator(filename).run(copy)
    return copy


def handler_name(element: etree._Element) -> tuple[str, str] | None:
    """(what, name) of the Python handler a service or send task names, e.g. ('Java class', 'org.x.Y')."""
    value = (element.get(camunda("class")) or "").strip()
    if value:
        return "Java class", value
    value = (element.get(camunda("delegateExpression")) or "").strip()
    if value:
        inner = value[2:-1].strip() if is_juel(value) and value.endswith("}") else value
        return "delegate expression", inner
    if (element.get(camunda("type")) or "").strip().lower() == "external":
        return "external-task topic", (element.get(camunda("topic")) or "").strip()
    call = bean_call(element)
    if call is not None:
        return "bean expression", call[0]
    return None


def bean_call(element: etree._Element) -> tuple[str, list[str]] | None:
    """A camunda:expression calling a bean method: (handler name, Python argument expressions)."""
    value = (element.get(camunda("expression")) or "").strip()
    if not is_juel(value):
        return None
    try:
        return translate_call(value)
    except JuelError:
        return None


class _Translator:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def refuse(self, owner: etree._Element, what: str, text: str, reason: str) -> None:
        self.problems.append(Problem(self.filename, owner.get("id") or "", (
            f"{cap(what)} ('{_short(text)}') is JUEL that Palvelupolku cannot translate to Python: {reason} "
            "Write it as a Python expression over task data instead."),
                                     code="bpmn.juel_untranslatable",
                                     params={"element": label_of(owner), "text": _short(text), "detail": reason}))

    def run(self, root: etree._Element) -> None:
        root.set(_TRANSLATED, "1")
        self.flow_ids(root)
        self.data_stores(root)
        for element in root.iter(tag=etree.Element):
            tag = kind(element)
            if tag == "conditionExpression":
                self.condition(element)
            elif tag in ("loopCardinality", "completionCondition", "loopCondition", "timeDate",
                         "timeDuration", "timeCycle"):
                self.text(element, _owner(element), f"the {tag} of {title(_owner(element))}")
            if tag == "userTask":
                self.user_task(element)
            if tag == "multiInstanceLoopCharacteristics":
                self.collection(element)
            if tag == "multiInstanceLoopCharacteristics":
                self.standard_multi_instance(element)
            if tag and any(c.tag == bpmn("extensionElements") for c in element):
                self.scripts(element)

    def flow_ids(self, root: etree._Element) -> None:
        taken = {e.get("id") for e in root.iter(tag=etree.Element) if e.get("id")}
        for flow in root.iter(bpmn("sequenceFlow")):
            if flow.get("id"):
                continue
            base = f"Flow_{flow.get('sourceRef') or 'none'}_{flow.get('targetRef') or 'none'}"
            base = re.sub(r"[^\w.-]", "_", base)
            candidate, number = base, 1
            while candidate in taken:
                number += 1
                candidate = f"{base}_{number}"
            taken.add(candidate)
            flow.set("id", candidate)

    def data_stores(self, root: etree._Element) -> None:
        """Camunda 7 draws data stores but never reads or writes them: neither does Palvelupolku."""
        references = {r.get("id") for r in root.iter(bpmn("dataStoreReference"))}
        for association in [*root.iter(bpmn("dataInputAssociation"), bpmn("dataOutputAssociation"))]:
            refs = {(c.text or "").strip() for c in association if kind(c) in ("sourceRef", "targetRef")}
            if refs & references:
                association.getparent().remove(association)
        for element in [*root.iter(bpmn("dataStoreReference"), bpmn("dataStore"))]:
            element.getparent().remove(element)

    def condition(self, element: etree._Element) -> None:
        flow = element.getparent()
        what = f"the condition of {title(flow)}" if flow is not None else "a condition"
        language = (element.get("language") or "").strip().lower()
        text = (element.text or "").strip()
        if language == "feel" or (language in JUEL_LANGUAGES and text.startswith("=")):
            python = text[1:].strip() if text.startswith("=") else text
            self.problems.append(Problem(self.filename, (flow.get("id") if flow is not None else "") or "",
                                         f"{cap(what)} ('{_short(text)}') is FEEL; FEEL is not supported; write "
                                         f"Python: {_short(python)}.",
                                         code="bpmn.feel",
                                         params={"element": label_of(flow) if flow is not None else "",
                                                 "text": _short(text), "python": _short(python)}))
            return
        if language in JUEL_LANGUAGES and is_juel(text):
            self.text(element, flow if flow is not None else element, what)
            if element.get("language", "").strip().lower() == "juel":
                del element.attrib["language"]

    def text(self, element: etree._Element, owner: etree._Element, what: str) -> None:
        text = element.text or ""
        if not is_juel(text):
            return
        try:
            element.text = translate(text)
        except JuelError as exc:
            self.refuse(owner, what, text, str(exc))

    def attribute(self, element: etree._Element, name: str, what: str, identifier: bool = False) -> None:
        value = element.get(name)
        if value is None or not is_juel(value):
            return
        try:
            element.set(name, translate_identifier(value) if identifier else translate(value))
        except JuelError as exc:
            self.refuse(_owner(element), what, value, str(exc))

    def user_task(self, element: etree._Element) -> None:
        due = (element.get(camunda("dueDate")) or "").strip()
        match = _DATE_TIME.match(due)
        if match:
            element.set(camunda("dueDate"), _duration(match.group(1)))
        elif is_juel(due):
            try:
                element.set(camunda("dueDate"), translate(due))
            except JuelError as exc:
                self.refuse(element, f"the camunda:dueDate of {title(element)}", due,
                            f"{exc} A due date is an ISO 8601 duration from the task's creation (P7D), a date "
                            "(2026-12-01), or a Python expression giving one.")
        self.attribute(element, camunda("assignee"), f"the camunda:assignee of {title(element)}")
        groups = element.get(camunda("candidateGroups")) or ""
        if is_juel(groups):
            self.problems.append(Problem(self.filename, element.get("id") or "", (
                f"The camunda:candidateGroups of {title(element)} ('{_short(groups)}') is an expression; "
                "Palvelupolku reads candidate groups as names and would not evaluate it. Name the groups "
                "(camunda:candidateGroups=\"ely\") or put the task in the lane of its group."),
                                         code="bpmn.candidate_groups_expression",
                                         params={"element": label_of(element), "groups": _short(groups)}))

    def collection(self, element: etree._Element) -> None:
        owner = _owner(element)
        for name in ("collection", "elementVariable"):
            self.attribute(element, camunda(name), f"the camunda:{name} of {title(owner)}", identifier=True)

    def standard_multi_instance(self, element: etree._Element) -> None:
        """BPMN's (and SpiffWorkflow's) data references, which the Camunda parser would ignore."""
        refs = [kind(c) for c in element if kind(c) in ("loopDataInputRef", "loopDataOutputRef", "inputDataItem",
                                                       "outputDataItem")]
        if refs:
            owner = _owner(element)
            self.problems.append(Problem(self.filename, owner.get("id") or "", (
                f"{cap(title(owner))} is a multi-instance activity over {', '.join(f'bpmn:{r}' for r in refs)} "
                "(the SpiffWorkflow and plain BPMN way), which Palvelupolku does not run; name the list with "
                "camunda:collection=\"items\" and each element with camunda:elementVariable=\"item\" instead."),
                                         code="bpmn.multi_instance_refs", params={"element": label_of(owner)}))

    def scripts(self, element: etree._Element) -> None:
        """camunda:inputOutput and spiffworkflow:preScript/postScript -> one pre- and one post-script."""
        extensions = [c for c in element if c.tag == bpmn("extensionElements")]
        pre: list[str] = []
        post: list[str] = []
        for holder in extensions:
            for item in holder:
                if item.tag == camunda("inputOutput"):
                    for parameter in item:
                        line = self.parameter(element, parameter)
                        if line is not None:
                            (pre if parameter.tag == camunda("inputParameter") else post).append(line)
                elif item.tag == f"{{{SPIFF_NS}}}preScript" and (item.text or "").strip():
                    pre.append(textwrap.dedent(item.text or "").strip())
                elif item.tag == f"{{{SPIFF_NS}}}postScript" and (item.text or "").strip():
                    post.append(textwrap.dedent(item.text or "").strip())
                elif isinstance(item.tag, str) and item.tag.startswith(f"{{{SPIFF_NS}}}") \
                        and etree.QName(item).localname not in _SPIFF_HARMLESS:
                    self.problems.append(Problem(self.filename, element.get("id") or "", (
                        f"{cap(title(element))} uses SpiffWorkflow's spiffworkflow:{etree.QName(item).localname}, "
                        "which Palvelupolku does not run; messages carry the sender's task data as their payload, "
                        "so leave it out, or move the work into a script task."),
                                                 code="bpmn.spiff_extension",
                                                 params={"element": label_of(element),
                                                         "name": etree.QName(item).localname}))
        if not (pre or post):
            return
        if kind(element) not in _HOOKABLE:
            self.problems.append(Problem(self.filename, element.get("id") or "", (
                f"{cap(title(element))} has input/output mappings or pre/post-scripts, which Palvelupolku runs "
                "only on tasks, subprocesses and call activities; move them into a script task before or after it."),
                                         code="bpmn.mappings_not_here", params={"element": label_of(element)}))
            return
        for name, lines in (("preScript", pre), ("postScript", post)):
            if lines:
                script = "\n".join(lines)
                reason = check_script(script)
                if reason:
                    which = "input mappings or pre-script" if name == "preScript" else "output mappings or post-script"
                    self.problems.append(Problem(self.filename, element.get("id") or "",
                                                 f"The {which} of {title(element)} are refused: {reason}",
                                                 code="bpmn.mappings_refused",
                                                 params={"element": label_of(element), "detail": reason}))
                element.set(f"{{{PALVELUPOLKU_NS}}}{name}", script)

    def parameter(self, owner: etree._Element, parameter: etree._Element) -> str | None:
        name = parameter.get("name") or ""
        what = f"the {etree.QName(parameter).localname} '{name}' of {title(owner)}"
        if not (name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_")):
            self.problems.append(Problem(self.filename, owner.get("id") or "", (
                f"{cap(what)} cannot become task data: '{_short(name)}' is not a Python name (like amount)."),
                                         code="bpmn.mapping_bad_name",
                                         params={"element": label_of(owner), "name": _short(name)}))
            return None
        try:
            return f"{name} = {self.value(parameter)}"
        except JuelError as exc:
            self.refuse(owner, what, "".join(parameter.itertext()), str(exc))
            return None

    def value(self, node: etree._Element) -> str:
        """The Python for a mapping value: literal text, JUEL, a camunda:list or a camunda:map."""
        inner = [c for c in node if isinstance(c.tag, str)]
        if not inner:
            text = node.text or ""
            if is_juel(text):
                return translate(text)
            return repr(text) if text.strip() else "None"
        first = inner[0]
        if first.tag == camunda("list"):
            return "[" + ", ".join(self.value(v) for v in first if isinstance(v.tag, str)) + "]"
        if first.tag == camunda("map"):
            return "{" + ", ".join(f"{(e.get('key') or '')!r}: {self.value(e)}" for e in first
                                   if isinstance(e.tag, str)) + "}"
        if first.tag == camunda("script"):
            language = (first.get("scriptFormat") or "").strip().lower()
            if language in PYTHON_LANGUAGES and (first.text or "").strip() and "\n" not in first.text.strip():
                return f"({first.text.strip()})"
            raise JuelError(f"it is a {language or 'Camunda'} script; Palvelupolku evaluates mappings as one "
                            "Python expression.")
        raise JuelError(f"camunda:{etree.QName(first).localname} is not a value Palvelupolku can map.")


_RANGE = re.compile(r"^([\[\]\(])\s*(.+?)\s*\.\.\s*(.+?)\s*([\[\]\)])$")


def dmn_unary_test(text: str) -> str:
    """A DMN input entry in the FEEL forms Camunda's modeler writes, as SpiffWorkflow's DMN engine reads it.

    `[250..1000]` (and `]a..b[`, `(a..b)`) becomes `250 <= ? <= 1000`; `"a","b"` becomes `? in ("a", "b")`;
    `-` matches anything; what else is there (`< 250`, `"Misc"`, `true`) SpiffWorkflow reads already.
    """
    entry = text.strip()
    if entry == "-":
        return ""
    match = _RANGE.match(entry)
    if match:
        low = "<=" if match.group(1) == "[" else "<"
        high = "<=" if match.group(4) == "]" else "<"
        return f"{match.group(2)} {low} ? {high} {match.group(3)}"
    items = _top_level_split(entry)
    if len(items) > 1:
        return f"? in ({', '.join(items)})"
    return entry


def _top_level_split(text: str) -> list[str]:
    items, current, quote = [], "", ""
    for c in text:
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == ",":
            items.append(current.strip())
            current = ""
            continue
        current += c
    return [*items, current.strip()]


def _owner(element: etree._Element) -> etree._Element:
    """The BPMN flow element (or sequence flow) an attribute, extension or child element belongs to."""
    for candidate in (element, *element.iterancestors()):
        if kind(candidate) in FLOW_NODES or kind(candidate) in ("sequenceFlow", "process"):
            return candidate
    return element


def _duration(plus: str) -> str:
    amounts: dict[str, int] = {}
    for unit, amount in _PLUS.findall(plus):
        amounts[unit] = amounts.get(unit, 0) + int(amount)
    if "Weeks" in amounts:   # SpiffWorkflow's duration parser does not mix weeks with other units
        amounts["Days"] = amounts.get("Days", 0) + 7 * amounts.pop("Weeks")
    date_part = "".join(f"{amounts[u]}{_UNITS[u]}" for u in ("Years", "Months", "Days") if u in amounts)
    time_part = "".join(f"{amounts[u]}{_UNITS[u]}" for u in ("Hours", "Minutes") if u in amounts)
    if not date_part and not time_part:
        return "P0D"
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "..."
