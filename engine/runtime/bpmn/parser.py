"""SpiffWorkflow's Camunda parser, adapted to Palvelupolku's modelling dialect.

What differs from `SpiffWorkflow.camunda.parser.CamundaParser`:

* user-task forms (`camunda:formData`) are read whether or not the task has a `camunda:formKey`;
* `camunda:candidateGroups`, `camunda:assignee` and `camunda:dueDate` are kept in the task
  spec's `extensions` (under those qualified names) next to the `camunda:properties`;
* message events carry the sender's task data as their payload (the plain BPMN behaviour),
  not Camunda's `camunda:expression` / `resultVariable` pair;
* timers read the time from the script engine's injected clock, and accept a literal
  ISO 8601 value (`P14D`, as modelers write it) as well as a Python expression (`"P14D"`).

Parsing here trusts its input: callers hand in trees from `engine.bpmn.xmlsafe`.
"""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import full_tag
from SpiffWorkflow.bpmn.parser.util import first, one
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import (
    MessageEventDefinitionConverter,
    TimerConditionalEventDefinitionConverter,
)
from SpiffWorkflow.bpmn.specs.defaults import (
    BoundaryEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    ManualTask,
    NoneTask,
    StartEvent,
)
from SpiffWorkflow.bpmn.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.camunda.parser import CamundaParser
from SpiffWorkflow.camunda.parser.event_parsers import (
    CamundaBoundaryEventParser,
    CamundaEndEventParser,
    CamundaIntermediateCatchEventParser,
    CamundaIntermediateThrowEventParser,
    CamundaStartEventParser,
)
from SpiffWorkflow.camunda.parser.task_spec import CamundaTaskParser, UserTaskParser
from SpiffWorkflow.camunda.serializer.config import CAMUNDA_CONFIG
from SpiffWorkflow.camunda.specs.user_task import EnumFormField, Form, FormField, UserTask

CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
CANDIDATE_GROUPS = "camunda:candidateGroups"
ASSIGNEE = "camunda:assignee"
DUE_DATE = "camunda:dueDate"

_ISO_DURATION = re.compile(r"^-?P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
                           r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$")


def is_iso_duration(text: str) -> bool:
    return bool(_ISO_DURATION.match(text.strip()))


def is_iso_datetime(text: str) -> bool:
    try:
        datetime.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def is_iso_cycle(text: str) -> bool:
    try:
        recurring_interval(text, datetime.now(UTC))
    except (ValueError, OverflowError, TypeError):
        return False
    return True


def is_iso_timer_value(text: str, kind: str) -> bool:
    """True when `text` is a literal ISO 8601 value for a timer of `kind` (date, duration, cycle)."""
    if kind == "timeDate":
        return is_iso_datetime(text)
    if kind == "timeDuration":
        return is_iso_duration(text)
    return is_iso_cycle(text)


# --- timers on the injected clock -------------------------------------------------------------

HELSINKI = ZoneInfo("Europe/Helsinki")


def moment(text: str) -> datetime:
    """An ISO 8601 date or date-time as aware UTC; without a zone it means Helsinki time (the office's),
    not the server's zone as SpiffWorkflow assumes."""
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=HELSINKI)
    return value.astimezone(UTC)


def _now(my_task: Any) -> datetime:
    clock = getattr(my_task.workflow.script_engine, "clock", None)
    return clock() if clock is not None else datetime.now(UTC)


def _timer_value(my_task: Any, expression: str, kind: str) -> str:
    text = (expression or "").strip()
    if is_iso_timer_value(text, kind):
        return text
    return str(my_task.workflow.script_engine.evaluate(my_task, text))


class ClockTimeDate(TimeDateEventDefinition):
    def has_fired(self, my_task: Any) -> bool:
        event_value = my_task._get_internal_data("event_value")
        if event_value is None:
            event_value = moment(_timer_value(my_task, self.expression, "timeDate")).isoformat()
            my_task._set_internal_data(event_value=event_value)
        if TimerEventDefinition.get_datetime(event_value) <= _now(my_task):
            my_task._set_internal_data(event_fired=True)
        return bool(my_task._get_internal_data("event_fired", False))


class ClockDuration(DurationTimerEventDefinition):
    def has_fired(self, my_task: Any) -> bool:
        event_value = my_task._get_internal_data("event_value")
        if event_value is None:
            expression = _timer_value(my_task, self.expression, "timeDuration")
            parsed = TimerEventDefinition.parse_iso_duration(expression)
            start = _now(my_task)
            event_value = (start + TimerEventDefinition.get_timedelta_from_start(parsed, start)).isoformat()
            my_task._set_internal_data(event_value=event_value)
        if TimerEventDefinition.get_datetime(event_value) <= _now(my_task):
            my_task._set_internal_data(event_fired=True)
        return bool(my_task._get_internal_data("event_fired", False))


def recurring_interval(text: str, now: datetime) -> tuple[int, datetime, timedelta]:
    """(repetitions, first firing, period) of an ISO 8601 repeating interval; -1 repetitions: for ever.

    `R3/PT10M` fires 10, 20 and 30 minutes from `now`; `R/PT1S` every second; `R2/2026-01-05T09:00/P1D`
    at that moment and a day later; `R2/P1D/2026-01-05T09:00` first fires a day before that moment
    (SpiffWorkflow's reading of duration/end)."""
    head, *parts = text.strip().upper().split("/")
    if not head.startswith("R") or len(parts) not in (1, 2) or (head[1:] and not head[1:].isdigit()):
        raise ValueError(f"'{text}' is not an ISO 8601 repeating interval like R3/PT10M.")
    cycles = int(head[1:]) if head[1:] else -1
    if len(parts) == 1:
        period = _period(parts[0], now)
        start = now + period
    elif is_iso_datetime(parts[0]):
        start = moment(parts[0])
        period = moment(parts[1]) - start if is_iso_datetime(parts[1]) else _period(parts[1], start)
    else:
        end = moment(parts[1])
        period = _period(parts[0], end)
        start = end - period
    if period <= timedelta(0):
        raise ValueError(f"The repeating interval '{text}' has no positive period.")
    return cycles, start, period


def _period(text: str, start: datetime) -> timedelta:
    return TimerEventDefinition.get_timedelta_from_start(TimerEventDefinition.parse_iso_duration(text), start)


class ClockCycle(CycleTimerEventDefinition):
    """ISO 8601 repeating intervals on the injected clock. A literal (`R/PT1S`) is read as a cycle,
    never as Python; only a value that is not one is evaluated as an expression giving one."""

    def cycle_complete(self, my_task: Any) -> bool:
        now = _now(my_task)
        event_value = my_task._get_internal_data("event_value")
        if event_value is None:
            cycles, start, period = recurring_interval(_timer_value(my_task, self.expression, "timeCycle"), now)
            event_value = {"cycles": cycles, "next": start.isoformat(), "duration": period.total_seconds()}
        ready = False
        if event_value["cycles"] != 0:
            following = datetime.fromisoformat(event_value["next"])
            if following <= now:
                event_value = {**event_value, "cycles": event_value["cycles"] - 1,
                               "next": (following + timedelta(seconds=event_value["duration"])).isoformat()}
                ready = True
        if event_value["cycles"] == 0:
            # The last repetition: the event is done (no timer row waits for a firing that adds nothing).
            my_task.internal_data.pop("event_value", None)
            my_task._set_internal_data(event_fired=True)
        else:
            my_task._set_internal_data(event_value=event_value)
        return ready

    def update_task(self, my_task: Any) -> None:
        super().update_task(my_task)          # a repetition that is due starts the outgoing path once more
        if my_task._get_internal_data("event_fired", False):
            my_task.task_spec._update(my_task)


TIMER_CLASSES = {"timeDate": ClockTimeDate, "timeDuration": ClockDuration, "timeCycle": ClockCycle}


def timer_due(my_task: Any) -> datetime | None:
    """When a waiting timer task fires, as stored by the timer definition; None before first update."""
    value = my_task._get_internal_data("event_value")
    if value is None:
        return None
    if isinstance(value, dict):  # cycle timers
        return datetime.fromisoformat(value["next"])
    return TimerEventDefinition.get_datetime(value)


# --- event parsers ---------------------------------------------------------------------------

class _EventDefinitionMixin:
    def parse_message_event(self: Any, message_event: Any) -> MessageEventDefinition:
        message_ref = message_event.get("messageRef")
        if message_ref:
            message = one(self.doc_xpath(f'.//bpmn:message[@id="{message_ref}"]'))
            name = message.get("name") or message_ref
            correlations = self.get_message_correlations(message_ref)
        else:
            name = message_event.getparent().get("name")
            correlations = []
        return MessageEventDefinition(name, correlations)

    def parse_timer_event(self: Any, event: Any) -> TimerEventDefinition:
        description = self.get_event_description(event)
        name = self.node.get("name", self.node.get("id"))
        for kind, cls in TIMER_CLASSES.items():
            node = first(self.xpath(f".//bpmn:{kind}"))
            if node is not None:
                return cls(name, (node.text or "").strip(), description=description)
        raise ValidationException("The timer has no timeDate, timeDuration or timeCycle.",
                                  node=self.node, file_name=self.filename)


class StartEventParser(_EventDefinitionMixin, CamundaStartEventParser):
    pass


class EndEventParser(_EventDefinitionMixin, CamundaEndEventParser):
    pass


class CatchEventParser(_EventDefinitionMixin, CamundaIntermediateCatchEventParser):
    pass


class ThrowEventParser(_EventDefinitionMixin, CamundaIntermediateThrowEventParser):
    pass


class BoundaryParser(_EventDefinitionMixin, CamundaBoundaryEventParser):
    pass


# --- tasks ---------------------------------------------------------------------------------------

class TaskParser(CamundaTaskParser):
    def parse_extensions(self, node: Any = None) -> dict[str, str]:
        extensions: dict[str, str] = super().parse_extensions(node)
        for name in ("candidateGroups", "assignee", "dueDate"):
            value = self.attribute(name, "camunda")
            if value:
                extensions[f"camunda:{name}"] = value
        return extensions


class FormUserTaskParser(TaskParser, UserTaskParser):
    """Reads camunda:formData with or without camunda:formKey."""

    def get_form(self) -> Form:
        form = Form()
        form.key = self.attribute("formKey", "camunda") or ""
        prefix = "{" + CAMUNDA_NS + "}"
        for xml_field in self.xpath(".//camunda:formData/camunda:formField"):
            field: FormField
            if xml_field.get("type") == "enum":
                field = EnumFormField()
                for child in xml_field:
                    if child.tag == f"{prefix}value":
                        field.add_option(child.get("id"), child.get("name"))
            else:
                field = FormField()
            field.id = xml_field.get("id")
            field.type = xml_field.get("type") or "string"
            field.label = xml_field.get("label") or field.id
            field.default_value = xml_field.get("defaultValue")
            for child in xml_field:
                if child.tag == f"{prefix}properties":
                    for p in child:
                        field.add_property(p.get("id"), p.get("value"))
                if child.tag == f"{prefix}validation":
                    for v in child:
                        field.add_validation(v.get("name"), v.get("config"))
            form.add_field(field)
        return form


class PalvelupolkuParser(CamundaParser):
    OVERRIDE_PARSER_CLASSES = {
        **CamundaParser.OVERRIDE_PARSER_CLASSES,
        full_tag("userTask"): (FormUserTaskParser, UserTask),
        full_tag("task"): (TaskParser, NoneTask),
        full_tag("manualTask"): (TaskParser, ManualTask),
        full_tag("startEvent"): (StartEventParser, StartEvent),
        full_tag("endEvent"): (EndEventParser, EndEvent),
        full_tag("intermediateCatchEvent"): (CatchEventParser, IntermediateCatchEvent),
        full_tag("intermediateThrowEvent"): (ThrowEventParser, IntermediateThrowEvent),
        full_tag("boundaryEvent"): (BoundaryParser, BoundaryEvent),
    }


def new_parser() -> PalvelupolkuParser:
    return PalvelupolkuParser()


def add_document(parser: PalvelupolkuParser, root: etree._Element, filename: str) -> None:
    """Add a tree (already loaded by `engine.bpmn.xmlsafe`) to `parser`."""
    parser.add_bpmn_xml(root, filename=filename)


# --- serialization ----------------------------------------------------------------------------

def serializer_config() -> dict[Any, Any]:
    config = deepcopy(CAMUNDA_CONFIG)
    for cls in TIMER_CLASSES.values():
        config[cls] = TimerConditionalEventDefinitionConverter
    # Plain BPMN messages (task data as payload), not Camunda's expression/resultVariable pair.
    config[MessageEventDefinition] = MessageEventDefinitionConverter
    return config


def new_serializer(config: dict[Any, Any] | None = None) -> BpmnWorkflowSerializer:
    registry = BpmnWorkflowSerializer.configure(config or serializer_config())
    return BpmnWorkflowSerializer(registry=registry)
