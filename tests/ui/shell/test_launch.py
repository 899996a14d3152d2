"""The first start: the user's own database is created with the demo, shown as a portfolio."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from keyplan.ui.shell import launch, settings
from keyplan.ui.shell.main_window import MainWindow

# A script's own run records the enum classes PySide6 builds, by name, in ``made``.
RECORD_ENUMS = (
    "import enum\n"
    "made = []\n"
    "create = enum.EnumType._create_\n"
    "def record(cls, name, *args, **kwargs):\n"
    "    made.append(name)\n"
    "    return create(cls, name, *args, **kwargs)\n"
    "enum.EnumType._create_ = record\n"
)


def _own_settings_and_data(tmp_path: Path) -> dict[str, str]:
    """The environment of a Keyplan process with its settings and data under ``tmp_path``."""
    return {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip


def _run_python(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    """``script`` run in a fresh interpreter, as a start is: nothing imported beforehand."""
    return subprocess.run(
        [sys.executable, "-c", script],
        env=_own_settings_and_data(tmp_path),
        capture_output=True,
        text=True,
        timeout=90,
    )


def _demo_file(tmp_path: Path) -> None:
    """The demo portfolio in ``tmp_path / "demo.db"``."""
    from keyplan.store.database import open_database
    from keyplan.store.demo import create_demo_portfolio

    db = open_database(tmp_path / "demo.db")
    create_demo_portfolio(db)
    db.close()


def test_the_first_start_fills_the_demo_and_opens_on_the_dashboard(qtbot, tmp_path, monkeypatch):
    own = tmp_path / "data" / "keyplan.db"
    monkeypatch.setattr("keyplan.paths.default_database_path", lambda: own)
    monkeypatch.setattr(settings, "read", _fresh_settings(settings.read))
    document = launch._first_document(None)
    assert document is not None and own.exists()
    assert len(document.portfolio()) >= 5  # the demo's accounts
    window = MainWindow(document, launch.open_document)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.dashboard
    assert not window.tree.isVisibleTo(window)  # the dashboard lists the accounts itself


def test_a_second_start_reopens_the_same_file_without_a_second_demo(qtbot, tmp_path, monkeypatch):
    own = tmp_path / "data" / "keyplan.db"
    monkeypatch.setattr("keyplan.paths.default_database_path", lambda: own)
    monkeypatch.setattr(settings, "read", _fresh_settings(settings.read))
    first = launch._first_document(None)
    accounts = len(first.portfolio())
    first.database.close()
    second = launch._open_default_database()
    assert len(second.portfolio()) == accounts
    second.database.close()


def _fresh_settings(real_read):
    """Settings as on a machine that never ran Keyplan, except what this test writes."""

    def read(setting):
        if setting is settings.LAST_DATABASE:
            return ""
        return real_read(setting)

    return read


def test_quitting_while_the_dashboard_still_reads_leaves_no_traceback(tmp_path):
    """The first start opens the dashboard, which reads on a worker; quitting at once waits."""
    env = _own_settings_and_data(tmp_path)
    # The race it guards against showed about every other run; later starts reopen the
    # dashboard too, because the user left it open.
    for _attempt in range(3):
        result = subprocess.run(
            [sys.executable, "-m", "keyplan", "--exit-when-ready"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0
        assert "Traceback" not in result.stderr
        assert (tmp_path / "data" / "Keyplan" / "keyplan.db").exists()


def _start_and_exit(tmp_path, *arguments: str):
    env = _own_settings_and_data(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "keyplan", *arguments, "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,  # before the fix, the dialog waited for ever: the test ends here
    )


def test_exit_when_ready_on_a_damaged_file_exits_with_the_message_instead_of_a_dialog(tmp_path):
    damaged = tmp_path / "plan.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = _start_and_exit(tmp_path, "--db", str(damaged))
    assert result.returncode == 1
    assert result.stderr.startswith("keyplan: ") and "plan.db" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert damaged.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 4000


def test_exit_when_ready_on_a_refused_place_exits_with_the_message(tmp_path):
    folder = tmp_path / "a folder"
    folder.mkdir()
    result = _start_and_exit(tmp_path, "--db", str(folder))
    assert result.returncode == 1
    assert result.stderr.startswith("keyplan: ") and result.stderr.count("\n") == 1


def test_a_relative_db_is_remembered_by_its_absolute_path(qtbot, tmp_path, monkeypatch):
    """`keyplan --db plan.db` started in one folder; the next start, from another, opens it."""
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    first = launch._first_document("plan.db")
    assert first is not None
    assert first.database.display_name == str(project / "plan.db")
    first.database.close()
    assert settings.read(settings.LAST_DATABASE) == str(project / "plan.db")
    assert settings.read(settings.RECENT_DATABASES)[0] == str(project / "plan.db")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings.remember_database("~/notes/../plan.db")  # a typed path: expanded, made absolute
    assert not settings.read(settings.LAST_DATABASE).startswith("~")
    settings.remember_database(str(project / "plan.db"))
    again = launch._first_document(None)
    assert again is not None and again.database.path == project / "plan.db"
    again.database.close()
    assert not (elsewhere / "plan.db").exists()


def test_the_window_opens_without_the_modules_only_later_work_needs(tmp_path):
    # uuid (and platform), secrets (hmac, hashlib), the backup module with platformdirs and the
    # keyring (team passwords) cost start-up time: the window's first view needs none of them
    # (issue 20).
    _demo_file(tmp_path)
    script = (
        "import sys\n"
        "from keyplan.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'demo.db')!r}, '--exit-when-ready']) == 0\n"
        "later = ('uuid', 'secrets', 'hashlib', 'platformdirs', 'keyplan.store.safety.backup',"
        " 'keyplan.store.safety.leftovers', 'keyring', 'keyplan.store.team.credentials',"
        # ... nor the table editors, the read-only switches, the fallback font, a team
        # address or the terminal's passphrase prompt (the window asks in a dialog).
        " 'keyplan.ui.widgets.field_editors', 'keyplan.ui.shell.read_only',"
        " 'keyplan.ui.shell.fonts', 'keyplan.store.server_address', 'keyplan.cli.passphrase',"
        " 'getpass',"
        # ... nor dataclasses (with inspect's helpers) for the fields' specs, nor the
        # commands other than the window's, nor the background workers (none started).
        " 'dataclasses', 'keyplan.cli.demo', 'keyplan.cli.accounts', 'keyplan.cli.check',"
        " 'keyplan.ui.background',"
        # ... nor the plan's words (opportunities, risks, work, exports): later tabs use them.
        " 'keyplan.domain.plan_vocabulary',"
        # ... nor the page of an empty portfolio, nor the file dialogs' folder memory: each is
        # read after Qt (its import hook reads the source) for a page or dialog not shown.
        " 'keyplan.ui.shell.empty_portfolio', 'keyplan.ui.shell.file_folders',"
        # ... nor the following of a team database's access levels, for a file.
        " 'keyplan.ui.access.viewer_mode')\n"
        "print(','.join(m for m in later if m in sys.modules))\n"
        # No enum of the plan's words was built, under either module's name.
        "words = vars(sys.modules['keyplan.domain.vocabulary'])\n"
        "print(','.join(n for n in ('WorkStatus', 'OpportunityStatus', 'InfluenceKind',"
        " 'ExportVariant') if n in words))\n"
        # The field rules load (the Overview's form), their patterns compile on first use.
        "from keyplan.domain import fields, plain_text, typed_values\n"
        "from keyplan.domain.patterns import LazyPattern\n"
        "patterns = [(module.__name__, name) for module in (fields, plain_text, typed_values)"
        " for name, value in vars(module).items() if isinstance(value, LazyPattern)]\n"
        "assert len(patterns) >= 11, patterns\n"
        "print(','.join(f'{module}.{name}' for module, name in patterns"
        " if 'search' in vars(getattr(sys.modules[module], name))))\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n") == ["", "", "", ""]


def test_the_window_tidies_a_killed_exports_partial_file_once_it_is_up(tmp_path):
    import os
    import time

    from keyplan.store.safety.atomic_files import PARTIAL_PREFIX

    document = launch.open_document(str(tmp_path / "plan.db"), create=True)
    stale = tmp_path / f"{PARTIAL_PREFIX}report.pdf-0badf00d"
    stale.write_bytes(b"half a report")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    try:
        launch._tidy_leftovers(document)
    finally:
        document.database.close()
    assert not stale.exists()


def test_the_window_starts_without_garbage_collection_and_collects_once_it_is_up(tmp_path):
    # Start-up makes long-lived objects and no garbage; collecting during it cost 15–90 ms.
    script = (
        "import gc\n"
        "from keyplan.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'plan.db')!r}, '--exit-when-ready']) == 0\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]  # collecting again; start-up's frozen


def test_the_fallback_font_arrives_once_the_window_is_up(qapp):
    from PySide6.QtGui import QFontDatabase

    launch._register_fonts_and_repaint()

    assert "Droid Sans Fallback" in QFontDatabase.families()


def test_the_window_opens_without_building_the_qt_namespaces_enums(tmp_path):
    # PySide6 builds all 93 enum classes of `Qt` the first time anything touches it, some
    # 20 ms of a start that needs none of them (issue 20): a header model written in Python,
    # `setShortcut`, `QKeySequence("Ctrl+N")` and `QStyleHints.colorScheme()` all did.
    _demo_file(tmp_path)
    script = (
        RECORD_ENUMS + "from keyplan.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'demo.db')!r}, '--exit-when-ready']) == 0\n"
        "assert 'Orientation' not in made, made\n"  # the first window's checks keep working:
        "from PySide6.QtCore import Qt\n"
        "print('Orientation' in made, 'AlignmentFlag' in made)\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]  # touched afterwards, they are built


def test_the_window_start_has_qts_import_hook_read_none_of_these_library_modules(tmp_path):
    # Once Qt is loaded, PySide6's import hook reads the whole source of each module an import
    # statement names (for its `__feature__` switch), about 1 M instructions for each of these:
    # the first window names none of them after Qt. The sources it reads are left in
    # linecache (datetime's was, when the Overview imported it).
    _demo_file(tmp_path)
    script = (
        "import linecache, os\n"
        "from keyplan.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'demo.db')!r}, '--exit-when-ready']) == 0\n"
        "read = {os.path.basename(name) for name in linecache.cache}\n"
        "assert 'typing.py' in read, read\n"  # the hook did read: this test can fail
        "print(sorted(read & {'datetime.py', 'threading.py', 'pathlib.py', 'types.py'}))\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]"]


def test_a_start_and_quit_never_make_qevent_ready(tmp_path):
    # A Python event handler (closeEvent, changeEvent) has PySide6 make QEvent ready, with
    # its Type enum of some 180 members: 14 M instructions of a start that quits at once.
    # Enums are recorded by name only, and other classes have a "Type" too: QEvent's was not
    # made if touching it makes one more.
    _demo_file(tmp_path)
    script = (
        RECORD_ENUMS + "from keyplan.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'demo.db')!r}, '--exit-when-ready']) == 0\n"
        "before = made.count('Type')\n"
        "from PySide6.QtCore import QEvent\n"
        "QEvent.Type.Close\n"
        "print(made.count('Type') - before)\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1"]


def test_the_windows_modules_without_qt_load_before_qt(tmp_path):
    # PySide6 reads the source of every module imported after it (its `__feature__` hook,
    # some 0.1 ms each): those of the first window that import no Qt come first, none of
    # them brings Qt in, and the ones that do need Qt are all that is left for after it.
    _demo_file(tmp_path)
    script = (
        "import sys\n"
        "from keyplan.cli import program\n"
        "program._load_the_windows_qt_free_modules()\n"
        "before = set(sys.modules)\n"
        "assert not any(name.startswith('PySide6') for name in before)\n"
        "from keyplan.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'demo.db')!r}, '--exit-when-ready']) == 0\n"
        "after = [m for m in set(sys.modules) - before if m.startswith('keyplan')]\n"
        "qt_free = [m for m in after if 'PySide6' not in open(sys.modules[m].__file__).read()]\n"
        "print(sorted(qt_free))\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    # The document package imports its hub, which needs Qt: the package and its Qt-free
    # call modules come with it.
    assert result.stdout.split() == [
        "['keyplan.ui.document',",
        "'keyplan.ui.document.map_calls',",
        "'keyplan.ui.document.plan_calls',",
        "'keyplan.ui.document.roster_calls']",
    ]


def test_the_icon_and_the_keys_arrive_on_the_turn_after_the_window_shows(tmp_path):
    # Making QIcon and QKeySequence ready (their enums) and parsing the shortcuts: some
    # 6 ms the first window need not wait for; both come on the event loop's next turn.
    script = (
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtGui import QAction, QShortcut\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from keyplan.ui.shell import launch\n"
        "app = QApplication([])\n"
        "seen = []\n"
        "def look(when):\n"
        "    shown = [w for w in app.topLevelWidgets() if w.isVisible()]\n"
        "    keys = [len(a.shortcuts()) for w in shown for a in w.findChildren(QAction)]\n"
        "    tab_keys = [s.keys() for w in shown for s in w.findChildren(QShortcut)]\n"
        "    bound = sum(keys) > 10 and all(tab_keys)\n"
        "    seen.append(f'{when}:{len(shown)}:{app.windowIcon().isNull()}:{bound}')\n"
        "def first_turn():\n"  # runs before the window's own timers of that turn
        "    look('shown')\n"
        "    QTimer.singleShot(0, lambda: (look('next'), app.quit()))\n"
        "QTimer.singleShot(0, first_turn)\n"
        f"assert launch.run_gui({str(tmp_path / 'plan.db')!r}, False, ask=False) == 0\n"
        "print(' '.join(seen))\n"
        "print(sorted(app.windowIcon().availableSizes(), key=lambda s: s.width())[-1].width())\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["shown:1:True:False", "next:1:False:True", "256"]


def test_the_window_opens_without_making_the_icon_and_key_classes_ready(tmp_path):
    # QIcon (its ThemeIcon enum) and QKeySequence (StandardKey) cost some 5 ms to make ready;
    # the first frame shows no icon of ours and reads no key (see the test above).
    script = (
        RECORD_ENUMS + "from keyplan.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'plan.db')!r}, '--exit-when-ready']) == 0\n"
        "print('ThemeIcon' in made, 'StandardKey' in made)\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_the_window_shows_without_making_the_size_policy_and_selection_model_ready(tmp_path):
    # QSizePolicy and QItemSelectionModel with their enums cost some 5 M instructions to make
    # ready: the Overview's account box keeps its rows at the top with a stretch below them,
    # and the portfolio's tree hears of a new selection in its own slot.
    _demo_file(tmp_path)
    script = (
        RECORD_ENUMS + "from keyplan.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'demo.db')!r}, '--exit-when-ready']) == 0\n"
        "from PySide6 import QtCore, QtWidgets\n"
        "print('ControlType' in made, 'QSizePolicy' in vars(QtWidgets),"
        " 'QItemSelectionModel' in vars(QtCore))\n"
    )
    result = _run_python(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False"]


def test_the_named_tuples_every_start_makes_hold_types_not_strings():
    # typing compiles each field type given as a string into a ForwardRef when a named tuple
    # is made (some 100,000 instructions a field): the window's start evaluates its own.
    from typing import ForwardRef

    from keyplan.cli.program import SubCommand
    from keyplan.domain.fields import FieldSpec
    from keyplan.store.shell.quick_reads import AccountGlance, PortfolioRow
    from keyplan.ui.shell.account_tabs import AccountTab
    from keyplan.ui.shell.settings import Setting
    from keyplan.ui.widgets.theme import Tone

    records = (SubCommand, FieldSpec, AccountGlance, PortfolioRow, AccountTab, Setting, Tone)
    as_text = [
        f"{record.__name__}.{field}"
        for record in records
        for field, kind in record.__annotations__.items()
        if isinstance(kind, str | ForwardRef)
    ]
    assert as_text == []
