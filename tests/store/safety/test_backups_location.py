"""The backups folder is found without importing platformdirs on Linux, and in the same place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from platformdirs import user_data_path

from keyplan.paths import APP_NAME
from keyplan.store.safety import backup, backups_location

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is Linux's")


@linux_only
@pytest.mark.parametrize(
    ("xdg_data_home", "home"),
    [
        ("/srv/data", "/home/ann"),  # XDG_DATA_HOME wins
        (None, "/home/ann"),  # unset: ~/.local/share
        ("", "/home/ann/"),  # empty, and a home with a trailing slash
        ("relative/data", "/home/ann"),  # a relative XDG_DATA_HOME is ignored
        (None, "relative-home"),  # a relative home: platformdirs looks it up
        (None, None),  # no home at all
    ],
)
def test_the_user_data_folder_is_where_platformdirs_puts_it(
    monkeypatch: pytest.MonkeyPatch, xdg_data_home: str | None, home: str | None
) -> None:
    for name, value in (("XDG_DATA_HOME", xdg_data_home), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    expected = user_data_path(APP_NAME, appauthor=False)
    assert backups_location.user_data_folder() == expected


def test_backup_still_offers_the_same_backups_folder(tmp_path: Path) -> None:
    database = tmp_path / "plan.db"
    assert backup.backups_folder(database) == backups_location.backups_folder(database)
    assert backups_location.backups_folder(database).parent == (
        user_data_path(APP_NAME, appauthor=False) / "backups"
    )
    assert backups_location.backups_folder(database).name.startswith("plan-")


@linux_only
def test_tidying_leftovers_imports_neither_platformdirs_nor_the_backups(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path;"
        "from keyplan.store.safety.leftovers import tidy_leftovers;"
        f"tidy_leftovers(Path({str(tmp_path / 'plan.db')!r}));"
        "print([m for m in ('platformdirs', 'keyplan.store.safety.backup') if m in sys.modules])"
    )
    env_path = str(Path(backups_location.__file__).parents[3])
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": env_path},
    )
    assert done.stdout.strip() == "[]"
