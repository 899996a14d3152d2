"""Every edit is announced once, after its undo step is on the stack.

A view that hears "Mia changed" and looks at the Edit menu finds the step that changed her;
an undo and a redo are each announced once more; an undo the store refuses announces nothing
and says why instead.
"""

from __future__ import annotations

from typing import Any

import pytest

from keyplan.domain.errors import KeyplanError
from keyplan.store.database import Database
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.people import edits as people_commands

from .conftest import SmallPortfolio


@pytest.fixture
def document(db: Database, qtbot: Any) -> PortfolioDocument:
    return PortfolioDocument(db)


def test_an_edit_is_announced_once_its_step_is_on_the_stack(
    document: PortfolioDocument, small_portfolio: SmallPortfolio
) -> None:
    heard: list[tuple[int, str, int, str]] = []
    document.person_changed.connect(
        lambda person_id, field: heard.append(
            (person_id, field, document.undo_stack.count(), document.undo_stack.undoText())
        )
    )
    document.set_person_field(small_portfolio.mia, "job_title", "CFO")

    assert heard == [(small_portfolio.mia, "job_title", 1, "Change job title of Mia Chen")]

    heard.clear()
    document.undo_stack.undo()
    document.undo_stack.redo()
    assert [field for _, field, _, _ in heard] == ["job_title", "job_title"]


def test_a_run_of_nudges_is_announced_each_time_and_is_one_step(
    document: PortfolioDocument, small_portfolio: SmallPortfolio
) -> None:
    heard: list[list[int]] = []
    document.positions_changed.connect(heard.append)
    document.nudge_cards({small_portfolio.mia: (10.0, 0.0)})
    document.nudge_cards({small_portfolio.mia: (20.0, 0.0)})

    assert heard == [[small_portfolio.mia], [small_portfolio.mia]]
    assert document.undo_stack.count() == 1


def test_an_undo_the_store_refuses_is_reported_not_announced(
    document: PortfolioDocument,
    small_portfolio: SmallPortfolio,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document.set_account_field(small_portfolio.globex, "tier", "strategic")
    heard: list[Any] = []
    failures: list[str] = []
    document.account_changed.connect(lambda *args: heard.append(args))
    document.edit_failed.connect(failures.append)

    def refuse(*_args: Any) -> None:
        raise KeyplanError("The file is locked by another program.")

    monkeypatch.setattr(people_commands.edits, "set_account_field", refuse)
    document.undo_stack.undo()

    assert heard == []
    assert failures == ["The file is locked by another program."]
