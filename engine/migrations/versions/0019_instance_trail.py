"""the trail of tasks pruned from instances' live state

Revision ID: 0019
Revises: 0020
Create Date: 2026-12-05

An instance's SpiffWorkflow state no longer keeps its finished history (engine.runtime.prune, issue 15):
what the instance diagram read from it (elements completed, sequence flows taken) is kept here, one row
per element or element pair, written in the step's transaction. Instances that ran before keep their
history in their state until their next step prunes it (and writes its rows).

(Written on 0018; chained after main's 0020 when main was merged into the branch, so there is one head.)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "instance_trail",
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.String(length=200), nullable=False),
        sa.Column("target_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["instance_id"], ["instances.id"], name=op.f("fk_instance_trail_instance_id_instances"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("instance_id", "element_id", "target_id", name=op.f("pk_instance_trail")),
    )


def downgrade() -> None:
    op.drop_table("instance_trail")
