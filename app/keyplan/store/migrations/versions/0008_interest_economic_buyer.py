"""a person's interest in what we do; "economic buyer" among the buying roles

``stakeholders.interest`` (high / medium / low, empty allowed) rates how much a person cares
about what we do, beside their stance: with influence it places them on the power / interest
grid. Existing people get no rating: nothing is known of it yet.

"Economic buyer" is a new buying role. Buying roles are stored as words in a plain VARCHAR(30)
with no check constraint (see ``models.py``), so the new word needs no change of the allowed
values: this revision only adds the column.

Revision ID: 0008_interest_economic_buyer
Revises: 0003_profile_url_aliases
Create Date: 2026-12-07 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_interest_economic_buyer"
down_revision = "0006_calendar_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without a default: SQLite adds it in place, no table copy.
    with op.batch_alter_table("stakeholders") as batch:
        batch.add_column(sa.Column("interest", sa.String(length=10), nullable=True))


def downgrade() -> None:
    # Economic buyers would be unknown words to the older schema's program: make them "none"
    # (no role) rather than leave values the older field rules refuse.
    op.execute("UPDATE stakeholders SET buying_role = 'none' WHERE buying_role = 'economic_buyer'")
    # Not batch mode, as in 0003: SQLite (3.35+) and PostgreSQL drop a column in place.
    op.drop_column("stakeholders", "interest")
