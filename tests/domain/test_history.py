"""The map through time, on plain data: a state at a date, the changes between two, the words."""

from __future__ import annotations

from datetime import date, datetime

from keyplan.domain.history.compare import CHANGED, JOINED, LEFT, MOVED, compare_states
from keyplan.domain.history.entries import ChangeEntry, typed_value
from keyplan.domain.history.timeline import people_at
from keyplan.domain.history.wording import Names, change_text, history_lines, summary_line

MAR, JUN, SEP = datetime(2026, 3, 3, 10), datetime(2026, 6, 2, 9), datetime(2026, 9, 1, 8)
NAMES = Names({1: "Ingrid Olsen", 2: "Harald Berg", 3: "Mia Chen"}, {7: "Sofie"})


def person(name, title=None, manager=None, stance="neutral", owners=()):
    return {"full_name": name, "job_title": title, "reports_to_id": manager, "stance": stance,
            "strength": 1, "has_left": False, "owners": frozenset(owners)}  # fmt: skip


def entry(at, pid, field, old, new, undo=False):
    return ChangeEntry(at, "Sofie", 1, "person", pid, field, old, new, undo)


NOW = {
    1: person("Ingrid Olsen", "CIO", manager=2, stance="supporter", owners=[7]),
    2: person("Harald Berg", "CEO"),
    3: person("Mia Chen"),
}
LOG = [
    entry(MAR, 1, "job_title", "Head of IT", "CIO"),
    entry(JUN, 1, "stance", "neutral", "supporter"),
    entry(JUN, 3, "created", None, "Mia Chen"),
    entry(SEP, 1, "reports_to_id", None, 2),
    entry(SEP, 1, "owner", None, 7),
]


def test_the_map_at_a_date_takes_the_later_changes_back():
    before = people_at(NOW, LOG, datetime(2026, 2, 1))
    assert before[1]["job_title"] == "Head of IT"
    assert before[1]["reports_to_id"] is None
    assert before[1]["owners"] == frozenset()
    assert 3 not in before  # Mia joined in June
    assert people_at(NOW, LOG, datetime(2026, 7, 1))[1]["stance"] == "supporter"


def test_a_deleted_person_is_back_at_a_date_before_the_delete():
    now = {2: person("Harald Berg")}
    log = [entry(SEP, 3, "deleted", {"full_name": "Mia Chen", "stance": "blocker"}, None)]
    then = people_at(now, log, JUN)
    assert then[3]["full_name"] == "Mia Chen" and then[3]["stance"] == "blocker"
    (change,) = compare_states(then, now, log)
    assert (change.kind, change.person_id, change.when) == (LEFT, 3, SEP)


def test_comparing_two_dates_finds_joins_moves_and_changed_fields_with_their_dates():
    before = people_at(NOW, LOG, datetime(2026, 1, 1))
    changes = compare_states(before, NOW, LOG)
    kinds = [(c.kind, c.person_id, c.field) for c in changes]
    assert (MOVED, 1, "reports_to_id") in kinds
    assert (CHANGED, 1, "job_title") in kinds
    assert (CHANGED, 1, "stance") in kinds
    assert (CHANGED, 1, "owners") in kinds
    assert (JOINED, 3, None) in kinds
    moved = next(c for c in changes if c.kind == MOVED)
    assert change_text(moved, NAMES, date(2026, 12, 1)) == "moved: nobody → Harald Berg on 1 Sep"


def test_a_person_marked_as_left_has_left_the_map():
    now = {1: {**person("Ingrid Olsen"), "has_left": True}}
    log = [entry(JUN, 1, "has_left", False, True)]
    (change,) = compare_states(people_at(now, log, MAR), now, log)
    assert change.kind == LEFT and change.when == JUN


def test_a_persons_history_reads_like_the_issue_says_and_marks_undone_changes():
    log = [*LOG[:2], entry(SEP, 1, "reports_to_id", None, 2),
           entry(SEP, 1, "reports_to_id", 2, None, undo=True)]  # fmt: skip
    lines = history_lines([e for e in log if e.entity_id == 1], NAMES, date(2026, 12, 1))
    texts = [line.text for line in lines]
    assert texts == [
        "manager Harald Berg → nobody on 1 Sep (undo)",
        "manager nobody → Harald Berg on 1 Sep (undone)",
        "stance neutral → supporter on 2 Jun",
        "Head of IT → CIO on 3 Mar",
    ]
    assert summary_line(lines) == "Head of IT → CIO on 3 Mar; stance neutral → supporter on 2 Jun"


def test_an_undone_addition_is_marked_undone_in_the_persons_history():
    log = [entry(JUN, 3, "created", None, "Mia Chen"),
           entry(SEP, 3, "deleted", {"full_name": "Mia Chen"}, None, undo=True)]  # fmt: skip
    lines = history_lines(log, NAMES, date(2026, 12, 1))
    assert [(line.is_undo, line.undone) for line in lines] == [(True, False), (False, True)]
    assert summary_line(lines) == ""


def test_logged_texts_come_back_typed():
    assert typed_value("reports_to_id", "12") == 12
    assert typed_value("has_left", "1") is True
    assert typed_value("deleted", '{"strength": "3", "full_name": "Mia"}') == {
        "strength": 3, "full_name": "Mia"}  # fmt: skip


def test_log_rows_are_read_as_one_row_at_a_time_would_read_them():
    from keyplan.domain.history.entries import entries_from_rows, entry_from_row

    rows = [
        ("2026-03-03 10:00:00.000000", "Sofie", 1, "person", 1, "reports_to_id", "2", "3", 0),
        ("2026-03-03 10:00:00.000001", "Sofie", 1, "person", 1, "reports_to_id", None, "3", 0),
        ("2026-03-03 10:00:01.000000", None, 1, "person", 1, "strength", "two", "4", 1),
        ("2026-03-03 10:00:02.000000", "Sofie", 1, "person", 1, "owner", "7", None, 0),
        ("2026-03-03 10:00:03.000000", "Sofie", 1, "person", 3, "created", None, "Mia Chen", 0),
        ("2026-03-03 10:00:04.000000", "Sofie", 1, "person", 1, "stance", "neutral", "ally", 0),
        ("2026-03-03 10:00:05.000000", "Sofie", 1, "person", 1, "has_left", "0", "1", 0),
    ]
    read = entries_from_rows(rows)
    assert read == [entry_from_row(row) for row in rows]
    assert all(type(one) is ChangeEntry for one in read)
    assert read[2].old is None and read[2].new == 4 and read[2].is_undo is True
