"""indexes the portfolio dashboard reads through

The dashboard counts every person of every account per department, level and finding, and
lists every account's interaction dates for the trend. ``ix_stakeholders_dashboard_counts``
holds every column that count reads, in its grouping order, so it is read from the index
alone (no row of the wide stakeholders table is fetched). ``ix_interactions_account_occurred``
gives the trend each account's dates in order from the index alone. Both are indexes only:
no data changes.

Revision ID: 0011_dashboard_indexes
Revises: 0010_account_access
Create Date: 2026-12-07 10:30:00
"""

from alembic import op

revision = "0011_dashboard_indexes"
down_revision = "0010_account_access"
branch_labels = None
depends_on = None

# Kept in step with the Index declarations of Stakeholder and Interaction in store/models.py.
DASHBOARD_COUNT_COLUMNS = [
    "account_id",
    "department",
    "level",
    "has_left",
    "is_vacancy",
    "strength",
    "buying_role",
    "influence",
    "contact_frequency_days",
    "stance",
]


def upgrade() -> None:
    op.create_index(
        "ix_stakeholders_dashboard_counts", "stakeholders", DASHBOARD_COUNT_COLUMNS, unique=False
    )
    op.create_index(
        "ix_interactions_account_occurred",
        "interactions",
        ["account_id", "occurred_on"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_interactions_account_occurred", table_name="interactions")
    op.drop_index("ix_stakeholders_dashboard_counts", table_name="stakeholders")
