"""the dashboard's tallies kept on a team server, dropped by the server on every write

Counting a whole team's dashboard from every row costs seconds; between two loads only a few
accounts change. So each login keeps each account's tally (``store/insights/kept_tallies``)
for the day it was counted for, and the next load counts only the accounts changed since.

- ``dashboard_tally_generations``: one counter per account, raised by the server in the same
  transaction as any write that could change the account's tally. A kept tally names the
  generation it was counted at and counts only while the account is still at it: a write
  landing while a tally is being counted leaves it stale at once (a plain "delete the kept
  rows" could not tell a tally counted before a write from one counted after).
- Triggers, once per statement, on every table the tally reads: the accounts the written rows
  belong to (a meeting also those of all its people: its size is theirs too), and every
  account above them (an account's tally includes its affiliates; a move in the family raises
  the old umbrellas and the new). In the database, so no write path can forget them: imports,
  undo, the command line, an older app. They also delete every login's kept tallies of those
  accounts: stale for good, and a tally names the best-served person, who may be the one a
  "forget this person" is erasing.
- ``kept_tallies``: (login, account) -> the day, the generation, what the login could see
  (a digest of its visible accounts: a grant changed means another count) and the tally as
  JSON with the encoding's version. Never pickle: other people write to this server.
  Row-level security: a login reads and writes only its own rows, of accounts it may see.

SQLite is unchanged: its whole-file reading is kept by ``dashboard_cache``.

Revision ID: 0013_kept_tallies
Revises: 0012_last_contact_index
Create Date: 2026-12-08 01:40:00
"""

from alembic import op

revision = "0013_kept_tallies"
down_revision = "0012_last_contact_index"
branch_labels = None
depends_on = None

_VISIBLE = "account_id = ANY (ARRAY(SELECT keyplan_accounts_at(1)))"

_ATTENDEES_OF = (
    "SELECT s.account_id FROM interaction_stakeholders l "
    "JOIN stakeholders s ON s.id = l.stakeholder_id WHERE l.interaction_id IN ({})"
)

# table -> the accounts whose tally rows of it (the transition table "rows") may change.
WRITTEN_ACCOUNTS = {
    "accounts": "SELECT id FROM rows UNION SELECT parent_id FROM rows",
    "stakeholders": "SELECT account_id FROM rows",
    "interactions": "SELECT account_id FROM rows UNION "
    + _ATTENDEES_OF.format("SELECT id FROM rows"),
    "interaction_stakeholders": (
        "SELECT s.account_id FROM rows JOIN stakeholders s ON s.id = rows.stakeholder_id "
        "UNION SELECT i.account_id FROM rows JOIN interactions i ON i.id = rows.interaction_id "
        "UNION " + _ATTENDEES_OF.format("SELECT interaction_id FROM rows")
    ),
    "interaction_team_members": (
        "SELECT i.account_id FROM rows JOIN interactions i ON i.id = rows.interaction_id "
        "UNION " + _ATTENDEES_OF.format("SELECT interaction_id FROM rows")
    ),
    "relationship_owners": (
        "SELECT s.account_id FROM rows JOIN stakeholders s ON s.id = rows.stakeholder_id"
    ),
    "commitments": "SELECT account_id FROM rows",
    "actions": "SELECT account_id FROM rows",
    "opportunities": "SELECT account_id FROM rows",
    "whitespace_cells": "SELECT account_id FROM rows",
    # An offering's name is shown by every account that discusses it.
    "offerings": (
        "SELECT account_id FROM whitespace_cells WHERE offering_id IN (SELECT id FROM rows) "
        "UNION SELECT account_id FROM opportunities WHERE offering_id IN (SELECT id FROM rows)"
    ),
    "team_members": "SELECT account_id FROM rows",
}

TABLES = """
CREATE TABLE dashboard_tally_generations (
  account_id integer PRIMARY KEY,
  generation bigint NOT NULL
);
CREATE TABLE kept_tallies (
  login name NOT NULL DEFAULT session_user,
  account_id integer NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day date NOT NULL,
  generation bigint NOT NULL,
  seen text NOT NULL,
  version text NOT NULL,
  tally json NOT NULL,
  PRIMARY KEY (login, account_id)
);
CREATE INDEX ix_kept_tallies_account_id ON kept_tallies (account_id);
"""

# The kept tallies of the accounts raised go too, every login's (as the tables' owner): a
# tally left behind could never be read again, and it may name a person (the best-served one)
# whom this very write forgets.
RAISE = """
CREATE FUNCTION keyplan_raise_tally_generations(written integer[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH RECURSIVE above(id) AS (
    SELECT unnest(written)
    UNION
    SELECT a.parent_id FROM accounts a JOIN above ON a.id = above.id
  ), dropped AS (
    DELETE FROM kept_tallies WHERE account_id IN (SELECT id FROM above)
  )
  INSERT INTO dashboard_tally_generations AS g (account_id, generation)
  SELECT id, 1 FROM above WHERE id IS NOT NULL ORDER BY id
  ON CONFLICT (account_id) DO UPDATE SET generation = g.generation + 1
$$;
"""


def _trigger_function(table: str) -> str:
    """One function per table: the accounts of the old rows and of the new ones, raised.

    The transition tables are named by what the statement did, so each branch reads its own
    (PL/pgSQL plans a branch only when it runs).
    """
    written = WRITTEN_ACCOUNTS[table]
    old = written.replace("rows", "old_rows")
    new = written.replace("rows", "new_rows")
    return f"""
CREATE FUNCTION keyplan_tallies_written_{table}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM keyplan_raise_tally_generations(ARRAY({new}));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM keyplan_raise_tally_generations(ARRAY({old}));
  ELSE
    PERFORM keyplan_raise_tally_generations(ARRAY({old} UNION {new}));
  END IF;
  RETURN NULL;
END
$$;
"""


def _triggers(table: str) -> list[str]:
    function = f"keyplan_tallies_written_{table}()"
    return [
        f"CREATE TRIGGER keyplan_tallies_inserted AFTER INSERT ON {table} "
        f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}",
        f"CREATE TRIGGER keyplan_tallies_deleted AFTER DELETE ON {table} "
        f"REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}",
        f"CREATE TRIGGER keyplan_tallies_updated AFTER UPDATE ON {table} "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}",
    ]


def _policies() -> list[str]:
    mine = f"login = session_user AND {_VISIBLE}"
    return [
        "ALTER TABLE kept_tallies ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY keyplan_read ON kept_tallies FOR SELECT USING ({mine})",
        f"CREATE POLICY keyplan_add ON kept_tallies FOR INSERT WITH CHECK ({mine})",
        f"CREATE POLICY keyplan_change ON kept_tallies FOR UPDATE USING ({mine}) "
        f"WITH CHECK ({mine})",
        f"CREATE POLICY keyplan_delete ON kept_tallies FOR DELETE USING ({mine})",
        "ALTER TABLE dashboard_tally_generations ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY keyplan_read ON dashboard_tally_generations FOR SELECT USING ({_VISIBLE})",
    ]


def _hand_over_to_the_roles() -> list[str]:
    """As revision 0010: keyplan_admin owns; members read the counters (only the triggers,
    as their owner, raise them) and keep their own tallies."""
    functions = [
        "keyplan_raise_tally_generations(integer[])",
        *(f"keyplan_tallies_written_{table}()" for table in WRITTEN_ACCOUNTS),
    ]
    return [
        "ALTER TABLE kept_tallies OWNER TO keyplan_admin",
        "ALTER TABLE dashboard_tally_generations OWNER TO keyplan_admin",
        *(f"ALTER FUNCTION {function} OWNER TO keyplan_admin" for function in functions),
        "GRANT SELECT, INSERT, UPDATE, DELETE ON kept_tallies TO keyplan_member",
        "GRANT SELECT ON dashboard_tally_generations TO keyplan_member",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(TABLES)
    op.execute(RAISE)
    for table in WRITTEN_ACCOUNTS:
        op.execute(_trigger_function(table))
        for statement in _triggers(table):
            op.execute(statement)
    for statement in (*_policies(), *_hand_over_to_the_roles()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WRITTEN_ACCOUNTS:
        for trigger in ("inserted", "deleted", "updated"):
            op.execute(f"DROP TRIGGER IF EXISTS keyplan_tallies_{trigger} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS keyplan_tallies_written_{table}()")
    op.execute("DROP FUNCTION IF EXISTS keyplan_raise_tally_generations(integer[])")
    op.execute("DROP TABLE IF EXISTS kept_tallies")
    op.execute("DROP TABLE IF EXISTS dashboard_tally_generations")
