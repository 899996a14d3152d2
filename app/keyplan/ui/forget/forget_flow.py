"""Person › Forget… (and a card's "Forget…"): confirm, forget, report, offer the backups.

The forgetting runs in the background (a large file's VACUUM takes a moment). Afterwards a
file is opened afresh, as after a restore: the undo history held copies of the person, and
every view re-reads what is left. A team database keeps its document; its undo history is
cleared and the views told that everything of the account changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.background import run_task
from keyplan.ui.forget.forget_dialog import ForgetDialog, ForgetReportDialog

if TYPE_CHECKING:
    from keyplan.store.forget.erase import ForgetReport
    from keyplan.store.forget.files import BackupRewrite
    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.shell.main_window import MainWindow


def start_forgetting(window: MainWindow, person_id: int | None = None) -> ForgetDialog | None:
    """Open the confirmation for a person (the People tab's selection when none is given)."""
    document = window.document
    if document is None:
        return None
    if document.database.read_only_reason:
        dialogs.show_error(window, document.database.read_only_reason)
        return None
    if person_id is None:
        person_id = _selected_person(window)
    account_id = document.person(person_id).account_id if person_id else window.account_id
    if account_id is None:
        dialogs.show_error(window, "Choose an account first: forgetting is for one of its people.")
        return None
    people = [(row.id, row.values["full_name"]) for row in document.people(account_id)]
    account_name = document.account_values(account_id)["name"]
    if not people:
        dialogs.show_error(window, f"{account_name} has no people to forget.")
        return None
    dialog = ForgetDialog(people, person_id, account_name, window)
    dialog.accepted.connect(lambda: _forget(window, dialog.person_id(), account_name))
    window.forget_dialog = dialog  # type: ignore[attr-defined]  # the tests find it here
    dialog.open()
    return dialog


def _selected_person(window: MainWindow) -> int | None:
    tab = window.people_tab
    selected = tab.selected_person_ids() if tab is not None else []  # type: ignore[attr-defined]
    return selected[0] if len(selected) == 1 else None


def _forget(window: MainWindow, person_id: int, account_name: str) -> None:
    from keyplan.store.forget.erase import forget_person

    document = window.document
    assert document is not None
    database = document.database
    window.setEnabled(False)
    run_task(
        lambda _report: forget_person(database, person_id),
        on_success=lambda report: _forgotten(window, document, account_name, report),
        on_error=lambda error: _failed(window, error),
        writes=True,
    )


def _failed(window: MainWindow, error: BaseException) -> None:
    window.setEnabled(True)
    if isinstance(error, KeyplanError):
        dialogs.show_error(window, f"{error} Nothing was changed.", "Cannot forget")
    else:
        dialogs.show_error(window, f"Forgetting failed: {error}", "Cannot forget")


def _forgotten(
    window: MainWindow, document: PortfolioDocument, account_name: str, report: ForgetReport
) -> None:
    window.setEnabled(True)
    path = document.database.path
    if path is not None:
        if window.open_database(str(path), create=False):
            document.database.close()
    else:
        _refresh_team_document(window, document)
    backups = _backups_of(path)
    dialog = ForgetReportDialog(
        f"Forgot {report.full_name}. Removed:", report.lines(), _notice(report, backups),
        len(backups), window,
    )  # fmt: skip
    if path is not None:
        dialog.rewrite_requested.connect(
            lambda: _rewrite_backups(window, path, account_name, report)
        )
    window.forget_report = dialog  # type: ignore[attr-defined]  # the tests find it here
    dialog.open()


def _refresh_team_document(window: MainWindow, document: PortfolioDocument) -> None:
    document.undo_stack.clear()  # its commands held copies of the person's rows
    document.accounts_changed.emit()
    if window.account_id is not None:
        document.people_changed.emit(window.account_id)
        document.influence_changed.emit(window.account_id)
        document.interactions_changed.emit(window.account_id)


def _backups_of(path: Path | None) -> list[Path]:
    if path is None:
        return []
    from keyplan.store.forget.files import backups_holding_copies

    return backups_holding_copies(path)


def _notice(report: ForgetReport, backups: list[Path]) -> str:
    if report.on_server:
        return (
            "The rows are deleted on the team server. The server's own backups keep them "
            "until those backups expire."
        )
    cleaned = (
        "The file was vacuumed: nothing of them is left in it."
        if report.file_cleaned
        else "The file was vacuumed; another program still reads it, so part of its "
        "write-ahead log is emptied only when that program closes it."
    )
    if not backups:
        return cleaned
    count = (
        "1 older backup of this file still holds them."
        if len(backups) == 1
        else f"{len(backups)} older backups of this file still hold them."
    )
    return f"{cleaned}\n\n{count} Rewrite the backups without them?"


def _rewrite_backups(
    window: MainWindow, path: Path, account_name: str, report: ForgetReport
) -> None:
    from keyplan.store.forget.files import rewrite_backups

    run_task(
        lambda _progress: rewrite_backups(path, account_name, report.full_name, report.ids),
        on_success=lambda rewrites: dialogs.show_info(
            window, _rewritten_text(rewrites, report.full_name), "Backups rewritten"
        ),
        on_error=lambda error: dialogs.show_error(
            window, f"The backups could not all be rewritten: {error}", "Backups"
        ),
        writes=True,
    )


def _rewritten_text(rewrites: list[BackupRewrite], full_name: str) -> str:
    holding = sum(1 for rewrite in rewrites if rewrite.records)
    text = (
        f"Rewrote {holding} of {len(rewrites)} backups without {full_name}; "
        f"the others never held them."
    )
    unclear = [rewrite.path.name for rewrite in rewrites if rewrite.ambiguous]
    if unclear:
        text += f" Left as they were (several people there share the name): {', '.join(unclear)}."
    return text
