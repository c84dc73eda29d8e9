"""Messages between instances are delivered after the sender's transaction, each in a transaction of its own.

Issue 14: a message's receivers ran their steps inside the sender's transaction, after its writes, so on
SQLite a receiver that looped or crawled held the write lock for the whole run budget and every other
user's write waited. Now the sender writes the message as pending (engine.runtime.instances), and it is
delivered after the commit like any step (engine.runtime.delivery): the receiver's steps run before its
first write. What a crash leaves pending the worker delivers, once.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import func, select

from engine import Engine, ManualClock
from engine.models import AuditEvent, Instance, PendingMessage
from engine.runtime import tasks
from tests.engine.test_hostile_runtime import deploy_unchecked
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start
from tests.engine.test_write_lock import others_write_meanwhile

NEW_NEEDS = {"asiakas_tavoitettu": True, "uudet_palvelutarpeet": True, "uudet_tarpeet_kuvaus": "Rekrytointi",
             "arvio_tulos": 5}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'
         ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d_{id}" targetNamespace="http://palvelupolku.test">')

# Started by the same message as kokeilu's new service; loops through a script without end.
LOOPING_RECEIVER = _HEAD.format(id="silmukka") + """
  <bpmn:message id="M_uusi" name="uusi_palvelutarve"/>
  <bpmn:process id="silmukka" isExecutable="true">
    <bpmn:startEvent id="alku"><bpmn:messageEventDefinition messageRef="M_uusi"/></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="alku" targetRef="laske"/>
    <bpmn:scriptTask id="laske" scriptFormat="python"><bpmn:script>kierros = 1</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="laske" targetRef="valinta"/>
    <bpmn:exclusiveGateway id="valinta" default="f3"/>
    <bpmn:sequenceFlow id="f3" sourceRef="valinta" targetRef="laske"/>
    <bpmn:sequenceFlow id="f4" sourceRef="valinta" targetRef="loppu">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">False</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="loppu"/>
  </bpmn:process>
</bpmn:definitions>"""


def _ping_pong(me: str, other: str) -> str:
    """A process started by message `me` that answers with message `other` and ends."""
    return _HEAD.format(id=me) + f"""
  <bpmn:message id="M_{me}" name="{me}"/>
  <bpmn:message id="M_{other}" name="{other}"/>
  <bpmn:process id="p_{me}" isExecutable="true">
    <bpmn:startEvent id="alku"><bpmn:messageEventDefinition messageRef="M_{me}"/></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="alku" targetRef="vastaa"/>
    <bpmn:endEvent id="vastaa"><bpmn:messageEventDefinition messageRef="M_{other}"/></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>"""


def _aftercare_with_new_needs(eng: Engine) -> tuple[int, str]:
    parent = start(eng)
    eng.complete(only_task(eng, parent), "asiantuntija", GOOD_PROMISE)
    return parent, only_task(eng, parent)


def _complete_and_crash(eng: Engine, task_id: str) -> None:
    """Complete a task and commit, but die before delivering: what a process killed right after the commit
    leaves (the facade would deliver after the commit; this is the runtime's step without it)."""
    with eng._step_sessions() as s, s.begin():
        tasks.complete(eng.rt, s, task_id, "asiantuntija", NEW_NEEDS)


def _children(eng: Engine, parent: int) -> list[tuple[str, str]]:
    return [(key, status) for _, key, status in _child_rows(eng, parent)]


def _child_rows(eng: Engine, parent: int) -> list[tuple[int, str, str]]:
    with eng.reading() as s:
        return list(s.execute(select(Instance.id, Instance.process_key, Instance.status)
                              .where(Instance.parent_id == parent).order_by(Instance.id)).tuples())


def _pending(eng: Engine) -> int:
    with eng.reading() as s:
        return s.scalar(select(func.count()).select_from(PendingMessage)
                        .where(PendingMessage.delivered_at.is_(None))) or 0


def test_a_looping_receiver_does_not_hold_the_write_lock_of_its_sender(kokeilu: Engine) -> None:
    deploy_unchecked(kokeilu, LOOPING_RECEIVER)
    parent, aftercare = _aftercare_with_new_needs(kokeilu)
    other = start(kokeilu)
    other_task = only_task(kokeilu, other)
    result: dict[str, object] = {}

    def send() -> None:
        began = time.monotonic()
        result["info"] = kokeilu.complete(aftercare, "asiantuntija", NEW_NEEDS)
        result["seconds"] = time.monotonic() - began

    others_write_meanwhile(kokeilu, send, other_task)     # the receiver's loop held their writes back before
    info = result["info"]
    assert getattr(info, "status", None) == "completed"      # the sender's step is its own, whatever the receivers do
    assert 5 <= float(result["seconds"]) < 9     # type: ignore[arg-type]  # the caller waits for the delivery's budget
    rows = _child_rows(kokeilu, parent)
    assert sorted((key, status) for _, key, status in rows) == [("kokeilu", "running"), ("silmukka", "error")]
    assert sorted(getattr(info, "children", [])) == [i for i, _, _ in rows]   # the answer shows both
    looping = kokeilu.instance(next(i for i, key, _ in rows if key == "silmukka"))
    assert "more than 5 seconds" in (looping.error_message or "")
    assert _pending(kokeilu) == 0


def test_a_message_a_crash_left_pending_is_delivered_once_by_the_worker(kokeilu: Engine) -> None:
    parent, aftercare = _aftercare_with_new_needs(kokeilu)
    _complete_and_crash(kokeilu, aftercare)
    assert kokeilu.instance(parent).status == "completed"
    assert _children(kokeilu, parent) == [] and _pending(kokeilu) == 1
    assert [h.kind for h in kokeilu.instance(parent).history][-2:] == ["end", "message_sent"]
    assert kokeilu.deliver_messages() == 1                  # `palvelupolku worker` does this at every sweep
    assert _children(kokeilu, parent) == [("kokeilu", "running")]
    assert kokeilu.deliver_messages() == 0 and _pending(kokeilu) == 0
    assert _children(kokeilu, parent) == [("kokeilu", "running")]
    assert kokeilu.instance(parent).history[-1].kind == "message_delivered"


def test_two_workers_delivering_the_same_message_start_one_service(kokeilu: Engine) -> None:
    parent, aftercare = _aftercare_with_new_needs(kokeilu)
    _complete_and_crash(kokeilu, aftercare)
    counts: list[int] = []
    barrier = threading.Barrier(2)

    def worker() -> None:
        barrier.wait()
        counts.append(kokeilu.deliver_messages())

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(counts) == [0, 1]
    assert _children(kokeilu, parent) == [("kokeilu", "running")]


def test_a_delivery_the_engine_refuses_is_recorded_on_the_sender_and_not_tried_again(kokeilu: Engine) -> None:
    parent, aftercare = _aftercare_with_new_needs(kokeilu)
    _complete_and_crash(kokeilu, aftercare)
    kokeilu.deactivate_user("asiantuntija", "esimies")      # the new service would be given to no one
    assert kokeilu.deliver_messages() == 0
    last = kokeilu.instance(parent).history[-1]
    assert last.kind == "message_undelivered"
    assert last.message.startswith("Message 'uusi_palvelutarve' could not be delivered: No active user 'asiantuntija'")
    assert (last.data or {})["error"] == {"code": "user.not_active", "params": {"user": "asiantuntija"}}  # to translate
    assert kokeilu.deliver_messages() == 0 and _children(kokeilu, parent) == []
    with kokeilu.reading() as s:
        assert s.scalar(select(PendingMessage.attempts)) == 3


def test_models_messaging_in_a_loop_stop_at_fifty_messages(people: Engine) -> None:
    for me, other in (("ping", "pong"), ("pong", "ping")):
        deploy_unchecked(people, _ping_pong(me, other))
    first = people.send_message("ping", "0112038-9", "asiantuntija")
    with people.reading() as s:
        started = s.scalar(select(func.count()).select_from(Instance))
        refused = list(s.scalars(select(AuditEvent.message).where(AuditEvent.kind == "message_undelivered")))
    assert started == 1 + 50 and len(first) == 1           # the first by hand, then 50 messages
    assert refused == ["Message 'ping' was not delivered: more than 50 messages in one step; the models "
                       "probably message in a loop."] or refused == [
        "Message 'pong' was not delivered: more than 50 messages in one step; the models probably message in a loop."]
    assert _pending(people) == 0


def test_delivered_messages_are_forgotten_after_a_week(kokeilu: Engine, clock: ManualClock) -> None:
    parent, aftercare = _aftercare_with_new_needs(kokeilu)
    kokeilu.complete(aftercare, "asiantuntija", NEW_NEEDS)
    with kokeilu.reading() as s:
        assert s.scalar(select(func.count()).select_from(PendingMessage)) == 1
    clock.advance(timedelta(days=6))
    kokeilu.deliver_messages()
    with kokeilu.reading() as s:
        assert s.scalar(select(func.count()).select_from(PendingMessage)) == 1
    clock.advance(timedelta(days=2))
    kokeilu.deliver_messages()
    with kokeilu.reading() as s:
        assert s.scalar(select(func.count()).select_from(PendingMessage)) == 0
