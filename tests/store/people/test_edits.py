"""Edits through the store: the rules hold, and deletes can be undone exactly."""

import pytest
from sqlalchemy import select

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.models import (
    Commitment,
    InfluenceLine,
    RelationshipOwner,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people import edits, queries


@pytest.fixture
def acme(db):
    group = edits.add_account(db, "Acme Group", tier="strategic")
    france = edits.add_account(db, "Acme France", parent_id=group)
    ingrid = edits.add_stakeholder(db, group, "Ingrid Olsen", level="c_level")
    harald = edits.add_stakeholder(db, group, "Harald Berg", reports_to_id=ingrid)
    mia = edits.add_stakeholder(db, france, "Mia Chen", reports_to_id=harald)
    omar = edits.add_stakeholder(db, france, "Omar Haddad", reports_to_id=harald)
    return {"group": group, "france": france, "ingrid": ingrid, "harald": harald, "mia": mia,
            "omar": omar}  # fmt: skip


def every_row(db):
    """The whole content of the people-related tables, for before/after comparisons."""
    with db.read() as session:
        return {
            model.__tablename__: [
                tuple(getattr(row, c.key) for c in model.__table__.columns)
                for row in session.scalars(select(model).order_by(model.id))
            ]
            for model in (Stakeholder, InfluenceLine, RelationshipOwner, Commitment)
        }


def test_account_names_are_unique_among_siblings_only(db, acme):
    with pytest.raises(RuleViolation, match="already an account named 'ACME GROUP'"):
        edits.add_account(db, "ACME GROUP")
    with pytest.raises(RuleViolation, match="under the same umbrella"):
        edits.add_account(db, "Acme France", parent_id=acme["group"])
    edits.add_account(db, "Acme France")  # a top-level namesake is another company


def test_a_manager_must_work_for_the_same_customer(db, acme):
    other = edits.add_account(db, "Globex")
    stranger = edits.add_stakeholder(db, other, "Hank Scorpio")
    with pytest.raises(RuleViolation, match="they work for different customers"):
        edits.set_stakeholder_field(db, acme["mia"], "reports_to_id", stranger)


def test_a_cycle_is_refused_and_nothing_changes(db, acme):
    before = every_row(db)
    with pytest.raises(RuleViolation, match="Mia Chen is already in Ingrid Olsen's"):
        edits.set_stakeholder_field(db, acme["ingrid"], "reports_to_id", acme["mia"])
    assert every_row(db) == before


def test_deleting_a_person_moves_their_reports_up_and_undo_restores_every_byte(db, acme):
    with db.transaction() as session:
        sponsor = TeamMember(name="Sam Rivera", role="executive_sponsor")
        session.add(sponsor)
        session.flush()
        session.add_all(
            [
                InfluenceLine(from_stakeholder_id=acme["harald"], to_stakeholder_id=acme["mia"]),
                RelationshipOwner(stakeholder_id=acme["harald"], team_member_id=sponsor.id),
                Commitment(
                    account_id=acme["group"], promise="Pilot plan", to_stakeholder_id=acme["harald"]
                ),
            ]
        )
    before = every_row(db)

    snapshot = edits.delete_stakeholder(db, acme["harald"])
    after = {p.id: p for p in queries.people(db, acme["group"], with_affiliates=True)}
    assert acme["harald"] not in after
    assert after[acme["mia"]]["reports_to_id"] == acme["ingrid"]
    assert after[acme["omar"]]["reports_to_id"] == acme["ingrid"]
    assert every_row(db)["influence_lines"] == []

    edits.restore_rows(db, snapshot)
    assert every_row(db) == before


def test_an_account_with_affiliates_or_people_is_not_deleted_without_cascade(db, acme):
    with pytest.raises(RuleViolation, match="has 1 affiliate account"):
        edits.delete_account(db, acme["group"])
    with pytest.raises(RuleViolation, match="still holds 2 stakeholders"):
        edits.delete_account(db, acme["france"])
    assert len(queries.portfolio(db)) == 2


def test_cascade_delete_of_an_umbrella_and_its_undo(db, acme):
    before = every_row(db)
    snapshot = edits.delete_account(db, acme["group"], cascade=True)
    assert queries.portfolio(db) == []
    assert every_row(db)["stakeholders"] == []
    edits.restore_rows(db, snapshot)
    assert every_row(db) == before
    assert [row.name for row in queries.portfolio(db)] == ["Acme France", "Acme Group"]


def test_editing_something_that_is_gone_says_so(db):
    with pytest.raises(NotFound, match="no longer exists"):
        edits.set_stakeholder_field(db, 999, "full_name", "Nobody")
    with pytest.raises(RuleViolation, match="'salary' is not a field"):
        edits.set_account_field(db, 1, "salary", 1)
