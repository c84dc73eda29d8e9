"""`Engine.check`: what it reports when rows and the stored state disagree."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select, update

from engine import Engine
from engine.cli import main
from engine.models import AuditEvent, AuditKind, Instance, Task, Timer
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


def _store_old_data(eng: Engine, instance_id: int, deep: str) -> str:
    """Put into an instance's ready task data that today's limits refuse, as data stored before them."""
    with eng.reading() as s:
        state = json.loads(s.get(Instance, instance_id).state_json)
    task = next(t for t in state["tasks"].values() if t["data"])
    task["data"]["vanha"] = "@DEEP@"
    stored = json.dumps(state, separators=(",", ":")).replace('"@DEEP@"', deep)
    with eng.transaction() as s:
        s.execute(update(Instance).where(Instance.id == instance_id).values(state_json=stored))
    return stored


def test_data_stored_before_the_limits_is_reported_and_repaired_in_error_never_deleted(
        kokeilu: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 finding 5 for old data: 800 levels deep, stored before datalimits refused it. `check`
    names it; `check --repair` stops the instance in error with the reason, audited, its state kept."""
    healthy, broken = start(kokeilu), start(kokeilu)
    stored = _store_old_data(kokeilu, broken, "[" * 800 + "]" * 800)
    found = list(kokeilu.check())
    assert [(f.instance_id, f.data_limit) for f in found] == [(broken, True)]
    assert "nested more than 32 levels deep" in str(found[0]) and "--repair" in str(found[0])

    monkeypatch.setenv("PALVELUPOLKU_DATABASE_URL", db_url)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1 and f"instance {broken}:" in result.output
    result = CliRunner().invoke(main, ["check", "--repair", "--actor", "esimies"])
    assert result.exit_code == 0, result.output
    assert "Repaired" in result.output

    info = kokeilu.instance(broken)
    assert info.status == "error" and "check --repair" in (info.error_message or "")
    assert info.open_tasks == []
    with kokeilu.reading() as s:
        assert s.get(Instance, broken).state_json == stored            # kept, not deleted
        event = s.scalars(select(AuditEvent).where(AuditEvent.instance_id == broken)
                          .order_by(AuditEvent.id.desc())).first()
    assert event is not None and event.actor == "esimies" and event.kind == AuditKind.ERROR
    assert kokeilu.instance(healthy).status == "running" and findings(kokeilu) == []
    assert CliRunner().invoke(main, ["check"]).exit_code == 0


def test_a_state_larger_than_allowed_today_is_reported(kokeilu: Engine) -> None:
    big = start(kokeilu)
    _store_old_data(kokeilu, big, json.dumps("x" * 200))
    kokeilu.rt.max_state_chars = 2_000          # today's limit, lower than what was stored
    assert [(f.instance_id, f.data_limit) for f in kokeilu.check()] == [(big, True)]
