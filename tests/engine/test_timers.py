"""Timers with several workers: leases, exactly-once firing, back-off and incidents."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select, update

from engine import Engine, ManualClock
from engine.models import AuditEvent, Instance, Timer
from engine.runtime.timers import LEASE, MAX_ATTEMPTS, acquire
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start

WAIT = {**GOOD_PROMISE, "polku": "odotus"}   # the test process waits 7 days at a timer


def waiting_instances(eng: Engine, n: int) -> list[int]:
    ids = []
    for _ in range(n):
        instance = start(eng)
        eng.complete(only_task(eng, instance), "asiantuntija", WAIT)
        ids.append(instance)
    return ids


def fired_count(eng: Engine) -> int:
    with eng.reading() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "timer_fired")) or 0


def test_a_leased_timer_waits_for_its_lease_to_expire(kokeilu: Engine, clock: ManualClock) -> None:
    waiting_instances(kokeilu, 1)
    clock.advance(days=7)
    with kokeilu.transaction() as s:     # worker A takes the timer, then dies before firing it
        assert len(acquire(kokeilu.rt, s, "worker-a", clock())) == 1
    assert kokeilu.fire_due_timers(worker="worker-b") == 0
    clock.advance(LEASE)
    assert kokeilu.fire_due_timers(worker="worker-b") == 1
    assert fired_count(kokeilu) == 1


def test_concurrent_workers_fire_each_timer_exactly_once(kokeilu: Engine, clock: ManualClock) -> None:
    waiting_instances(kokeilu, 12)
    clock.advance(days=7)
    results: list[int] = []
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            results.append(kokeilu.fire_due_timers(worker=name))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and sum(results) == 12
    assert fired_count(kokeilu) == 12
    with kokeilu.reading() as s:
        assert s.scalar(select(func.count()).select_from(Timer).where(Timer.status == "fired")) == 12


def test_failing_timer_backs_off_then_becomes_an_incident(kokeilu: Engine, clock: ManualClock) -> None:
    [instance] = waiting_instances(kokeilu, 1)
    with kokeilu.transaction() as s:
        good_state = s.get(Instance, instance).state_json
        s.execute(update(Instance).where(Instance.id == instance).values(state_json="{broken"))
    clock.advance(days=7)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert kokeilu.fire_due_timers() == 0
        with kokeilu.reading() as s:
            timer = s.scalars(select(Timer)).one()
        assert timer.attempts == attempt and "JSON" in (timer.last_error or "")
        if attempt < MAX_ATTEMPTS:
            assert timer.status == "waiting" and timer.locked_until > clock()
            assert kokeilu.fire_due_timers() == 0          # backing off: not yet
            clock.set(timer.locked_until)
    assert timer.status == "failed"
    with kokeilu.reading() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert last.kind == "error" and "needs a manager" in last.message and last.instance_id == instance
    with kokeilu.transaction() as s:          # a fix, then a manager sends it back
        s.execute(update(Instance).where(Instance.id == instance).values(state_json=good_state))
    kokeilu.retry_timer(timer.id, "esimies")
    assert kokeilu.fire_due_timers() == 1
    assert [t.element_id for t in kokeilu.instance(instance).open_tasks] == ["jalkihoito"]


def test_timer_of_a_cancelled_instance_does_not_fire(kokeilu: Engine, clock: ManualClock) -> None:
    [instance] = waiting_instances(kokeilu, 1)
    kokeilu.cancel(instance, "esimies", "Asiakas perui.")
    clock.advance(days=8)
    assert kokeilu.fire_due_timers() == 0 and fired_count(kokeilu) == 0
    assert kokeilu.instance(instance).timers == []


# --- cycle timers (issue 14, finding 11) ---------------------------------------------------------------

def cycle_model(cycle: str) -> str:
    """The test process with its late-aftercare boundary timer (P14D, non-interrupting) as a cycle."""
    from tests.conftest import DATA

    source = (DATA / "kokeilu.bpmn").read_text()
    old = '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P14D</bpmn:timeDuration>'
    assert old in source
    return source.replace(old, f'<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">{cycle}</bpmn:timeCycle>')


def escalations(eng: Engine, instance: int) -> int:
    return sum(1 for t in eng.instance(instance).open_tasks if t.element_id == "eskalointi")


def at_aftercare(eng: Engine, cycle: str, tmp_path: Path) -> int:
    path = tmp_path / "kokeilu.bpmn"
    path.write_text(cycle_model(cycle))
    eng.deploy(path)
    instance = start(eng)
    eng.complete(only_task(eng, instance), "asiantuntija", {**GOOD_PROMISE, "polku": "suora"})
    return instance


def test_a_counted_cycle_timer_fires_as_often_as_it_says(kokeilu: Engine, clock: ManualClock, tmp_path: Path) -> None:
    instance = at_aftercare(kokeilu, "R3/PT10M", tmp_path)
    assert escalations(kokeilu, instance) == 0
    for turn in range(1, 5):
        clock.advance(minutes=10)
        kokeilu.fire_due_timers()
        assert escalations(kokeilu, instance) == min(turn, 3), turn
    with kokeilu.reading() as s:
        assert s.scalar(select(func.count()).select_from(Timer).where(Timer.status == "waiting")) == 0
    assert list(kokeilu.check()) == []


def test_an_endless_cycle_timer_keeps_firing(kokeilu: Engine, clock: ManualClock, tmp_path: Path) -> None:
    instance = at_aftercare(kokeilu, "R/PT1S", tmp_path)
    for _ in range(5):
        clock.advance(seconds=1)
        assert kokeilu.fire_due_timers() == 1
    assert escalations(kokeilu, instance) == 5
    assert list(kokeilu.check()) == []


def _deploy_timer_loop(kokeilu: Engine) -> int:
    from tests.conftest import DATA
    from tests.engine.test_hostile_runtime import deploy_unchecked

    source = (DATA / "kokeilu.bpmn").read_text()
    loop = (source.replace('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P7D</bpmn:timeDuration>',
                           '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1S</bpmn:timeDuration>')
            .replace('<bpmn:sequenceFlow id="f_odota" sourceRef="odota" targetRef="yhdista"/>',
                     '<bpmn:sequenceFlow id="f_odota" sourceRef="odota" targetRef="laske"/>'))
    assert loop.count("PT1S") == 1 and 'targetRef="laske"/>' in loop
    deploy_unchecked(kokeilu, loop)
    [instance] = waiting_instances(kokeilu, 1)
    return instance


def test_a_pruned_timer_loop_keeps_its_state_the_same_size(kokeilu: Engine, clock: ManualClock) -> None:
    # Finding 11's loop, with finished history pruned at each step (engine.runtime.prune): no growth at all.
    instance = _deploy_timer_loop(kokeilu)
    sizes = []
    for _turn in range(30):
        clock.advance(seconds=1)
        assert kokeilu.fire_due_timers() == 1
        with kokeilu.reading() as s:
            sizes.append(len(s.get(Instance, instance).state_json))
    assert kokeilu.instance(instance).status == "running" and max(sizes[2:]) - min(sizes[2:]) < 200, sizes


def test_a_timer_loop_stops_with_an_error_when_its_state_grows_too_large(kokeilu: Engine, clock: ManualClock) -> None:
    # Finding 11: a PT1S timer loop's stored state grew about 1.2 KB per turn, without bound. Pruning keeps
    # that loop's state small; the limit still guards models that are not pruned (a parallel gateway on a
    # cycle), which this one stands for with pruning off.
    kokeilu.rt.prune = False
    instance = _deploy_timer_loop(kokeilu)
    with kokeilu.reading() as s:
        first = len(s.get(Instance, instance).state_json)
    kokeilu.rt.max_state_chars = first + 20_000          # ~15 turns of the loop
    turns = 0
    while kokeilu.instance(instance).status == "running":
        turns += 1
        assert turns < 100, "the loop was never stopped"
        clock.advance(seconds=1)
        kokeilu.fire_due_timers()
    info = kokeilu.instance(instance)
    assert "stored state has grown past" in (info.error_message or ""), info.error_message
    with kokeilu.reading() as s:
        assert len(s.get(Instance, instance).state_json) < first + 25_000
        assert s.scalar(select(func.count()).select_from(Timer).where(Timer.status == "waiting")) == 1
    clock.advance(seconds=1)
    assert kokeilu.fire_due_timers() == 0                 # its timer is cancelled, the loop has stopped
    assert kokeilu.instance(instance).status == "error"
