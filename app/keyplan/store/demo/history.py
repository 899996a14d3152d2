"""A year of the demo umbrella's history, written as change-log rows with their dates.

So the first start has something to compare: an IT reorganisation eight months ago, a new CFO
five months ago (the old one, a supporter, left; his reports moved to her), stances that
warmed or cooled, a title that changed; since the last review, an influence line drawn, one
grown stronger, and the group moved up to the strategic tier. Every entry ends at the value
the demo holds today, so rebuilding the map at any date of the year walks back to a
consistent picture.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from keyplan.store.history.log import as_text
from keyplan.store.models import ChangeLogEntry, Stakeholder

WHO = "Alex Morgan (you)"
# The CFO before Zoë Åkesson: still in the file, marked as having left.
FORMER_CFO = dict(
    full_name="Gunnar Lindqvist",
    job_title="Group Chief Financial Officer",
    department="Finance",
    level="c_level",
    buying_role="decision_maker",
    influence="high",
    stance="supporter",
    strength=3,
    has_left=True,
)

# days ago | person key | field | old | new   ("@key": that person's id; "FORMER_CFO": his)
CHANGES: tuple[tuple[int, str, str, Any, Any], ...] = (
    (330, "cio", "stance", "neutral", "supporter"),
    (300, "finsys", "created", None, "Lena Ek"),
    (240, "arch", "job_title", "Head of Architecture", "VP Enterprise Architecture"),
    (240, "data", "reports_to_id", "@itops", "@arch"),
    (240, "sec", "reports_to_id", "@itops", "@arch"),
    (240, "infra", "reports_to_id", "@arch", "@itops"),
    (200, "arch", "strength", 3, 4),
    (150, "FORMER_CFO", "has_left", False, True),
    (150, "cfo", "created", None, "Zoë Åkesson"),
    (150, "ctrl", "reports_to_id", "@FORMER_CFO", "@cfo"),
    (150, "treas", "reports_to_id", "@FORMER_CFO", "@cfo"),
    (150, "cpo", "reports_to_id", "@FORMER_CFO", "@cfo"),
    (140, "cfo", "owner", None, "#sponsor"),
    (120, "cio", "stance", "supporter", "champion"),
    (90, "cpo", "stance", "skeptic", "blocker"),
    (45, "coo", "stance", "neutral", "supporter"),
    (20, "finmgr", "job_title", "Finance Systems Analyst", "Finance Systems Manager"),
    (10, "cloud", "strength", 2, 3),
)


def add_demo_history(
    session: Session,
    person_ids: Mapping[str, int],
    team_ids: Mapping[str, int],
    account_of: Mapping[int, int],
    today: date,
) -> int:
    """Add the former CFO and the year's change-log rows; return how many rows were logged."""
    ids = dict(person_ids)
    ceo = ids["ceo"]
    former = Stakeholder(account_id=account_of[ceo], reports_to_id=ceo, **FORMER_CFO)
    session.add(former)
    session.flush()
    ids["FORMER_CFO"] = former.id
    account_of = {**account_of, former.id: account_of[ceo]}
    rows = []
    for number, (days_ago, key, field, old, new) in enumerate(CHANGES):
        person = ids[key]
        # A few minutes apart on the day, in the order listed, in the working morning.
        at = datetime.combine(today - timedelta(days=days_ago), time(9, 0)) + timedelta(
            minutes=number
        )
        rows.append(
            {
                "changed_at": at,
                "changed_by": WHO,
                "account_id": account_of[person],
                "entity_kind": "person",
                "entity_id": person,
                "field": field,
                "old_value": _value(old, ids, team_ids),
                "new_value": _value(new, ids, team_ids),
                "is_undo": False,
            }
        )
    session.execute(insert(ChangeLogEntry.__table__), rows)
    return len(rows)


# days ago | (from, to) person keys of the line | field | old | new
LINE_CHANGES: tuple[tuple[int, tuple[str, str], str, Any, Any], ...] = (
    (100, ("treas", "cfo"), "created", None, None),  # Zoë's reliance on Olof, noticed
    (30, ("cio", "ceo"), "strength", 2, 3),
)
# days ago | account key | field | old | new
ACCOUNT_CHANGES: tuple[tuple[int, str, str, Any, Any], ...] = (
    (75, "aldermark", "tier", "key", "strategic"),
)


def add_demo_line_and_account_history(
    session: Session,
    line_ids: Mapping[tuple[str, str], int],
    account_ids: Mapping[str, int],
    account_of: Mapping[int, int],
    person_ids: Mapping[str, int],
    today: date,
) -> int:
    """Log the umbrella's influence-line and account changes; return how many rows."""
    rows = [
        # A line's entries go to the account of the person it starts from.
        _row(
            today, days_ago, number, ("influence", line_ids[ends]), account_of[person_ids[ends[0]]]
        )
        | _values(field, old, new)
        for number, (days_ago, ends, field, old, new) in enumerate(LINE_CHANGES)
    ]
    rows += [
        _row(today, days_ago, number, ("account", account_ids[key]), account_ids[key])
        | _values(field, old, new)
        for number, (days_ago, key, field, old, new) in enumerate(ACCOUNT_CHANGES)
    ]
    session.execute(insert(ChangeLogEntry.__table__), rows)
    return len(rows)


def _row(
    today: date, days_ago: int, number: int, entity: tuple[str, int], account: int
) -> dict[str, Any]:
    """A log row of the demo's, at 10:00 on its day (after the people's changes of the day)."""
    at = datetime.combine(today - timedelta(days=days_ago), time(10, 0)) + timedelta(minutes=number)
    kind, entity_id = entity
    return {"changed_at": at, "changed_by": WHO, "account_id": account, "entity_kind": kind,
            "entity_id": entity_id, "is_undo": False}  # fmt: skip


def _values(field: str, old: Any, new: Any) -> dict[str, Any]:
    return {"field": field, "old_value": as_text(old), "new_value": as_text(new)}


def _value(value: Any, ids: Mapping[str, int], team_ids: Mapping[str, int]) -> str | None:
    if isinstance(value, str) and value.startswith("@"):
        return str(ids[value[1:]])
    if isinstance(value, str) and value.startswith("#"):
        return str(team_ids[value[1:]])
    return as_text(value)
