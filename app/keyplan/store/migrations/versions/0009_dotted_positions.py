"""dotted-line managers, open positions and people who move

``dotted_lines`` holds a person's secondary (matrix) managers: drawn on the map, never laid
out. ``stakeholders.is_vacancy`` marks a seat without a person (an open position, with a
``vacancy_note`` such as "hire expected Q3"); ``left_for`` says where someone who left went;
``previous_record_id`` links a person to their record at the account they came from. Existing
people are people (not vacancies), and nothing is known yet of where anyone went.

Revision ID: 0009_dotted_positions
Revises: 0007_evidence
Create Date: 2026-12-07 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_dotted_positions"
down_revision = "0007_evidence"
branch_labels = None
depends_on = None

_NOW = sa.text("(CURRENT_TIMESTAMP)")


def upgrade() -> None:
    op.create_table(
        "dotted_lines",
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=_NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=_NOW, nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "stakeholder_id <> manager_id", name=op.f("ck_dotted_lines_not_own_manager")
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_dotted_lines_stakeholder_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["stakeholders.id"],
            name=op.f("fk_dotted_lines_manager_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dotted_lines")),
        sa.UniqueConstraint(
            "stakeholder_id", "manager_id", name=op.f("uq_dotted_lines_stakeholder_id")
        ),
    )
    op.create_index(
        op.f("ix_dotted_lines_stakeholder_id"), "dotted_lines", ["stakeholder_id"], unique=False
    )
    op.create_index(
        op.f("ix_dotted_lines_manager_id"), "dotted_lines", ["manager_id"], unique=False
    )
    # Columns added in place (no table copy on SQLite): batch mode would copy the people
    # table, and dropping the old copy sets every manager to NULL under foreign_keys=ON. So
    # ``previous_record_id`` is a plain, indexed number with no database constraint (SQLite
    # cannot add one in place): a removed old record leaves a link that leads nowhere, and
    # the readers treat it as none.
    op.add_column(
        "stakeholders",
        sa.Column("is_vacancy", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("stakeholders", sa.Column("vacancy_note", sa.Text(), nullable=True))
    op.add_column("stakeholders", sa.Column("left_for", sa.String(length=200), nullable=True))
    op.add_column("stakeholders", sa.Column("previous_record_id", sa.Integer(), nullable=True))
    op.create_index(
        op.f("ix_stakeholders_previous_record_id"),
        "stakeholders",
        ["previous_record_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_stakeholders_previous_record_id"), table_name="stakeholders")
    # Not batch mode (see 0003): drop in place, keeping the expression index on accounts.
    for column in ("previous_record_id", "left_for", "vacancy_note", "is_vacancy"):
        op.drop_column("stakeholders", column)
    op.drop_index(op.f("ix_dotted_lines_manager_id"), table_name="dotted_lines")
    op.drop_index(op.f("ix_dotted_lines_stakeholder_id"), table_name="dotted_lines")
    op.drop_table("dotted_lines")
