"""per-account access on a team database, enforced by PostgreSQL

``account_access`` holds the grants: (account, role, owner|editor|viewer|none). On an SQLite
file that is all (one user, one file). On PostgreSQL the server itself decides who sees what:

- Two group roles (NOLOGIN), made when missing: ``keyplan_admin`` owns every table, so its
  members pass the policies as owners do (no FORCE), may grant anything and run migrations;
  ``keyplan_member`` holds the table privileges a team member's login inherits.
- Row-level security on every table that carries account data, keyed on the account (directly,
  or through the person or interaction a row hangs on). The policies ask one SECURITY DEFINER
  function, ``keyplan_accounts_at(level)``, for the ids of the accounts the session's login
  may read (1), change (2) or administer (3): computed once per query, then a hash lookup.
- Export records are visible to whoever exported them only (forgetting a person removes
  everyone's that name them, at the accounts the forgetter may change: two functions).
- Triggers stamp ``updated_by`` (and the change log's ``changed_by``, a grant's
  ``granted_by``) with the server's ``session_user``: what a client claims is ignored. A
  superuser's own claim stands (a superuser can rewrite any row anyway).
- A new account's creator is granted owner of it (before the row is written, so the INSERT's
  RETURNING can see it).

Revision ID: 0010_account_access
Revises: 0009_dotted_positions
Create Date: 2026-12-07 07:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_account_access"
down_revision = "0009_dotted_positions"
branch_labels = None
depends_on = None

_NOW = sa.text("(CURRENT_TIMESTAMP)")

# Every table with an updated_by column at this revision (the triggers stamp it).
STAMPED = (
    "accounts", "stakeholders", "influence_lines", "dotted_lines", "team_members",
    "relationship_owners", "interactions", "interaction_stakeholders",
    "interaction_team_members", "calendar_events", "evidence", "opportunities", "offerings",
    "whitespace_cells", "competitor_presences", "risks", "objectives", "actions",
    "commitments", "export_records", "snapshots",
)  # fmt: skip


def _on_account(column: str, level: int) -> str:
    # "= ANY (ARRAY(…))": the list is made once per query (an InitPlan) and the account_id
    # index finds the rows; "IN (SELECT …)" would filter every row of the table instead.
    return f"{column} = ANY (ARRAY(SELECT keyplan_accounts_at({level})))"


def _through_person(column: str, level: int) -> str:
    # An array again, so the column's index finds the rows (a join would read every row).
    return (
        f"{column} = ANY (ARRAY(SELECT s.id FROM stakeholders s WHERE "
        f"{_on_account('s.account_id', level)}))"
    )


def _through_interaction(level: int) -> str:
    return (
        f"interaction_id = ANY (ARRAY(SELECT i.id FROM interactions i WHERE "
        f"{_on_account('i.account_id', level)}))"
    )


def _open_when_null(column: str, level: int) -> str:
    return f"({column} IS NULL OR {_on_account(column, level)})"


# table -> how a row reaches its account, for a level (1 read, 2 change).
ROW_RULES = {
    **{
        table: (lambda level: _on_account("account_id", level))
        for table in (
            "stakeholders", "interactions", "opportunities", "whitespace_cells",
            "competitor_presences", "risks", "objectives", "actions", "commitments",
            "snapshots",
        )
    },
    "influence_lines": lambda level: _through_person("from_stakeholder_id", level),
    "dotted_lines": lambda level: _through_person("stakeholder_id", level),
    "relationship_owners": lambda level: _through_person("stakeholder_id", level),
    "evidence": lambda level: _through_person("stakeholder_id", level),
    "interaction_stakeholders": _through_interaction,
    "interaction_team_members": _through_interaction,
    "calendar_events": _through_interaction,
    # A team member without an account is on the shared roster.
    "team_members": lambda level: _open_when_null("account_id", level),
}  # fmt: skip

FUNCTIONS = """
CREATE FUNCTION keyplan_level_rank(level text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE level WHEN 'owner' THEN 3 WHEN 'editor' THEN 2 WHEN 'viewer' THEN 1 ELSE 0 END
$$;

-- The accounts the session's login may read (1), change (2) or administer (3). A grant to a
-- group counts for its members; an affiliate's own grants override its umbrella's. VOLATILE,
-- not STABLE: the INSERT of a new account must see the owner grant its trigger just wrote;
-- and a direct grant needs no row of accounts, which that INSERT cannot see yet. PL/pgSQL:
-- its plans are kept for the session (an SQL function's are made again on every query).
CREATE FUNCTION keyplan_accounts_at(wanted integer) RETURNS SETOF integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF pg_has_role(session_user, 'keyplan_admin', 'MEMBER') THEN
    RETURN QUERY SELECT a.id FROM accounts a;
    RETURN;
  END IF;
  RETURN QUERY
  WITH mine AS (
    SELECT g.account_id, max(keyplan_level_rank(g.level)) AS level
    FROM account_access g
    WHERE g.role_name IN (
      SELECT r.rolname FROM pg_roles r WHERE pg_has_role(session_user, r.oid, 'MEMBER'))
    GROUP BY g.account_id
  )
  SELECT own.account_id FROM mine own WHERE own.level >= wanted
  UNION
  SELECT a.id FROM accounts a
  JOIN mine umbrella ON umbrella.account_id = a.parent_id
  WHERE umbrella.level >= wanted
    AND NOT EXISTS (SELECT FROM mine own WHERE own.account_id = a.id);
END
$$;

-- Whether an account exists, whoever may see it: the change log of an account deleted in
-- this very transaction (its grants went with it) is still written.
CREATE FUNCTION keyplan_account_exists(account integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT FROM accounts WHERE id = account)
$$;

-- Who made a change is the server's session_user, whatever the client wrote.
CREATE FUNCTION keyplan_stamp_session_user() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('is_superuser') <> 'on' THEN
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], session_user));
  END IF;
  RETURN NEW;
END
$$;

-- Forgetting a person (store/forget) reaches past the login's own view, at the accounts it
-- may change and only there: the accounts of the person's family it may NOT change (the
-- forget is refused then), and everyone's export records there (private otherwise).
CREATE FUNCTION keyplan_family_not_changeable(people integer[]) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH RECURSIVE linked AS (
    SELECT s.id FROM stakeholders s WHERE s.id = ANY (people)
    UNION
    SELECT s.id FROM linked l JOIN stakeholders t ON t.id = l.id
    JOIN stakeholders s ON s.previous_record_id = t.id OR s.id = t.previous_record_id
  ), up AS (
    SELECT a.id, a.parent_id FROM accounts a
    WHERE a.id IN (SELECT s.account_id FROM stakeholders s JOIN linked l ON l.id = s.id)
    UNION
    SELECT p.id, p.parent_id FROM accounts p JOIN up ON p.id = up.parent_id
  ), family AS (
    SELECT up.id FROM up WHERE up.parent_id IS NULL
    UNION
    SELECT c.id FROM accounts c JOIN family f ON c.parent_id = f.id
  )
  SELECT f.id FROM family f WHERE NOT f.id = ANY (ARRAY(SELECT keyplan_accounts_at(2)))
$$;

CREATE FUNCTION keyplan_export_records_at(accounts integer[])
RETURNS TABLE (record_id integer, record_file_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT e.id, e.file_name::text FROM export_records e
  WHERE e.account_id = ANY (accounts) AND e.account_id = ANY (ARRAY(SELECT keyplan_accounts_at(2)))
$$;

CREATE FUNCTION keyplan_delete_export_records(ids integer[]) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH gone AS (
    DELETE FROM export_records e
    WHERE e.id = ANY (ids) AND e.account_id = ANY (ARRAY(SELECT keyplan_accounts_at(2)))
    RETURNING 1
  )
  SELECT count(*)::integer FROM gone
$$;

-- The creator of an account owns it (an admin needs no grant).
CREATE FUNCTION keyplan_grant_creator() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT pg_has_role(session_user, 'keyplan_admin', 'MEMBER') THEN
    INSERT INTO account_access (account_id, role_name, level, granted_by, granted_at)
    VALUES (NEW.id, session_user, 'owner', session_user, now() AT TIME ZONE 'UTC')
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NEW;
END
$$;
"""

FUNCTION_NAMES = (
    "keyplan_level_rank(text)",
    "keyplan_accounts_at(integer)",
    "keyplan_account_exists(integer)",
    "keyplan_stamp_session_user()",
    "keyplan_grant_creator()",
    "keyplan_family_not_changeable(integer[])",
    "keyplan_export_records_at(integer[])",
    "keyplan_delete_export_records(integer[])",
)

ROLES = """
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keyplan_admin') THEN
    CREATE ROLE keyplan_admin NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keyplan_member') THEN
    CREATE ROLE keyplan_member NOLOGIN;
  END IF;
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "account_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("role_name", sa.String(length=63), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("granted_by", sa.String(length=100), nullable=True),
        sa.Column("granted_at", sa.DateTime(), server_default=_NOW, nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_access_account_id_accounts"),
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_access")),
        sa.UniqueConstraint("account_id", "role_name", name=op.f("uq_account_access_account_id")),
    )
    op.create_index(
        op.f("ix_account_access_account_id"), "account_access", ["account_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        _enforce_on_the_server()


def _enforce_on_the_server() -> None:
    op.execute(ROLES)
    op.execute(FUNCTIONS)
    for table in STAMPED:
        _stamp(table, "updated_by")
    _stamp("change_log", "changed_by")
    _stamp("account_access", "granted_by")
    op.execute(
        "CREATE TRIGGER keyplan_grant_creator BEFORE INSERT ON accounts "
        "FOR EACH ROW EXECUTE FUNCTION keyplan_grant_creator()"
    )
    _account_policies()
    for table, rule in ROW_RULES.items():
        _policies(table, read=rule(1), write=rule(2))
    # An account's own deletion is logged after its rows (and grants) are gone: whoever
    # deleted it writes (and, for the INSERT's RETURNING, reads) that history.
    gone = "NOT keyplan_account_exists(account_id)"
    _policies(
        "change_log",
        read=f"({_open_when_null('account_id', 1)} OR ({gone} AND changed_by = session_user))",
        write=f"({_open_when_null('account_id', 2)} OR {gone})",
    )
    mine = "updated_by = session_user"
    _policies("export_records", read=mine, write=mine)
    _policies("account_access", read=_on_account("account_id", 1),
              write=_on_account("account_id", 3))  # fmt: skip
    _hand_over_to_the_roles()


def _stamp(table: str, column: str) -> None:
    op.execute(
        f"CREATE TRIGGER keyplan_stamp_user BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION keyplan_stamp_session_user('{column}')"
    )


def _account_policies() -> None:
    op.execute("ALTER TABLE accounts ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY keyplan_read ON accounts FOR SELECT USING ({_on_account('id', 1)})")
    op.execute(
        "CREATE POLICY keyplan_add ON accounts FOR INSERT "
        f"WITH CHECK ({_open_when_null('parent_id', 2)})"
    )
    op.execute(
        f"CREATE POLICY keyplan_change ON accounts FOR UPDATE USING ({_on_account('id', 2)}) "
        f"WITH CHECK ({_open_when_null('parent_id', 2)})"
    )
    op.execute(
        f"CREATE POLICY keyplan_delete ON accounts FOR DELETE USING ({_on_account('id', 3)})"
    )


def _policies(table: str, *, read: str, write: str) -> None:
    """Reading needs ``read``; adding, changing and removing need ``write`` (no FOR ALL: its
    condition would be added to every SELECT too)."""
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY keyplan_read ON {table} FOR SELECT USING ({read})")
    op.execute(f"CREATE POLICY keyplan_add ON {table} FOR INSERT WITH CHECK ({write})")
    op.execute(
        f"CREATE POLICY keyplan_change ON {table} FOR UPDATE USING ({write}) WITH CHECK ({write})"
    )
    op.execute(f"CREATE POLICY keyplan_delete ON {table} FOR DELETE USING ({write})")


def _hand_over_to_the_roles() -> None:
    """keyplan_admin owns the tables and functions; keyplan_member may use them."""
    tables = (*STAMPED, "change_log", "account_access", "alembic_version")
    for table in tables:
        op.execute(f"ALTER TABLE {table} OWNER TO keyplan_admin")
    for function in FUNCTION_NAMES:
        op.execute(f"ALTER FUNCTION {function} OWNER TO keyplan_admin")
    op.execute(
        "GRANT SELECT, INSERT, UPDATE, DELETE ON "
        + ", ".join(t for t in tables if t != "alembic_version")
        + " TO keyplan_member"
    )
    op.execute("GRANT SELECT ON alembic_version TO keyplan_member")
    op.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO keyplan_member")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _stop_enforcing()
    op.drop_index(op.f("ix_account_access_account_id"), table_name="account_access")
    op.drop_table("account_access")


def _stop_enforcing() -> None:
    for table in (*ROW_RULES, "accounts", "change_log", "export_records", "account_access"):
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for policy in ("keyplan_read", "keyplan_write", "keyplan_add", "keyplan_change",
                       "keyplan_delete"):  # fmt: skip
            op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
    for table in (*STAMPED, "change_log", "account_access"):
        op.execute(f"DROP TRIGGER IF EXISTS keyplan_stamp_user ON {table}")
    op.execute("DROP TRIGGER IF EXISTS keyplan_grant_creator ON accounts")
    for function in reversed(FUNCTION_NAMES):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
