"""A team database of a whole sales organisation, on a throw-away PostgreSQL server.

The set-up half of ``bench_team.py`` (kept apart, and not named ``bench_*``, so ``make bench``
does not run it alone). The server is started the way the team-mode tests start theirs
(``tests/pg_server.py``: Debian's binaries, a private folder, 127.0.0.1, trust
authentication); the schema is made by the app's own migration path (``open_database`` on
an empty database); the portfolio is the demo's synthetic generator shaped for a team (no
giant umbrella), written with COPY. Then the logins: the account director whose window is
measured, on 20 accounts, and a teammate who edits.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from pg_server import (  # noqa: E402 (tests/ is put on the path just above)
    SUPERUSER,
    PostgresServer,
    _free_port,
    _private_root,
    find_postgres_bin,
)

DATABASE = "keyplan_team"
USER = "dana"  # the account director whose window is measured: on USER_ACCOUNTS accounts
BYPASSING_USER = "dana_unfiltered"  # the same grants, but row-level security does not apply
TEAMMATE = "sam"  # who edits a person Dana is looking at
USER_ACCOUNTS = 20
# A team's accounts share the people far more evenly than one director's portfolio, where
# the group umbrella holds over half: here it holds 1 % (with its affiliates).
UMBRELLA_SHARE = 0.01
COUNTED_TABLES = ("accounts", "stakeholders", "influence_lines", "relationship_owners",
                  "interactions", "interaction_stakeholders", "commitments", "actions",
                  "opportunities", "whitespace_cells")  # fmt: skip


@dataclass
class TeamServer:
    """The running server, and the team database on it."""

    server: PostgresServer
    kept: bool = False  # the data folder outlives the run (``--keep``): stopped, not removed
    reused: bool = False  # started on a folder filled by an earlier run

    def url(self, login: str = "postgres") -> str:
        """The team database's address as one login (trust authentication: no password)."""
        return f"postgresql+psycopg://{login}@127.0.0.1:{self.server.port}/{DATABASE}"

    def sql(self, *statements: str) -> list[tuple]:
        """Run statements as the superuser, outside a transaction; the last one's rows."""
        import psycopg

        dsn = f"host=127.0.0.1 port={self.server.port} user=postgres dbname={DATABASE}"
        rows: list[tuple] = []
        with psycopg.connect(dsn, autocommit=True) as connection:
            for statement in statements:
                cursor = connection.execute(statement)
                rows = cursor.fetchall() if cursor.description else []
        return rows

    def stop(self) -> None:
        if self.kept:
            self.server.stop(mode="fast")  # a clean shutdown: the next run starts at once
        else:
            self.server.stop()
            shutil.rmtree(self.server.root, ignore_errors=True)


def start_server(keep: Path | None = None) -> TeamServer | None:
    """A fresh server with an empty team database; None (and why, printed) without one.

    With ``keep``, the server lives in that folder and is left there when stopped; when the
    folder already holds a team database filled by an earlier run, that server is started
    again as it was (``TeamServer.reused``): a fill costs minutes, a restart a second.
    """
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        print("skipped: no PostgreSQL binaries (Debian: apt-get install postgresql)")
        return None
    root, run_as = _private_root() if keep is None else _kept_root(keep)
    server = PostgresServer(bin_dir, root, _free_port(), run_as)
    reused = keep is not None and (root / FILLED).exists()
    if keep is not None and not reused:
        shutil.rmtree(server.data_dir, ignore_errors=True)  # a fill that did not finish
    try:
        server.start(existing=reused)
    except (subprocess.CalledProcessError, OSError) as error:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
        print(f"skipped: the PostgreSQL server did not start ({error})")
        return None
    if not reused:
        server.execute(f"CREATE DATABASE {DATABASE}")
    return TeamServer(server, kept=keep is not None, reused=reused)


FILLED = "filled"  # in a kept folder: the team database is filled and its logins made


def mark_filled(team: TeamServer) -> None:
    """Note in a kept folder that its database is ready for the next run to reuse."""
    if team.kept:
        (team.server.root / FILLED).write_text("filled, logins and grants made\n")


def _kept_root(folder: Path) -> tuple[Path, list[str]]:
    """``folder`` (made if need be), owned by the server's user when run as root."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return folder, []
    shutil.chown(folder, SUPERUSER, SUPERUSER)
    return folder, ["runuser", "-u", SUPERUSER, "--"]


def fill(team: TeamServer, people: int) -> float:
    """Migrate the database to the head revision and write the portfolio; return seconds.

    In a process of its own: the millions of generated rows would otherwise stay in this
    one's memory, and the whole-process figures' peak memory (which a child inherits at
    fork) with them.
    """
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, team.url(), str(people)], check=True)
    # A server in use has its statistics; a freshly filled one must gather them first.
    team.sql("VACUUM ANALYZE")
    return time.perf_counter() - started


def _fill_here(url: str, people: int) -> None:
    from sqlalchemy import event

    from keyplan.store.database import open_database
    from keyplan.store.demo import create_synthetic_portfolio

    db = open_database(url, user_name="admin")  # the app's own migration path
    # The generated rows are consistent by construction; checking millions of foreign keys
    # one row at a time is most of a fill. The superuser may skip the checks in its session.
    db.engine.dispose()
    event.listen(db.engine, "connect", _without_foreign_key_checks)
    try:
        create_synthetic_portfolio(db, people=people, largest_share=UMBRELLA_SHARE)
    finally:
        db.close()


def _without_foreign_key_checks(dbapi_connection: Any, _record: object) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    dbapi_connection.commit()


def describe(team: TeamServer) -> str:
    counts = [(table, team.sql(f"SELECT count(*) FROM {table}")[0][0]) for table in COUNTED_TABLES]
    return ", ".join(f"{count:,} {table}" for table, count in counts)


def users_accounts(team: TeamServer, count: int = USER_ACCOUNTS) -> list[int]:
    """The user's accounts: top-level accounts without affiliates, spread over every size
    (the 1st, the 51st, … by people), so that large and small ones are among them; the
    largest first."""
    rows = team.sql(
        "SELECT a.id FROM accounts a LEFT JOIN stakeholders s ON s.account_id = a.id "
        "WHERE a.parent_id IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM accounts c WHERE c.parent_id = a.id) "
        "GROUP BY a.id ORDER BY count(s.id) DESC, a.id"
    )
    ids = [row[0] for row in rows]
    step = max(1, len(ids) // count)
    return ids[::step][:count]  # the largest first


def make_logins(team: TeamServer) -> None:
    """Database logins for the user, the same user past the policies, and a teammate.

    Without the access feature every login reads every table; ``grant_users_accounts``
    then narrows ``USER`` to their accounts.
    """
    for login, bypass in ((USER, False), (BYPASSING_USER, True), (TEAMMATE, False)):
        team.sql(
            f"CREATE ROLE {login} LOGIN {'BYPASSRLS' if bypass else ''}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {login}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {login}",
        )


def has_access_policies() -> bool:
    """Whether this version has issue 19's per-account access (``store/access``)."""
    return importlib.util.find_spec("keyplan.store.access") is not None


def grant_users_accounts(team: TeamServer, account_ids: Sequence[int]) -> None:
    """Give ``USER`` (and ``BYPASSING_USER``) their accounts through the access policies,
    and ``TEAMMATE`` the same, as editors (issue 19's per-account access, revision
    ``0010_account_access``: its ``keyplan_member`` role and ``grant_access``).

    Raises:
        SystemExit: the access feature (``store/access/``) is not in this version yet.
    """
    try:
        grants = importlib.import_module("keyplan.store.access.grants")
    except ImportError:
        raise SystemExit(
            "--policies needs the per-account access of issue 19 (keyplan.store.access)"
        ) from None
    from sqlalchemy import create_engine

    logins = (USER, BYPASSING_USER, TEAMMATE)
    team.sql(*(f"GRANT {grants.MEMBER_ROLE} TO {login}" for login in logins))
    engine = create_engine(team.url())
    try:
        with engine.begin() as connection:
            for account_id in account_ids:
                for login in logins:
                    grants.grant_access(connection, account_id, login, "editor")
    finally:
        engine.dispose()
    team.sql("ANALYZE account_access")


# Until issue 19's access policies are in (``--policies`` uses them), the benchmark puts a
# stand-in of the same kind on the tables: row-level security keyed on the account, through
# a table of grants, so that the user's login sees their 20 accounts and nothing else.
EMULATED_GRANTS = "bench_account_grants"
_BY_ACCOUNT = ("accounts", "stakeholders", "interactions", "opportunities", "whitespace_cells",
               "competitor_presences", "risks", "objectives", "actions", "commitments",
               "snapshots", "export_records", "change_log")  # fmt: skip
_THROUGH = {  # table: (its column, the table whose visible rows it must point at)
    "influence_lines": ("from_stakeholder_id", "stakeholders"),
    "dotted_lines": ("stakeholder_id", "stakeholders"),
    "relationship_owners": ("stakeholder_id", "stakeholders"),
    "evidence": ("stakeholder_id", "stakeholders"),
    "interaction_stakeholders": ("interaction_id", "interactions"),
    "interaction_team_members": ("interaction_id", "interactions"),
    "calendar_events": ("interaction_id", "interactions"),
}


def emulate_policies(team: TeamServer, account_ids: Sequence[int]) -> None:
    """Row-level security by account for ``USER`` and ``TEAMMATE`` (a stand-in, see above);
    ``BYPASSING_USER`` reads past it."""
    granted = ", ".join(f"('{login}', {a})" for a in account_ids for login in (USER, TEAMMATE))
    # The shape of revision 0010's policies: "= ANY (ARRAY(…))" makes the list once per query
    # (an InitPlan) so the account indexes find the rows; "IN (SELECT …)" would test every row.
    mine = f"ANY (ARRAY(SELECT account_id FROM {EMULATED_GRANTS} WHERE login = current_user))"
    statements = [
        f"CREATE TABLE {EMULATED_GRANTS} (login name NOT NULL, account_id integer NOT NULL, "
        f"PRIMARY KEY (login, account_id))",
        f"INSERT INTO {EMULATED_GRANTS} VALUES {granted}",
        f"GRANT SELECT ON {EMULATED_GRANTS} TO PUBLIC",
    ]
    for table in _BY_ACCOUNT:
        column = "id" if table == "accounts" else "account_id"
        statements += _policy(table, f"{column} = {mine}")
    for table, (column, parent) in _THROUGH.items():
        statements += _policy(table, f"{column} = ANY (ARRAY(SELECT p.id FROM {parent} p))")
    team.sql(*statements, "ANALYZE")


def _policy(table: str, condition: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY by_account ON {table} USING ({condition}) WITH CHECK ({condition})",
    ]


if __name__ == "__main__":  # fill(): python team_database.py URL PEOPLE
    _fill_here(sys.argv[1], int(sys.argv[2]))
