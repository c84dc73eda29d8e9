"""Moving instances that stand in the shapes a move can get wrong, on SQLite and PostgreSQL: a parallel
join with one branch done, multi-instance tasks (sequential and parallel) partly done, an event-based
gateway waiting for a timer and a message, a boundary timer on a waiting task, and a call activity
whose called process is running. Each instance moves, then runs to its end on the new version."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from engine import Engine, ManualClock
from engine.runtime.migration import MigrationRefused

CUSTOMER = "0112038-9"
USER = "kayttaja"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="t">')
FIELD = '<bpmn:extensionElements><camunda:formData><camunda:formField id="{0}" label="{0}" type="string"/>' \
        '</camunda:formData></bpmn:extensionElements>'


def model(*processes: str, extra: str = "") -> bytes:
    return f'{HEAD}{extra}{"".join(processes)}</bpmn:definitions>'.encode()


def process(process_id: str, nodes: list[str], flows: list[tuple[str, str]]) -> str:
    arrows = "".join(f'<bpmn:sequenceFlow id="f_{a}_{b}" sourceRef="{a}" targetRef="{b}"/>' for a, b in flows)
    return f'<bpmn:process id="{process_id}" isExecutable="true">{"".join(nodes)}{arrows}</bpmn:process>'


def user_task(task_id: str, field: str = "x", inner: str = "", name: str = "") -> str:
    return f'<bpmn:userTask id="{task_id}" name="{name or task_id}">{FIELD.format(field)}{inner}</bpmn:userTask>'


@pytest.fixture
def office(db_url: str, clock: ManualClock) -> Iterator[Engine]:
    eng = Engine(db_url, clock=clock, aftercare=False)
    eng.add_user(USER, roles=["expert", "manager"], groups=["TE-asiantuntijat"], password="salasana-1-kokeilu")
    eng.add_customer(CUSTOMER, name="Oy Esimerkki Ab")
    yield eng
    eng.dispose()


def deploy(eng: Engine, source: bytes) -> int:
    return eng.deploy_bytes(source, "p.bpmn")[0].version


def open_at(eng: Engine, instance_id: int) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for task in eng.instance(instance_id).open_tasks:
        found.setdefault(task.element_id, []).append(task.id)
    return found


def complete(eng: Engine, task_id: str, data: dict[str, object] | None = None) -> str:
    if eng.task(task_id).assignee != USER:
        eng.assign(task_id, USER, actor=USER)
    return eng.complete(task_id, USER, data or {}).status


def fields(eng: Engine, task_id: str) -> list[str]:
    return [f["id"] for f in eng.task(task_id).form]


# --- a parallel join with one branch done ----------------------------------------------------------------

def parallel(b_field: str) -> bytes:
    return model(process("p", ['<bpmn:startEvent id="S"/>', '<bpmn:parallelGateway id="Fork"/>', user_task("A"),
                               user_task("B", b_field), '<bpmn:parallelGateway id="Join"/>', user_task("C"),
                               '<bpmn:endEvent id="E"/>'],
                         [("S", "Fork"), ("Fork", "A"), ("Fork", "B"), ("A", "Join"), ("B", "Join"), ("Join", "C"),
                          ("C", "E")]))


def test_parallel_join_with_one_branch_done_moves_and_joins_once(office: Engine) -> None:
    deploy(office, parallel("x"))
    instance = office.start("p", CUSTOMER, USER).id
    complete(office, open_at(office, instance)["A"][0])
    b = open_at(office, instance)["B"][0]
    v2 = deploy(office, parallel("y"))
    plan = office.migration_dry_run(instance, v2)
    assert plan.movable, plan.sentence
    office.migrate_instance(instance, v2, USER)
    assert open_at(office, instance) == {"B": [b]} and fields(office, b) == ["y"]
    complete(office, b)
    (c,) = open_at(office, instance)["C"]                     # the join fired once, with both branches in
    assert complete(office, c) == "completed"
    assert list(office.check()) == []


# --- multi-instance, some instances done ----------------------------------------------------------------

def multi(sequential: bool, name: str) -> bytes:
    loop = (f'<bpmn:multiInstanceLoopCharacteristics isSequential="{str(sequential).lower()}">'
            '<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">3</bpmn:loopCardinality>'
            '</bpmn:multiInstanceLoopCharacteristics>')
    return model(process("p", ['<bpmn:startEvent id="S"/>', user_task("M", inner=loop, name=name), user_task("After"),
                               '<bpmn:endEvent id="E"/>'], [("S", "M"), ("M", "After"), ("After", "E")]))


@pytest.mark.parametrize("sequential", [True, False], ids=["sequential", "parallel"])
def test_multi_instance_with_some_instances_done_moves(office: Engine, sequential: bool) -> None:
    deploy(office, multi(sequential, "Käynti"))
    instance = office.start("p", CUSTOMER, USER).id
    complete(office, open_at(office, instance)["M"][0])
    waiting = open_at(office, instance)["M"]
    assert len(waiting) == (1 if sequential else 2)
    v2 = deploy(office, multi(sequential, "Yrityskäynti"))
    plan = office.migration_dry_run(instance, v2)
    assert plan.movable, plan.sentence
    office.migrate_instance(instance, v2, USER)
    assert open_at(office, instance)["M"] == waiting and fields(office, waiting[0]) == ["x"]
    assert [office.task(task).name for task in waiting] == ["Yrityskäynti"] * len(waiting)
    done = 1
    while "M" in open_at(office, instance):
        complete(office, open_at(office, instance)["M"][0])
        done += 1
    assert done == 3                                         # three in all: none lost, none repeated
    (after,) = open_at(office, instance)["After"]
    assert complete(office, after) == "completed"
    assert list(office.check()) == []


# --- an event-based gateway waiting for a timer and a message -------------------------------------------

def event_gateway(duration: str, message: str) -> bytes:
    timer = (f'<bpmn:intermediateCatchEvent id="Aika"><bpmn:timerEventDefinition><bpmn:timeDuration '
             f'xsi:type="bpmn:tFormalExpression">{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>'
             '</bpmn:intermediateCatchEvent>')
    catch = ('<bpmn:intermediateCatchEvent id="Viesti"><bpmn:messageEventDefinition messageRef="Msg"/>'
             '</bpmn:intermediateCatchEvent>')
    return model(process("p", ['<bpmn:startEvent id="S"/>', '<bpmn:eventBasedGateway id="G"/>', timer, catch,
                               user_task("Myohassa"), user_task("Saatu"), '<bpmn:endEvent id="E1"/>',
                               '<bpmn:endEvent id="E2"/>'],
                         [("S", "G"), ("G", "Aika"), ("G", "Viesti"), ("Aika", "Myohassa"), ("Viesti", "Saatu"),
                          ("Myohassa", "E1"), ("Saatu", "E2")]),
                 extra=f'<bpmn:message id="Msg" name="{message}"/>')


def waits(eng: Engine, instance_id: int) -> tuple[list[tuple[str, object]], list[str]]:
    info = eng.instance(instance_id)
    return [(t["element_id"], t["due_at"]) for t in info.timers], sorted(info.waiting_for_messages)


def test_event_based_gateway_moves_with_its_timer_and_message_rows(office: Engine, clock: ManualClock) -> None:
    deploy(office, event_gateway("P7D", "vahvistus"))
    by_message, by_timer, kept = (office.start("p", CUSTOMER, USER).id for _ in range(3))
    due = clock() + timedelta(days=7)
    assert waits(office, kept) == ([("G", due)], ["vahvistus"])
    clock.advance(days=1)
    v2 = deploy(office, event_gateway("P3D", "kuittaus"))
    v3 = deploy(office, event_gateway("P7D", "vahvistus"))

    office.migrate_instance(kept, v3, USER)                  # same definitions: the same due time
    assert waits(office, kept) == ([("G", due)], ["vahvistus"])
    for instance in (by_message, by_timer):
        plan = office.migration_dry_run(instance, v2)
        assert plan.movable, plan.sentence
        office.migrate_instance(instance, v2, USER)
        assert waits(office, instance) == ([("G", clock() + timedelta(days=3))], ["kuittaus"])

    assert office.send_message("vahvistus", CUSTOMER, USER) == [kept]
    assert office.send_message("kuittaus", CUSTOMER, USER) == [by_message]
    assert waits(office, by_message) == ([], [])
    clock.advance(days=3)
    assert office.fire_due_timers() == 1
    assert list(open_at(office, by_timer)) == ["Myohassa"] and waits(office, by_timer) == ([], [])
    for instance, element in ((by_message, "Saatu"), (by_timer, "Myohassa"), (kept, "Saatu")):
        assert complete(office, open_at(office, instance)[element][0]) == "completed"
    assert list(office.check()) == []


# --- a boundary timer on a waiting task -----------------------------------------------------------------

def boundary(duration: str, task_field: str = "x") -> bytes:
    timer = ('<bpmn:boundaryEvent id="Myohassa" cancelActivity="false" attachedToRef="T"><bpmn:timerEventDefinition>'
             f'<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{duration}</bpmn:timeDuration>'
             '</bpmn:timerEventDefinition></bpmn:boundaryEvent>')
    return model(process("p", ['<bpmn:startEvent id="S"/>', user_task("T", task_field), timer, user_task("Muistutus"),
                               '<bpmn:endEvent id="E"/>', '<bpmn:endEvent id="E2"/>'],
                         [("S", "T"), ("T", "E"), ("Myohassa", "Muistutus"), ("Muistutus", "E2")]))


def test_boundary_timer_on_a_waiting_task_moves_and_fires_on_the_new_definition(office: Engine,
                                                                               clock: ManualClock) -> None:
    deploy(office, boundary("P14D"))
    instance = office.start("p", CUSTOMER, USER).id
    (task,) = open_at(office, instance)["T"]
    clock.advance(days=2)
    v2 = deploy(office, boundary("P5D", "y"))
    plan = office.migration_dry_run(instance, v2)
    assert plan.movable and any("computed anew" in note for note in plan.notes), plan.notes
    office.migrate_instance(instance, v2, USER)
    assert waits(office, instance) == ([("Myohassa", clock() + timedelta(days=5))], [])
    assert open_at(office, instance) == {"T": [task]} and fields(office, task) == ["y"]
    clock.advance(days=5)
    assert office.fire_due_timers() == 1
    assert sorted(open_at(office, instance)) == ["Muistutus", "T"]   # non-interrupting: the task stays
    complete(office, open_at(office, instance)["Muistutus"][0])
    assert complete(office, task) == "completed"
    assert list(office.check()) == []


def test_a_boundary_timer_removed_around_the_waiting_task_is_refused(office: Engine) -> None:
    deploy(office, boundary("P14D"))
    instance = office.start("p", CUSTOMER, USER).id
    v2 = deploy(office, model(process("p", ['<bpmn:startEvent id="S"/>', user_task("T"), '<bpmn:endEvent id="E"/>'],
                                      [("S", "T"), ("T", "E")])))
    before = office.instance(instance)
    with pytest.raises(MigrationRefused, match="reaches differently|has no place|does not have"):
        office.migrate_instance(instance, v2, USER)
    after = office.instance(instance)
    assert (after.version, after.timers) == (before.version, before.timers)


# --- a call activity whose called process runs ----------------------------------------------------------

def calling(child_field: str) -> bytes:
    parent = process("p", ['<bpmn:startEvent id="S"/>', '<bpmn:callActivity id="Kutsu" calledElement="lapsi"/>',
                           user_task("Lopuksi"), '<bpmn:endEvent id="E"/>'],
                     [("S", "Kutsu"), ("Kutsu", "Lopuksi"), ("Lopuksi", "E")])
    child = process("lapsi", ['<bpmn:startEvent id="LS"/>', user_task("Lapsen_tehtava", child_field),
                              '<bpmn:endEvent id="LE"/>'], [("LS", "Lapsen_tehtava"), ("Lapsen_tehtava", "LE")])
    return model(parent, child)


def test_call_activity_with_its_called_process_running_moves(office: Engine) -> None:
    deploy(office, calling("x"))
    instance = office.start("p", CUSTOMER, USER).id
    (task,) = open_at(office, instance)["Lapsen_tehtava"]
    v2 = deploy(office, calling("y"))
    plan = office.migration_dry_run(instance, v2)
    assert plan.movable and plan.active == ["Lapsen_tehtava"], plan.sentence
    office.migrate_instance(instance, v2, USER)
    assert open_at(office, instance) == {"Lapsen_tehtava": [task]} and fields(office, task) == ["y"]
    complete(office, task)
    assert complete(office, open_at(office, instance)["Lopuksi"][0]) == "completed"
    assert list(office.check()) == []


def over_a_list(name: str, collection: str = "kohteet") -> bytes:
    loop = (f'<bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="{collection}" '
            'camunda:elementVariable="kohde"/>')
    return model(process("p", ['<bpmn:startEvent id="S"/>', user_task("M", inner=loop, name=name),
                               '<bpmn:endEvent id="E"/>'], [("S", "M"), ("M", "E")]))


def test_a_multi_instance_item_stays_with_its_open_task(office: Engine) -> None:

    deploy(office, over_a_list("Käynti"))
    instance = office.start("p", CUSTOMER, USER, data={"kohteet": ["a", "b", "c"]}).id
    complete(office, open_at(office, instance)["M"][0])
    assert office.instance(instance).data["kohde"] == "b"
    v2 = deploy(office, over_a_list("Yrityskäynti"))
    office.migrate_instance(instance, v2, USER)
    assert office.instance(instance).data["kohde"] == "b"      # the item of the open task, not the list's owner's
    complete(office, open_at(office, instance)["M"][0])
    assert office.instance(instance).data["kohde"] == "c"
    assert complete(office, open_at(office, instance)["M"][0]) == "completed"
    fresh = office.start("p", CUSTOMER, USER, data={"kohteet": ["x", "y"]}).id   # on the target version's spec
    for item in ("x", "y"):
        assert office.instance(fresh).data["kohde"] == item
        status = complete(office, open_at(office, fresh)["M"][0])
    assert status == "completed" and office.instance(fresh).version == v2


def test_a_running_multi_instance_cannot_change_its_collection(office: Engine) -> None:
    deploy(office, over_a_list("Käynti"))
    instance = office.start("p", CUSTOMER, USER, data={"kohteet": ["a", "b"], "muut": ["x"]}).id
    complete(office, open_at(office, instance)["M"][0])
    v2 = deploy(office, over_a_list("Käynti", collection="muut"))
    before = office.instance(instance)
    with pytest.raises(MigrationRefused, match="runs over another collection or item in version 2"):
        office.migrate_instance(instance, v2, USER)
    after = office.instance(instance)
    assert (after.version, [t.id for t in after.open_tasks]) == (before.version, [t.id for t in before.open_tasks])


def with_preparation(prepared: bool) -> bytes:
    inner = ['<bpmn:startEvent id="SS"/>', '<bpmn:scriptTask id="Valmistelu" scriptFormat="python"><bpmn:script>'
             'valmis = True</bpmn:script></bpmn:scriptTask>', '<bpmn:exclusiveGateway id="G"/>', user_task("W"),
             '<bpmn:endEvent id="SE"/>']
    flows = [("SS", "Valmistelu"), ("Valmistelu", "G"), ("G", "W"), ("W", "SE")]
    if not prepared:
        inner, flows = [inner[0], *inner[2:]], [("SS", "G"), ("G", "W"), ("W", "SE")]
    arrows = "".join(f'<bpmn:sequenceFlow id="f_{a}_{b}" sourceRef="{a}" targetRef="{b}"/>' for a, b in flows)
    sub = f'<bpmn:subProcess id="Osa">{"".join(inner)}{arrows}</bpmn:subProcess>'
    return model(process("p", ['<bpmn:startEvent id="S"/>', sub, '<bpmn:endEvent id="E"/>'],
                         [("S", "Osa"), ("Osa", "E")]))


def test_a_passed_element_removed_inside_a_sub_process_needs_no_mapping(office: Engine) -> None:
    deploy(office, with_preparation(True))
    instance = office.start("p", CUSTOMER, USER).id
    (task,) = open_at(office, instance)["W"]
    v2 = deploy(office, with_preparation(False))
    plan = office.migration_dry_run(instance, v2)
    assert plan.movable and any("already passed 'Valmistelu'" in note for note in plan.notes), plan.sentence
    office.migrate_instance(instance, v2, USER)
    assert open_at(office, instance) == {"W": [task]} and office.instance(instance).data["valmis"] is True
    assert complete(office, task) == "completed"
    assert list(office.check()) == []


def three_branches() -> bytes:
    return model(process("p", ['<bpmn:startEvent id="S"/>', '<bpmn:parallelGateway id="Fork"/>', user_task("A"),
                               user_task("B"), user_task("D"), '<bpmn:parallelGateway id="Join"/>', user_task("C"),
                               '<bpmn:endEvent id="E"/>'],
                         [("S", "Fork"), ("Fork", "A"), ("Fork", "B"), ("Fork", "D"), ("A", "Join"), ("B", "Join"),
                          ("D", "Join"), ("Join", "C"), ("C", "E")]))


def test_a_join_that_gains_a_branch_while_waiting_is_refused(office: Engine) -> None:
    deploy(office, parallel("x"))
    instance = office.start("p", CUSTOMER, USER).id
    complete(office, open_at(office, instance)["A"][0])
    v2 = deploy(office, three_branches())
    plan = office.migration_dry_run(instance, v2)
    assert not plan.movable and "waits at the join 'Join'" in plan.sentence, plan.sentence


def test_branches_still_running_when_their_fork_gains_one_are_refused(office: Engine) -> None:
    deploy(office, parallel("x"))
    inside, past = (office.start("p", CUSTOMER, USER).id for _ in range(2))
    for task in (open_at(office, past)["A"][0], open_at(office, past)["B"][0]):
        complete(office, task)
    assert list(open_at(office, past)) == ["C"]
    v2 = deploy(office, three_branches())
    assert "splits differently in version 2" in office.migration_dry_run(inside, v2).sentence
    plan = office.migration_dry_run(past, v2)                 # past the join: nothing waits on the branches
    assert plan.movable, plan.sentence
    office.migrate_instance(past, v2, USER)
    assert complete(office, open_at(office, past)["C"][0]) == "completed"
