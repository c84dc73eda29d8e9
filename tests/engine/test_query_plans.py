"""The inbox's queries as SQLite plans them: each scope on the index built for it (issue 15).

SQLite planned the unclaimed-group counts (`assignee IS NULL`) on the assignee index while that held
unclaimed tasks too, reading every one of them (30 ms instead of 2.1 ms at 100,000 open tasks)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, insert, select, text

from engine import Engine, ManualClock
from engine.models import Customer, Instance, Task
from engine.runtime.queries import InboxFilter
from tests.engine.test_runtime import start


def _fill(eng: Engine, clock: ManualClock, instance_id: int) -> None:
    """3,000 open tasks of 300 companies: a third claimed by 300 experts (a few each, as in an office),
    the rest unclaimed in 4 groups; then ANALYZE, so SQLite plans on statistics like the office's."""
    now = clock()
    with eng.transaction() as s:
        s.execute(insert(Customer), [dict(business_id=f"X{i:07d}", name=f"Yritys {i}", created_at=now)
                                     for i in range(300)])
        customer_ids = list(s.scalars(select(Customer.id)))
        process_key = s.scalar(select(Instance.process_key).where(Instance.id == instance_id))
    rows = [dict(id=str(uuid.uuid4()), instance_id=instance_id, customer_id=customer_ids[i % len(customer_ids)],
                 process_key=process_key,
                 element_id="e", name="t", candidate_group=f"ryhma-{i % 4}",
                 assignee=f"expert-{i % 900}" if i % 3 == 0 else None, status="open", is_aftercare=False,
                 due_at=now + timedelta(hours=i % 500), created_at=now) for i in range(3000)]
    with eng.transaction() as s:
        s.execute(insert(Task), rows)
        s.execute(text("ANALYZE"))


@contextmanager
def _captured(eng: Engine) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        seen.append((statement, parameters))

    event.listen(eng._reader, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(eng._reader, "before_cursor_execute", capture)


def _plan(eng: Engine, statement: str, parameters: Any) -> str:
    with eng._reader.connect() as conn:
        return " | ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))


def _group_tab(eng: Engine, clock: ManualClock, why_sqlite_only: str) -> tuple[Any, list[tuple[str, Any]]]:
    """The group tab of an expert in three groups over `_fill`'s tasks, and the statements it ran (SQLite)."""
    if eng.dialect != "sqlite":
        pytest.skip(why_sqlite_only)
    _fill(eng, clock, start(eng))
    eng.add_user("monitaitaja", roles=["expert"], groups=["ryhma-0", "ryhma-1", "ryhma-2"])
    with _captured(eng) as seen:
        return eng.inbox_page("monitaitaja", InboxFilter(tab="group")), seen


def test_inbox_counts_read_each_scope_on_its_own_index(kokeilu: Engine, clock: ManualClock) -> None:
    page, seen = _group_tab(kokeilu, clock, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL's planner has no such"
                                            " choice to make here")
    assert page.counts["group"] == 1500
    counts = [(sql, p) for sql, p in seen if "count(" in sql.lower() and "assignee" in sql]
    assert len(counts) == 1, [sql for sql, _ in counts]          # every scope's count in one statement
    plan = _plan(kokeilu, *counts[0])
    searches = [step for step in plan.split(" | ") if step.startswith("SEARCH")]
    assert len(searches) == 4, plan
    assert "ix_tasks_open_assignee" in searches[0], plan
    assert all("ix_tasks_unclaimed_group" in step for step in searches[1:]), plan


def test_an_inbox_page_reads_each_scope_range_on_its_own_index_and_then_its_rows_by_key(
        kokeilu: Engine, clock: ManualClock) -> None:
    """The page's one statement: each group's range (with a due date, then without) on the unclaimed
    index, in the index's order (no sort inside a part); then only the page's rows, by primary key."""
    page, seen = _group_tab(kokeilu, clock, "EXPLAIN QUERY PLAN is SQLite's")
    assert len(page.tasks.items) == 25
    [rows] = [(sql, p) for sql, p in seen if "UNION ALL" in sql and "count(" not in sql.lower()]
    steps = _plan(kokeilu, *rows).split(" | ")
    ranges = [s for s in steps if "ix_tasks_unclaimed_group" in s]
    assert len(ranges) == 6 and not any(s.startswith("SCAN tasks") for s in steps), steps
    assert any("sqlite_autoindex_tasks_1 (id=?)" in s for s in steps), steps
    assert sum("TEMP B-TREE" in s for s in steps) == 2, steps    # the merge and the page's order only
