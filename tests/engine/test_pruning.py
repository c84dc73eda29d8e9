"""An instance's live state does not grow with its age (engine.runtime.prune, issue 15).

The pages' reads with and without pruning are compared on the process library in
tests/processes/test_pruning.py and on every third-party model in test_conformance_runs.py and
test_camunda_examples.py; here: the state of a long loop stays small, its trail is written once per
mark in the step's transaction, and a run without pruning shows the same diagram.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from bench.data import BENCH_BPMN
from engine import Engine, ManualClock, TaskNotOpen
from engine.models import Instance, Task, TrailMark
from engine.runtime import prune
from tests.conftest import START
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start

STEP = {"jatketaan": True, "muistiinpano": "Soitettu, jatketaan", "tunnit": 2}
FINAL = {"jatketaan": False, "muistiinpano": "Valmis", "tunnit": 1}


def _loop_engine(url: str, pruning: bool) -> Engine:
    eng = Engine(url, clock=ManualClock(START))
    eng.rt.prune = pruning
    eng.add_user("asiantuntija", roles=["expert"], groups=["TE-asiantuntijat"], password="salasana-1-kokeilu")
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    eng.deploy(BENCH_BPMN)
    return eng


def _state_chars(eng: Engine, instance_id: int) -> int:
    with eng.reading() as s:
        return int(s.scalar(select(func.length(Instance.state_json)).where(Instance.id == instance_id)) or 0)


def _run_loop(eng: Engine, rounds: int) -> tuple[int, list[int]]:
    info = eng.start("bench_kierros", customer="0112038-9", responsible="asiantuntija")
    sizes = []
    for _ in range(rounds):
        info = eng.complete(info.open_tasks[0].id, "asiantuntija", dict(STEP))
        sizes.append(_state_chars(eng, info.id))
    return info.id, sizes


def test_a_long_loop_keeps_its_state_small_and_its_trail_once(db_url: str) -> None:
    eng = _loop_engine(db_url, pruning=True)
    try:
        instance_id, sizes = _run_loop(eng, 60)
        assert max(sizes[2:]) - min(sizes[2:]) < 200, sizes        # the same after 3 rounds as after 60
        with eng.reading() as s:
            marks = prune.trail(s, instance_id)
            rows = s.scalar(select(func.count()).select_from(TrailMark).where(TrailMark.instance_id == instance_id))
        assert rows == len(marks) and ("yhteydenotto", prune.COMPLETED_MARK) in marks
        diagram = eng.instance_diagram(instance_id)
        assert diagram.elements["yhteydenotto"] == "active" and diagram.elements["alku"] == "completed"
    finally:
        eng.dispose()


def test_without_pruning_the_state_grows_and_the_diagram_is_the_same(tmp_path: Path) -> None:
    engines = [_loop_engine(f"sqlite:///{tmp_path / name}.db", pruning) for name, pruning in
               (("pruned", True), ("whole", False))]
    try:
        runs = [_run_loop(eng, 30) for eng in engines]
        (pruned_id, pruned_sizes), (whole_id, whole_sizes) = runs
        assert whole_sizes[-1] > 5 * pruned_sizes[-1]
        diagrams = [eng.instance_diagram(i) for eng, i in zip(engines, (pruned_id, whole_id), strict=True)]
        assert diagrams[0].elements == diagrams[1].elements and diagrams[0].flows == diagrams[1].flows
        with engines[1].reading() as s:
            assert prune.trail(s, whole_id) == set()
    finally:
        for eng in engines:
            eng.dispose()


def test_a_completion_that_read_its_task_open_before_a_rival_pruned_it_hears_it_no_longer_waits(
        kokeilu: Engine) -> None:
    """Two people complete the same task: the loser read the task row while it was open, and the state after
    the winner's commit, from which pruning has cut the task. It must hear "no longer waiting" (409), not
    fail (R1-http found 14 such 500s in 3,200 racing API completions on PostgreSQL)."""
    task = only_task(kokeilu, start(kokeilu))
    kokeilu.complete(task, "asiantuntija", GOOD_PROMISE)          # the winner: its step prunes the task
    with kokeilu.reading() as s:
        state = s.scalar(select(Instance.state_json).join(Task, Task.instance_id == Instance.id)
                         .where(Task.id == task))
    assert task not in state                                      # cut from the live state
    with kokeilu.transaction() as s:                              # the row as the loser read it
        s.execute(update(Task).where(Task.id == task).values(status="open"))
    with pytest.raises(TaskNotOpen) as refused:
        kokeilu.complete(task, "asiantuntija", GOOD_PROMISE)
    assert refused.value.code == "task.not_waiting"
