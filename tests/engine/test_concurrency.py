"""Racing completions and claims: exactly one wins, every loser is told why, nothing is half-written."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, select

from engine import ConflictError, Engine, PermissionDenied
from engine.models import AuditEvent

from .test_runtime import GOOD_PROMISE, only_task, start

THREADS = 8
INSTANCES = 12


def race(workers: int, job) -> tuple[Counter[str], list[BaseException]]:  # type: ignore[no-untyped-def]
    outcomes: Counter[str] = Counter()
    unexpected: list[BaseException] = []
    lock = threading.Lock()
    gate = threading.Barrier(workers)

    def run(n: int) -> None:
        gate.wait()
        for result in job(n):
            with lock:
                if isinstance(result, BaseException) and not isinstance(result, ConflictError | PermissionDenied):
                    unexpected.append(result)
                outcomes[result if isinstance(result, str) else type(result).__name__] += 1

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return outcomes, unexpected


def test_racing_completions_have_exactly_one_winner(kokeilu: Engine) -> None:
    tasks = [only_task(kokeilu, start(kokeilu)) for _ in range(INSTANCES)]

    def job(_n: int):  # type: ignore[no-untyped-def]
        for task_id in tasks:
            try:
                kokeilu.complete(task_id, "asiantuntija", GOOD_PROMISE)
                yield "won"
            except Exception as exc:  # noqa: BLE001 - every loser's answer is inspected
                assert str(exc), "a loser is told why"
                yield exc

    outcomes, unexpected = race(THREADS, job)
    assert unexpected == [] and outcomes["won"] == INSTANCES
    assert sum(outcomes.values()) == THREADS * INSTANCES
    with kokeilu.reading() as s:
        completions = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "complete"))
    assert completions == INSTANCES
    assert list(kokeilu.check()) == []


def test_racing_claims_have_exactly_one_winner(kokeilu: Engine, clock) -> None:  # type: ignore[no-untyped-def]
    names = [f"esimies{n}" for n in range(THREADS)]
    for name in names:
        kokeilu.add_user(name, roles=["manager"], groups=["Palveluesimiehet"])
    escalations = []
    for _ in range(4):
        instance = start(kokeilu)
        kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)
    clock.advance(days=15)
    kokeilu.fire_due_timers()
    escalations = [t.id for t in kokeilu.inbox("esimies")]
    assert len(escalations) == 4

    def job(n: int):  # type: ignore[no-untyped-def]
        for task_id in escalations:
            try:
                kokeilu.claim(task_id, names[n])
                yield "won"
            except Exception as exc:  # noqa: BLE001
                yield exc

    outcomes, unexpected = race(THREADS, job)
    assert unexpected == [] and outcomes["won"] == 4
    with kokeilu.reading() as s:
        claims = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "claim"))
    assert claims == 4


def test_racing_hand_overs_from_the_same_page_have_exactly_one_winner(kokeilu: Engine) -> None:
    kokeilu.add_user("kolmas", roles=["expert"], groups=["TE-asiantuntijat"])
    instance = start(kokeilu)
    seen = kokeilu.instance(instance).lock_version          # what every manager's page showed
    targets = ["toinen", "kolmas"] * (THREADS // 2)

    def job(n: int):  # type: ignore[no-untyped-def]
        try:
            kokeilu.hand_over(instance, targets[n], "esimies", "Asiakkaalle soitettu.", expected_version=seen)
            yield "won"
        except Exception as exc:  # noqa: BLE001 - every loser's answer is inspected
            assert "was changed by esimies since you loaded it" in str(exc), str(exc)
            yield exc

    outcomes, unexpected = race(THREADS, job)
    assert unexpected == [] and outcomes["won"] == 1 and outcomes["StaleStateError"] == THREADS - 1
    info = kokeilu.instance(instance)
    assert [h.kind for h in info.history].count("handover") == 1
    assert info.open_tasks[0].assignee == info.responsible in {"toinen", "kolmas"}
