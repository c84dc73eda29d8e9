"""Pruning finished work off the live state (engine.runtime.prune) changes nothing any page shows.

Every scenario of the seven processes runs twice in lockstep, on two engines that differ only in
`Runtime.prune`: after every step the instance as the pages read it (open tasks, timers, history,
data), its diagram (elements, flows taken, per-element history) and the open task's context panel
(pre-fill, what earlier steps recorded) must be the same, and so must every timer row (fired or
cancelled) and those of every instance it started. Task ids are random per engine, so every UUID is
compared as a placeholder.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from engine import Engine, ManualClock
from engine.demo.seed import CONTACT_FIELDS, DEMO_USERS, _worker_for, autofill
from engine.models import Instance, Timer, TrailMark
from tests.conftest import START
from tests.processes.helpers import PROCESSES

KEYS = sorted(p.stem for p in PROCESSES.glob("*.bpmn"))
CASES = [(key, name) for key in KEYS
         for name in importlib.import_module(f"tests.processes.test_{key}").SCENARIOS]
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _engine(path: Path, prune: bool) -> tuple[Engine, ManualClock]:
    clock = ManualClock(START)
    eng = Engine(f"sqlite:///{path}", clock=clock)
    eng.rt.prune = prune
    for username, name, roles, groups in DEMO_USERS:
        eng.add_user(username, roles=roles, groups=groups, display_name=name)
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    eng.deploy(PROCESSES)
    return eng, clock


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[tuple[Engine, ManualClock], ...]]:
    folder = tmp_path_factory.mktemp("pruning")
    engines = (_engine(folder / "pruned.db", True), _engine(folder / "whole.db", False))
    yield engines
    for eng, _clock in engines:
        eng.dispose()


def scrub(value: Any) -> Any:
    """A read model as plain data, with every UUID (a task id) as a placeholder."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    if isinstance(value, str):
        return UUID_TEXT.sub("<uuid>", value)
    return value


def seen(eng: Engine, instance_id: int) -> dict[str, Any]:
    info = eng.instance(instance_id)
    out: dict[str, Any] = {"instance": scrub(info), "diagram": scrub(eng.instance_diagram(instance_id))}
    tasks = [t for t in info.open_tasks if t.candidate_group != "Palveluesimiehet"]
    if tasks:
        user = _worker_for(eng, tasks[0])
        out["context"] = scrub(eng.task_context(tasks[0].id, user))
        out["form"] = scrub(eng.task(tasks[0].id).form)
    with eng.reading() as s:     # every timer row, fired and cancelled ones too
        out["timers"] = [tuple(r) for r in s.execute(select(Timer.element_id, Timer.status, Timer.due_at).where(
            Timer.instance_id == instance_id).order_by(Timer.due_at, Timer.element_id))]
    out["children"] = [seen(eng, child) for child in info.children]
    return out


def lockstep(pair: tuple[tuple[Engine, ManualClock], ...], key: str, choices: dict[str, Any]) -> list[int]:
    """Both engines work one instance as `engine.demo.seed.drive` does, comparing after every step."""
    ids = [eng.start(key, customer="0112038-9", responsible="asiantuntija").id for eng, _clock in pair]
    for _ in range(80):
        views = [seen(eng, i) for (eng, _clock), i in zip(pair, ids, strict=True)]
        assert views[0] == views[1]
        infos = [eng.instance(i) for (eng, _clock), i in zip(pair, ids, strict=True)]
        tasks = [[t for t in info.open_tasks if t.candidate_group != "Palveluesimiehet"] for info in infos]
        if not tasks[0] or infos[0].status != "running":
            due = min((t["due_at"] for t in infos[0].timers), default=None)
            if due is None or infos[0].status != "running" or tasks[0]:
                return ids
            for eng, clock in pair:
                clock.set(max(due, clock()))
                eng.fire_due_timers(worker="lockstep")
            continue
        for (eng, clock), task in zip(pair, (t[0] for t in tasks), strict=True):
            user = _worker_for(eng, task)
            form = eng.task(task.id).form
            clock.set(clock() + timedelta(days=1))
            eng.fire_due_timers(worker="lockstep")
            card = {k: v for k, v in eng.task_context(task.id, user).prefill.items() if k in CONTACT_FIELDS}
            eng.complete(task.id, user, autofill(form, clock().date().isoformat(), {**card, **choices}))
    raise AssertionError("the run did not end in 80 steps")


@pytest.mark.parametrize(("key", "scenario"), CASES)
def test_pages_read_the_same_with_and_without_pruning(pair: tuple[tuple[Engine, ManualClock], ...], key: str,
                                                       scenario: str) -> None:
    choices = importlib.import_module(f"tests.processes.test_{key}").SCENARIOS[scenario]
    pruned, whole = lockstep(pair, key, choices)
    (eng, _clock), (other, _other_clock) = pair
    assert eng.instance(pruned).status == other.instance(whole).status == "completed"
    with eng.reading() as s, other.reading() as t:
        small = s.scalar(select(func.length(Instance.state_json)).where(Instance.id == pruned))
        large = t.scalar(select(func.length(Instance.state_json)).where(Instance.id == whole))
        marks = s.scalar(select(func.count()).select_from(TrailMark).where(TrailMark.instance_id == pruned))
    assert small < large and marks > 0      # it was pruned, and the diagram read the trail
