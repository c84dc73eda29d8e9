"""The Report the element checks fill, and the small helpers they share.

A check never raises on bad input: it adds a Problem (`FILE:ELEMENT_ID: sentence`) to the Report of
the document being validated and returns, so that every problem of a file shows at once.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..scripting import check_expression
from .graph import OMG_NAMESPACES, Catalog, bpmn, camunda, cap, label_of
from .xmlsafe import NO_ELEMENT, LoadedDocument, Problem

PYTHON_NAMES = ("python", "python3")
JAVA_ATTRIBUTES = ("class", "delegateExpression", "expression")
_QUOTE_LIMIT = 80


@dataclass
class Report:
    """The document being checked and the problems found in it so far."""

    doc: LoadedDocument
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    defined: dict[str, set[str]] = field(default_factory=dict)
    services: frozenset[str] = frozenset()     # names of the installed Python service handlers

    def __post_init__(self) -> None:
        root = self.doc.root
        self.ids = {e.get("id") or "" for e in root.iter(tag=etree.Element)
                    if etree.QName(e).namespace in OMG_NAMESPACES}
        self.defined = {tag: {e.get("id") or "" for e in root.iter(bpmn(tag))}
                        for tag in ("message", "signal", "error", "escalation")}

    def add(self, where: etree._Element | str | None, message: str, code: str = "bpmn.problem",
            **params: Any) -> None:
        """`code` and `params` let an interface say the problem in the reader's language (webui/messages.py);
        without a code only the English `message` exists."""
        element_id = where if isinstance(where, str) or where is None else where.get("id")
        self.problems.append(Problem(self.doc.filename, element_id or NO_ELEMENT, message, code=code, params=params))


# --- small helpers ---------------------------------------------------------------------------------

def check_expression_in(report: Report, where: etree._Element, what: str, text: str) -> None:
    reason = check_expression(text)
    if reason:
        report.add(where, f"{cap(what)} ('{quote(text)}') is refused: {reason}",
                   code="bpmn.expression_refused", element=label_of(where), text=quote(text), detail=reason)


def is_identifier(value: str) -> bool:
    return value.isidentifier() and not keyword.iskeyword(value)


def quote(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _QUOTE_LIMIT else text[:_QUOTE_LIMIT] + "..."


def java_sentence(element: etree._Element) -> str | None:
    for attribute in JAVA_ATTRIBUTES:
        value = element.get(camunda(attribute))
        if value:
            return f"camunda:{attribute}=\"{quote(value)}\""
    if (element.get(camunda("type")) or "").strip().lower() == "external":
        return f"an external task for Java workers, topic '{quote(element.get(camunda('topic')) or '')}'"
    if any(True for _ in element.iter(camunda("connector"))):
        return "a Camunda connector"
    return None
