"""indexes in the order the inboxes and the managers' instance list read

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

The inbox reads one index range per scope (the user's own tasks; each of the user's groups'
unclaimed ones) already in inbox order: due date, then creation, then id; partial indexes over
open tasks only, a tenth of the table. The instance list reads
newest first under each filter it offers. Searches by company resolve the companies first and
then read their tasks by customer.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


OPEN_TASK = sa.text("status = 'open'")
UNCLAIMED_TASK = sa.text("status = 'open' AND assignee IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_status_assignee_due")
        batch_op.drop_index("ix_tasks_status_group_due")
        batch_op.drop_index("ix_tasks_customer_id")
        batch_op.create_index("ix_tasks_open_assignee",
                              ["assignee", "due_at", "created_at", "id", "process_key", "customer_id"],
                              sqlite_where=OPEN_TASK, postgresql_where=OPEN_TASK)
        batch_op.create_index("ix_tasks_unclaimed_group",
                              ["candidate_group", "due_at", "created_at", "id", "process_key", "customer_id"],
                              sqlite_where=UNCLAIMED_TASK, postgresql_where=UNCLAIMED_TASK)
        batch_op.create_index("ix_tasks_open_aftercare", ["is_aftercare", "due_at", "instance_id"],
                              sqlite_where=OPEN_TASK, postgresql_where=OPEN_TASK)
        batch_op.create_index("ix_tasks_customer_open",
                              ["customer_id", "assignee", "candidate_group", "due_at", "created_at", "id"],
                              sqlite_where=OPEN_TASK, postgresql_where=OPEN_TASK)
    with op.batch_alter_table("instances", schema=None) as batch_op:
        batch_op.drop_index("ix_instances_process_key")
        batch_op.drop_index("ix_instances_responsible")
        batch_op.create_index("ix_instances_started", ["started_at", "id"])
        batch_op.create_index("ix_instances_process_started", ["process_key", "started_at", "id"])
        batch_op.create_index("ix_instances_process_status_started",
                              ["process_key", "status", "started_at", "id", "responsible"])
        batch_op.create_index("ix_instances_responsible_started", ["responsible", "started_at", "id", "process_key",
                                                                   "status"])


def downgrade() -> None:
    with op.batch_alter_table("instances", schema=None) as batch_op:
        batch_op.drop_index("ix_instances_responsible_started")
        batch_op.drop_index("ix_instances_process_status_started")
        batch_op.drop_index("ix_instances_process_started")
        batch_op.drop_index("ix_instances_started")
        batch_op.create_index("ix_instances_responsible", ["responsible"])
        batch_op.create_index("ix_instances_process_key", ["process_key"])
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_customer_open")
        batch_op.drop_index("ix_tasks_open_aftercare")
        batch_op.drop_index("ix_tasks_unclaimed_group")
        batch_op.drop_index("ix_tasks_open_assignee")
        batch_op.create_index("ix_tasks_customer_id", ["customer_id"])
        batch_op.create_index("ix_tasks_status_group_due", ["status", "candidate_group", "due_at"])
        batch_op.create_index("ix_tasks_status_assignee_due", ["status", "assignee", "due_at"])
