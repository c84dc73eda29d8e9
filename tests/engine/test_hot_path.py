"""A completion's statements (issue 15): one read of the acting user, no history, nothing written before
the instance's version-checked UPDATE, and the step's audit events by prebuilt Core INSERTs after it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select

from engine import Engine
from engine.models import AuditEvent, AuditKind
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
