"""messages delivered after their sender's transaction

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-05

A message an instance throws was delivered inside the sender's transaction: the receivers' steps ran
after the sender's writes, so on SQLite under the write lock (issue 14). Now the sender's transaction
writes the message here, and each message is delivered after the commit in a transaction of its own
(the receiver's steps run before its first write, like any step); a worker delivers what a crash left.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chain", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("responsible", sa.String(length=80), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_pending_messages_customer_id_customers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sender_id"], ["instances.id"], name=op.f("fk_pending_messages_sender_id_instances"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_messages")),
    )
    op.create_index("ix_pending_messages_open", "pending_messages", ["delivered_at", "id"])
    op.create_index(op.f("ix_pending_messages_chain"), "pending_messages", ["chain"])


def downgrade() -> None:
    op.drop_index(op.f("ix_pending_messages_chain"), table_name="pending_messages")
    op.drop_index("ix_pending_messages_open", table_name="pending_messages")
    op.drop_table("pending_messages")
