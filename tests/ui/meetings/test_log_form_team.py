"""The log form's "our team" ticks belong to one entry, not to the next.

The story that found it: Anna logged a meeting she had with Ingrid together with Tom; the next
entry, a call Anna made alone, was saved as Tom's too, because his tick stayed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from keyplan.store.meetings.queries import interactions
from keyplan.store.roster import edits as roster_edits
from keyplan.ui.meetings.log_form import IdRole


def tick(view, item_id: int) -> None:
    for row in range(view.count()):
        if view.item(row).data(IdRole) == item_id:
            view.item(row).setCheckState(Qt.CheckState.Checked)


def test_a_call_after_a_meeting_with_a_colleague_is_not_saved_as_the_colleagues(
    qtbot, window, db, small_portfolio, answers
):
    tom = roster_edits.add_team_member(window.document.database, "Tom Weber")
    tab = window.show_tab("Interactions")
    tab.today_provider = lambda: date(2026, 3, 10)
    tab.form.set_team(window.document.team_members())
    tick(tab.form.people_list, small_portfolio.ingrid)
    tick(tab.form.team_list, tom)
    qtbot.keyClicks(tab.form.next_step_edit, "Send the proposal")
    qtbot.mouseClick(tab.form.log_button, Qt.MouseButton.LeftButton)

    assert tab.form.checked(tab.form.team_list) == []  # the next entry starts with nobody of ours
    tick(tab.form.people_list, small_portfolio.harald)
    tab.form.channel_box.setCurrentIndex(tab.form.channel_box.findData("phone"))
    qtbot.mouseClick(tab.form.log_button, Qt.MouseButton.LeftButton)

    rows = {row.channel: row for row in interactions(db, small_portfolio.acme)}
    assert [name for _, name in rows["in_person"].team] == ["Tom Weber"]
    assert rows["phone"].team == ()
    assert answers.errors == []
