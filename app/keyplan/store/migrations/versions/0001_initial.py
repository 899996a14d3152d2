"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-23 09:20:29.018565
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("industry", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=200), nullable=True),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("annual_revenue", sa.Float(), nullable=True),
        sa.Column("potential", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("mission", sa.Text(), nullable=True),
        sa.Column("vision", sa.Text(), nullable=True),
        sa.Column("values", sa.Text(), nullable=True),
        sa.Column("history", sa.Text(), nullable=True),
        sa.Column("current_objectives", sa.Text(), nullable=True),
        sa.Column("strategy", sa.Text(), nullable=True),
        sa.Column("resources", sa.Text(), nullable=True),
        sa.Column("structures", sa.Text(), nullable=True),
        sa.Column("systems", sa.Text(), nullable=True),
        sa.Column("skills", sa.Text(), nullable=True),
        sa.Column("business_drivers", sa.Text(), nullable=True),
        sa.Column("cost_quality_issues", sa.Text(), nullable=True),
        sa.Column("value_proposition", sa.Text(), nullable=True),
        sa.Column("review_cadence_days", sa.Integer(), nullable=True),
        sa.Column("last_review_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["accounts.id"],
            name=op.f("fk_accounts_parent_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accounts_parent_id"), ["parent_id"], unique=False)
    # Account names are unique among siblings; top-level accounts are siblings of each other.
    op.create_index(
        "uq_accounts_sibling_name",
        "accounts",
        [sa.text("coalesce(parent_id, 0)"), "name"],
        unique=True,
    )

    op.create_table(
        "offerings",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offerings")),
        sa.UniqueConstraint("name", name=op.f("uq_offerings_name")),
    )
    op.create_table(
        "competitor_presences",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("competitor", sa.String(length=200), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=True),
        sa.Column("threat_level", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_competitor_presences_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competitor_presences")),
    )
    with op.batch_alter_table("competitor_presences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_competitor_presences_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "export_records",
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("variant", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=1000), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_export_records_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_records")),
    )
    with op.batch_alter_table("export_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_export_records_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "interactions",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_interactions_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interactions_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interactions_occurred_on"), ["occurred_on"], unique=False
        )

    op.create_table(
        "objectives",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("measure", sa.String(length=200), nullable=True),
        sa.Column("target", sa.String(length=200), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_objectives_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objectives")),
    )
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objectives_account_id"), ["account_id"], unique=False)

    op.create_table(
        "opportunities",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=True),
        sa.Column("offering_id", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=True),
        sa.Column("expected_close_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_opportunities_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offerings.id"],
            name=op.f("fk_opportunities_offering_id_offerings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunities_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opportunities_offering_id"), ["offering_id"], unique=False
        )

    op.create_table(
        "team_members",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_team_members_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_members")),
    )
    with op.batch_alter_table("team_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_team_members_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "whitespace_cells",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_whitespace_cells_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offerings.id"],
            name=op.f("fk_whitespace_cells_offering_id_offerings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whitespace_cells")),
        sa.UniqueConstraint(
            "account_id", "department", "offering_id", name=op.f("uq_whitespace_cells_account_id")
        ),
    )
    with op.batch_alter_table("whitespace_cells", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_whitespace_cells_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_whitespace_cells_offering_id"), ["offering_id"], unique=False
        )

    op.create_table(
        "interaction_team_members",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("team_member_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_team_members_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_member_id"],
            ["team_members.id"],
            name=op.f("fk_interaction_team_members_team_member_id_team_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction_team_members")),
        sa.UniqueConstraint(
            "interaction_id",
            "team_member_id",
            name=op.f("uq_interaction_team_members_interaction_id"),
        ),
    )
    with op.batch_alter_table("interaction_team_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_team_members_interaction_id"),
            ["interaction_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_team_members_team_member_id"),
            ["team_member_id"],
            unique=False,
        )

    op.create_table(
        "risks",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("likelihood", sa.String(length=10), nullable=False),
        sa.Column("impact", sa.String(length=10), nullable=False),
        sa.Column("mitigation", sa.Text(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_risks_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["team_members.id"],
            name=op.f("fk_risks_owner_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risks")),
    )
    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risks_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_risks_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "stakeholders",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("job_title", sa.String(length=200), nullable=True),
        sa.Column("department", sa.String(length=200), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("reports_to_id", sa.Integer(), nullable=True),
        sa.Column("buying_role", sa.String(length=30), nullable=False),
        sa.Column("influence", sa.String(length=10), nullable=True),
        sa.Column("stance", sa.String(length=20), nullable=False),
        sa.Column("strength", sa.Integer(), nullable=False),
        sa.Column("contact_frequency_days", sa.Integer(), nullable=True),
        sa.Column("preferred_channel", sa.String(length=20), nullable=True),
        sa.Column("preferred_team_member_id", sa.Integer(), nullable=True),
        sa.Column("personality_notes", sa.Text(), nullable=True),
        sa.Column("personal_interests", sa.Text(), nullable=True),
        sa.Column("major_challenge", sa.Text(), nullable=True),
        sa.Column("priorities", sa.Text(), nullable=True),
        sa.Column("has_left", sa.Boolean(), nullable=False),
        sa.Column("map_x", sa.Float(), nullable=True),
        sa.Column("map_y", sa.Float(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "reports_to_id IS NULL OR reports_to_id <> id",
            name=op.f("ck_stakeholders_not_own_manager"),
        ),
        sa.CheckConstraint("strength BETWEEN 0 AND 4", name=op.f("ck_stakeholders_strength_range")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_stakeholders_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["preferred_team_member_id"],
            ["team_members.id"],
            name=op.f("fk_stakeholders_preferred_team_member_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reports_to_id"],
            ["stakeholders.id"],
            name=op.f("fk_stakeholders_reports_to_id_stakeholders"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholders")),
    )
    with op.batch_alter_table("stakeholders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stakeholders_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stakeholders_department"), ["department"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stakeholders_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_stakeholders_preferred_team_member_id"),
            ["preferred_team_member_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_stakeholders_reports_to_id"), ["reports_to_id"], unique=False
        )

    op.create_table(
        "actions",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=True),
        sa.Column("opportunity_id", sa.Integer(), nullable=True),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_actions_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_actions_objective_id_objectives"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_actions_opportunity_id_opportunities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["team_members.id"],
            name=op.f("fk_actions_owner_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_actions_stakeholder_id_stakeholders"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_objective_id"), ["objective_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_actions_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_actions_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_actions_stakeholder_id"), ["stakeholder_id"], unique=False
        )

    op.create_table(
        "commitments",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("promise", sa.Text(), nullable=False),
        sa.Column("to_stakeholder_id", sa.Integer(), nullable=True),
        sa.Column("by_team_member_id", sa.Integer(), nullable=True),
        sa.Column("made_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_commitments_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["by_team_member_id"],
            ["team_members.id"],
            name=op.f("fk_commitments_by_team_member_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["to_stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_commitments_to_stakeholder_id_stakeholders"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitments_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_commitments_by_team_member_id"), ["by_team_member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_commitments_to_stakeholder_id"), ["to_stakeholder_id"], unique=False
        )

    op.create_table(
        "influence_lines",
        sa.Column("from_stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("to_stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("strength", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "from_stakeholder_id <> to_stakeholder_id", name=op.f("ck_influence_lines_not_to_self")
        ),
        sa.CheckConstraint(
            "strength BETWEEN 1 AND 3", name=op.f("ck_influence_lines_strength_range")
        ),
        sa.ForeignKeyConstraint(
            ["from_stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_influence_lines_from_stakeholder_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_influence_lines_to_stakeholder_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_influence_lines")),
    )
    with op.batch_alter_table("influence_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_influence_lines_from_stakeholder_id"),
            ["from_stakeholder_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_influence_lines_to_stakeholder_id"), ["to_stakeholder_id"], unique=False
        )

    op.create_table(
        "interaction_stakeholders",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_stakeholders_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_interaction_stakeholders_stakeholder_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction_stakeholders")),
        sa.UniqueConstraint(
            "interaction_id",
            "stakeholder_id",
            name=op.f("uq_interaction_stakeholders_interaction_id"),
        ),
    )
    with op.batch_alter_table("interaction_stakeholders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_stakeholders_interaction_id"),
            ["interaction_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_stakeholders_stakeholder_id"),
            ["stakeholder_id"],
            unique=False,
        )

    op.create_table(
        "relationship_owners",
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("team_member_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_relationship_owners_stakeholder_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_member_id"],
            ["team_members.id"],
            name=op.f("fk_relationship_owners_team_member_id_team_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship_owners")),
        sa.UniqueConstraint(
            "stakeholder_id", "team_member_id", name=op.f("uq_relationship_owners_stakeholder_id")
        ),
    )
    with op.batch_alter_table("relationship_owners", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relationship_owners_stakeholder_id"), ["stakeholder_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_relationship_owners_team_member_id"), ["team_member_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("relationship_owners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relationship_owners_team_member_id"))
        batch_op.drop_index(batch_op.f("ix_relationship_owners_stakeholder_id"))

    op.drop_table("relationship_owners")
    with op.batch_alter_table("interaction_stakeholders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_stakeholders_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_stakeholders_interaction_id"))

    op.drop_table("interaction_stakeholders")
    with op.batch_alter_table("influence_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_influence_lines_to_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_influence_lines_from_stakeholder_id"))

    op.drop_table("influence_lines")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_to_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_by_team_member_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_account_id"))

    op.drop_table("commitments")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actions_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_actions_owner_id"))
        batch_op.drop_index(batch_op.f("ix_actions_opportunity_id"))
        batch_op.drop_index(batch_op.f("ix_actions_objective_id"))
        batch_op.drop_index(batch_op.f("ix_actions_account_id"))

    op.drop_table("actions")
    with op.batch_alter_table("stakeholders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stakeholders_reports_to_id"))
        batch_op.drop_index(batch_op.f("ix_stakeholders_preferred_team_member_id"))
        batch_op.drop_index(batch_op.f("ix_stakeholders_email"))
        batch_op.drop_index(batch_op.f("ix_stakeholders_department"))
        batch_op.drop_index(batch_op.f("ix_stakeholders_account_id"))

    op.drop_table("stakeholders")
    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risks_owner_id"))
        batch_op.drop_index(batch_op.f("ix_risks_account_id"))

    op.drop_table("risks")
    with op.batch_alter_table("interaction_team_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_team_members_team_member_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_team_members_interaction_id"))

    op.drop_table("interaction_team_members")
    with op.batch_alter_table("whitespace_cells", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_whitespace_cells_offering_id"))
        batch_op.drop_index(batch_op.f("ix_whitespace_cells_account_id"))

    op.drop_table("whitespace_cells")
    with op.batch_alter_table("team_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_members_account_id"))

    op.drop_table("team_members")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunities_offering_id"))
        batch_op.drop_index(batch_op.f("ix_opportunities_account_id"))

    op.drop_table("opportunities")
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objectives_account_id"))

    op.drop_table("objectives")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interactions_occurred_on"))
        batch_op.drop_index(batch_op.f("ix_interactions_account_id"))

    op.drop_table("interactions")
    with op.batch_alter_table("export_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_records_account_id"))

    op.drop_table("export_records")
    with op.batch_alter_table("competitor_presences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competitor_presences_account_id"))

    op.drop_table("competitor_presences")
    op.drop_table("offerings")
    op.drop_index("uq_accounts_sibling_name", table_name="accounts")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_parent_id"))

    op.drop_table("accounts")
