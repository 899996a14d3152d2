"""The desktop bundle (``make bundle``, dist/keyplan/) works on a machine without our Python.

Each test runs the bundled program as a user's desktop would: a clean environment with no
virtual environment on PATH, no PYTHONPATH, a private home and XDG folders, Qt offscreen, and
a working directory outside the repository. The bundle is built by ``make bundle``; without
one, or with one older than the source, these tests skip. ``KEYPLAN_BUNDLE_REQUIRED=1`` (set
by CI, which builds the bundle just before) makes a missing bundle a failure and tests the
bundle there is even when a source file changed after it was built.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUNDLE_DIR = REPO / "dist" / "keyplan"
EXECUTABLE = BUNDLE_DIR / ("keyplan.exe" if sys.platform == "win32" else "keyplan")
REQUIRED = os.environ.get("KEYPLAN_BUNDLE_REQUIRED") == "1"
TIMEOUT_S = 120
# What would mean the bundle is broken even when the exit code is 0.
ALARMS = ("Traceback", "ModuleNotFoundError", "Could not load the Qt platform plugin")


def _newest_source_change() -> float:
    sources = [*(REPO / "app" / "keyplan").rglob("*.py"), *(REPO / "resources").rglob("*")]
    sources += [REPO / "pyproject.toml", REPO / "packaging" / "keyplan.spec"]
    return max(path.stat().st_mtime for path in sources if path.is_file())


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not EXECUTABLE.exists():
        missing = f"no bundle at {EXECUTABLE.relative_to(REPO)}: build it with `make bundle`"
        if REQUIRED:
            pytest.fail(f"KEYPLAN_BUNDLE_REQUIRED=1 but there is {missing}")
        pytest.skip(missing)
    if not REQUIRED and EXECUTABLE.stat().st_mtime < _newest_source_change():
        # Testing yesterday's build would prove nothing about today's code.
        pytest.skip("the bundle is older than the source: rebuild it with `make bundle`")
    return EXECUTABLE


@dataclass
class CleanMachine:
    """A home of its own, and the environment a desktop session would give the program."""

    root: Path

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def data_home(self) -> Path:
        return self.home / ".local" / "share"

    def environment(self) -> dict[str, str]:
        runtime = self.root / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        return {
            "HOME": str(self.home),
            "PATH": "/usr/bin:/bin",  # no .venv/bin: the bundle must not need our Python
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.data_home),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_RUNTIME_DIR": str(runtime),
        }

    def run(self, program: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(program), *arguments],
            cwd=self.root,  # not the repository: nothing may be found from there
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
        alarms = [alarm for alarm in ALARMS if alarm in result.stderr]
        assert not alarms, f"keyplan {' '.join(arguments)} reported:\n{result.stderr}"
        return result

    def ok(self, program: Path, *arguments: str) -> str:
        result = self.run(program, *arguments)
        assert result.returncode == 0, (
            f"keyplan {' '.join(arguments)} exited {result.returncode}:\n{result.stderr}"
        )
        return result.stdout


@pytest.fixture
def machine(tmp_path: Path) -> CleanMachine:
    (tmp_path / "home").mkdir()
    return CleanMachine(tmp_path)


def project_version() -> str:
    """The version in pyproject.toml: the one place it is set."""
    with open(REPO / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def largest_account(accounts_listing: str) -> str:
    """The name of the top-level account with the most people in ``keyplan accounts``."""
    rows = []
    for line in accounts_listing.splitlines()[1:]:
        cells = re.split(r"\s{2,}", line.strip())
        if line.startswith(" ") or len(cells) < 3 or not cells[-1].isdigit():
            continue  # affiliates, and the closing summary line
        rows.append((int(cells[-1]), cells[0]))
    assert rows, f"no accounts in:\n{accounts_listing}"
    return max(rows)[1]


def test_version_comes_from_the_package_metadata(bundle, machine):
    assert machine.ok(bundle, "--version").strip() == f"keyplan {project_version()}"


def test_the_window_opens_on_a_demo_database_and_closes(bundle, machine):
    database = machine.root / "demo.db"
    machine.ok(bundle, "demo", "--db", str(database))

    machine.ok(bundle, "--db", str(database), "--exit-when-ready")

    assert "healthy" in machine.ok(bundle, "check", "--db", str(database))


def test_the_first_start_creates_the_users_database_with_the_demo(bundle, machine):
    machine.ok(bundle, "--exit-when-ready")

    own_database = machine.data_home / "Keyplan" / "keyplan.db"
    assert own_database.exists(), "the first start made no database in the user's data folder"
    listing = machine.ok(bundle, "accounts", "--db", str(own_database))
    assert "No accounts yet" not in listing
    # The schema was made by the migrations shipped in the bundle (Alembic read them there).
    import sqlite3

    with sqlite3.connect(own_database) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    from keyplan.store.schema import HEAD_REVISION

    assert revision == HEAD_REVISION


def test_a_plan_pdf_embeds_the_bundled_fonts(bundle, machine):
    from pypdf import PdfReader

    database = machine.root / "demo.db"
    machine.ok(bundle, "demo", "--db", str(database))
    account = largest_account(machine.ok(bundle, "accounts", "--db", str(database)))
    pdf = machine.root / "plan.pdf"

    machine.ok(
        bundle, "export-pdf", "--db", str(database), "--account", account,
        "--variant", "internal", "--out", str(pdf),
    )  # fmt: skip

    reader = PdfReader(pdf)
    assert len(reader.pages) > 1
    assert account in reader.pages[0].extract_text()
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        if "/BaseFont" in font.get_object()
    }
    assert "DejaVuSans" in fonts, f"the plan does not use the shipped font: {fonts}"


def test_a_map_png_is_drawn_by_the_bundled_qt(bundle, machine):
    database = machine.root / "demo.db"
    machine.ok(bundle, "demo", "--db", str(database))
    account = largest_account(machine.ok(bundle, "accounts", "--db", str(database)))
    picture = machine.root / "map.png"

    machine.ok(bundle, "export-map", "--db", str(database), "--account", account,
               "--out", str(picture))  # fmt: skip

    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.stat().st_size > 10_000, "a map of the largest account is not a tiny image"


def test_a_user_error_is_one_line_and_exit_code_one(bundle, machine):
    result = machine.run(bundle, "accounts", "--db", str(machine.root / "missing.db"))

    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("keyplan: ")


def test_the_bundle_is_lean(bundle):
    contents = BUNDLE_DIR / "_internal"
    present = {path.relative_to(contents).as_posix() for path in contents.rglob("*")}

    def any_named(fragment: str) -> list[str]:
        return sorted(path for path in present if fragment in path)[:3]

    for unused in ("PySide6/Qt/translations/", "libQt6Qml", "libQt6Quick", "libQt6Network",
                   "tkinter", "pytest", "hypothesis", "PIL/_avif"):  # fmt: skip
        assert not any_named(unused), f"the bundle carries what Keyplan never uses: {unused}"
    for needed in ("keyplan/store/migrations/versions/", "keyplan/_resources/fonts/DejaVuSans",
                   "keyplan/_resources/icons/keyplan-256.png", "keyplan-"):  # fmt: skip
        assert any_named(needed), f"the bundle lacks {needed}"


@pytest.mark.skipif(sys.platform != "linux", reason="the installer is for Linux desktops")
def test_install_script_puts_the_program_icon_and_menu_entry_in_place(bundle, machine):
    environment = machine.environment()
    prefix = machine.root / "opt" / "keyplan"
    environment.update(PREFIX=str(prefix), BIN_DIR=str(machine.home / "bin"))

    def install(*arguments: str) -> None:
        subprocess.run(
            ["sh", str(BUNDLE_DIR / "install.sh"), *arguments],
            env=environment, check=True, capture_output=True, timeout=TIMEOUT_S,
        )  # fmt: skip

    install()

    entry = machine.data_home / "applications" / "org.keyplan.Keyplan.desktop"
    fields = dict(line.split("=", 1) for line in entry.read_text().splitlines() if "=" in line)
    assert fields["Exec"] == str(prefix / "keyplan")
    assert fields["Icon"] == "org.keyplan.Keyplan"
    for size in (16, 48, 256):
        assert (
            machine.data_home / f"icons/hicolor/{size}x{size}/apps/org.keyplan.Keyplan.png"
        ).exists()
    linked = machine.home / "bin" / "keyplan"
    assert machine.ok(linked, "--version").strip() == f"keyplan {project_version()}"

    install("--uninstall")

    assert not entry.exists() and not linked.exists() and not prefix.exists()
