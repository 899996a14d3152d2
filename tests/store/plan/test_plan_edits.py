"""The plan's tables through the store: validated edits, exact undo, the whitespace grid."""

from datetime import date

import pytest
from sqlalchemy import select

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.plan_fields import PlanTable
from keyplan.store.models import Action, Offering, Opportunity, TeamMember
from keyplan.store.people import edits
from keyplan.store.plan import edits as plan_edits
from keyplan.store.plan.whitespace import set_whitespace
from keyplan.store.plan.whitespace import whitespace as whitespace_grid


@pytest.fixture
def acme(db):
    group = edits.add_account(db, "Acme Group", currency="NOK")
    france = edits.add_account(db, "Acme France", parent_id=group, currency="EUR")
    globex = edits.add_account(db, "Globex")
    ingrid = edits.add_stakeholder(db, group, "Ingrid Olsen", department="Finance")
    mia = edits.add_stakeholder(db, france, "Mia Chen", department="IT")
    hank = edits.add_stakeholder(db, globex, "Hank Scorpio")
    with db.transaction() as session:
        cloud, erp = Offering(name="Cloud"), Offering(name="ERP")
        sam = TeamMember(name="Sam Rivera", role="account_director")
        session.add_all([cloud, erp, sam])
        session.flush()
        ids = {"cloud": cloud.id, "erp": erp.id, "sam": sam.id}
    return {"group": group, "france": france, "globex": globex, "ingrid": ingrid, "mia": mia,
            "hank": hank, **ids}  # fmt: skip


def table_rows(db, model):
    with db.read() as session:
        return [
            {column.key: getattr(row, column.key) for column in model.__table__.columns}
            for row in session.scalars(select(model).order_by(model.id))
        ]


def test_a_new_opportunity_takes_the_accounts_currency_and_the_default_stage(db, acme):
    row_id = plan_edits.add_row(
        db, PlanTable.OPPORTUNITIES, acme["group"], {"name": "Finance cloud", "value": "250,000"}
    )
    (row,) = plan_edits.rows(db, PlanTable.OPPORTUNITIES, acme["group"])
    assert row["id"] == row_id
    assert row["account_id"] == acme["group"]
    assert (row["name"], row["value"], row["currency"]) == ("Finance cloud", 250_000.0, "NOK")
    assert (row["stage"], row["status"]) == ("identified", "open")


def test_rows_of_an_umbrella_include_its_affiliates_but_not_the_other_way_round(db, acme):
    plan_edits.add_row(db, PlanTable.RISKS, acme["group"], {"description": "Budget freeze"})
    plan_edits.add_row(db, PlanTable.RISKS, acme["france"], {"description": "New CIO"})
    group_risks = plan_edits.rows(db, PlanTable.RISKS, acme["group"])
    assert [r["description"] for r in group_risks] == ["Budget freeze", "New CIO"]
    assert [r["description"] for r in plan_edits.rows(db, "risks", acme["france"])] == ["New CIO"]


def test_set_a_field_returns_the_old_value(db, acme):
    row_id = plan_edits.add_row(db, PlanTable.OPPORTUNITIES, acme["group"], {"name": "ERP"})
    assert plan_edits.set_field(db, "opportunities", row_id, "stage", "Proposal") == "identified"
    assert plan_edits.rows(db, "opportunities", acme["group"])[0]["stage"] == "proposal"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("probability", "150", "Probability % must be at most 100."),
        (
            "expected_close_on",
            "31/02/2026",
            "must be a date like 2027-03-31 or 31.03.2027, not '31/02/2026'",
        ),
        ("expected_close_on", "2026-02-31", "not '2026-02-31'"),
        ("stage", "won it", "Stage: 'won it' is not one of"),
        ("name", "  ", "Opportunity cannot be empty."),
        ("value", "-5", "Value cannot be negative."),
    ],
)
def test_bad_values_are_refused_with_a_message_and_nothing_changes(db, acme, field, value, message):
    row_id = plan_edits.add_row(db, PlanTable.OPPORTUNITIES, acme["group"], {"name": "ERP"})
    before = table_rows(db, Opportunity)
    with pytest.raises(RuleViolation, match=message):
        plan_edits.set_field(db, PlanTable.OPPORTUNITIES, row_id, field, value)
    assert table_rows(db, Opportunity) == before


def test_a_bad_new_row_is_not_stored(db, acme):
    with pytest.raises(RuleViolation, match="at most 100"):
        plan_edits.add_row(db, "opportunities", acme["group"], {"name": "X", "probability": 150})
    with pytest.raises(RuleViolation, match="A new opportunity needs: opportunity"):
        plan_edits.add_row(db, "opportunities", acme["group"], {"value": 10})
    assert table_rows(db, Opportunity) == []


def test_references_must_exist_and_people_must_work_for_the_customer(db, acme):
    action = plan_edits.add_row(db, PlanTable.ACTIONS, acme["group"], {"description": "Call"})
    plan_edits.set_field(db, PlanTable.ACTIONS, action, "stakeholder_id", acme["mia"])
    with pytest.raises(RuleViolation, match="Hank Scorpio works for another customer"):
        plan_edits.set_field(db, PlanTable.ACTIONS, action, "stakeholder_id", acme["hank"])
    with pytest.raises(NotFound, match="That team member no longer exists"):
        plan_edits.set_field(db, PlanTable.ACTIONS, action, "owner_id", 999)
    assert plan_edits.rows(db, PlanTable.ACTIONS, acme["group"])[0]["stakeholder_id"] == acme["mia"]


def test_unknown_tables_and_fields_are_refused(db, acme):
    with pytest.raises(RuleViolation, match="'accounts' is not a table of the account plan"):
        plan_edits.add_row(db, "accounts", acme["group"], {"name": "X"})
    with pytest.raises(RuleViolation, match="'account_id' is not a field of a risk"):
        plan_edits.add_row(db, "risks", acme["group"], {"description": "X", "account_id": 3})
    with pytest.raises(NotFound, match="That risk no longer exists"):
        plan_edits.set_field(db, "risks", 42, "description", "X")


def test_delete_an_opportunity_then_restore_it_exactly_with_the_action_linked_to_it(db, acme):
    opportunity = plan_edits.add_row(
        db,
        PlanTable.OPPORTUNITIES,
        acme["group"],
        {"name": "ERP", "expected_close_on": date(2026, 6, 30), "offering_id": acme["erp"]},
    )
    with db.transaction() as session:
        session.add(
            Action(account_id=acme["group"], description="Demo", opportunity_id=opportunity)
        )
    before = table_rows(db, Opportunity), table_rows(db, Action)

    snapshot = plan_edits.delete_row(db, PlanTable.OPPORTUNITIES, opportunity)
    assert table_rows(db, Opportunity) == []
    assert table_rows(db, Action)[0]["opportunity_id"] is None

    plan_edits.restore(db, snapshot)
    assert (table_rows(db, Opportunity), table_rows(db, Action)) == before


def test_relationship_owners_belong_to_the_account_of_the_person_they_cover(db, acme):
    values = {"stakeholder_id": acme["mia"], "team_member_id": acme["sam"], "rule": "owner_only"}
    owner = plan_edits.add_row(db, PlanTable.RELATIONSHIP_OWNERS, acme["group"], values)
    assert plan_edits.row_account(db, PlanTable.RELATIONSHIP_OWNERS, owner) == acme["france"]
    (row,) = plan_edits.rows(db, PlanTable.RELATIONSHIP_OWNERS, acme["group"])
    assert (row["account_id"], row["rule"]) == (acme["france"], "owner_only")
    assert plan_edits.rows(db, PlanTable.RELATIONSHIP_OWNERS, acme["globex"]) == []
    with pytest.raises(RuleViolation, match="already owns the relationship"):
        plan_edits.add_row(db, PlanTable.RELATIONSHIP_OWNERS, acme["group"], values)
    with pytest.raises(RuleViolation, match="needs: owned by"):
        plan_edits.add_row(
            db, PlanTable.RELATIONSHIP_OWNERS, acme["group"], {"stakeholder_id": acme["ingrid"]}
        )


def test_reference_choices_name_offerings_our_team_and_the_umbrellas_people(db, acme):
    edits.set_stakeholder_field(db, acme["mia"], "has_left", True)
    choices = plan_edits.reference_choices(db, PlanTable.COMMITMENTS, acme["france"])
    assert choices["to_stakeholder_id"] == [
        (acme["ingrid"], "Ingrid Olsen"),
        (acme["mia"], "Mia Chen (left)"),
    ]
    assert choices["by_team_member_id"] == [(acme["sam"], "Sam Rivera")]
    assert plan_edits.reference_choices(db, PlanTable.OPPORTUNITIES, acme["group"]) == {
        "offering_id": [(acme["cloud"], "Cloud"), (acme["erp"], "ERP")]
    }


def test_whitespace_cells_are_created_changed_and_cleared(db, acme):
    grid = whitespace_grid(db, acme["group"])
    assert grid.departments == ("Finance", "IT")  # Mia works in IT at the French affiliate
    assert grid.offerings == ((acme["cloud"], "Cloud"), (acme["erp"], "ERP"))
    assert grid.cells == {}

    assert set_whitespace(db, acme["group"], "IT", acme["cloud"], "installed") is None
    assert set_whitespace(db, acme["group"], "IT", acme["cloud"], "In pursuit") == ("installed")
    assert set_whitespace(db, acme["group"], "Legal", acme["erp"], "opportunity") is None
    grid = whitespace_grid(db, acme["group"])
    assert grid.departments == ("Finance", "IT", "Legal")
    assert grid.cells == {
        ("IT", acme["cloud"]): "in_pursuit",
        ("Legal", acme["erp"]): "opportunity",
    }

    assert set_whitespace(db, acme["group"], "Legal", acme["erp"], None) == "opportunity"
    assert "Legal" not in whitespace_grid(db, acme["group"]).departments


def test_a_bad_whitespace_status_is_refused(db, acme):
    with pytest.raises(RuleViolation, match="'sold' is not one of"):
        set_whitespace(db, acme["group"], "IT", acme["cloud"], "sold")
    with pytest.raises(RuleViolation, match="needs a department"):
        set_whitespace(db, acme["group"], " ", acme["cloud"], "installed")
    with pytest.raises(NotFound, match="That offering no longer exists"):
        set_whitespace(db, acme["group"], "IT", 999, "installed")
    assert whitespace_grid(db, acme["group"]).cells == {}
