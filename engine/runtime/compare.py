"""What changed between two versions of a process: elements added, removed and changed, by id.

An element is anything with an id directly inside a process, subprocess, lane set, lane or
collaboration (tasks, events, gateways, flows, lanes, participants...), plus the process itself.
Its content (documentation, form fields, extension properties, conditions, timer and message
definitions) belongs to it; layout (BPMN DI) is not compared: moving a shape changes nothing.
Both files are read with the hardened loader of `engine.bpmn.xmlsafe`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .bpmn import load_document
from .bpmn.graph import CAMUNDA_NS

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CONTAINERS = {"definitions", "process", "subProcess", "transaction", "adHocSubProcess", "laneSet", "lane",
              "collaboration", "childLaneSet"}
# Children of an element that are elements of their own, compared separately.
_OWN = {"laneSet", "lane", "childLaneSet"}
_PREFIXES = {BPMN_NS: "", CAMUNDA_NS: "camunda:"}


@dataclass(frozen=True)
class ElementChange:
    element_id: str
    kind: str              # the BPMN type, e.g. userTask
    name: str
    change: str            # added | removed | changed
    details: list[str] = field(default_factory=list)


def _tracked(root: etree._Element) -> dict[str, etree._Element]:
    found: dict[str, etree._Element] = {}
    for element in root.iter(tag=etree.Element):
        parent = element.getparent()
        if etree.QName(element).namespace != BPMN_NS or not element.get("id") or parent is None:
            continue
        if etree.QName(parent).localname in CONTAINERS:
            found[element.get("id") or ""] = element
    return found


def _kind(element: etree._Element) -> str:
    return etree.QName(element).localname


def _attr_name(qname: str) -> str:
    q = etree.QName(qname)
    return f"{_PREFIXES.get(q.namespace or BPMN_NS, (q.namespace or '') + ':')}{q.localname}"


def _attributes(element: etree._Element) -> dict[str, str]:
    return {_attr_name(k): v for k, v in element.attrib.items() if k != "id"}


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _content(element: etree._Element) -> dict[str, str]:
    """The element's own content as (label -> canonical text): one entry per child, form field or property."""
    parts: dict[str, str] = {}
    container = _kind(element) in CONTAINERS
    for child in element:
        if not isinstance(child.tag, str) or _kind(child) in _OWN or \
                (container and etree.QName(child).namespace == BPMN_NS and child.get("id")):
            continue
        if _kind(child) == "extensionElements":
            parts.update(_extensions(child))
        elif _kind(child) in {"incoming", "outgoing"}:
            continue    # the flows' own sourceRef/targetRef say the same; editors add or drop these freely
        elif _kind(child) == "flowNodeRef":
            parts["flowNodeRef"] = " ".join(sorted(filter(None, [*parts.get("flowNodeRef", "").split(), _text(child)])))
        else:
            parts[_label(child)] = _canonical(child)
    return parts


def _extensions(extension: etree._Element) -> dict[str, str]:
    parts: dict[str, str] = {}
    for item in extension.iter(tag=etree.Element):
        kind = _kind(item)
        if kind == "formField":
            parts[f"form field {item.get('id')}"] = _canonical(item)
        elif kind == "property" and item.getparent() is not None and _kind(item.getparent()) == "properties":
            parts[f"property {item.get('name')}"] = item.get("value") or ""
        elif item.getparent() is extension and kind not in {"formData", "properties"}:
            parts[f"camunda:{kind}"] = _canonical(item)
    return parts


def _label(child: etree._Element) -> str:
    kind = _kind(child)
    return {"conditionExpression": "condition", "documentation": "documentation"}.get(kind, kind)


def _canonical(element: etree._Element) -> str:
    attrs = " ".join(f"{_attr_name(k)}={v}" for k, v in sorted(element.attrib.items())
                     if not k.endswith("}type") and k != "id")
    inner = " ".join(_canonical(c) for c in element if isinstance(c.tag, str))
    text = " ".join((element.text or "").split())
    return f"<{_kind(element)} {attrs}>{text}{inner}</>"


def _details(old: etree._Element, new: etree._Element) -> list[str]:
    details: list[str] = []
    if _kind(old) != _kind(new):
        details.append(f"type: {_kind(old)} → {_kind(new)}")
    a, b = _attributes(old), _attributes(new)
    for key in sorted(a.keys() | b.keys()):
        if a.get(key) != b.get(key):
            details.append(f"{key}: '{a.get(key, '')}' → '{b.get(key, '')}'")
    ca, cb = _content(old), _content(new)
    for key in sorted(ca.keys() | cb.keys()):
        if key not in ca:
            details.append(f"{key} added")
        elif key not in cb:
            details.append(f"{key} removed")
        elif ca[key] != cb[key]:
            details.append(f"{key} changed")
    return details


def compare(old_source: bytes, new_source: bytes) -> list[ElementChange]:
    """Elements added, removed and changed from `old_source` to `new_source`, in document order."""
    old = _tracked(load_document(old_source, "old.bpmn").root)
    new = _tracked(load_document(new_source, "new.bpmn").root)
    changes: list[ElementChange] = []
    for element_id, element in new.items():
        if element_id not in old:
            changes.append(ElementChange(element_id, _kind(element), element.get("name") or "", "added"))
        else:
            details = _details(old[element_id], element)
            if details:
                changes.append(ElementChange(element_id, _kind(element), element.get("name") or "", "changed",
                                             details))
    changes.extend(ElementChange(element_id, _kind(e), e.get("name") or "", "removed")
                   for element_id, e in old.items() if element_id not in new)
    return changes
