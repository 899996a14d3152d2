"""After logging a meeting, the updates it implies are offered and applied as one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.evidence import queries as evidence_queries
from keyplan.store.models import Commitment, Interaction
from keyplan.store.people import queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.evidence import follow_up
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow

TODAY = date(2026, 12, 7)


@pytest.fixture
def demo_window(qtbot, db: Database, answers) -> Iterator[MainWindow]:
    create_demo_portfolio(db, today=TODAY)
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    tab = main.show_tab("Interactions")
    tab.today_provider = lambda: TODAY
    tab.form.reset(TODAY)
    yield main


def person_named(db: Database, name: str) -> int:
    aldermark = queries.find_account(db, "Aldermark Group")
    return next(p.id for p in queries.people(db, aldermark) if p["full_name"] == name)


def counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        return (len(session.scalars(select(Interaction.id)).all()),
                len(session.scalars(select(Commitment.id)).all()))  # fmt: skip


def test_log_a_meeting_with_the_cfo_accept_trusted_and_a_promise_then_one_undo_takes_it_all(
    demo_window, db, qtbot, monkeypatch
):
    zoe = person_named(db, "Zoë Åkesson")
    assert queries.person(db, zoe)["strength"] == 1  # Acquainted
    before = counts(db)
    offered: list[follow_up.FollowUpDialog] = []

    def accept_trusted_and_a_promise(dialog: follow_up.FollowUpDialog) -> bool:
        offered.append(dialog)
        label = dialog.strengths[zoe].itemText(dialog.strengths[zoe].findData(3))
        assert label == "Acquainted → Trusted"
        dialog.choose(f"strength_{zoe}", 3)
        dialog.seen[zoe].setText("Asked us to present the payback to the board")
        dialog.kind_buttons[follow_up.PROMISE].setChecked(True)
        assert dialog.step_text.text() == "Send the payback model by entity"  # from the form
        dialog.due.setText("2026-12-14")
        return True

    monkeypatch.setattr(follow_up, "exec_follow_up", accept_trusted_and_a_promise)
    log = demo_window.show_tab("Interactions")
    log.form.tick_people([zoe])
    log.form.tick_team([dict((n, i) for i, n in demo_window.document.team_members())[
        "Alex Morgan (you)"]])  # fmt: skip
    log.form.summary_edit.setPlainText("Breakfast with Zoë: she wants the payback by entity.")
    log.form.next_step_edit.setText("Send the payback model by entity")
    qtbot.mouseClick(log.form.log_button, Qt.MouseButton.LeftButton)

    assert len(offered) == 1
    assert queries.person(db, zoe)["strength"] == 3
    assert counts(db) == (before[0] + 1, before[1] + 1)
    with db.read() as session:
        promise = session.scalars(select(Commitment).order_by(Commitment.id.desc())).first()
        assert (promise.promise, promise.to_stakeholder_id) == (
            "Send the payback model by entity", zoe)  # fmt: skip
        assert str(promise.due_on) == "2026-12-14"
    evidence = evidence_queries.person_evidence(db, zoe)
    new = [e for e in evidence if e["observed_on"] == TODAY]
    me = "Alex Morgan (you)"
    assert {(e["rating"], e["rated_as"], e["by"]) for e in new} == {
        ("strength", "3", me), ("stance", "skeptic", me)}  # fmt: skip
    assert len({e["interaction_id"] for e in new}) == 1  # both linked to this meeting
    stack = demo_window.document.undo_stack
    assert stack.count() == 1

    stack.undo()  # once: the meeting, Trusted, the promise and the evidence are all gone
    assert queries.person(db, zoe)["strength"] == 1
    assert counts(db) == before
    assert len(evidence_queries.person_evidence(db, zoe)) == len(evidence) - 2

    stack.redo()
    assert queries.person(db, zoe)["strength"] == 3
    assert counts(db) == (before[0] + 1, before[1] + 1)


def test_skipping_the_follow_up_logs_the_meeting_alone(demo_window, db, qtbot):
    zoe = person_named(db, "Zoë Åkesson")
    before = counts(db)
    log = demo_window.show_tab("Interactions")
    log.form.tick_people([zoe])
    qtbot.mouseClick(log.form.log_button, Qt.MouseButton.LeftButton)
    assert counts(db) == (before[0] + 1, before[1])
    assert queries.person(db, zoe)["strength"] == 1
    assert demo_window.document.undo_stack.count() == 1


def test_a_bad_due_date_is_shown_again_and_writes_no_update(demo_window, db, qtbot, monkeypatch):
    zoe = person_named(db, "Zoë Åkesson")
    tries: list[int] = []

    def type_a_bad_date(dialog: follow_up.FollowUpDialog) -> bool:
        tries.append(1)
        dialog.choose(f"strength_{zoe}", 3)
        dialog.kind_buttons[follow_up.ACTION].setChecked(True)
        dialog.step_text.setText("Call Zoë")
        dialog.due.setText("next week")
        return len(tries) == 1  # then the user skips

    monkeypatch.setattr(follow_up, "exec_follow_up", type_a_bad_date)
    log = demo_window.show_tab("Interactions")
    log.form.tick_people([zoe])
    qtbot.mouseClick(log.form.log_button, Qt.MouseButton.LeftButton)
    assert len(tries) == 2
    assert queries.person(db, zoe)["strength"] == 1
    assert demo_window.document.undo_stack.count() == 1  # the meeting alone
