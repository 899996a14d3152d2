"""Where Keyplan keeps its files on this computer."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "Keyplan"
DATABASE_FILE_NAME = "keyplan.db"


def default_database_path() -> Path:
    """The user's own database: ``keyplan.db`` in the platform's user-data folder.

    The folder is not created here; opening the database creates it when needed.
    """
    from platformdirs import user_data_path  # only when no --db was given

    return user_data_path(APP_NAME, appauthor=False) / DATABASE_FILE_NAME


def demo_database_path() -> Path:
    """The demo portfolio's own file, beside the user's: opening it never touches their data."""
    return default_database_path().with_name("demo.db")
