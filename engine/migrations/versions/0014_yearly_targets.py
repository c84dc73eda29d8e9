"""the results scorecard's yearly targets

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-04

The managers set the office's results targets once a year (thesis 3.2, tuloskortti): the share of
positive customer feedback (69 % in the thesis's year), company visits (1,300) and growth-potential
companies served. One row per year; a year without a row shows the thesis's targets.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "yearly_targets",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("positive_feedback_percent", sa.Integer(), nullable=False),
        sa.Column("company_visits", sa.Integer(), nullable=False),
        sa.Column("growth_companies", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_yearly_targets")),
    )


def downgrade() -> None:
    op.drop_table("yearly_targets")
