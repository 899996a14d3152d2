"""The change log: every edit, import, delete and undo leaves its entries, in the same
transaction as the change, and nothing ever takes an entry away."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from keyplan.domain.errors import RuleViolation
from keyplan.domain.plan_fields import PlanTable
from keyplan.store.history.marks import undoing
from keyplan.store.map import edits as map_edits
from keyplan.store.models import ChangeLogEntry
from keyplan.store.people import edits
from keyplan.store.plan import edits as plan_edits


def log(db):
    with db.read() as session:
        rows = session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id)).all()
    return [
        (e.entity_kind, e.entity_id, e.field, e.old_value, e.new_value, e.is_undo) for e in rows
    ]


@pytest.fixture
def acme(db):
    acme = edits.add_account(db, "Acme")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen", job_title="Head of IT")
    harald = edits.add_stakeholder(db, acme, "Harald Berg")
    return dict(acme=acme, ingrid=ingrid, harald=harald)


def test_adding_people_and_an_account_logs_that_they_were_created(db, acme):
    assert log(db) == [
        ("account", acme["acme"], "created", None, "Acme", False),
        ("person", acme["ingrid"], "created", None, "Ingrid Olsen", False),
        ("person", acme["harald"], "created", None, "Harald Berg", False),
    ]


def test_a_typed_field_logs_old_and_new_value_with_who_and_the_account(db, acme):
    db.user_name = "Sofie"
    edits.set_stakeholder_field(db, acme["ingrid"], "job_title", "CIO")
    edits.set_stakeholder_field(db, acme["ingrid"], "stance", "supporter")
    with db.read() as session:
        last = session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc())).first()
    assert log(db)[-2:] == [
        ("person", acme["ingrid"], "job_title", "Head of IT", "CIO", False),
        ("person", acme["ingrid"], "stance", "unknown", "supporter", False),
    ]
    assert (last.changed_by, last.account_id) == ("Sofie", acme["acme"])
    assert last.changed_at is not None


def test_a_move_and_its_undo_are_both_in_the_log_the_undo_marked(db, acme):
    moved = map_edits.move_people_under(db, [acme["ingrid"]], acme["harald"])
    with undoing():
        map_edits.restore_placements(db, moved.before)
    entries = [e for e in log(db) if e[2] == "reports_to_id"]
    assert entries == [
        ("person", acme["ingrid"], "reports_to_id", None, str(acme["harald"]), False),
        ("person", acme["ingrid"], "reports_to_id", str(acme["harald"]), None, True),
    ]


def test_a_refused_edit_logs_nothing(db, acme):
    map_edits.move_people_under(db, [acme["ingrid"]], acme["harald"])
    before = log(db)
    with pytest.raises(RuleViolation):
        map_edits.move_people_under(db, [acme["harald"]], acme["ingrid"])  # a cycle
    assert log(db) == before


def test_a_delete_keeps_the_persons_values_and_its_undo_brings_them_back(db, acme):
    snapshot = edits.delete_stakeholder(db, acme["ingrid"])
    deleted = [e for e in log(db) if e[2] == "deleted"]
    assert deleted[0][:3] == ("person", acme["ingrid"], "deleted")
    assert json.loads(deleted[0][3])["job_title"] == "Head of IT"
    with undoing():
        edits.restore_rows(db, snapshot)
    assert log(db)[-1][:3] == ("person", acme["ingrid"], "created")
    assert log(db)[-1][5] is True


def test_influence_lines_and_relationship_owners_are_logged_on_their_people(db, acme):
    line = map_edits.add_influence_line(db, acme["ingrid"], acme["harald"], "influences")
    from keyplan.store.roster import edits as roster_edits

    member = roster_edits.add_team_member(db, "Sofie Berg")
    values = {"stakeholder_id": acme["ingrid"], "team_member_id": member}
    plan_edits.add_row(db, PlanTable.RELATIONSHIP_OWNERS, acme["acme"], values)
    entries = log(db)
    assert ("influence", line, "created", None, None, False) in entries
    assert ("person", acme["ingrid"], "owner", None, str(member), False) in entries
    with db.read() as session:
        kinds = session.execute(select(ChangeLogEntry.entity_kind, ChangeLogEntry.account_id)).all()
    assert ("influence", acme["acme"]) in kinds


def test_an_account_field_is_logged(db, acme):
    edits.set_account_field(db, acme["acme"], "industry", "Shipping")
    assert log(db)[-1] == ("account", acme["acme"], "industry", None, "Shipping", False)


def test_comparing_last_month_to_now_finds_the_move_and_the_new_title(db, acme):
    from datetime import timedelta

    from keyplan.domain.history.compare import CHANGED, MOVED
    from keyplan.store.history import queries as history
    from keyplan.store.models import utc_now

    start = utc_now()
    map_edits.move_people_under(db, [acme["ingrid"]], acme["harald"])
    edits.set_stakeholder_field(db, acme["ingrid"], "job_title", "CIO")
    comparison = history.compare_dates(db, [acme["acme"]], start, utc_now())
    found = {(c.kind, c.person_id, c.field) for c in comparison.changes}
    assert found == {
        (MOVED, acme["ingrid"], "reports_to_id"),
        (CHANGED, acme["ingrid"], "job_title"),
    }
    assert comparison.before[acme["ingrid"]]["reports_to_id"] is None
    assert comparison.names.person(acme["harald"]) == "Harald Berg"
    earlier = history.compare_dates(db, [acme["acme"]], start - timedelta(days=30), start)
    assert {c.kind for c in earlier.changes} == {"joined"}  # the fixture's people, only


def test_a_persons_history_has_their_changes_and_the_undo(db, acme):
    from keyplan.store.history import queries as history

    moved = map_edits.move_people_under(db, [acme["ingrid"]], acme["harald"])
    with undoing():
        map_edits.restore_placements(db, moved.before)
    entries, names = history.person_history(db, acme["ingrid"])
    assert [e.field for e in entries] == ["created", "reports_to_id", "reports_to_id"]
    assert entries[-1].is_undo and entries[-1].old == acme["harald"]
    assert names.person(acme["harald"]) == "Harald Berg"


def test_a_dotted_line_and_an_open_position_are_in_the_history_and_no_one_joins(db, acme):
    from keyplan.domain.history.wording import entry_words
    from keyplan.store.history import queries as history
    from keyplan.store.map.dotted import add_dotted_manager, set_dotted_managers
    from keyplan.store.models import utc_now
    from keyplan.store.people.moves import add_vacancy

    start = utc_now()
    add_dotted_manager(db, acme["ingrid"], acme["harald"])
    seat = add_vacancy(db, acme["acme"], "CFO", manager_id=acme["harald"], note="in Q3")
    set_dotted_managers(db, acme["ingrid"], [])
    entries, names = history.person_history(db, acme["ingrid"])
    assert [entry_words(e, names) for e in entries if e.field == "dotted_line"] == [
        "dotted line to Harald Berg drawn",
        "dotted line to Harald Berg removed",
    ]
    comparison = history.compare_dates(db, [acme["acme"]], start, utc_now())
    assert comparison.after[seat]["is_vacancy"] is True
    assert [c for c in comparison.changes if c.person_id == seat] == []  # a seat is no one


def test_one_read_of_the_log_compares_any_later_dates_until_something_is_written(db, acme):
    """The compare view's slider steps through months on one read of the log (a window)."""
    from datetime import timedelta

    from keyplan.store.history import queries as history
    from keyplan.store.models import utc_now

    start = utc_now()
    map_edits.move_people_under(db, [acme["ingrid"]], acme["harald"])
    middle = utc_now()
    edits.set_stakeholder_field(db, acme["ingrid"], "job_title", "CIO")
    account = [acme["acme"]]
    window = history.read_window(db, account, start - timedelta(days=365))
    assert window.covers(account, start) and not window.covers(
        account, window.since - timedelta(days=1)
    )
    assert not window.covers([acme["acme"], acme["acme"] + 1], start)
    for since, until in ((start, utc_now()), (start, middle), (middle, utc_now()),
                         (start - timedelta(days=30), start)):  # fmt: skip
        from_window = history.compare_in_window(db, window, since, until)
        read_anew = history.compare_dates(db, account, since, until)
        assert from_window.changes == read_anew.changes, (since, until)
        assert from_window.before == read_anew.before and from_window.after == read_anew.after
    assert history.window_is_current(db, window)
    edits.set_stakeholder_field(db, acme["harald"], "stance", "champion")  # another window's
    assert not history.window_is_current(db, window)


def test_the_log_read_for_a_comparison_is_of_its_accounts_people_only(db, acme):
    from keyplan.store.history import queries as history
    from keyplan.store.models import utc_now

    other = edits.add_account(db, "Other")
    edits.add_stakeholder(db, other, "Olga Other")
    edits.set_account_field(db, acme["acme"], "name", "Acme Group")  # the account's own entry
    entries = history.account_entries(db, [acme["acme"]], since=None)
    assert {e.entity_kind for e in entries} == {"person"}
    assert {e.entity_id for e in entries} == {acme["ingrid"], acme["harald"]}
    assert history.compare_dates(db, [acme["acme"]], utc_now(), utc_now()).changes == []
