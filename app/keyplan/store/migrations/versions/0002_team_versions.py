"""team mode: a version counter and who changed each row last

Every table gets ``version`` (counted up on each change; SQLAlchemy's ``version_id_col``
refuses an update based on an old read) and ``updated_by`` (the user name of the last change).
Existing rows start at version 1, changed by nobody known.

Revision ID: 0002_team_versions
Revises: 0001_initial
Create Date: 2026-11-30 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_team_versions"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

TABLES = (
    "accounts",
    "offerings",
    "team_members",
    "export_records",
    "interactions",
    "objectives",
    "opportunities",
    "stakeholders",
    "whitespace_cells",
    "competitor_presences",
    "risks",
    "actions",
    "commitments",
    "influence_lines",
    "interaction_stakeholders",
    "interaction_team_members",
    "relationship_owners",
)


def upgrade() -> None:
    for table in TABLES:
        # Adding columns needs no table copy, even on SQLite: batch mode alters in place.
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
            batch.add_column(sa.Column("updated_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("updated_by")
            batch.drop_column("version")
