"""A logged interaction can be changed afterwards: date, channel, text, people on both sides."""

from __future__ import annotations

from datetime import date

import pytest

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.meetings.edits import InteractionContent
from keyplan.store.meetings.queries import interaction
from keyplan.store.people import edits
from keyplan.store.roster import edits as roster_edits


@pytest.fixture
def acme(db):
    acme = edits.add_account(db, "Acme")
    globex = edits.add_account(db, "Globex")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen")
    harald = edits.add_stakeholder(db, acme, "Harald Berg")
    gina = edits.add_stakeholder(db, globex, "Gina Rossi")
    tom = roster_edits.add_team_member(db, "Tom Weber")
    anna = roster_edits.add_team_member(db, "Anna Lind")
    meeting = interaction_edits.log_interaction(
        db, acme, date(2026, 3, 2), [ingrid], [tom], summary="Kick-off"
    )
    return dict(acme=acme, ingrid=ingrid, harald=harald, gina=gina, tom=tom, anna=anna,
                meeting=meeting)  # fmt: skip


def test_the_wrong_day_and_the_wrong_colleague_are_corrected_and_the_old_content_returned(db, acme):
    new = InteractionContent(
        date(2026, 3, 3), "video", "Kick-off, by video", "Send the plan",
        (acme["harald"], acme["ingrid"]), (acme["anna"],),
    )  # fmt: skip
    before = interaction_edits.edit_interaction(db, acme["meeting"], new)

    row = interaction(db, acme["meeting"])
    assert (row.occurred_on, row.channel, row.summary, row.next_step) == (
        date(2026, 3, 3), "video", "Kick-off, by video", "Send the plan",
    )  # fmt: skip
    assert [name for _, name in row.people] == ["Harald Berg", "Ingrid Olsen"]
    assert [name for _, name in row.team] == ["Anna Lind"]
    assert before == InteractionContent(
        date(2026, 3, 2), "in_person", "Kick-off", None, (acme["ingrid"],), (acme["tom"],)
    )
    interaction_edits.edit_interaction(db, acme["meeting"], before)  # what undo does
    assert interaction(db, acme["meeting"]).team == ((acme["tom"], "Tom Weber"),)


def test_someone_of_another_customer_is_refused_and_nothing_changes(db, acme):
    wrong = InteractionContent(date(2026, 4, 1), "phone", None, None, (acme["gina"],), ())
    with pytest.raises(RuleViolation, match="Gina Rossi works for another customer"):
        interaction_edits.edit_interaction(db, acme["meeting"], wrong)
    row = interaction(db, acme["meeting"])
    assert (row.occurred_on, row.people) == (date(2026, 3, 2), ((acme["ingrid"], "Ingrid Olsen"),))


def test_a_deleted_interaction_cannot_be_edited(db, acme):
    interaction_edits.delete_interaction(db, acme["meeting"])
    content = InteractionContent(date(2026, 4, 1), "phone", None, None, (acme["ingrid"],), ())
    with pytest.raises(NotFound, match="no longer exists"):
        interaction_edits.edit_interaction(db, acme["meeting"], content)
