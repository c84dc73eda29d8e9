"""users remember their OpenID Connect subject

Revision ID: 0012
Revises: 0007
Create Date: 2026-12-04

A user who signs in through the organisation's identity provider is found again by the provider's
`sub` claim, which never changes, not by a username the directory may rename.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("oidc_subject", sa.String(length=255), nullable=True))
        batch_op.create_index("ix_users_oidc_subject", ["oidc_subject"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_oidc_subject")
        batch_op.drop_column("oidc_subject")
