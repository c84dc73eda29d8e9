"""where each definition version came from (a file, or the browser)

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Versions deployed before this were deployed from files (the browser's deploys name their draft
    # in the audit trail only), so "file" is the honest default for them.
    with op.batch_alter_table("definition_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=20), nullable=False, server_default="file"))
        batch_op.add_column(sa.Column("origin_path", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("definition_versions", schema=None) as batch_op:
        batch_op.drop_column("origin_path")
        batch_op.drop_column("origin")
