"""Named Python service handlers: what a Camunda service task's Java class, delegate or topic runs.

Camunda 7 models name their implementation (`camunda:class="org.example.Notify"`,
`camunda:delegateExpression="${notifier}"`, an external task's `camunda:topic="invoices"`, a bean
call `camunda:expression="${mailer.send(to)}"`, named `mailer.send`, its arguments in `call.arguments`); the
office installs a Python handler under each such name, either in the `Engine(services=...)`
argument or as an entry point in the group `palvelupolku.services` (name = the Camunda name, value
= `module:function`). A model naming a handler that is not installed is refused at deploy.

A handler is `handler(call: ServiceCall) -> Mapping[str, Any] | None`; what it returns is merged into
the task data. It runs inside the step's transaction (`call.session`), so whatever it writes is
committed or rolled back with the step. Two are built in:

* `palvelupolku.mail`: a mail to the outbox (`to`, `subject`, `body` from the task data), sent by the
  reminder sender like every other mail;
* `palvelupolku.customer_card`: a note on the instance customer's card (`note`, optional `channel`:
  phone, meeting, email or web), shown in the customer's contact log.

This module owns the registry and the two built-ins; `engine.runtime.bpmn.camunda` reads the names
off the model, `engine.runtime.bpmn.parser` makes the task spec that calls `run`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import entry_points
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import HELSINKI
from ..errors import ProcessError
from ..models import CustomerContact, Instance, OutboxMessage

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "palvelupolku.services"
MAIL = "palvelupolku.mail"
CUSTOMER_CARD = "palvelupolku.customer_card"
_CHANNELS = ("phone", "meeting", "email", "web")


class ServiceError(ProcessError):
    """A service handler could not do its work; the instance stops in error with this sentence."""


@dataclass
class ServiceCall:
    """What a handler gets: the handler name, the element, a copy of the task data, and the transaction."""

    name: str
    element_id: str
    data: dict[str, Any]
    instance: Instance
    session: Session
    now: datetime
    task_id: str
    arguments: list[Any] = field(default_factory=list)   # of a bean expression: ${bean.method(a, b)}


Handler = Callable[[ServiceCall], Mapping[str, Any] | None]


@dataclass
class ServiceRegistry:
    handlers: dict[str, Handler] = field(default_factory=dict)

    @classmethod
    def default(cls, extra: Mapping[str, Handler] | None = None, *, installed: bool = True) -> ServiceRegistry:
        """The built-ins, then the installed entry points, then `extra` (later ones win)."""
        registry = cls({MAIL: send_mail, CUSTOMER_CARD: write_customer_card})
        if installed:
            registry.handlers.update(_entry_point_handlers())
        registry.handlers.update(extra or {})
        return registry

    def names(self) -> frozenset[str]:
        return frozenset(self.handlers)

    def bind(self, session: Session, instance: Instance, clock: Callable[[], datetime]) -> BoundServices:
        return BoundServices(self, session, instance, clock)


@dataclass
class BoundServices:
    """The registry with the step's transaction and instance: what a running service task calls."""

    registry: ServiceRegistry
    session: Session
    instance: Instance
    clock: Callable[[], datetime]

    def run(self, name: str, element_id: str, task_id: str, data: dict[str, Any], arguments: list[Any] | None = None,
            result_variable: str | None = None) -> dict[str, Any]:
        """Call the handler; what it returns becomes task data (all of it under `result_variable`, if named)."""
        handler = self.registry.handlers.get(name)
        if handler is None:
            raise ServiceError(f"No service handler is installed under the name '{name}' (used by "
                               f"'{element_id}'); install one and retry.")
        call = ServiceCall(name, element_id, dict(data), self.instance, self.session, self.clock(), task_id,
                           list(arguments or []))
        result = handler(call)
        if result_variable:
            return {result_variable: result}
        if result is None:
            return {}
        if not isinstance(result, Mapping) or not all(isinstance(k, str) for k in result):
            raise ServiceError(f"The service handler '{name}' of '{element_id}' returned "
                               f"{type(result).__name__}, not a mapping of variable names to values.")
        return dict(result)


def _entry_point_handlers() -> dict[str, Handler]:
    found: dict[str, Handler] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            found[point.name] = point.load()
        except Exception:  # noqa: BLE001 - a broken plug-in must not stop the engine; its models are refused
            log.exception("service handler entry point %s cannot be loaded", point.name)
    return found


def handler_names(names: Iterable[str] | None) -> frozenset[str]:
    """The names a validation accepts: those given, else the default registry's."""
    return frozenset(names) if names is not None else ServiceRegistry.default().names()


# --- the two built-ins --------------------------------------------------------------------------

def _text(call: ServiceCall, key: str, *, required: bool = True, limit: int = 10_000) -> str:
    value = call.data.get(key)
    if value is None or str(value).strip() == "":
        if required:
            raise ServiceError(f"The service '{call.name}' of '{call.element_id}' needs the variable '{key}'; "
                               "map it with camunda:inputOutput or set it in an earlier step.")
        return ""
    return str(value)[:limit]


def send_mail(call: ServiceCall) -> dict[str, Any]:
    """A mail to the outbox; keyed by the task, so a retried step never queues it twice."""
    recipient = _text(call, "to", limit=200)
    subject = _text(call, "subject", limit=300)
    body = _text(call, "body", required=False)
    key = f"task:{call.task_id}"[:80]
    exists = call.session.scalars(select(OutboxMessage.id).where(OutboxMessage.username == key)).first()
    if exists is None:
        call.session.add(OutboxMessage(username=key, day=call.now.astimezone(HELSINKI).date(),
                                       recipient=recipient, subject=subject, body=body, created_at=call.now))
        call.session.flush()
        exists = call.session.scalars(select(OutboxMessage.id).where(OutboxMessage.username == key)).one()
    return {"mail_id": exists}


def write_customer_card(call: ServiceCall) -> dict[str, Any]:
    """A note in the contact log of the instance's customer."""
    note = _text(call, "note")
    channel = _text(call, "channel", required=False) or "web"
    if channel not in _CHANNELS:
        raise ServiceError(f"The service '{call.name}' of '{call.element_id}' got the channel '{channel[:40]}'; "
                           f"use one of {', '.join(_CHANNELS)}.")
    contact = CustomerContact(customer_id=call.instance.customer_id, contact_date=call.now.astimezone(HELSINKI).date(),
                              channel=channel, notes=note, by_user=f"process:{call.instance.process_key}"[:80],
                              new_needs=False, created_at=call.now)
    call.session.add(contact)
    call.session.flush()
    return {"customer_card_entry": contact.id}
