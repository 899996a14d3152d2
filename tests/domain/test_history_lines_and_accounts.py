"""The review's other changes in words: influence lines drawn, dropped, changed; the account's."""

from __future__ import annotations

import json
from datetime import datetime

from keyplan.domain.history.entries import ACCOUNT, INFLUENCE, ChangeEntry
from keyplan.domain.history.lines_and_accounts import (
    OtherChange,
    card_text,
    changes_of_person,
    lines_and_account_changes,
)
from keyplan.domain.history.wording import Names

MAR, JUN, SEP = datetime(2026, 3, 3, 10), datetime(2026, 6, 2, 9), datetime(2026, 9, 1, 8)
NAMES = Names({1: "Ingrid Solberg", 2: "Harald Berg", 3: "Mia Chen"}, {})
ACCOUNTS = {10: "Aldermark Group", 11: "Aldermark France SAS"}
# Today's lines: Ingrid pulls on Harald (strong), Mia is Harald's ally (moderate).
LINES_NOW = {
    5: {"from_stakeholder_id": 1, "to_stakeholder_id": 2, "kind": "influences", "strength": 3},
    6: {"from_stakeholder_id": 3, "to_stakeholder_id": 2, "kind": "ally", "strength": 2},
}


def line(at, line_id, field, old, new, undo=False):
    return ChangeEntry(at, "Sofie", 10, INFLUENCE, line_id, field, old, new, undo)


def account(at, field, old, new, account_id=11, undo=False):
    return ChangeEntry(at, "Sofie", account_id, ACCOUNT, account_id, field, old, new, undo)


def texts(entries, lines=LINES_NOW) -> list[str]:
    return [change.text for change in lines_and_account_changes(entries, lines, NAMES, ACCOUNTS)]


def test_a_line_drawn_dropped_or_changed_reads_as_a_review_says_it():
    gone = {"from_stakeholder_id": 1, "to_stakeholder_id": 3, "kind": "influences", "strength": 1}
    assert texts(
        [
            line(MAR, 5, "created", None, None),
            line(JUN, 6, "strength", 1, 2),
            line(JUN, 6, "kind", "rival", "ally"),
            line(SEP, 9, "deleted", gone, None),  # no longer stored: its "deleted" entry knows
            line(SEP, 5, "to_stakeholder_id", 3, 2),
        ]
    ) == [
        "New influence line: Ingrid Solberg → Harald Berg (strong)",
        "Ally line Mia Chen → Harald Berg: weak → moderate",
        "Line Mia Chen → Harald Berg: rival / conflict → ally",
        "Influence line removed: Ingrid Solberg → Mia Chen",
        "Influence line Ingrid Solberg → Harald Berg: now to Harald Berg instead of Mia Chen",
    ]


def test_a_line_of_another_kind_is_named_by_its_kind():
    assert texts([line(MAR, 6, "created", None, None)]) == [
        "New ally line: Mia Chen → Harald Berg (moderate)"
    ]


def test_the_accounts_changes_use_the_labels_a_user_sees():
    assert texts(
        [
            account(MAR, "tier", "key", "strategic"),
            account(JUN, "parent_id", None, 10),
            account(SEP, "created", None, "Aldermark France SAS"),
            account(SEP, "deleted", json.dumps({}), None),  # a plan never shows a gone account
        ]
    ) == [
        "Account tier Key → Strategic",
        "Account moved: under none → under Aldermark Group",
        "Account added",
    ]


def test_an_undone_change_and_its_undo_both_drop_out():
    changes = texts(
        [
            account(MAR, "tier", "key", "strategic"),
            account(JUN, "tier", "strategic", "key", undo=True),  # takes back March's
            line(JUN, 5, "created", None, None),
            line(SEP, 5, "deleted", dict(LINES_NOW[5]), None, undo=True),  # takes back June's
            line(SEP, 6, "strength", 1, 2),
        ]
    )
    assert changes == ["Ally line Mia Chen → Harald Berg: weak → moderate"]


def test_people_changes_are_not_among_them():
    person = ChangeEntry(MAR, "Sofie", 10, "person", 1, "stance", "neutral", "champion")
    assert texts([person]) == []


def test_a_card_gets_the_line_changes_with_the_person_at_either_end():
    changes = lines_and_account_changes(
        [line(MAR, 5, "created", None, None), account(JUN, "tier", "key", "strategic")],
        LINES_NOW,
        NAMES,
        ACCOUNTS,
    )
    assert all(isinstance(change, OtherChange) for change in changes)
    assert [c.text for c in changes_of_person(changes, 2)] == [changes[0].text]
    assert [c.text for c in changes_of_person(changes, 1)] == [changes[0].text]
    assert changes_of_person(changes, 3) == []  # Mia's line did not change
    assert changes[1].people == ()  # an account change is on no card


def test_each_end_of_a_line_reads_it_from_its_own_side():
    entries = [
        line(MAR, 5, "created", None, None),
        line(JUN, 6, "strength", 1, 2),
        line(JUN, 6, "kind", "rival", "ally"),
        line(SEP, 5, "to_stakeholder_id", 3, 2),  # an end moved: the full words say it
    ]
    drawn, stronger, kind, moved = lines_and_account_changes(entries, LINES_NOW, NAMES, ACCOUNTS)
    assert card_text(drawn, 1) == "new influence line to Harald Berg (strong)"
    assert card_text(drawn, 2) == "new influence line from Ingrid Solberg (strong)"
    assert card_text(stronger, 3) == "ally line to Harald Berg weak → moderate"
    assert card_text(kind, 2) == "line from Mia Chen rival / conflict → ally"
    assert card_text(moved, 2) == moved.text
