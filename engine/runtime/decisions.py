"""Deployed DMN decisions as a reader sees them: the list of decisions, and one version's table.

Decisions are deployed with the processes that call them (deploy.py stores each version's source);
this module only reads. A decision table is shown as DMN draws it: input columns, output columns,
one row per rule, with the hit policy and each rule's annotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..models import DecisionVersion
from .bpmn.xmlsafe import load_document


@dataclass(frozen=True)
class DecisionSummary:
    key: str
    name: str
    version: int          # the newest
    versions: int
    deployed_at: datetime
    deployed_by: str


@dataclass(frozen=True)
class Column:
    label: str
    expression: str       # an input's expression, or an output's variable name
    type_ref: str


@dataclass
class DecisionTable:
    key: str
    name: str
    version: int
    versions: list[int]
    file_name: str
    deployed_at: datetime
    deployed_by: str
    hit_policy: str
    inputs: list[Column] = field(default_factory=list)
    outputs: list[Column] = field(default_factory=list)
    rules: list[tuple[list[str], list[str], str]] = field(default_factory=list)   # inputs, outputs, annotation


def decisions(session: Session) -> list[DecisionSummary]:
    """Each deployed decision with its newest version, by name."""
    newest = (select(DecisionVersion.decision_key, func.max(DecisionVersion.version).label("version"),
                     func.count().label("versions"))
              .group_by(DecisionVersion.decision_key).subquery())
    rows = session.execute(
        select(DecisionVersion, newest.c.versions)
        .join(newest, (DecisionVersion.decision_key == newest.c.decision_key)
              & (DecisionVersion.version == newest.c.version)))
    found = [DecisionSummary(row.decision_key, row.name, row.version, versions, row.deployed_at, row.deployed_by)
             for row, versions in rows]
    return sorted(found, key=lambda d: (d.name.lower(), d.key))


def decision_table(session: Session, key: str, version: int | None = None) -> DecisionTable:
    """One version (the newest when None) of a decision, read from its stored DMN source."""
    numbers = list(session.scalars(select(DecisionVersion.version).where(DecisionVersion.decision_key == key)
                                   .order_by(DecisionVersion.version)))
    number = version if version is not None else (numbers[-1] if numbers else None)
    row = session.scalars(select(DecisionVersion).where(DecisionVersion.decision_key == key,
                                                        DecisionVersion.version == number)).first()
    if row is None:
        raise NotFound(f"Decision {key} version {version} does not exist." if version is not None
                       else f"Decision {key} does not exist.", code="decision.not_found",
                       params={"decision": key if version is None else f"{key} v{version}"})
    table = DecisionTable(row.decision_key, row.name, row.version, numbers, row.file_name, row.deployed_at,
                          row.deployed_by, hit_policy="UNIQUE")
    root = load_document(row.source_xml.encode("utf-8"), row.file_name).root
    element = next((e for e in root if _local(e) == "decision" and e.get("id") == key), None)
    dmn_table = next((c for c in element if _local(c) == "decisionTable"), None) if element is not None else None
    if dmn_table is None:
        return table
    table.hit_policy = dmn_table.get("hitPolicy") or "UNIQUE"
    for item in dmn_table:
        if _local(item) == "input":
            expression = next((c for c in item if _local(c) == "inputExpression"), None)
            table.inputs.append(Column(item.get("label") or "", _text(expression),
                                       expression.get("typeRef", "") if expression is not None else ""))
        elif _local(item) == "output":
            table.outputs.append(Column(item.get("label") or "", item.get("name") or "", item.get("typeRef") or ""))
        elif _local(item) == "rule":
            table.rules.append(([_text(c) for c in item if _local(c) == "inputEntry"],
                                [_text(c) for c in item if _local(c) == "outputEntry"],
                                _text(next((c for c in item if _local(c) == "description"), None))))
    return table


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    inner = next((c for c in element if _local(c) == "text"), None)
    return " ".join(((inner.text if inner is not None else element.text) or "").split())
