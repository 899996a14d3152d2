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
from keyplan.store.history.queries import ENTRY_COLUMNS, id_marks, stored_time


def other_changes_between(
    db: Database, account_ids: Collection[int], start: datetime, end: datetime
) -> tuple[OtherChange, ...]:
    """Influence lines drawn, dropped or changed and account changes, ``start`` < date ≤ ``end``."""
    marks, params = id_marks(account_ids)
    # "entity_kind || ''": the kind is not an indexed column here, so SQLite takes the
    # (account, time) index, bounded by the period, rather than the (kind, entity) one, which
    # walks every line and account entry the portfolio ever logged (PostgreSQL alike).
    rows = db.rows(
        f"SELECT {ENTRY_COLUMNS} FROM change_log WHERE (entity_kind || '') IN (:line, :account) "
        f"AND account_id IN ({marks}) AND changed_at > :start AND changed_at <= :end "
        "ORDER BY changed_at, id",
        line=INFLUENCE,
        account=ACCOUNT,
        start=stored_time(db, start),
        end=stored_time(db, end),
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
    marks, params = id_marks(mentioned)
    lines = {
        line_id: {"from_stakeholder_id": source, "to_stakeholder_id": to, "kind": kind,
                  "strength": strength}
        for line_id, source, to, kind, strength in db.rows(
            "SELECT id, from_stakeholder_id, to_stakeholder_id, kind, strength "
            f"FROM influence_lines WHERE id IN ({marks})",
            **params,
        )
    }  # fmt: skip
    return {**_as_deleted(db, INFLUENCE, mentioned - set(lines)), **lines}


def _people_names(db: Database, ends: set[int]) -> dict[int, str]:
    """The names of the lines' ends: as stored, or (deleted since) as their "deleted" entry
    kept it."""
    marks, params = id_marks(ends)
    people = dict(
        db.rows(f"SELECT id, full_name FROM stakeholders WHERE id IN ({marks})", **params)
    )
    for person, values in _as_deleted(db, PERSON, ends - set(people)).items():
        people[person] = str(values.get("full_name"))
    return people


def _as_deleted(db: Database, kind: str, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Rows deleted since, as their last "deleted" entry kept them (by id)."""
    if not ids:
        return {}
    marks, params = id_marks(ids)
    return {
        entity_id: typed_value(DELETED, old) or {}
        for entity_id, old in db.rows(
            "SELECT entity_id, old_value FROM change_log WHERE entity_kind = :kind "
            f"AND field = :deleted AND entity_id IN ({marks}) ORDER BY changed_at, id",
            kind=kind,
            deleted=DELETED,
            **params,
        )
    }
