"""What the first window shows, read in plain SQL: the portfolio and one account's overview.

These reads go through ``Database.rows``, which for a file uses only the standard library's
sqlite3. The main window can therefore appear with the portfolio loaded before SQLAlchemy
(most of the start-up time) has been imported; the ORM loads in the background meanwhile.
The SQL is kept portable (quoted names, ``WITH RECURSIVE``, no SQLite-only functions) so the
same text runs on a team's PostgreSQL through SQLAlchemy.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every start of the window makes this module's.

from datetime import date, datetime
from typing import Any, NamedTuple, overload

from keyplan.domain.errors import NotFound
from keyplan.domain.fields import ACCOUNT_FIELDS, FieldSpec, Kind
from keyplan.domain.vocabulary import CommitmentStatus, Stance
from keyplan.store.database import Database
from keyplan.store.insights.rule_sql import is_champion_sql, is_decision_maker_sql, sql_in


# Named tuples rather than dataclasses: a dataclass is made by compiling its methods, 1 ms
# each at every start; a named tuple is ready in a tenth of that.
class PortfolioRow(NamedTuple):
    """One account in the portfolio navigator."""

    id: int
    parent_id: int | None
    name: str
    tier: str
    country: str | None
    annual_revenue: float | None
    potential: float | None
    people: int


class AccountGlance(NamedTuple):
    """The few facts the Overview shows at once, for an account and its affiliates."""

    people: int
    left: int
    decision_makers: int
    champions: int
    blockers: int
    never_contacted: int
    last_interaction: date | None
    open_commitments: int
    overdue_commitments: int
    affiliates: int


PORTFOLIO_SQL = """
SELECT a.id, a.parent_id, a.name, a.tier, a.country, a.annual_revenue, a.potential,
       COALESCE(p.people, 0)
FROM accounts AS a
LEFT JOIN (SELECT account_id, COUNT(*) AS people FROM stakeholders
           WHERE NOT is_vacancy GROUP BY account_id) AS p  -- open positions are not people
       ON p.account_id = a.id
ORDER BY LOWER(a.name), a.id
"""

# On a team server: each account's people counted through the account index. Row-level
# security leaves a user their accounts, but the grouped count above would still read (and
# test against the policies) every person of the team: 110 ms against 5 ms for 20 of 1,000
# accounts (tests/benchmarks/bench_team.py). SQLite keeps the one grouped pass.
TEAM_PORTFOLIO_SQL = """
SELECT a.id, a.parent_id, a.name, a.tier, a.country, a.annual_revenue, a.potential,
       (SELECT COUNT(*) FROM stakeholders AS s
         WHERE s.account_id = a.id AND NOT s.is_vacancy)  -- open positions are not people
FROM accounts AS a
ORDER BY LOWER(a.name), a.id
"""

# The account and every affiliate below it, at any depth.
FAMILY_CTE = """
WITH RECURSIVE family(id) AS (
    SELECT id FROM accounts WHERE id = :account_id
    UNION
    SELECT child.id FROM accounts AS child JOIN family ON child.parent_id = family.id
)
"""

# The conditions are written from the domain's rules (``rule_sql``), never retyped here.
GLANCE_PEOPLE_SQL = (
    FAMILY_CTE
    + f"""
SELECT
    SUM(CASE WHEN s.has_left THEN 0 ELSE 1 END),
    SUM(CASE WHEN s.has_left THEN 1 ELSE 0 END),
    SUM(CASE WHEN NOT s.has_left AND {is_decision_maker_sql("s")} THEN 1 ELSE 0 END),
    SUM(CASE WHEN NOT s.has_left AND {is_champion_sql("s")} THEN 1 ELSE 0 END),
    SUM(CASE WHEN NOT s.has_left AND {sql_in("s.stance", [Stance.BLOCKER])} THEN 1 ELSE 0 END),
    SUM(CASE WHEN NOT s.has_left AND NOT EXISTS (
            SELECT 1 FROM interaction_stakeholders AS i WHERE i.stakeholder_id = s.id)
        THEN 1 ELSE 0 END)
FROM stakeholders AS s
WHERE s.account_id IN (SELECT id FROM family) AND NOT s.is_vacancy
"""
)

GLANCE_ACTIVITY_SQL = (
    FAMILY_CTE
    + f"""
SELECT 'interaction', CAST(MAX(occurred_on) AS VARCHAR(30)) FROM interactions
 WHERE account_id IN (SELECT id FROM family)
UNION ALL
SELECT 'due', CAST(due_on AS VARCHAR(30)) FROM commitments
 WHERE account_id IN (SELECT id FROM family) AND {sql_in("status", [CommitmentStatus.OPEN])}
UNION ALL
SELECT 'family', CAST(COUNT(*) AS VARCHAR(20)) FROM family
"""
)


def portfolio(db: Database) -> list[PortfolioRow]:
    """Every account with its number of people (present and left), in one aggregate query."""
    sql = PORTFOLIO_SQL if db.server is None else TEAM_PORTFOLIO_SQL
    return [PortfolioRow(*row) for row in db.rows(sql)]


def account_values(db: Database, account_id: int) -> dict[str, Any]:
    """Every editable field of one account, by name, plus ``id`` and ``parent_id``."""
    columns = ", ".join(f'"{name}"' for name in ACCOUNT_FIELDS)
    found = db.rows(
        f"SELECT id, parent_id, {columns} FROM accounts WHERE id = :account_id",
        account_id=account_id,
    )
    if not found:
        raise NotFound(f"That account no longer exists (id {account_id}).")
    account_id, parent_id, *stored = found[0]
    values = {
        name: stored_value(spec, value)
        for (name, spec), value in zip(ACCOUNT_FIELDS.items(), stored, strict=True)
    }
    values.update(id=account_id, parent_id=parent_id)
    return values


def account_glance(db: Database, account_id: int, today: date | None = None) -> AccountGlance:
    """Counts over the account's whole family: two aggregate queries.

    Promises are overdue as of ``today``, by default the day it is now: the Overview leaves
    the date to this Qt-free module, so that its own import of datetime, after Qt loaded,
    does not have PySide6's import hook read datetime's 2,600 lines of source.
    """
    today = today or date.today()
    people_counts = db.rows(GLANCE_PEOPLE_SQL, account_id=account_id)[0]
    people, left, deciders, champions, blockers, never = (count or 0 for count in people_counts)
    last_interaction, due_dates, family_size = None, [], 1
    for kind, value in db.rows(GLANCE_ACTIVITY_SQL, account_id=account_id):
        if kind == "interaction":
            last_interaction = as_date(value)
        elif kind == "due":
            due_dates.append(as_date(value))
        else:
            family_size = int(value)
    return AccountGlance(
        people=people,
        left=left,
        decision_makers=deciders,
        champions=champions,
        blockers=blockers,
        never_contacted=never,
        last_interaction=last_interaction,
        open_commitments=len(due_dates),
        overdue_commitments=sum(1 for due in due_dates if due is not None and due < today),
        affiliates=max(family_size - 1, 0),
    )


def stored_value(spec: FieldSpec, value: Any) -> Any:
    """A value as the database driver returned it, in the type its field is edited as."""
    if value is None:
        return None
    if spec.kind is Kind.DATE:
        return as_date(value)
    if spec.kind is Kind.FLAG:
        return bool(value)
    if spec.kind is Kind.MONEY:
        return float(value)
    return value


# None reads as None; any value that is there reads as a date (callers need not check again).
@overload
def as_date(value: None) -> None: ...
@overload
def as_date(value: date | str) -> date: ...
def as_date(value: Any) -> date | None:
    """A date from SQLite's ISO text (or a server driver's date or datetime)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])
