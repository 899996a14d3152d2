"""The influence-line and account changes of some accounts between two dates, in words.

The people's changes come from ``queries.compare_dates``; these are the review's others
(``domain.history.lines_and_accounts``).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from keyplan.domain.history.entries import (
    ACCOUNT,
    DELETED,
    INFLUENCE,
    PERSON,
    entries_from_rows,
    typed_value,
)
from keyplan.domain.history.lines_and_accounts import (
    LINE_ENDS,
    OtherChange,
    lines_and_account_changes,
)
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
    # "entity_kind || ''": the kind is not an indexed column here, so SQLite takes the
    # (account, time) index, bounded by the period, rather than the (kind, entity) one, which
    # walks every line and account entry the portfolio ever logged (PostgreSQL alike).
    rows = db.rows(
        f"SELECT {_ENTRY_COLUMNS} FROM change_log WHERE (entity_kind || '') IN (:line, :account) "
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
    entries = entries_from_rows(rows)
    lines = _lines_known(db, {e.entity_id for e in entries if e.entity_kind == INFLUENCE})
    ends = {int(v) for line in lines.values() for end in LINE_ENDS if (v := line.get(end))}
    accounts = dict(db.rows("SELECT id, name FROM accounts"))
    members = dict(db.rows("SELECT id, name FROM team_members"))
    names = Names(_people_names(db, ends), members)
    return tuple(lines_and_account_changes(entries, lines, names, accounts))


def _lines_known(db: Database, mentioned: set[int]) -> dict[int, dict[str, Any]]:
    """The lines the entries name, as stored, or as their last "deleted" entry left them
    (a line drawn in the period may be gone by now). Only those: an account has hundreds."""
    marks, params = _marks(mentioned)
    lines = {
        line_id: {"from_stakeholder_id": source, "to_stakeholder_id": to, "kind": kind,
                  "strength": strength}
        for line_id, source, to, kind, strength in db.rows(
            "SELECT id, from_stakeholder_id, to_stakeholder_id, kind, strength "
            f"FROM influence_lines WHERE id IN ({marks})",
            **params,
        )
    }  # fmt: skip
    gone_marks, gone = _marks(mentioned - set(lines))
    if not gone:
        return lines
    for line_id, old in db.rows(
        "SELECT entity_id, old_value FROM change_log WHERE entity_kind = :line "
        f"AND field = :deleted AND entity_id IN ({gone_marks}) ORDER BY changed_at, id",
        line=INFLUENCE,
        deleted=DELETED,
        **gone,
    ):
        lines[line_id] = typed_value(DELETED, old) or {}
    return lines


def _people_names(db: Database, ends: set[int]) -> dict[int, str]:
    """The names of the lines' ends: as stored, or (deleted since) as their "deleted" entry
    kept it."""
    marks, params = _marks(ends)
    people = dict(
        db.rows(f"SELECT id, full_name FROM stakeholders WHERE id IN ({marks})", **params)
    )
    gone_marks, gone = _marks(ends - set(people))
    if not gone:
        return people
    for person, old in db.rows(
        "SELECT entity_id, old_value FROM change_log WHERE entity_kind = :person "
        f"AND field = :deleted AND entity_id IN ({gone_marks})",
        person=PERSON,
        deleted=DELETED,
        **gone,
    ):
        people.setdefault(person, str((typed_value(DELETED, old) or {}).get("full_name")))
    return people


def _stored_time(db: Database, when: datetime) -> str | datetime:
    # A file stores times as ISO text with a space (SQLAlchemy's SQLite form); compare alike.
    return when.strftime("%Y-%m-%d %H:%M:%S.%f") if db.path is not None else when
