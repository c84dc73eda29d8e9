"""A test driver that runs a deployed process to its end, or to a point where it waits for something.

It completes user tasks with plausible data (form fields by type, and the variables the model's
conditions read), fires timers by moving a manual clock, and sends the messages the instance waits for.
Used by the Camunda examples' test and by the run of every third-party model (test_conformance_runs).
"""

from __future__ import annotations

import ast
import re
from datetime import datetime, timedelta
from typing import Any

from lxml import etree
from sqlalchemy import select

from engine import Engine
from engine.clock import ManualClock
from engine.models import Instance
from engine.runtime.bpmn.graph import bpmn, camunda
from engine.runtime.bpmn.juel import JuelError, is_juel, translate, translate_call

CUSTOMER = "0112038-9"
DRIVER = "driver"


def condition_values(root: etree._Element) -> dict[str, Any]:
    """Start data that lets conditions evaluate: each name a condition reads, with a plausible value."""
    values: dict[str, Any] = {}
    texts = [c.text or "" for c in root.iter(bpmn("conditionExpression"), bpmn("completionCondition"))]
    texts += [e.get(camunda("expression")) or "" for e in root.iter(bpmn("serviceTask"))]
    for text in texts:
        try:
            call = translate_call(text) if is_juel(text) else None
            python = f"[{', '.join(call[1])}]" if call else translate(text) if is_juel(text) else text.strip()
            tree = ast.parse(python, mode="eval")
        except (JuelError, SyntaxError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name):
                constants = [c.value for c in node.comparators if isinstance(c, ast.Constant)]
                if constants and isinstance(constants[0], int | float) and not isinstance(constants[0], bool):
                    values.setdefault(node.left.id, constants[0] + 1)
                elif constants and isinstance(constants[0], str):
                    values.setdefault(node.left.id, constants[0])
            if isinstance(node, ast.Name) and node.id not in ("True", "False", "None"):
                values.setdefault(node.id, True)
    for multi in root.iter(bpmn("multiInstanceLoopCharacteristics")):
        collection = (multi.get(camunda("collection")) or "").strip("${}# ")
        if collection:
            values[collection] = ["a", "b"]
    return values


def form_data(form: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in form:
        kind = f.get("type")
        if f.get("constraints", {}).get("readonly", "x") is None:
            continue
        if kind == "boolean":
            data[f["id"]] = True
        elif kind == "long":
            data[f["id"]] = 1
        elif kind == "date":
            data[f["id"]] = now.date().isoformat()
        elif kind == "enum":
            data[f["id"]] = (f.get("options") or [{"id": ""}])[0]["id"]
        else:
            data[f["id"]] = "plausible text"
    return data


def drive(eng: Engine, clock: ManualClock, instance_id: int, values: dict[str, Any], limit: int = 60) -> str:
    """Run the instance to its end; the status it ends in ('completed', or where it stopped)."""
    for _ in range(limit):
        info = eng.instance(instance_id)
        if info.status != "running":
            return info.status if info.status == "completed" else f"{info.status}: {info.error_message}"
        if info.open_tasks:
            task = info.open_tasks[0]
            if task.assignee != DRIVER:
                eng.assign(task.id, DRIVER, actor=DRIVER)
            full = eng.task(task.id)
            data = form_data(full.form, clock()) if full.form else dict(values)
            eng.complete(task.id, DRIVER, data)
        elif info.timers:
            due = min(datetime.fromisoformat(str(t["due_at"])) if not isinstance(t["due_at"], datetime)
                      else t["due_at"] for t in info.timers)
            clock.set(max(clock(), due) + timedelta(seconds=1))
            eng.fire_due_timers()
        elif info.waiting_for_messages:
            eng.send_message(info.waiting_for_messages[0], CUSTOMER, DRIVER, dict(values))
        elif info.children:
            for child in info.children:
                drive(eng, clock, child, values, limit)
            if eng.instance(instance_id).status == "running" and not eng.instance(instance_id).open_tasks:
                return "running: waits for nothing the driver can give"
        else:
            return "running: waits for nothing the driver can give"
    info = eng.instance(instance_id)
    if info.status != "running":
        return info.status if info.status == "completed" else f"{info.status}: {info.error_message}"
    if info.timers or info.open_tasks or info.waiting_for_messages:
        # A loop the driver keeps feeding (a cycle timer, a task that comes back): a stated waiting point.
        return f"waits: {waiting_point(info)}"
    return "running: did not end within the driver's steps"


def waiting_point(info: Any) -> str:
    """What a running instance waits for, in words: its open tasks, timers and messages."""
    parts = [f"task {t.element_id}" for t in info.open_tasks]
    parts += [f"timer {t.get('element_id', '')}".strip() for t in info.timers]
    parts += [f"message {m}" for m in info.waiting_for_messages]
    return ", ".join(parts)


def start_and_drive(eng: Engine, clock: ManualClock, root: etree._Element, process: etree._Element,
                    values: dict[str, Any]) -> str:
    process_id = process.get("id") or ""
    starts = [s for s in process if s.tag == bpmn("startEvent")]
    messages = {m.get("id"): m.get("name") for m in root.iter(bpmn("message"))}
    plain = [s for s in starts if not any(True for _ in s.iter(bpmn("messageEventDefinition")))]
    if plain:
        instance_id = eng.start(process_id, CUSTOMER, DRIVER, dict(values)).id
    else:
        refs = [d.get("messageRef") for s in starts for d in s.iter(bpmn("messageEventDefinition"))]
        ids = eng.send_message(messages.get(refs[0]) or refs[0] or "", CUSTOMER, DRIVER, dict(values))
        if not ids:
            return "not started by its message"
        instance_id = ids[0]
    return drive(eng, clock, instance_id, values)




_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_WORKER_TEXT = re.compile(r"\b[\w.-]+:\d+:[0-9a-f]{6}\b")     # a timer worker's name: host:pid:random


def scrubbed(value: Any) -> Any:
    """Plain data with every UUID (a task id) and timer worker name, random per run, as a placeholder."""
    if isinstance(value, dict):
        return {scrubbed(k): scrubbed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrubbed(v) for v in value]
    if isinstance(value, str):
        return _WORKER_TEXT.sub("<worker>", _UUID_TEXT.sub("<uuid>", value))
    return value


def final_reads(eng: Engine) -> dict[int, Any]:
    """Every instance's status, error, data, diagram marks and history as the pages read them: a run with
    pruning (engine.runtime.prune) must leave the same as one without."""
    with eng.reading() as s:
        ids = list(s.scalars(select(Instance.id).order_by(Instance.id)))
    out: dict[int, Any] = {}
    for instance_id in ids:
        info = eng.instance(instance_id)
        try:
            diagram: Any = eng.instance_diagram(instance_id).as_json()
        except Exception as exc:  # noqa: BLE001 - the same failure both ways is the same answer
            diagram = f"{type(exc).__name__}: {exc}"
        history = [(h.kind, h.element_id, h.message, h.data) for h in info.history or []]
        out[instance_id] = scrubbed({"status": info.status, "error": info.error_message, "data": info.data,
                                     "open": [t.element_id for t in info.open_tasks], "diagram": diagram,
                                     "history": history})
    return out
