"""the assignee index holds claimed open tasks only

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-04

`ix_tasks_open_assignee` covered every open task, the unclaimed ones under a NULL assignee too, and
SQLite chose it for the inbox's unclaimed-group counts (`assignee IS NULL AND candidate_group = ?`),
reading every unclaimed task: 30 ms against 2.1 ms on `ix_tasks_unclaimed_group` at 100,000 open
tasks. Partial on `assignee IS NOT NULL`, it can no longer answer those; a query for one assignee
(`assignee = ?`) implies the condition on both databases and keeps using it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["assignee", "due_at", "created_at", "id", "process_key", "customer_id"]
OPEN_TASK = sa.text("status = 'open'")
OPEN_ASSIGNED_TASK = sa.text("status = 'open' AND assignee IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_open_assignee")
        batch_op.create_index("ix_tasks_open_assignee", COLUMNS,
                              sqlite_where=OPEN_ASSIGNED_TASK, postgresql_where=OPEN_ASSIGNED_TASK)


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_open_assignee")
        batch_op.create_index("ix_tasks_open_assignee", COLUMNS, sqlite_where=OPEN_TASK, postgresql_where=OPEN_TASK)
