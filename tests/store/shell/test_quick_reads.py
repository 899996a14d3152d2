"""The first window's plain-SQL reads agree with the ORM, and need no SQLAlchemy to run."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from keyplan.domain.errors import NotFound
from keyplan.domain.relationships import KEY_ROLES, is_champion, is_decision_maker
from keyplan.domain.vocabulary import Stance
from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_demo_portfolio, create_synthetic_portfolio
from keyplan.store.insights.queries import account_facts
from keyplan.store.models import (
    Account,
    Commitment,
    Interaction,
    InteractionStakeholder,
    Stakeholder,
)
from keyplan.store.people.edits import add_account, add_stakeholder, set_account_field
from keyplan.store.people.queries import umbrella_family_below
from keyplan.store.shell import quick_reads

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    database = open_database(tmp_path_factory.mktemp("quick") / "demo.db")
    create_demo_portfolio(database, today=TODAY)
    yield database
    database.close()


def test_portfolio_counts_every_account_and_its_people(demo: Database) -> None:
    rows = quick_reads.portfolio(demo)
    with demo.read() as session:
        accounts = session.scalar(select(func.count()).select_from(Account))
        people = dict(
            session.execute(
                select(Stakeholder.account_id, func.count())
                .where(Stakeholder.is_vacancy.is_(False))  # open positions are not people
                .group_by(Stakeholder.account_id)
            ).all()
        )
    assert len(rows) == accounts
    assert {row.id: row.people for row in rows} == {row.id: people.get(row.id, 0) for row in rows}
    names = [row.name.lower() for row in rows]
    assert names == sorted(names)


def test_account_values_come_in_the_types_they_are_edited_as(db: Database) -> None:
    account_id = add_account(db, "Zoë <b>& Co", annual_revenue=1250000.5)
    set_account_field(db, account_id, "last_review_on", date(2026, 3, 1))
    set_account_field(db, account_id, "review_cadence_days", 90)
    values = quick_reads.account_values(db, account_id)
    assert values["name"] == "Zoë <b>& Co"
    assert values["last_review_on"] == date(2026, 3, 1)
    assert values["annual_revenue"] == 1250000.5
    assert values["review_cadence_days"] == 90
    assert values["values"] is None  # a column named after an SQL keyword reads fine
    assert values["parent_id"] is None and values["id"] == account_id


def test_the_glance_agrees_with_the_orm_for_every_demo_account(demo: Database) -> None:
    for row in quick_reads.portfolio(demo):
        assert quick_reads.account_glance(demo, row.id, TODAY) == orm_glance(demo, row.id)


def test_glance_counts_an_affiliates_people_with_its_umbrella(db: Database) -> None:
    group = add_account(db, "Group")
    affiliate = add_account(db, "Group France", parent_id=group)
    add_stakeholder(db, group, "Ana", buying_role="decision_maker")
    add_stakeholder(db, affiliate, "Bea", stance="champion")
    glance = quick_reads.account_glance(db, group, TODAY)
    assert (glance.people, glance.decision_makers, glance.champions) == (2, 1, 1)
    assert glance.affiliates == 1 and glance.never_contacted == 2
    assert quick_reads.account_glance(db, affiliate, TODAY).people == 1


def test_a_vanished_account_is_reported_not_crashed_on(db: Database) -> None:
    with pytest.raises(NotFound, match="no longer exists"):
        quick_reads.account_values(db, 999)


def test_the_main_window_opens_without_loading_sqlalchemy(demo: Database) -> None:
    script = (
        "import sys\n"
        "from keyplan.cli import main\n"
        f"assert main(['--db', {str(demo.path)!r}, '--exit-when-ready']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'reportlab',"
        " 'alembic') or m == 'keyplan.store.models')\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""


def orm_glance(db: Database, account_id: int) -> quick_reads.AccountGlance:
    """The same facts counted the slow, obvious way with the ORM."""
    with db.read() as session:
        family = umbrella_family_below(session, account_id)
        people = session.scalars(
            select(Stakeholder).where(
                Stakeholder.account_id.in_(family), Stakeholder.is_vacancy.is_(False)
            )
        )
        people = list(people)
        contacted = set(session.scalars(select(InteractionStakeholder.stakeholder_id)))
        present = [p for p in people if not p.has_left]
        last = session.scalar(
            select(func.max(Interaction.occurred_on)).where(Interaction.account_id.in_(family))
        )
        due = list(
            session.scalars(
                select(Commitment.due_on).where(
                    Commitment.account_id.in_(family), Commitment.status == "open"
                )
            )
        )
    return quick_reads.AccountGlance(
        people=len(present),
        left=len(people) - len(present),
        decision_makers=sum(is_decision_maker(p.buying_role) for p in present),
        champions=sum(is_champion(p.stance, p.buying_role) for p in present),
        blockers=sum(p.stance == "blocker" for p in present),
        never_contacted=sum(p.id not in contacted for p in present),
        last_interaction=last,
        open_commitments=len(due),
        overdue_commitments=sum(d is not None and d < TODAY for d in due),
        affiliates=len(family) - 1,
    )


def test_orm_glance_helper_sees_overdue_promises(demo: Database) -> None:
    """The comparison above would be empty if the demo had no overdue promise: it has some."""
    totals = [orm_glance(demo, row.id) for row in quick_reads.portfolio(demo)]
    assert sum(g.overdue_commitments for g in totals) > 0
    assert any(
        g.last_interaction and g.last_interaction > TODAY - timedelta(days=60) for g in totals
    )


def assert_glance_counts_as_the_domain(db: Database) -> None:
    """The Overview line's plain SQL counts champions and decision makers by the domain's
    own rules (``relationships``), for every account of the portfolio."""
    for row in quick_reads.portfolio(db):
        glance = quick_reads.account_glance(db, row.id, TODAY)
        present = [p for p in account_facts(db, row.id).people if not p.has_left]
        assert glance.champions == sum(is_champion(p.stance, p.buying_role) for p in present), (
            row.name
        )
        assert glance.decision_makers == sum(p.buying_role in KEY_ROLES for p in present), row.name
        assert glance.blockers == sum(p.stance is Stance.BLOCKER for p in present), row.name


def test_the_overview_counts_champions_as_the_insights_do_on_the_demo(demo: Database) -> None:
    # Emma Strand at Aldermark is a champion by stance; a coach by role counts as well.
    assert_glance_counts_as_the_domain(demo)


def test_the_overview_counts_champions_as_the_insights_do_on_a_generated_portfolio(
    db: Database,
) -> None:
    create_synthetic_portfolio(db, people=1500, seed=3, today=TODAY)
    assert_glance_counts_as_the_domain(db)


def test_a_coach_by_buying_role_is_a_champion_on_the_overview(db: Database) -> None:
    account = add_account(db, "Nordwind")
    add_stakeholder(db, account, "Ana", stance="champion")
    add_stakeholder(db, account, "Bea", buying_role="champion_coach", stance="neutral")
    add_stakeholder(db, account, "Cai", stance="supporter")
    assert quick_reads.account_glance(db, account, TODAY).champions == 2
