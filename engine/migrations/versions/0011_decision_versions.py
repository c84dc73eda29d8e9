"""DMN decisions deployed with the processes, versioned per decision id (issue 20)

Revision ID: 0011
Revises: 0005
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "decision_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_key", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source_xml", sa.Text(), nullable=False),
        sa.Column("deployed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deployed_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_versions")),
        sa.UniqueConstraint("decision_key", "version", name=op.f("uq_decision_versions_decision_key")),
    )
    with op.batch_alter_table("decision_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_versions_decision_key"), ["decision_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_decision_versions_content_hash"), ["content_hash"], unique=False)


def downgrade() -> None:
    op.drop_table("decision_versions")
