"""Fixtures for driving the windows as a user would, with scripted answers to dialogs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from keyplan.store.database import Database
from keyplan.store.people import edits
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow


@dataclass
class ScriptedDialogs:
    """Answers the questions the UI asks, and remembers the errors it showed."""

    texts: list[str] = field(default_factory=list)
    confirmations: list[bool] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> ScriptedDialogs:
    script = ScriptedDialogs()
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: script.texts.pop(0))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: script.confirmations.pop(0))
    monkeypatch.setattr(
        dialogs, "show_error", lambda _p, message, *a: script.errors.append(message)
    )
    monkeypatch.setattr(dialogs, "show_info", lambda *a, **k: None)
    return script


@pytest.fixture(autouse=True)
def meetings_skip_their_follow_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Logging a meeting offers its follow-up in a modal dialog: skipped unless a test says."""
    from keyplan.ui.evidence import follow_up

    monkeypatch.setattr(follow_up, "exec_follow_up", lambda dialog: False)


@dataclass
class SmallPortfolio:
    acme: int
    acme_france: int
    globex: int
    ingrid: int
    harald: int
    mia: int


@pytest.fixture
def small_portfolio(db: Database) -> SmallPortfolio:
    """Acme (with Acme France below it) and Globex; Ingrid ← Harald ← Mia at Acme."""
    acme = edits.add_account(db, "Acme Group", tier="strategic", annual_revenue=2_000_000)
    france = edits.add_account(db, "Acme France", parent_id=acme, country="France")
    globex = edits.add_account(db, "Globex", tier="growth")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen", level="c_level", job_title="CEO")
    harald = edits.add_stakeholder(db, acme, "Harald Berg", reports_to_id=ingrid, stance="champion")
    mia = edits.add_stakeholder(db, france, "Mia Chen", reports_to_id=harald)
    return SmallPortfolio(acme, france, globex, ingrid, harald, mia)


@pytest.fixture
def window(qtbot, db: Database, small_portfolio: SmallPortfolio, answers) -> Iterator[MainWindow]:
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main


@pytest.fixture
def read_only_window(
    qtbot, db: Database, small_portfolio: SmallPortfolio, answers: ScriptedDialogs
) -> Iterator[MainWindow]:
    """A second window on the database while another process holds the writer lock."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path;"
         "from keyplan.store.safety.lock import take_writer_lock;"
         "take_writer_lock(Path(sys.argv[1])); print('locked', flush=True); time.sleep(600)",
         str(db.path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        window = MainWindow(open_document(str(db.path), False), open_document)
        qtbot.addWidget(window)
        window.show()
        yield window
    finally:
        holder.kill()
        holder.wait()
