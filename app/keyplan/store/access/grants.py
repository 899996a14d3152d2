"""Grants of accounts to database roles, and the level the session's login has on each.

On an SQLite file there is one user, who may do everything: ``level_of`` says "owner" and the
grant functions refuse ("access applies to a team database").
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from keyplan.domain.errors import KeyplanError
from keyplan.store.access.levels import LEVELS, level_of

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

    from keyplan.store.database import Database

_RANKS = {"owner": 3, "editor": 2, "viewer": 1, "none": 0}
ADMIN_ROLE = "keyplan_admin"
MEMBER_ROLE = "keyplan_member"
NOT_A_TEAM_DATABASE = "Access applies to a team database; a Keyplan file has one user."


class AccessRefused(KeyplanError):
    """A grant or revoke that may not or cannot be made (the message says why)."""


@dataclass(frozen=True, slots=True)
class Grant:
    role_name: str
    level: str
    granted_by: str | None


def grant_access(connection: Connection | Session, account_id: int, role: str, level: str) -> None:
    """Give ``role`` ``level`` on the account (replacing its earlier grant there).

    Plain: no check of who asks (the server's policies refuse a non-owner). For scripts and
    benchmarks that already hold a connection; the app and the CLI use ``grant``.
    """
    if level not in LEVELS:
        raise AccessRefused(f"Unknown access level '{level}': use one of {', '.join(LEVELS)}.")
    connection.execute(
        text(
            "INSERT INTO account_access (account_id, role_name, level, granted_by, granted_at) "
            "VALUES (:account, :role, :level, session_user, now()) "
            "ON CONFLICT (account_id, role_name) DO UPDATE SET level = excluded.level, "
            "granted_by = excluded.granted_by, granted_at = excluded.granted_at"
        ),
        {"account": account_id, "role": role, "level": level},
    )


def grant(database: Database, account_id: int, role: str, level: str) -> None:
    """``grant_access`` by the session's login, refused with a clear message when it may not."""
    _require_team(database)
    _require_owner(database, account_id)
    with _refusals(), database.transaction() as session:
        if not _role_exists(session, role):
            raise AccessRefused(f"There is no database role '{role}' on this server.")
        grant_access(session, account_id, role, level)
        _announce(database, session)


def revoke(database: Database, account_id: int, role: str) -> None:
    """Take ``role``'s grant on the account away (its umbrella's grant may still cover it)."""
    _require_team(database)
    _require_owner(database, account_id)
    with _refusals(), database.transaction() as session:
        removed = session.execute(
            text(
                "DELETE FROM account_access WHERE account_id = :account AND role_name = :role "
                "RETURNING id"
            ),
            {"account": account_id, "role": role},
        ).first()
        _announce(database, session)
    if not removed:
        raise AccessRefused(f"'{role}' has no grant on this account.")


def grants(database: Database, account_id: int) -> list[Grant]:
    """The account's own grants, by role name (the umbrella's are listed on the umbrella)."""
    with database.read() as session:
        rows = session.execute(
            text(
                "SELECT role_name, level, granted_by FROM account_access "
                "WHERE account_id = :account ORDER BY role_name"
            ),
            {"account": account_id},
        ).all()
    return [Grant(*row) for row in rows]


def is_admin(database: Database) -> bool:
    """The session's login administers the team database (or it is a laptop file)."""
    if not database.announces_changes:
        return True
    with database.read() as session:
        return bool(
            session.execute(
                text("SELECT pg_has_role(session_user, :admin, 'MEMBER')"), {"admin": ADMIN_ROLE}
            ).scalar()
        )


def may_grant(database: Database, account_id: int) -> bool:
    return database.announces_changes and level_of(database, account_id) == "owner"


def _announce(database: Database, session: Session) -> None:
    """Tell the open windows that grants changed (no account, no role named: they re-read)."""
    from keyplan.store.team.notify import RowChange, send_changes

    send_changes(
        session.connection(), database, [RowChange("account_access", None, None, "update")]
    )


def _require_team(database: Database) -> None:
    if not database.announces_changes:
        raise AccessRefused(NOT_A_TEAM_DATABASE)


def _require_owner(database: Database, account_id: int) -> None:
    if level_of(database, account_id) != "owner":
        raise AccessRefused(
            "Only an owner of this account or a Keyplan admin can change who has access."
        )


def _role_exists(session: Session, role: str) -> bool:
    found = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role})
    return found.first() is not None


@contextlib.contextmanager
def _refusals() -> Iterator[None]:
    """The server's refusal (a policy, a missing privilege) as one clear sentence."""
    try:
        yield
    except DBAPIError as error:
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise AccessRefused(f"The team database refused the change: {detail}") from error
