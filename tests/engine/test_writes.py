"""A step's writes (engine.runtime.writes, issue 15): on PostgreSQL they travel in one pipeline, on SQLite
each runs at once; on both in order and checked, a stale check reported ahead of the error it hides, and
nothing of a failed step written."""

from __future__ import annotations

import logging
import uuid

import pytest
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from engine import Engine
from engine.errors import StaleStateError
from engine.models import AuditEvent, Instance, Task
from engine.runtime.writes import Writes
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start

_STATUS = update(Instance).where(Instance.id == bindparam("b_id"), Instance.lock_version == bindparam("b_version")) \
    .values(error_message=bindparam("note"))
_NOTE = insert(AuditEvent)


def _task_row(eng: Engine, instance_id: int) -> dict[str, object]:
    with eng.reading() as s:
        row = s.scalars(select(Task).where(Task.instance_id == instance_id)).one()
        return {c.name: getattr(row, c.name) for c in Task.__table__.columns}


def test_a_completions_writes_go_in_one_pipeline_on_postgresql_and_one_by_one_on_sqlite(
        kokeilu: Engine, caplog: pytest.LogCaptureFixture) -> None:
    instance = start(kokeilu)
    task_id = only_task(kokeilu, instance)
    with kokeilu.reading() as s:
        version = s.get(Instance, instance).lock_version
    with caplog.at_level(logging.DEBUG, logger="engine.runtime.writes"):
        answer = kokeilu.complete(task_id, "asiantuntija", GOOD_PROMISE)
    sent = [r.getMessage() for r in caplog.records if r.name == "engine.runtime.writes"]
    if kokeilu.dialect == "postgresql":
        # the instance's checked UPDATE, the task's checked UPDATE, the trail mark of the task pruned from
        # the state, the new task's row, the audit events; the timer's rows are read after them
        assert sent == ["5 writes sent in one pipeline"], sent
    else:
        assert sent == [], sent
    assert [t.element_id for t in answer.open_tasks] == ["jalkihoito"]
    with kokeilu.reading() as s:
        completed = s.get(Task, task_id)
        assert completed is not None and completed.status == "completed"
        assert s.get(Instance, instance).lock_version == version + 1


def test_a_stale_check_wins_over_the_error_it_hid_and_nothing_is_written(kokeilu: Engine) -> None:
    """Two racing completions insert the same new task row: in a pipeline the insert's failure comes back
    with the version check's 0 rows. The step hears "changed meanwhile" (it reruns), not a database error."""
    instance = start(kokeilu)
    existing = _task_row(kokeilu, instance)
    with kokeilu.reading() as s:
        version = s.get(Instance, instance).lock_version
    with pytest.raises(StaleStateError) as caught, kokeilu.transaction(optimistic=True) as s:
        writes = Writes(s)
        writes.add(_STATUS, {"b_id": instance, "b_version": version + 7, "note": "kirjoitettu"}, rows=1,
                   stale="changed meanwhile")
        writes.add(insert(Task), [existing])         # the same task id again: a unique key violation
        writes.send()
    assert isinstance(caught.value.__cause__, StaleDataError)
    assert str(caught.value.__cause__) == "changed meanwhile"
    with kokeilu.reading() as s:
        row = s.get(Instance, instance)
        assert (row.lock_version, row.error_message) == (version, None)


def test_a_failed_write_is_the_databases_error_and_the_writes_before_it_are_undone(kokeilu: Engine) -> None:
    instance = start(kokeilu)
    existing = _task_row(kokeilu, instance)
    with kokeilu.reading() as s:
        version = s.get(Instance, instance).lock_version
        events = len(s.scalars(select(AuditEvent.id)).all())
    with pytest.raises(IntegrityError), kokeilu.transaction(optimistic=True) as s:
        writes = Writes(s)
        writes.add(_STATUS, {"b_id": instance, "b_version": version, "note": "kirjoitettu"}, rows=1)
        writes.add(_NOTE, [{"at": existing["created_at"], "actor": "testi", "kind": "comment",
                            "instance_id": instance, "message": "ennen virhettä"}])
        writes.add(insert(Task), [existing])
        writes.send()
    with kokeilu.reading() as s:
        row = s.get(Instance, instance)
        assert (row.lock_version, row.error_message) == (version, None)
        assert len(s.scalars(select(AuditEvent.id)).all()) == events


def test_writes_run_in_order_and_a_read_after_send_sees_them(kokeilu: Engine) -> None:
    instance = start(kokeilu)
    with kokeilu.reading() as s:
        version = s.get(Instance, instance).lock_version
    note = f"merkintä {uuid.uuid4().hex[:6]}"
    with kokeilu.transaction(optimistic=True) as s:
        writes = Writes(s)
        writes.add(_STATUS, {"b_id": instance, "b_version": version, "note": "ensin"}, rows=1)
        # the same row twice (its version unchanged: not among the values): the one sent last is kept
        writes.add(_STATUS, {"b_id": instance, "b_version": version, "note": note}, rows=1)
        writes.send()
        assert s.execute(select(Instance.error_message).where(Instance.id == instance)).scalar_one() == note
    with kokeilu.reading() as s:
        assert s.get(Instance, instance).error_message == note


def test_a_row_read_by_core_joins_the_session_as_if_the_orm_had_loaded_it(kokeilu: Engine) -> None:
    """`execution.attach`: persistent in the session, clean, found by `get` without a read, its other
    columns read on first use, and a change to it written by the next flush like any loaded object's."""
    from sqlalchemy import event, inspect

    from engine.runtime.execution import attach

    instance = start(kokeilu)
    with kokeilu.reading() as s:
        values = dict(s.execute(select(Instance.id, Instance.responsible, Instance.lock_version)
                                .where(Instance.id == instance)).one()._mapping)
    reads: list[str] = []
    with kokeilu.transaction() as s:
        row = attach(s, Instance, values)
        state = inspect(row)
        assert state.persistent and not s.dirty and row in s
        event.listen(s.get_bind(), "before_cursor_execute", lambda *a: reads.append(a[2]))
        assert s.get(Instance, instance) is row and reads == []          # the identity map has it
        assert attach(s, Instance, values) is row                         # attached once
        assert row.process_key == "kokeilu"                               # a column not read: read now
        assert [sql.split()[0] for sql in reads if not sql.startswith("BEGIN")] == ["SELECT"], reads
        row.responsible = "toinen"
    with kokeilu.reading() as s:
        stored = s.get(Instance, instance)
        assert stored is not None and stored.responsible == "toinen"
