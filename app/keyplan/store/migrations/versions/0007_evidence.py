"""evidence behind a person's ratings

A new table ``evidence``: what was seen or said that supports a stance, an influence level,
a buying role or a relationship strength, when, by whom of ours, from where (a logged meeting,
an e-mail, second hand) and how sure we are. Existing ratings get no evidence: the map and
the findings show them as uncertain until somebody records what they rest on.

Revision ID: 0007_evidence
Revises: 0008_interest_economic_buyer
Create Date: 2026-12-07 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_evidence"
down_revision = "0008_interest_economic_buyer"
branch_labels = None
depends_on = None


def _stamp(name: str) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(length=20), nullable=False),
        sa.Column("rated_as", sa.String(length=30), nullable=False),
        sa.Column("observed", sa.Text(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("team_member_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        _stamp("created_at"),
        _stamp("updated_at"),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_evidence_stakeholder_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_member_id"],
            ["team_members.id"],
            name=op.f("fk_evidence_team_member_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_evidence_interaction_id_interactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    for column in ("stakeholder_id", "team_member_id", "interaction_id"):
        op.create_index(op.f(f"ix_evidence_{column}"), "evidence", [column], unique=False)


def downgrade() -> None:
    # Dropping the table drops its indexes with it, on SQLite and PostgreSQL.
    op.drop_table("evidence")
