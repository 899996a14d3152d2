"""Export the plan as PDF from the window: options asked, work off the GUI thread, errors shown."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from keyplan.domain.plan_vocabulary import ExportVariant, PeopleShown
from keyplan.reports import export
from keyplan.ui import dialogs
from keyplan.ui.background import run_task
from keyplan.ui.plan.export_dialog import ExportDialog, ExportOptions, default_page_size
from keyplan.ui.plan.export_flow import PlanExport, suggested_file_name


@dataclass
class ExportScript:
    """Scripted answers to the export questions, and what the UI did with them."""

    options: ExportOptions | None = None
    path: str | None = None
    after: str | None = None  # "file", "folder" or None, asked when the PDF is written
    suggested: list[str] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)


@pytest.fixture
def export_answers(monkeypatch, answers) -> ExportScript:
    script = ExportScript()
    monkeypatch.setattr(dialogs, "ask_export_options", lambda _parent, _people: script.options)

    def ask_save_pdf(_parent, suggested: str) -> str | None:
        script.suggested.append(suggested)
        return script.path

    def ask_open_export(_parent, path: str) -> str | None:
        script.offered.append(path)
        return script.after

    monkeypatch.setattr(dialogs, "ask_save_pdf", ask_save_pdf)
    monkeypatch.setattr(dialogs, "ask_open_export", ask_open_export)
    monkeypatch.setattr(dialogs, "open_in_desktop", script.opened.append)
    return script


@dataclass
class FakeExporter:
    """Stands in for the PDF exporter: records its call and the thread it ran on."""

    calls: list[tuple] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)
    error: Exception | None = None
    slow: bool = False

    def __call__(self, db, account_id, variant, out_path, **options):
        self.threads.append(threading.current_thread().name)
        self.calls.append((db, account_id, variant, out_path, options))
        steps = 400 if self.slow else 2
        for step in range(steps):
            options["progress"](step / steps)
            time.sleep(0.005 if self.slow else 0)
        if self.error is not None:
            raise self.error
        Path(out_path).write_bytes(b"%PDF-1.4 fake")
        options["progress"](1.0)
        return Path(out_path)


@pytest.fixture
def exporter(monkeypatch) -> FakeExporter:
    fake = FakeExporter()
    monkeypatch.setattr(export, "export_pdf", fake)
    return fake


def running_export(window) -> PlanExport | None:
    return window.findChild(PlanExport)


def test_export_a_meeting_brief_off_the_gui_thread_then_open_its_folder(
    window, qtbot, db, small_portfolio, export_answers, exporter, tmp_path
):
    export_answers.options = ExportOptions(ExportVariant.BRIEF, "Letter", ("Harald Berg",))
    export_answers.path = str(tmp_path / "brief.pdf")
    export_answers.after = "folder"

    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: bool(export_answers.opened), timeout=5000)

    ((database, account_id, variant, out_path, options),) = exporter.calls
    assert (database, account_id, variant, out_path) == (
        db, small_portfolio.acme, ExportVariant.BRIEF, str(tmp_path / "brief.pdf"),
    )  # fmt: skip
    assert options["page_size"] == "Letter"
    assert options["people"] == ["Harald Berg"]
    assert exporter.threads[0] != threading.main_thread().name
    assert export_answers.suggested[0].endswith(
        suggested_file_name("Acme Group", variant, _today())
    )
    assert export_answers.offered == [str(tmp_path / "brief.pdf")]
    assert export_answers.opened == [str(tmp_path)]
    assert not running_export(window).is_running


def test_the_toolbar_button_exports_the_internal_plan_and_opens_the_file(
    window, qtbot, small_portfolio, export_answers, exporter, tmp_path
):
    assert window.export_pdf_action in window.toolbar.actions()
    export_answers.options = ExportOptions(ExportVariant.INTERNAL, "A4")
    export_answers.path = str(tmp_path / "plan.pdf")
    export_answers.after = "file"
    button = window.toolbar.widgetForAction(window.export_pdf_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(export_answers.opened), timeout=5000)
    assert exporter.calls[0][4]["people"] is None
    assert export_answers.opened == [str(tmp_path / "plan.pdf")]


def test_an_error_from_the_exporter_is_shown_in_a_message(
    window, qtbot, export_answers, exporter, answers, tmp_path
):
    exporter.error = export.ExportFailed("Cannot save the PDF: the folder /x is read-only.")
    export_answers.options = ExportOptions(ExportVariant.CUSTOMER, "A4")
    export_answers.path = str(tmp_path / "customer.pdf")
    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=5000)
    assert answers.errors == ["Cannot save the PDF: the folder /x is read-only."]
    assert export_answers.offered == []
    assert not running_export(window).is_running


def test_cancelling_stops_the_export_and_offers_nothing(
    window, qtbot, export_answers, exporter, answers, tmp_path
):
    exporter.slow = True
    export_answers.options = ExportOptions(ExportVariant.INTERNAL, "A4")
    export_answers.path = str(tmp_path / "plan.pdf")
    window.export_pdf_action.trigger()
    running = running_export(window)
    qtbot.waitUntil(lambda: running.progress is not None and running.progress.value() > 0)
    running.progress.findChild(QPushButton).click()  # the Cancel button
    qtbot.waitUntil(lambda: not running.is_running, timeout=5000)
    assert not (tmp_path / "plan.pdf").exists()
    assert (answers.errors, export_answers.offered) == ([], [])


def test_nothing_runs_when_the_user_cancels_a_question(window, export_answers, exporter):
    export_answers.options = None
    window.export_pdf_action.trigger()
    export_answers.options = ExportOptions(ExportVariant.INTERNAL, "A4")
    export_answers.path = None
    window.export_pdf_action.trigger()
    assert exporter.calls == []


def test_the_real_exporter_writes_the_internal_plan_from_the_gui(
    window, qtbot, small_portfolio, export_answers, tmp_path
):
    export_answers.options = ExportOptions(ExportVariant.INTERNAL, "A4")
    export_answers.path = str(tmp_path / "acme.pdf")
    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: bool(export_answers.offered), timeout=30_000)
    assert (tmp_path / "acme.pdf").read_bytes().startswith(b"%PDF")


def test_the_dialog_needs_attendees_for_a_brief(qtbot):
    dialog = ExportDialog([("Harald Berg", "COO · Operations"), ("Ingrid Olsen", "CEO")])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert dialog.options() == ExportOptions(ExportVariant.INTERNAL, default_page_size())
    assert not dialog.attendees.isEnabled()

    dialog.choose_variant(ExportVariant.BRIEF)
    assert dialog.attendees.isEnabled() and not ok.isEnabled()
    dialog.filter.setText("coo")
    assert [dialog.people_list.item(r).isHidden() for r in range(2)] == [False, True]
    dialog.choose_people(["Harald Berg"])
    dialog.page_size.setCurrentText("Letter")
    assert ok.isEnabled()
    assert dialog.options() == ExportOptions(ExportVariant.BRIEF, "Letter", ("Harald Berg",))


def test_background_work_reports_back_on_the_gui_thread(qtbot):
    seen: dict[str, object] = {}

    def work(report):
        seen["worker"] = threading.current_thread() is threading.main_thread()
        report(0.5)
        return 42

    def on_success(value):
        seen["result"] = value
        seen["callback on main"] = threading.current_thread() is threading.main_thread()

    run_task(
        work,
        on_success=on_success,
        on_error=lambda error: seen.setdefault("error", error),
        on_progress=lambda fraction: seen.setdefault("progress", fraction),
    )
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen == {"worker": False, "progress": 0.5, "result": 42, "callback on main": True}


def _today():
    from datetime import date

    return date.today()


def test_the_customer_plan_lists_the_people_we_work_with_unless_all_are_chosen(qtbot):
    dialog = ExportDialog([("Harald Berg", "COO · Operations")])
    qtbot.addWidget(dialog)
    assert not dialog.people_shown.isEnabled()  # only the customer-safe plan lists people so
    dialog.choose_variant(ExportVariant.CUSTOMER)
    assert dialog.people_shown.isEnabled()
    assert dialog.options().people_shown is PeopleShown.WORKED
    dialog.choose_people_shown(PeopleShown.ALL)
    assert dialog.options() == ExportOptions(
        ExportVariant.CUSTOMER, default_page_size(), (), PeopleShown.ALL
    )


def test_the_choice_of_people_reaches_the_exporter(
    window, qtbot, export_answers, exporter, tmp_path
):
    export_answers.options = ExportOptions(ExportVariant.CUSTOMER, "A4", (), PeopleShown.ALL)
    export_answers.path = str(tmp_path / "joint.pdf")
    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: bool(export_answers.offered), timeout=5000)
    ((_db, _account, variant, _out, options),) = exporter.calls
    assert variant is ExportVariant.CUSTOMER and options["people_shown"] == "all"


def test_a_powerpoint_deck_is_exported_from_the_same_dialog(
    window, qtbot, monkeypatch, export_answers, tmp_path
):
    from pptx import Presentation

    export_answers.options = ExportOptions(
        ExportVariant.CUSTOMER, "A4", (), PeopleShown.WORKED, "pptx"
    )
    asked: list[str] = []

    def ask_save_pptx(_parent, suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "joint.pptx")

    monkeypatch.setattr(dialogs, "ask_save_pptx", ask_save_pptx)
    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: bool(export_answers.offered), timeout=20000)
    assert asked[0].endswith(".pptx")
    assert len(Presentation(str(tmp_path / "joint.pptx")).slides) > 1


def test_the_dialog_offers_powerpoint_with_no_paper_size(qtbot):
    dialog = ExportDialog([("Harald Berg", "COO · Operations")])
    qtbot.addWidget(dialog)
    assert dialog.page_size.isEnabled()
    dialog.choose_format("pptx")
    assert not dialog.page_size.isEnabled()  # slides are 16:9 whatever the paper
    assert dialog.options().format == "pptx"
