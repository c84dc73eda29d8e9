"""customer cards without a Business ID

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04

A person planning to found a company applies for the start-up grant before the company has a Business
ID (issue 18). Such a card has no Business ID (NULL: unique still holds for the cards that have one,
on SQLite and PostgreSQL alike) and may carry the planned company's name; it is keyed "H-<id>". A
process version says whether it accepts such a card (`accepts_prospects`, from the process's
`customerWithoutBusinessId` property); versions deployed before this accept none.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.alter_column("business_id", existing_type=sa.String(length=9), nullable=True)
        batch_op.add_column(sa.Column("planned_company", sa.String(length=300), nullable=False, server_default=""))
    with op.batch_alter_table("definition_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("accepts_prospects", sa.Boolean(), nullable=False,
                                      server_default=sa.text("false")))


def downgrade() -> None:
    # Cards still without a Business ID cannot go back into a table that requires one; deleting them
    # would delete their instances and history, so the downgrade stops and says so.
    left = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM customers WHERE business_id IS NULL")).scalar()
    if left:
        raise RuntimeError(f"{left} customer cards have no Business ID yet; record their Business IDs "
                           "before downgrading below 0016.")
    with op.batch_alter_table("definition_versions", schema=None) as batch_op:
        batch_op.drop_column("accepts_prospects")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_column("planned_company")
        batch_op.alter_column("business_id", existing_type=sa.String(length=9), nullable=False)
