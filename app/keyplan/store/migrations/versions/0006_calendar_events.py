"""meetings imported from a calendar, by calendar uid and occurrence

``calendar_events`` remembers which logged interaction each imported calendar meeting became,
by the meeting's calendar uid and its occurrence (the original start of one occurrence of a
recurring series, empty for a single meeting), indexed together. A re-import of the same or an
overlapping calendar export skips what it finds here, so it never logs a meeting twice; deleting the
interaction deletes its row (a later import may then bring the meeting back). Existing
databases have no imported meetings: the table starts empty.

Revision ID: 0006_calendar_events
Revises: 0003_profile_url_aliases
Create Date: 2026-12-07 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_calendar_events"
down_revision = "0004_change_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_events",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=1000), nullable=False),
        sa.Column("occurrence", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["interaction_id"], ["interactions.id"],
            name=op.f("fk_calendar_events_interaction_id_interactions"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_events")),
    )  # fmt: skip
    op.create_index(
        op.f("ix_calendar_events_interaction_id"), "calendar_events", ["interaction_id"]
    )
    # Not unique: an account copied through a JSON export brings its rows along.
    op.create_index("ix_calendar_events_uid_occurrence", "calendar_events", ["uid", "occurrence"])


def downgrade() -> None:
    op.drop_index("ix_calendar_events_uid_occurrence", table_name="calendar_events")
    op.drop_index(op.f("ix_calendar_events_interaction_id"), table_name="calendar_events")
    op.drop_table("calendar_events")
