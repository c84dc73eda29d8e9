"""A completion's statements (issue 15): one read of the acting user, no history, nothing written before
the instance's version-checked UPDATE, and the step's audit events by prebuilt Core INSERTs after it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from engine import Engine
from engine.clock import ManualClock
from engine.errors import NotFound, PermissionDenied, TaskNotOpen
from engine.models import AuditEvent, AuditKind, Task
from tests.engine.test_runtime import GOOD_PROMISE, only_task, start

_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@contextmanager
def _statements(eng: Engine) -> Iterator[list[tuple[str, bool]]]:
    """(statement, executemany) of everything the writer engine runs meanwhile."""
    seen: list[tuple[str, bool]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, many: bool) -> None:
        seen.append((" ".join(statement.split()), many))

    event.listen(eng._writer, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(eng._writer, "before_cursor_execute", capture)


def test_a_completion_reads_its_user_once_and_writes_its_events_after_the_version_check(kokeilu: Engine) -> None:
    instance = start(kokeilu)
    task_id = only_task(kokeilu, instance)
    with _statements(kokeilu) as seen:
        answer = kokeilu.complete(task_id, "asiantuntija", GOOD_PROMISE)
    assert answer.history is None
    statements = [sql for sql, _ in seen]
    writes = [sql for sql in statements if _WRITE.match(sql)]
    assert writes[0].startswith("UPDATE instances SET"), writes
    assert "lock_version = " in writes[0] and "WHERE instances.id = " in writes[0], writes[0]
    first_write = statements.index(writes[0])
    assert not any("audit_events" in sql for sql in statements[:first_write]), statements[:first_write]
    assert not any(sql.startswith("SELECT") and "FROM audit_events" in sql for sql in statements), statements
    assert any(sql.startswith("INSERT INTO audit_events") for sql in writes[1:]), writes
    assert len([sql for sql in statements if re.search(r"\bFROM users\b", sql)]) == 1, statements
    with kokeilu.reading() as s:
        done = s.execute(select(AuditEvent.actor, AuditEvent.data).where(
            AuditEvent.kind == AuditKind.COMPLETE.value, AuditEvent.task_id == task_id)).one()
    assert done.actor == "asiantuntija" and done.data["lupaus_annettu"] is True


def test_a_steps_audit_events_are_no_objects_of_the_unit_of_work(kokeilu: Engine) -> None:
    """The rows go in by Core statements: the step makes no event object for the unit of work to track
    (it costs several times more per row), and the rows are there after the commit."""
    made: list[object] = []

    def note(target: object, *_args: Any) -> None:
        made.append(target)

    event.listen(AuditEvent, "init", note)
    try:
        instance = start(kokeilu)
        kokeilu.complete(only_task(kokeilu, instance), "asiantuntija", GOOD_PROMISE)
    finally:
        event.remove(AuditEvent, "init", note)
    assert made == []
    with kokeilu.reading() as s:
        kinds = list(s.scalars(select(AuditEvent.kind).where(AuditEvent.instance_id == instance)
                               .order_by(AuditEvent.id)))
    assert kinds[0] == AuditKind.START.value and AuditKind.COMPLETE.value in kinds, kinds


# --- issue 15, the lean hot path: task rows as a diff of the ready set, claim at its floor, lean answers ----

_OPEN_ROWS_READ = re.compile(r"^SELECT .* FROM tasks WHERE .*tasks\.instance_id = ", re.IGNORECASE)


def test_a_step_writes_its_task_rows_without_reading_the_open_ones(kokeilu: Engine) -> None:
    """The ready set before the step is the loaded state's: the completed task's row is not read again,
    the new task goes in, and the answer's open tasks are the new ones."""
    instance = start(kokeilu)
    task_id = only_task(kokeilu, instance)
    with _statements(kokeilu) as seen:
        answer = kokeilu.complete(task_id, "asiantuntija", GOOD_PROMISE)
    statements = [sql for sql, _ in seen]
    assert not any(_OPEN_ROWS_READ.match(sql) for sql in statements), statements
    # the completed task's own UPDATE only: it left the ready set closed already
    assert len([sql for sql in statements if sql.startswith("UPDATE tasks")]) == 1, statements
    assert [t.element_id for t in answer.open_tasks] == ["jalkihoito"]
    with kokeilu.reading() as s:
        rows = dict(s.execute(select(Task.element_id, Task.status).where(Task.instance_id == instance)).all())
    assert rows == {"lupaus": "completed", "jalkihoito": "open"}
    assert [t.element_id for t in kokeilu.instance(instance).open_tasks] == ["jalkihoito"]


INTERRUPTED = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://example.org/t">
  <bpmn:process id="keskeytys" name="Keskeytys" isExecutable="true">
    <bpmn:startEvent id="alku"/>
    <bpmn:sequenceFlow id="f1" sourceRef="alku" targetRef="a"/>
    <bpmn:userTask id="a" name="Odottaa" camunda:assignee="vastuuasiantuntija"/>
    <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="loppu"/>
    <bpmn:boundaryEvent id="aika" attachedToRef="a" cancelActivity="true">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="aika" targetRef="b"/>
    <bpmn:userTask id="b" name="Myöhässä" camunda:assignee="vastuuasiantuntija"/>
    <bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="loppu"/>
    <bpmn:endEvent id="loppu"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_task_that_leaves_the_ready_set_is_cancelled_in_the_rows_and_the_session(
        db_url: str, clock: ManualClock, tmp_path: Path) -> None:
    """An interrupting timer takes the task away: its row is closed by the diff (no read of the open rows)
    and the new task is open; an instance read afterwards agrees."""
    eng = Engine(db_url, clock=clock, aftercare=False)
    try:
        eng.add_user("asiantuntija", roles=["expert"], groups=["TE-asiantuntijat"], password="salasana-1-kokeilu")
        eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
        path = tmp_path / "keskeytys.bpmn"
        path.write_text(INTERRUPTED)
        eng.deploy(path)
        info = eng.start("keskeytys", customer="0112038-9", responsible="asiantuntija")
        assert [t.element_id for t in info.open_tasks] == ["a"]
        clock.advance(hours=2)
        with _statements(eng) as seen:
            assert eng.fire_due_timers() == 1
        assert not any(_OPEN_ROWS_READ.match(sql) for sql, _ in seen), seen
        with eng.reading() as s:
            rows = dict(s.execute(select(Task.element_id, Task.status).where(Task.instance_id == info.id)).all())
        assert rows == {"a": "cancelled", "b": "open"}
        after = eng.instance(info.id)
        assert [t.element_id for t in after.open_tasks] == ["b"]
        assert eng.complete(after.open_tasks[0].id, "asiantuntija").status == "completed"
        with eng.reading() as s:
            assert s.scalar(select(Task.status).where(Task.instance_id == info.id, Task.element_id == "b")) \
                == "completed"
    finally:
        eng.dispose()


def _group_task(eng: Engine) -> str:
    """An open task of group TE-asiantuntijat that nobody holds: the first task, given back to the group."""
    task_id = only_task(eng, start(eng))
    eng.unclaim(task_id, "asiantuntija")
    return task_id


def test_a_claim_is_one_update_that_checks_in_its_where_clause(kokeilu: Engine) -> None:
    task_id = _group_task(kokeilu)
    with _statements(kokeilu) as seen:
        claimed = kokeilu.claim(task_id, "toinen")
    statements = [sql for sql, _ in seen]
    assert claimed.assignee == "toinen" and claimed.claimed_at is not None and claimed.id == task_id
    assert not any(sql.startswith("SELECT") for sql in statements), statements
    updates = [sql for sql in statements if sql.startswith("UPDATE")]
    assert len(updates) == 1 and updates[0].startswith("UPDATE tasks SET"), statements
    assert "FROM users" in updates[0] or "JOIN users" in updates[0], updates[0]
    assert "RETURNING" in updates[0], updates[0]
    with kokeilu.reading() as s:
        assert s.scalar(select(Task.assignee).where(Task.id == task_id)) == "toinen"
        kinds = list(s.scalars(select(AuditEvent.actor).where(AuditEvent.task_id == task_id,
                                                              AuditEvent.kind == AuditKind.CLAIM.value)))
    assert kinds == ["toinen"]


def test_a_claim_that_does_not_match_says_why_and_changes_nothing(kokeilu: Engine) -> None:
    task_id = _group_task(kokeilu)
    with pytest.raises(PermissionDenied) as outside:
        kokeilu.claim(task_id, "ulkopuolinen")           # in another group
    assert outside.value.code == "task.not_in_group"
    with pytest.raises(NotFound) as nobody:
        kokeilu.claim(task_id, "eikukaan")
    assert nobody.value.code == "user.not_active"
    with pytest.raises(NotFound):
        kokeilu.claim("ei-tehtava", "toinen")
    kokeilu.claim(task_id, "toinen")
    with pytest.raises(TaskNotOpen) as taken:
        kokeilu.claim(task_id, "asiantuntija")
    assert taken.value.code == "task.claimed"
    again = kokeilu.claim(task_id, "toinen")              # one's own task: answered unchanged, no new event
    assert again.assignee == "toinen"
    with kokeilu.reading() as s:
        claims = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.task_id == task_id, AuditEvent.kind == AuditKind.CLAIM.value))
    assert claims == 1


def test_start_and_the_inbox_read_their_user_once_and_start_answers_without_history(kokeilu: Engine) -> None:
    reader = kokeilu._reader
    seen: list[str] = []

    def capture(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    with _statements(kokeilu) as written:
        info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    assert info.history is None and [t.element_id for t in info.open_tasks] == ["lupaus"]
    assert info.customer_name == "Oy Esimerkki Ab" and info.data["asiakas"] == "0112038-9"
    assert not any("FROM audit_events" in sql for sql, _ in written), written
    assert len([sql for sql, _ in written if re.search(r"\bFROM users\b", sql)]) == 1, written
    assert not any("FROM contact_persons" in sql for sql, _ in written), written
    assert not any(sql.startswith("SELECT instances.id FROM instances") for sql, _ in written), written  # children
    assert info.children == []
    event.listen(reader, "before_cursor_execute", capture)
    try:
        inbox = kokeilu.inbox("asiantuntija")
    finally:
        event.remove(reader, "before_cursor_execute", capture)
    assert [t.id for t in inbox] == [info.open_tasks[0].id] and inbox[0].customer_name == "Oy Esimerkki Ab"
    assert len([sql for sql in seen if re.search(r"\bFROM users\b", sql)]) == 1, seen
    with pytest.raises(NotFound):
        kokeilu.inbox("eikukaan")


def test_a_completion_is_one_read_then_checked_core_writes(kokeilu: Engine) -> None:
    """One statement reads the task, its instance and customer and checks the user; the task row is closed
    by an UPDATE that matches it only while open; the unit of work writes nothing of its own."""
    instance = start(kokeilu)
    task_id = only_task(kokeilu, instance)
    with _statements(kokeilu) as seen:
        answer = kokeilu.complete(task_id, "asiantuntija", GOOD_PROMISE)
    statements = [sql for sql, _ in seen if sql not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT")]
    first_write = next(i for i, sql in enumerate(statements) if _WRITE.match(sql))
    assert len(statements[:first_write]) == 1, statements[:first_write]
    read = statements[0]
    assert read.startswith("SELECT") and "FROM tasks JOIN instances" in read, read
    assert "JOIN customers" in read and "JOIN definition_versions" in read and "FROM users" in read, read
    closed = [sql for sql in statements if sql.startswith("UPDATE tasks SET")]
    assert len(closed) == 1 and "tasks.status = " in closed[0].split("WHERE", 1)[1], closed
    assert len([sql for sql in statements if sql.startswith("INSERT INTO audit_events")]) == 1, statements
    assert answer.version == 1 and answer.customer_name == "Oy Esimerkki Ab" and answer.children == []
    with kokeilu.reading() as s:
        row = s.get(Task, task_id)
        assert row is not None and (row.status, row.completed_by, row.assignee) == (
            "completed", "asiantuntija", "asiantuntija")


def test_a_start_inserts_its_instance_once_with_its_first_state(kokeilu: Engine) -> None:
    with _statements(kokeilu) as seen:
        info = kokeilu.start("kokeilu", customer="0112038-9", responsible="asiantuntija")
    statements = [sql for sql, _ in seen]
    assert len([sql for sql in statements if sql.startswith("INSERT INTO instances")]) == 1, statements
    assert not any(sql.startswith("UPDATE instances") for sql in statements), statements
    assert not any("source_xml" in sql for sql in statements), statements      # the large columns stay unread
    with kokeilu.reading() as s:
        started = s.execute(select(AuditEvent.instance_id, AuditEvent.message).where(
            AuditEvent.kind == AuditKind.START.value)).one()
    assert started.instance_id == info.id and "kokeilu v1" in started.message
    assert kokeilu.instance(info.id).open_tasks[0].element_id == "lupaus"


def test_the_api_inbox_reads_every_scope_in_one_statement_in_inbox_order(kokeilu: Engine, clock: ManualClock) -> None:
    """A user in three groups: their own tasks and each group's unclaimed ones come from one statement,
    merged in inbox order (due first, soonest first, then undated by age)."""
    kokeilu.add_user("monessa", roles=["expert"], groups=["TE-asiantuntijat", "ELY-asiantuntijat", "Muut"])
    ids = []
    for _ in range(3):
        ids.append(start(kokeilu))
        clock.advance(minutes=1)
    seen: list[str] = []

    def capture(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(kokeilu._reader, "before_cursor_execute", capture)
    try:
        mine = kokeilu.inbox("asiantuntija")
        group = kokeilu.inbox("monessa")
    finally:
        event.remove(kokeilu._reader, "before_cursor_execute", capture)
    reads = [sql for sql in seen if sql.startswith("SELECT")]
    assert len([sql for sql in reads if "FROM tasks" in sql]) == 2, reads          # one per inbox
    expected = sorted(mine, key=lambda t: (t.due_at is None, t.due_at or t.created_at, t.created_at, t.id))
    assert [t.id for t in mine] == [t.id for t in expected] and {t.instance_id for t in mine} == set(ids)
    assert all(t.assignee is None for t in group)      # the groups' unclaimed tasks, none of another's own
    assert kokeilu.inbox("asiantuntija", limit=2, offset=1) == mine[1:3]


def test_a_task_read_by_position_is_the_task_read_by_name(kokeilu: Engine) -> None:
    """`views.task_info_of_row` unpacks a Core row of the tasks table by position (an attribute of a
    SQLAlchemy Row costs ~0.4 us): the columns are the table's, in its order, and it gives what `task_info`
    gives from the same row by name."""
    from engine.runtime.views import TASK_COLUMNS, task_info, task_info_of_row

    assert TASK_COLUMNS == tuple(Task.__table__.columns.keys())
    instance = start(kokeilu)
    kokeilu.claim(only_task(kokeilu, instance), "asiantuntija")
    with kokeilu.reading() as s:
        row = s.execute(select(*Task.__table__.columns).where(Task.instance_id == instance)).one()
    by_position = task_info_of_row(row, "0112038-9", "Oy Esimerkki Ab")
    assert by_position == task_info(row, "0112038-9", "Oy Esimerkki Ab")
    assert (by_position.element_id, by_position.assignee, by_position.claimed_at) == (
        "lupaus", "asiantuntija", row.claimed_at)
