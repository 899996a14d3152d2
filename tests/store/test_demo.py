"""The demo portfolio tells a believable story, the same one every time, and scales."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from keyplan.domain.errors import RuleViolation
from keyplan.domain.plan_vocabulary import TeamRole
from keyplan.domain.rules import check_reports_to
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_demo_portfolio, create_synthetic_portfolio
from keyplan.store.models import (
    Account,
    Commitment,
    InfluenceLine,
    Interaction,
    InteractionStakeholder,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people.edits import umbrella_account_ids
from keyplan.store.safety.integrity import check_database

TODAY = date(2026, 3, 15)


def make_demo(path: Path, today: date = TODAY) -> Database:
    db = open_database(path)
    create_demo_portfolio(db, today=today)
    return db


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    # These tests only read, so they share one demo database to stay fast.
    db = make_demo(tmp_path_factory.mktemp("demo") / "demo.db")
    yield db
    db.close()


def umbrella(db: Database) -> Account:
    with db.read() as session:
        return session.scalars(select(Account).where(Account.name == "Aldermark Group")).one()


def family_people(db: Database) -> list[Stakeholder]:
    with db.read() as session:
        family = umbrella_account_ids(session, umbrella(db).id)
        return list(session.scalars(select(Stakeholder).where(Stakeholder.account_id.in_(family))))


def test_five_customers_one_an_umbrella_with_affiliates_in_three_countries(demo):
    with demo.read() as session:
        tops = session.scalars(select(Account).where(Account.parent_id.is_(None))).all()
        affiliates = session.scalars(
            select(Account).where(Account.parent_id == umbrella(demo).id)
        ).all()
    assert len(tops) == 5
    assert len({account.industry for account in tops}) == 5
    assert len(affiliates) == 3
    assert {account.country for account in affiliates} == {"Germany", "France", "Brazil"}


def test_the_umbrella_family_has_about_sixty_people_and_the_others_eight_to_25(demo):
    assert 50 <= len(family_people(demo)) <= 70
    with demo.read() as session:
        counts = session.execute(
            select(Account.name, func.count(Stakeholder.id))
            .join(Stakeholder, Stakeholder.account_id == Account.id)
            .where(Account.parent_id.is_(None), Account.name != "Aldermark Group")
            .group_by(Account.name)
        ).all()
    assert len(counts) == 4
    assert all(8 <= people <= 25 for _name, people in counts)


def test_nobody_reports_to_their_own_subordinate(demo):
    with demo.read() as session:
        rows = session.execute(select(Stakeholder.id, Stakeholder.reports_to_id)).all()
    managers = dict(rows)
    for person_id, manager_id in managers.items():
        check_reports_to(person_id, manager_id, managers, str)  # raises on a cycle


def test_reporting_lines_cross_affiliates_but_never_leave_the_umbrella(demo):
    people = {person.id: person for person in family_people(demo)}
    with demo.read() as session:
        everyone = dict(session.execute(select(Stakeholder.id, Stakeholder.account_id)).all())
        for person_id, account_id in everyone.items():
            manager_id = session.get(Stakeholder, person_id).reports_to_id
            if manager_id is not None:
                family = umbrella_account_ids(session, account_id)
                assert everyone[manager_id] in family
    crossing = [
        person
        for person in people.values()
        if person.reports_to_id and people[person.reports_to_id].account_id != person.account_id
    ]
    assert {person.full_name for person in crossing} >= {"Dr. Katharina Weiß", "François Müller"}
    assert check_database(demo.path) == []


def test_commitments_in_every_status_including_an_overdue_one(demo):
    with demo.read() as session:
        commitments = session.scalars(select(Commitment)).all()
    assert {c.status for c in commitments} == {status.value for status in CommitmentStatus}
    overdue = [c for c in commitments if c.status == "open" and c.due_on < TODAY]
    late = [c for c in commitments if c.status == "late"]
    assert overdue
    assert all(c.delivered_on > c.due_on for c in late)


def test_a_year_of_interactions_before_today(demo):
    with demo.read() as session:
        first, last = session.execute(
            select(func.min(Interaction.occurred_on), func.max(Interaction.occurred_on))
        ).one()
    assert last <= TODAY
    assert first >= TODAY - timedelta(days=366)
    assert (last - first).days >= 300


def test_contacts_crowd_onto_a_few_friendly_people_and_some_are_never_met(demo):
    people = family_people(demo)
    ids = {person.id for person in people}
    with demo.read() as session:
        met = Counter(
            person_id
            for person_id in session.scalars(select(InteractionStakeholder.stakeholder_id))
            if person_id in ids
        )
    top_five = sum(count for _person, count in met.most_common(5))
    assert top_five > 0.35 * sum(met.values())
    never_met = [person for person in people if person.id not in met]
    assert len(never_met) >= 5
    assert any(person.level == "c_level" for person in never_met)  # an uncovered decision maker


def test_names_in_many_scripts_and_a_note_with_markup(demo):
    names = {person.full_name for person in family_people(demo)}
    assert {"Zoë Åkesson", "François Müller"} <= names
    assert any("\u0370" <= ch <= "\u03ff" for name in names for ch in name)  # Greek
    assert any("\u0400" <= ch <= "\u04ff" for name in names for ch in name)  # Cyrillic
    assert any("\u4e00" <= ch <= "\u9fff" for name in names for ch in name)  # Chinese
    notes = [person.personality_notes or "" for person in family_people(demo)]
    assert any("<b>&" in note for note in notes)
    assert sum(person.has_left for person in family_people(demo)) >= 1


def test_our_team_with_local_reps_in_affiliates(demo):
    with demo.read() as session:
        team = session.scalars(select(TeamMember)).all()
        affiliates = set(
            session.scalars(select(Account.id).where(Account.parent_id == umbrella(demo).id))
        )
        lines = session.scalar(select(func.count()).select_from(InfluenceLine))
    roles = {member.role for member in team}
    assert roles == {role.value for role in TeamRole}
    reps = [member for member in team if member.role == "local_rep"]
    assert reps and all(member.account_id in affiliates for member in reps)
    assert lines >= 15


def test_dates_follow_the_day_the_demo_is_made(tmp_path):
    later = TODAY + timedelta(days=100)
    db = make_demo(tmp_path / "later.db", today=later)
    try:
        with db.read() as session:
            last = session.scalar(select(func.max(Interaction.occurred_on)))
            review = umbrella(db).last_review_on
    finally:
        db.close()
    assert TODAY < last <= later
    assert review == later - timedelta(days=104)


def test_two_fresh_demos_are_identical(tmp_path):
    def people(path: Path) -> list[tuple]:
        db = make_demo(path)
        try:
            with db.read() as session:
                rows = session.scalars(select(Stakeholder).order_by(Stakeholder.id)).all()
                return [
                    tuple(
                        getattr(row, column.key)
                        for column in Stakeholder.__table__.columns
                        if column.key not in {"created_at", "updated_at"}
                    )
                    for row in rows
                ]
        finally:
            db.close()

    assert people(tmp_path / "one.db") == people(tmp_path / "two.db")


def test_the_demo_refuses_a_database_that_already_holds_accounts(demo):
    with pytest.raises(RuleViolation, match="already holds"):
        create_demo_portfolio(demo)


def test_a_synthetic_portfolio_has_the_size_asked_for_and_one_dominant_family(tmp_path):
    db = open_database(tmp_path / "synthetic.db")
    try:
        create_synthetic_portfolio(db, people=2000)
        with db.read() as session:
            parents = dict(session.execute(select(Account.id, Account.parent_id)).all())
            person_accounts = session.scalars(select(Stakeholder.account_id)).all()
            managers = session.scalars(
                select(Stakeholder.reports_to_id).where(Stakeholder.reports_to_id.is_not(None))
            ).all()
    finally:
        db.close()

    def top(account_id: int) -> int:
        while parents[account_id] is not None:
            account_id = parents[account_id]
        return account_id

    assert 1900 <= len(person_accounts) <= 2100
    families = Counter(top(account_id) for account_id in person_accounts)
    assert families.most_common(1)[0][1] >= len(person_accounts) / 2
    assert len(families) >= 5
    spans = Counter(managers).values()
    assert max(spans) <= 25
    assert any(span >= 10 for span in spans)
    assert check_database(tmp_path / "synthetic.db") == []


def test_the_umbrella_carries_a_year_of_history_a_reorg_a_new_cfo_and_changed_stances(demo):
    from datetime import datetime, time, timedelta

    from keyplan.domain.history.compare import CHANGED, JOINED, LEFT, MOVED
    from keyplan.store.history.queries import compare_dates

    family = [account.id for account in [umbrella(demo)]] + [
        p.account_id for p in family_people(demo)
    ]
    now = datetime.combine(TODAY, time(23, 59))
    year = compare_dates(demo, set(family), now - timedelta(days=365), now)
    kinds = {(c.kind, c.name) for c in year.changes}
    assert (JOINED, "Zoë Åkesson") in kinds  # the new CFO
    assert (LEFT, "Gunnar Lindqvist") in kinds  # the one before her
    assert (MOVED, "Karin Nyström") in kinds  # from him to her
    assert (MOVED, "Emma Strand") in kinds  # the IT reorganisation
    assert (CHANGED, "Sebastian Wallin") in kinds  # skeptic → blocker
    a_year_ago = year.before
    cfo_then = [v for v in a_year_ago.values() if v.get("job_title") == "Group Chief Financial "
                "Officer" and not v.get("has_left")]  # fmt: skip
    assert [v["full_name"] for v in cfo_then] == ["Gunnar Lindqvist"]
    last_month = compare_dates(demo, set(family), now - timedelta(days=31), now)
    assert {c.name for c in last_month.changes} == {"Johan Sjöberg", "Viktor Ahlström"}


def test_since_the_umbrellas_last_review_a_line_was_drawn_one_grew_and_the_tier_rose(demo):
    from datetime import datetime, time

    from keyplan.store.history.other_changes import other_changes_between

    group = umbrella(demo)
    now = datetime.combine(TODAY, time(23, 59))
    review = datetime.combine(group.last_review_on, time(0, 0))
    family = {group.id} | {p.account_id for p in family_people(demo)}
    since_review = other_changes_between(demo, family, review, now)
    assert [(c.when.date(), c.text) for c in since_review] == [
        (TODAY - timedelta(days=100), "New influence line: Olof Hedlund → Zoë Åkesson (moderate)"),
        (TODAY - timedelta(days=75), "Account tier Key → Strategic"),
        (TODAY - timedelta(days=30),
         "Influence line Ingrid Solberg → Henrik Dahlgren: moderate → strong"),
    ]  # fmt: skip
    # Each ends at today's value: the group is strategic, Ingrid's pull on Henrik strong (3).
    assert group.tier == "strategic"
    ingrid, henrik = since_review[2].people
    with demo.read() as session:
        strength = session.scalar(
            select(InfluenceLine.strength).where(
                InfluenceLine.from_stakeholder_id == ingrid,
                InfluenceLine.to_stakeholder_id == henrik,
            )
        )
    assert strength == 3


def test_most_people_have_an_interest_rating_and_the_group_cfo_is_the_economic_buyer(demo):
    people = family_people(demo)
    rated = [p for p in people if p.interest is not None]
    assert {p.interest for p in rated} == {"high", "medium", "low"}
    assert len(people) > len(rated) > len(people) / 2  # some left "not rated" on the grid
    buyers = [p.full_name for p in people if p.buying_role == "economic_buyer"]
    assert buyers == ["Zoë Åkesson"]
