"""Racing completions and claims: exactly one wins, every loser is told why, nothing is half-written."""

from __future__ import annotations

from sqlalchemy import func, select

from engine import Engine, ManualClock
from engine.models import AuditEvent
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start
from tests.race import race

THREADS = 8
INSTANCES = 12


def test_racing_completions_have_exactly_one_winner(kokeilu: Engine) -> None:
    tasks = [only_task(kokeilu, start(kokeilu)) for _ in range(INSTANCES)]

    def attempt(_worker: int, task_id: str) -> str:
        kokeilu.complete(task_id, "asiantuntija", GOOD_PROMISE)
        return "won"

    result = race(THREADS, tasks, attempt)
    assert result.unexpected == [] and result.silent == [], "every loser is told why"
    assert result.outcomes["won"] == INSTANCES
    assert len(result.refusals) == (THREADS - 1) * INSTANCES
    with kokeilu.reading() as s:
        completions = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "complete"))
    assert completions == INSTANCES
    assert list(kokeilu.check()) == []


def test_racing_claims_have_exactly_one_winner(kokeilu: Engine, clock: ManualClock) -> None:
    names = [f"esimies{n}" for n in range(THREADS)]
    for name in names:
        kokeilu.add_user(name, roles=["manager"], groups=["Palveluesimiehet"])
    for _ in range(4):
        instance = start(kokeilu)
        kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)
    clock.advance(days=15)
    kokeilu.fire_due_timers()
    escalations = [t.id for t in kokeilu.inbox("esimies")]
    assert len(escalations) == 4

    def attempt(worker: int, task_id: str) -> str:
        kokeilu.claim(task_id, names[worker])
        return "won"

    result = race(THREADS, escalations, attempt)
    assert result.unexpected == [] and result.silent == [] and result.outcomes["won"] == 4
    with kokeilu.reading() as s:
        claims = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "claim"))
    assert claims == 4


def test_racing_hand_overs_from_the_same_page_have_exactly_one_winner(kokeilu: Engine) -> None:
    kokeilu.add_user("kolmas", roles=["expert"], groups=["TE-asiantuntijat"])
    instance = start(kokeilu)
    seen = kokeilu.instance(instance).lock_version          # what every manager's page showed
    targets = ["toinen", "kolmas"] * (THREADS // 2)

    def attempt(worker: int, instance_id: int) -> str:
        kokeilu.hand_over(instance_id, targets[worker], "esimies", "Asiakkaalle soitettu.", expected_version=seen)
        return "won"

    result = race(THREADS, [instance], attempt)
    assert result.unexpected == [] and result.outcomes["won"] == 1
    assert result.refused == {"StaleStateError": THREADS - 1}
    for exc in result.refusals:
        assert "was changed by esimies since you loaded it" in str(exc), str(exc)
    info = kokeilu.instance(instance)
    assert [h.kind for h in info.history].count("handover") == 1
    assert info.open_tasks[0].assignee == info.responsible in {"toinen", "kolmas"}
