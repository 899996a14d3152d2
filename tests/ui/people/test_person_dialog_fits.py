"""The person dialog fits the screen (a laptop's, or any at 200 %): its fields scroll, OK stays."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QScrollArea

from keyplan.ui.map import person_dialog


def test_the_whole_dialog_and_its_ok_button_are_on_the_screen(
    qtbot, window, small_portfolio, monkeypatch
):
    seen = {}

    def look(dialog: person_dialog.PersonDialog) -> bool:
        dialog.show()
        screen = dialog.screen().availableGeometry()
        buttons = dialog.findChild(QDialogButtonBox)
        scroll = dialog.findChild(QScrollArea)
        seen["fits"] = dialog.height() <= screen.height() and dialog.width() <= screen.width()
        seen["ok shown"] = buttons.isVisible() and buttons.geometry().bottom() <= dialog.height()
        seen["scrolls"] = scroll.widget().sizeHint().height() > scroll.viewport().height()
        return False

    monkeypatch.setattr(person_dialog, "exec_dialog", look)
    person_dialog.edit_person(window, window.document, small_portfolio.harald)

    # The offscreen screen is 800 × 600: far shorter than the form, as a laptop at 200 % is.
    assert seen == {"fits": True, "ok shown": True, "scrolls": True}
