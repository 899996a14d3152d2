"""Forgetting a person on a team database: past the login's own view, where it may change.

Row-level security shows a login its accounts only, and export records it made itself only.
Forgetting a person must not leave traces the forgetter cannot see, so on PostgreSQL:

- the forget is refused when the person's account family (the umbrella, its affiliates, and
  the accounts of their linked records) holds an account the login may not change: it would
  leave their name behind there. An owner of those accounts or a Keyplan admin can forget them;
- everyone's export records at the family's accounts are read and removed through two
  SECURITY DEFINER functions of revision ``0010_account_access``, which reach only the
  accounts the login may change.

On an SQLite file (one user, nothing hidden) these do nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Integer

from keyplan.store.access.grants import AccessRefused
from keyplan.store.models import Account

_IDS = bindparam("ids", type_=ARRAY(Integer))


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def require_family_changeable(
    session: Session, person_ids: Collection[int], full_name: str
) -> None:
    """Refuse to forget ``full_name`` when their family holds an account the login may not
    change (names only the ones it may see)."""
    if not _on_server(session):
        return
    blocked = list(
        session.execute(
            text("SELECT keyplan_family_not_changeable(:ids)").bindparams(_IDS),
            {"ids": sorted(person_ids)},
        ).scalars()
    )
    if not blocked:
        return
    seen = sorted(session.scalars(select(Account.name).where(Account.id.in_(blocked))))
    hidden = len(blocked) - len(seen)
    where = ", ".join(seen + ([f"{hidden} account(s) you cannot see"] if hidden else []))
    raise AccessRefused(
        f"{full_name} cannot be forgotten by you: their accounts include some you may not "
        f"change ({where}). Ask an owner of those accounts or a Keyplan admin."
    )


def export_records_at(session: Session, account_ids: Collection[int]) -> list[tuple[int, str]]:
    """Everyone's export records at the accounts (those the login may change): (id, file)."""
    if not _on_server(session) or not account_ids:
        return []
    rows = session.execute(
        text("SELECT record_id, record_file_name FROM keyplan_export_records_at(:ids)").bindparams(
            _IDS
        ),
        {"ids": sorted(account_ids)},
    ).all()
    return [(row[0], row[1]) for row in rows]


def delete_export_records(session: Session, record_ids: Collection[int]) -> None:
    """Remove the export records, whoever made them, at accounts the login may change."""
    if not _on_server(session) or not record_ids:
        return
    session.execute(
        text("SELECT keyplan_delete_export_records(:ids)").bindparams(_IDS),
        {"ids": sorted(record_ids)},
    )
