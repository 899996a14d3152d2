"""a person's profile URL and an account's aliases

``stakeholders.profile_url`` keeps a person's public profile (a LinkedIn page): the contact
import recognises a person by it across files and job changes. ``accounts.aliases`` keeps the
other names an account goes by (former and trading names, abbreviations), so that an import
finds the account when a file's company column says "NWL" instead of "Nordwind Logistik".
Both are empty for existing rows: nothing is known of them yet.

Revision ID: 0003_profile_url_aliases
Revises: 0002_team_versions
Create Date: 2026-12-07 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_profile_url_aliases"
down_revision = "0002_team_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns without a default: SQLite adds them in place, no table copy.
    with op.batch_alter_table("stakeholders") as batch:
        batch.add_column(sa.Column("profile_url", sa.String(length=500), nullable=True))
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("aliases", sa.Text(), nullable=True))


def downgrade() -> None:
    # Not batch mode: it would copy the accounts table and lose the unique index on sibling
    # names, an expression it cannot reflect. SQLite (3.35+) and PostgreSQL drop in place.
    op.drop_column("accounts", "aliases")
    op.drop_column("stakeholders", "profile_url")
