"""The backups folder is found without importing the backups module, and in the same place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from platformdirs import user_data_path

from keyplan.paths import APP_NAME
from keyplan.store.safety import backup, backups_location


def test_backup_still_offers_the_same_backups_folder(tmp_path: Path) -> None:
    database = tmp_path / "plan.db"
    assert backup.backups_folder(database) == backups_location.backups_folder(database)
    assert backups_location.backups_folder(database).parent == (
        user_data_path(APP_NAME, appauthor=False) / "backups"
    )
    assert backups_location.backups_folder(database).name.startswith("plan-")


def test_tidying_leftovers_does_not_import_the_backups(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path;"
        "from keyplan.store.safety.leftovers import tidy_leftovers;"
        f"tidy_leftovers(Path({str(tmp_path / 'plan.db')!r}));"
        "print('keyplan.store.safety.backup' in sys.modules)"
    )
    env_path = str(Path(backups_location.__file__).parents[3])
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": env_path},
    )
    assert done.stdout.strip() == "False"
