"""A second window on a file another Keyplan edits: everything can be read, nothing typed into."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGroupBox, QLineEdit, QPlainTextEdit


@pytest.mark.sqlite_only
def test_the_plans_narrative_fields_cannot_be_typed_into(read_only_window):
    plan = read_only_window.show_tab("Plan")
    fields = [
        field
        for field in plan.findChildren(QLineEdit) + plan.findChildren(QPlainTextEdit)
        if field.objectName().startswith("plan_")
    ]
    assert fields, "the plan tab has narrative fields"
    assert all(field.isReadOnly() for field in fields)


@pytest.mark.sqlite_only
def test_the_interaction_log_form_is_greyed_out_but_the_log_still_reads(read_only_window):
    tab = read_only_window.show_tab("Interactions")
    form = tab.findChild(QGroupBox, "interaction_form")
    assert form is not None and not form.isEnabled()
    assert "Read-only" in form.toolTip()


@pytest.mark.sqlite_only
def test_a_writer_window_can_type_into_the_plan_and_log(window):
    plan = window.show_tab("Plan")
    assert not any(
        field.isReadOnly()
        for field in plan.findChildren(QPlainTextEdit)
        if field.objectName().startswith("plan_")
    )
    assert window.show_tab("Interactions").findChild(QGroupBox, "interaction_form").isEnabled()
