"""What an import of people reads before it plans (plain SQL through the driver, on SQLite and
on PostgreSQL): the account by name, its family's people, no open positions."""

from __future__ import annotations

import pytest

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.people import edits, moves
from keyplan.store.transfer import import_reads


def test_an_account_is_found_by_its_name_in_any_case_and_a_shared_name_is_refused(db):
    acme = edits.add_account(db, "Acme Group")
    assert import_reads.account_id_by_name(db, "  acme group ") == acme
    assert import_reads.account_id_by_name(db, "Globex") is None
    edits.add_account(db, "Nordic", parent_id=acme)
    globex = edits.add_account(db, "Globex")
    edits.add_account(db, "Nordic", parent_id=globex)
    with pytest.raises(RuleViolation, match="2 accounts are named 'nordic'"):
        import_reads.account_id_by_name(db, "nordic")


def test_the_target_holds_the_familys_people_and_no_open_position(db):
    acme = edits.add_account(db, "Acme Group", aliases="Acme; ACME Corp")
    nordic = edits.add_account(db, "Acme Nordic", parent_id=acme)
    globex = edits.add_account(db, "Globex")
    boss = edits.add_stakeholder(db, acme, "Ingrid Olsen", email="ingrid@acme.example")
    edits.add_stakeholder(db, nordic, "Sven Berg", reports_to_id=boss, has_left=True)
    edits.add_stakeholder(db, globex, "Hank Scorpio")
    moves.add_vacancy(db, acme, "Head of IT", manager_id=boss)
    target = import_reads.import_target(db, nordic)
    assert (target.account_id, target.account_name) == (nordic, "Acme Nordic")
    family = {person.values["full_name"]: person for person in target.family}
    assert set(family) == {"Ingrid Olsen", "Sven Berg"}
    assert [person.values["full_name"] for person in target.people] == ["Sven Berg"]
    sven = family["Sven Berg"]
    assert (sven.account_id, sven.reports_to_id, sven.has_left) == (nordic, boss, True)
    assert family["Ingrid Olsen"].values["email"] == "ingrid@acme.example"
    assert family["Ingrid Olsen"].has_left is False
    names = {account.name: account for account in target.accounts}
    assert names["Acme Group"].aliases == ("Acme", "ACME Corp")
    assert target.root_of(nordic) == acme


def test_the_whole_portfolio_and_a_missing_account(db):
    acme = edits.add_account(db, "Acme Group")
    edits.add_stakeholder(db, acme, "Ingrid Olsen")
    everyone = import_reads.import_target(db, None, portfolio=True)
    assert [p.values["full_name"] for p in everyone.people] == ["Ingrid Olsen"]
    with pytest.raises(NotFound, match="no longer exists"):
        import_reads.import_target(db, acme + 99)
