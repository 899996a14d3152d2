"""The influence-line and account changes of a review period, read from the log (both stores)."""

from __future__ import annotations

from datetime import timedelta

from history_helpers import age_the_history
from keyplan.store.history.marks import undoing
from keyplan.store.history.other_changes import other_changes_between
from keyplan.store.map import edits as map_edits
from keyplan.store.models import utc_now
from keyplan.store.people import edits


def test_a_periods_lines_and_account_changes_in_words_the_undone_left_out(db):
    acme = edits.add_account(db, "Acme")
    other = edits.add_account(db, "Other Corp")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen")
    harald = edits.add_stakeholder(db, acme, "Harald Berg")
    olaf = edits.add_stakeholder(db, acme, "Olaf Lund")
    edits.set_account_field(db, acme, "tier", "growth")
    old_line = map_edits.add_influence_line(db, harald, olaf, strength=1)
    age_the_history(db, 30)  # before the period
    start = utc_now() - timedelta(days=1)
    map_edits.add_influence_line(db, ingrid, harald, strength=3)
    map_edits.delete_influence_line(db, old_line)
    mistake = map_edits.add_influence_line(db, olaf, ingrid, kind="rival", strength=2)
    with undoing():  # drawn by mistake and taken back: neither step is a change
        map_edits.delete_influence_line(db, mistake)
    edits.set_account_field(db, acme, "tier", "key")
    edits.set_account_field(db, other, "tier", "strategic")  # another account: not Acme's
    end = utc_now() + timedelta(minutes=1)

    changes = other_changes_between(db, [acme], start, end)

    assert [(c.kind, c.text) for c in changes] == [
        ("influence", "New influence line: Ingrid Olsen → Harald Berg (strong)"),
        ("influence", "Influence line removed: Harald Berg → Olaf Lund"),  # from its "deleted"
        ("account", "Account tier Growth → Key"),
    ]
    assert all(start < c.when.replace(tzinfo=start.tzinfo) <= end for c in changes)
    assert changes[0].people == (ingrid, harald)
    assert other_changes_between(db, [acme], start - timedelta(days=60), start)[-1].text == (
        "New influence line: Harald Berg → Olaf Lund (weak)"
    )


def test_no_accounts_or_a_quiet_period_gives_nothing(db):
    acme = edits.add_account(db, "Acme")
    edits.set_account_field(db, acme, "tier", "key")
    now = utc_now()
    assert other_changes_between(db, [], now - timedelta(days=1), now + timedelta(minutes=1)) == ()
    assert (
        other_changes_between(db, [acme], now + timedelta(minutes=1), now + timedelta(days=1)) == ()
    )


def test_a_line_drawn_then_gone_with_its_person_is_still_named(db):
    acme = edits.add_account(db, "Acme")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen")
    olaf = edits.add_stakeholder(db, acme, "Olaf Lund")
    map_edits.add_influence_line(db, ingrid, olaf, strength=2)
    age_the_history(db, 10)  # drawn ten days ago, in the period asked about
    edits.delete_stakeholder(db, olaf)  # today, after it: Olaf and his line are gone
    now = utc_now()
    changes = other_changes_between(db, [acme], now - timedelta(days=20), now - timedelta(days=5))
    assert [c.text for c in changes] == [
        "Account added",
        "New influence line: Ingrid Olsen → Olaf Lund (moderate)",
    ]
