"""The influence-line and account changes of some accounts between two dates, in words.

The people's changes come from ``queries.compare_dates``; these are the review's others
(``domain.history.lines_and_accounts``).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from keyplan.domain.history.entries import ACCOUNT, INFLUENCE, entries_from_rows
from keyplan.domain.history.lines_and_accounts import OtherChange, lines_and_account_changes
from keyplan.domain.history.wording import Names
from keyplan.store.database import Database

_ENTRY_COLUMNS = (
    "changed_at, changed_by, account_id, entity_kind, entity_id, field, old_value, new_value, "
    "is_undo"
)


def _marks(ids: Collection[int]) -> tuple[str, dict[str, int]]:
    params = {f"i{n}": value for n, value in enumerate(ids)}
    return ", ".join(f":{name}" for name in params) or "NULL", params


def other_changes_between(
    db: Database, account_ids: Collection[int], start: datetime, end: datetime
) -> tuple[OtherChange, ...]:
    """Influence lines drawn, dropped or changed and account changes, ``start`` < date ≤ ``end``."""
    marks, params = _marks(account_ids)
    rows = db.rows(
        f"SELECT {_ENTRY_COLUMNS} FROM change_log WHERE entity_kind IN (:line, :account) "
        f"AND account_id IN ({marks}) AND changed_at > :start AND changed_at <= :end "
        "ORDER BY changed_at, id",
        line=INFLUENCE,
        account=ACCOUNT,
        start=_stored_time(db, start),
        end=_stored_time(db, end),
        **params,
    )
    if not rows:
        return ()
    people = dict(
        db.rows(f"SELECT id, full_name FROM stakeholders WHERE account_id IN ({marks})", **params)
    )
    lines = {
        line_id: {"from_stakeholder_id": source, "to_stakeholder_id": to, "kind": kind,
                  "strength": strength}
        for line_id, source, to, kind, strength in db.rows(
            "SELECT id, from_stakeholder_id, to_stakeholder_id, kind, strength "
            "FROM influence_lines WHERE from_stakeholder_id IN "
            f"(SELECT id FROM stakeholders WHERE account_id IN ({marks}))",
            **params,
        )
    }  # fmt: skip
    accounts = dict(db.rows("SELECT id, name FROM accounts"))
    members = dict(db.rows("SELECT id, name FROM team_members"))
    entries = entries_from_rows(rows)
    return tuple(lines_and_account_changes(entries, lines, Names(people, members), accounts))


def _stored_time(db: Database, when: datetime) -> str | datetime:
    # A file stores times as ISO text with a space (SQLAlchemy's SQLite form); compare alike.
    return when.strftime("%Y-%m-%d %H:%M:%S.%f") if db.path is not None else when
