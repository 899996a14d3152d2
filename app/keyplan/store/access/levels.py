"""The access level the session's login has on an account, read without SQLAlchemy.

Apart from ``grants`` so that the first window of a team database, which asks it for the
account it shows, loads neither SQLAlchemy nor the models (``Database.rows``: psycopg).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyplan.store.database import Database

#: From most to least; "none" only narrows an umbrella's grant on one affiliate.
LEVELS = ("owner", "editor", "viewer", "none")


def level_of(database: Database, account_id: int) -> str | None:
    """What the session's login may do on the account: owner, editor, viewer, or None."""
    if not database.announces_changes:
        return "owner"
    # A plain query (psycopg on a team server): the first window asks it for the account it
    # shows, before anything else needs SQLAlchemy (bench_team.py's window ready).
    ((rank,),) = database.rows(
        "SELECT CASE "
        "WHEN :account = ANY (ARRAY(SELECT keyplan_accounts_at(3))) THEN 3 "
        "WHEN :account = ANY (ARRAY(SELECT keyplan_accounts_at(2))) THEN 2 "
        "WHEN :account = ANY (ARRAY(SELECT keyplan_accounts_at(1))) THEN 1 "
        "ELSE 0 END",
        account=account_id,
    )
    return LEVELS[3 - rank] if rank else None
