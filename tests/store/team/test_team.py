"""Two people on one database: who changed what is stored, and a stale save is refused.

These run on an SQLite file and on PostgreSQL (the ``db`` fixture), each with two real
``Database`` objects (two windows, two users) on the same data.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from keyplan.store.database import Database, open_database
from keyplan.store.models import Stakeholder
from keyplan.store.people import edits, queries
from keyplan.store.plan import edits as plan_edits
from keyplan.store.team.conflicts import EditConflict


def location_of(db: Database) -> str:
    if db.path is not None:
        return str(db.path)
    return db.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def alice(db: Database) -> Database:
    db.user_name = "alice"
    return db


@pytest.fixture
def bob(db: Database):
    """A second window on the same database, used by Bob."""
    other = open_database(location_of(db), user_name="bob")
    yield other
    other.close()


@pytest.fixture
def acme(alice: Database) -> dict[str, int]:
    account = edits.add_account(alice, "Acme Group")
    harald = edits.add_stakeholder(alice, account, "Harald Berg", job_title="CFO")
    mia = edits.add_stakeholder(alice, account, "Mia Chen", reports_to_id=harald)
    return {"account": account, "harald": harald, "mia": mia}


def stored(db: Database, person_id: int) -> Stakeholder:
    """A person as stored, read behind the windows' backs (not remembered as seen)."""
    with Session(db.engine) as session:
        return session.scalars(select(Stakeholder).where(Stakeholder.id == person_id)).one()


def test_each_change_stores_who_made_it_and_counts_the_version_up(alice, bob, acme):
    assert (stored(alice, acme["harald"]).version, stored(alice, acme["harald"]).updated_by) == (
        1,
        "alice",
    )
    queries.person(bob, acme["harald"])
    edits.set_stakeholder_field(bob, acme["harald"], "job_title", "Group CFO")
    harald = stored(alice, acme["harald"])
    assert (harald.version, harald.updated_by, harald.job_title) == (2, "bob", "Group CFO")


def test_a_save_based_on_an_old_read_is_refused_and_says_who_changed_what(alice, bob, acme):
    harald = acme["harald"]
    queries.people(alice, acme["account"])  # Alice's People tab shows Harald
    queries.person(bob, harald)
    edits.set_stakeholder_field(bob, harald, "job_title", "Group CFO")

    with pytest.raises(EditConflict) as refused:
        edits.set_stakeholder_field(alice, harald, "stance", "champion")

    conflict = refused.value
    assert (conflict.table, conflict.row_id, conflict.changed_by) == ("stakeholders", harald, "bob")
    assert conflict.fields == ("job_title",)
    assert "bob changed Harald Berg (job title)" in str(conflict)
    assert "not saved" in str(conflict)
    after = stored(bob, harald)  # Bob's change is intact, Alice's was not written
    assert (after.job_title, after.stance, after.version) == ("Group CFO", "unknown", 2)


def test_after_reloading_the_same_edit_goes_through(alice, bob, acme):
    harald = acme["harald"]
    queries.person(alice, harald)
    queries.person(bob, harald)
    edits.set_stakeholder_field(bob, harald, "job_title", "Group CFO")
    with pytest.raises(EditConflict):
        edits.set_stakeholder_field(alice, harald, "stance", "champion")

    queries.person(alice, harald)  # what "Reload" does: read the record again
    edits.set_stakeholder_field(alice, harald, "stance", "champion")

    after = stored(bob, harald)
    assert (after.job_title, after.stance, after.updated_by) == ("Group CFO", "champion", "alice")


def test_several_fields_at_once_are_refused_together(alice, bob, acme):
    mia = acme["mia"]
    queries.person(alice, mia)
    queries.person(bob, mia)
    edits.set_stakeholder_field(bob, mia, "department", "Finance")
    with pytest.raises(EditConflict):
        edits.set_stakeholder_fields(alice, mia, {"job_title": "Controller", "stance": "supporter"})
    after = stored(alice, mia)
    assert (after.department, after.job_title, after.stance) == ("Finance", None, "unknown")


def test_my_own_successive_edits_are_never_a_conflict(alice, acme):
    harald = acme["harald"]
    queries.person(alice, harald)
    for title in ("CFO Europe", "CFO Group", "CEO"):
        edits.set_stakeholder_field(alice, harald, "job_title", title)
    assert stored(alice, harald).version == 4


def test_a_delete_that_moves_reports_up_counts_their_version_and_names_the_editor(alice, bob, acme):
    queries.people(alice, acme["account"])
    snapshot = edits.delete_stakeholder(bob, acme["harald"])
    mia = stored(alice, acme["mia"])
    assert (mia.reports_to_id, mia.version, mia.updated_by) == (None, 2, "bob")
    # Alice's window had shown Mia reporting to Harald: her edit of Mia is refused...
    with pytest.raises(EditConflict, match="bob changed Mia Chen"):
        edits.set_stakeholder_field(alice, acme["mia"], "job_title", "Analyst")
    # ...and Bob's undo puts Harald and Mia's line back exactly as they were.
    edits.restore_rows(bob, snapshot)
    mia = stored(alice, acme["mia"])
    assert (mia.reports_to_id, mia.version, mia.updated_by) == (acme["harald"], 1, "alice")


def test_my_own_delete_does_not_make_my_next_edit_a_conflict(alice, acme):
    queries.people(alice, acme["account"])
    edits.delete_stakeholder(alice, acme["harald"])
    edits.set_stakeholder_field(alice, acme["mia"], "job_title", "Analyst")
    assert stored(alice, acme["mia"]).job_title == "Analyst"


def test_deleting_a_person_a_teammate_just_changed_is_refused(alice, bob, acme):
    harald = acme["harald"]
    queries.people(alice, acme["account"])  # Alice's People tab shows Harald
    queries.person(bob, harald)
    edits.set_stakeholder_field(bob, harald, "major_challenge", "Cutting IT cost by 20%")

    with pytest.raises(EditConflict, match="bob changed Harald Berg"):
        edits.delete_stakeholder(alice, harald)

    assert stored(bob, harald).major_challenge == "Cutting IT cost by 20%"  # nothing deleted
    assert stored(bob, acme["mia"]).reports_to_id == harald
    queries.person(alice, harald)  # after a reload, the delete is hers to make
    edits.delete_stakeholder(alice, harald)
    assert [p["full_name"] for p in queries.people(alice, acme["account"])] == ["Mia Chen"]


def test_deleting_what_nobody_else_touched_goes_through_in_both_windows(alice, bob, acme):
    queries.people(alice, acme["account"])
    queries.people(bob, acme["account"])
    edits.set_stakeholder_field(bob, acme["mia"], "job_title", "Analyst")  # another person
    edits.delete_stakeholder(alice, acme["harald"])
    assert [p["full_name"] for p in queries.people(bob, acme["account"])] == ["Mia Chen"]


def test_undoing_a_delete_never_overwrites_a_teammates_later_change(alice, bob, acme):
    snapshot = edits.delete_stakeholder(alice, acme["harald"])  # Mia moves up
    queries.person(bob, acme["mia"])
    edits.set_stakeholder_field(bob, acme["mia"], "job_title", "Head of Controlling")

    with pytest.raises(EditConflict, match="bob changed Mia Chen"):
        edits.restore_rows(alice, snapshot)  # Alice's undo

    mia = stored(bob, acme["mia"])
    assert (mia.job_title, mia.reports_to_id) == ("Head of Controlling", None)
    assert [p["full_name"] for p in queries.people(bob, acme["account"])] == ["Mia Chen"]


def test_undoing_my_delete_after_my_own_later_edit_goes_through(alice, acme):
    snapshot = edits.delete_stakeholder(alice, acme["harald"])
    queries.person(alice, acme["mia"])
    edits.set_stakeholder_field(alice, acme["mia"], "job_title", "Analyst")
    edits.set_stakeholder_field(alice, acme["mia"], "job_title", None)  # undone by hand
    edits.restore_rows(alice, snapshot)
    assert stored(alice, acme["mia"]).reports_to_id == acme["harald"]


def test_plan_rows_store_who_changed_them_too(alice, bob, acme):
    from keyplan.store.models import Risk

    risk = plan_edits.add_row(alice, "risks", acme["account"], {"description": "Budget freeze"})
    plan_edits.set_field(bob, "risks", risk, "likelihood", "high")
    with Session(alice.engine) as session:
        row = session.get(Risk, risk)
    assert (row.likelihood, row.version, row.updated_by) == ("high", 2, "bob")


def test_a_window_keeps_the_values_of_its_latest_reads_only():
    from keyplan.store.team.conflicts import SeenVersions

    seen = SeenVersions(values_kept=2)
    for person_id in (1, 2, 3):
        seen.remember(("stakeholders", person_id), 5, {"full_name": f"Person {person_id}"})
    assert [seen.get(("stakeholders", pid)).values for pid in (1, 2, 3)] == [
        {},
        {"full_name": "Person 2"},
        {"full_name": "Person 3"},
    ]
    assert seen.get(("stakeholders", 1)).version == 5  # still checked, just not described
    seen.forget_tables(["stakeholders"])
    assert len(seen) == 0
