"""Our team and offerings through the store: refusals leave the data alone, deletes undo exactly."""

from datetime import date

import pytest
from sqlalchemy import select

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.models import (
    Action,
    Commitment,
    Interaction,
    InteractionTeamMember,
    Offering,
    Opportunity,
    RelationshipOwner,
    Risk,
    Stakeholder,
    TeamMember,
    WhitespaceCell,
)
from keyplan.store.people import edits
from keyplan.store.plan import whitespace as plan_whitespace
from keyplan.store.roster import edits as roster_edits

TABLES = (
    TeamMember,
    Offering,
    RelationshipOwner,
    InteractionTeamMember,
    Commitment,
    Action,
    Risk,
    Stakeholder,
    Opportunity,
    WhitespaceCell,
)


def every_row(db) -> dict[str, list[tuple]]:
    """Every column of every row a roster edit can touch, for before/after comparisons."""
    with db.read() as session:
        return {
            model.__tablename__: [
                tuple(getattr(row, c.key) for c in model.__table__.columns)
                for row in session.scalars(select(model).order_by(model.id))
            ]
            for model in TABLES
        }


@pytest.fixture
def acme(db):
    """Acme (and Acme France), two people, Sam of our team owning both, and our offerings."""
    group = edits.add_account(db, "Acme Group")
    france = edits.add_account(db, "Acme France", parent_id=group)
    ingrid = edits.add_stakeholder(db, group, "Ingrid Olsen", department="Finance")
    harald = edits.add_stakeholder(db, group, "Harald Berg", department="IT")
    sam = roster_edits.add_team_member(
        db, "Sam Rivera", role="executive_sponsor", email="sam@example.com", account_id=group
    )
    kim = roster_edits.add_team_member(db, "Kim Lee")
    cloud = roster_edits.add_offering(db, "Cloud", "Hosting and operations")
    erp = roster_edits.add_offering(db, "ERP")
    with db.transaction() as session:
        session.add_all(
            [
                RelationshipOwner(stakeholder_id=ingrid, team_member_id=sam, rule="owner_only"),
                RelationshipOwner(stakeholder_id=harald, team_member_id=sam),
                RelationshipOwner(stakeholder_id=harald, team_member_id=kim),
                Commitment(account_id=group, promise="Pilot plan", by_team_member_id=sam),
                Action(account_id=group, description="Book the review", owner_id=sam),
                Risk(account_id=group, description="Budget freeze", owner_id=sam),
                Opportunity(account_id=group, name="Move to cloud", offering_id=cloud),
            ]
        )
        meeting = Interaction(account_id=group, occurred_on=date(2026, 3, 2))
        session.add(meeting)
        session.flush()
        session.add(InteractionTeamMember(interaction_id=meeting.id, team_member_id=sam))
    edits.set_stakeholder_field(db, ingrid, "preferred_team_member_id", sam)
    plan_whitespace.set_whitespace(db, group, "Finance", cloud, "installed")
    plan_whitespace.set_whitespace(db, group, "IT", cloud, "opportunity")
    return {"group": group, "france": france, "ingrid": ingrid, "harald": harald, "sam": sam,
            "kim": kim, "cloud": cloud, "erp": erp}  # fmt: skip


# ---- team members -----------------------------------------------------------------------------


def test_a_new_colleague_is_a_specialist_until_told_otherwise(db):
    member_id = roster_edits.add_team_member(db, "  Ada Park  ")
    (row,) = roster_edits.team_roster(db)
    assert (row.id, row.name, row.role, row.email, row.account_id) == (
        member_id, "Ada Park", "specialist", None, None,
    )  # fmt: skip


def test_the_roster_names_the_home_account_and_counts_relationships(db, acme):
    sam, kim = roster_edits.team_roster(db)
    assert (sam.name, sam.role, sam.account_name, sam.relationships) == (
        "Sam Rivera", "executive_sponsor", "Acme Group", 2,
    )  # fmt: skip
    assert (kim.account_name, kim.relationships) == (None, 1)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "Name cannot be empty"),
        ("name", "KIM LEE", "already a team member named 'KIM LEE'"),
        ("name", "x" * 201, "Name is too long"),
        ("role", "astronaut", "Role: 'astronaut' is not one of: Account director"),
        ("role", None, "Role cannot be empty"),
        ("email", "sam at example", "does not look like an e-mail address"),
        ("email", "sam@example", "does not look like an e-mail address"),
        ("account_id", 999, "That account no longer exists"),
        ("created_at", "2020-01-01", "'created_at' is not a field that can be edited"),
    ],
)
def test_a_bad_value_for_a_colleague_is_refused_and_nothing_changes(
    db, acme, field, value, message
):
    before = every_row(db)
    with pytest.raises((RuleViolation, NotFound), match=message):
        roster_edits.set_team_member_field(db, acme["sam"], field, value)
    assert every_row(db) == before


def test_adding_a_colleague_with_a_taken_name_is_refused(db, acme):
    before = every_row(db)
    with pytest.raises(RuleViolation, match="already a team member named 'sam rivera'"):
        roster_edits.add_team_member(db, "sam rivera")
    assert every_row(db) == before


def test_each_field_change_returns_the_old_value(db, acme):
    assert roster_edits.set_team_member_field(db, acme["sam"], "name", "Samuel Rivera") == (
        "Sam Rivera"
    )
    assert roster_edits.set_team_member_field(db, acme["sam"], "role", "Account director") == (
        "executive_sponsor"
    )
    assert roster_edits.set_team_member_field(db, acme["sam"], "email", "") == "sam@example.com"
    old_home = roster_edits.set_team_member_field(db, acme["sam"], "account_id", acme["france"])
    assert old_home == acme["group"]
    row = roster_edits.team_member(db, acme["sam"])
    assert (row.name, row.role, row.email, row.account_name) == (
        "Samuel Rivera", "account_director", None, "Acme France",
    )  # fmt: skip


def test_a_colleague_may_change_the_capitals_of_their_own_name(db, acme):
    roster_edits.set_team_member_field(db, acme["kim"], "name", "KIM LEE")
    assert roster_edits.team_member(db, acme["kim"]).name == "KIM LEE"


def test_the_ties_of_a_colleague_say_what_deleting_them_changes(db, acme):
    ties = roster_edits.team_member_ties(db, acme["sam"])
    assert (ties.relationships, ties.interactions, ties.promises, ties.actions, ties.risks,
            ties.preferred_by) == (2, 1, 1, 1, 1, 1)  # fmt: skip
    assert ties.consequences() == [
        "2 relationship ownerships will be removed.",
        "They will be taken off 1 logged interaction.",
        "1 promise, 1 action and 1 risk of theirs will have no owner.",
        "1 customer contact will no longer have a preferred contact on our side.",
    ]
    new = roster_edits.add_team_member(db, "Noor Ali")
    assert roster_edits.team_member_ties(db, new).consequences() == []


def test_deleting_a_colleague_who_owns_relationships_needs_confirmation(db, acme):
    before = every_row(db)
    with pytest.raises(RuleViolation, match="2 relationship ownerships will be removed"):
        roster_edits.delete_team_member(db, acme["sam"])
    assert every_row(db) == before


def test_deleting_a_colleague_and_undoing_restores_every_byte(db, acme):
    before = every_row(db)

    snapshot = roster_edits.delete_team_member(db, acme["sam"], cascade=True)
    after = every_row(db)
    assert [row.name for row in roster_edits.team_roster(db)] == ["Kim Lee"]
    assert len(after["relationship_owners"]) == 1  # Kim's ownership of Harald stays
    assert after["interaction_team_members"] == []
    with db.read() as session:
        assert session.scalar(select(Commitment.by_team_member_id)) is None
        assert session.scalar(select(Action.owner_id)) is None
        assert session.scalar(select(Risk.owner_id)) is None
        preferred = select(Stakeholder.preferred_team_member_id).where(
            Stakeholder.id == acme["ingrid"]
        )
        assert session.scalar(preferred) is None

    edits.restore_rows(db, snapshot)
    assert every_row(db) == before


def test_a_colleague_with_no_ties_is_deleted_without_confirmation(db, acme):
    new = roster_edits.add_team_member(db, "Noor Ali")
    roster_edits.delete_team_member(db, new)
    assert new not in {row.id for row in roster_edits.team_roster(db)}


def test_a_colleague_deleted_elsewhere_is_reported_as_gone(db, acme):
    roster_edits.delete_team_member(db, acme["kim"], cascade=True)
    with pytest.raises(NotFound, match="no longer exists"):
        roster_edits.set_team_member_field(db, acme["kim"], "name", "Kim")
    with pytest.raises(NotFound, match="no longer exists"):
        roster_edits.delete_team_member(db, acme["kim"], cascade=True)


def test_home_account_choices_name_an_affiliate_with_its_umbrella(db, acme):
    assert roster_edits.home_account_choices(db) == [
        (acme["france"], "Acme France (Acme Group)"),
        (acme["group"], "Acme Group"),
    ]


# ---- offerings --------------------------------------------------------------------------------


def test_the_offerings_count_what_refers_to_them(db, acme):
    cloud, erp = roster_edits.offering_list(db)
    assert (cloud.name, cloud.description, cloud.whitespace_cells, cloud.opportunities) == (
        "Cloud", "Hosting and operations", 2, 1,
    )  # fmt: skip
    assert (erp.name, erp.whitespace_cells, erp.opportunities) == ("ERP", 0, 0)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cloud", "already an offering named 'Cloud'"),
        ("  ", "Name cannot be empty"),
        ("x" * 201, "Name is too long"),
    ],
)
def test_a_bad_offering_name_is_refused_and_nothing_changes(db, acme, name, message):
    before = every_row(db)
    with pytest.raises(RuleViolation, match=message):
        roster_edits.add_offering(db, name)
    with pytest.raises(RuleViolation, match=message):
        roster_edits.set_offering_field(db, acme["erp"], "name", name)
    assert every_row(db) == before


def test_renaming_an_offering_returns_the_old_name_and_shows_in_the_whitespace(db, acme):
    assert roster_edits.set_offering_field(db, acme["cloud"], "name", "Cloud services") == "Cloud"
    assert roster_edits.set_offering_field(db, acme["cloud"], "description", "") == (
        "Hosting and operations"
    )
    grid = plan_whitespace.whitespace(db, acme["group"])
    assert grid.offerings == ((acme["cloud"], "Cloud services"), (acme["erp"], "ERP"))
    assert roster_edits.offering(db, acme["cloud"]).description is None


def test_deleting_an_offering_with_whitespace_cells_needs_confirmation(db, acme):
    before = every_row(db)
    with pytest.raises(RuleViolation, match="2 whitespace cells marked for it will be removed"):
        roster_edits.delete_offering(db, acme["cloud"])
    assert every_row(db) == before
    assert roster_edits.offering_ties(db, acme["cloud"]).consequences() == [
        "2 whitespace cells marked for it will be removed.",
        "1 opportunity will have no offering.",
    ]


def test_deleting_an_offering_and_undoing_restores_every_byte(db, acme):
    before = every_row(db)

    snapshot = roster_edits.delete_offering(db, acme["cloud"], cascade=True)
    after = every_row(db)
    assert [row.name for row in roster_edits.offering_list(db)] == ["ERP"]
    assert after["whitespace_cells"] == []
    with db.read() as session:
        assert session.scalar(select(Opportunity.offering_id)) is None

    edits.restore_rows(db, snapshot)
    assert every_row(db) == before


def test_an_unused_offering_is_deleted_without_confirmation(db, acme):
    roster_edits.delete_offering(db, acme["erp"])
    assert [row.name for row in roster_edits.offering_list(db)] == ["Cloud"]
