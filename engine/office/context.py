"""What a task's page knows before the expert types (issue 18: the customer is not asked twice).

- *pre-fill*: the task's form starts from what the service already recorded (the instance data) and
  from the customer card (contact person, preferred channel, service-need segment), wherever a form
  field's id matches; a field the instance data holds wins over the card, the card over the model's
  default.
- *earlier steps*: what the previous steps of the instance recorded, newest first; for a needs
  assessment started from an aftercare call, first what that call wrote (the new needs). By default the
  latest steps with all they recorded; a task whose model lists what it needs (the `context` property,
  engine.runtime.bpmn.context_panel) shows only the listed tasks' latest records and the listed fields,
  each where it was last recorded, however far back (the new needs of the aftercare stay on top).

Read-only; reading rights are the caller's (engine.runtime.access), asked before this module is called.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AuditEvent, AuditKind, ContactPerson, Customer, Instance, Task, TaskStatus
from ..runtime import tasks
from ..runtime.bpmn.context_panel import CONTEXT_PROPERTY, context_list
from ..runtime.execution import Runtime, task_spec_for
from . import calls
from .crm import aware

CARD_CONTACT = {"yhteyshenkilo": "name", "yhteyshenkilo_puhelin": "phone", "yhteyshenkilo_sahkoposti": "email"}
CHANNEL_FIELD = "yhteydenpito_toive"
SEGMENT_FIELD = "palvelutarvesegmentti"
MAX_STEPS = 12     # the page shows the latest steps; the instance page has the whole history


@dataclass(frozen=True)
class RecordedValue:
    field_id: str
    label: str
    value: Any
    type: str = "string"
    options: Mapping[str, str] = field(default_factory=dict)   # enum: id -> name in the reader's language


@dataclass(frozen=True)
class RecordedStep:
    instance_id: int
    process_key: str
    task_name: str
    completed_at: datetime
    completed_by: str
    values: list[RecordedValue]
    from_parent: bool = False     # recorded by the service that started this one (its aftercare call)


@dataclass(frozen=True)
class TaskContext:
    prefill: dict[str, Any]
    earlier: list[RecordedStep]
    preferred_channel: str = ""
    call_task_ids: list[str] = field(default_factory=list)   # the one call this task is part of (calls.py)
    # the card's contact persons, when the form has a contact-person field to pick them for: (name, title)
    contacts: list[tuple[str, str]] = field(default_factory=list)


def task_context(rt: Runtime, session: Session, task_id: str, instance_data: Mapping[str, Any],
                 lang: str) -> TaskContext:
    row = tasks.get_task(session, task_id)
    instance = session.get(Instance, row.instance_id)
    assert instance is not None   # a task's instance is deleted only with the task
    form_ids = {f["id"] for f in tasks.task_view(rt, session, task_id, lang).form}
    card = customer_card_values(session, instance.customer_id)
    prefill = {k: v for k, v in card.items() if k in form_ids and v not in (None, "")}
    prefill.update({k: v for k, v in instance_data.items() if k in form_ids and v not in (None, "")})
    earlier = _steps(rt, session, instance, lang, exclude=task_id, wanted=model_context(rt, instance, row.element_id))
    if instance.parent_id is not None:
        parent = session.get(Instance, instance.parent_id)
        if parent is not None:
            from_parent = [s for s in _steps(rt, session, parent, lang, aftercare_only=True)
                           if any(v.field_id == "uudet_palvelutarpeet" and v.value is True for v in s.values)]
            earlier = [RecordedStep(**{**s.__dict__, "from_parent": True}) for s in from_parent[:1]] + earlier
    call = calls.call_of(session, task_id)
    contacts = [] if "yhteyshenkilo" not in form_ids else [
        (p.name, p.title) for p in session.scalars(select(ContactPerson).where(
            ContactPerson.customer_id == instance.customer_id).order_by(ContactPerson.id))]
    return TaskContext(prefill, earlier, str(card.get(CHANNEL_FIELD) or ""), call.task_ids if call else [task_id],
                       contacts)


def customer_card_values(session: Session, customer_id: int) -> dict[str, Any]:
    """The card's values under the form field ids that mean them: the first contact person, the
    channel the customer last asked for in any service, the service-need segment."""
    out: dict[str, Any] = {}
    person = session.scalars(select(ContactPerson).where(ContactPerson.customer_id == customer_id)
                             .order_by(ContactPerson.id).limit(1)).first()
    if person is not None:
        out.update({fid: getattr(person, attr) for fid, attr in CARD_CONTACT.items()})
    segment = session.scalar(select(Customer.service_need_segment).where(Customer.id == customer_id))
    if segment:
        out[SEGMENT_FIELD] = segment
    channel = AuditEvent.data[CHANNEL_FIELD].as_string()
    latest = session.scalar(select(channel).join(Instance, Instance.id == AuditEvent.instance_id)
                            .where(Instance.customer_id == customer_id, AuditEvent.kind == AuditKind.COMPLETE.value,
                                   channel.is_not(None)).order_by(AuditEvent.id.desc()).limit(1))
    if latest:
        out[CHANNEL_FIELD] = latest
    return out


def model_context(rt: Runtime, instance: Instance, element_id: str) -> tuple[str, ...] | None:
    """The task ids and field ids the model lists for the task's page, or None: the default rule."""
    spec = task_spec_for(rt, instance.definition_version, element_id)
    value = (getattr(spec, "extensions", None) or {}).get(CONTEXT_PROPERTY) if spec is not None else None
    return context_list(value if value is None else str(value))


def _steps(rt: Runtime, session: Session, instance: Instance, lang: str, exclude: str | None = None,
           aftercare_only: bool = False, wanted: tuple[str, ...] | None = None) -> list[RecordedStep]:
    """The completed steps' records, newest first: the latest MAX_STEPS, or with `wanted` (the model's
    list) every step back to the start, keeping each listed task's latest round whole and each listed
    field where it was last recorded."""
    query = (select(Task, AuditEvent.data).join(AuditEvent, AuditEvent.task_id == Task.id)
             .where(Task.instance_id == instance.id, Task.status == TaskStatus.COMPLETED.value,
                    AuditEvent.kind == AuditKind.COMPLETE.value)
             .order_by(AuditEvent.id.desc()))
    if wanted is None:
        query = query.limit(MAX_STEPS)
    if aftercare_only:
        query = query.where(Task.is_aftercare.is_(True))
    out = []
    shown: set[str] = set()     # listed fields and tasks already shown from a newer step
    for task, data in session.execute(query).tuples():
        if task.id == exclude or not data or (wanted is not None and task.element_id in shown):
            continue
        whole = wanted is None or task.element_id in wanted
        if wanted is not None and whole:
            shown.add(task.element_id)       # a listed task done in a loop: its latest round
        keep = None if whole else {k for k in data if k in (wanted or ()) and k not in shown}
        if keep is not None and not keep:
            continue      # a step the model does not ask for: not even its form is read
        view = tasks.task_view(rt, session, task.id, lang)
        values = [RecordedValue(f["id"], f["label"], data[f["id"]], f["type"],
                                {o["id"]: o["name"] for o in f.get("options", [])})
                  for f in view.form if data.get(f["id"]) not in (None, "") and (keep is None or f["id"] in keep)]
        shown.update(v.field_id for v in values if keep is not None)
        if values:
            out.append(RecordedStep(instance.id, instance.process_key, view.name,
                                    aware(task.completed_at or task.created_at), task.completed_by or "", values))
    return out
