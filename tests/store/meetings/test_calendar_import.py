"""Meetings from a calendar written as interactions: one transaction, never twice, undoable."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from calendar_portfolio import CALENDARS, make_calendar_portfolio
from keyplan.domain.errors import RuleViolation
from keyplan.exchange.transfer.calendar_file import day_range
from keyplan.exchange.transfer.calendar_import import (
    import_calendar,
    read_and_match,
    with_new_people,
)
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.meetings.calendar_import import calendar_directory, remove_import
from keyplan.store.meetings.queries import interactions
from keyplan.store.models import (
    CalendarEvent,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Stakeholder,
)
from keyplan.store.people import edits

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = day_range(date(2026, 1, 1), date(2026, 12, 31), datetime(2026, 12, 7, tzinfo=BERLIN),
                 BERLIN)  # fmt: skip


def preview(db, name: str):
    return read_and_match(CALENDARS / name, db, *YEAR, BERLIN)


def count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_directory_matches_emails_without_regard_to_case_and_knows_our_team(db):
    p = make_calendar_portfolio(db)
    directory = calendar_directory(db)
    assert directory.people["harald.berg@acme.example"] == (p.harald, p.acme)
    assert directory.team == {"tom.weber@ourco.example": p.tom}  # Anna has no e-mail
    assert directory.parents[p.acme_france] == p.acme


def test_an_open_position_is_never_matched_to_a_calendar_attendee(db):
    from keyplan.store.people.moves import add_vacancy

    p = make_calendar_portfolio(db)
    seat = add_vacancy(db, p.acme, "Head of Grid", manager_id=p.harald)
    with db.transaction() as session:  # a seat that kept its last holder's address
        session.get(Stakeholder, seat).email = "grid.head@acme.example"
    directory = calendar_directory(db)
    assert "grid.head@acme.example" not in directory.people
    assert seat not in directory.person_names


def test_outlooks_meetings_land_on_the_right_accounts_with_both_sides(db):
    p = make_calendar_portfolio(db)
    receipt = import_calendar(db, preview(db, "outlook_windows_zones.ics"))

    assert len(receipt.interaction_ids) == 2 and receipt.account_ids == {p.acme}
    rows = {row.summary: row for row in interactions(db, p.acme)}
    review = rows["Quarterly service review"]
    assert (review.account_id, review.occurred_on, review.channel) == (
        p.acme, date(2026, 3, 10), "in_person",
    )  # fmt: skip
    assert [n for _, n in review.people] == ["Harald Berg", "Ingrid Olsen"]
    assert [n for _, n in review.team] == ["Tom Weber"]
    # Two of Acme's family against one of Globex: Acme's, on the umbrella above Ingrid and Mia.
    pilot = rows["Joint logistics pilot (Acme + Globex)"]
    assert (pilot.account_id, pilot.occurred_on, pilot.channel) == (
        p.acme, date(2026, 3, 12), "video",
    )  # fmt: skip
    assert [n for _, n in pilot.people] == ["Ingrid Olsen", "Mia Chen"]
    assert interactions(db, p.globex, with_affiliates=False) == []


def test_a_reimport_of_the_same_and_an_overlapping_export_never_duplicates(db):
    p = make_calendar_portfolio(db)
    first = import_calendar(db, preview(db, "google_recurring.ics"))
    assert len(first.interaction_ids) == 6  # the steering committee; "me" alone on our side
    assert all(row.team == () for row in interactions(db, p.acme))

    again = preview(db, "google_recurring.ics")
    assert again.plan.meetings == [] and again.plan.already_imported == 6
    # A wider range of the same calendar: only what is new comes in.
    two_years = day_range(
        date(2026, 1, 1), date(2027, 12, 31), datetime(2026, 12, 7, tzinfo=BERLIN), BERLIN
    )
    wider = read_and_match(CALENDARS / "google_recurring.ics", db, *two_years, BERLIN)
    assert [m.meeting.summary for m in wider.plan.meetings] == ["Planning 2027"]
    assert count(db, Interaction) == 6 and count(db, CalendarEvent) == 6


def test_a_meeting_imported_meanwhile_by_a_teammate_is_skipped_at_writing(db):
    make_calendar_portfolio(db)
    mine, teammates = preview(db, "apple_tokyo.ics"), preview(db, "apple_tokyo.ics")
    import_calendar(db, teammates)
    receipt = import_calendar(db, mine)
    assert receipt.interaction_ids == [] and receipt.skipped_meanwhile == 2
    assert count(db, Interaction) == 2


def test_undo_removes_exactly_the_import_and_redo_brings_it_back(db):
    p = make_calendar_portfolio(db)
    kept = interaction_edits.log_interaction(db, p.acme, date(2026, 3, 1), [p.ingrid])
    chosen = with_new_people(
        preview(db, "outlook_windows_zones.ics"), ["lena.fischer@acme.example"]
    )
    receipt = import_calendar(db, chosen)
    assert len(receipt.added_person_ids) == 1
    with db.read() as session:
        lena = session.get(Stakeholder, receipt.added_person_ids[0])
        assert (lena.full_name, lena.email, lena.account_id) == (
            "Lena Fischer", "lena.fischer@acme.example", p.acme,
        )  # fmt: skip

    snapshot = remove_import(db, receipt)
    assert [row.id for row in interactions(db, p.acme)] == [kept]
    assert count(db, CalendarEvent) == 0 and count(db, Stakeholder) == 4
    edits.restore_rows(db, snapshot)
    assert count(db, Interaction) == 3 and count(db, CalendarEvent) == 2
    assert count(db, Stakeholder) == 5


def test_a_person_deleted_between_preview_and_import_refuses_it_all(db):
    p = make_calendar_portfolio(db)
    planned = preview(db, "outlook_windows_zones.ics")
    edits.delete_stakeholder(db, p.harald)
    with pytest.raises(RuleViolation, match="deleted meanwhile; nothing was imported"):
        import_calendar(db, planned)
    assert count(db, Interaction) == 0 and count(db, CalendarEvent) == 0


def test_a_deleted_interaction_takes_its_calendar_row_along(db):
    make_calendar_portfolio(db)
    receipt = import_calendar(db, preview(db, "apple_tokyo.ics"))
    interaction_edits.delete_interaction(db, receipt.interaction_ids[0])
    assert count(db, CalendarEvent) == 1


def test_imported_rows_carry_what_every_written_row_carries(db):
    """Stamps, the team version and the writer's name, as an edit in the window writes them
    (SQLite takes the rows as plain values; other databases through SQLAlchemy's defaults)."""
    make_calendar_portfolio(db)
    before = count(db, Interaction)
    with db.read() as session:
        last_id = session.scalar(select(func.max(Interaction.id))) or 0
    receipt = import_calendar(db, preview(db, "outlook_windows_zones.ics"))
    assert len(receipt.interaction_ids) == 2
    assert min(receipt.interaction_ids) > last_id  # new ids, after the ones there
    with db.read() as session:
        for model, key in (
            (Interaction, Interaction.id),
            (InteractionStakeholder, InteractionStakeholder.interaction_id),
            (InteractionTeamMember, InteractionTeamMember.interaction_id),
            (CalendarEvent, CalendarEvent.interaction_id),
        ):
            rows = session.scalars(select(model).where(key.in_(receipt.interaction_ids))).all()
            assert rows, model.__name__
            for row in rows:
                assert row.version == 1 and row.updated_by == db.user_name
                assert abs((row.updated_at - row.created_at).total_seconds()) < 1.0
    undo = remove_import(db, receipt)  # the rows go as they came
    assert count(db, Interaction) == before and undo.rows
