"""`Engine.check`: what it reports when rows and the stored state disagree."""

from __future__ import annotations

from sqlalchemy import delete, update

from engine import Engine
from engine.models import Instance, Task, Timer
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start


def findings(eng: Engine) -> list[str]:
    return [str(f) for f in eng.check()]


def test_a_healthy_database_has_no_findings(kokeilu: Engine) -> None:
    waiting = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, waiting), "asiantuntija", {**GOOD_PROMISE, "polku": "odotus"})
    start(kokeilu)
    assert findings(kokeilu) == []


def test_missing_rows_and_stuck_instances_are_reported(kokeilu: Engine) -> None:
    lost_task = start(kokeilu)
    lost_timer = start(kokeilu)
    kokeilu.complete(only_task(kokeilu, lost_timer), "asiantuntija", {**GOOD_PROMISE, "polku": "odotus"})
    broken = start(kokeilu)
    with kokeilu.transaction() as s:
        s.execute(delete(Task).where(Task.instance_id == lost_task))
        s.execute(delete(Timer).where(Timer.instance_id == lost_timer))
        s.execute(update(Instance).where(Instance.id == broken).values(state_json="not json"))
    found = findings(kokeilu)
    assert any(f.startswith(f"instance {lost_task}: ready task") for f in found)
    assert any(f.startswith(f"instance {lost_timer}: waiting timer") for f in found)
    assert any(f.startswith(f"instance {broken}: the stored state cannot be loaded") for f in found)
    assert len(found) == 3
