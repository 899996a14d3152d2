"""an index the "last contact" of a map's people is read through

The map, the People table and the CSV ask for each person's last meeting: the join starts
from the people of an account and finds their interaction links by ``stakeholder_id``. With
only the one-column index on ``stakeholder_id`` each link's row was then fetched for its
``interaction_id``; ``ix_interaction_stakeholders_person_meeting`` holds both, so the links
are read from the index alone (about half the query's time at a 10,000-person map). An
index only: no data changes.

Revision ID: 0012_last_contact_index
Revises: 0011_dashboard_indexes
Create Date: 2026-12-07 14:10:00
"""

from alembic import op

revision = "0012_last_contact_index"
down_revision = "0011_dashboard_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Kept in step with the Index declaration of InteractionStakeholder in store/models.py.
    op.create_index(
        "ix_interaction_stakeholders_person_meeting",
        "interaction_stakeholders",
        ["stakeholder_id", "interaction_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        "ix_interaction_stakeholders_person_meeting", table_name="interaction_stakeholders"
    )
